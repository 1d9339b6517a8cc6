"""Callbacks of the minimum-offer scorecard: level and all-Wales controls, URL, CSV."""

from __future__ import annotations

from dash import Dash, Input, Output, dcc, no_update

from callbacks.common import keeps_url_in_step, reads_search
from dashboard.domain.context import AppContext
from dashboard.i18n import locale_for
from dashboard.views import page_views, url_parsing
from dashboard.views import state as view_state
from dashboard.views.cache import ViewCache
from dashboard.web import downloads, ids
from layouts.scorecard import scorecard_body


def register(app: Dash, context: AppContext, cache: ViewCache) -> None:
    controls = [Input(ids.SC_LEVEL, "value"), Input(ids.SC_ALL_WALES, "value")]

    @keeps_url_in_step(app, ids.SC_URL, [Output(ids.SC_BODY, "children")], controls)
    def update_scorecard(level, include_all_wales, search):
        settings = url_parsing.area_settings_from_controls(
            level=level,
            include_all_wales=include_all_wales,
            provision=None,
            lang=url_parsing.language_of(search),
            wave=url_parsing.wave_of(context, search),
            waves=context.wave_ids,
        )
        view = page_views.scorecard_view(cache, context, settings)
        body = scorecard_body(view, locale=locale_for(settings.lang))
        return body, view_state.area_search(settings)

    @reads_search(app, ids.SC_URL, Output(ids.SC_DOWNLOAD, "data"), Input(ids.SC_CSV, "n_clicks"))
    def download_scorecard(clicks, search):
        if not isinstance(clicks, int) or isinstance(clicks, bool) or clicks < 1:
            return no_update
        csv_file = downloads.panel_csv(
            context, cache, "scorecard", downloads.SCORECARD_PANEL, search
        )
        return dcc.send_string(csv_file.content.decode("utf-8"), csv_file.name)
