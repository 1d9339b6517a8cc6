"""Presenter mode: buttons (and the keys, see assets/present.js) move between slides."""

from __future__ import annotations

from functools import partial
from types import MappingProxyType
from typing import Final

from dash import ClientsideFunction, Dash, Input, Output, ctx, no_update

from callbacks.common import keeps_url_in_step
from dashboard.domain.context import AppContext
from dashboard.i18n import locale_for
from dashboard.views import page_views, url_parsing
from dashboard.views import state as view_state
from dashboard.views.cache import ViewCache
from dashboard.web import ids
from layouts.present import slide_view

#: Where each button takes the slide of index ``i`` of ``n``.
MOVES: Final = MappingProxyType(
    {
        ids.PRESENT_NEXT: lambda i, n: i + 1,
        ids.PRESENT_PREV: lambda i, n: i - 1,
        ids.PRESENT_FIRST: lambda i, n: 0,
        ids.PRESENT_LAST: lambda i, n: n - 1,
    }
)


def move(context: AppContext, cache: ViewCache, trigger: object, search: object) -> tuple:
    """The slide a button (``trigger``) moves to from the one in the address, and the query
    string that names it; nothing when it stays (the first slide's "previous")."""
    if trigger not in MOVES:
        return no_update, no_update
    locale = locale_for(url_parsing.language_of(search))
    wave = url_parsing.wave_of(context, search)
    deck = page_views.slides(cache, context.at(wave), locale.lang)
    index = url_parsing.slide_index(search, len(deck))
    new_index = min(max(MOVES[trigger](index, len(deck)), 0), len(deck) - 1)
    if new_index == index:
        return no_update, no_update
    number = new_index + 1
    slide = slide_view(deck[new_index], number, len(deck), locale)
    return slide, view_state.slide_search(number, locale.lang, wave)


def move_on_click(
    context: AppContext, cache: ViewCache, _next, _prev, _first, _last, search: object
) -> tuple:
    """Dash's adapter for :func:`move`: which button fired."""
    return move(context, cache, ctx.triggered_id, search)


def register(app: Dash, context: AppContext, cache: ViewCache) -> None:
    """Attach the presenter's callbacks to ``app``, bound to ``context`` and ``cache``."""
    buttons = [Input(button, "n_clicks") for button in MOVES]
    keeps_url_in_step(app, ids.PRESENT_URL, [Output(ids.PRESENT_SLIDE, "children")], buttons)(
        partial(move_on_click, context, cache)
    )
    # assets/present-callbacks.js
    app.clientside_callback(
        ClientsideFunction("present", "fullScreen"),
        Output(ids.PRESENT_FULLSCREEN, "title"),
        Input(ids.PRESENT_FULLSCREEN, "n_clicks"),
        prevent_initial_call=True,
    )
