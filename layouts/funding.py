"""The funding cliff-edge page: when the interventions' stated funding ends, and who funds them."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.domain import cliff
from dashboard.i18n import Locale
from dashboard.web import ids
from layouts.components import figure_panel, radio_group


def funding_page(view: dict, *, group: str, locale: Locale, current_year: str) -> html.Div:
    """Stated funding ends: the summary, the timeline by group and the two breakdowns."""
    horizons = view["horizons"]
    classes = view["classes"]
    summary = locale(
        "{within} interventions' stated funding ends within 12 months; {ended} had a stated end that has passed; {unknown} have no stated end date."
    ).format(
        within=int(horizons[cliff.WITHIN_12_MONTHS]),
        ended=int(horizons[cliff.ENDED]),
        unknown=int(horizons[cliff.NOT_STATED]),
    )
    return html.Div(
        [
            html.H1(locale("Funding cliff-edge"), className="page-title"),
            dbc.Alert(summary, color="warning", id="funding-summary"),
            html.P(
                locale(
                    "The 2023 survey found 14 of 21 grant-funded interventions due to end in the 2023 to 2024 financial year. Dates here are the funding ends stated in the public documents; the current financial year is {year}."
                ).format(year=current_year),
                className="lead-text",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        radio_group(
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
                    )
                ]
            ),
            figure_panel(
                view["timeline"],
                page="funding",
                panel="timeline",
                graph_id=ids.FUNDING_TIMELINE,
                note=locale(
                    "One marker per intervention with a stated funding end, at the financial year it ends. The dashed line is the current financial year."
                ),
                locale=locale,
            ),
            dbc.Row(
                [
                    dbc.Col(
                        figure_panel(
                            view["horizon_chart"],
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
                            view["class_chart"],
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
            ),
            html.P(
                locale("Devolved {d}, non-devolved {n}, pooled or other {p}, unknown {u}.").format(
                    d=int(classes[cliff.DEVOLVED]),
                    n=int(classes[cliff.NON_DEVOLVED]),
                    p=int(classes[cliff.POOLED_OR_OTHER]),
                    u=int(classes["unknown"]),
                )
            ),
        ],
        className="review",
    )
