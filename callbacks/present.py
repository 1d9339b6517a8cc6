"""Presenter mode: buttons (and the arrow keys, see assets/present.js) move between slides."""

from __future__ import annotations

from dash import Dash, Input, Output, State, ctx, no_update

from dashboard import i18n
from dashboard.domain.context import AppContext
from dashboard.views import findings
from dashboard.views import state as view_state
from dashboard.web import ids
from layouts.present import slide_index, slide_view


def register(app: Dash, context: AppContext) -> None:
    @app.callback(
        Output(ids.PRESENT_SLIDE, "children"),
        Output(ids.PRESENT_URL, "search"),
        Input(ids.PRESENT_NEXT, "n_clicks"),
        Input(ids.PRESENT_PREV, "n_clicks"),
        State(ids.PRESENT_URL, "search"),
        prevent_initial_call=True,
    )
    def move(_next, _prev, search):
        lang = view_state.parse("/", search).state.lang
        _ = i18n.translator(lang)
        deck = findings.slides(context, lang)
        index = slide_index(search, len(deck))
        step = 1 if ctx.triggered_id == ids.PRESENT_NEXT else -1
        new_index = min(max(index + step, 0), len(deck) - 1)
        if new_index == index:
            return no_update, no_update
        query = f"?slide={new_index + 1}" + ("&lang=cy" if lang == "cy" else "")
        return slide_view(deck[new_index], new_index + 1, len(deck), _, lang), query

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
