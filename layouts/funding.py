"""The funding cliff-edge page: when the interventions' stated funding ends, and who funds them."""

from __future__ import annotations

from typing import Final

import dash_bootstrap_components as dbc
from dash import html

from dashboard.domain import cliff, counting, precarity
from dashboard.domain.context import AppContext
from dashboard.i18n import N_, Locale
from dashboard.views import page_views
from dashboard.views.cache import ViewCache
from dashboard.views.funding import FundingView
from dashboard.web import ids
from dashboard.web.pages import Address, Page
from layouts.components import figure_panel, radio_group, source_note


def funding_page(view: FundingView, *, group: str, locale: Locale, current_year: str) -> html.Div:
    """Stated funding ends: the summary, the timeline by group and the two breakdowns."""
    return html.Div(
        [
            html.H1(locale("Funding cliff-edge"), className="page-title"),
            # What is known first: for how many services an end date is stated at all.
            dbc.Alert(view.lead, color="warning", id="funding-summary"),
            html.P(view.precarity, id="funding-precarity"),
            html.P(
                locale(
                    "The 2023 survey found 14 of 21 grant-funded interventions due to end in the 2023 to 2024 financial year. Dates here are the funding ends stated in the public documents; the current financial year is {year}."
                ).format(year=current_year),
                className="lead-text",
            ),
            dbc.Row([dbc.Col(group_control(group, locale))]),
            figure_panel(
                view.timeline,
                page="funding",
                panel="timeline",
                graph_id=ids.FUNDING_TIMELINE,
                note=locale(
                    "One marker per intervention with a stated funding end, at the financial year it ends. The dashed line is the current financial year."
                ),
                locale=locale,
            ),
            breakdowns(view, locale),
            html.P(class_counts(view, locale)),
            source_note(method_note(locale), locale),
        ],
        className="review",
    )


def group_control(group: str, locale: Locale) -> list:
    """What the timeline's markers are grouped by."""
    return radio_group(
        locale("Group by"),
        ids.FUNDING_GROUP,
        group,
        [
            ("funder", locale("Primary funder")),
            ("class", locale("Devolved or not")),
            ("region", locale("VAWDASV region")),
            ("force", locale("Police force area")),
        ],
    )


def breakdowns(view: FundingView, locale: Locale) -> dbc.Row:
    """Side by side: how soon the stated funding ends, and who funds (devolved or not)."""
    return dbc.Row(
        [
            dbc.Col(
                figure_panel(
                    view.horizon_chart,
                    page="funding",
                    panel="horizons",
                    note=locale(
                        "'Within 12 months': the financial year ends (31 March) within a year of the date shown."
                    ),
                    locale=locale,
                ),
                lg=6,
            ),
            dbc.Col(
                figure_panel(
                    view.class_chart,
                    page="funding",
                    panel="classes",
                    note=locale(
                        "Devolved: local authorities, Welsh Government, health. Non-devolved: PCCs, HMPPS, Home Office, Ministry of Justice (the survey's split). Pooled or other: regional VAWDASV partnerships, charitable and other funders. Survey (not this directory): a slight majority of interventions funded by non-devolved bodies."
                    ),
                    locale=locale,
                ),
                lg=6,
            ),
        ],
        className="g-3",
    )


def class_counts(view: FundingView, locale: Locale) -> str:
    """The services of each funding class, in words (the class chart's numbers)."""
    classes = view.classes
    return locale("Devolved {d}, non-devolved {n}, pooled or other {p}, unknown {u}.").format(
        d=int(classes[cliff.DEVOLVED]),
        n=int(classes[cliff.NON_DEVOLVED]),
        p=int(classes[cliff.POOLED_OR_OTHER]),
        u=int(classes["unknown"]),
    )


def method_note(locale: Locale) -> str:
    """The rules behind the page's counts, word for word: current provision, known values,
    none and not known; then every funding-precarity band's rule."""
    rules = " ".join(locale(counting.RULES[key]) for key in ("current", "known", "none_recorded"))
    bands = " ".join(locale(step) for step in precarity.RULE_STEPS)
    return rules + " " + locale("Funding precarity bands: {rule}").format(rule=bands)


def page_body(context: AppContext, cache: ViewCache, address: Address, locale: Locale) -> html.Div:
    result = page_views.funding_view(cache, context, address.state)
    return funding_page(
        result, group="funder", locale=locale, current_year=context.directory.current_year
    )


FUNDING_TITLE: Final = N_("Funding cliff-edge – VAWDASV perpetration interventions in Wales")
PAGE: Final = Page(
    "funding", "/funding", page_body, FUNDING_TITLE, N_("Funding"), provision_links=True
)
