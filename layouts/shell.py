"""The app shell: header with navigation and language switch, page container, footer."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import Translate
from dashboard.web import ids

NAV_ITEMS = (
    ("/", "Overview"),
    ("/gaps", "Gap review"),
    ("/scorecard", "Minimum offer"),
    ("/need", "Need and provision"),
    ("/funding", "Funding"),
    ("/directory", "Directory"),
    ("/present", "Present"),
)


def shell() -> html.Div:
    """The static frame; the router fills ``ids.PAGE``."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.LANG_STORE, storage_type="local"),
            html.A("Skip to main content", href="#main", className="skip-link"),
            html.Div(id=ids.PAGE, className="page"),
        ]
    )


def header(*, active: str, lang: str, switch_href: str, _: Translate) -> html.Header:
    links = [
        dbc.NavItem(
            dbc.NavLink(
                _(label),
                href=path + ("?lang=cy" if lang == "cy" else ""),
                active=path == active,
                className="nav-link-main",
            )
        )
        for path, label in NAV_ITEMS
    ]
    other = "cy" if lang == "en" else "en"
    return html.Header(
        dbc.Navbar(
            dbc.Container(
                [
                    html.Div(
                        [
                            html.Span(
                                _("VAWDASV perpetration interventions"), className="brand-title"
                            ),
                            html.Span(_("Wales"), className="brand-sub"),
                        ],
                        className="brand",
                    ),
                    dbc.Nav(links, className="me-auto main-nav", navbar=True),
                    html.A(
                        "Cymraeg" if other == "cy" else "English",
                        href=switch_href,
                        lang=other,
                        id=ids.LANG_SWITCH,
                        className="lang-switch",
                    ),
                ],
                fluid=True,
            ),
            color="#1d3557",
            dark=True,
            className="app-navbar",
        ),
        className="app-header",
    )


def notices(messages: list[str], _: Translate) -> html.Div | None:
    """Friendly messages about corrected URL values; nothing when all was well."""
    if not messages:
        return None
    return dbc.Alert(
        [
            html.Strong(_("Some link settings were not recognised:")),
            html.Ul([html.Li(m) for m in messages]),
        ],
        color="warning",
        dismissable=True,
        id=ids.NOTICE,
        className="notice",
    )


def footer(_: Translate, data_date: str) -> html.Footer:
    return html.Footer(
        dbc.Container(
            [
                html.P(
                    _(
                        "Boundaries and population: Source: Office for National Statistics licensed "
                        "under the Open Government Licence v.3.0. Contains OS data © Crown copyright "
                        "and database right 2024."
                    )
                ),
                html.P(
                    _(
                        "Police recorded crime: Home Office, Police recorded crime, Table P1, year "
                        "ending June 2025. Contains public sector information licensed under the Open "
                        "Government Licence v3.0."
                    )
                ),
                html.P(
                    _(
                        "Interventions: curated from five public documents (Welsh Government, Policing "
                        "in Wales, Fowler, Karim & Feder 2020); each row cites its source. Last "
                        "checked: {date}."
                    ).format(date=data_date)
                ),
            ],
            fluid=True,
        ),
        className="app-footer",
    )


def source_note(text: str, _: Translate) -> html.Details:
    """A short, collapsible "source and method" note under a panel."""
    return html.Details(
        [html.Summary(_("Source and method")), html.P(text)], className="source-note"
    )


def data_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    numeric: Collection[int] = (),
    class_name: str = "table table-sm list-table",
) -> html.Table:
    """A plain HTML table with column headers; ``numeric`` columns are right-aligned."""
    return html.Table(
        [
            html.Thead(html.Tr([html.Th(header, scope="col") for header in headers])),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td(cell, className="num" if index in numeric else None)
                            for index, cell in enumerate(row)
                        ]
                    )
                    for row in rows
                ]
            ),
        ],
        className=class_name,
    )


def provision_links(path: str, state: Any, _: Translate) -> html.Nav:
    """The status control of pages without a control panel: two links that keep the rest of
    the page's settings and change only which services are counted."""
    from dataclasses import replace

    from dashboard.domain import counting
    from dashboard.views import state as view_state

    def href(provision: str) -> str:
        _path, search = view_state.to_url(replace(state, provision=provision, area=None))
        return (path or "/") + search

    options = (
        (counting.CURRENT, _("Current provision (active and pilot)")),
        (counting.ALL_STATUSES, _("Include ended and planned services")),
    )
    links: list[Any] = [html.Span(_("Services counted:"), className="control-label me-2")]
    for provision, label in options:
        chosen = provision == state.provision
        # The chosen option says so in words too (dcc.Link takes no aria-current).
        text = [label, html.Span(" " + _("(shown)"), className="visually-hidden")] if chosen else label
        links.append(
            dcc.Link(
                text,
                href=href(provision),
                className="provision-link" + (" active" if chosen else ""),
            )
        )
    return html.Nav(links, className="provision-links", **{"aria-label": _("Services counted")})
