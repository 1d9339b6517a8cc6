"""Overview callbacks: one change of the URL or the controls, and everything it redraws, in
one answer.

The browser keeps only the view's key (the state's canonical URL, in ``ids.VIEW_KEY``).
:func:`show_change` reads the address once, computes the view and writes its key, the URL and
the controls, and, in the same answer, what the new view redraws: the links that follow the
address, the map with its notes and heading, the drill-down's text, the open tables and the
mounted charts (pattern-matching outputs, :mod:`callbacks.overview_charts`). Five callbacks ran
one after the other for this (the key's change triggering the rest); each cost dash-renderer a
request and its bookkeeping, and the charts came a React commit after the map. Other callbacks
take the key and ask the server's view cache for the view
(:func:`dashboard.views.page_views.view_for_key`), which finds it by that key without parsing it
again when this process computed it.

The page opens drawn for its view, with its key (see layouts.overview), so none of these runs
when it opens (``prevent_initial_call``): on a first load, their requests and the renderer's
work on their answers came between the page and its map. Only the browser's signal that the
map is drawn then mounts the drill-down panels.

Each callback is a top-level function taking the app's context and view cache first;
:func:`register` binds them (``functools.partial``) and attaches them all, as
:func:`server_callbacks` and :func:`clientside_callbacks` list them. The few that need Dash's
request context (which input fired, which outputs matched) read it in a thin adapter and pass
it to a function the unit tests call directly. The clientside functions are in
``assets/overview-callbacks.js``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, Final

from dash import ALL, ClientsideFunction, Dash, Input, Output, Patch, State, ctx, no_update
from dash.dependencies import DashDependency

from callbacks.overview_charts import (
    MountedCharts,
    chart_outputs,
    chart_updates,
    mount_panels,
    mounted_charts,
    pending_charts,
)
from callbacks.overview_disclosures import (
    ChartTables,
    chart_tables,
    draw_chart_tables,
    draw_list,
    draw_list_on_toggle,
    draw_survey_figures,
    is_open,
    matched_count,
)
from callbacks.overview_links import (
    download_report,
    keep_links_in_step,
)
from dashboard.domain import model
from dashboard.domain.context import AppContext
from dashboard.views import (
    figure_parts,
    figures_map,
    page_views,
    url_parsing,
)
from dashboard.views import overview as overview_view
from dashboard.views import state as view_state
from dashboard.views.cache import ViewCache
from dashboard.views.overview import OverviewView
from dashboard.views.state import ViewState
from dashboard.web import ids
from layouts.drilldown import (
    drill_down_title,
    list_summary,
)
from layouts.overview import (
    EVERY_SERVICE,
    area_options,
    coverage_aside,
    map_notes,
    overview_heading,
    profile_link,
)


def filter_keys() -> tuple[str, ...]:
    """The overview's filters, in order (the column registry's, read on first use)."""
    return tuple(model.offered_filters())


#: The clientside functions' namespace (``window.dash_clientside.overview``).
CLIENTSIDE_NAMESPACE = "overview"


@dataclass(frozen=True)
class Controls:
    """The overview's control values as the browser sent them (untrusted)."""

    level: object
    metric: object
    all_wales: object
    provision: object
    compare: object
    area: object
    filters: tuple[object, ...]

    def filter_values(self) -> dict[str, object]:
        return dict(zip(filter_keys(), self.filters, strict=True))


# ---------------------------------------------------------------------- the URL and the controls


def show_change(
    context: AppContext,
    cache: ViewCache,
    pathname: object,
    search: object,
    level: object,
    metric: object,
    all_wales: object,
    provision: object,
    compare: object,
    area: object,
    click: object,
    _reset: object,
    *rest: object,
) -> tuple:
    """Dash's adapter for :func:`change_outputs`: the values in the order of its inputs (the
    filters, then the key held, the key the map shows and the list's clicks), and which input
    fired."""
    *filters, key, drawn, list_clicks, table_clicks, table_toggles = rest
    controls = Controls(level, metric, all_wales, provision, compare, area, tuple(filters))
    tables = ChartTables(table_clicks, table_toggles, matched_count(ctx.outputs_list, -5))
    held = Held(key, drawn, list_clicks, mounted_charts(ctx.outputs_list), tables)
    return change_outputs(context, cache, ctx.triggered_id, pathname, search, controls, click, held)


@dataclass(frozen=True)
class Held:
    """What the page holds besides its address and controls: the view's key, the key of the
    view the map shows, the clicks on the list's disclosure, and the charts mounted (their
    panel keys, in the order Dash matched them)."""

    key: object
    drawn: object
    list_clicks: object
    charts: MountedCharts = field(default_factory=MountedCharts)
    tables: ChartTables = field(default_factory=lambda: ChartTables(None, None, 0))


def change_outputs(
    context: AppContext,
    cache: ViewCache,
    trigger: object,
    pathname: object,
    search: object,
    controls: Controls,
    click: object,
    held: Held,
) -> tuple:
    """Everything one change of the page redraws, in one answer (:func:`change_dependencies`):
    the URL, the controls and the key (:func:`url_and_controls`), the links that follow the
    address, the map with its notes and heading (:func:`draw_map`), the drill-down's text
    (:func:`drill_down_text`), the open charts' tables (:func:`chart_tables`) and the mounted
    charts' changes (:func:`chart_updates`), or, none being mounted, those changes left for them
    (:func:`pending_charts`). One answer where there were five: each callback dash-renderer runs
    costs it a request and its bookkeeping in series with the redraw, and the charts drawn in
    the same React commit as the map (docs/PERFORMANCE.md, issue 25)."""
    synced = url_and_controls(context, cache, trigger, pathname, search, controls, click, held.key)
    key = held.key if synced[-1] is no_update else synced[-1]
    address_changed = trigger == ids.OV_URL or any(part is not no_update for part in synced[:2])
    links = (
        keep_links_in_step(
            context,
            cache,
            pathname if synced[0] is no_update else synced[0],
            search if synced[1] is no_update else synced[1],
        )
        if address_changed
        else (no_update, no_update)
    )
    view = page_views.view_for_key(cache, context, key) if key != held.key else None
    if view is None:  # the same view: its text, tables and charts are drawn
        drawn: tuple = (*(no_update,) * len(DRILL_DOWN_OUTPUTS), [no_update] * held.tables.matched)
        charts = chart_updates(None, held.charts)
    else:
        text = drill_down_text(context, cache, ids.VIEW_KEY, key, held.list_clicks)
        tables = chart_tables(context, cache, key, *held.tables, new_view=True)
        drawn = (*text, tables)
        charts = chart_updates(view, held.charts)
    pending = pending_charts(view, held.charts)
    return (*synced, *links, *draw_map(context, cache, key, held.drawn), *drawn, pending, *charts)


def url_and_controls(
    context: AppContext,
    cache: ViewCache,
    trigger: object,
    pathname: object,
    search: object,
    controls: Controls,
    click: object,
    key: object,
) -> tuple:
    """The URL, the controls and the key, kept in step in both directions (one callback owns
    both so that they never disagree): the changed ones, ``no_update`` for the others."""
    if trigger is None:
        # Not a change of the page (it opens with its key, and runs no callback): at most the
        # key, for the URL's state.
        view = page_views.overview_view(
            cache, context, url_parsing.parse_for(context, pathname, search).state
        )
        return (*(no_update,) * (9 + len(filter_keys())), view.key)
    wanted = wanted_state(context, trigger, pathname, search, controls, click)
    # Computed here, once, so that every drawing callback finds the view in the cache.
    view = page_views.overview_view(cache, context, wanted)
    # A level chosen in its dropdown is already the control's value, but the area's options
    # still list the previous level's areas.
    level_chosen = trigger == ids.LEVEL
    return changed_outputs(context, wanted, view, pathname, search, controls, key, level_chosen)


def wanted_state(
    context: AppContext,
    trigger: object,
    pathname: object,
    search: object,
    controls: Controls,
    click: object,
) -> ViewState:
    """The state the page should show after ``trigger`` changed: the URL's (read once, as any
    link), or the controls' in the URL's language and wave, with the change's own rules (a
    level without the area, a clicked area, the filters reset)."""
    if trigger == ids.OV_URL:
        return url_parsing.parse_for(context, pathname, search).state
    wanted = url_parsing.state_from_controls(
        level=controls.level,
        metric=controls.metric,
        include_all_wales=controls.all_wales,
        provision=controls.provision,
        area=controls.area,
        filters=controls.filter_values(),
        lang=url_parsing.language_of(search),
        la_slugs=context.la_slugs,
        compare=None if controls.compare == EVERY_SERVICE else controls.compare,
        scope_ids=context.scope_ids,
        wave=url_parsing.wave_of(context, search),
        waves=context.waves.scope_ids() if context.waves is not None else None,
    )
    names = context.names(wanted.lang, wanted.level)
    if trigger == ids.LEVEL and wanted.area and wanted.area not in names:
        wanted = replace(wanted, area=None)
    if trigger == ids.MAP and clicked_location(click) in names:
        wanted = replace(wanted, area=clicked_location(click))
    if trigger == ids.RESET:
        wanted = replace(wanted, filters={})
    return wanted


def changed_outputs(
    context: AppContext,
    wanted: ViewState,
    view: OverviewView,
    pathname: object,
    search: object,
    controls: Controls,
    key: object,
    level_chosen: bool = False,
) -> tuple:
    """:func:`url_and_controls`'s answer: each output that differs from what the page holds
    (the area's options whenever the level changed, ``level_chosen`` in its own dropdown)."""
    new_path, new_search = view_state.to_url(wanted)
    current_filters = [value if isinstance(value, list) else [] for value in controls.filters]
    wanted_filters = [list(wanted.filters.get(name, ())) for name in filter_keys()]
    shown_area = wanted.area or view_state.ALL_AREAS
    compare = wanted.compare or EVERY_SERVICE

    def unless_same(wanted_value: Any, current: Any) -> Any:
        return wanted_value if wanted_value != current else no_update

    return (
        unless_same(new_path, pathname),
        unless_same(new_search, search or ""),
        unless_same(wanted.level, controls.level),
        unless_same(wanted.metric, controls.metric),
        unless_same(wanted.include_all_wales, controls.all_wales),
        unless_same(wanted.provision, controls.provision),
        unless_same(compare, controls.compare),
        unless_same(shown_area, controls.area or view_state.ALL_AREAS),
        area_options(context, wanted.level, view.locale)
        if level_chosen or wanted.level != controls.level
        else no_update,
        *[unless_same(new, old) for new, old in zip(wanted_filters, current_filters, strict=True)],
        unless_same(view.key, key),
    )


def clicked_location(click: object) -> str | None:
    """The area a click on the map names (None when it names none)."""
    try:
        location = click["points"][0]["location"]  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        return None
    return location if isinstance(location, str) else None


# ---------------------------------------------------------------------- what follows the key


def draw_map(context: AppContext, cache: ViewCache, key: object, drawn: object) -> tuple:
    """The map (a Patch), its notes, the heading and the profile link for the key's view, and
    the key the map now shows; nothing when the map already shows it."""
    view = page_views.view_for_key(cache, context, key) if key != drawn else None
    if view is None:
        return (no_update,) * 7
    return (
        map_patch(view),
        map_notes(view),
        coverage_aside(context.at(view.state.wave), view),
        overview_view.match_text(view),
        overview_heading(context, view.state, view.locale),
        profile_link(view),
        view.key,
    )


def map_patch(view: OverviewView) -> Patch:
    """The map's new values: the chosen level's traces shown and filled, the others hidden.
    Boundaries were sent once with the page and are never resent."""
    return figure_parts.as_patch(
        {**figures_map.level_parts(view.level), **figures_map.map_parts(view.map, view.level)}
    )


def draw_panels(context: AppContext, cache: ViewCache, key: object) -> tuple:
    """The drill-down's heading and the list's disclosure text."""
    view = page_views.view_for_key(cache, context, key)
    if view is None:
        return no_update, no_update
    return drill_down_title(view), list_summary(view)


def drill_down_text(
    context: AppContext, cache: ViewCache, trigger: object, key: object, clicks: object
) -> tuple:
    """The drill-down's heading and list's disclosure text (:func:`draw_panels`) and the list
    (:func:`draw_list`), in one answer. A new view leaves a closed list as it is (empty): it is
    neither re-sent nor re-rendered. The disclosure's clicks draw or empty the list only."""
    if trigger == ids.PANEL_LIST_TOGGLE:
        return no_update, no_update, draw_list(context, cache, key, clicks)
    listed = draw_list(context, cache, key, clicks) if is_open(clicks) else no_update
    return (*draw_panels(context, cache, key), listed)


# ---------------------------------------------------------------------- registration


@dataclass(frozen=True)
class ServerCallback:
    """One server callback: its function (context and cache first) and its outputs, inputs and
    states."""

    function: Callable[..., Any]
    dependencies: Sequence[DashDependency]


@dataclass(frozen=True)
class ClientsideCallback:
    """One clientside callback: its function's name in ``assets/overview-callbacks.js``."""

    function_name: str
    dependencies: Sequence[DashDependency]
    initial: bool = False


def server_callbacks() -> tuple[ServerCallback, ...]:
    """Every server callback of the overview, none run when the page opens."""
    key_held = State(ids.VIEW_KEY, "data")
    chart_toggles = {"type": ids.CHART_TABLE_TOGGLE, "panel": ALL}
    report_button = Input(ids.EXPORT_REPORT_BUTTON, "n_clicks")
    mounted = (Output(ids.PANELS, "children"), Output(ids.PANEL_CHARTS_MOUNTED, "data"))
    list_toggle = Input(ids.PANEL_LIST_TOGGLE, "n_clicks")
    return (
        ServerCallback(show_change, change_dependencies()),
        ServerCallback(
            download_report, (Output(ids.EXPORT_REPORT, "data"), report_button, key_held)
        ),
        ServerCallback(
            draw_list_on_toggle,
            (Output(ids.PANEL_LIST, "children", allow_duplicate=True), list_toggle, key_held),
        ),
        ServerCallback(mount_panels, (*mounted, Input(ids.PANELS_READY, "data"), key_held)),
        ServerCallback(
            draw_survey_figures,
            (Output(ids.SURVEY_TABLE, "children"), Input(ids.SURVEY_TOGGLE, "n_clicks"), key_held),
        ),
        ServerCallback(
            draw_chart_tables,
            (
                Output({"type": ids.CHART_TABLE, "panel": ALL}, "children", allow_duplicate=True),
                key_held,
                Input(chart_toggles, "n_clicks"),
                State(chart_toggles, "id"),
            ),
        ),
    )


#: What :func:`change_outputs` draws of a new view after the map: the drill-down's heading, the
#: list's disclosure text and the list (while open); then the charts (:func:`chart_outputs`).
DRILL_DOWN_OUTPUTS: Final = (
    (ids.PANEL_TITLE, "children"),
    (ids.PANEL_LIST_TOGGLE, "children"),
    (ids.PANEL_LIST, "children"),
)


def change_dependencies() -> tuple[DashDependency, ...]:
    """:func:`show_change`'s outputs (:func:`change_outputs`) and inputs (the URL, the controls,
    the map's click, the reset button, each filter; the key held, the key the map shows, the
    list's clicks)."""
    return (
        Output(ids.OV_URL, "pathname"),
        Output(ids.OV_URL, "search"),
        Output(ids.LEVEL, "value"),
        Output(ids.METRIC, "value"),
        Output(ids.ALL_WALES, "value"),
        Output(ids.PROVISION, "value"),
        Output(ids.COMPARE, "value"),
        Output(ids.AREA, "value"),
        Output(ids.AREA, "options"),
        *[Output(ids.filter_id(key), "value") for key in filter_keys()],
        Output(ids.VIEW_KEY, "data"),
        Output(ids.LANG_SWITCH, "href"),
        Output(ids.WAVE_LINKS, "children"),
        *map_outputs(),
        *[Output(component, prop) for component, prop in DRILL_DOWN_OUTPUTS],
        Output({"type": ids.CHART_TABLE, "panel": ALL}, "children"),
        Output(ids.PENDING_CHARTS, "data"),
        # Last: mounted_charts reads what the charts matched from the end of the outputs.
        *chart_outputs(),
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
        *[Input(ids.filter_id(key), "value") for key in filter_keys()],
        State(ids.VIEW_KEY, "data"),
        State(ids.MAP_DRAWN, "data"),
        State(ids.PANEL_LIST_TOGGLE, "n_clicks"),
        State({"type": ids.CHART_TABLE_TOGGLE, "panel": ALL}, "n_clicks"),
        State({"type": ids.CHART_TABLE_TOGGLE, "panel": ALL}, "id"),
    )


def map_outputs() -> tuple[Output, ...]:
    """:func:`draw_map`'s outputs: the map, its notes, the heading, the profile link and the key
    the map now shows."""
    return (
        Output(ids.MAP, "figure"),
        Output(ids.MAP_NOTE, "children"),
        Output(ids.COVERAGE_NOTE, "children"),
        Output(ids.MATCH_COUNT, "children"),
        Output(ids.OV_TITLE, "children"),
        Output(ids.PROFILE_LINK, "children"),
        Output(ids.MAP_DRAWN, "data"),
    )


def clientside_callbacks() -> tuple[ClientsideCallback, ...]:
    """The overview's callbacks run in the browser (``assets/overview-callbacks.js``)."""
    return (
        # The charts brought to the view shown, once mounted, when a change came before they
        # were (its answer matched none) and they were mounted with an earlier view.
        ClientsideCallback(
            "catchUpCharts",
            (
                *chart_outputs(allow_duplicate=True),
                Input(ids.PENDING_CHARTS, "data"),
                Input(ids.PANEL_CHARTS_MOUNTED, "data"),
                State(ids.CHARTS_SHOWN, "data"),
            ),
        ),
        # The map is drawn: the signal that mounts the panels. It runs once, when the page opens
        # (its input is the store's id, which nothing changes). Its input was the key the map
        # shows, which draw_map writes: dash-renderer then held every later change's chart
        # request (the charts' callback, downstream through mount_panels) until the map had been
        # redrawn and this had run, 0.4 to 1.9 s on a loaded machine.
        ClientsideCallback(
            "panelsReady",
            (
                Output(ids.PANELS_READY, "data"),
                Input(ids.PANELS_READY, "id"),
                State(ids.PANELS_READY, "data"),
            ),
            initial=True,
        ),
    )


def register(app: Dash, context: AppContext, cache: ViewCache) -> None:
    """Attach the overview's callbacks to ``app``, each bound to ``context`` and ``cache``."""
    for callback in server_callbacks():
        app.callback(*callback.dependencies, prevent_initial_call=True)(
            partial(callback.function, context, cache)
        )
    for clientside in clientside_callbacks():
        app.clientside_callback(
            ClientsideFunction(CLIENTSIDE_NAMESPACE, clientside.function_name),
            *clientside.dependencies,
            prevent_initial_call=not clientside.initial,
        )
