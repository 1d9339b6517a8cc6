"""The directory page's rows: every intervention as shown, in the page's language."""

from __future__ import annotations

from typing import Final

from dashboard import i18n
from dashboard.data import column_registry
from dashboard.data import vocabulary as vocab
from dashboard.domain import citations
from dashboard.views import coverage_text as coverage_words
from dashboard.views.directory_search import SearchIndex


def grid_fields() -> tuple[str, ...]:
    """The grid's columns, in order (``columns.toml``): one line each. The long fields (source,
    evidence, note) are in a row's detail view, which shows every field."""
    return tuple(column.name for column in column_registry.grid_columns())


def csv_fields() -> tuple[str, ...]:
    """The columns of "Download shown rows (CSV)": the grid's, then each row's source."""
    return (*grid_fields(), "source")


#: The grid's hidden column that its quick filter searches (:mod:`directory_search`).
SEARCH_FIELD: Final = "search"


def directory_rows(frame, lang: str, sources=None, lookup=None) -> list[dict]:
    """Rows for the directory grid and detail view: lists joined with commas, vocabulary
    values in the page's language, the source as the document's author, year, title and
    section, local authorities by name; free text (names, quotes) exactly as published."""
    _ = i18n.translator(lang)
    locale = i18n.locale_for(lang)
    # The data date as the app's (the latest check of any row): the currency horizon's base.
    data_date = str(frame["last_verified"].max()) if "last_verified" in frame and len(frame) else ""
    rows = []
    for record in frame.to_dict("records"):
        shown = dict(record)
        shown["described"] = described_cell(record, data_date, locale)
        for column in column_registry.vocabulary_columns():
            if column in shown:
                shown[column] = ", ".join(_(item) for item in vocab.split_list(shown[column]))
        codes = shown.get("local_authorities", "")
        shown["local_authorities"] = (
            citations.la_names(codes, lookup, lang)
            if lookup is not None
            else ", ".join(vocab.split_list(codes))
        )
        if sources is not None and "source" in shown:
            shown["source"] = citations.readable_citation(shown["source"], sources, _)
        shown["aliases"] = ", ".join(vocab.split_list(shown.get("aliases", "")))
        # Columns outside the vocabularies (free text, financial years) that may hold the
        # vocabulary's "unknown" instead of a stated value.
        for column in (each.name for each in column_registry.columns() if each.may_be_unknown):
            # "unknown" where a free-text field was not stated is the vocabulary's word, not
            # text from a source: it is said in the page's language like every other value.
            if shown.get(column) == vocab.UNKNOWN:
                shown[column] = _(vocab.UNKNOWN)
        rows.append(shown)
    return rows


def grid_rows(rows: list[dict], search: SearchIndex) -> list[dict]:
    """The grid's rows: the identifier, the grid's columns and the searchable text; nothing
    else travels to the browser (the detail view is drawn on the server)."""
    return [
        {
            "id": row["id"],
            **{field: row.get(field, "") for field in grid_fields()},
            SEARCH_FIELD: text,
        }
        for row, text in zip(rows, search.texts, strict=True)
    ]


def described_cell(record, data_date: str, locale: i18n.Locale) -> str:
    """When the service was last described: "2023", or "not confirmed since 2020" past the
    currency horizon (the year is in the words); "unknown" when no cited document has a year."""
    year = int(record.get("described_year") or 0)
    if not year:
        return locale(vocab.UNKNOWN)
    stale = coverage_words.stale_label(year, data_date, locale) if data_date else ""
    return stale or str(year)
