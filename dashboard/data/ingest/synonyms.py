"""Read ``synonyms.csv``, the one table of header spellings and answer synonyms, once per process.

The file is data so that people who run the survey can add a spelling without touching code
(``docs/INGEST.md`` explains each column). This module checks only the file's shape; what each
row may say is checked where it is used (:mod:`.headers` for headers, :mod:`.answers` for
answers), and a row that breaks a rule stops the run with its row number.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Final

SYNONYMS_FILE: Final = Path(__file__).with_name("synonyms.csv")
COLUMNS: Final = ("kind", "field", "synonym", "value")
#: ``header``: a column heading (``synonym``) naming a survey question (``value``; field blank).
#: ``answer``: an answer (``synonym``) meaning a directory value (``value``) in a directory column
#: (``field``; blank for every question, which only ``unknown`` may be).
KINDS: Final = ("header", "answer")
#: Separates two directory values that one answer names ("medium to high" -> ``medium|high``).
VALUE_SEPARATOR: Final = "|"


class SynonymsError(ValueError):
    """``synonyms.csv`` breaks a rule; the message names the row."""


@dataclass(frozen=True)
class Synonym:
    """One row of ``synonyms.csv``; ``row`` is its line number as a spreadsheet shows it."""

    row: int
    kind: str
    field: str
    synonym: str
    value: str

    def values(self) -> tuple[str, ...]:
        """The directory value(s) the synonym means."""
        return tuple(self.value.split(VALUE_SEPARATOR))

    def fail(self, problem: str) -> SynonymsError:
        """An error naming this row of the file."""
        return SynonymsError(f"{SYNONYMS_FILE.name} row {self.row} ({self.synonym!r}): {problem}")


@functools.cache
def synonyms() -> tuple[Synonym, ...]:
    """Every row of the file, in file order; blank rows are skipped."""
    with SYNONYMS_FILE.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = tuple(next(reader, ()))
        if header != COLUMNS:
            raise SynonymsError(f"{SYNONYMS_FILE.name}: the header must be {','.join(COLUMNS)}")
        rows = []
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(COLUMNS):
                raise SynonymsError(
                    f"{SYNONYMS_FILE.name} row {number}: {len(cells)} cells, expected {len(COLUMNS)}"
                )
            row = Synonym(number, *(cell.strip() for cell in cells))
            if row.kind not in KINDS:
                raise row.fail(f"kind {row.kind!r} is not one of {', '.join(KINDS)}")
            if not row.synonym or not row.value:
                raise row.fail("synonym and value must both be filled in")
            rows.append(row)
    return tuple(rows)


def of_kind(kind: str) -> tuple[Synonym, ...]:
    """The rows of one kind, in file order."""
    return tuple(row for row in synonyms() if row.kind == kind)


def spellings_by_value(rows: tuple[Synonym, ...]) -> Mapping[str, tuple[str, ...]]:
    """Value -> its synonyms as written, both in file order."""
    grouped: dict[str, list[str]] = {}
    for row in rows:
        grouped.setdefault(row.value, []).append(row.synonym)
    return MappingProxyType({value: tuple(spellings) for value, spellings in grouped.items()})
