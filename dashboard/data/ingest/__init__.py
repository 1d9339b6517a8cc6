"""Load full survey returns (one row per response) into the directory's model.

Run as ``python -m dashboard.data.ingest INPUT --out OUTPUT.csv [--rejects REJECTS.csv]``. INPUT is
a CSV or XLSX export with one column per survey question; every answer is mapped to the
controlled vocabulary in :mod:`dashboard.data.vocabulary`, duplicate responses are merged and
rows that cannot be placed on the map are rejected with a reason. The rules are documented in
``docs/INGEST.md``; the header spellings and answer synonyms are the data file ``synonyms.csv``.

One module per step: :mod:`.read` (INPUT -> header and rows), :mod:`.headers` (columns ->
questions), :mod:`.answers`, :mod:`.areas`, :mod:`.evaluation` and :mod:`.funding` (answers ->
vocabulary), :mod:`.records` (a response -> a record or a reject), :mod:`.merge` (duplicates),
:mod:`.pipeline` (the whole run), :mod:`.write` (the CSVs) and :mod:`.cli` (the command). This
module re-exports what callers and tests use.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType
from typing import Final

from dashboard.data.ingest.answers import (
    answer_synonyms,
    is_unknown,
    map_answer,
    map_list,
    map_single,
    unknown_answers,
)
from dashboard.data.ingest.areas import (
    FORCE_TO_REGION,
    REGION_TO_FORCE,
    Areas,
    parse_areas,
    police_synonyms,
    region_synonyms,
)
from dashboard.data.ingest.cli import build_parser, main
from dashboard.data.ingest.errors import InputError
from dashboard.data.ingest.evaluation import map_evaluation
from dashboard.data.ingest.funding import parse_funding_end, parse_funding_period
from dashboard.data.ingest.headers import HeaderMatch, header_synonyms, match_headers, questions
from dashboard.data.ingest.merge import merge_duplicates, merge_group
from dashboard.data.ingest.pipeline import Result, ingest_table
from dashboard.data.ingest.read import Table, read_table
from dashboard.data.ingest.records import Record, Reject, build_record, scrub_contacts
from dashboard.data.ingest.suggest import closest, did_you_mean
from dashboard.data.ingest.text import normalise_answer, normalise_header, split_answers
from dashboard.data.ingest.write import write_outputs

__all__ = [
    "FORCE_TO_REGION",
    "REGION_TO_FORCE",
    "Areas",
    "HeaderMatch",
    "InputError",
    "Record",
    "Reject",
    "Result",
    "Table",
    "answer_synonyms",
    "build_parser",
    "build_record",
    "closest",
    "did_you_mean",
    "header_synonyms",
    "ingest_table",
    "is_unknown",
    "main",
    "map_answer",
    "map_evaluation",
    "map_list",
    "map_single",
    "match_headers",
    "merge_duplicates",
    "merge_group",
    "normalise_answer",
    "normalise_header",
    "parse_areas",
    "parse_funding_end",
    "parse_funding_period",
    "police_synonyms",
    "questions",
    "read_table",
    "region_synonyms",
    "scrub_contacts",
    "split_answers",
    "unknown_answers",
    "write_outputs",
]

#: The synonym tables under the constant names the single-module ingest had. They are read from
#: synonyms.csv on first use (so importing the package reads no file), hence module attributes
#: computed on access (PEP 562) rather than constants.
_TABLES: Final[MappingProxyType[str, Callable[[], object]]] = MappingProxyType(
    {
        "QUESTIONS": questions,
        "HEADER_SYNONYMS": header_synonyms,
        "ANSWER_SYNONYMS": answer_synonyms,
        "POLICE_SYNONYMS": police_synonyms,
        "REGION_SYNONYMS": region_synonyms,
        "UNKNOWN_ANSWERS": unknown_answers,
    }
)


def __getattr__(name: str) -> object:
    """``ingest.HEADER_SYNONYMS`` and the other tables of :data:`_TABLES`, loaded once."""
    if name in _TABLES:
        return _TABLES[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
