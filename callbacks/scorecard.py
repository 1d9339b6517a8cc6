"""Callbacks of the minimum-offer scorecard: level and all-Wales controls, URL, CSV."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

from dash import Dash, Input, Output, State, dcc, no_update

from dashboard import i18n
from dashboard.domain import scorecard
from dashboard.domain.context import AppContext
from dashboard.views import state as view_state
from dashboard.web import ids
from layouts.scorecard import scorecard_body


def scorecard_options(search: object) -> tuple[str, bool, str]:
    """``?level=force&all_wales=1&lang=cy`` -> (level, include_all_wales, lang); unknown values
    fall back to region, excluded, English."""
    text = search if isinstance(search, str) else ""
    try:
        query = parse_qs(text.lstrip("?"))
    except ValueError:
        query = {}
    level = (query.get("level") or ["region"])[0]
    all_wales = (query.get("all_wales") or ["0"])[0] == "1"
    lang = view_state.parse("/", text).state.lang
    return (level if level in scorecard.LEVELS else "region"), all_wales, lang


def scorecard_search(level: str, include_all_wales: bool, lang: str) -> str:
    params = (
        [("level", level)]
        + ([("all_wales", "1")] if include_all_wales else [])
        + ([("lang", lang)] if lang != i18n.DEFAULT_LANGUAGE else [])
    )
    return "?" + urlencode(params)


def register(app: Dash, context: AppContext) -> None:
    @app.callback(
        Output(ids.SC_BODY, "children"),
        Output(ids.SC_URL, "search"),
        Input(ids.SC_LEVEL, "value"),
        Input(ids.SC_ALL_WALES, "value"),
        State(ids.SC_URL, "search"),
        prevent_initial_call=True,
    )
    def update_scorecard(level, include_all_wales, search):
        _level, _include, lang = scorecard_options(search)
        level = level if level in scorecard.LEVELS else "region"
        include = include_all_wales if isinstance(include_all_wales, bool) else False
        view = scorecard.scorecard_view(context, level=level, include_all_wales=include, lang=lang)
        body = scorecard_body(view, _=i18n.translator(lang), lang=lang)
        return body, scorecard_search(level, include, lang)

    @app.callback(
        Output(ids.SC_DOWNLOAD, "data"),
        Input(ids.SC_CSV, "n_clicks"),
        State(ids.SC_URL, "search"),
        prevent_initial_call=True,
    )
    def download_scorecard(clicks, search):
        if not isinstance(clicks, int) or isinstance(clicks, bool) or clicks < 1:
            return no_update
        level, include, lang = scorecard_options(search)
        view = scorecard.scorecard_view(context, level=level, include_all_wales=include, lang=lang)
        name = f"vawdasv-minimum-offer-{level}{'-all-wales' if include else ''}.csv"
        return dcc.send_data_frame(view.table().to_csv, name, index=False)
