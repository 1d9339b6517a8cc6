"""The directory's columns, each declared once, in ``columns.toml``.

One :class:`Column` per column says everything the dashboard knows about it: its label, its
vocabulary, whether it is a list, a filter, a drill-down breakdown, in the detail view, in the
grid (and how wide), in a Welsh CSV (and how headed), given as published, backed by a quote, and
which survey question answers it. Every table that used to list columns is derived here (the
file's columns, the schema's vocabularies, the filters, the grid, the detail view, the CSV
headers, the ingest's questions, the catalogue's labels). To add a field: one ``[[column]]`` in
``columns.toml``, its check in ``schemas.py`` if it is free text, and the data.

The file is read and checked on first use (nothing at import time); a wrong entry is refused
with a :class:`ColumnRegistryError` naming the file, the column and what is allowed.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Final

from dashboard.data import vocabulary as vocab

COLUMNS_FILE: Final = Path(__file__).with_name("columns.toml")

#: Where a column's values come from (described in ``columns.toml``).
FILE: Final = "file"
DERIVED: Final = "derived"
SHOWN: Final = "shown"
ORIGINS: Final = (FILE, DERIVED, SHOWN)
#: What a cell holds.
LIST: Final = "list"
ONE: Final = "one"
TEXT: Final = "text"
CELLS: Final = (LIST, ONE, TEXT)


class ColumnRegistryError(ValueError):
    """An entry of ``columns.toml`` that the dashboard cannot use."""


@dataclass(frozen=True)
class GridPlace:
    """A column of the directory's grid: its place from the left, width in pixels and header."""

    order: int
    width: int
    header: str


@dataclass(frozen=True)
class FilterPlace:
    """A filter of the overview: its place in the list and its key in links."""

    order: int
    key: str


@dataclass(frozen=True)
class Column:
    """One directory column (the fields are described in ``columns.toml``)."""

    name: str
    label: str
    origin: str
    cell: str
    vocabulary: str | None = None
    detail: bool = True
    filter: FilterPlace | None = None
    breakdown: bool = False
    grid: GridPlace | None = None
    csv_header: str | None = None
    english: bool = False
    evidenced: bool = False
    may_be_unknown: bool = False
    question: str | None = None


_FIELDS: Final = tuple(Column.__dataclass_fields__)
_FLAGS: Final = ("detail", "breakdown", "english", "evidenced", "may_be_unknown")


def _fail(path: Path, name: object, problem: str) -> ColumnRegistryError:
    return ColumnRegistryError(f"{path.name}: column {name!r}: {problem}")


def _choice(path: Path, name: str, key: str, value: object, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise _fail(path, name, f"{key} {value!r} is not one of {', '.join(allowed)}")
    return str(value)


def _text(path: Path, name: str, key: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, name, f"{key} must be a non-empty string, not {value!r}")
    return value


def _order(path: Path, name: str, key: str, table: Mapping[str, object]) -> int:
    order = table.get("order")
    if not isinstance(order, int) or isinstance(order, bool) or order < 1:
        raise _fail(path, name, f"{key}.order must be a whole number from 1, not {order!r}")
    return order


def _grid(path: Path, name: str, label: str, table: object) -> GridPlace:
    if not isinstance(table, dict) or set(table) - {"order", "width", "header"}:
        raise _fail(path, name, "grid must be { order = n, width = pixels, header = '...' }")
    width = table.get("width")
    if not isinstance(width, int) or isinstance(width, bool) or not 40 <= width <= 600:
        raise _fail(
            path, name, f"grid.width must be a whole number of pixels 40-600, not {width!r}"
        )
    header = _text(path, name, "grid.header", table.get("header", label))
    return GridPlace(_order(path, name, "grid", table), width, header)


def _filter(path: Path, name: str, table: object) -> FilterPlace:
    if not isinstance(table, dict) or set(table) - {"order", "key"}:
        raise _fail(path, name, "filter must be { order = n, key = '...' }")
    key = _text(path, name, "filter.key", table.get("key", name))
    return FilterPlace(_order(path, name, "filter", table), key)


def _column(path: Path, entry: Mapping[str, object]) -> Column:
    name = entry.get("name")
    if not isinstance(name, str) or not name.isidentifier():
        raise _fail(path, name, "name must be a column identifier such as 'behaviour_focus'")
    unknown = sorted(set(entry) - set(_FIELDS))
    if unknown:
        raise _fail(path, name, f"unknown key {unknown[0]!r}; allowed: {', '.join(_FIELDS)}")
    label = _text(path, name, "label", entry.get("label"))
    origin = _choice(path, name, "origin", entry.get("origin"), ORIGINS)
    cell = _choice(path, name, "cell", entry.get("cell"), CELLS)
    for flag in _FLAGS:
        if not isinstance(entry.get(flag, False), bool):
            raise _fail(path, name, f"{flag} must be true or false, not {entry[flag]!r}")
    vocabulary = entry.get("vocabulary")
    allowed = vocab.DERIVED_VOCABULARIES if origin == DERIVED else tuple(vocab.VOCABULARIES)
    if cell == TEXT:
        if vocabulary is not None:
            raise _fail(path, name, "a text column has no vocabulary (make it a list or one)")
    else:
        vocabulary = _choice(path, name, "vocabulary", vocabulary, allowed)
    grid = entry.get("grid")
    filter_place = entry.get("filter")
    question = entry.get("question")
    if filter_place is not None and vocabulary is None:
        raise _fail(path, name, "a filter needs a vocabulary (its checkboxes)")
    if entry.get("evidenced") and origin != FILE:
        raise _fail(path, name, "only a column of the file is evidenced (quoted in evidence.csv)")
    if question is not None and (origin != FILE or cell == TEXT):
        raise _fail(path, name, "only a list or one column of the file is a survey question")
    return Column(
        name=name,
        label=label,
        origin=origin,
        cell=cell,
        vocabulary=vocabulary,
        detail=bool(entry.get("detail", True)),
        filter=None if filter_place is None else _filter(path, name, filter_place),
        breakdown=bool(entry.get("breakdown", False)),
        grid=None if grid is None else _grid(path, name, label, grid),
        csv_header=None
        if entry.get("csv_header") is None
        else _text(path, name, "csv_header", entry["csv_header"]),
        english=bool(entry.get("english", False)),
        evidenced=bool(entry.get("evidenced", False)),
        may_be_unknown=bool(entry.get("may_be_unknown", False)),
        question=None if question is None else _text(path, name, "question", question),
    )


def _unique(path: Path, columns: tuple[Column, ...]) -> None:
    """Names, filter keys and places, and grid places are each used once."""
    seen: dict[tuple[str, object], str] = {}
    for column in columns:
        keys = [("name", column.name)]
        if column.filter:
            keys += [("filter.key", column.filter.key), ("filter.order", column.filter.order)]
        if column.grid:
            keys.append(("grid.order", column.grid.order))
        if column.question:
            keys.append(("question", column.question))
        for key in keys:
            if key in seen:
                raise _fail(path, column.name, f"{key[0]} {key[1]!r} is also {seen[key]!r}'s")
            seen[key] = column.name


def load(path: Path = COLUMNS_FILE) -> tuple[Column, ...]:
    """Every column of ``path``, checked, in detail-view order."""
    try:
        with path.open("rb") as handle:
            entries = tomllib.load(handle).get("column", [])
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ColumnRegistryError(f"{path.name}: cannot be read: {error}") from None
    columns = tuple(_column(path, entry) for entry in entries)
    if not columns:
        raise ColumnRegistryError(f"{path.name}: no [[column]] entries")
    _unique(path, columns)
    return columns


@functools.cache
def columns() -> tuple[Column, ...]:
    """Every column of ``columns.toml``, in detail-view order."""
    return load(COLUMNS_FILE)


def column(name: str) -> Column:
    """The column called ``name`` (a ``KeyError`` names it when there is none)."""
    found = next((each for each in columns() if each.name == name), None)
    if found is None:
        raise KeyError(f"{name!r} is not a column of {COLUMNS_FILE.name}")
    return found


def values(entry: Column) -> tuple[str, ...]:
    """The allowed values of a file column (a derived column's are the domain's)."""
    return vocab.VOCABULARIES.get(entry.vocabulary or "", ())


# -- the tables derived from the registry ----------------------------------------------------
@functools.cache
def file_columns() -> tuple[str, ...]:
    """Every column of data/interventions.csv, in file order."""
    return tuple(each.name for each in columns() if each.origin == FILE)


def _vocabularies(cell: str) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType(
        {each.name: values(each) for each in columns() if each.origin == FILE and each.cell == cell}
    )


@functools.cache
def list_columns() -> Mapping[str, tuple[str, ...]]:
    """Columns holding a ';' list -> the vocabulary each item comes from."""
    return _vocabularies(LIST)


@functools.cache
def single_columns() -> Mapping[str, tuple[str, ...]]:
    """Columns holding exactly one value -> its vocabulary."""
    return _vocabularies(ONE)


@functools.cache
def column_vocabularies() -> Mapping[str, tuple[str, ...]]:
    """Every column of interventions.csv with a vocabulary -> that vocabulary (lists first)."""
    return MappingProxyType({**list_columns(), **single_columns()})


@functools.cache
def derived_columns() -> tuple[str, ...]:
    """Columns the dashboard derives from the directory, each with a vocabulary of its own."""
    return tuple(each.name for each in columns() if each.origin == DERIVED)


@functools.cache
def vocabulary_columns() -> tuple[str, ...]:
    """Every column whose values are vocabulary values (translated wherever they are shown)."""
    return (*column_vocabularies(), *derived_columns())


@functools.cache
def evidenced_columns() -> tuple[str, ...]:
    """Columns whose stated values must each be backed by a quote in data/evidence.csv (a value
    is "stated" unless it is unknown, empty or "none stated")."""
    return tuple(each.name for each in columns() if each.evidenced)


@functools.cache
def detail_labels() -> Mapping[str, str]:
    """A row's detail view: column -> label (English msgid), in order."""
    return MappingProxyType({each.name: each.label for each in columns() if each.detail})


@functools.cache
def grid_columns() -> tuple[Column, ...]:
    """The directory grid's columns, from the left."""
    placed = [each for each in columns() if each.grid]
    return tuple(sorted(placed, key=lambda each: each.grid.order if each.grid else 0))


@functools.cache
def filter_columns() -> tuple[Column, ...]:
    """The overview's filters, in their order."""
    placed = [each for each in columns() if each.filter]
    return tuple(sorted(placed, key=lambda each: each.filter.order if each.filter else 0))


@functools.cache
def breakdown_columns() -> tuple[Column, ...]:
    """The columns indexed for the drill-downs' counts."""
    return tuple(each for each in columns() if each.breakdown)


@functools.cache
def csv_headers() -> Mapping[str, str]:
    """Column -> its header in a Welsh page's CSV (English msgid)."""
    return MappingProxyType({each.name: each.csv_header for each in columns() if each.csv_header})


@functools.cache
def questions(cell: str) -> Mapping[str, str]:
    """Column holding ``cell`` values (``LIST`` or ``ONE``) -> the survey question answering it."""
    return MappingProxyType(
        {each.name: each.question for each in columns() if each.question and each.cell == cell}
    )


def labels() -> tuple[str, ...]:
    """Every English text of the registry that a page shows (for the catalogue)."""
    texts: list[str] = []
    for each in columns():
        texts.append(each.label)
        if each.grid:
            texts.append(each.grid.header)
        if each.csv_header:
            texts.append(each.csv_header)
    return tuple(dict.fromkeys(texts))
