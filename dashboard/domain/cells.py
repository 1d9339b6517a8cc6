"""Gap cells: one area and one value of a field, in one of the counting model's four states.

The gap review's matrices, the minimum-offer scorecard and the gap sentences all classify their
cells here, by the gap rule of :data:`dashboard.domain.counting.RULES`: "provision recorded" when
a counted service has the value; "gap" when a source states the absence, or when the value is
known for every counted service there and none has it; "not known" when some are unclassified;
"no record" when no service is counted there. The states themselves are declared beside the rule
in :mod:`dashboard.domain.counting`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.domain import counting
from dashboard.domain.counting import GAP, NO_RECORD, NOT_KNOWN, RECORDED
from dashboard.domain.model import Directory


@dataclass(frozen=True)
class DocumentedGap:
    """A gap a source document states, with its quote."""

    id: str
    field: str
    value: str
    level: str
    area: str
    statement: str
    source: str
    evidence: str
    #: True when the source states that there is none ("no evidence of any ..."); False when it
    #: states a shortfall ("a key gap", "comparatively fewer"). Only an absence makes a cell a gap.
    absence: bool = True


#: (field, value, area_id) -> the documented gap; area_id ``"wales"`` applies to every area.
DocumentedIndex = Mapping[tuple[str, str, str], DocumentedGap]


@dataclass(frozen=True)
class Cell:
    """One area and one value of a field, in one of :data:`counting.CELL_STATES`."""

    state: str
    #: Counted services in the area that have the value.
    count: int
    #: Counted services in the area whose field is unknown (all of them when it is missing).
    unclassified: int
    #: Counted services in the area.
    services: int
    #: The names of the services that have the value, alphabetically.
    names: tuple[str, ...] = ()
    #: The gap a source states, when the cell is a gap for that reason.
    documented: DocumentedGap | None = None


def classify(count: int, unclassified: int, services: int, documented: DocumentedGap | None) -> str:
    """The state of one cell (the gap rule of :data:`counting.RULES`)."""
    if count > 0:
        return RECORDED
    if documented is not None:
        return GAP
    if services == 0:
        return NO_RECORD
    if unclassified > 0:
        return NOT_KNOWN
    return GAP


def gap_cells(
    directory: Directory,
    mask: np.ndarray,
    level: str,
    include_all_wales: bool,
    column: str,
    categories: Sequence[str],
    documented: DocumentedIndex | None = None,
) -> dict[str, dict[str, Cell]]:
    """area_id -> category -> :class:`Cell`, over the counted services in ``mask``.

    ``documented`` maps (field, value, area_id) to a documented gap (area_id ``"wales"`` applies
    to every area).
    """
    documented = documented or {}
    names = _names(directory)
    return {
        area_id: {
            category: _cell(
                here & counting.value_matrix(directory, column, category),
                services,
                unclassified,
                _stated(documented, column, (category,), area_id),
                names,
            )
            for category in categories
        }
        for area_id, here, services, unclassified in _areas(
            directory, mask, level, include_all_wales, column
        )
    }


def any_value_cells(
    directory: Directory,
    mask: np.ndarray,
    level: str,
    include_all_wales: bool,
    column: str,
    values: Sequence[str],
    documented: DocumentedIndex | None = None,
) -> dict[str, Cell]:
    """area_id -> :class:`Cell` for a group of values, met by a service with any of them.

    The rule of :func:`gap_cells`, whose cells it equals for a single value; a documented gap
    applies when every value has one for the area.
    """
    documented = documented or {}
    names = _names(directory)
    meets = counting.any_value_mask(directory, column, values)
    return {
        area_id: _cell(
            here & meets,
            services,
            unclassified,
            _stated(documented, column, values, area_id),
            names,
        )
        for area_id, here, services, unclassified in _areas(
            directory, mask, level, include_all_wales, column
        )
    }


def unrecorded_field_cells(
    directory: Directory, mask: np.ndarray, level: str, include_all_wales: bool
) -> dict[str, Cell]:
    """area_id -> :class:`Cell` for a field the directory does not have: every counted service
    is unclassified, so a cell is "not known", or "no record" where nothing is counted."""
    counted = counting.counted_matrix(directory, level, include_all_wales) & mask[:, None]
    cells = {}
    for index, area_id in enumerate(directory.area_ids[level]):
        services = int(np.count_nonzero(counted[:, index]))
        cells[area_id] = Cell(NO_RECORD if services == 0 else NOT_KNOWN, 0, services, services)
    return cells


def wales_cell(
    directory: Directory,
    mask: np.ndarray,
    column: str,
    value: str,
    documented: DocumentedIndex | None = None,
) -> Cell:
    """One value of a field across all of Wales (every counted service, national included)."""
    documented = documented or {}
    with_value = mask & counting.value_matrix(directory, column, value)
    services = int(np.count_nonzero(mask))
    unclassified = int(np.count_nonzero(mask & ~counting.known_mask(directory, column)))
    stated = documented.get((column, value, "wales"))
    return _cell(with_value, services, unclassified, stated, _names(directory))


def _names(directory: Directory) -> np.ndarray:
    return directory.frame["name"].to_numpy(dtype=object)


def _areas(
    directory: Directory, mask: np.ndarray, level: str, include_all_wales: bool, column: str
) -> Iterator[tuple[str, np.ndarray, int, int]]:
    """Per area of ``level``: its id, the services counted there, how many, and how many of
    them have ``column`` unknown."""
    counted = counting.counted_matrix(directory, level, include_all_wales) & mask[:, None]
    unknown = ~counting.known_mask(directory, column)
    for index, area_id in enumerate(directory.area_ids[level]):
        here = counted[:, index]
        yield area_id, here, int(np.count_nonzero(here)), int(np.count_nonzero(here & unknown))


def _stated(
    documented: DocumentedIndex, column: str, values: Sequence[str], area_id: str
) -> DocumentedGap | None:
    """The gap a source states for the area (or for all of Wales), when every value has one."""
    stated = [
        documented.get((column, value, area_id)) or documented.get((column, value, "wales"))
        for value in values
    ]
    return stated[0] if stated and all(stated) else None


def _cell(
    with_value: np.ndarray,
    services: int,
    unclassified: int,
    stated: DocumentedGap | None,
    names: np.ndarray,
) -> Cell:
    """A cell from the services that have the value; a stated shortfall is not a stated gap."""
    if stated is not None and not stated.absence:
        stated = None
    count = int(np.count_nonzero(with_value))
    return Cell(
        state=classify(count, unclassified, services, stated),
        count=count,
        unclassified=unclassified,
        services=services,
        names=tuple(sorted(names[with_value], key=str.lower)),
        documented=stated if count == 0 else None,
    )


def documented_gap_index(
    frame: pd.DataFrame | None, area_slugs: Mapping[str, str]
) -> dict[tuple[str, str, str], DocumentedGap]:
    """(field, value, area_id) -> documented gap; ``area_slugs`` maps English area names to ids."""
    index: dict[tuple[str, str, str], DocumentedGap] = {}
    if frame is None:
        return index
    for row in frame.itertuples(index=False):
        area_id = "wales" if row.level == "wales" else area_slugs.get(row.area)
        if area_id is None:
            continue
        index[(row.field, row.value, area_id)] = DocumentedGap(
            id=row.id,
            field=row.field,
            value=row.value,
            level=row.level,
            area=row.area,
            statement=row.statement,
            source=row.source,
            evidence=row.evidence,
            absence=getattr(row, "claim", "absence") == "absence",
        )
    return index
