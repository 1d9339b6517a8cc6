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
from typing import Final

import numpy as np
import pandas as pd

from dashboard.domain import counting
from dashboard.domain.counting import GAP, NO_RECORD, NOT_KNOWN, RECORDED
from dashboard.domain.coverage import Coverage, Scope
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
#: area_id -> the sources that list all of the area's services (their scope says which kinds and
#: behaviours they list); none when no source does.
CoverageIndex = Mapping[str, tuple[Scope, ...]]
#: The year of an area when no coverage is given: every area counts as listed (a census).
CENSUS: Final = -1


#: Why a cell is in its state (the reason the gap review and scorecard state beside it).
LOCAL: Final = "local"  # a counted service there has the value
ACROSS_WALES: Final = "across wales"  # a service available across all of Wales has it
STATED: Final = "stated"  # a source states the gap
WIDER_HAS: Final = "wider has"  # a region-/force-wide or unlocated service has it
WIDER_UNCLASSIFIED: Final = "wider unclassified"  # such a service is unclassified
UNCLASSIFIED: Final = "unclassified"  # a counted service there is unclassified
NOT_ENUMERATED: Final = "not enumerated"  # no source lists every service there
DERIVED: Final = "derived"  # every service that could fill it is classified, and none has it
NOTHING: Final = "nothing"  # no service counted there


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
    #: Why the cell is in its state (one of the reasons above).
    reason: str = ""
    #: Services available across all of Wales (not added into the area) that have the value.
    across_wales: int = 0
    #: Services recorded only more broadly (across the region or police force area) or with no
    #: area, that could serve the area: how many have the value, how many are unclassified.
    wider: int = 0
    wider_unclassified: int = 0
    #: Names of the services beyond the area that have the value (all-Wales, then wider).
    wider_names: tuple[str, ...] = ()
    #: Names of the services beyond the area that could serve it and are unclassified for the
    #: field (all-Wales, then wider): why a cell is "not known" for reason WIDER_UNCLASSIFIED.
    wider_unclassified_names: tuple[str, ...] = ()
    #: For a derived gap: the year of the latest source that lists the area's services.
    year: int | None = None


def classify(
    count: int,
    unclassified: int,
    services: int,
    documented: DocumentedGap | None,
    *,
    across_wales: int = 0,
    wider: int = 0,
    wider_unclassified: int = 0,
    enumerated: bool = True,
) -> tuple[str, str]:
    """The state of one cell and its reason (the gap rule of :data:`counting.RULES`).

    A derived gap must hold against every service that could fill it: the area's own, those
    available across Wales, and those recorded only more broadly or with no area.
    """
    if count > 0:
        return RECORDED, LOCAL
    if across_wales > 0:
        return RECORDED, ACROSS_WALES
    if documented is not None:
        return GAP, STATED
    if wider > 0:
        return NOT_KNOWN, WIDER_HAS
    if services == 0:
        return NO_RECORD, NOTHING
    if unclassified > 0:
        return NOT_KNOWN, UNCLASSIFIED
    if wider_unclassified > 0:
        return NOT_KNOWN, WIDER_UNCLASSIFIED
    if not enumerated:
        return NOT_KNOWN, NOT_ENUMERATED
    return GAP, DERIVED


@dataclass(frozen=True)
class _Area:
    """One area's services, as a cell needs them."""

    area_id: str
    #: Counted there.
    here: np.ndarray
    #: Available across all of Wales and not added into the area.
    national: np.ndarray
    #: Recorded more broadly, or with no area: may serve it.
    wider: np.ndarray
    #: The sources that list the area's services (None: no coverage given, a census).
    scopes: tuple[Scope, ...] | None


def gap_cells(
    directory: Directory,
    mask: np.ndarray,
    level: str,
    include_all_wales: bool,
    column: str,
    categories: Sequence[str],
    documented: DocumentedIndex | None = None,
    coverage: CoverageIndex | None = None,
) -> Mapping[str, Mapping[str, Cell]]:
    """area_id -> category -> :class:`Cell`, over the counted services in ``mask``.

    ``documented`` maps (field, value, area_id) to a documented gap (area_id ``"wales"`` applies
    to every area); ``coverage`` maps area_id to the year of the latest source that lists its
    services (None: none does). Without ``coverage`` every area counts as listed (a census).
    """
    documented = documented or {}
    names = _names(directory)
    unknown = ~counting.known_mask(directory, column)
    return {
        area.area_id: {
            category: _cell(
                area,
                counting.value_matrix(directory, column, category),
                unknown,
                _stated(documented, column, (category,), area.area_id),
                names,
                _listed_year(area, column, (category,)),
            )
            for category in categories
        }
        for area in _areas(directory, mask, level, include_all_wales, coverage)
    }


def any_value_cells(
    directory: Directory,
    mask: np.ndarray,
    level: str,
    include_all_wales: bool,
    column: str,
    values: Sequence[str],
    documented: DocumentedIndex | None = None,
    coverage: CoverageIndex | None = None,
) -> Mapping[str, Cell]:
    """area_id -> :class:`Cell` for a group of values, met by a service with any of them.

    The rule of :func:`gap_cells`, whose cells it equals for a single value; a documented gap
    applies when every value has one for the area.
    """
    documented = documented or {}
    names = _names(directory)
    meets = counting.any_value_mask(directory, column, values)
    unknown = ~counting.known_mask(directory, column)
    return {
        area.area_id: _cell(
            area,
            meets,
            unknown,
            _stated(documented, column, values, area.area_id),
            names,
            _listed_year(area, column, values),
        )
        for area in _areas(directory, mask, level, include_all_wales, coverage)
    }


def unrecorded_field_cells(
    directory: Directory, mask: np.ndarray, level: str, include_all_wales: bool
) -> Mapping[str, Cell]:
    """area_id -> :class:`Cell` for a field the directory does not have: every counted service
    is unclassified, so a cell is "not known", or "no record" where nothing is counted."""
    community = mask & ~np.asarray(directory.custody_only)
    counted = counting.counted_matrix(directory, level, include_all_wales) & community[:, None]
    cells = {}
    for index, area_id in enumerate(directory.area_ids[level]):
        services = int(np.count_nonzero(counted[:, index]))
        state, reason = (NO_RECORD, NOTHING) if services == 0 else (NOT_KNOWN, UNCLASSIFIED)
        cells[area_id] = Cell(state, 0, services, services, reason=reason)
    return cells


def wales_cell(
    directory: Directory,
    mask: np.ndarray,
    column: str,
    value: str,
    documented: DocumentedIndex | None = None,
) -> Cell:
    """One value of a field across all of Wales (every counted service, national and unlocated
    included: Wales is listed by no source, but every service is counted)."""
    documented = documented or {}
    with_value = mask & counting.value_matrix(directory, column, value)
    services = int(np.count_nonzero(mask))
    unclassified = int(np.count_nonzero(mask & ~counting.known_mask(directory, column)))
    stated = documented.get((column, value, "wales"))
    if stated is not None and not stated.absence:
        stated = None
    count = int(np.count_nonzero(with_value))
    state, reason = classify(count, unclassified, services, stated)
    return Cell(
        state=state,
        count=count,
        unclassified=unclassified,
        services=services,
        names=tuple(sorted(_names(directory)[with_value], key=str.lower)),
        documented=stated if count == 0 else None,
        reason=reason,
    )


def _names(directory: Directory) -> np.ndarray:
    return directory.frame["name"].to_numpy(dtype=object)


def _areas(
    directory: Directory,
    mask: np.ndarray,
    level: str,
    include_all_wales: bool,
    coverage: CoverageIndex | None,
) -> Iterator[_Area]:
    """Per area of ``level``: the services counted there, those available across Wales beside
    it, and those that may serve it from a wider or unknown area (custody-only services are in
    none of them: they bear only on custody provision)."""
    # Custody-only services are community provision nowhere, all-Wales ones included.
    community = mask & ~np.asarray(directory.custody_only)
    counted = counting.counted_matrix(directory, level, include_all_wales) & community[:, None]
    national = (
        np.zeros(directory.size, dtype=bool)
        if include_all_wales
        else counting.national_mask(directory) & community
    )
    wider = (counting.wider_matrix(directory, level) | directory.unlocated[:, None]) & mask[:, None]
    for index, area_id in enumerate(directory.area_ids[level]):
        scopes = tuple(coverage.get(area_id, ())) if coverage is not None else None
        yield _Area(area_id, counted[:, index], national, wider[:, index], scopes)


def _stated(
    documented: DocumentedIndex, column: str, values: Sequence[str], area_id: str
) -> DocumentedGap | None:
    """The gap a source states for the area (or for all of Wales), when every value has one."""
    stated = [
        documented.get((column, value, area_id)) or documented.get((column, value, "wales"))
        for value in values
    ]
    return stated[0] if stated and all(stated) else None


def _listed_year(area: _Area, column: str, values: Sequence[str]) -> int | None:
    """The year of the latest source that lists the area's services of this kind (a list of
    domestic abuse programmes does not list partner liaison or sexual-violence services); None
    when no source does; :data:`CENSUS` when no coverage is given."""
    if area.scopes is None:
        return CENSUS
    years = [scope.year for scope in area.scopes if scope.reaches(column, values)]
    return max(years) if years else None


def _cell(
    area: _Area,
    meets: np.ndarray,
    unknown: np.ndarray,
    stated: DocumentedGap | None,
    names: np.ndarray,
    listed_year: int | None = CENSUS,
) -> Cell:
    """A cell from the services that have the value; a stated shortfall is not a stated gap."""
    if stated is not None and not stated.absence:
        stated = None
    with_value = area.here & meets
    national_value = area.national & meets
    wider_value = area.wider & meets
    count = int(np.count_nonzero(with_value))
    across = int(np.count_nonzero(national_value))
    wider = int(np.count_nonzero(wider_value))
    beyond_unknown = (area.wider | area.national) & unknown
    wider_unclassified = int(np.count_nonzero(beyond_unknown))
    services = int(np.count_nonzero(area.here))
    unclassified = int(np.count_nonzero(area.here & unknown))
    state, reason = classify(
        count,
        unclassified,
        services,
        stated,
        across_wales=across,
        wider=wider,
        wider_unclassified=wider_unclassified,
        enumerated=listed_year is not None,
    )
    return Cell(
        state=state,
        count=count,
        unclassified=unclassified,
        services=services,
        names=tuple(sorted(names[with_value], key=str.lower)),
        documented=stated if state == GAP and reason == STATED else None,
        reason=reason,
        across_wales=across,
        wider=wider,
        wider_unclassified=wider_unclassified,
        wider_names=tuple(sorted(names[national_value], key=str.lower))
        + tuple(sorted(names[wider_value], key=str.lower)),
        wider_unclassified_names=tuple(sorted(names[area.national & unknown], key=str.lower))
        + tuple(sorted(names[area.wider & unknown], key=str.lower)),
        year=None if listed_year in (None, CENSUS) else listed_year,
    )


def coverage_index(coverage: Coverage, level: str) -> Mapping[str, tuple[Scope, ...]]:
    """area_id -> the sources that list all of the area's services (none: no source does)."""
    return {area_id: area.full for area_id, area in coverage.areas[level].items()}


def documented_gap_index(
    frame: pd.DataFrame | None, area_slugs: Mapping[str, str]
) -> Mapping[tuple[str, str, str], DocumentedGap]:
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
