"""pandera schemas of the files that date the directory's facts and declare its waves: ``waves.csv``,
``wave_links.csv``, ``document_facts.csv``, and the public record (``public_record/pages.csv``,
``facts.csv``, ``decisions.csv``), and the answers file the ingest writes beside a survey's wave.

The checks they are built from are :mod:`dashboard.data.schema_checks`; what is checked across
files (a fact's page exists, its quote is in the page's excerpt) is
:mod:`dashboard.data.public_record` and :mod:`dashboard.data.wave_files`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pandera.pandas as pa

from dashboard.data import column_registry
from dashboard.data import vocabulary as vocab
from dashboard.data.schema_checks import (
    NOT_EMPTY,
    PUBLIC_RECORD_SOURCE,
    SEED_SOURCE,
    allowed,
    each_cell,
    length,
    matching,
    one_of,
    quote_column,
    slug_column,
    text,
)
from dashboard.data.schemas import (
    PARTIAL_DATE,
    SEED_FILE,
    _calendar_date,
    _is_financial_year,
    _partial_date,
    latest_stated_date,
)

#: A public record quote may be longer than a seed's: pages are read once, and a finding often
#: needs its whole sentence.
MAX_RECORD_QUOTE = 600
MAX_NAME = 200
#: The survey export's own citation, as the ingest writes it: ``<file>.csv row 3`` or ``rows 3; 7``.
EXPORT_SOURCE = re.compile(r"^.+?\.(?:csv|xlsx) rows? .+$")
#: Identifiers of public-record pages: the name of their excerpt file.
SOURCE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
ADDRESS = re.compile(r"^https?://\S+$")
SURVEY_FILE = re.compile(r"^waves/[a-z0-9]+(?:-[a-z0-9]+)*\.csv$")
#: The latest date a planned fact may describe (a planned end or launch).
LATEST_PLANNED = dt.date(2100, 12, 31)


def _areas_by_level(la_names: frozenset[str]) -> dict[str, frozenset[str]]:
    return {
        "wales": frozenset({vocab.ALL_WALES}),
        "region": frozenset(vocab.VAWDASV_REGIONS),
        "force": frozenset(vocab.POLICE_FORCE_AREAS),
        "la": la_names,
    }


def _rows(valid: Callable[[dict], bool], error: str) -> pa.Check:
    """A check of each row as a whole (its cells by column name)."""
    return pa.Check(
        lambda frame: frame.apply(lambda row: bool(valid(row.to_dict())), axis=1), error=error
    )


def _wave_sources_valid(row: dict) -> bool:
    items = vocab.split_list(row["sources"])
    if row["kind"] == vocab.DOCUMENTS:
        return bool(items) and all(SEED_FILE.match(item) for item in items)
    if row["kind"] == vocab.PUBLIC_RECORD:
        return items == [vocab.PUBLIC_RECORD_DIR]
    if row["kind"] == vocab.SURVEY:
        return len(items) == 1 and bool(SURVEY_FILE.match(items[0]))
    return True  # the kind's own check names the kind


def waves_schema(la_names: frozenset[str]) -> pa.DataFrameSchema:
    """Schema of ``waves.csv``: each wave a named, dated set of sources with its scope."""
    areas_by_level = _areas_by_level(la_names)

    def areas_match_level(row: dict) -> bool:
        areas = vocab.split_list(row["areas"])
        return bool(areas) and all(
            area in areas_by_level.get(row["level"], frozenset()) for area in areas
        )

    def based_on_valid(frame):
        declared: set[str] = set()
        results = []
        for row in frame.itertuples(index=False):
            if row.kind == vocab.PUBLIC_RECORD:
                results.append(row.based_on in declared)
            else:
                results.append(row.based_on == "")
            declared.add(row.id)
        return frame.assign(ok=results)["ok"]

    return pa.DataFrameSchema(
        {
            "id": slug_column(unique=True),
            "name": text(length("a name of 1 to 120 characters", 120)),
            "name_cy": text(
                each_cell(
                    lambda cell: len(cell) <= 120,
                    "empty, or the Welsh name of at most 120 characters",
                )
            ),
            "as_at": text(matching(PARTIAL_DATE, "a date YYYY, YYYY-MM or YYYY-MM-DD")),
            "kind": text(one_of(vocab.WAVE_KINDS)),
            "sources": text(NOT_EMPTY),
            "based_on": text(),
            "level": text(one_of(vocab.SCOPE_LEVELS)),
            "areas": text(NOT_EMPTY),
            "depth": text(
                each_cell(
                    lambda cell: cell == "" or cell in vocab.SCOPE_DEPTHS,
                    "empty (documents and public record: their sources' scopes say), or for a "
                    "survey how its returns cover its areas ("
                    + ", ".join(vocab.SCOPE_DEPTHS)
                    + ")",
                )
            ),
            "note": text(),
        },
        checks=[
            _rows(
                _wave_sources_valid,
                "sources must be, for documents, a ';' list of seed file names (000_abc.txt); for "
                f"the public record, {vocab.PUBLIC_RECORD_DIR}; for a survey, its file "
                "waves/<id>.csv",
            ),
            pa.Check(
                based_on_valid,
                error="based_on must be, for the public record, the id of a wave declared above "
                "it (the picture it is applied on top of); empty for documents and surveys",
            ),
            _rows(
                areas_match_level,
                "areas must be a ';' list of the level's areas: 'All Wales' (level wales), "
                "VAWDASV regions (region), police force areas (force) or local authorities' "
                "English names from la_lookup.csv (la)",
            ),
            _rows(
                lambda row: (row["depth"] != "") == (row["kind"] == vocab.SURVEY),
                "depth is stated for a survey (how its returns cover its areas) and only there",
            ),
        ],
        strict=True,
    )


def _link_source(cell: str) -> bool:
    return bool(
        SEED_SOURCE.match(cell) or PUBLIC_RECORD_SOURCE.match(cell) or EXPORT_SOURCE.match(cell)
    )


def wave_links_schema() -> pa.DataFrameSchema:
    """Schema of ``wave_links.csv``: one service under another identifier in a later wave."""
    return pa.DataFrameSchema(
        {
            "old_id": slug_column("the earlier wave's id of the service (a slug)"),
            "new_id": slug_column("the later wave's id of the service (a slug)"),
            "relation": text(one_of(vocab.LINK_RELATIONS)),
            "source": text(
                each_cell(
                    _link_source,
                    "'<seed file>.txt § <section>', 'public_record/<source_id>.txt' or a survey "
                    "export's '<file>.csv row N'",
                )
            ),
            "quote": quote_column(MAX_RECORD_QUOTE),
            "note": text(),
        },
        checks=[
            pa.Check(
                lambda frame: frame["old_id"] != frame["new_id"],
                error="old_id and new_id must differ",
            ),
            pa.Check(
                lambda frame: (
                    ~frame.duplicated(["old_id"], keep=False) | (frame["relation"] == vocab.MERGED)
                ),
                error="a service is renamed once (two links from one old_id: merged or split?)",
            ),
        ],
        unique=["old_id", "new_id"],
        strict=True,
    )


def page_schema(today: dt.date | None = None) -> pa.DataFrameSchema:
    """Schema of ``public_record/pages.csv``: one public page read, with its dates."""
    latest = latest_stated_date(today)
    return pa.DataFrameSchema(
        {
            "source_id": text(matching(SOURCE_ID, "letters, digits, '.', '_' or '-'"), unique=True),
            "address": text(matching(ADDRESS, "the page's http(s) address")),
            "publisher": text(length("the publisher, 1 to 200 characters", MAX_NAME)),
            "title": text(NOT_EMPTY),
            "published": text(
                each_cell(
                    lambda cell: cell == vocab.UNKNOWN or _partial_date(cell, latest),
                    f"a real date YYYY, YYYY-MM or YYYY-MM-DD up to {latest}, or unknown",
                )
            ),
            "read": text(
                each_cell(
                    lambda cell: _calendar_date(cell, latest),
                    f"the real date YYYY-MM-DD the page was read, up to {latest}",
                )
            ),
            "kind": text(one_of(vocab.PAGE_KINDS)),
            "scope": text(NOT_EMPTY),
            "note": text(),
        },
        strict=True,
    )


def _value_valid(
    field: str, value: str, la_codes: frozenset[str], la_names: frozenset[str]
) -> bool:
    items = vocab.split_list(value)
    if not items:
        return False
    if field == vocab.EXISTS:
        return value in vocab.EXISTS_VALUES
    if field in ("provider", "name"):
        return len(value) <= MAX_NAME
    if field == "funding_end":
        return value != vocab.UNKNOWN and _is_financial_year(value)
    if field == "local_authorities":
        return all(item in la_codes or item in la_names for item in items)
    if field in column_registry.list_columns():
        return (
            all(item in column_registry.list_columns()[field] for item in items)
            and value != vocab.UNKNOWN
        )
    if field in column_registry.single_columns():
        return value in column_registry.single_columns()[field] and value != vocab.UNKNOWN
    return False


def _field_rule(field: str) -> str:
    """What a fact's value may be for ``field`` (never unknown: a fact states something)."""
    if field == vocab.EXISTS:
        return "yes or no"
    if field in ("provider", "name"):
        return "text of 1 to 200 characters"
    if field == "funding_end":
        return "a financial year such as 2025-26"
    if field == "local_authorities":
        return "a ';' list of local authority codes (W06...) or English names"
    stated = [
        value for value in column_registry.column_vocabularies()[field] if value != vocab.UNKNOWN
    ]
    if field in column_registry.list_columns():
        return "a ';' list, " + allowed(stated)
    return "one value, " + allowed(stated)


def _value_checks(la_codes: frozenset[str], la_names: frozenset[str]) -> list[pa.Check]:
    """One check per field, so a refused value names its own field's rule."""

    def check(field: str) -> pa.Check:
        def valid(frame):
            ok = frame["value"].map(lambda value: _value_valid(field, value, la_codes, la_names))
            return (frame["field"] != field) | ok

        return pa.Check(valid, error=f"value for field {field}: {_field_rule(field)}")

    return [check(field) for field in vocab.FACT_FIELDS]


def facts_schema(
    la_codes: frozenset[str],
    la_names: frozenset[str],
    *,
    cited_by: str = "source_id",
    today: dt.date | None = None,
) -> pa.DataFrameSchema:
    """Schema of ``public_record/facts.csv`` (``cited_by`` ``source_id``: a page) and of
    ``document_facts.csv`` (``source``: a seed document and section): one dated statement about
    one field of one service. A planned fact may describe a date to come."""
    latest = latest_stated_date(today)

    def date_valid(row: dict) -> bool:
        bound = LATEST_PLANNED if row["finding"] == vocab.PLANNED else latest
        return _partial_date(row["describes"], bound)

    citation = (
        text(matching(SOURCE_ID, "the source_id of a page in pages.csv"))
        if cited_by == "source_id"
        else text(matching(SEED_SOURCE, "'<seed file>.txt § <section>' naming one seed document"))
    )
    columns = vocab.FACT_COLUMNS if cited_by == "source_id" else vocab.DOCUMENT_FACT_COLUMNS
    schema_columns = {
        "fact_id": text(matching(SOURCE_ID, "letters, digits, '.', '_' or '-'"), unique=True),
        "intervention_id": slug_column("a directory id (slug)"),
        "finding": text(one_of(vocab.FACT_FINDINGS)),
        "field": text(one_of(vocab.FACT_FIELDS)),
        "value": text(NOT_EMPTY),
        "describes": text(matching(PARTIAL_DATE, "a date YYYY, YYYY-MM or YYYY-MM-DD")),
        cited_by: citation,
        "quote": quote_column(MAX_RECORD_QUOTE),
        "note": text(),
    }
    return pa.DataFrameSchema(
        {name: schema_columns[name] for name in columns},
        checks=[
            *_value_checks(la_codes, la_names),
            _rows(
                date_valid,
                f"describes must be a real date up to {latest} (a planned fact: up to "
                f"{LATEST_PLANNED})",
            ),
            _rows(
                lambda row: (
                    row["finding"] != vocab.ENDED
                    or (row["field"] == "status" and row["value"] == "decommissioned")
                    or (row["field"] == vocab.EXISTS and row["value"] == "no")
                ),
                "an ended finding states status decommissioned or exists no",
            ),
        ],
        strict=True,
    )


def decisions_schema() -> pa.DataFrameSchema:
    """Schema of ``public_record/decisions.csv``: what the search found for each service."""
    maybe_date = each_cell(
        lambda cell: cell in ("", vocab.UNKNOWN) or bool(PARTIAL_DATE.match(cell)),
        "empty, unknown or a date YYYY, YYYY-MM or YYYY-MM-DD",
    )
    return pa.DataFrameSchema(
        {
            "intervention_id": slug_column("a directory id (slug)", unique=True),
            "name": text(NOT_EMPTY),
            "latest_fact_before": text(maybe_date),
            "decision": text(NOT_EMPTY),
            "latest_public_date": text(maybe_date),
            "fact_ids": text(),
            "searched": text(),
        },
        strict=True,
    )


def answers_schema() -> pa.DataFrameSchema:
    """Schema of ``waves/<wave>.answers.csv``: each answer as entered behind one field."""
    return pa.DataFrameSchema(
        {
            "id": slug_column("an id of the wave's directory file (slug)"),
            "field": text(one_of(vocab.FACT_FIELDS)),
            "source": text(matching(EXPORT_SOURCE, "'<export>.csv row N'")),
            "answer": text(NOT_EMPTY),
        },
        unique=["id", "field", "source"],
        strict=True,
    )


def record_evidence_schema() -> pa.DataFrameSchema:
    """Schema of ``public_record/new_evidence.csv``: the columns of ``evidence.csv``, each quote
    from a seed document or from a page of the public record."""
    return pa.DataFrameSchema(
        {
            "id": slug_column("a directory id (slug)"),
            "fields": text(
                each_cell(
                    lambda cell: (
                        bool(vocab.split_list(cell))
                        and all(
                            item in column_registry.file_columns()
                            for item in vocab.split_list(cell)
                        )
                    ),
                    "a ';' list of interventions.csv column names",
                )
            ),
            "source": text(
                each_cell(
                    lambda cell: bool(SEED_SOURCE.match(cell) or PUBLIC_RECORD_SOURCE.match(cell)),
                    "'<seed file>.txt § <section>' or 'public_record/<source_id>.txt'",
                )
            ),
            "quote": quote_column(MAX_RECORD_QUOTE),
        },
        unique=["id", "fields", "quote"],
        strict=True,
    )
