"""The overview's drill-down charts: mounted once the map is drawn (:func:`mount_panels`), then
brought to each new view by the change's one answer (:func:`chart_updates`, which
:func:`callbacks.overview.change_outputs` sends), or, for a change whose request left before
they were mounted, by ``catchUpCharts`` in the browser from :func:`pending_charts`. The charts are pattern-matching outputs
(``ALL``): before the panels are mounted they match none, where plain ids would be missing
outputs, which dash-renderer refuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dash import ALL, Output, no_update

from dashboard.domain.context import AppContext
from dashboard.views import overview as overview_view
from dashboard.views import page_views, panel_registry, panels
from dashboard.views.cache import ViewCache
from dashboard.views.overview import OverviewView
from dashboard.web import ids
from layouts.components import graph_config
from layouts.drilldown import panels_grid


def mounted_charts(outputs_list: object) -> MountedCharts:
    """The panel keys the charts' ``ALL`` outputs (figures, then summaries) matched, in Dash's
    order, read from the request's ``outputs_list`` (none before the panels are mounted). An
    entry that names no panel keeps its place (Dash wants one value per entry matched)."""
    lists = outputs_list if isinstance(outputs_list, list) else []
    figures, summaries = (lists[-3], lists[-2]) if len(lists) >= 3 else ([], [])
    return MountedCharts(_panel_keys(figures), _panel_keys(summaries))


def _panel_keys(matched: object) -> tuple[str, ...]:
    if not isinstance(matched, list):
        return ()
    return tuple(
        str(item["id"].get("panel"))
        if isinstance(item, dict) and isinstance(item.get("id"), dict)
        else ""
        for item in matched
    )


@dataclass(frozen=True)
class MountedCharts:
    """The charts mounted, as the request matched them: the panel key of each figure output
    and of each summary output (the same panels, unless the request was tampered with)."""

    figures: tuple[str, ...] = ()
    summaries: tuple[str, ...] = ()


def mount_panels(context: AppContext, cache: ViewCache, ready: object, key: object) -> tuple:
    """The panels, mounted once, when the map is drawn, with the view of that moment; every
    later view (and a view that came while they were being mounted) patches their figures and
    sets their summaries (:func:`chart_updates`). Drawing the panels again instead would
    remount each graph: a whole new plot."""
    view = page_views.view_for_key(cache, context, key) if ready is True else None
    if view is None:
        return no_update, no_update
    grid = panels_grid(
        view.locale, lambda filename: graph_config(view.lang, filename), view, overview=True
    )
    return grid, view.key


def chart_updates(view: OverviewView | None, charts: MountedCharts) -> tuple[list, list, Any]:
    """The mounted ``charts``' changes for ``view`` (:func:`chart_outputs`): each chart's figure
    as a ``Patch`` (assigning only what depends on the view, so that it turns any drawn chart of
    the panel into the view's), each one-line summary, and the key of the view they now show;
    nothing when there is no new view or no chart is mounted."""
    known = {panel.key for panel in panel_registry.panels()}
    if view is None or not charts.figures:
        return [no_update] * len(charts.figures), [no_update] * len(charts.summaries), no_update
    return (
        [panels.figure_patch(view, key) if key in known else no_update for key in charts.figures],
        [
            overview_view.panel_alternative(view, key)[0] if key in known else no_update
            for key in charts.summaries
        ],
        view.key,
    )


def pending_charts(view: OverviewView | None, charts: MountedCharts) -> Any:
    """What a change's answer leaves for the charts when none is mounted yet (its request
    matched none): each panel's Patch and summary for ``view``, by panel key, with the view's
    key, for ``catchUpCharts`` in ``assets/overview-callbacks.js`` to apply once they are
    mounted if they were mounted with an earlier view. Nothing once they are mounted (the
    answer patches them itself), so that no change but those runs a further callback."""
    if view is None or charts.figures:
        return no_update
    return {
        "key": view.key,
        "figures": {
            panel.key: panels.figure_patch(view, panel.key).to_plotly_json()
            for panel in panel_registry.panels()
        },
        "summaries": {
            panel.key: overview_view.panel_alternative(view, panel.key)[0]
            for panel in panel_registry.panels()
        },
    }


def chart_outputs(*, allow_duplicate: bool = False) -> list[Output]:
    """What updates the mounted charts: each chart's figure (a Patch), its visually hidden
    one-line summary, which is also the chart's accessible name, and the key of the view they
    show (``ALL``: every chart mounted, none before)."""
    return [
        Output({"type": ids.PANEL_GRAPH, "panel": ALL}, "figure", allow_duplicate=allow_duplicate),
        Output(
            {"type": ids.PANEL_SUMMARY, "panel": ALL}, "children", allow_duplicate=allow_duplicate
        ),
        Output(ids.CHARTS_SHOWN, "data", allow_duplicate=allow_duplicate),
    ]
