"""The app shell: header with navigation and language switch, page container, footer."""

from __future__ import annotations

from collections.abc import Iterable

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import Locale
from dashboard.web import ids


def index_string(before_scripts: str) -> str:
    """Dash's own page template, with its scripts in a plain ``div``: Dash's ``footer`` around
    them was a second "contentinfo" landmark beside the page's footer (axe's
    landmark-no-duplicate-contentinfo and landmark-unique on every page). ``before_scripts``: the
    tag of the script that keeps the browser's own string and number functions from Dash's
    polyfill (:func:`dashboard.web.engine_builtins.keep_script_tag`), before Dash's scripts."""
    return (
        """<!DOCTYPE html>
<html>
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <div class="dash-scripts">
            """
        + before_scripts
        + """
            {%config%}
            {%scripts%}
            {%renderer%}
        </div>
    </body>
</html>"""
    )


#: The name of the page the router last rendered (one that keeps itself in step with the URL is
#: not rendered again while it is shown).
PAGE_KIND_STORE = "shell-page-kind"
#: The browser-tab title of the page shown; a clientside callback writes it to ``document.title``.
PAGE_TITLE_STORE = "shell-page-title"


def shell() -> html.Div:
    """The static frame; the router fills ``ids.PAGE``."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.LANG_STORE, storage_type="local"),
            html.Div(id=ids.PAGE, className="page"),
            dcc.Store(id=PAGE_KIND_STORE),
            dcc.Store(id=PAGE_TITLE_STORE),
        ]
    )


def skip_link(locale: Locale) -> html.A:
    """The first thing a keyboard reaches on every page: a link past the header to the page's
    main content, in the page's language (drawn with the page: the static shell has none)."""
    return html.A(locale("Skip to main content"), href="#main", className="skip-link")


def header(
    *, navigation: Iterable[tuple[str, str, bool]], switch_href: str, locale: Locale
) -> html.Header:
    """The banner: the title, one link per ``(label, href, active)`` entry, the language switch."""
    links = [
        dbc.NavItem(dbc.NavLink(label, href=href, active=active, className="nav-link-main"))
        for label, href, active in navigation
    ]
    other = locale.other
    return html.Header(
        dbc.Navbar(
            dbc.Container(
                [
                    html.Div(
                        [
                            html.Span(
                                locale("VAWDASV perpetration interventions"),
                                className="brand-title",
                            ),
                            html.Span(locale("Wales"), className="brand-sub"),
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


def notices(messages: list[str], locale: Locale) -> html.Div | None:
    """Friendly messages about corrected URL values; nothing when all was well."""
    if not messages:
        return None
    # Our own close button: dbc's (dismissable=True) is named "Close" in English on every page.
    return dbc.Alert(
        [
            html.Button(
                type="button",
                id=ids.NOTICE_CLOSE,
                className="btn-close",
                **{"aria-label": locale("Close")},
            ),
            html.Strong(locale("Some link settings were not recognised:")),
            html.Ul([html.Li(m) for m in messages]),
        ],
        color="warning",
        id=ids.NOTICE,
        className="notice alert-dismissible",
    )


def footer(locale: Locale, data_date: str, sources_span: str = "", shown: str = "") -> html.Footer:
    """Every page's sources; ``shown``: the wave the page shows and what it adds, when the data
    offers several."""
    return html.Footer(
        dbc.Container(
            [
                html.P(
                    locale(
                        "Boundaries and population: Source: Office for National Statistics licensed "
                        "under the Open Government Licence v.3.0. Contains OS data © Crown copyright "
                        "and database right 2024."
                    )
                ),
                html.P(
                    locale(
                        "Police recorded crime: Home Office, Police recorded crime, Table P1, year "
                        "ending June 2025. Contains public sector information licensed under the Open "
                        "Government Licence v3.0."
                    )
                ),
                html.P(
                    locale(
                        "Interventions: curated from five public documents (Welsh Government, Policing "
                        "in Wales, Fowler, Karim & Feder 2020), dated {span}; each row cites its "
                        "source and says when it was last described. Data checked against the "
                        "documents: {date}."
                    ).format(date=data_date, span=sources_span)
                ),
                *([html.P(shown)] if shown else []),
            ],
            fluid=True,
        ),
        className="app-footer",
    )
