"""Spreadsheet formula injection: which text cells a spreadsheet would run, and how to defuse them.

A spreadsheet opening a CSV treats a cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab
or carriage return before one) as a formula, so ``=HYPERLINK("http://x")`` from a survey answer
would become a live link, and ``+cmd|' /C calc'!A0`` a command, on the reader's machine. The
OWASP guidance is to prefix such a cell with a single quote, which every spreadsheet reads as
"this is text". This module is the one place the rule lives: the ingest refuses such answers
(:mod:`dashboard.data.ingest.records`), every CSV the app offers for download defuses its cells
with :func:`safe_cell` (:mod:`dashboard.views.csv_export`), and every CSV the ingest writes (its
output and its ``--rejects`` file, which quotes the refused answers) goes through
:func:`safe_writer`.

A number is not a formula: ``-2`` or ``+3.5`` stay numbers (a spreadsheet reads them as the
number they are), so only text that is not a plain number is defused.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, Final

#: The characters a spreadsheet reads as the start of a formula (OWASP CSV injection).
FORMULA_PREFIXES: Final = ("=", "+", "-", "@", "\t", "\r")
#: What is put before a formula-looking cell so a spreadsheet shows it as text.
TEXT_MARKER: Final = "'"
_PLAIN_NUMBER: Final = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def looks_like_formula(text: str) -> bool:
    """Would a spreadsheet read this text cell as a formula? (A plain number such as ``-2`` is
    not one.)"""
    return text.startswith(FORMULA_PREFIXES) and not _PLAIN_NUMBER.match(text)


def safe_cell(value: object) -> object:
    """A cell as a spreadsheet should see it: formula-looking text gets a leading ``'``;
    numbers, empty cells and all other text are returned unchanged."""
    if isinstance(value, str) and looks_like_formula(value):
        return TEXT_MARKER + value
    return value


def safe_row(cells: Iterable[object]) -> list[object]:
    """A row of cells, each through :func:`safe_cell`."""
    return [safe_cell(cell) for cell in cells]


class SafeWriter:
    """A :func:`csv.writer` whose every cell (header row included) goes through :func:`safe_cell`."""

    def __init__(self, handle: Any, **options: Any) -> None:
        self._writer = csv.writer(handle, **options)

    def writerow(self, cells: Iterable[object]) -> Any:
        """Write one row, formula-looking text cells defused."""
        return self._writer.writerow(safe_row(cells))

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        """Write every row, formula-looking text cells defused."""
        for cells in rows:
            self.writerow(cells)


def safe_writer(handle: Any, **options: Any) -> SafeWriter:
    """The formula-safe CSV writer: :func:`csv.writer` (same options) with no live formula."""
    return SafeWriter(handle, **options)
