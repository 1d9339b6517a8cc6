"""The column checks every data file's schema is built from, each with the text people see.

Each check carries an ``error`` text that says what is allowed, because the loader turns failures
into messages for the person who edited the file. The schemas themselves are in
:mod:`dashboard.data.schemas` (the directory and its evidence) and
:mod:`dashboard.data.reference_schemas` (geography, statistics and the published survey).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pandas as pd
import pandera.pandas as pa

from dashboard.data import vocabulary as vocab

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LA_CODE = re.compile(r"^W06\d{6}$")
#: A page of the public record: its excerpt file, with a section when one is named.
PUBLIC_RECORD_SOURCE = re.compile(r"^public_record/([A-Za-z0-9][A-Za-z0-9._-]*)\.txt(?: § .+)?$")
#: A seed document and section, a page of the public record, or (for ingested survey returns)
#: the export file and its rows.
SOURCE = re.compile(
    r"^(?:.+?\.(?:txt § .+|(?:csv|xlsx) rows? .+)|public_record/[A-Za-z0-9][A-Za-z0-9._-]*\.txt)$"
)
#: A citation of one seed document and section (no ingested export rows here).
SEED_SOURCE = re.compile(r"^\d{3}_[0-9a-f]+\.txt § .+$")
MAX_EVIDENCE = 200
MAX_QUOTE = 300
NOT_EMPTY = pa.Check.str_length(min_value=1, error="not empty")
SEED_SECTION = "'<seed file>.txt § <section>'"


def allowed(values: Iterable[str]) -> str:
    """``allowed: a, b, c``: the end of every vocabulary check's message."""
    return "allowed: " + ", ".join(values)


def text(checks: pa.Check | list[pa.Check] | None = None, **options) -> pa.Column:
    """A column read as text, never empty of a cell (empty cells are ``""``, not missing)."""
    return pa.Column(str, nullable=False, checks=checks, **options)


def each_cell(valid: Callable[[str], bool], error: str) -> pa.Check:
    """A check of every cell on its own, failing with ``error``."""
    return pa.Check(valid, element_wise=True, error=error)


def one_of(values: tuple[str, ...]) -> pa.Check:
    """Exactly one value of a vocabulary."""
    return pa.Check.isin(list(values), error=allowed(values))


def list_of(values: tuple[str, ...], error: str | None = None) -> pa.Check:
    """A non-empty ';' list whose every item is one of ``values``."""
    allowed_set = frozenset(values)

    def valid(cell: str) -> bool:
        items = vocab.split_list(cell)
        return bool(items) and all(item in allowed_set for item in items)

    return each_cell(
        valid, error or f"a ';' list where every item is one of the vocabulary ({allowed(values)})"
    )


def matching(pattern: re.Pattern[str], error: str | None = None) -> pa.Check:
    """The whole cell matches ``pattern`` (pandera's own message names the pattern when no
    ``error`` is given)."""
    options = {} if error is None else {"error": error}
    return pa.Check.str_matches(pattern.pattern, **options)


def length(error: str, max_value: int | None = None) -> pa.Check:
    """At least one character, and at most ``max_value`` when one is given."""
    return pa.Check.str_length(min_value=1, max_value=max_value, error=error)


def slug_column(error: str = "a slug: lower-case a-z, 0-9 and '-'", **options) -> pa.Column:
    """An id: lower-case words joined by '-'."""
    return text(matching(SLUG, error), **options)


def cited_column(pattern: re.Pattern[str] = SOURCE, error: str = SEED_SECTION) -> pa.Column:
    """The citation of a row: a seed document and section (or an export and its rows)."""
    return text(matching(pattern, error))


def quote_column(maximum: int, error: str | None = None) -> pa.Column:
    """An exact quote from the cited document, at most ``maximum`` characters."""
    return text(length(error or f"an exact quote of 1 to {maximum} characters", maximum))


def one_row_per(
    key: tuple[str, ...],
    what: str,
    among: Callable[[pd.DataFrame], pd.Series] | None = None,
) -> pa.Check:
    """A check of the whole table: no two rows (of those ``among`` selects, else all) share the
    values of ``key``. The rows that do fail, all of them: a repeated line and two different
    values for one figure are both refused, never resolved by keeping one.

    ``statistics`` carries the key so that :func:`dashboard.data.reading.validate` can name the
    rows that clash and what differs between them.
    """

    def distinct(frame: pd.DataFrame) -> pd.Series:
        rows = among(frame) if among is not None else pd.Series(True, index=frame.index)
        clashing = frame[rows].duplicated(list(key), keep=False)
        return ~clashing.reindex(frame.index, fill_value=False)

    return pa.Check(distinct, error=f"one row per {what}", statistics={"key": key, "what": what})
