"""Presenter mode: buttons (and the keys, see assets/present.js) move between slides."""

from __future__ import annotations

from dash import Dash, Input, Output, ctx, no_update

from callbacks.common import keeps_url_in_step
from dashboard.domain.context import AppContext
from dashboard.i18n import locale_for
from dashboard.views import page_views, url_parsing
from dashboard.views import state as view_state
from dashboard.views.cache import ViewCache
from dashboard.web import ids
from layouts.present import slide_view


def register(app: Dash, context: AppContext, cache: ViewCache) -> None:
    buttons = [
        Input(ids.PRESENT_NEXT, "n_clicks"),
        Input(ids.PRESENT_PREV, "n_clicks"),
        Input(ids.PRESENT_FIRST, "n_clicks"),
        Input(ids.PRESENT_LAST, "n_clicks"),
    ]
    #: Where each button takes the slide of index ``i`` of ``n``.
    moves = {
        ids.PRESENT_NEXT: lambda i, n: i + 1,
        ids.PRESENT_PREV: lambda i, n: i - 1,
        ids.PRESENT_FIRST: lambda i, n: 0,
        ids.PRESENT_LAST: lambda i, n: n - 1,
    }

    @keeps_url_in_step(app, ids.PRESENT_URL, [Output(ids.PRESENT_SLIDE, "children")], buttons)
    def move(_next, _prev, _first, _last, search):
        if ctx.triggered_id not in moves:
            return no_update, no_update
        locale = locale_for(url_parsing.language_of(search))
        wave = url_parsing.wave_of(context, search)
        deck = page_views.slides(cache, context.at(wave), locale.lang)
        index = url_parsing.slide_index(search, len(deck))
        new_index = min(max(moves[ctx.triggered_id](index, len(deck)), 0), len(deck) - 1)
        if new_index == index:
            return no_update, no_update
        number = new_index + 1
        slide = slide_view(deck[new_index], number, len(deck), locale)
        return slide, view_state.slide_search(number, locale.lang, wave)

    app.clientside_callback(
        """
        function(n) {
            if (n && document.fullscreenElement == null && document.documentElement.requestFullscreen) {
                document.documentElement.requestFullscreen().catch(function () {});
            } else if (n && document.exitFullscreen && document.fullscreenElement) {
                document.exitFullscreen();
            }
            return window.dash_clientside.no_update;
        }
        """,
        Output(ids.PRESENT_FULLSCREEN, "title"),
        Input(ids.PRESENT_FULLSCREEN, "n_clicks"),
        prevent_initial_call=True,
    )
