"""A gap a source document states, as the pages show it: the year of its document, and the
current services that would fill it (placed in its area, recorded across it, or available across
Wales), those a later source describes named.

:mod:`dashboard.domain.gaps` states these as findings; the gap review's cells and the scorecard
show them beside the cells they sit in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dashboard.data import vocabulary as vocab
from dashboard.data.geo import slugify
from dashboard.domain import counting
from dashboard.domain.cells import DocumentedGap
from dashboard.domain.model import Directory

CRIMINAL_JUSTICE_TIER = "criminal justice"
#: Service tiers outside criminal justice (a service with any of them is "outside criminal
#: justice"; "unknown" is not a tier).
OUTSIDE_CRIMINAL_JUSTICE = tuple(
    tier for tier in vocab.SERVICE_TIERS if tier not in (CRIMINAL_JUSTICE_TIER, vocab.UNKNOWN)
)


@dataclass(frozen=True)
class Later:
    """Current services that would fill a stated gap and that a source later than the gap's
    describes: placed in the area, recorded across it (its region or police force area, the area
    itself not stated), or available across Wales."""

    here: tuple[str, ...] = ()
    across: tuple[str, ...] = ()
    wales: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return self.here + self.across + self.wales

    def __bool__(self) -> bool:
        return bool(self.names)


@dataclass(frozen=True)
class Stated:
    """A stated gap as the pages show it: the year of its source document, and what later
    sources name there."""

    gap: DocumentedGap
    year: int | None
    later: Later = field(default_factory=Later)
    #: Current services the directory records that would fill it, whatever their year.
    filling: int = 0


def source_year(citation: str, sources: pd.DataFrame | None) -> int | None:
    """The year of the document a citation names (``"004_x.txt § 6"``), from ``sources.csv``."""
    if sources is None or sources.empty:
        return None
    file = str(citation).split(" § ")[0].strip()
    years = sources.loc[sources["file"] == file, "year"]
    if years.empty or pd.isna(years.iloc[0]):
        return None
    return int(years.iloc[0])


def _gap_area(directory: Directory, gap: DocumentedGap) -> tuple[str, int] | None:
    """(level, column) of a stated gap's area in the directory's matrices; None for Wales or an
    area the directory does not know."""
    if gap.level == "wales":
        return None
    level = gap.level if gap.level in ("la", "region", "force") else "region"
    area_id = slugify(gap.area)
    ids = directory.area_ids[level]
    return (level, ids.index(area_id)) if area_id in ids else None


def _filling_mask(directory: Directory, gap: DocumentedGap) -> np.ndarray:
    """Services with the value a stated gap says is missing (for "local provision outside
    criminal justice": a known tier outside criminal justice)."""
    if gap.field == "local provision":
        return counting.any_value_mask(directory, "service_tier", OUTSIDE_CRIMINAL_JUSTICE)
    return counting.value_matrix(directory, gap.field, gap.value)


def _filling(
    directory: Directory, mask: np.ndarray, gap: DocumentedGap
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Counted services that would fill a stated gap: (placed in its area, recorded across it,
    available across Wales). For a gap stated for all of Wales every service is in its area."""
    meets = mask & _filling_mask(directory, gap)
    none = np.zeros(directory.size, dtype=bool)
    if gap.level == "wales":
        return meets, none, none
    where = _gap_area(directory, gap)
    if where is None:
        return none, none, none
    level, column = where
    community = meets & ~np.asarray(directory.custody_only)
    here = community & counting.local_matrix(directory, level)[:, column]
    across = community & counting.wider_matrix(directory, level)[:, column] & ~here
    wales = community & counting.national_mask(directory) & ~here & ~across
    return here, across, wales


def stated_gap(
    directory: Directory,
    mask: np.ndarray,
    gap: DocumentedGap,
    sources: pd.DataFrame | None,
) -> Stated:
    """A stated gap with its document's year and the current services that a later source names
    in its area (placed there, recorded across it, or available across Wales)."""
    year = source_year(gap.source, sources)
    here, across, wales = _filling(directory, mask, gap)
    names = directory.frame["name"].to_numpy(dtype=object)
    described = directory.frame["described_year"].to_numpy()
    later_mask = described > year if year is not None else np.zeros(directory.size, dtype=bool)

    def named(where: np.ndarray) -> tuple[str, ...]:
        return tuple(sorted(names[where & later_mask], key=str.lower))

    return Stated(
        gap=gap,
        year=year,
        later=Later(here=named(here), across=named(across), wales=named(wales)),
        filling=int(np.count_nonzero(here | across | wales)),
    )


def stated_gaps(
    directory: Directory,
    mask: np.ndarray,
    documented: Mapping[tuple[str, str, str], DocumentedGap] | None,
    sources: pd.DataFrame | None,
) -> Mapping[str, Stated]:
    """documented gap id -> :class:`Stated`, for every documented gap."""
    unique = {gap.id: gap for gap in (documented or {}).values()}
    return {gap_id: stated_gap(directory, mask, gap, sources) for gap_id, gap in unique.items()}
