"""Directory page: every intervention in a searchable, sortable, exportable grid."""

from __future__ import annotations

from typing import Final

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.data import column_registry
from dashboard.domain.context import AppContext
from dashboard.i18n import N_, Locale
from dashboard.views import coverage_text, directory_search, url_parsing
from dashboard.views import directory as directory_view
from dashboard.views import state as view_state
from dashboard.views.cache import ViewCache
from dashboard.web import ids
from dashboard.web.pages import Address, Page
from layouts.components import citation, names_as_published, quoted_english

#: A row's height in pixels: one line of the grid's text with its padding.
ROW_HEIGHT = 32
#: Rows on one page, and the page sizes a viewer may choose (the page size among them).
PAGE_SIZE = 25
PAGE_SIZES = (25, 50, 100)
#: How long the search waits after the last key before it filters (milliseconds).
SEARCH_DEBOUNCE_MS = 250
#: What the search looks through, under its box (``views.directory_search``).
SEARCH_HINT = N_(
    "Finds as you type: names, providers, behaviour focus, service tiers and areas (local "
    "authority, VAWDASV region or police force area, in English or Welsh). An area also finds "
    "the services recorded across a wider area that may serve it. Sources and quotes are not "
    "searched."
)
#: The grid's own words (AG Grid's locale keys), in the page's language.
GRID_LOCALE_TEXT = {
    "filterOoo": N_("Filter..."),
    "ariaFilterInput": N_("Filter input"),
    "ariaFilterMenuOpen": N_("Open the filter menu"),
    "ariaFilteringOperator": N_("Filtering operator"),
    "ariaLabelColumnFilter": N_("Column filter"),
    "ariaFilterColumn": N_("Press CTRL ENTER to open the filter"),
    "pageSizeSelectorLabel": N_("Page size:"),
    "ariaPageSizeSelectorLabel": N_("Page size"),
    "firstPage": N_("First page"),
    "previousPage": N_("Previous page"),
    "nextPage": N_("Next page"),
    "lastPage": N_("Last page"),
    "page": N_("Page"),
    "of": N_("of (page 1 of 2)"),
    "to": N_("to (rows 1 to 25)"),
    "more": N_("more"),
    "contains": N_("Contains"),
    "notContains": N_("Does not contain"),
    "equals": N_("Equals"),
    "notEqual": N_("Does not equal"),
    "startsWith": N_("Begins with"),
    "endsWith": N_("Ends with"),
    "blank": N_("Blank"),
    "notBlank": N_("Not blank"),
    "andCondition": N_("AND"),
    "orCondition": N_("OR"),
}


def directory_page(
    rows: list[dict], locale: Locale, *, selected_id: str | None, sources: str = ""
) -> html.Div:
    """The directory's grid and detail view; ``sources``: what the rows are named in
    (:func:`dashboard.views.coverage_text.sources_named`)."""
    return html.Div(
        [
            html.H1(locale("Directory of interventions"), className="page-title"),
            dbc.Alert(
                locale(
                    "{n} interventions named in {sources}. This is not the 2023 mapping "
                    "survey's dataset. Select a row to see every field and its source."
                ).format(n=len(rows), sources=sources or locale("five public documents")),
                color="info",
                className="py-2 mb-2",
            ),
            search_and_download(locale),
            dbc.FormText(locale(SEARCH_HINT), id=ids.GRID_SEARCH_HINT, className="search-hint"),
            directory_grid(rows, locale),
            survey_template_links(locale),
            detail_modal(locale, is_open=bool(selected_id)),
        ],
        className="directory",
    )


def grid_column_defs(locale: Locale) -> list[dict]:
    """The grid's columns, then the hidden searchable text the search looks through."""
    # "unknown" in a name column is the vocabulary's word, in the page's language.
    unknown = locale("unknown")
    # The grid's columns, their widths and headers are declared in columns.toml; text as the
    # English source documents give it (names) is marked lang="en" (``EnglishText`` in
    # assets/grid-pages.js). The source is in the detail view only, a citation in the page's
    # language with its document's title marked.
    column_defs = [
        {
            "field": column.name,
            "headerName": locale(column.grid.header),
            "width": column.grid.width,
            "filter": "agTextColumnFilter",
            "sortable": True,
            "resizable": True,
            # One line per row: a long value ends in an ellipsis, shown whole on hover and in
            # the row's detail view.
            "tooltipField": column.name,
            # The search looks only through the hidden searchable text (below), so that it
            # finds what its hint says and no more.
            "getQuickFilterText": {"function": "''"},
            **(
                {"cellRenderer": "EnglishText", "cellRendererParams": {"notEnglish": unknown}}
                if column.english
                else {}
            ),
        }
        for column in column_registry.grid_columns()
        if column.grid
    ]
    column_defs.append({"field": directory_view.SEARCH_FIELD, "hide": True})
    return column_defs


def search_and_download(locale: Locale) -> dbc.Row:
    """The search box, and the count of rows shown with their download."""
    # The search and the count with the download on one line each side, so that the first
    # screen keeps room for ten rows (the survey template's notice is under the grid: above it,
    # with the wave bar, it left 8 or 9).
    return dbc.Row(
        [
            dbc.Col(
                dbc.InputGroup(
                    [
                        html.Label(
                            locale("Search"),
                            htmlFor=ids.GRID_SEARCH,
                            className="input-group-text",
                        ),
                        dbc.Input(
                            id=ids.GRID_SEARCH,
                            type="search",
                            debounce=SEARCH_DEBOUNCE_MS,
                            autocomplete="off",
                        ),
                    ]
                ),
                md=6,
            ),
            dbc.Col(
                html.Div(
                    [
                        html.P(
                            id=ids.GRID_COUNT,
                            className="match-count",
                            **{"aria-live": "polite"},
                        ),
                        dbc.Button(
                            locale("Download shown rows (CSV)"),
                            id=ids.GRID_EXPORT,
                            color="primary",
                        ),
                        dcc.Download(id=ids.GRID_DOWNLOAD),
                    ],
                    className="d-flex flex-wrap align-items-center justify-content-md-end gap-2",
                ),
                md=6,
            ),
        ],
        className="align-items-center g-2",
    )


def directory_grid(rows: list[dict], locale: Locale) -> dag.AgGrid:
    """Every row, a page at a time, one selectable at a time."""
    return dag.AgGrid(
        id=ids.GRID,
        rowData=rows,
        columnDefs=grid_column_defs(locale),
        defaultColDef={"wrapHeaderText": True, "autoHeaderHeight": True},
        getRowId="params.data.id",
        dashGridOptions={
            "rowSelection": {
                "mode": "singleRow",
                "checkboxes": False,
                "enableClickSelection": True,
            },
            "rowHeight": ROW_HEIGHT,
            "pagination": True,
            "paginationPageSize": PAGE_SIZE,
            "paginationPageSizeSelector": list(PAGE_SIZES),
            "includeHiddenColumnsInQuickFilter": True,
            "enableBrowserTooltips": True,
            "animateRows": False,
            "enableCellTextSelection": True,
            "ensureDomOrder": True,
            "localeText": {
                **grid_locale_text(locale),
                "noRowsToShow": locale("No interventions match"),
            },
        },
        className="ag-theme-alpine directory-grid",
        style={"height": "640px"},
    )


def detail_modal(locale: Locale, *, is_open: bool) -> dbc.Modal:
    """The selected row's every field (filled by ``callbacks.directory``); open at a link's row."""
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle(locale("Intervention details"))),
            dbc.ModalBody(id=ids.GRID_DETAIL_BODY),
            dbc.ModalFooter(dbc.Button(locale("Close"), id=ids.GRID_DETAIL_CLOSE)),
        ],
        id=ids.GRID_DETAIL,
        is_open=is_open,
        size="lg",
        scrollable=True,
    )


def survey_template_links(locale: Locale) -> html.P:
    """The survey template of the 2025-26 follow-up review, in both languages (a respondent may
    answer in either, whatever language this page is in)."""
    english, welsh = (
        html.A(locale(text), href=view_state.survey_template_href(lang), hrefLang=lang, id=link_id)
        for lang, text, link_id in (
            ("en", N_("in English (Excel workbook)"), ids.SURVEY_TEMPLATE_EN),
            ("cy", N_("in Welsh (Excel workbook)"), ids.SURVEY_TEMPLATE_CY),
        )
    )
    intro = locale(
        "Collecting returns for the 2025-26 follow-up review that the 2023 survey recommends? "
        "Download the survey template, one row per intervention, which the dashboard loads as it is:"
    )
    return html.P([intro, " ", english, " · ", welsh], className="survey-template")


def grid_locale_text(locale: Locale) -> dict[str, str]:
    """AG Grid's words in the page's language. "of" and "to" have their use in the message (a
    word alone has no context for a translator); the grid gets the word before the bracket."""
    return {
        key: locale(message).split(" (", 1)[0] if "(" in message else locale(message)
        for key, message in GRID_LOCALE_TEXT.items()
    }


def detail_body(row: dict, locale: Locale) -> html.Dl:
    items = []
    # Every column of columns.toml in the detail view, in its order; names as the source
    # documents give them (English) are marked as such.
    english = {column.name for column in column_registry.columns() if column.english}
    for field, label in column_registry.detail_labels().items():
        value = row.get(field, "")
        shown: object = str(value) if value not in ("", None) else "—"
        if field == "evidence" and shown != "—":
            shown = quoted_english(str(value), locale)
        elif field == "source" and shown != "—":
            shown = citation(str(value))
        elif field in english and shown not in ("—", locale("unknown")):
            shown = names_as_published(str(value))
        items += [html.Dt(locale(label)), html.Dd(shown)]
    return html.Dl(items, className="detail-list")


def page_body(context: AppContext, _cache: ViewCache, address: Address, locale: Locale) -> html.Div:
    # No view to cache: the grid's rows are built from the directory as the page opens.
    rows = directory_view.directory_rows(
        context.directory.frame,
        locale.lang,
        context.bundle.sources,
        context.bundle.lookup,
    )
    search = directory_search.search_index(context, locale.lang)
    return directory_page(
        directory_view.grid_rows(rows, search),
        locale,
        selected_id=url_parsing.directory_id(address.search),
        sources=coverage_text.sources_named(context, locale),
    )


DIRECTORY_TITLE: Final = N_(
    "Directory of interventions – VAWDASV perpetration interventions in Wales"
)
PAGE: Final = Page("directory", "/directory", page_body, DIRECTORY_TITLE, N_("Directory"))
