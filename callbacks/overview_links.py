"""The overview's links that follow its address (the language switch, the "as at" links) and
its report download: the callbacks of :mod:`callbacks.overview` that need no drawing of the view.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, no_update

from callbacks.shell import switch_href
from dashboard.domain.context import AppContext
from dashboard.i18n import locale_for
from dashboard.views import page_views, report, url_parsing
from dashboard.views import state as view_state
from dashboard.views.cache import ViewCache
from dashboard.views.overview import OverviewView
from layouts.components import wave_links_children


def keep_language_switch_in_step(
    _context: AppContext, _cache: ViewCache, pathname: object, search: object
) -> str:
    """The language switch's link: this address in the other language."""
    pathname = pathname if isinstance(pathname, str) and pathname else "/"
    search = search if isinstance(search, str) else ""
    return switch_href(pathname, search, url_parsing.language_of(search))


def keep_wave_links_in_step(
    context: AppContext, _cache: ViewCache, pathname: object, search: object
) -> list:
    """The "as at" links, keeping the overview's settings as they change."""
    path = view_state.bounded_path(pathname)
    query = view_state.bounded_search(search)
    locale = locale_for(url_parsing.language_of(query))
    return wave_links_children(context, path, query, locale)


def keep_links_in_step(
    context: AppContext, cache: ViewCache, pathname: object, search: object
) -> tuple[str, list]:
    """The language switch and the "as at" links for the address, in one answer: one callback
    less for dash-renderer to run on every change of the address (each costs it a request and
    its bookkeeping, in series with the panels' redraw)."""
    return (
        keep_language_switch_in_step(context, cache, pathname, search),
        keep_wave_links_in_step(context, cache, pathname, search),
    )


def download_report(context: AppContext, cache: ViewCache, clicks: object, key: object) -> Any:
    """The report of the view shown, as a file."""
    view = page_views.view_for_key(cache, context, key) if clicks else None
    if view is None:
        return no_update
    return dcc.send_string(
        report.build_report(context.at(view.state.wave), view), report_filename(view)
    )


def report_filename(view: OverviewView) -> str:
    return f"vawdasv-interventions-{view.area or 'wales'}.html"
