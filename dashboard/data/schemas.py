"""pandera schemas of the directory and the files that speak about it: ``interventions.csv``,
``evidence.csv``, ``documented_gaps.csv``, ``sources.csv`` and ``minimum_offer.csv``.

The checks they are built from, with the message each gives, are in
:mod:`dashboard.data.schema_checks`; the geography, statistics and survey schemas are in
:mod:`dashboard.data.reference_schemas`.
"""

from __future__ import annotations

import datetime as dt
import re

import pandera.pandas as pa

from dashboard.data import column_registry
from dashboard.data import vocabulary as vocab
from dashboard.data.schema_checks import (
    LA_CODE,
    MAX_EVIDENCE,
    MAX_QUOTE,
    NOT_EMPTY,
    SEED_SOURCE,
    SOURCE,
    allowed,
    cited_column,
    each_cell,
    length,
    list_of,
    matching,
    one_of,
    quote_column,
    slug_column,
    text,
)

FINANCIAL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_STATEMENT = 160
#: The earliest date a directory row may state: before any Welsh perpetrator programme ran.
EARLIEST_DATE = dt.date(1990, 1, 1)
SEED_DOCUMENT = "'<seed file>.txt § <section>' naming one source document"


def _is_financial_year(cell: str) -> bool:
    if cell == vocab.UNKNOWN:
        return True
    match = FINANCIAL_YEAR.match(cell)
    return bool(match) and (int(match.group(1)) + 1) % 100 == int(match.group(2))


def _is_la_list(known_codes: frozenset[str]):
    def valid(cell: str) -> bool:
        return all(LA_CODE.match(code) and code in known_codes for code in vocab.split_list(cell))

    return valid


def _is_months(cell: str) -> bool:
    return cell == "" or (cell.isdigit() and 0 < int(cell) <= 240)


def _calendar_date(cell: str, latest: dt.date) -> bool:
    """A real date ``YYYY-MM-DD`` (no 2023-13-45, no 2023-02-30) from EARLIEST_DATE to
    ``latest``."""
    if not ISO_DATE.match(cell):
        return False
    try:
        date = dt.date.fromisoformat(cell)
    except ValueError:
        return False
    return EARLIEST_DATE <= date <= latest


def _partial_date(cell: str, latest: dt.date) -> bool:
    """``YYYY``, ``YYYY-MM`` (month 01 to 12) or a real ``YYYY-MM-DD``, within the same bounds
    (a year or month counts when any of its days does)."""
    if not PARTIAL_DATE.match(cell):
        return False
    if len(cell) == 10:
        return _calendar_date(cell, latest)
    year = int(cell[:4])
    month = int(cell[5:7]) if len(cell) == 7 else None
    if month is not None and not 1 <= month <= 12:
        return False
    # Its first day may not be after ``latest``; EARLIEST_DATE is a 1 January.
    return year >= EARLIEST_DATE.year and (year, month or 1) <= (latest.year, latest.month)


def latest_stated_date(today: dt.date | None = None) -> dt.date:
    """The latest date a row may say it was checked or its status reported: today, plus one day
    so that a row checked today in another time zone is not refused. Both dates say when
    something happened, so neither can be in the future (planned dates have other columns:
    ``funding_end``)."""
    return (today or dt.date.today()) + dt.timedelta(days=1)


def _has_contact_details(frame):
    """Per row: does any cell hold an e-mail address or a UK phone number?"""
    return frame.apply(lambda col: col.str.contains(r"@|\b\d{5} ?\d{6}\b", regex=True)).any(axis=1)


def interventions_schema(
    known_la_codes: frozenset[str], today: dt.date | None = None
) -> pa.DataFrameSchema:
    """Schema of ``interventions.csv``; every cell is read as text first. Dates may not be
    after :func:`latest_stated_date` of ``today`` (default: the real today)."""
    latest = latest_stated_date(today)
    bounds = f"from {EARLIEST_DATE.isoformat()} to {latest.isoformat()}"
    short_name = length("1 to 200 characters", 200)
    stated = length("not empty; use unknown when not known")
    columns: dict[str, pa.Column] = {
        "id": slug_column(unique=True),
        "name": text(short_name),
        "aliases": text(),
        "provider": text(short_name),
        "local_authorities": text(
            each_cell(
                _is_la_list(known_la_codes),
                "empty, or a ';' list of the 22 Welsh LA codes (W06000001 ... W06000024)",
            )
        ),
        "referral_route": text(stated),
        "eligibility": text(stated),
        "evaluation_note": text(),
        "funding_longevity": text(stated),
        "funding_period_months": text(
            each_cell(_is_months, "empty (not known) or whole months 1 to 240")
        ),
        "funding_end": text(
            each_cell(_is_financial_year, "a financial year such as 2023-24, or unknown")
        ),
        "status_date": text(
            each_cell(
                lambda cell: cell == vocab.UNKNOWN or _partial_date(cell, latest),
                f"a real date YYYY, YYYY-MM or YYYY-MM-DD {bounds}, or unknown",
            )
        ),
        "source": cited_column(
            SOURCE,
            "'<seed file>.txt § <section>' naming one source document, or '<export>.csv row N' "
            "for ingested survey returns",
        ),
        "evidence": quote_column(MAX_EVIDENCE),
        "last_verified": text(
            each_cell(lambda cell: _calendar_date(cell, latest), f"a real date YYYY-MM-DD {bounds}")
        ),
        "note": text(),
    }
    for column, values in column_registry.single_columns().items():
        columns[column] = text(one_of(values))
    for column, values in column_registry.list_columns().items():
        columns[column] = text(list_of(values))
    no_contact = pa.Check(
        lambda frame: ~_has_contact_details(frame),
        error="no e-mail addresses or phone numbers (no personal contact details)",
    )
    return pa.DataFrameSchema(columns, checks=[no_contact], strict=True, ordered=False)


#: The areas a service is recorded in are not an element of an offer: the scorecard's rows are.
_AREA_COLUMNS = ("police_force_areas", "vawdasv_regions")


def minimum_offer_fields() -> dict[str, tuple[str, ...]]:
    """Directory column -> vocabulary, for the ``field`` of ``minimum_offer.csv``."""
    return {
        column: tuple(values)
        for column, values in column_registry.column_vocabularies().items()
        if column not in _AREA_COLUMNS
    }


def _offer_values_check(field: str, values: tuple[str, ...]) -> pa.Check:
    """On the rows naming ``field``: every item of ``values`` is a known value of that field."""
    values = tuple(value for value in values if value != vocab.UNKNOWN)
    allowed_set = frozenset(values)

    def valid(frame):
        items = frame["values"].map(vocab.split_list)
        ok = items.map(lambda listed: bool(listed) and set(listed) <= allowed_set)
        return (frame["field"] != field) | ok

    return pa.Check(
        valid,
        error=f"values for field {field}: a ';' list, each item one of: {', '.join(values)}",
    )


def minimum_offer_schema() -> pa.DataFrameSchema:
    """Schema of ``minimum_offer.csv``: each element names a directory column with a vocabulary
    and a ';' list of that column's values (a service meets the element with any of them)."""
    fields = minimum_offer_fields()
    return pa.DataFrameSchema(
        {
            "id": slug_column(unique=True),
            "element": text(length("1 to 80 characters", 80), unique=True),
            "field": text(
                pa.Check.isin(
                    list(fields),
                    error="a directory column with a vocabulary (" + allowed(fields) + ")",
                )
            ),
            "values": text(
                each_cell(
                    lambda cell: bool(vocab.split_list(cell)),
                    "a ';' list of at least one value of the field's vocabulary",
                )
            ),
            "rationale": text(NOT_EMPTY),
            "source": cited_column(),
            "evidence": quote_column(MAX_EVIDENCE),
        },
        checks=[_offer_values_check(field, values) for field, values in fields.items()],
        strict=True,
    )


def evidence_schema() -> pa.DataFrameSchema:
    """Schema of ``evidence.csv``: one exact quote per row, keyed by directory id and columns."""
    return pa.DataFrameSchema(
        {
            "id": slug_column("a directory id (slug)"),
            "fields": text(
                list_of(
                    column_registry.file_columns(), "a ';' list of interventions.csv column names"
                )
            ),
            "source": cited_column(SEED_SOURCE, SEED_DOCUMENT),
            "quote": quote_column(MAX_QUOTE),
        },
        unique=["id", "fields", "quote"],
        strict=True,
    )


def documented_gaps_schema(la_names: frozenset[str]) -> pa.DataFrameSchema:
    """Schema of ``documented_gaps.csv``: gaps a source states, each with its quote."""
    areas_by_level = {
        "wales": frozenset({"Wales"}),
        "region": frozenset(vocab.VAWDASV_REGIONS),
        "la": la_names,
    }

    def value_matches_field(frame):
        return frame.apply(
            lambda row: (
                row["value"] in vocab.DOCUMENTED_GAP_FIELDS.get(row["field"], ())
                and row["value"] != vocab.UNKNOWN
            ),
            axis=1,
        )

    def area_matches_level(frame):
        return frame.apply(
            lambda row: row["area"] in areas_by_level.get(row["level"], frozenset()), axis=1
        )

    return pa.DataFrameSchema(
        {
            "id": slug_column(unique=True),
            "field": text(one_of(tuple(vocab.DOCUMENTED_GAP_FIELDS))),
            "value": text(NOT_EMPTY),
            "claim": text(one_of(vocab.DOCUMENTED_GAP_CLAIMS)),
            "level": text(one_of(vocab.DOCUMENTED_GAP_LEVELS)),
            "area": text(NOT_EMPTY),
            "statement": text(
                length(f"a plain sentence of 1 to {MAX_STATEMENT} characters", MAX_STATEMENT)
            ),
            "source": cited_column(SEED_SOURCE, SEED_DOCUMENT),
            "evidence": quote_column(MAX_QUOTE),
            "note": text(),
        },
        checks=[
            pa.Check(
                value_matches_field,
                error="value must be a vocabulary value of its field (local provision: "
                f"{vocab.OUTSIDE_CRIMINAL_JUSTICE!r})",
            ),
            pa.Check(
                area_matches_level,
                error="area must be 'Wales' (level wales), a VAWDASV region (level region) or a "
                "local authority's English name from la_lookup.csv (level la)",
            ),
        ],
        strict=True,
    )


SEED_FILE = re.compile(r"^\d{3}_[0-9a-f]+\.txt$")
YEAR = re.compile(r"^\d{4}$")
WEB_ADDRESS_OR_NONE = re.compile(r"^(|https?://\S+)$")


def sources_schema() -> pa.DataFrameSchema:
    """Schema of ``sources.csv``: the readable title of each seed document."""
    return pa.DataFrameSchema(
        {
            "file": text(
                matching(SEED_FILE, "a seed file name such as 000_abc123.txt"), unique=True
            ),
            "short_title": text(NOT_EMPTY),
            "title": text(NOT_EMPTY),
            "publisher": text(NOT_EMPTY),
            "year": text(matching(YEAR, "a year YYYY")),
            "url": text(matching(WEB_ADDRESS_OR_NONE, "empty, or an http(s) address")),
            "published": text(
                matching(PARTIAL_DATE, "the publication date YYYY, YYYY-MM or YYYY-MM-DD")
            ),
        },
        checks=[
            pa.Check(
                lambda frame: frame["published"].str[:4] == frame["year"],
                error="published must fall in the row's year",
            )
        ],
        strict=True,
    )


def source_scopes_schema(la_names: frozenset[str]) -> pa.DataFrameSchema:
    """Schema of ``source_scopes.csv``: what each source enumerates, where and as at when."""
    areas_by_level = {
        "wales": frozenset({vocab.ALL_WALES}),
        "region": frozenset(vocab.VAWDASV_REGIONS),
        "force": frozenset(vocab.POLICE_FORCE_AREAS),
        "la": la_names,
    }

    def areas_match_level(frame):
        return frame.apply(
            lambda row: (
                bool(vocab.split_list(row["areas"]))
                and all(
                    area in areas_by_level.get(row["level"], frozenset())
                    for area in vocab.split_list(row["areas"])
                )
            ),
            axis=1,
        )

    return pa.DataFrameSchema(
        {
            "id": slug_column(unique=True),
            "file": text(matching(SEED_FILE, "a seed file name such as 000_abc123.txt")),
            "enumerates": text(NOT_EMPTY),
            "kinds": text(
                each_cell(
                    lambda cell: all(item in vocab.KINDS for item in vocab.split_list(cell)),
                    "empty (every kind), or a ';' list of kinds of intervention ("
                    + ", ".join(vocab.KINDS)
                    + ")",
                )
            ),
            "behaviours": text(
                each_cell(
                    lambda cell: all(
                        item in vocab.BEHAVIOUR_FOCUSES for item in vocab.split_list(cell)
                    ),
                    "empty (every behaviour), or a ';' list of behaviour focuses ("
                    + ", ".join(vocab.BEHAVIOUR_FOCUSES)
                    + ")",
                )
            ),
            "depth": text(one_of(vocab.SCOPE_DEPTHS)),
            "level": text(one_of(vocab.SCOPE_LEVELS)),
            "areas": text(NOT_EMPTY),
            "as_at": text(matching(PARTIAL_DATE, "a date YYYY, YYYY-MM or YYYY-MM-DD")),
            "exhaustive": text(one_of(vocab.SCOPE_EXHAUSTIVE)),
            "listing": text(),
            "listing_field": text(
                each_cell(
                    lambda cell: cell == "" or cell in column_registry.file_columns(),
                    "empty, or a column of interventions.csv",
                )
            ),
            "source": cited_column(SEED_SOURCE, SEED_DOCUMENT),
            "quote": quote_column(MAX_QUOTE),
            "note": text(),
        },
        checks=[
            pa.Check(
                areas_match_level,
                error="areas must be a ';' list of the level's areas: 'All Wales' (level wales), "
                "VAWDASV regions (region), police force areas (force) or local authorities' "
                "English names from la_lookup.csv (la)",
            ),
            pa.Check(
                lambda frame: frame["source"].str.split(" § ").str[0] == frame["file"],
                error="source must cite the row's own file",
            ),
        ],
        strict=True,
    )


def custody_sites_schema(la_codes: frozenset[str]) -> pa.DataFrameSchema:
    """Schema of ``custody_sites.csv``: the prisons in Wales where a service is delivered."""
    return pa.DataFrameSchema(
        {
            "id": slug_column(),
            "prison": text(NOT_EMPTY),
            "local_authority": text(
                each_cell(
                    lambda cell: cell in la_codes, "a local authority code from la_lookup.csv"
                )
            ),
            "source": cited_column(SEED_SOURCE, SEED_DOCUMENT),
            "quote": quote_column(MAX_QUOTE),
        },
        unique=["id", "prison"],
        strict=True,
    )
