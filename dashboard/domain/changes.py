"""What changed between two waves: services new, ended, changed and continuing, each change traced
to the two dated facts behind it.

Matching: a service is the same service in both waves when it has the same identifier, or when
``wave_links.csv`` (a reviewed file, each link with its source and quote) says the later
identifier is the earlier one renamed, or several earlier ones merged. Classification of a
matched pair, by the values of the two pictures (never by a source's own word for it):

- *ended*: the later wave describes it as decommissioned and the earlier did not;
- *changed*: a compared field differs (its status, areas, evaluation, accreditation, funding,
  provider or name), or was not stated before and is now (or the reverse), or it was renamed or
  merged;
- *continuing*: nothing compared differs;
- *ended before*: decommissioned in both.

A service only the later wave names is *new*; one only the earlier names is *not in the later
wave* (never "ended": a source that does not name a service does not say it ended). Counts are
shown only between waves whose sources cover the areas alike
(:func:`dashboard.domain.coverage.waves_alike`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

import numpy as np
import pandas as pd

from dashboard.data import column_registry
from dashboard.data import vocabulary as vocab
from dashboard.data.geo import slugify
from dashboard.domain import counting, coverage, waves
from dashboard.domain.context import AppContext

NEW: Final = "new"
ENDED: Final = "ended"
CHANGED: Final = "changed"
CONTINUING: Final = "continuing"
ENDED_BEFORE: Final = "ended before"
NOT_IN_LATER: Final = "not in the later wave"
#: Categories in the order the page lists them.
CATEGORIES: Final = (NEW, ENDED, CHANGED, CONTINUING, NOT_IN_LATER, ENDED_BEFORE)

#: How one field differs.
VALUE_CHANGED: Final = "changed"
NOW_STATED: Final = "now stated"
NO_LONGER_STATED: Final = "no longer stated"

#: The fields compared, grouped as the page names them.
FIELD_GROUPS: Final = MappingProxyType(
    {
        "status": ("status",),
        "areas": ("police_force_areas", "vawdasv_regions", "local_authorities"),
        "evaluation": ("evaluation_status",),
        "accreditation": ("accreditation",),
        "funding": ("funding_model", "primary_funder", "funding_end"),
        "provider": ("provider",),
        "name": ("name",),
    }
)
COMPARED_FIELDS: Final = tuple(name for fields in FIELD_GROUPS.values() for name in fields)
#: Where a service recorded in no area of a level is listed, and one available across Wales.
NO_AREA: Final = "no-area"
ACROSS_WALES: Final = "across-wales"
LEVELS: Final = ("region", "force")


@dataclass(frozen=True)
class Side:
    """One side of a change: the value and the dated fact behind it (no source: not stated)."""

    value: str
    describes: str = ""
    source: str = ""
    quote: str = ""


@dataclass(frozen=True)
class FieldChange:
    field: str
    kind: str
    before: Side
    after: Side

    @property
    def group(self) -> str:
        return next(name for name, fields in FIELD_GROUPS.items() if self.field in fields)


@dataclass(frozen=True)
class ServiceChange:
    """One service across two waves (or in one of them), with what changed."""

    category: str
    name: str
    old_ids: tuple[str, ...]
    new_id: str | None
    #: The later wave's status (or the earlier's for a service not in the later wave).
    status: str
    fields: tuple[FieldChange, ...] = ()
    #: ``renamed`` or ``merged`` when a link matched it, with the link's source and quote.
    relation: str = ""
    link_source: str = ""
    link_quote: str = ""
    old_names: tuple[str, ...] = ()
    #: For a new, ended or unmatched service: the dated fact that says it is there (or ended).
    evidence: Side | None = None
    #: level -> the areas it is recorded in, in either wave (NO_AREA, ACROSS_WALES included).
    areas: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.new_id or self.old_ids[0]


@dataclass(frozen=True)
class WaveChanges:
    """Every service of two waves, matched and classified, and whether counts may be shown."""

    earlier: str
    later: str
    changes: tuple[ServiceChange, ...]
    #: level -> :data:`dashboard.domain.coverage.COMPARABLE` or why the waves' counts are not
    #: set side by side.
    alike: Mapping[str, str]
    #: Planned changes the later wave's sources state (not applied).
    planned: tuple[ServiceChange, ...] = ()

    def comparable(self, level: str) -> bool:
        return self.alike.get(level) == coverage.COMPARABLE

    def by_category(self) -> dict[str, int]:
        counts = dict.fromkeys(CATEGORIES, 0)
        for change in self.changes:
            counts[change.category] += 1
        return counts


def _normal(field_name: str, value: str) -> str:
    if field_name == "local_authorities" or field_name in column_registry.list_columns():
        return vocab.LIST_SEPARATOR.join(sorted(vocab.split_list(value)))
    return str(value).strip()


def _stated(value: str) -> bool:
    return _normal("", value) not in vocab.NOT_STATED and _normal("x", value) != ""


def _fact_index(context: AppContext) -> dict[tuple[str, str], Side]:
    facts = context.facts
    if facts is None or facts.empty:
        return {}
    return {
        (row.intervention_id, row.field): Side(row.value, row.describes, row.source, row.quote)
        for row in facts.itertuples(index=False)
    }


def _side(rows: Mapping[str, Mapping[str, str]], facts, service: str, name: str) -> Side:
    value = str(rows[service].get(name, ""))
    fact = facts.get((service, name))
    if fact is None or not _stated(value):
        return Side(value)
    return Side(value, fact.describes, fact.source, fact.quote)


def field_changes(
    before: Mapping[str, str],
    after: Mapping[str, str],
    *,
    before_side=lambda name, value: Side(value),
    after_side=lambda name, value: Side(value),
) -> tuple[FieldChange, ...]:
    """The compared fields that differ between two descriptions of one service."""
    found = []
    for name in COMPARED_FIELDS:
        old, new = str(before.get(name, "")), str(after.get(name, ""))
        if _normal(name, old) == _normal(name, new):
            continue
        if _stated(old) and _stated(new):
            kind = VALUE_CHANGED
        elif _stated(new):
            kind = NOW_STATED
        elif _stated(old):
            kind = NO_LONGER_STATED
        else:
            continue  # "unknown" and "" both say nothing
        found.append(FieldChange(name, kind, before_side(name, old), after_side(name, new)))
    return tuple(found)


def classify(before: Mapping[str, str], after: Mapping[str, str], changed: bool) -> str:
    """The category of a matched service from its two statuses and whether anything changed."""
    ended_then = before.get("status") == "decommissioned"
    ended_now = after.get("status") == "decommissioned"
    if ended_now and not ended_then:
        return ENDED
    if ended_now and ended_then:
        return ENDED_BEFORE
    return CHANGED if changed else CONTINUING


def match(
    earlier_ids: list[str], later_ids: list[str], links: pd.DataFrame
) -> tuple[Mapping[str, list[tuple[str, str, str, str]]], list[str], list[str]]:
    """later id -> [(earlier id, relation, source, quote)], the earlier ids matched to nothing,
    and the later ids matched to nothing. Same identifier first; then a link, when its later
    identifier is in the later wave and its earlier one is in the earlier wave."""
    later_set = set(later_ids)
    earlier_set = set(earlier_ids)
    pairs: dict[str, list[tuple[str, str, str, str]]] = {}
    matched_old: set[str] = set()
    for service in earlier_ids:
        if service in later_set:
            pairs.setdefault(service, []).append((service, "", "", ""))
            matched_old.add(service)
    if links is not None and not links.empty:
        for link in links.itertuples(index=False):
            if (
                link.old_id in earlier_set
                and link.new_id in later_set
                and link.old_id not in matched_old
            ):
                pairs.setdefault(link.new_id, []).append(
                    (link.old_id, link.relation, link.source, link.quote)
                )
                matched_old.add(link.old_id)
    unmatched_old = [service for service in earlier_ids if service not in matched_old]
    unmatched_new = [service for service in later_ids if service not in pairs]
    return pairs, unmatched_old, unmatched_new


def recorded_areas(row: Mapping[str, str]) -> Mapping[str, tuple[str, ...]]:
    """level -> the areas a service is recorded in (slugs), across Wales, or in none."""
    result = {}
    for level, column, names in (
        ("region", "vawdasv_regions", vocab.VAWDASV_REGIONS),
        ("force", "police_force_areas", vocab.POLICE_FORCE_AREAS),
    ):
        items = vocab.split_list(str(row.get(column, "")))
        areas = [slugify(name) for name in names if name in items]
        if vocab.ALL_WALES in items:
            areas.append(ACROSS_WALES)
        result[level] = tuple(areas) or (NO_AREA,)
    return result


def _merge_areas(*rows: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    merged: dict[str, list[str]] = {level: [] for level in LEVELS}
    for row in rows:
        for level, areas in recorded_areas(row).items():
            merged[level].extend(area for area in areas if area not in merged[level])
    return {
        level: tuple(area for area in areas if area != NO_AREA) or (NO_AREA,)
        for level, areas in merged.items()
    }


def _comparable_frames(earlier: AppContext, later: AppContext) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two pictures' services that both waves could have described."""
    # Each wave speaks only of its own scope: a service outside the other wave's scope is
    # neither new nor gone (the 2020 review did not describe Gwent).
    earlier_frame = earlier.directory.frame
    later_frame = later.directory.frame
    lookup = later.bundle.lookup
    if earlier.wave is not None and later.wave is not None:
        earlier_frame = earlier_frame[waves.in_scope(earlier_frame, later.wave, lookup)]
        later_frame = later_frame[waves.in_scope(later_frame, earlier.wave, lookup)]
        # ... and of its areas: MARAC's North Wales is no change within Cardiff and the Vale.
        for narrow in (earlier.wave, later.wave):
            if narrow.level != "wales":
                earlier_frame = waves.within_scope(earlier_frame, narrow, lookup)
                later_frame = waves.within_scope(later_frame, narrow, lookup)
    return earlier_frame, later_frame


def _matched_change(
    new_id: str,
    olds: list[tuple[str, str, str, str]],
    before: Mapping[str, Mapping[str, str]],
    after: Mapping[str, Mapping[str, str]],
    before_facts: Mapping[tuple[str, str], Side],
    after_facts: Mapping[tuple[str, str], Side],
) -> ServiceChange:
    """A later service matched to earlier ones (``olds``: (id, relation, source, quote)), its
    fields compared and classified."""
    # The service itself when it kept its identifier, else the first link's.
    primary = next((old for old in olds if old[0] == new_id), olds[0])
    old_id = primary[0]
    found = field_changes(
        before[old_id],
        after[new_id],
        before_side=lambda name, _value: _side(before, before_facts, old_id, name),
        after_side=lambda name, _value: _side(after, after_facts, new_id, name),
    )
    linked = [old for old in olds if old[1]]
    relation = linked[0][1] if linked else ""
    category = classify(before[old_id], after[new_id], bool(found) or bool(linked))
    return ServiceChange(
        category=category,
        name=str(after[new_id]["name"]),
        old_ids=tuple(old[0] for old in olds),
        new_id=new_id,
        status=str(after[new_id]["status"]),
        fields=found,
        relation=relation,
        link_source=linked[0][2] if linked else "",
        link_quote=linked[0][3] if linked else "",
        old_names=tuple(str(before[old[0]]["name"]) for old in olds),
        evidence=_side(after, after_facts, new_id, "status") if category == ENDED else None,
        areas=_merge_areas(before[old_id], after[new_id]),
    )


def compare(
    earlier: AppContext, later: AppContext, links: pd.DataFrame | None = None
) -> WaveChanges:
    """Every service of two waves' pictures, matched and classified."""
    if links is None and later.waves is not None:
        links = later.waves.links
    earlier_frame, later_frame = _comparable_frames(earlier, later)
    before = {row["id"]: row for row in earlier_frame.to_dict("records")}
    after = {row["id"]: row for row in later_frame.to_dict("records")}
    before_facts, after_facts = _fact_index(earlier), _fact_index(later)
    pairs, gone, arrived = match(list(before), list(after), links)
    changes: list[ServiceChange] = []
    for new_id, olds in pairs.items():
        changes.append(_matched_change(new_id, olds, before, after, before_facts, after_facts))
    for new_id in arrived:
        changes.append(
            ServiceChange(
                category=NEW,
                name=str(after[new_id]["name"]),
                old_ids=(),
                new_id=new_id,
                status=str(after[new_id]["status"]),
                evidence=_side(after, after_facts, new_id, "name"),
                areas=_merge_areas(after[new_id]),
            )
        )
    for old_id in gone:
        changes.append(
            ServiceChange(
                category=NOT_IN_LATER,
                name=str(before[old_id]["name"]),
                old_ids=(old_id,),
                new_id=None,
                status=str(before[old_id]["status"]),
                evidence=_side(before, before_facts, old_id, "name"),
                areas=_merge_areas(before[old_id]),
            )
        )
    order = {category: index for index, category in enumerate(CATEGORIES)}
    changes.sort(key=lambda change: (order[change.category], change.name.lower()))
    passing = any(
        wave is not None and wave.kind == vocab.PUBLIC_RECORD for wave in (earlier.wave, later.wave)
    )
    alike = {
        level: coverage.waves_alike(earlier.coverage, later.coverage, level, passing=passing)
        for level in LEVELS
    }
    return WaveChanges(
        earlier=earlier.wave.id if earlier.wave else "",
        later=later.wave.id if later.wave else "",
        changes=tuple(changes),
        alike=MappingProxyType(alike),
        planned=_planned(later, after),
    )


def _planned(
    later: AppContext, after: Mapping[str, Mapping[str, str]]
) -> tuple[ServiceChange, ...]:
    planned = later.planned
    if planned is None or planned.empty:
        return ()
    found = []
    for row in planned.itertuples(index=False):
        service = after.get(row.intervention_id)
        if service is None:
            continue
        current = str(service.get(row.field, "")) if row.field in service else ""
        found.append(
            ServiceChange(
                category=vocab.PLANNED,
                name=str(service["name"]),
                old_ids=(row.intervention_id,),
                new_id=row.intervention_id,
                status=str(service["status"]),
                fields=(
                    FieldChange(
                        row.field,
                        VALUE_CHANGED,
                        Side(current),
                        Side(row.value, row.describes, row.source, row.quote),
                    ),
                ),
                areas=_merge_areas(service),
            )
        )
    return tuple(found)


@dataclass(frozen=True)
class AreaChange:
    """One area's counts of change (shown only where the waves cover the areas alike)."""

    area_id: str
    counts: Mapping[str, int]
    current_before: int
    current_after: int

    @property
    def net(self) -> int:
        return self.current_after - self.current_before


def area_changes(
    changes: WaveChanges, earlier: AppContext, later: AppContext, level: str
) -> tuple[AreaChange, ...]:
    """Per area of ``level``: services by category recorded there, and current provision in
    each wave (counted by :mod:`dashboard.domain.counting`: local, current services)."""
    ids = earlier.directory.area_ids[level]

    def current(context: AppContext) -> np.ndarray:
        mask = counting.provision_mask(context.directory, counting.CURRENT)
        local = counting.local_matrix(context.directory, level)[mask]
        return np.count_nonzero(local, axis=0)

    before, after = current(earlier), current(later)
    result = []
    for index, area_id in enumerate(ids):
        counts = dict.fromkeys(CATEGORIES, 0)
        for change in changes.changes:
            if area_id in change.areas.get(level, ()):
                counts[change.category] += 1
        result.append(
            AreaChange(area_id, MappingProxyType(counts), int(before[index]), int(after[index]))
        )
    return tuple(result)
