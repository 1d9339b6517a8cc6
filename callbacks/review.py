"""Callbacks of the gap review, need and funding pages, and their CSV downloads."""

from __future__ import annotations

from urllib.parse import urlencode

from dash import ALL, Dash, Input, Output, State, ctx, dcc, no_update

from dashboard import i18n
from dashboard.domain import counting, need
from dashboard.domain.context import AppContext
from dashboard.views import review
from dashboard.views import state as view_state
from dashboard.web import ids
from layouts.review import findings_list


def _lang(search) -> str:
    return view_state.parse("/", search).state.lang


def gap_options(search) -> tuple[str, bool, str]:
    """``?level=force&all_wales=1&provision=all`` -> (level, include_all_wales, provision);
    defaults region, all-Wales services beside, current provision."""
    state = view_state.parse("/", search).state
    level = state.level if state.level in ("region", "force") else "region"
    return level, state.include_all_wales, state.provision


def register(app: Dash, context: AppContext) -> None:
    @app.callback(
        Output(ids.GAPS_BEHAVIOUR, "figure"),
        Output(ids.GAPS_TIER, "figure"),
        Output(ids.GAPS_RISK, "figure"),
        Output("gaps-findings-box", "children"),
        Output(ids.GAPS_URL, "search"),
        Input(ids.GAPS_LEVEL, "value"),
        Input(ids.GAPS_ALL_WALES, "value"),
        Input(ids.GAPS_PROVISION, "value"),
        State(ids.GAPS_URL, "search"),
        prevent_initial_call=True,
    )
    def update_gaps(level, include_all_wales, provision, search):
        lang = _lang(search)
        level = level if level in ("region", "force") else "region"
        include = include_all_wales is True
        provision = provision if provision in counting.PROVISIONS else counting.CURRENT
        result = review.gap_review(
            context, level=level, include_all_wales=include, lang=lang, provision=provision
        )
        _ = i18n.translator(lang)
        params = (
            [("level", level)]
            + ([("all_wales", "1")] if include else [])
            + ([("provision", provision)] if provision != counting.CURRENT else [])
            + ([("lang", lang)] if lang != "en" else [])
        )
        return (
            result["behaviour"],
            result["tier"],
            result["risk"],
            findings_list(result["findings"], _),
            "?" + urlencode(params),
        )

    @app.callback(
        Output(ids.NEED_SCATTER, "figure"),
        Input(ids.NEED_SCATTER_MEASURE, "value"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def update_scatter(measure, search):
        measure = measure if measure in need.NEED_MEASURES else need.NEED_MEASURES[1]
        provision = view_state.parse("/", search).state.provision
        return review.need_view(context, measure=measure, lang=_lang(search), provision=provision)[
            "scatter"
        ]

    @app.callback(
        Output(ids.FUNDING_TIMELINE, "figure"),
        Input(ids.FUNDING_GROUP, "value"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def update_timeline(group, search):
        group = group if group in ("funder", "class", "region", "force") else "funder"
        provision = view_state.parse("/", search).state.provision
        return review.funding_view(context, group=group, lang=_lang(search), provision=provision)[
            "timeline"
        ]

    @app.callback(
        Output(ids.EXPORT_CSV, "data"),
        Input({"type": "csv", "page": ALL, "panel": ALL}, "n_clicks"),
        State(ids.URL, "search"),
        State(ids.VIEW_KEY, "data"),
        prevent_initial_call=True,
    )
    def download_csv(clicks, search, view):
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not isinstance(clicks, list) or not any(clicks):
            return no_update
        frame = panel_frame(context, trigger.get("page"), trigger.get("panel"), search, view)
        if frame is None:
            return no_update
        name = f"vawdasv-{trigger.get('page')}-{trigger.get('panel')}.csv"
        return dcc.send_data_frame(frame.to_csv, name, index=False)


def panel_frame(context: AppContext, page, panel, search, view):
    """The data behind one panel, exactly as drawn, as a table (None when unknown)."""
    import pandas as pd

    from dashboard.views import overview as overview_view

    if not isinstance(page, str) or not isinstance(panel, str):
        return None
    lang = _lang(search)
    if page == "overview":
        # The server's own view for the stored settings, never the browser's copy of it.
        from callbacks.overview import view_for_key

        view = view_for_key(context, view)
        return None if view is None else overview_view.panel_table(view, panel)
    if page == "gaps":
        level, include, provision = gap_options(search)
        matrices = review.gap_review(
            context, level=level, include_all_wales=include, lang="en", provision=provision
        )["matrices"]
        if panel in matrices:
            return matrices[panel].rename_axis("area_id").reset_index()
        return None
    provision = view_state.parse("/", search).state.provision
    if page == "need":
        result = review.need_view(
            context, measure=need.NEED_MEASURES[1], lang=lang, provision=provision
        )
        if panel == "secondary":
            return need.secondary_series(context.bundle.criminal_justice).drop(columns=["series"])
        return result["indicators"]
    if page == "funding":
        table = review.funding_view(context, group="funder", lang=lang, provision=provision)[
            "table"
        ]
        return pd.DataFrame(table.drop(columns=["end_date"]))
    return None
