"""The page table's machinery: what a page is (:class:`Page`), what the browser asked for
(:class:`Address`), the matching of a pathname to its page and path parameters, the tab's title,
the header's navigation and the page every other address shows (:data:`NOT_FOUND`).

The table itself is given, never imported: each page declares its entry beside its component
tree (``layouts/<page>.py``) and ``layouts/page_table.py`` gathers them in the navigation's
order; ``app.create_app`` passes the table to the router, the page's status and the report.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from dash import dcc, html
from dash.development.base_component import Component

from dashboard.domain.context import AppContext
from dashboard.i18n import N_, Locale
from dashboard.views import state as view_state
from dashboard.views.cache import ViewCache
from dashboard.views.state import ViewState


@dataclass(frozen=True)
class Address:
    """What the browser asked for: the pathname, the query string, the path's parameters and
    the view state they give (see :func:`dashboard.views.url_parsing.parse`)."""

    pathname: str
    search: str
    params: Mapping[str, str] = field(default_factory=dict)
    state: ViewState = field(default_factory=ViewState)


#: A page's body from the app's data, its view cache, the address and the page's language.
Build = Callable[[AppContext, ViewCache, Address, Locale], Component]


@dataclass(frozen=True)
class Page:
    """One page of the dashboard.

    ``path`` is a template where ``<name>`` stands for one path segment, passed on as a
    parameter; ``title`` is the browser-tab title and ``label`` the navigation entry (catalogue
    messages; a label of None, no entry of its own). A page ``within`` another section highlights that
    section's entry; ``area_level`` is the level of the area the path's ``<area>`` names, shown
    in the title (``index_title`` when no area of that level has the name), and its view state
    is read from the path too. A page that ``follows_url``
    keeps itself in step with the URL (its query), so moving between its addresses does not
    render it again; its ``view_key`` is then the key of the view it opens on. ``framed`` pages have the header, notices and footer around them (the
    slides fill the screen instead); ``provision_links`` puts the "services counted" links above
    a page that has no control panel.
    """

    name: str
    path: str
    build: Build
    title: str
    label: str | None
    within: str | None = None
    area_level: str | None = None
    follows_url: bool = False
    framed: bool = True
    provision_links: bool = False
    #: Whether the page shows one wave's picture, with the "as at" links above it (the page
    #: comparing two waves chooses its own).
    shows_waves: bool = True
    #: The key of the view the page opens on (the overview's), kept by the page's frame so
    #: that the page's callbacks need not run to learn it.
    view_key: Callable[[AppContext, ViewCache, Address], str] | None = None
    #: The title of an area page whose area is unknown (it shows the index of the level's areas).
    index_title: str | None = None

    @property
    def section(self) -> str:
        """The navigation entry this page highlights."""
        return self.within or self.name


#: Every page of an app, in the order of the navigation.
PageTable = Sequence[Page]


def not_found_body(
    context: AppContext, cache: ViewCache, address: Address, locale: Locale
) -> Component:
    return html.Div(
        [
            html.H1(locale("Page not found")),
            html.P(locale("There is no page at this address. Try the overview or the directory.")),
            dcc.Link(locale("Go to the overview"), href=view_state.href("/", locale.lang)),
        ]
    )


NOT_FOUND_TITLE: Final = N_("Page not found – VAWDASV perpetration interventions in Wales")
#: What every address that no page matches shows (it is in no table, so never matched).
NOT_FOUND: Final = Page("not-found", "", not_found_body, NOT_FOUND_TITLE, None, shows_waves=False)


def _segments(path: str) -> list[str]:
    # Empty segments are ignored, as the URL parser ignores them ("/gaps/" is "/gaps").
    return [segment for segment in path.split("/") if segment]


def match(table: PageTable, pathname: object) -> tuple[Page, dict[str, str]]:
    """The page of ``table`` at ``pathname`` and its path parameters (the not-found page when
    none is)."""
    wanted = _segments(pathname if isinstance(pathname, str) else "/")
    for page in table:
        template = _segments(page.path)
        if len(template) != len(wanted):
            continue
        params: dict[str, str] = {}
        for part, segment in zip(template, wanted, strict=True):
            if part.startswith("<") and part.endswith(">"):
                params[part[1:-1]] = segment
            elif part != segment:
                break
        else:
            return page, params
    return NOT_FOUND, {}


def title(page: Page, params: Mapping[str, str], context: AppContext, locale: Locale) -> str:
    """The browser-tab title of ``page``; an area page whose area is unknown shows the index of
    its level's areas, with its own title."""
    if page.area_level is None:
        return locale(page.title)
    name = context.names(locale.lang, page.area_level).get(params.get("area", ""))
    if name is None:
        return locale(page.index_title or page.title)
    return locale(page.title).format(area=name)


def page_named(table: PageTable, name: str) -> Page:
    """The page called ``name`` in ``table`` (or the not-found page)."""
    return next(page for page in (*table, NOT_FOUND) if page.name == name)


def navigation(
    table: PageTable, page: Page, locale: Locale, wave: str | None = None
) -> list[tuple[str, str, bool]]:
    """The header's entries as (label, link, highlighted), built from ``table``; the wave shown
    goes with every page that shows one."""
    return [
        (
            locale(entry.label),
            view_state.href(entry.path, locale.lang, wave=wave if entry.shows_waves else None),
            entry.section == page.section,
        )
        for entry in table
        if entry.label is not None
    ]
