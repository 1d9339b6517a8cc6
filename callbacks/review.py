"""Callbacks of the gap review, need and funding pages."""

from __future__ import annotations

from functools import partial
from typing import Final

from dash import Dash, Input, Output

from callbacks.common import area_settings, keeps_url_in_step, reads_search
from dashboard.domain import need
from dashboard.domain.context import AppContext
from dashboard.i18n import locale_for
from dashboard.views import page_views, url_parsing
from dashboard.views import state as view_state
from dashboard.views.cache import ViewCache
from dashboard.web import ids
from layouts.gaps import GAP_FIGURES, findings_list

#: The funding timeline's groupings; the first is the default.
FUNDING_GROUPS = ("funder", "class", "region", "force")


#: The gap review's outputs: its figures, findings and summary.
GAP_OUTPUTS: Final = (
    *(Output(graph_id, "figure") for _panel, graph_id in GAP_FIGURES),
    Output("gaps-findings-box", "children"),
    Output("gaps-summary", "children"),
)
#: The gap review's controls.
GAP_CONTROLS: Final = (
    Input(ids.GAPS_LEVEL, "value"),
    Input(ids.GAPS_ALL_WALES, "value"),
    Input(ids.GAPS_PROVISION, "value"),
)


def update_gaps(
    context: AppContext,
    cache: ViewCache,
    level: object,
    include_all_wales: object,
    provision: object,
    search: object,
) -> tuple:
    """The gap review for the controls' settings, and the query string that says so."""
    settings = area_settings(context, level, include_all_wales, provision, search)
    result = page_views.gap_review(cache, context, settings, settings.lang)
    return (
        *(result.figures[panel] for panel, _graph_id in GAP_FIGURES),
        findings_list(result.findings, locale_for(settings.lang)),
        result.summary_text,
        view_state.area_search(settings),
    )


def update_scatter(context: AppContext, cache: ViewCache, measure: object, search: object):
    """The need page's scatter for the measure chosen (the default for anything else)."""
    measure = measure if measure in need.NEED_MEASURES else need.NEED_MEASURES[1]
    state = url_parsing.parse_for(context, "/", search).state
    return page_views.need_scatter(cache, context, state, measure).figure


def update_timeline(context: AppContext, cache: ViewCache, group: object, search: object):
    """The funding timeline by the grouping chosen (the first for anything else)."""
    group = group if group in FUNDING_GROUPS else FUNDING_GROUPS[0]
    state = url_parsing.parse_for(context, "/", search).state
    return page_views.funding_timeline(cache, context, state, group).figure


def register(app: Dash, context: AppContext, cache: ViewCache) -> None:
    """Attach the pages' callbacks to ``app``, bound to ``context`` and ``cache``."""
    keeps_url_in_step(app, ids.GAPS_URL, GAP_OUTPUTS, GAP_CONTROLS)(
        partial(update_gaps, context, cache)
    )
    reads_search(
        app, ids.URL, Output(ids.NEED_SCATTER, "figure"), Input(ids.NEED_SCATTER_MEASURE, "value")
    )(partial(update_scatter, context, cache))
    reads_search(
        app, ids.URL, Output(ids.FUNDING_TIMELINE, "figure"), Input(ids.FUNDING_GROUP, "value")
    )(partial(update_timeline, context, cache))
