"""The CSV downloads' column headers in the page's language.

An English page's CSV keeps the column names as identifiers (``known_for``, ``per_100k``): they
are what scripts that read the files rely on. A Welsh page's CSV has the same columns, headed in
Welsh; a column that is a vocabulary value (the funding chart's funders, "unknown") is headed by
that value in Welsh. Every download goes through :func:`csv_table`, in
:func:`dashboard.views.csv_export.csv_document`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

import pandas as pd

from dashboard.data import column_registry
from dashboard.i18n import N_, locale_for

#: Column identifier -> its header in words (translated for a Welsh page), for the columns that
#: are not the directory's: a directory column's header is declared in ``columns.toml``
#: (:func:`headers` has both).
CSV_HEADERS: Final = MappingProxyType(
    {
        "area_id": N_("area identifier"),
        "area": N_("area"),
        "area_name": N_("area name"),
        "area_code": N_("area code"),
        "category": N_("category"),
        "interventions": N_("interventions"),
        "known_for": N_("known for (services)"),
        "services_counted": N_("services counted"),
        "provision": N_("services counted (setting)"),
        "all_wales_services_added": N_("services across all of Wales added"),
        "count": N_("count"),
        "local_count": N_("local count"),
        "all_wales_available": N_("available across all of Wales"),
        "wider_available": N_("recorded across the wider area (may serve it)"),
        "coverage": N_("how the sources cover the area"),
        "last_described": N_("when the counted services were last described"),
        "described_year": N_("year last described"),
        "includes_all_wales": N_("includes services across all of Wales"),
        "population_16_plus": N_("population aged 16+"),
        "per_100k": N_("per 100,000 aged 16+"),
        "quality_count": N_("externally evaluated or accredited (count)"),
        "quality_known": N_("evaluation known for (services)"),
        "quality_share": N_("externally evaluated or accredited (share)"),
        "quality_too_little": N_("too little known about evaluation"),
        "precarious_count": N_("high precarity band (count)"),
        "precarity_known": N_("funding known for (services)"),
        "precarious_share": N_("high precarity band (share)"),
        "precarious_too_little": N_("too little known about funding"),
        "precarity_medium_count": N_("medium precarity band (count)"),
        "count_rank": N_("rank by count"),
        "per_100k_rank": N_("rank per 100,000"),
        "quality_share_rank": N_("rank by evaluated or accredited share"),
        "precarious_share_rank": N_("rank by high precarity band share"),
        "horizon": N_("when funding ends"),
        "funder_class": N_("funder (devolved or not)"),
        "field": N_("field"),
        "state": N_("state"),
        "measure": N_("measure"),
        "period": N_("period"),
        "rate_per_1000": N_("rate per 1,000 people"),
        "population": N_("population"),
        "caveat": N_("caveat"),
        "quote": N_("quote"),
        "value": N_("value"),
        "unit": N_("unit"),
        "source_kind": N_("kind of source"),
        "elements_met": N_("elements met"),
        "elements": N_("elements"),
        "elements_not_known": N_("elements not known"),
        "elements_gap": N_("elements with a gap"),
        "elements_no_record": N_("elements with no record"),
        "current_services": N_("current services"),
        "unclassified": N_("unclassified"),
        "services": N_("services"),
        "all_wales_beside": N_("available across Wales beside"),
        "documented_gap": N_("gap stated by a source"),
        "documented_source": N_("source of the stated gap"),
        "documented_quote": N_("quote of the stated gap"),
        "reason": N_("reason (code)"),
        "reason_text": N_("reason"),
        "year": N_("year of the source (gap)"),
        "wider_unclassified": N_("could serve it, unclassified"),
        "could_be_served_by": N_("could be served by"),
        "unclassified_beyond": N_("could serve it, unclassified (names)"),
        "later_sources_name": N_("later sources name"),
    }
)
#: A scorecard column: an element's identifier, then one of its measures ("family_state").
ELEMENT_COLUMN = re.compile(r"^(?P<element>[a-z-]+)_(?P<part>[a-z_]+)$")


@functools.cache
def headers() -> Mapping[str, str]:
    """Every column identifier with a header in words: the directory's columns (``columns.toml``),
    then the computed ones."""
    return MappingProxyType({**column_registry.csv_headers(), **CSV_HEADERS})


def csv_header(column: str, lang: str, element_labels: Mapping[str, str] | None = None) -> str:
    """The header of ``column`` in a CSV downloaded from a page in ``lang``; a scorecard column
    is headed by its element's label (``element_labels``: identifier -> label in ``lang``)."""
    if lang != "cy":
        return column
    locale = locale_for(lang)
    words = headers()
    if column in words:
        return locale(words[column])
    element = ELEMENT_COLUMN.match(column)
    if element and element["part"] in words:
        label = (element_labels or {}).get(element["element"], element["element"])
        return f"{label}: {locale(words[element['part']])}"
    return locale(column)  # a vocabulary value, such as a funder's name


def csv_table(
    frame: pd.DataFrame, lang: str, element_labels: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """``frame`` with its headers in the page's language (:func:`csv_header`)."""
    return frame.rename(
        columns={column: csv_header(str(column), lang, element_labels) for column in frame.columns}
    )
