"""Coverage: what each source enumerates, where, as at when; and which comparisons that supports.

The directory is not a census: it holds the services that a few documents name, and they describe
areas very unevenly (one region reviewed in depth in 2020, community programmes listed by police
force area in 2023, passing mentions elsewhere). A count of named services then measures how much
was written about an area, not how much exists there. So areas are compared (coloured on one
scale, ranked, set against Wales) only where their services come from sources of the same
coverage:

- each source declares its scope in ``data/source_scopes.csv`` (what it enumerates, how fully,
  where, as at when, with the quote that says so); only a source that reviews or lists an area's
  services *enumerates* it; passing mentions and published totals enumerate no area;
- an area's coverage is the enumerating sources that cover all of it (and those that cover part);
- the areas of a level are comparable when every area has the same coverage; or, for the
  services one source lists, when that source lists them by that level for every area.

The rule is stated once, in :data:`dashboard.domain.counting.RULES` ("coverage").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

import numpy as np
import pandas as pd

from dashboard.data import vocabulary as vocab
from dashboard.data.geo import slugify

#: Why the areas of a view cannot be compared (each a sentence in the catalogue, shown beside the
#: map), or ``COMPARABLE``.
COMPARABLE: Final = "comparable"
UNEVEN: Final = "uneven"
NO_SOURCE: Final = "no source"
OTHER_LEVEL: Final = "other level"


@dataclass(frozen=True)
class Scope:
    """One source's scope: what it enumerates, how fully, where, as at when."""

    id: str
    file: str
    enumerates: str
    #: The kinds of intervention and the behaviours it enumerates (empty: every one).
    kinds: tuple[str, ...]
    behaviours: tuple[str, ...]
    depth: str
    level: str
    areas: tuple[str, ...]
    as_at: str
    exhaustive: str
    #: Citations of the source whose section starts with this text are its list ("" = any).
    listing: str
    #: A quote from the list names a service as an entry of it when it supports this column
    #: (every entry of 002's tables states its attendance; a service named in passing in a
    #: table, such as MARAC as a referral route, does not). "" = any quote.
    listing_field: str
    source: str
    quote: str
    #: The local authorities (codes) the scope covers.
    la_codes: frozenset[str]

    @property
    def year(self) -> int:
        return int(self.as_at[:4])

    @property
    def enumerating(self) -> bool:
        """Does the source set out to name the services of its areas?"""
        return self.depth in vocab.ENUMERATING_DEPTHS

    def reaches(self, field: str | None, values: Sequence[str] = ()) -> bool:
        """Does its list set out to name services with these values of ``field``? A list of
        domestic abuse programmes says nothing of partner liaison or of sexual-violence
        services, so their absence from it is no gap."""
        if field == "kind" and self.kinds:
            return set(values) <= set(self.kinds)
        if field == "behaviour_focus" and self.behaviours:
            return set(values) <= set(self.behaviours)
        return True


@dataclass(frozen=True)
class AreaCoverage:
    """How the sources describe one area: the enumerating sources that cover all of it, and
    those that cover only part of it."""

    area_id: str
    full: tuple[Scope, ...]
    partial: tuple[Scope, ...]

    @property
    def signature(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return tuple(s.id for s in self.full), tuple(s.id for s in self.partial)

    @property
    def enumerated(self) -> bool:
        return bool(self.full)

    @property
    def year(self) -> int | None:
        """The year of the latest source that enumerates the whole area (None if none does)."""
        return max((scope.year for scope in self.full), default=None)


@dataclass(frozen=True)
class Coverage:
    """Every source's scope, and each area's coverage at each level."""

    scopes: tuple[Scope, ...]
    #: level -> area_id -> coverage
    areas: Mapping[str, Mapping[str, AreaCoverage]]

    def scope(self, scope_id: str) -> Scope | None:
        return next((scope for scope in self.scopes if scope.id == scope_id), None)

    def comparable_scopes(self) -> tuple[Scope, ...]:
        """Sources whose list supports a comparison: enumerating, by one level, of at least
        two areas of it."""
        return tuple(
            scope
            for scope in self.scopes
            if scope.enumerating
            and scope.level in ("region", "force", "la")
            and len(scope.areas) > 1
        )

    def comparison(self, level: str, scope_id: str | None = None) -> str:
        """Whether the areas of ``level`` can be compared: :data:`COMPARABLE`, or why not.

        With ``scope_id`` (the services one source lists): comparable when that source lists by
        ``level`` and covers every area of it. Without: comparable when every area has the
        same coverage, some source enumerates each, and none covers only part of an area.
        """
        if scope_id:
            scope = self.scope(scope_id)
            if scope is None or not scope.enumerating:
                return NO_SOURCE
            if scope.level != level:
                return OTHER_LEVEL
            covered = all(scope in area.full for area in self.areas[level].values())
            return COMPARABLE if covered else UNEVEN
        areas = list(self.areas[level].values())
        if not areas or not all(area.enumerated for area in areas):
            return NO_SOURCE if not any(area.enumerated for area in areas) else UNEVEN
        signatures = {area.signature for area in areas}
        if len(signatures) == 1 and not areas[0].partial:
            return COMPARABLE
        return UNEVEN

    def comparable(self, level: str, scope_id: str | None = None) -> bool:
        return self.comparison(level, scope_id) == COMPARABLE

    def groups(self, level: str) -> list[tuple[tuple[Scope, ...], tuple[Scope, ...], list[str]]]:
        """The level's areas grouped by coverage (fullest first): (full, partial, area ids)."""
        grouped: dict[tuple, list[str]] = {}
        first: dict[tuple, AreaCoverage] = {}
        for area_id, area in self.areas[level].items():
            grouped.setdefault(area.signature, []).append(area_id)
            first.setdefault(area.signature, area)
        order = sorted(grouped, key=lambda sig: coverage_rank(first[sig]))
        return [(first[sig].full, first[sig].partial, grouped[sig]) for sig in order]


def coverage_rank(area: AreaCoverage) -> tuple:
    """Sort key of a coverage: reviewed in depth first, then listed, then partial, then none."""
    depths = [vocab.SCOPE_DEPTHS.index(scope.depth) for scope in area.full]
    return (min(depths, default=len(vocab.SCOPE_DEPTHS)), -len(area.full), -len(area.partial))


#: The coverage class of an area that no source listing services covers in full: its services are
#: named in passing, or listed for part of it only.
PASSING_CLASS: Final = 3


def coverage_class(area: AreaCoverage) -> int:
    """A small number per kind of coverage, for the map's colours: 0 reviewed in depth, 1 listed
    with part of the area reviewed in depth, 2 listed, 3 named in passing only
    (:data:`PASSING_CLASS`)."""
    depths = {scope.depth for scope in area.full}
    if vocab.REVIEWED_IN_DEPTH in depths:
        return 0
    if vocab.LISTED in depths:
        return 1 if area.partial else 2
    return PASSING_CLASS


def build_coverage(scopes_frame: pd.DataFrame | None, lookup: pd.DataFrame) -> Coverage:
    """Each scope's local authorities, then each area's coverage at each level."""
    scopes = tuple(_scope(row, lookup) for row in _rows(scopes_frame))
    level_las = _level_las(lookup)
    areas = {
        level: MappingProxyType(
            {
                area_id: AreaCoverage(
                    area_id,
                    full=tuple(s for s in scopes if s.enumerating and las <= s.la_codes),
                    partial=tuple(
                        s
                        for s in scopes
                        if s.enumerating and not las <= s.la_codes and las & s.la_codes
                    ),
                )
                for area_id, las in by_area.items()
            }
        )
        for level, by_area in level_las.items()
    }
    return Coverage(scopes=scopes, areas=MappingProxyType(areas))


def _rows(frame: pd.DataFrame | None):
    return () if frame is None or frame.empty else frame.itertuples(index=False)


def _level_las(lookup: pd.DataFrame) -> dict[str, dict[str, frozenset[str]]]:
    """level -> area_id -> its local authorities' codes, in the directory's area order."""
    result: dict[str, dict[str, frozenset[str]]] = {
        "region": {},
        "force": {},
        "la": {},
    }
    for region in vocab.VAWDASV_REGIONS:
        codes = lookup.loc[lookup["vawdasv_region"] == region, "la_code"]
        result["region"][slugify(region)] = frozenset(codes)
    for force in vocab.POLICE_FORCE_AREAS:
        codes = lookup.loc[lookup["police_force_area"] == force, "la_code"]
        result["force"][slugify(force)] = frozenset(codes)
    for code, name in zip(lookup["la_code"], lookup["la_name_en"], strict=True):
        result["la"][slugify(name)] = frozenset({code})
    return result


def _scope(row, lookup: pd.DataFrame) -> Scope:
    areas = tuple(vocab.split_list(row.areas))
    if row.level == "wales":
        codes = frozenset(lookup["la_code"])
    else:
        column = {
            "region": "vawdasv_region",
            "force": "police_force_area",
            "la": "la_name_en",
        }[row.level]
        codes = frozenset(lookup.loc[lookup[column].isin(areas), "la_code"])
    return Scope(
        id=row.id,
        file=row.file,
        enumerates=row.enumerates,
        kinds=tuple(vocab.split_list(row.kinds)),
        behaviours=tuple(vocab.split_list(row.behaviours)),
        depth=row.depth,
        level=row.level,
        areas=areas,
        as_at=row.as_at,
        exhaustive=row.exhaustive,
        listing=row.listing,
        listing_field=row.listing_field,
        source=row.source,
        quote=row.quote,
        la_codes=codes,
    )


def listed_by(scope: Scope, frame: pd.DataFrame, evidence_rows: pd.DataFrame | None) -> np.ndarray:
    """Services the source lists: cited from the source (in its listing section, when it has
    one) in the row's own citation, or in a quote that supports the list's own column."""

    def in_listing(citations: pd.Series) -> pd.Series:
        parts = citations.astype("str").str.partition(" § ")
        file = parts[0].str.strip()
        section = parts[2].str.strip()
        return (file == scope.file) & section.str.startswith(scope.listing)

    listed = set(frame.loc[in_listing(frame["source"]), "id"])
    if evidence_rows is not None and not evidence_rows.empty:
        entry = in_listing(evidence_rows["source"])
        if scope.listing_field:
            fields = evidence_rows["fields"].map(vocab.split_list)
            entry &= fields.map(lambda names: scope.listing_field in names)
        listed |= set(evidence_rows.loc[entry, "id"])
    return frame["id"].isin(listed).to_numpy()


def listed_masks(
    coverage: Coverage, frame: pd.DataFrame, evidence_rows: pd.DataFrame | None
) -> Mapping[str, np.ndarray]:
    """scope id -> the services it lists, for every source that supports a comparison."""
    masks = {}
    for scope in coverage.comparable_scopes():
        mask = listed_by(scope, frame, evidence_rows)
        mask.flags.writeable = False
        masks[scope.id] = mask
    return MappingProxyType(masks)


def scope_years(scopes: Sequence[Scope]) -> tuple[int, int] | None:
    """(earliest, latest) year of the sources' scopes, or None without sources."""
    years = [scope.year for scope in scopes]
    return (min(years), max(years)) if years else None


#: Why two waves' counts cannot be set side by side (besides :data:`UNEVEN` and
#: :data:`NO_SOURCE` in either): a wave that adds only passing mentions (the public record),
#: or two waves whose sources cover the areas in different ways.
PASSING: Final = "passing"
DIFFERENT: Final = "different"


def depth_signature(coverage: Coverage, level: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """How a wave's sources cover each area of ``level``: the depths of the sources that
    enumerate all of it (their ids differ between waves; their depth is what is compared)."""
    return tuple(
        (area_id, tuple(sorted({scope.depth for scope in area.full})))
        for area_id, area in coverage.areas[level].items()
    )


def waves_alike(earlier: Coverage, later: Coverage, level: str, *, passing: bool = False) -> str:
    """Whether counts of change between two waves may be shown for the areas of ``level``:
    :data:`COMPARABLE` when each wave's sources cover every area alike (as :meth:`Coverage.
    comparison` decides) and both cover them in the same way; else why not. ``passing``: one of
    the waves adds facts from sources that name services only in passing (the public record),
    which covers no area, so its changes are listed and never counted."""
    if passing:
        return PASSING
    for coverage in (earlier, later):
        status = coverage.comparison(level)
        if status != COMPARABLE:
            return status
    if depth_signature(earlier, level) != depth_signature(later, level):
        return DIFFERENT
    return COMPARABLE
