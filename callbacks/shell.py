"""The router: pathname -> the page of the page table, framed, with its title and language.

A page that keeps itself in step with the URL (the overview) is not rendered again when only its
address's query changes.
"""

from __future__ import annotations

from functools import partial
from typing import Final, NamedTuple

from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html, no_update
from dash.development.base_component import Component

from callbacks.common import reads_search
from dashboard.domain.context import AppContext
from dashboard.i18n import LANGUAGES, Locale, locale_for
from dashboard.views import coverage_text, url_parsing
from dashboard.views import state as view_state
from dashboard.views.cache import ViewCache
from dashboard.views.state import switch_href
from dashboard.web import ids, pages
from layouts import components, shell
from layouts.page_table import PAGES

__all__ = ["Rendered", "register", "render", "route", "switch_href"]


class Rendered(NamedTuple):
    layout: Component
    page: pages.Page
    title: str


def render(
    context: AppContext,
    cache: ViewCache,
    pathname: object,
    search: object,
    table: pages.PageTable = PAGES,
) -> Rendered:
    """The full page of ``table`` for a URL, with any corrected URL values explained, its view
    computed through ``cache``."""
    # What the client sent is echoed (the page's address, the language link) only when short.
    path = view_state.bounded_path(pathname)
    page, params = pages.match(table, path)
    reads_path = page.area_level is not None
    parsed = url_parsing.parse_for(context, path if reads_path else "/", search)
    # The wave asked for ("as at"): every page is built from its picture.
    context = context.at(parsed.state.wave)
    query = view_state.bounded_search(search)
    locale = locale_for(parsed.state.lang)
    address = pages.Address(pathname=path, search=query, params=params, state=parsed.state)
    body = page.build(context, cache, address, locale)
    title = pages.title(page, params, context, locale)
    view_key = page.view_key(context, cache, address) if page.view_key else None
    if not page.framed:
        return Rendered(unframed(body, locale, view_key), page, title)
    messages = url_parsing.problem_texts(parsed, locale)
    layout = html.Div(
        [
            shell.skip_link(locale),
            shell.header(
                navigation=pages.navigation(table, page, locale, parsed.state.wave),
                switch_href=switch_href(path, query, locale.lang),
                locale=locale,
            ),
            html.Main(
                [
                    shell.notices(messages, locale),
                    *(
                        [components.wave_links(context, path, query, locale)]
                        if page.shows_waves
                        else []
                    ),
                    *(
                        [components.provision_links(path, parsed.state, locale)]
                        if page.provision_links
                        else []
                    ),
                    *page_parts(body, view_key),
                ],
                id="main",
                lang=locale.lang,
                className="container-fluid app-main",
            ),
            shell.footer(
                locale,
                context.data_date,
                coverage_text.sources_span(context),
                coverage_text.wave_shown(context, locale),
            ),
        ]
    )
    return Rendered(layout, page, title)


def page_parts(body: Component, view_key: str | None = None) -> list[Component]:
    """The body and what every page holds: the overview's view key (of the view the page opens
    on, if it has one) and the CSV download."""
    return [body, dcc.Store(id=ids.VIEW_KEY, data=view_key), dcc.Download(id=ids.EXPORT_CSV)]


def unframed(body: Component, locale: Locale, view_key: str | None = None) -> html.Div:
    """A page that fills the screen (the slides): no header or footer, only a quiet way back."""
    return html.Div(
        [
            shell.skip_link(locale),
            # The way back inside the main landmark: outside every landmark, axe's "region" rule
            # found it (drawn in the corner by assets/10-app.css either way).
            html.Main(
                [
                    *page_parts(body, view_key),
                    dcc.Link(
                        locale("Leave presenter mode"),
                        href=view_state.href("/", locale.lang),
                        className="leave-present",
                    ),
                ],
                id="main",
                lang=locale.lang,
            ),
        ]
    )


def first_addresses(context: AppContext, table: pages.PageTable) -> tuple[tuple[str, str], ...]:
    """(pathname, query) of the pages :func:`render_first_pages` renders, in each language: the
    overview, the overview with each area of its opening level chosen (what a click on its map
    asks for first), and each area page of ``table`` for the first area of its level."""
    overview = [page.path for page in table if page.path == "/"]
    profiles = [
        page.path.replace("<area>", min(context.names("en", page.area_level)))
        for page in table
        if page.area_level is not None
    ]
    clicked = sorted(context.names("en", view_state.DEFAULT_LEVEL))
    return tuple(
        address
        for lang in LANGUAGES
        for address in (
            *((path, f"?lang={lang}") for path in overview + profiles),
            *((path, f"?area={area}&lang={lang}") for path in overview for area in clicked),
        )
    )


def render_first_pages(context: AppContext, cache: ViewCache, table: pages.PageTable) -> None:
    """Render the pages of :func:`first_addresses` once, before serving (gunicorn's master, whose
    workers inherit what it computed): the overview's views, the panels' chart templates of each
    language, the first label places and every first-time path of building a page. A worker's
    first profile took about 490 ms on the server, a later one 60 ms (docs/PERFORMANCE.md,
    issue 25); the overview's first view about 60 ms, a later one 5; a worker's first click on
    an area of the opening map 32 ms, a later one 16."""
    for pathname, search in first_addresses(context, table):
        render(context, cache, pathname, search, table)


#: What the router fills: the page shown, the tab's title, the language chosen.
ROUTER_STORES: Final = (shell.PAGE_KIND_STORE, shell.PAGE_TITLE_STORE, ids.LANG_STORE)
#: What the router reads back: the page shown, the language remembered.
REMEMBERED_STORES: Final = (shell.PAGE_KIND_STORE, ids.LANG_STORE)


def route(
    context: AppContext,
    cache: ViewCache,
    table: pages.PageTable,
    pathname: object,
    current_page: object,
    remembered_lang: object,
    search: object,
) -> tuple:
    """The page for the address (:func:`render`), its kind, its title, its language and, when
    the remembered language was added to it, the corrected query string. A page that keeps
    itself in step with the URL (the overview) is not rendered again: only the tab's title
    changes."""
    page, params = pages.match(table, view_state.bounded_path(pathname))
    if page.follows_url and current_page == page.name:
        locale = locale_for(url_parsing.language_of(search))
        title = pages.title(page, params, context, locale)
        return no_update, no_update, title, no_update, no_update
    search, corrected = view_state.with_remembered_language(search, remembered_lang)
    rendered = render(context, cache, pathname, search, table)
    return (
        rendered.layout,
        rendered.page.name,
        rendered.title,
        url_parsing.language_of(search),
        no_update if corrected is None else corrected,
    )


def register(app: Dash, context: AppContext, cache: ViewCache, table: pages.PageTable) -> None:
    """Attach the router and the frame's two browser callbacks (assets/shell-callbacks.js) to
    ``app``, the router bound to ``context``, ``cache`` and ``table``."""
    reads_search(
        app,
        ids.URL,
        Output(ids.PAGE, "children"),
        *(Output(store, "data") for store in ROUTER_STORES),
        Output(ids.URL, "search"),
        Input(ids.URL, "pathname"),
        *(State(store, "data") for store in REMEMBERED_STORES),
        initial=True,
    )(partial(route, context, cache, table))
    # The notice's close button hides it.
    app.clientside_callback(
        ClientsideFunction("shell", "closeNotice"),
        Output(ids.NOTICE, "is_open"),
        Input(ids.NOTICE_CLOSE, "n_clicks"),
        prevent_initial_call=True,
    )
    # The document's language and the browser-tab title follow the page shown.
    app.clientside_callback(
        ClientsideFunction("shell", "followPage"),
        Output(ids.PAGE, "lang"),
        Input(ids.LANG_STORE, "data"),
        Input(shell.PAGE_TITLE_STORE, "data"),
    )
