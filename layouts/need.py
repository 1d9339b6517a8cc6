"""The need beside provision page: criminal-justice indicators beside recorded provision."""

from __future__ import annotations

from typing import Final

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard.cymraeg import fill
from dashboard.domain import need
from dashboard.domain.context import AppContext
from dashboard.i18n import N_, Locale
from dashboard.views import page_views
from dashboard.views.cache import ViewCache
from dashboard.views.need import NeedView
from dashboard.web import ids
from dashboard.web.pages import Address, Page
from layouts.components import csv_button, data_table, figure_panel

INDICATOR_HEADERS = (
    N_("Area"),
    N_("Measure"),
    N_("Period"),
    N_("Count"),
    N_("Per 1,000 people"),
    N_("Population (mid-2024)"),
)
SECONDARY_HEADERS = (
    N_("Area"),
    N_("Measure"),
    N_("Period"),
    N_("Value"),
    N_("Unit"),
    N_("Source"),
    N_("Caveat"),
)


def indicators_table(indicators: pd.DataFrame, names: dict, locale: Locale) -> html.Table:
    rows = [
        (
            names.get(row.area, row.area),
            locale(row.measure),
            locale(row.period),
            locale.number(row.count),
            locale.number(row.rate_per_1000, 2)
            if row.rate_per_1000 == row.rate_per_1000
            else locale("not available"),
            locale.number(row.population)
            if row.population == row.population
            else locale("not in the data"),
        )
        for row in indicators.itertuples()
    ]
    headers = [locale(label) for label in INDICATOR_HEADERS]
    return data_table(headers, rows, numeric={3, 4, 5})


def secondary_table(secondary: pd.DataFrame, names: dict, locale: Locale) -> html.Table:
    """The secondary figures, each with what it measures, its period and unit in the page's
    language (the catalogue has every one of the data's), the report it was read in as that
    report names itself (English, marked as such), and its caveat."""
    rows = [
        (
            names.get(row.area, row.area),
            locale(row.measure),
            locale(row.period),
            locale.number(row.value, 0 if float(row.value).is_integer() else 1),
            locale(row.unit),
            html.Span(row.source, className="small", lang="en"),
            html.Span(row.caveat, className="small"),
        )
        for row in secondary.itertuples()
    ]
    headers = [locale(label) for label in SECONDARY_HEADERS]
    return data_table(headers, rows, numeric={3}, class_name="table table-sm list-table secondary")


def measure_control(measure: str, locale: Locale) -> dbc.Row:
    """The indicator the scatter plots against provision."""
    label = html.Label(
        locale("Indicator for the scatter"),
        htmlFor=ids.NEED_SCATTER_MEASURE,
        className="control-label",
    )
    select = dbc.Select(
        id=ids.NEED_SCATTER_MEASURE,
        value=measure,
        options=[{"label": locale(m), "value": m} for m in need.NEED_MEASURES],
    )
    return dbc.Row([dbc.Col([label, select], md=6)])


def need_figures(view: NeedView, note: str, locale: Locale) -> dbc.Row:
    """The scatter of need against provision, then one bar chart per measure."""
    provision_note = locale(
        "Provision (the vertical axis): {what}. Local services only, counted within one source "
        "for every force so that the forces compare alike; population ONS mid-2024."
    ).format(what=view.provision_note)
    scatter = figure_panel(
        view.scatter,
        page="need",
        panel="scatter",
        note=note + " " + provision_note,
        locale=locale,
        graph_id=ids.NEED_SCATTER,
    )
    bars = [
        dbc.Col(
            figure_panel(figure, page="need", panel=f"bars-{index}", note=note, locale=locale),
            lg=6,
        )
        for index, figure in enumerate(view.bars.values())
    ]
    return dbc.Row([dbc.Col(scatter, lg=12), *bars], className="g-3")


def need_page(view: NeedView, secondary: pd.DataFrame, *, measure: str, locale: Locale) -> html.Div:
    indicators = view.indicators
    caveat = indicators["caveat"].iloc[0] if len(indicators) else ""
    note = locale(
        "Home Office, Police recorded crime, Table P1, {period} (official statistics). Rates per 1,000 people use the ONS mid-2024 population estimates (all ages) summed over each force's local authorities. England and Wales has no rate here because the project holds no England and Wales population. {caveat}"
    ).format(period=locale(need.P1_PERIOD), caveat=locale(caveat))
    return html.Div(
        [
            html.H1(locale("Need beside provision"), className="page-title"),
            html.P(
                locale(
                    "Criminal-justice indicators by police force area beside interventions per 100,000 people aged 16 and over. Each chart names its period and source; figures from different periods never share a series."
                ),
                className="lead-text",
            ),
            measure_control(measure, locale),
            need_figures(view, note, locale),
            html.H2(locale("Indicators (official statistics)"), className="panel-title"),
            html.Div(
                [
                    indicators_table(indicators, view.names, locale),
                    csv_button("indicators", locale, page="need"),
                ],
                className="intervention-list",
            ),
            html.H2(
                locale("Secondary figures (read in reports, not official tables)"),
                className="panel-title",
            ),
            dbc.Alert(
                locale(
                    "These figures were copied from news reports, a charity press release and other publications that quote official statistics. Periods differ; each series below is one measure for one period. Read the caveat on every row."
                ),
                color="warning",
            ),
            html.Details(
                [
                    html.Summary(
                        fill(
                            locale("Show the {n} secondary figures with their sources and caveats"),
                            n=locale.number(len(secondary)),
                        )
                    ),
                    html.Div(
                        [secondary_table(secondary, view.names, locale)],
                        className="intervention-list",
                    ),
                ],
                className="secondary-details",
            ),
            csv_button("secondary", locale, page="need"),
        ],
        className="review",
    )


def page_body(context: AppContext, cache: ViewCache, address: Address, locale: Locale) -> html.Div:
    measure = need.NEED_MEASURES[1]
    result = page_views.need_view(cache, context, address.state, measure)
    secondary = need.secondary_series(context.bundle.criminal_justice)
    return need_page(result, secondary, measure=measure, locale=locale)


NEED_TITLE: Final = N_("Need beside provision – VAWDASV perpetration interventions in Wales")
PAGE: Final = Page(
    "need", "/need", page_body, NEED_TITLE, N_("Need and provision"), provision_links=True
)
