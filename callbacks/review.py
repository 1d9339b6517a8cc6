"""Callbacks of the gap review, need and funding pages, and every page's CSV downloads."""

from __future__ import annotations

from urllib.parse import urlsplit

from dash import ALL, Dash, Input, Output, State, ctx, dcc, no_update

from callbacks.common import keeps_url_in_step, reads_search
from dashboard.domain import need
from dashboard.domain.context import AppContext
from dashboard.i18n import locale_for
from dashboard.views import page_views, url_parsing
from dashboard.views import state as view_state
from dashboard.views.cache import ViewCache
from dashboard.web import downloads, ids
from layouts.gaps import GAP_FIGURES, findings_list

#: The funding timeline's groupings; the first is the default.
FUNDING_GROUPS = ("funder", "class", "region", "force")


def register(app: Dash, context: AppContext, cache: ViewCache) -> None:
    gap_outputs = [
        *(Output(graph_id, "figure") for _panel, graph_id in GAP_FIGURES),
        Output("gaps-findings-box", "children"),
        Output("gaps-summary", "children"),
    ]
    gap_controls = [
        Input(ids.GAPS_LEVEL, "value"),
        Input(ids.GAPS_ALL_WALES, "value"),
        Input(ids.GAPS_PROVISION, "value"),
    ]

    @keeps_url_in_step(app, ids.GAPS_URL, gap_outputs, gap_controls)
    def update_gaps(level, include_all_wales, provision, search):
        settings = url_parsing.area_settings_from_controls(
            level=level,
            include_all_wales=include_all_wales,
            provision=provision,
            lang=url_parsing.language_of(search),
            wave=url_parsing.wave_of(context, search),
            waves=context.wave_ids,
        )
        result = page_views.gap_review(cache, context, settings, settings.lang)
        return (
            *(result.figures[panel] for panel, _graph_id in GAP_FIGURES),
            findings_list(result.findings, locale_for(settings.lang)),
            result.summary_text,
            view_state.area_search(settings),
        )

    @reads_search(
        app, ids.URL, Output(ids.NEED_SCATTER, "figure"), Input(ids.NEED_SCATTER_MEASURE, "value")
    )
    def update_scatter(measure, search):
        measure = measure if measure in need.NEED_MEASURES else need.NEED_MEASURES[1]
        state = url_parsing.parse_for(context, "/", search).state
        return page_views.need_scatter(cache, context, state, measure).figure

    @reads_search(
        app, ids.URL, Output(ids.FUNDING_TIMELINE, "figure"), Input(ids.FUNDING_GROUP, "value")
    )
    def update_timeline(group, search):
        group = group if group in FUNDING_GROUPS else FUNDING_GROUPS[0]
        state = url_parsing.parse_for(context, "/", search).state
        return page_views.funding_timeline(cache, context, state, group).figure

    @app.callback(
        Output(ids.EXPORT_CSV, "data"),
        Input({"type": "csv", "page": ALL, "panel": ALL}, "n_clicks"),
        State(ids.URL, "search"),
        State(ids.VIEW_KEY, "data"),
        prevent_initial_call=True,
    )
    def download_csv(clicks, search, view_key):
        trigger = ctx.triggered_id
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
