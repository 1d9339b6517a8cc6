"""Callbacks of the minimum-offer scorecard: level and all-Wales controls, URL, CSV."""

from __future__ import annotations

from functools import partial

from dash import Dash, Input, Output, dcc, no_update

from callbacks.common import area_settings, keeps_url_in_step, reads_search
from dashboard.domain.context import AppContext
from dashboard.i18n import locale_for
from dashboard.views import page_views
from dashboard.views import state as view_state
from dashboard.views.cache import ViewCache
from dashboard.web import downloads, ids
from layouts.scorecard import scorecard_body


def update_scorecard(
    context: AppContext, cache: ViewCache, level: object, include_all_wales: object, search: object
) -> tuple:
    """The scorecard for the level chosen, and the query string that says so."""
    settings = area_settings(context, level, include_all_wales, None, search)
    view = page_views.scorecard_view(cache, context, settings)
    body = scorecard_body(view, locale=locale_for(settings.lang))
    return body, view_state.area_search(settings)


def download_scorecard(context: AppContext, cache: ViewCache, clicks: object, search: object):
    """The scorecard's CSV, once its button has been clicked."""
    if not isinstance(clicks, int) or isinstance(clicks, bool) or clicks < 1:
        return no_update
    csv_file = downloads.panel_csv(context, cache, "scorecard", downloads.SCORECARD_PANEL, search)
    return dcc.send_string(csv_file.content.decode("utf-8"), csv_file.name)


def register(app: Dash, context: AppContext, cache: ViewCache) -> None:
    """Attach the page's callbacks to ``app``, bound to ``context`` and ``cache``."""
    controls = [Input(ids.SC_LEVEL, "value"), Input(ids.SC_ALL_WALES, "value")]
    keeps_url_in_step(app, ids.SC_URL, [Output(ids.SC_BODY, "children")], controls)(
        partial(update_scorecard, context, cache)
    )
    reads_search(app, ids.SC_URL, Output(ids.SC_DOWNLOAD, "data"), Input(ids.SC_CSV, "n_clicks"))(
        partial(download_scorecard, context, cache)
    )
