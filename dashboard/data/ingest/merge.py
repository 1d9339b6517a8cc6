"""Responses about the same intervention -> one record: lists unioned, conflicts noted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Final

from dashboard.data import column_registry
from dashboard.data import vocabulary as vocab
from dashboard.data.ingest.records import Record

#: Columns written as lists besides the vocabulary lists.
_OTHER_LISTS: Final = frozenset({"aliases", "local_authorities"})
#: Columns that follow another column's choice when merging (they are derived from it).
_FOLLOWS: Final[Mapping[str, str]] = MappingProxyType(
    {"funding_period_months": "funding_longevity", "funding_term": "funding_longevity"}
)
_NOT_MERGED: Final = frozenset(
    {"id", "name", "provider", "source", "evidence", "last_verified", "note"}
)
_NOT_KNOWN: Final = frozenset({"", vocab.UNKNOWN})


def _is_known(value: str | list[str]) -> bool:
    if isinstance(value, list):
        return any(item not in _NOT_KNOWN and item != "none stated" for item in value)
    return value not in _NOT_KNOWN


def merge_group(group: Sequence[Record]) -> Record:
    """Merge responses about the same intervention into the first.

    List values are unioned (``unknown``/``none stated`` dropped when anything is known); for a
    single value the first known one is kept and a differing later value is noted as a conflict.
    """
    first = group[0]
    values = {
        column: (list(value) if isinstance(value, list) else value)
        for column, value in first.values.items()
    }
    rows = [row for record in group for row in record.rows]
    notes = list(first.notes)
    chosen: dict[str, int] = {}
    for column in first.values:
        if column in _NOT_MERGED or column in _FOLLOWS:
            continue
        if column in _OTHER_LISTS or column in column_registry.list_columns():
            merged: list[str] = []
            for record in group:
                merged.extend(item for item in record.values[column] if item not in merged)
            known = [item for item in merged if item not in _NOT_KNOWN and item != "none stated"]
            values[column] = known or merged[:1]
            continue
        index = next((i for i, record in enumerate(group) if _is_known(record.values[column])), 0)
        chosen[column] = index
        values[column] = group[index].values[column]
        for record in group[index + 1 :]:
            other = record.values[column]
            if _is_known(other) and other != values[column]:
                notes.append(
                    f"conflict in {column}: {values[column]!r} (row {group[index].rows[0]}) "
                    f"vs {other!r} (row {record.rows[0]}), first kept"
                )
    for column, leader in _FOLLOWS.items():
        values[column] = group[chosen.get(leader, 0)].values[column]
    for record in group[1:]:
        notes.extend(note for note in record.notes if note not in notes)
    notes.append(f"merged {len(group)} duplicate responses (rows {'; '.join(map(str, rows))})")
    return Record(values=values, rows=rows, notes=notes)


def merge_duplicates(records: Sequence[Record]) -> tuple[list[Record], int]:
    """Group records by :meth:`Record.key` (first appearance order) and merge each group.

    Returns the merged records and how many responses were merged into another.
    """
    groups: dict[tuple, list[Record]] = {}
    for record in records:
        groups.setdefault(record.key(), []).append(record)
    merged = [group[0] if len(group) == 1 else merge_group(group) for group in groups.values()]
    return merged, len(records) - len(merged)
