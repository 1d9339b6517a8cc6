"""Overview callbacks: URL <-> controls, then the map, heading and panels drawn by key.

The browser keeps only the view's key (the state's canonical URL, in ``ids.VIEW_KEY``). The
callback that keeps the URL and the controls in step writes the key; every drawing callback
takes the key and asks the server's view cache for the view, computed once per key and data.

The page opens drawn for its view, with its key (see layouts.overview), so none of these runs
when it opens (``prevent_initial_call``): on a first load, their requests and the renderer's
work on their answers came between the page and its map. Only the browser's signal that the
map is drawn then mounts the drill-down panels.
"""

from __future__ import annotations

import json
from dataclasses import replace

from dash import ALL, Dash, Input, Output, Patch, State, ctx, dcc, no_update

from callbacks.shell import switch_href
from dashboard.domain.context import AppContext
from dashboard.domain.model import FILTERS
from dashboard.i18n import locale_for
from dashboard.views import figure_parts, figures_map, panel_registry, panels, report
from dashboard.views import overview as overview_view
from dashboard.views import state as view_state
from dashboard.views.overview import OverviewView
from dashboard.web import ids, view_cache
from layouts.components import graph_config, wave_links_children
from layouts.drilldown import (
    chart_table,
    drill_down_title,
    intervention_table,
    list_summary,
    panels_grid,
    survey_figures_table,
)
from layouts.overview import (
    EVERY_SERVICE,
    area_options,
    coverage_aside,
    map_notes,
    overview_heading,
    profile_link,
)

FILTER_KEYS = tuple(FILTERS)


def panel_outputs() -> list[Output]:
    """What the drill-down's text callback draws for one view: the heading and the list's
    disclosure text. The panels (charts and their summaries) are mounted once the map is drawn,
    then updated by their own callback; the list itself and the charts' tables are drawn only
    while open."""
    return [Output(ids.PANEL_TITLE, "children"), Output(ids.PANEL_LIST_TOGGLE, "children")]


def chart_outputs() -> list[Output]:
    """What the panels' callback updates once they are mounted: each chart's figure (a Patch)
    and its visually hidden one-line summary, which is also the chart's accessible name."""
    charts = panel_registry.panels()
    return [
        *[Output(ids.panel_graph(panel.key), "figure") for panel in charts],
        *[Output(f"{ids.panel_graph(panel.key)}-alt-text", "children") for panel in charts],
    ]


#: Resolves once the overview's map shows its areas (or after five seconds, so that the panels
#: come even if the map cannot be drawn), after the frame that paints them. Rendering the eight
#: panels and plotting their charts on a first load held the map back by a tenth of a second
#: and more; mounted after it, they cost the map nothing. The areas are found as the tests and
#: the benchmark find them.
PANELS_READY_JS = """
function(_mapKey, ready) {
    if (ready) { return window.dash_clientside.no_update; }
    var started = performance.now();
    return new Promise(function (resolve) {
        (function wait() {
            var map = document.getElementById(MAP);
            var drawn = map && map.querySelector(".choroplethlocation");
            if (drawn || performance.now() - started > 5000) {
                requestAnimationFrame(function () { setTimeout(function () { resolve(true); }); });
                return;
            }
            setTimeout(wait, 20);
        })();
    });
}
"""


def register(app: Dash, context: AppContext) -> None:
    """Attach the overview's callbacks to ``app``."""

    @app.callback(
        Output(ids.OV_URL, "pathname"),
        Output(ids.OV_URL, "search"),
        Output(ids.LEVEL, "value"),
        Output(ids.METRIC, "value"),
        Output(ids.ALL_WALES, "value"),
        Output(ids.PROVISION, "value"),
        Output(ids.COMPARE, "value"),
        Output(ids.AREA, "value"),
        Output(ids.AREA, "options"),
        *[Output(ids.filter_id(key), "value") for key in FILTER_KEYS],
        Output(ids.VIEW_KEY, "data"),
        Output(ids.SCROLLED, "data"),
        Input(ids.OV_URL, "pathname"),
        Input(ids.OV_URL, "search"),
        Input(ids.LEVEL, "value"),
        Input(ids.METRIC, "value"),
        Input(ids.ALL_WALES, "value"),
        Input(ids.PROVISION, "value"),
        Input(ids.COMPARE, "value"),
        Input(ids.AREA, "value"),
        Input(ids.MAP, "clickData"),
        Input(ids.RESET, "n_clicks"),
        *[Input(ids.filter_id(key), "value") for key in FILTER_KEYS],
        State(ids.VIEW_KEY, "data"),
        prevent_initial_call=True,
    )
    def sync_url_and_controls(
        pathname, search, level, metric, all_wales, provision, compare, area, click, _reset, *rest
    ):
        # One callback owns both directions so the URL, the controls and the key never disagree.
        *filters, key = rest
        parsed = view_state.parse_for(context, pathname, search)
        trigger = ctx.triggered_id
        if trigger is None:
            # Not a change of the page (it opens with its key, and runs no callback): at most
            # the key, for the URL's state.
            view = view_cache.cached_compute_view(context, parsed.state)
            return (*(no_update,) * (9 + len(FILTER_KEYS)), view.key, no_update)
        if trigger == ids.OV_URL:
            wanted = parsed.state
        else:
            wanted = view_state.state_from_controls(
                level=level,
                metric=metric,
                include_all_wales=all_wales,
                provision=provision,
                area=area,
                filters=dict(zip(FILTER_KEYS, filters, strict=True)),
                lang=parsed.state.lang,
                la_slugs=context.la_slugs,
                compare=None if compare == EVERY_SERVICE else compare,
                scope_ids=context.scope_ids,
                wave=parsed.state.wave,
                waves=context.waves.scope_ids() if context.waves is not None else None,
            )
            names = context.names(wanted.lang, wanted.level)
            if trigger == ids.LEVEL and wanted.area and wanted.area not in names:
                wanted = replace(wanted, area=None)
            if trigger == ids.MAP and _clicked_location(click) in names:
                wanted = replace(wanted, area=_clicked_location(click))
            if trigger == ids.RESET:
                wanted = replace(wanted, filters={})
        new_path, new_search = view_state.to_url(wanted)
        # Computed here, once, so that every drawing callback finds the view in the cache.
        view = view_cache.cached_compute_view(context, wanted)
        current_filters = [value if isinstance(value, list) else [] for value in filters]
        wanted_filters = [list(wanted.filters.get(key, ())) for key in FILTER_KEYS]
        shown_area = wanted.area or view_state.ALL_AREAS
        return (
            new_path if new_path != pathname else no_update,
            new_search if new_search != (search or "") else no_update,
            wanted.level if wanted.level != level else no_update,
            wanted.metric if wanted.metric != metric else no_update,
            wanted.include_all_wales if wanted.include_all_wales != all_wales else no_update,
            wanted.provision if wanted.provision != provision else no_update,
            (wanted.compare or EVERY_SERVICE)
            if (wanted.compare or EVERY_SERVICE) != compare
            else no_update,
            shown_area if shown_area != (area or view_state.ALL_AREAS) else no_update,
            area_options(context, wanted.level, view.locale)
            if wanted.level != level
            else no_update,
            *[
                wanted_value if wanted_value != current else no_update
                for wanted_value, current in zip(wanted_filters, current_filters, strict=True)
            ],
            view.key if view.key != key else no_update,
            # The view a click on the map leads to: its drill-down comes into view once drawn.
            view.key if trigger == ids.MAP and view.key != key else no_update,
        )

    @app.callback(
        Output(ids.EXPORT_REPORT, "data"),
        Input(ids.EXPORT_REPORT_BUTTON, "n_clicks"),
        State(ids.VIEW_KEY, "data"),
        prevent_initial_call=True,
    )
    def download_report(clicks, key):
        view = view_cache.view_for_key(context, key) if clicks else None
        if view is None:
            return no_update
        return dcc.send_string(
            report.build_report(context.at(view.state.wave), view), _report_filename(view)
        )

    @app.callback(
        Output(ids.LANG_SWITCH, "href"),
        Input(ids.OV_URL, "pathname"),
        Input(ids.OV_URL, "search"),
        prevent_initial_call=True,
    )
    def keep_language_switch_in_step(pathname, search):
        pathname = pathname if isinstance(pathname, str) and pathname else "/"
        search = search if isinstance(search, str) else ""
        lang = view_state.parse("/", search).state.lang
        return switch_href(pathname, search, lang)

    @app.callback(
        Output(ids.WAVE_LINKS, "children"),
        Input(ids.OV_URL, "pathname"),
        Input(ids.OV_URL, "search"),
        prevent_initial_call=True,
    )
    def keep_wave_links_in_step(pathname, search):
        # The "as at" links keep the overview's settings as they change.
        path = view_state.bounded_path(pathname)
        query = view_state.bounded_search(search)
        locale = locale_for(view_state.language_of(query))
        return wave_links_children(context, path, query, locale)

    @app.callback(
        Output(ids.MAP, "figure"),
        Output(ids.MAP_NOTE, "children"),
        Output(ids.COVERAGE_NOTE, "children"),
        Output(ids.MATCH_COUNT, "children"),
        Output(ids.OV_TITLE, "children"),
        Output(ids.PROFILE_LINK, "children"),
        Output(ids.MAP_DRAWN, "data"),
        Input(ids.VIEW_KEY, "data"),
        State(ids.MAP_DRAWN, "data"),
        prevent_initial_call=True,
    )
    def draw_map(key, drawn):
        view = view_cache.view_for_key(context, key) if key != drawn else None
        if view is None:
            return (no_update,) * 7
        heading = overview_heading(context, view.state, view.locale)
        return (
            map_patch(view),
            map_notes(view),
            coverage_aside(context.at(view.state.wave), view),
            overview_view.match_text(view),
            heading,
            profile_link(view),
            view.key,
        )

    # After a click on the map, once the drill-down's heading shows the view the click led to,
    # the heading comes into view (the map stays in sight above it on a 768-pixel-high screen).
    # Once per click, and only while the page still shows that view: a later change (a filter
    # ticked, another area chosen) must not take the page away from where the user is. Decided
    # by the view's key (``ids.SCROLLED``, from sync_url_and_controls), not by the time since
    # the click: on a slow server or a busy machine the heading can take more than any fixed
    # time to come, and it must still come into view.
    app.clientside_callback(
        """
        function(_title, clicked, key, done) {
            var heading = document.getElementById(HEADING);
            if (!heading || !clicked || clicked !== key || done === clicked) {
                return window.dash_clientside.no_update;
            }
            var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
            heading.scrollIntoView({behavior: still ? "auto" : "smooth", block: "start"});
            return clicked;
        }
        """.replace("HEADING", json.dumps(ids.PANEL_TITLE)),
        Output(ids.SCROLL_DONE, "data"),
        Input(ids.PANEL_TITLE, "children"),
        State(ids.SCROLLED, "data"),
        State(ids.VIEW_KEY, "data"),
        State(ids.SCROLL_DONE, "data"),
        prevent_initial_call=True,
    )

    app.clientside_callback(
        PANELS_READY_JS.replace("MAP", json.dumps(ids.MAP)),
        Output(ids.PANELS_READY, "data"),
        Input(ids.MAP_DRAWN, "data"),
        State(ids.PANELS_READY, "data"),
    )

    charts = panel_registry.panels()

    @app.callback(*panel_outputs(), Input(ids.VIEW_KEY, "data"), prevent_initial_call=True)
    def draw_panels(key):
        view = view_cache.view_for_key(context, key)
        if view is None:
            return no_update, no_update
        return drill_down_title(view), list_summary(view)

    # The panels are mounted once, when the map is drawn, with the view of that moment; every
    # later view (and a view that came while they were being mounted) patches their figures and
    # sets their summaries. Drawing the panels again instead would remount each graph: a whole
    # new plot.
    @app.callback(
        Output(ids.PANELS, "children"),
        Output(ids.PANEL_CHARTS_MOUNTED, "data"),
        Input(ids.PANELS_READY, "data"),
        State(ids.VIEW_KEY, "data"),
        prevent_initial_call=True,
    )
    def mount_panels(ready, key):
        view = view_cache.view_for_key(context, key) if ready is True else None
        if view is None:
            return no_update, no_update
        grid = panels_grid(
            view.locale,
            lambda filename: graph_config(view.lang, filename),
            view,
            overview=True,
        )
        return grid, view.key

    @app.callback(
        *chart_outputs(),
        Input(ids.VIEW_KEY, "data"),
        Input(ids.PANEL_CHARTS_MOUNTED, "data"),
        prevent_initial_call=True,
    )
    def draw_panel_charts(key, mounted):
        # Nothing to update before the panels are mounted, nor when they were just mounted with
        # this very view.
        skip = not isinstance(mounted, str) or (key == mounted and ctx.triggered_id != ids.VIEW_KEY)
        view = None if skip else view_cache.view_for_key(context, key)
        if view is None:
            return (no_update,) * (2 * len(charts))
        figures = [panels.figure_patch(view, panel.key) for panel in charts]
        summaries = [overview_view.panel_alternative(view, panel.key)[0] for panel in charts]
        return (*figures, *summaries)

    @app.callback(
        Output(ids.PANEL_LIST, "children"),
        Input(ids.VIEW_KEY, "data"),
        Input(ids.PANEL_LIST_TOGGLE, "n_clicks"),
        prevent_initial_call=True,
    )
    def draw_list(key, clicks):
        view = view_cache.view_for_key(context, key) if _is_open(clicks) else None
        return intervention_table(view) if view is not None else None

    @app.callback(
        Output(ids.SURVEY_TABLE, "children"),
        Input(ids.SURVEY_TOGGLE, "n_clicks"),
        State(ids.VIEW_KEY, "data"),
        prevent_initial_call=True,
    )
    def draw_survey_figures(clicks, key):
        view = view_cache.view_for_key(context, key) if _is_open(clicks) else None
        return survey_figures_table(context.bundle.survey, view.locale) if view else None

    # The tables behind "Show as table" are drawn only while open: closed, they would be a few
    # hundred components re-sent and re-rendered on every change of the view.
    @app.callback(
        Output({"type": ids.CHART_TABLE, "panel": ALL}, "children"),
        Input(ids.VIEW_KEY, "data"),
        Input({"type": ids.CHART_TABLE_TOGGLE, "panel": ALL}, "n_clicks"),
        State({"type": ids.CHART_TABLE_TOGGLE, "panel": ALL}, "id"),
        prevent_initial_call=True,
    )
    def draw_chart_tables(key, clicks, toggles):
        # Dash needs exactly one value per matched output, whatever the request claims.
        matched = len(ctx.outputs_list) if isinstance(ctx.outputs_list, list) else 0
        if (
            not isinstance(clicks, list)
            or not isinstance(toggles, list)
            or not len(clicks) == len(toggles) == matched
        ):
            return [no_update] * matched
        view = view_cache.view_for_key(context, key)
        tables = []
        for count, toggle in zip(clicks, toggles, strict=True):
            panel = toggle.get("panel") if isinstance(toggle, dict) else None
            if view and _is_open(count) and panel_registry.panel(panel) is not None:
                _summary, header, rows = overview_view.panel_alternative(view, panel)
                tables.append(chart_table(header, rows))
            else:
                tables.append(None)
        return tables


def map_patch(view: OverviewView) -> Patch:
    """The map's new values: the chosen level's traces shown and filled, the others hidden.
    Boundaries were sent once with the page and are never resent."""
    return figure_parts.as_patch(
        {**figures_map.level_parts(view.level), **figures_map.map_parts(view.map, view.level)}
    )


def _is_open(clicks) -> bool:
    """Whether a <details> element is open: it toggles on each click (or Enter/Space) of its
    summary, so an odd count of clicks means open."""
    return isinstance(clicks, int) and not isinstance(clicks, bool) and clicks % 2 == 1


def _report_filename(view: OverviewView) -> str:
    return f"vawdasv-interventions-{view.area or 'wales'}.html"


def _clicked_location(click) -> str | None:
    try:
        location = click["points"][0]["location"]
    except (KeyError, IndexError, TypeError):
        return None
    return location if isinstance(location, str) else None
