"""Every page's "Download data (CSV)" buttons: one callback for all of them (their ids name the
page and the panel), answering with the same file as ``/download/<page>/<panel>.csv``."""

from __future__ import annotations

from functools import partial
from urllib.parse import urlsplit

from dash import ALL, Dash, Input, Output, State, ctx, dcc, no_update

from dashboard.domain.context import AppContext
from dashboard.views import page_views
from dashboard.views.cache import ViewCache
from dashboard.web import downloads, ids


def download_csv(
    context: AppContext,
    cache: ViewCache,
    trigger: object,
    clicks: object,
    search: object,
    view_key: object,
):
    """The CSV of the button clicked (``trigger``: its id), for the page's settings."""
    if not isinstance(trigger, dict) or not isinstance(clicks, list) or not any(clicks):
        return no_update
    page = trigger.get("page")
    if page == "overview":
        # The server's own settings for the view shown (its key, the canonical URL), never
        # the browser's copy of the view; the same bytes as /download/overview/<panel>.csv.
        if page_views.view_for_key(cache, context, view_key) is None:
            return no_update
        search = "?" + urlsplit(view_key).query
    csv_file = downloads.panel_csv(context, cache, page, trigger.get("panel"), search)
    if csv_file is None:
        return no_update
    return dcc.send_string(csv_file.content.decode("utf-8"), csv_file.name)


def download_on_click(
    context: AppContext, cache: ViewCache, clicks: object, search: object, view_key: object
):
    """Dash's adapter for :func:`download_csv`: which button fired."""
    return download_csv(context, cache, ctx.triggered_id, clicks, search, view_key)


def register(app: Dash, context: AppContext, cache: ViewCache) -> None:
    """Attach the CSV buttons' callback to ``app``, bound to ``context`` and ``cache``."""
    app.callback(
        Output(ids.EXPORT_CSV, "data"),
        Input({"type": "csv", "page": ALL, "panel": ALL}, "n_clicks"),
        State(ids.URL, "search"),
        State(ids.VIEW_KEY, "data"),
        prevent_initial_call=True,
    )(partial(download_on_click, context, cache))
