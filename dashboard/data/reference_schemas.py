"""pandera schemas of the reference tables the directory is read against: the local-authority
lookup, population, criminal-justice statistics and the 2023 survey's published findings and
recommendations.

The checks they are built from, with the message each gives, are in
:mod:`dashboard.data.schema_checks`.
"""

from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pa

from dashboard.data import vocabulary as vocab
from dashboard.data.schema_checks import (
    LA_CODE,
    MAX_EVIDENCE,
    MAX_QUOTE,
    NOT_EMPTY,
    cited_column,
    one_of,
    one_row_per,
    quote_column,
    slug_column,
    text,
)

CJ_UNITS = ("count", "percent", "per 1,000 population", "per 100,000 population")
#: An ONS code of England and Wales, Wales or a police force area.
AREA_CODE = re.compile(r"^[EKW]\d{8}$")
PUBLISHED_QUOTE = f"1 to {MAX_EVIDENCE} characters"
#: What identifies one figure of ``criminal_justice.csv``: an official (primary) figure is given
#: once; secondary figures are reports, which may disagree, so each is one figure per source.
PRIMARY_FIGURE = ("area", "measure", "period", "unit")
SECONDARY_FIGURE = (*PRIMARY_FIGURE, "source")


def printed_forms(value: float) -> tuple[str, ...]:
    """How a report may print ``value``: 5600 as "5,600" or "5600", 10.9 as "10.9", 15 as "15"."""
    if value == int(value):
        return (f"{int(value):,}", str(int(value)))
    return (f"{value:g}",)


def quote_names_value(frame: pd.DataFrame) -> pd.Series:
    """Whether each row's quote contains its value in one of its printed forms."""
    return frame.apply(
        lambda row: any(form in str(row["quote"]) for form in printed_forms(row["value"])),
        axis=1,
    )


def lookup_schema() -> pa.DataFrameSchema:
    """Schema of ``geography/la_lookup.csv``: each local authority's names, force and region."""
    return pa.DataFrameSchema(
        {
            "la_code": text(pa.Check.str_matches(LA_CODE.pattern)),
            "la_name_en": text(),
            "la_name_cy": text(),
            "police_force_area": text(one_of(vocab.POLICE_FORCE_AREAS)),
            "vawdasv_region": text(one_of(vocab.VAWDASV_REGIONS)),
        },
        checks=[
            one_row_per(("la_code",), "local authority (la_code)"),
            one_row_per(("la_name_en",), "local authority name (la_name_en)"),
        ],
        strict=True,
    )


def population_schema() -> pa.DataFrameSchema:
    """Schema of ``geography/population.csv``: one row per area of each level."""
    positive = pa.Check.gt(0, error="a positive count")
    return pa.DataFrameSchema(
        {
            "level": text(one_of(("la", "region", "force", "wales"))),
            "area_id": slug_column(),
            "area_name": text(),
            "population": pa.Column(int, checks=positive),
            "population_16_plus": pa.Column(int, checks=positive),
            "year": text(),
            "source": text(NOT_EMPTY),
        },
        checks=[one_row_per(("level", "area_id"), "area of each level (level, area_id)")],
        strict=True,
    )


def criminal_justice_schema(known_areas: tuple[str, ...]) -> pa.DataFrameSchema:
    """Schema of ``criminal_justice.csv``: one published figure per row, with its caveat."""
    return pa.DataFrameSchema(
        {
            "area": text(one_of(known_areas)),
            "area_code": text(pa.Check.str_matches(AREA_CODE.pattern)),
            "measure": text(NOT_EMPTY),
            "period": text(NOT_EMPTY),
            "value": pa.Column(float, nullable=False),
            "unit": text(one_of(CJ_UNITS)),
            "source_kind": text(one_of(("primary", "secondary"))),
            "source": text(NOT_EMPTY),
            "caveat": text(NOT_EMPTY),
            # The words a report printed a secondary figure in; empty for a table's cell (P1) and
            # for reports whose words were not kept.
            "quote": text(
                pa.Check.str_length(max_value=MAX_QUOTE, error=f"at most {MAX_QUOTE} characters")
            ),
        },
        checks=[
            pa.Check(
                lambda frame: frame["quote"].eq("") | quote_names_value(frame),
                error="a quote must contain its figure as printed (e.g. 5,600 or 10.9)",
            ),
            pa.Check(
                lambda frame: (frame["unit"] != "count") | (frame["value"] >= 0),
                error="counts must not be negative",
            ),
            pa.Check(
                lambda frame: (frame["unit"] != "count") | (frame["value"] % 1 == 0),
                error="counts must be whole numbers",
            ),
            # The official table gives each figure once; /need and the profiles read one row.
            one_row_per(
                PRIMARY_FIGURE,
                "primary figure (area, measure, period, unit)",
                among=lambda frame: frame["source_kind"] == "primary",
            ),
            # Reports may disagree (each row is shown with its source and caveat), but one report
            # gives a figure once.
            one_row_per(
                SECONDARY_FIGURE,
                "secondary figure from one source (area, measure, period, unit, source)",
                among=lambda frame: frame["source_kind"] == "secondary",
            ),
        ],
        strict=True,
    )


def survey_published_schema() -> pa.DataFrameSchema:
    """Schema of ``survey_2023_published.csv``: the survey's published findings, each quoted."""
    return pa.DataFrameSchema(
        {
            "id": slug_column(unique=True),
            "measure": text(NOT_EMPTY),
            "breakdown": text(),
            "value": text(NOT_EMPTY),
            "value_kind": text(one_of(("count", "percentage", "rank", "category"))),
            "source": cited_column(),
            "evidence": quote_column(MAX_EVIDENCE, PUBLISHED_QUOTE),
        },
        strict=True,
    )


def recommendations_schema() -> pa.DataFrameSchema:
    """Schema of ``survey_2023_recommendations.csv``: the survey's ten recommendations."""
    return pa.DataFrameSchema(
        {
            "number": pa.Column(int, unique=True, checks=pa.Check.in_range(1, 10)),
            "text": text(NOT_EMPTY),
            "theme": text(NOT_EMPTY),
            "related_gaps": text(),
            "source": cited_column(),
            "evidence": quote_column(MAX_EVIDENCE, PUBLISHED_QUOTE),
        },
        strict=True,
    )
