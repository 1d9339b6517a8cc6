"""Directory page: every intervention in a searchable, sortable, exportable grid."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import N_, Locale
from dashboard.web import ids
from layouts.components import names_as_published, quoted_english

DETAIL_LABELS = {
    "id": "Identifier",
    "name": "Intervention",
    "aliases": "Other names",
    "provider": "Provider",
    "sector": "Sector",
    "setting": "Setting",
    "police_force_areas": "Police force areas",
    "vawdasv_regions": "VAWDASV regions",
    "local_authorities": "Local authorities",
    "behaviour_focus": "Behaviour focus",
    "purpose": "Purpose",
    "risk_level": "Risk level",
    "service_tier": "Service tier",
    "cohort": "Cohort",
    "attendance": "Attendance",
    "referral_route": "Referral route",
    "eligibility": "Eligibility",
    "evaluation_status": "Evaluation status",
    "evaluation_note": "Evaluation note",
    "accreditation": "Accreditation",
    "evidence_rung": "Evaluation and accreditation",
    "funding_model": "Funding model",
    "primary_funder": "Primary funder",
    "funding_longevity": "Funding longevity (as stated)",
    "funding_term": "Funding term",
    "funding_period_months": "Funding period (months)",
    "funding_end": "Funding ends (financial year)",
    "precarity": "Funding precarity",
    "status": "Status",
    "status_date": "Status date",
    "described": "Last described",
    "source": "Source",
    "evidence": "Evidence (quoted from the source)",
    "last_verified": "Last checked",
    "note": "Note",
}
#: The grid's columns in order, with their widths in pixels.
GRID_COLUMNS = (
    ("name", 260),
    ("provider", 200),
    ("police_force_areas", 180),
    ("vawdasv_regions", 180),
    ("behaviour_focus", 220),
    ("service_tier", 160),
    ("risk_level", 130),
    ("evidence_rung", 200),
    ("precarity", 140),
    ("funding_end", 120),
    ("status", 120),
    ("described", 150),
    ("source", 260),
)
#: Columns of text as the English source documents give it (names, citations): their cells are
#: marked lang="en" (``EnglishText`` in assets/grid-pages.js).
ENGLISH_COLUMNS = frozenset({"name", "provider", "source"})
#: Fields of the detail view given as the source documents give them (English).
ENGLISH_DETAILS = frozenset({"name", "aliases", "provider", "source"})
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
#: Column headers: the detail view's labels, shorter where a column is narrow.
GRID_HEADERS = {**DETAIL_LABELS, "funding_end": N_("Funding ends")}


def directory_page(
    rows: list[dict], locale: Locale, *, selected_id: str | None, sources: str = ""
) -> html.Div:
    """The directory's grid and detail view; ``sources``: what the rows are named in
    (:func:`dashboard.views.coverage_text.sources_named`)."""
    # "unknown" in a name column is the vocabulary's word, in the page's language.
    unknown = locale("unknown")
    column_defs = [
        {
            "field": field,
            "headerName": locale(GRID_HEADERS[field]),
            "width": width,
            "filter": "agTextColumnFilter",
            "sortable": True,
            "resizable": True,
            "wrapText": True,
            "autoHeight": True,
            **(
                {"cellRenderer": "EnglishText", "cellRendererParams": {"notEnglish": unknown}}
                if field in ENGLISH_COLUMNS
                else {}
            ),
        }
        for field, width in GRID_COLUMNS
    ]
    return html.Div(
        [
            html.H1(locale("Directory of interventions"), className="page-title"),
            dbc.Alert(
                locale(
                    "{n} interventions named in {sources}. This is not the 2023 mapping "
                    "survey's dataset. Select a row to see every field and its source."
                ).format(n=len(rows), sources=sources or locale("five public documents")),
                color="info",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label(locale("Search all columns"), html_for=ids.GRID_SEARCH),
                            dbc.Input(
                                id=ids.GRID_SEARCH,
                                type="search",
                                debounce=True,
                                placeholder=locale("Search"),
                            ),
                        ],
                        md=6,
                    ),
                    dbc.Col(
                        [
                            html.P(
                                id=ids.GRID_COUNT,
                                className="match-count mb-1",
                                **{"aria-live": "polite"},
                            ),
                            dbc.Button(
                                locale("Download shown rows (CSV)"),
                                id=ids.GRID_EXPORT,
                                color="primary",
                            ),
                            dcc.Download(id=ids.GRID_DOWNLOAD),
                        ],
                        md=6,
                        className="text-md-end",
                    ),
                ],
                className="mb-2 align-items-end",
            ),
            dag.AgGrid(
                id=ids.GRID,
                rowData=rows,
                columnDefs=column_defs,
                defaultColDef={"floatingFilter": True},
                getRowId="params.data.id",
                dashGridOptions={
                    "rowSelection": {
                        "mode": "singleRow",
                        "checkboxes": False,
                        "enableClickSelection": True,
                    },
                    "pagination": True,
                    "paginationPageSize": 25,
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
            ),
            dbc.Modal(
                [
                    dbc.ModalHeader(dbc.ModalTitle(locale("Intervention details"))),
                    dbc.ModalBody(id=ids.GRID_DETAIL_BODY),
                    dbc.ModalFooter(dbc.Button(locale("Close"), id=ids.GRID_DETAIL_CLOSE)),
                ],
                id=ids.GRID_DETAIL,
                is_open=bool(selected_id),
                size="lg",
                scrollable=True,
            ),
        ],
        className="directory",
    )


def grid_locale_text(locale: Locale) -> dict[str, str]:
    """AG Grid's words in the page's language. "of" and "to" have their use in the message (a
    word alone has no context for a translator); the grid gets the word before the bracket."""
    return {
        key: locale(message).split(" (", 1)[0] if "(" in message else locale(message)
        for key, message in GRID_LOCALE_TEXT.items()
    }


def detail_body(row: dict, locale: Locale) -> html.Dl:
    items = []
    for field, label in DETAIL_LABELS.items():
        value = row.get(field, "")
        shown: object = str(value) if value not in ("", None) else "—"
        if field == "evidence" and shown != "—":
            shown = quoted_english(str(value), locale)
        elif field in ENGLISH_DETAILS and shown not in ("—", locale("unknown")):
            shown = names_as_published(str(value))
        items += [html.Dt(locale(label)), html.Dd(shown)]
    return html.Dl(items, className="detail-list")
