"""Directory callbacks: search as you type, export and the detail view.

Each callback is a top-level function taking the page's :class:`DirectoryData` first (built once
per app by :func:`directory_data`); :func:`register` binds it (``functools.partial``) and attaches
them all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from dash import Dash, Input, Output, Patch, State, ctx, dcc, no_update

from callbacks.common import reads_search
from dashboard import i18n
from dashboard.domain.context import AppContext
from dashboard.views import directory as directory_view
from dashboard.views import directory_search, url_parsing
from dashboard.views.cache import ViewCache
from dashboard.web import downloads, ids
from layouts.directory import detail_body

#: A wave's rows in each language: language -> row id -> row.
RowsByLanguage = Mapping[str, Mapping[str, dict]]


@dataclass(frozen=True)
class DirectoryData:
    """What the directory's callbacks read: the app's context, each wave's rows in each language
    (None: the latest picture) and each language's search index."""

    context: AppContext
    rows_by_wave: Mapping[str | None, RowsByLanguage]
    searches: Mapping[str, Any]

    def rows_for(self, search: object) -> RowsByLanguage:
        """The rows of the wave the query string asks for (the latest picture by default)."""
        return self.rows_by_wave.get(
            url_parsing.wave_of(self.context, search), self.rows_by_wave[None]
        )


def directory_data(context: AppContext) -> DirectoryData:
    """Each wave's rows in each language, built once (a wave's picture is its own directory),
    and the search indexes."""
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
    searches = {lang: directory_search.search_index(context, lang) for lang in i18n.LANGUAGES}
    return DirectoryData(context, rows_by_wave, searches)


def filter_rows(data: DirectoryData, typed: object, query: object) -> Patch:
    """The grid's quick filter for the words typed."""
    # Only the quick filter changes: a Patch, so the grid's other options are not sent back and
    # forth on every key.
    options = Patch()
    options["quickFilterText"] = data.searches[url_parsing.language_of(query)].quick_filter(typed)
    return options


def export(
    data: DirectoryData, cache: ViewCache, clicks: object, shown: object, search: object
) -> Any:
    """The rows shown, as a CSV download."""
    # Built on the server, like every download, so that no cell reaches a spreadsheet as a
    # formula (the grid's own export writes cells as they are). Only the shown rows' ids are
    # taken from the browser; their cells are the server's.
    if not isinstance(clicks, int) or isinstance(clicks, bool) or clicks < 1:
        return no_update
    shown_ids = (
        [row.get("id") for row in shown if isinstance(row, dict)]
        if isinstance(shown, list)
        else None
    )
    csv_file = downloads.panel_csv(
        data.context, cache, "directory", downloads.DIRECTORY_PANEL, search, only_ids=shown_ids
    )
    if csv_file is None:
        return no_update
    return dcc.send_string(csv_file.content.decode("utf-8"), csv_file.name)


def count(data: DirectoryData, shown: object, search: object) -> str:
    """The count line: how many of the wave's interventions the grid shows."""
    locale = i18n.locale_for(url_parsing.language_of(search))
    rows_by_id = data.rows_for(search)[i18n.DEFAULT_LANGUAGE]
    shown_count = len(shown) if isinstance(shown, list) else len(rows_by_id)
    return locale("{shown} of {total} interventions shown").format(
        shown=shown_count, total=len(rows_by_id)
    )


def detail(data: DirectoryData, selected: object, close: object, search: object) -> tuple:
    """Dash's adapter for :func:`detail_view`, with whether the close button fired."""
    return detail_view(data, selected, search, closed=ctx.triggered_id == ids.GRID_DETAIL_CLOSE)


def detail_view(data: DirectoryData, selected: object, search: object, *, closed: bool) -> tuple:
    """Whether the detail view is open, and its body: the selected row's, else the row the
    address names (``?id=``)."""
    if closed:
        return False, no_update
    if isinstance(selected, list) and selected and isinstance(selected[0], dict):
        row_id = selected[0].get("id")
    else:
        row_id = url_parsing.directory_id(search)
    locale = i18n.locale_for(url_parsing.language_of(search))
    row = data.rows_for(search)[locale.lang].get(row_id) if isinstance(row_id, str) else None
    if row is None:
        return False, no_update
    return True, detail_body(row, locale)


def register(app: Dash, context: AppContext, cache: ViewCache) -> None:
    """Attach the directory's callbacks to ``app``, each bound to the page's data (the export
    to the view cache too, as every download)."""
    data = directory_data(context)
    reads_search(
        app, ids.URL, Output(ids.GRID, "dashGridOptions"), Input(ids.GRID_SEARCH, "value")
    )(partial(filter_rows, data))
    app.callback(
        Output(ids.GRID_DOWNLOAD, "data"),
        Input(ids.GRID_EXPORT, "n_clicks"),
        State(ids.GRID, "virtualRowData"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(partial(export, data, cache))
    reads_search(
        app,
        ids.URL,
        Output(ids.GRID_COUNT, "children"),
        Input(ids.GRID, "virtualRowData"),
        initial=True,
    )(partial(count, data))
    reads_search(
        app,
        ids.URL,
        Output(ids.GRID_DETAIL, "is_open"),
        Output(ids.GRID_DETAIL_BODY, "children"),
        Input(ids.GRID, "selectedRows"),
        Input(ids.GRID_DETAIL_CLOSE, "n_clicks"),
        initial=True,
    )(partial(detail, data))
