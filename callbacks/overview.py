"""Overview callbacks: URL <-> controls, compute the view, draw the map and the panels."""

from __future__ import annotations

from dash import ALL, Dash, Input, Output, Patch, State, ctx, dcc, html, no_update

from callbacks.shell import switch_href
from dashboard import i18n
from dashboard.domain import counting
from dashboard.domain.context import AppContext
from dashboard.domain.model import FILTERS
from dashboard.views import figures, panels, report, review
from dashboard.views import overview as overview_view
from dashboard.views import state as view_state
from dashboard.web import ids, server
from layouts.overview import (
    ALL_OF_WALES,
    PANEL_KEYS,
    area_options,
    chart_table,
    force_section,
    intervention_table,
)

FILTER_KEYS = tuple(FILTERS)
CONTROL_IDS = (ids.LEVEL, ids.METRIC, ids.ALL_WALES, ids.PROVISION, ids.AREA)


def _state_from_controls(
    level, metric, all_wales, provision, area, filter_values, lang
) -> view_state.ViewState:
    """Controls -> a valid state; anything malformed is dropped by re-parsing its URL form."""
    return view_state.ViewState(
        level=level if level in view_state.LEVELS else view_state.DEFAULT_LEVEL,
        metric=metric if metric in view_state.METRICS else view_state.DEFAULT_METRIC,
        area=area if isinstance(area, str) and area and area != ALL_OF_WALES else None,
        include_all_wales=all_wales is True,
        provision=provision if provision in counting.PROVISIONS else counting.CURRENT,
        filters={
            key: tuple(str(value) for value in values)
            for key, values in zip(FILTER_KEYS, filter_values, strict=True)
            if isinstance(values, list) and values
        },
        lang=i18n.normalise_language(lang),
    )


def register(app: Dash, context: AppContext) -> None:
    """Attach the overview's callbacks to ``app``."""

    @app.callback(
        Output(ids.OV_URL, "pathname"),
        Output(ids.OV_URL, "search"),
        Output(ids.LEVEL, "value"),
        Output(ids.METRIC, "value"),
        Output(ids.ALL_WALES, "value"),
        Output(ids.PROVISION, "value"),
        Output(ids.AREA, "value"),
        Output(ids.AREA, "options"),
        *[Output(ids.filter_id(key), "value") for key in FILTER_KEYS],
        Input(ids.OV_URL, "pathname"),
        Input(ids.OV_URL, "search"),
        Input(ids.LEVEL, "value"),
        Input(ids.METRIC, "value"),
        Input(ids.ALL_WALES, "value"),
        Input(ids.PROVISION, "value"),
        Input(ids.AREA, "value"),
        Input(ids.MAP, "clickData"),
        Input(ids.RESET, "n_clicks"),
        *[Input(ids.filter_id(key), "value") for key in FILTER_KEYS],
        prevent_initial_call=True,
    )
    def sync_url_and_controls(
        pathname, search, level, metric, all_wales, provision, area, click, _reset, *filters
    ):
        # One callback owns both directions so the URL and the controls can never disagree.
        parsed = view_state.parse(pathname, search, context.la_slugs)
        lang = parsed.state.lang
        trigger = ctx.triggered_id
        if trigger == ids.OV_URL:
            wanted = parsed.state
        else:
            wanted = _state_from_controls(
                level, metric, all_wales, provision, area, list(filters), lang
            )
            if (
                trigger == ids.LEVEL
                and wanted.area
                and wanted.area not in context.names(lang, wanted.level)
            ):
                wanted = view_state.ViewState(**{**wanted.__dict__, "area": None})
            if trigger == ids.MAP:
                location = _clicked_location(click)
                if location in context.names(lang, wanted.level):
                    wanted = view_state.ViewState(**{**wanted.__dict__, "area": location})
            if trigger == ids.RESET:
                wanted = view_state.ViewState(**{**wanted.__dict__, "filters": {}})
        # Round-trip through the URL form so only valid values survive.
        new_path, new_search = view_state.to_url(wanted)
        wanted = view_state.parse(new_path, new_search, context.la_slugs).state
        _ = i18n.translator(lang)
        current_filters = [list(value) if isinstance(value, list) else [] for value in filters]
        wanted_filters = [list(wanted.filters.get(key, ())) for key in FILTER_KEYS]
        return (
            new_path if new_path != pathname else no_update,
            new_search if new_search != (search or "") else no_update,
            wanted.level if wanted.level != level else no_update,
            wanted.metric if wanted.metric != metric else no_update,
            wanted.include_all_wales if wanted.include_all_wales != all_wales else no_update,
            wanted.provision if wanted.provision != provision else no_update,
            (wanted.area or ALL_OF_WALES)
            if (wanted.area or ALL_OF_WALES) != (area or ALL_OF_WALES)
            else no_update,
            area_options(context, wanted.level, lang, _) if wanted.level != level else no_update,
            *[
                wanted_value if wanted_value != current else no_update
                for wanted_value, current in zip(wanted_filters, current_filters, strict=True)
            ],
        )

    @app.callback(
        Output(ids.VIEW_STORE, "data"),
        Input(ids.LEVEL, "value"),
        Input(ids.METRIC, "value"),
        Input(ids.ALL_WALES, "value"),
        Input(ids.PROVISION, "value"),
        Input(ids.AREA, "value"),
        *[Input(ids.filter_id(key), "value") for key in FILTER_KEYS],
        State(ids.OV_URL, "search"),
    )
    def compute_view(level, metric, all_wales, provision, area, *rest):
        *filters, search = rest
        lang = view_state.parse("/", search).state.lang
        state = _state_from_controls(level, metric, all_wales, provision, area, list(filters), lang)
        path, query = view_state.to_url(state)
        state = view_state.parse(path, query, context.la_slugs).state
        return server.cached_compute_view(context, state)

    @app.callback(
        Output(ids.EXPORT_REPORT, "data"),
        Input(ids.EXPORT_REPORT_BUTTON, "n_clicks"),
        State(ids.VIEW_STORE, "data"),
        prevent_initial_call=True,
    )
    def download_report(clicks, view):
        # Rebuild the view from its own settings rather than trusting the stored copy.
        fresh = server.trusted_view(context, view) if clicks else None
        if fresh is None:
            return no_update
        return dcc.send_string(report.build_report(context, fresh), _report_filename(fresh))

    @app.callback(Output(ids.FORCE_SECTION, "children"), Input(ids.VIEW_STORE, "data"))
    def draw_force_section(view):
        view = server.trusted_view(context, view)
        if view is None or view.get("level") != "force" or not view.get("area"):
            return None
        _ = i18n.translator(view["lang"])
        summary = review.force_summary(
            context,
            area_id=view["area"],
            lang=view["lang"],
            provision=view.get("provision", counting.CURRENT),
        )
        return force_section(summary, _, view["lang"])

    app.clientside_callback(
        "function(n) { if (n) { window.print(); } return window.dash_clientside.no_update; }",
        Output("ov-print", "title"),
        Input("ov-print", "n_clicks"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.LANG_SWITCH, "href"),
        Input(ids.OV_URL, "pathname"),
        Input(ids.OV_URL, "search"),
    )
    def keep_language_switch_in_step(pathname, search):
        pathname = pathname if isinstance(pathname, str) and pathname else "/"
        search = search if isinstance(search, str) else ""
        lang = view_state.parse("/", search).state.lang
        return switch_href(pathname, search, lang)

    @app.callback(
        Output(ids.MAP, "figure"),
        Output(ids.MAP_NOTE, "children"),
        Output(ids.MATCH_COUNT, "children"),
        Input(ids.VIEW_STORE, "data"),
    )
    def draw_map(view):
        # Drawn from the server's view for the stored settings, never from the stored copy.
        view = server.trusted_view(context, view)
        if not view:
            return no_update, no_update, no_update
        patch = Patch()
        level = view["level"]
        values = view["map"]["values"]
        none = view["map"]["none"]
        for each in figures.LEVEL_ORDER:
            visible = each == level
            patch["data"][figures.VALUE_TRACE[each]]["visible"] = visible
            patch["data"][figures.VALUE_TRACE[each]]["showscale"] = visible
            patch["data"][figures.NONE_TRACE[each]]["visible"] = visible
            patch["data"][figures.TOO_LITTLE_TRACE[each]]["visible"] = visible
        value_trace = patch["data"][figures.VALUE_TRACE[level]]
        value_trace["locations"] = values["locations"]
        value_trace["z"] = values["z"]
        value_trace["zmax"] = values["zmax"]
        value_trace["hovertext"] = values["hovertext"]
        value_trace["marker"]["line"]["width"] = values["line_width"]
        value_trace["marker"]["line"]["color"] = values["line_color"]
        value_trace["colorbar"]["title"]["text"] = values["colorbar_title"]
        value_trace["colorbar"]["tickformat"] = values["tickformat"]
        none_trace = patch["data"][figures.NONE_TRACE[level]]
        none_trace["locations"] = none["locations"]
        none_trace["z"] = none["z"]
        none_trace["hovertext"] = none["hovertext"]
        none_trace["marker"]["line"]["width"] = none["line_width"]
        too_little = view["map"]["too_little"]
        too_little_trace = patch["data"][figures.TOO_LITTLE_TRACE[level]]
        too_little_trace["locations"] = too_little["locations"]
        too_little_trace["z"] = too_little["z"]
        too_little_trace["hovertext"] = too_little["hovertext"]
        too_little_trace["marker"]["line"]["width"] = too_little["line_width"]
        notes = html.Ul([html.Li(line) for line in overview_view.map_note_lines(view)])
        return patch, notes, overview_view.match_text(view)

    @app.callback(
        Output(ids.PANEL_TITLE, "children"),
        Output(ids.PANEL_BEHAVIOUR, "figure"),
        Output(ids.PANEL_EVIDENCE, "figure"),
        Output(ids.PANEL_PRECARITY, "figure"),
        Output(ids.PANEL_FUNDING_END, "figure"),
        Output(ids.PANEL_RISK, "figure"),
        Output(ids.PANEL_PURPOSE, "figure"),
        Output(ids.PANEL_TIER, "figure"),
        Output(ids.PANEL_SECTOR, "figure"),
        Output(ids.PANEL_LIST, "children"),
        *[Output(f"{graph_id}-alt-text", "children") for graph_id in PANEL_KEYS],
        *[Output(f"{graph_id}-figure", "aria-label") for graph_id in PANEL_KEYS],
        Input(ids.VIEW_STORE, "data"),
        # Set by this callback together with the charts: present once the charts are drawn.
        State(f"{ids.PANEL_BEHAVIOUR}-figure", "aria-label"),
    )
    def draw_panels(view, drawn):
        view = server.trusted_view(context, view)
        if not view:
            return (no_update,) * (10 + 2 * len(PANEL_KEYS))
        # The first time, whole charts; after that only what changed (a Patch per chart).
        chart = panels.figure_patch if isinstance(drawn, str) and drawn else panels.full_figure
        _ = i18n.translator(view["lang"])
        summaries = [overview_view.panel_alternative(view, key)[0] for key in PANEL_KEYS.values()]
        title = (
            _("Drill-down: {area}").format(area=view["area_name"])
            if view["area"]
            else _("Drill-down: all of Wales")
        )
        return (
            title,
            chart(view, "behaviour"),
            chart(view, "evidence"),
            chart(view, "precarity"),
            chart(view, "funding-end"),
            chart(view, "risk"),
            chart(view, "purpose"),
            chart(view, "tier"),
            chart(view, "sector"),
            intervention_table(view),
            *summaries,  # the visually hidden summary under each chart
            *summaries,  # and the chart's accessible name
        )

    # The tables behind "Show as table" are drawn only while open: closed, they would be a few
    # hundred components re-sent and re-rendered on every change of the view. A <details>
    # element toggles on each click (or Enter/Space) of its summary, so an odd count means open.
    @app.callback(
        Output({"type": ids.CHART_TABLE, "panel": ALL}, "children"),
        Input(ids.VIEW_STORE, "data"),
        Input({"type": ids.CHART_TABLE_TOGGLE, "panel": ALL}, "n_clicks"),
        State({"type": ids.CHART_TABLE_TOGGLE, "panel": ALL}, "id"),
    )
    def draw_chart_tables(view, clicks, toggles):
        # Dash needs exactly one value per matched output, whatever the request claims.
        matched = len(ctx.outputs_list) if isinstance(ctx.outputs_list, list) else 0
        if (
            not isinstance(clicks, list)
            or not isinstance(toggles, list)
            or not len(clicks) == len(toggles) == matched
        ):
            return [no_update] * matched
        view = server.trusted_view(context, view)
        tables = []
        for count, toggle in zip(clicks, toggles, strict=True):
            key = toggle.get("panel") if isinstance(toggle, dict) else None
            is_open = isinstance(count, int) and count % 2 == 1
            if view and is_open and key in PANEL_KEYS.values():
                _summary, header, rows = overview_view.panel_alternative(view, key)
                tables.append(chart_table(header, rows))
            else:
                tables.append(None)
        return tables


def _report_filename(view: dict) -> str:
    area = view.get("area") or "wales"
    return f"vawdasv-interventions-{area}.html"


def _clicked_location(click) -> str | None:
    try:
        location = click["points"][0]["location"]
    except (KeyError, IndexError, TypeError):
        return None
    return location if isinstance(location, str) else None
