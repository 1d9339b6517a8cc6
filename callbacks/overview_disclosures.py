"""The overview's parts drawn only while their disclosure is open: the list of interventions, the
survey's published figures and each chart's table. Closed, their few hundred cells would be
re-sent and re-rendered on every change of the view. Registered with the overview's other
callbacks (:func:`callbacks.overview.server_callbacks`).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from dash import ctx, no_update

from dashboard.domain.context import AppContext
from dashboard.views import overview as overview_view
from dashboard.views import page_views, panel_registry
from dashboard.views.cache import ViewCache
from layouts.drilldown import chart_table, intervention_table, survey_figures_table


def draw_list_on_toggle(context: AppContext, cache: ViewCache, clicks: object, key: object) -> Any:
    """The list drawn when its disclosure opens, emptied when it closes (a new view redraws an
    open list with the rest of the change: :func:`change_outputs`)."""
    return draw_list(context, cache, key, clicks)


def draw_list(context: AppContext, cache: ViewCache, key: object, clicks: object) -> Any:
    """The list of interventions, while its disclosure is open."""
    view = page_views.view_for_key(cache, context, key) if is_open(clicks) else None
    return intervention_table(view) if view is not None else None


def draw_survey_figures(context: AppContext, cache: ViewCache, clicks: object, key: object) -> Any:
    """The survey's published figures, while their disclosure is open."""
    view = page_views.view_for_key(cache, context, key) if is_open(clicks) else None
    return survey_figures_table(context.bundle.survey, view.locale) if view else None


def draw_chart_tables(
    context: AppContext, cache: ViewCache, key: object, clicks: object, toggles: object
) -> list:
    """Dash's adapter for :func:`chart_tables` when a "Show as table" is clicked, with how many
    outputs matched (a new view redraws the open tables with the rest of the change:
    :func:`callbacks.overview.change_outputs`)."""
    return chart_tables(context, cache, key, clicks, toggles, matched_count([ctx.outputs_list]))


class ChartTables(NamedTuple):
    """What the page holds of the charts' tables: each "Show as table" toggle's clicks and id,
    as Dash matched them, and how many tables the request matched."""

    clicks: object
    toggles: object
    matched: int


def matched_count(outputs_list: object, index: int = 0) -> int:
    """How many components the ``ALL`` output at ``index`` of a request's ``outputs_list``
    matched (0 when the request does not say)."""
    try:
        matched = outputs_list[index]  # type: ignore[index]
    except (IndexError, KeyError, TypeError):
        return 0
    return len(matched) if isinstance(matched, list) else 0


def chart_tables(
    context: AppContext,
    cache: ViewCache,
    key: object,
    clicks: object,
    toggles: object,
    matched: int,
    *,
    new_view: bool = False,
) -> list:
    """The table behind each chart's "Show as table", drawn only while open: closed, they would
    be a few hundred components re-sent and re-rendered on every change of the view. On a new
    view (``new_view``) a closed table is left as it is (empty), not emptied again."""
    # Dash needs exactly one value per matched output, whatever the request claims.
    if (
        not isinstance(clicks, list)
        or not isinstance(toggles, list)
        or not len(clicks) == len(toggles) == matched
    ):
        return [no_update] * matched
    view = page_views.view_for_key(cache, context, key)
    tables = []
    for count, toggle in zip(clicks, toggles, strict=True):
        panel = toggle.get("panel") if isinstance(toggle, dict) else None
        if view and is_open(count) and panel_registry.panel(panel) is not None:
            _summary, header, rows = overview_view.panel_alternative(view, panel)
            tables.append(chart_table(header, rows))
        else:
            tables.append(no_update if new_view and not is_open(count) else None)
    return tables


def is_open(clicks: object) -> bool:
    """Whether a <details> element is open: it toggles on each click (or Enter/Space) of its
    summary, so an odd count of clicks means open."""
    return isinstance(clicks, int) and not isinstance(clicks, bool) and clicks % 2 == 1
