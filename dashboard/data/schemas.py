"""pandera schemas for every data file the app loads.

Each check carries an ``error`` text that says what is allowed, because the loader turns failures
into messages for the person who edited the file.
"""

from __future__ import annotations

import re

import pandera.pandas as pa

from dashboard.domain import vocabulary as vocab

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LA_CODE = re.compile(r"^W06\d{6}$")
FINANCIAL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
#: A seed document and section, or (for ingested survey returns) the export file and its rows.
SOURCE = re.compile(r"^.+?\.(?:txt § .+|(?:csv|xlsx) rows? .+)$")
MAX_EVIDENCE = 200
NOT_EMPTY = pa.Check.str_length(min_value=1, error="not empty")


def _allowed(values) -> str:
    return "allowed: " + ", ".join(values)


def _list_check(column: str, allowed: tuple[str, ...]) -> pa.Check:
    allowed_set = frozenset(allowed)

    def valid(cell: str) -> bool:
        items = vocab.split_list(cell)
        return bool(items) and all(item in allowed_set for item in items)

    return pa.Check(
        valid,
        element_wise=True,
        error=f"a ';' list where every item is one of the vocabulary ({_allowed(allowed)})",
    )


def _single_check(allowed: tuple[str, ...]) -> pa.Check:
    return pa.Check.isin(list(allowed), error=_allowed(allowed))


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


def interventions_schema(known_la_codes: frozenset[str]) -> pa.DataFrameSchema:
    """Schema of ``interventions.csv``; every cell is read as text first."""
    text = {"dtype": str, "nullable": False}
    columns: dict[str, pa.Column] = {
        "id": pa.Column(
            **text,
            unique=True,
            checks=pa.Check.str_matches(SLUG.pattern, error="a slug: lower-case a-z, 0-9 and '-'"),
        ),
        "name": pa.Column(
            **text,
            checks=pa.Check.str_length(min_value=1, max_value=200, error="1 to 200 characters"),
        ),
        "aliases": pa.Column(**text),
        "provider": pa.Column(
            **text,
            checks=pa.Check.str_length(min_value=1, max_value=200, error="1 to 200 characters"),
        ),
        "local_authorities": pa.Column(
            **text,
            checks=pa.Check(
                _is_la_list(known_la_codes),
                element_wise=True,
                error="empty, or a ';' list of the 22 Welsh LA codes (W06000001 ... W06000024)",
            ),
        ),
        "referral_route": pa.Column(
            **text,
            checks=pa.Check.str_length(min_value=1, error="not empty; use unknown when not known"),
        ),
        "eligibility": pa.Column(
            **text,
            checks=pa.Check.str_length(min_value=1, error="not empty; use unknown when not known"),
        ),
        "evaluation_note": pa.Column(**text),
        "funding_longevity": pa.Column(
            **text,
            checks=pa.Check.str_length(min_value=1, error="not empty; use unknown when not known"),
        ),
        "funding_period_months": pa.Column(
            **text,
            checks=pa.Check(
                _is_months,
                element_wise=True,
                error="empty (not known) or whole months 1 to 240",
            ),
        ),
        "funding_end": pa.Column(
            **text,
            checks=pa.Check(
                _is_financial_year,
                element_wise=True,
                error="a financial year such as 2023-24, or unknown",
            ),
        ),
        "status_date": pa.Column(
            **text,
            checks=pa.Check(
                lambda cell: cell == vocab.UNKNOWN or bool(PARTIAL_DATE.match(cell)),
                element_wise=True,
                error="YYYY, YYYY-MM, YYYY-MM-DD or unknown",
            ),
        ),
        "source": pa.Column(
            **text,
            checks=pa.Check.str_matches(
                SOURCE.pattern,
                error="'<seed file>.txt § <section>' naming one source document, or '<export>.csv row N' for ingested survey returns",
            ),
        ),
        "evidence": pa.Column(
            **text,
            checks=pa.Check.str_length(
                min_value=1,
                max_value=MAX_EVIDENCE,
                error=f"an exact quote of 1 to {MAX_EVIDENCE} characters",
            ),
        ),
        "last_verified": pa.Column(
            **text,
            checks=pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$", error="a date YYYY-MM-DD"),
        ),
        "note": pa.Column(**text),
    }
    for column, allowed in vocab.SINGLE_COLUMNS.items():
        columns[column] = pa.Column(**text, checks=_single_check(allowed))
    for column, allowed in vocab.LIST_COLUMNS.items():
        columns[column] = pa.Column(**text, checks=_list_check(column, allowed))
    no_contact = pa.Check(
        lambda frame: (
            ~frame.apply(lambda col: col.str.contains(r"@|\b\d{5} ?\d{6}\b", regex=True)).any(
                axis=1
            )
        ),
        error="no e-mail addresses or phone numbers (no personal contact details)",
    )
    return pa.DataFrameSchema(columns, checks=[no_contact], strict=True, ordered=False)


def survey_published_schema() -> pa.DataFrameSchema:
    text = {"dtype": str, "nullable": False}
    return pa.DataFrameSchema(
        {
            "id": pa.Column(
                **text,
                unique=True,
                checks=pa.Check.str_matches(
                    SLUG.pattern, error="a slug: lower-case a-z, 0-9 and '-'"
                ),
            ),
            "measure": pa.Column(**text, checks=NOT_EMPTY),
            "breakdown": pa.Column(**text),
            "value": pa.Column(**text, checks=NOT_EMPTY),
            "value_kind": pa.Column(
                **text,
                checks=_single_check(("count", "percentage", "rank", "category")),
            ),
            "source": pa.Column(
                **text,
                checks=pa.Check.str_matches(SOURCE.pattern, error="'<seed file>.txt § <section>'"),
            ),
            "evidence": pa.Column(
                **text,
                checks=pa.Check.str_length(
                    min_value=1,
                    max_value=MAX_EVIDENCE,
                    error=f"1 to {MAX_EVIDENCE} characters",
                ),
            ),
        },
        strict=True,
    )


def recommendations_schema() -> pa.DataFrameSchema:
    text = {"dtype": str, "nullable": False}
    return pa.DataFrameSchema(
        {
            "number": pa.Column(int, unique=True, checks=pa.Check.in_range(1, 10)),
            "text": pa.Column(**text, checks=NOT_EMPTY),
            "theme": pa.Column(**text, checks=NOT_EMPTY),
            "related_gaps": pa.Column(**text),
            "source": pa.Column(
                **text,
                checks=pa.Check.str_matches(SOURCE.pattern, error="'<seed file>.txt § <section>'"),
            ),
            "evidence": pa.Column(
                **text,
                checks=pa.Check.str_length(
                    min_value=1,
                    max_value=MAX_EVIDENCE,
                    error=f"1 to {MAX_EVIDENCE} characters",
                ),
            ),
        },
        strict=True,
    )


CJ_UNITS = ("count", "percent", "per 1,000 population", "per 100,000 population")


def criminal_justice_schema(known_areas: tuple[str, ...]) -> pa.DataFrameSchema:
    text = {"dtype": str, "nullable": False}
    return pa.DataFrameSchema(
        {
            "area": pa.Column(**text, checks=_single_check(known_areas)),
            "area_code": pa.Column(**text, checks=pa.Check.str_matches(r"^[EKW]\d{8}$")),
            "measure": pa.Column(**text, checks=NOT_EMPTY),
            "period": pa.Column(**text, checks=NOT_EMPTY),
            "value": pa.Column(float, nullable=False),
            "unit": pa.Column(**text, checks=_single_check(CJ_UNITS)),
            "source_kind": pa.Column(**text, checks=_single_check(("primary", "secondary"))),
            "source": pa.Column(**text, checks=NOT_EMPTY),
            "caveat": pa.Column(**text, checks=NOT_EMPTY),
        },
        checks=[
            pa.Check(
                lambda frame: (frame["unit"] != "count") | (frame["value"] >= 0),
                error="counts must not be negative",
            ),
            pa.Check(
                lambda frame: (frame["unit"] != "count") | (frame["value"] % 1 == 0),
                error="counts must be whole numbers",
            ),
        ],
        strict=True,
    )


def population_schema() -> pa.DataFrameSchema:
    text = {"dtype": str, "nullable": False}
    return pa.DataFrameSchema(
        {
            "level": pa.Column(**text, checks=_single_check(("la", "region", "force", "wales"))),
            "area_id": pa.Column(
                **text,
                checks=pa.Check.str_matches(
                    SLUG.pattern, error="a slug: lower-case a-z, 0-9 and '-'"
                ),
            ),
            "area_name": pa.Column(**text),
            "population": pa.Column(int, checks=pa.Check.gt(0, error="a positive count")),
            "population_16_plus": pa.Column(int, checks=pa.Check.gt(0, error="a positive count")),
            "year": pa.Column(**text),
            "source": pa.Column(**text, checks=NOT_EMPTY),
        },
        unique=["level", "area_id"],
        strict=True,
    )


def lookup_schema() -> pa.DataFrameSchema:
    text = {"dtype": str, "nullable": False}
    return pa.DataFrameSchema(
        {
            "la_code": pa.Column(**text, unique=True, checks=pa.Check.str_matches(LA_CODE.pattern)),
            "la_name_en": pa.Column(**text, unique=True),
            "la_name_cy": pa.Column(**text),
            "police_force_area": pa.Column(**text, checks=_single_check(vocab.POLICE_FORCE_AREAS)),
            "vawdasv_region": pa.Column(**text, checks=_single_check(vocab.VAWDASV_REGIONS)),
        },
        strict=True,
    )


#: Directory columns a minimum-offer element may name, with their vocabularies. ``kind`` is
#: offered before the directory has the column (the element then shows "not known").
_KINDS_FALLBACK = (
    "programme",
    "multi-agency risk management",
    "court order or legal power",
    "partner/victim liaison",
    "prevention or training initiative",
    vocab.UNKNOWN,
)
_AREA_COLUMNS = ("police_force_areas", "vawdasv_regions")


def minimum_offer_fields() -> dict[str, tuple[str, ...]]:
    """Directory column -> vocabulary, for the ``field`` of ``minimum_offer.csv``."""
    fields = {
        column: tuple(allowed)
        for column, allowed in {**vocab.LIST_COLUMNS, **vocab.SINGLE_COLUMNS}.items()
        if column not in _AREA_COLUMNS
    }
    fields.setdefault("kind", tuple(getattr(vocab, "KINDS", _KINDS_FALLBACK)))
    return fields


def minimum_offer_schema() -> pa.DataFrameSchema:
    """Schema of ``minimum_offer.csv``: each element names a directory column with a vocabulary
    and a ';' list of that column's values (a service meets the element with any of them)."""
    text = {"dtype": str, "nullable": False}
    fields = minimum_offer_fields()

    def values_check(field: str, allowed: tuple[str, ...]) -> pa.Check:
        allowed = tuple(value for value in allowed if value != vocab.UNKNOWN)
        allowed_set = frozenset(allowed)

        def valid(frame):
            items = frame["values"].map(vocab.split_list)
            ok = items.map(lambda values: bool(values) and set(values) <= allowed_set)
            return (frame["field"] != field) | ok

        return pa.Check(
            valid,
            error=f"values for field {field}: a ';' list, each item one of: {', '.join(allowed)}",
        )

    return pa.DataFrameSchema(
        {
            "id": pa.Column(
                **text,
                unique=True,
                checks=pa.Check.str_matches(
                    SLUG.pattern, error="a slug: lower-case a-z, 0-9 and '-'"
                ),
            ),
            "element": pa.Column(
                **text,
                unique=True,
                checks=pa.Check.str_length(min_value=1, max_value=80, error="1 to 80 characters"),
            ),
            "field": pa.Column(
                **text,
                checks=pa.Check.isin(
                    list(fields),
                    error="a directory column with a vocabulary (" + _allowed(fields) + ")",
                ),
            ),
            "values": pa.Column(
                **text,
                checks=pa.Check(
                    lambda cell: bool(vocab.split_list(cell)),
                    element_wise=True,
                    error="a ';' list of at least one value of the field's vocabulary",
                ),
            ),
            "rationale": pa.Column(**text, checks=NOT_EMPTY),
            "source": pa.Column(
                **text,
                checks=pa.Check.str_matches(SOURCE.pattern, error="'<seed file>.txt § <section>'"),
            ),
            "evidence": pa.Column(
                **text,
                checks=pa.Check.str_length(
                    min_value=1,
                    max_value=MAX_EVIDENCE,
                    error=f"an exact quote of 1 to {MAX_EVIDENCE} characters",
                ),
            ),
        },
        checks=[values_check(field, allowed) for field, allowed in fields.items()],
        strict=True,
    )


#: A citation of one seed document and section (no ingested export rows here).
SEED_SOURCE = re.compile(r"^\d{3}_[0-9a-f]+\.txt § .+$")
MAX_QUOTE = 300
MAX_STATEMENT = 160


def _seed_source_column(**text) -> pa.Column:
    return pa.Column(
        **text,
        checks=pa.Check.str_matches(
            SEED_SOURCE.pattern, error="'<seed file>.txt § <section>' naming one source document"
        ),
    )


def evidence_schema() -> pa.DataFrameSchema:
    """Schema of ``evidence.csv``: one exact quote per row, keyed by directory id and columns."""
    text = {"dtype": str, "nullable": False}
    allowed = frozenset(vocab.INTERVENTION_COLUMNS)

    def valid_fields(cell: str) -> bool:
        items = vocab.split_list(cell)
        return bool(items) and all(item in allowed for item in items)

    return pa.DataFrameSchema(
        {
            "id": pa.Column(
                **text,
                checks=pa.Check.str_matches(SLUG.pattern, error="a directory id (slug)"),
            ),
            "fields": pa.Column(
                **text,
                checks=pa.Check(
                    valid_fields,
                    element_wise=True,
                    error="a ';' list of interventions.csv column names",
                ),
            ),
            "source": _seed_source_column(**text),
            "quote": pa.Column(
                **text,
                checks=pa.Check.str_length(
                    min_value=1,
                    max_value=MAX_QUOTE,
                    error=f"an exact quote of 1 to {MAX_QUOTE} characters",
                ),
            ),
        },
        unique=["id", "fields", "quote"],
        strict=True,
    )


def documented_gaps_schema(la_names: frozenset[str]) -> pa.DataFrameSchema:
    """Schema of ``documented_gaps.csv``: gaps a source states, each with its quote."""
    text = {"dtype": str, "nullable": False}
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
            "id": pa.Column(
                **text,
                unique=True,
                checks=pa.Check.str_matches(
                    SLUG.pattern, error="a slug: lower-case a-z, 0-9 and '-'"
                ),
            ),
            "field": pa.Column(**text, checks=_single_check(tuple(vocab.DOCUMENTED_GAP_FIELDS))),
            "value": pa.Column(**text, checks=NOT_EMPTY),
            "claim": pa.Column(**text, checks=_single_check(vocab.DOCUMENTED_GAP_CLAIMS)),
            "level": pa.Column(**text, checks=_single_check(vocab.DOCUMENTED_GAP_LEVELS)),
            "area": pa.Column(**text, checks=NOT_EMPTY),
            "statement": pa.Column(
                **text,
                checks=pa.Check.str_length(
                    min_value=1,
                    max_value=MAX_STATEMENT,
                    error=f"a plain sentence of 1 to {MAX_STATEMENT} characters",
                ),
            ),
            "source": _seed_source_column(**text),
            "evidence": pa.Column(
                **text,
                checks=pa.Check.str_length(
                    min_value=1,
                    max_value=MAX_QUOTE,
                    error=f"an exact quote of 1 to {MAX_QUOTE} characters",
                ),
            ),
            "note": pa.Column(**text),
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


def sources_schema() -> pa.DataFrameSchema:
    """Schema of ``sources.csv``: the readable title of each seed document."""
    text = {"dtype": str, "nullable": False}
    return pa.DataFrameSchema(
        {
            "file": pa.Column(
                **text,
                unique=True,
                checks=pa.Check.str_matches(
                    r"^\d{3}_[0-9a-f]+\.txt$", error="a seed file name such as 000_abc123.txt"
                ),
            ),
            "short_title": pa.Column(**text, checks=NOT_EMPTY),
            "title": pa.Column(**text, checks=NOT_EMPTY),
            "publisher": pa.Column(**text, checks=NOT_EMPTY),
            "year": pa.Column(**text, checks=pa.Check.str_matches(r"^\d{4}$", error="a year YYYY")),
            "url": pa.Column(
                **text,
                checks=pa.Check.str_matches(
                    r"^(|https?://\S+)$", error="empty, or an http(s) address"
                ),
            ),
        },
        strict=True,
    )
