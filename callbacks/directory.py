"""Directory callbacks: search as you type, export and the detail view."""

from __future__ import annotations

from dash import Dash, Input, Output, Patch, State, ctx, dcc, no_update

from callbacks.common import reads_search
from dashboard import i18n
from dashboard.domain.context import AppContext
from dashboard.views import directory as directory_view
from dashboard.views import directory_search
from dashboard.views import state as view_state
from dashboard.web import downloads, ids
from layouts.directory import detail_body


def register(app: Dash, context: AppContext) -> None:
    # Each wave's rows in each language, built once (a wave's picture is its own directory).
    rows_by_wave = {
        wave: {
            lang: {
                row["id"]: row
                for row in directory_view.directory_rows(
                    context.at(wave).directory.frame,
                    lang,
                    context.at(wave).bundle.sources,
                    context.bundle.lookup,
                )
            }
            for lang in i18n.LANGUAGES
        }
        for wave in (None, *context.wave_ids)
    }

    def rows_by_lang(search: object) -> dict:
        return rows_by_wave.get(view_state.wave_of(context, search), rows_by_wave[None])

    searches = {lang: directory_search.search_index(context, lang) for lang in i18n.LANGUAGES}

    @reads_search(
        app, ids.URL, Output(ids.GRID, "dashGridOptions"), Input(ids.GRID_SEARCH, "value")
    )
    def filter_rows(typed, query):
        # Only the quick filter changes: a Patch, so the grid's other options are not sent back
        # and forth on every key.
        options = Patch()
        options["quickFilterText"] = searches[view_state.language_of(query)].quick_filter(typed)
        return options

    @app.callback(
        Output(ids.GRID_DOWNLOAD, "data"),
        Input(ids.GRID_EXPORT, "n_clicks"),
        State(ids.GRID, "virtualRowData"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def export(clicks, shown, search):
        # Built on the server, like every download, so that no cell reaches a spreadsheet as a
        # formula (the grid's own export writes cells as they are). Only the shown rows' ids
        # are taken from the browser; their cells are the server's.
        if not isinstance(clicks, int) or isinstance(clicks, bool) or clicks < 1:
            return no_update
        shown_ids = (
            [row.get("id") for row in shown if isinstance(row, dict)]
            if isinstance(shown, list)
            else None
        )
        csv_file = downloads.panel_csv(
            context, "directory", downloads.DIRECTORY_PANEL, search, only_ids=shown_ids
        )
        return (
            no_update
            if csv_file is None
            else dcc.send_string(csv_file.content.decode("utf-8"), csv_file.name)
        )

    @reads_search(
        app,
        ids.URL,
        Output(ids.GRID_COUNT, "children"),
        Input(ids.GRID, "virtualRowData"),
        initial=True,
    )
    def count(shown, search):
        locale = i18n.locale_for(view_state.language_of(search))
        rows_by_id = rows_by_lang(search)[i18n.DEFAULT_LANGUAGE]
        shown_count = len(shown) if isinstance(shown, list) else len(rows_by_id)
        return locale("{shown} of {total} interventions shown").format(
            shown=shown_count, total=len(rows_by_id)
        )

    detail_outputs = [Output(ids.GRID_DETAIL, "is_open"), Output(ids.GRID_DETAIL_BODY, "children")]
    detail_inputs = [Input(ids.GRID, "selectedRows"), Input(ids.GRID_DETAIL_CLOSE, "n_clicks")]

    @reads_search(app, ids.URL, *detail_outputs, *detail_inputs, initial=True)
    def detail(selected, _close, search):
        if ctx.triggered_id == ids.GRID_DETAIL_CLOSE:
            return False, no_update
        if isinstance(selected, list) and selected and isinstance(selected[0], dict):
            row_id = selected[0].get("id")
        else:
            row_id = view_state.directory_id(search)
        locale = i18n.locale_for(view_state.language_of(search))
        row = rows_by_lang(search)[locale.lang].get(row_id) if isinstance(row_id, str) else None
        if row is None:
            return False, no_update
        return True, detail_body(row, locale)
