"""Waves: each a named, dated set of sources with its scope, and the picture of the directory it
gives, built once from dated facts (:mod:`dashboard.domain.facts`).

- A **documents** wave holds the services its seed documents describe (in its scope), each field
  with the directory's value where a quote from those documents supports it, else the value one
  of them states (``document_facts.csv``), else not stated. The wave of all five documents is
  the directory itself.
- A **public record** wave is the picture of the wave it is ``based_on`` with the public record's
  dated facts applied on top (a status, an area, a funder that changed; a service that ended or
  is new), each fact unless it is known to describe a date before the value it would replace.
  Planned facts are not applied: a plan is not provision.
- A **survey** wave is the returns the ingest loaded (``waves/<id>.csv``), dated by the wave.

Every picture carries, per service and field, the fact its value rests on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

import numpy as np
import pandas as pd

from dashboard.data import column_registry
from dashboard.data import vocabulary as vocab
from dashboard.data.loader import DataBundle
from dashboard.data.public_record import citation_of
from dashboard.domain import facts as facts_module
from dashboard.domain.facts import date_start, document_file
from dashboard.domain.record_sources import page_scopes, page_sources

#: The wave of a data folder that declares none: its directory as it is.
DIRECTORY_WAVE: Final = "directory"
#: Descriptive columns kept only when the service's own citation is one of the wave's sources.
_DESCRIPTIONS: Final = ("referral_route", "eligibility", "evaluation_note", "funding_longevity")


@dataclass(frozen=True)
class Wave:
    """One wave as declared in ``waves.csv``."""

    id: str
    name: str
    name_cy: str
    as_at: str
    kind: str
    sources: tuple[str, ...]
    based_on: str
    level: str
    areas: tuple[str, ...]
    depth: str
    note: str

    @property
    def year(self) -> int:
        return int(self.as_at[:4])

    def label(self, lang: str) -> str:
        """The wave's name in ``lang`` from the file (the catalogue may have a better one)."""
        return self.name_cy if lang == "cy" and self.name_cy else self.name


@dataclass(frozen=True)
class Picture:
    """A wave's picture: the frames a context is built from, and the facts behind its values."""

    wave: Wave
    interventions: pd.DataFrame
    evidence: pd.DataFrame
    sources: pd.DataFrame
    source_scopes: pd.DataFrame
    documented_gaps: pd.DataFrame
    #: Per service and field, the fact its value rests on (columns of facts.COLUMNS).
    facts: pd.DataFrame
    #: Facts read but not applied: planned changes (public record only).
    planned: pd.DataFrame
    interventions_source: str


def declared(bundle: DataBundle) -> tuple[Wave, ...]:
    """The waves of ``waves.csv`` in its order; the one wave of the directory itself when the
    folder declares none."""
    frame = bundle.waves.waves
    if frame.empty:
        files = tuple(bundle.sources["file"])
        published = [str(value) for value in bundle.sources.get(vocab.SOURCE_PUBLISHED, [])]
        return (
            Wave(
                id=DIRECTORY_WAVE,
                name="The directory",
                name_cy="",
                as_at=max(published, key=date_start)
                if published
                else str(max(bundle.interventions["last_verified"])),
                kind=vocab.DOCUMENTS,
                sources=files,
                based_on="",
                level="wales",
                areas=(vocab.ALL_WALES,),
                depth="",
                note="",
            ),
        )
    return tuple(
        Wave(
            id=row.id,
            name=row.name,
            name_cy=row.name_cy,
            as_at=row.as_at,
            kind=row.kind,
            sources=tuple(vocab.split_list(row.sources)),
            based_on=row.based_on,
            level=row.level,
            areas=tuple(vocab.split_list(row.areas)),
            depth=row.depth,
            note=row.note,
        )
        for row in frame.itertuples(index=False)
    )


def offered(bundle: DataBundle) -> tuple[Wave, ...]:
    """The declared waves that can be built: a public-record wave needs ``public_record/``."""
    return tuple(
        wave
        for wave in declared(bundle)
        if wave.kind != vocab.PUBLIC_RECORD or bundle.public_record is not None
    )


def latest_wave(waves: tuple[Wave, ...]) -> Wave:
    """The latest picture (the default): the latest ``as_at``, the later declared on a tie."""
    return max(reversed(waves), key=lambda wave: date_start(wave.as_at))


def build_pictures(bundle: DataBundle) -> Mapping[str, Picture]:
    """Every offered wave's picture, each built once (a public record on its base's)."""
    waves = offered(bundle)
    pictures: dict[str, Picture] = {}
    all_facts = facts_module.directory_facts(
        bundle.interventions, bundle.evidence, bundle.sources, bundle.waves.document_facts
    )
    for wave in waves:
        if wave.id == DIRECTORY_WAVE:
            pictures[wave.id] = _directory_picture(wave, bundle, all_facts)
        elif wave.kind == vocab.DOCUMENTS:
            pictures[wave.id] = documents_picture(wave, bundle, all_facts)
        elif wave.kind == vocab.PUBLIC_RECORD:
            pictures[wave.id] = record_picture(wave, pictures[wave.based_on], bundle)
        else:
            pictures[wave.id] = survey_picture(wave, bundle)
    return MappingProxyType(pictures)


def _directory_picture(wave: Wave, bundle: DataBundle, all_facts: pd.DataFrame) -> Picture:
    directory = all_facts[all_facts["origin"] == facts_module.DIRECTORY]
    return Picture(
        wave=wave,
        interventions=bundle.interventions,
        evidence=bundle.evidence,
        sources=bundle.sources,
        source_scopes=bundle.source_scopes,
        documented_gaps=bundle.documented_gaps,
        facts=facts_module.latest(directory),
        planned=facts_module.empty(),
        interventions_source=bundle.interventions_source,
    )


def in_scope(frame: pd.DataFrame, wave: Wave, lookup: pd.DataFrame) -> np.ndarray:
    """Services the wave's scope holds: placed in its areas (a region, police force area or
    local authority touching them), or recorded across a wider area that holds them (its police
    force area with no region named, all of Wales). Services placed nowhere are out: the source
    does not place them in the scope."""
    if wave.level == "wales":
        return np.ones(len(frame), dtype=bool)
    column = {"region": "vawdasv_region", "force": "police_force_area", "la": "la_name_en"}[
        wave.level
    ]
    scope = lookup[lookup[column].isin(wave.areas)]
    codes = set(scope["la_code"])
    regions = set(scope["vawdasv_region"])
    forces = set(scope["police_force_area"])

    def holds(row) -> bool:
        listed_regions = set(vocab.split_list(row.vawdasv_regions))
        listed_forces = set(vocab.split_list(row.police_force_areas))
        if vocab.ALL_WALES in listed_regions | listed_forces:
            return True
        if codes & set(vocab.split_list(row.local_authorities)) or regions & listed_regions:
            return True
        named = listed_regions - {vocab.UNKNOWN}
        return bool(forces & listed_forces) and not named

    return np.array([holds(row) for row in frame.itertuples(index=False)], dtype=bool)


def within_scope(frame: pd.DataFrame, wave: Wave, lookup: pd.DataFrame) -> pd.DataFrame:
    """A wave of part of Wales describes only its areas: each service's regions, police force
    areas and local authorities are kept where they lie in the scope (all of Wales, and an
    unknown part, kept as they are)."""
    column = {"region": "vawdasv_region", "force": "police_force_area", "la": "la_name_en"}[
        wave.level
    ]
    scope = lookup[lookup[column].isin(wave.areas)]
    allowed = {
        "vawdasv_regions": {*scope["vawdasv_region"], vocab.ALL_WALES, vocab.UNKNOWN},
        "police_force_areas": {*scope["police_force_area"], vocab.ALL_WALES, vocab.UNKNOWN},
        "local_authorities": set(scope["la_code"]),
    }
    frame = frame.copy()
    for name, kept in allowed.items():
        frame[name] = [
            vocab.LIST_SEPARATOR.join(item for item in vocab.split_list(cell) if item in kept)
            or _not_stated(name)
            for cell in frame[name]
        ]
    return frame


def _not_stated(column: str) -> str:
    if column == "local_authorities":
        return ""
    if column == "accreditation":
        return "none stated"
    return vocab.UNKNOWN


def documents_picture(wave: Wave, bundle: DataBundle, all_facts: pd.DataFrame) -> Picture:
    """The services the wave's documents describe in its scope, each value as they state it."""
    files = set(wave.sources)
    mine = all_facts[all_facts["source"].map(document_file).isin(files)]
    described = set(mine["intervention_id"])
    frame = bundle.interventions[bundle.interventions["id"].isin(described)].reset_index(drop=True)
    frame = frame[in_scope(frame, wave, bundle.lookup)].reset_index(drop=True)
    ids = set(frame["id"])
    mine = mine[mine["intervention_id"].isin(ids)]
    # The directory's value where these documents support it; else what one of them states.
    supported = facts_module.latest(mine[mine["origin"] == facts_module.DIRECTORY])
    stated = facts_module.latest(mine[mine["origin"] == facts_module.DOCUMENT])
    keys = set(zip(supported["intervention_id"], supported["field"], strict=True))
    stated = stated[
        [key not in keys for key in zip(stated["intervention_id"], stated["field"], strict=True)]
    ]
    chosen = pd.concat([supported, stated], ignore_index=True)
    values = {
        (row.intervention_id, row.field): (row.value, row.describes)
        for row in chosen.itertuples(index=False)
    }
    frame = frame.copy()
    own = frame["source"].map(document_file).isin(files)
    for column in column_registry.evidenced_columns():
        frame[column] = [
            values.get((service, column), (_not_stated(column), ""))[0] for service in frame["id"]
        ]
    # The date a status was reported: that of the fact this wave's status rests on.
    status_from = {
        row.intervention_id: row.describes
        for row in chosen[chosen["field"] == "status"].itertuples(index=False)
    }
    frame["status_date"] = [status_from.get(service, vocab.UNKNOWN) for service in frame["id"]]
    if wave.level != "wales":
        frame = within_scope(frame, wave, bundle.lookup)
    for column in _DESCRIPTIONS:
        frame[column] = frame[column].where(own, vocab.UNKNOWN)
    stated_term = frame["funding_term"] != vocab.UNKNOWN
    frame["funding_period_months"] = frame["funding_period_months"].where(stated_term & own, "")
    evidence = bundle.evidence
    evidence = evidence[
        evidence["id"].isin(ids) & evidence["source"].map(document_file).isin(files)
    ].reset_index(drop=True)
    sources = bundle.sources[bundle.sources["file"].isin(files)].reset_index(drop=True)
    scopes = bundle.source_scopes[bundle.source_scopes["file"].isin(files)].reset_index(drop=True)
    gaps = bundle.documented_gaps
    gaps = gaps[gaps["source"].map(document_file).isin(files)].reset_index(drop=True)
    return Picture(
        wave=wave,
        interventions=frame,
        evidence=evidence,
        sources=sources,
        source_scopes=scopes,
        documented_gaps=gaps,
        facts=chosen.reset_index(drop=True),
        planned=facts_module.empty(),
        interventions_source=bundle.interventions_source,
    )


def _apply(frame: pd.DataFrame, row_index: int, fact) -> bool:
    """Set one fact's value in the picture; False when it changes nothing it can say."""
    if fact.field == vocab.EXISTS:
        if fact.value == "no":
            frame.at[row_index, "status"] = "decommissioned"
            frame.at[row_index, "status_date"] = fact.describes
        return True
    frame.at[row_index, fact.field] = fact.value
    if fact.field == "status":
        frame.at[row_index, "status_date"] = fact.describes
    return True


#: The columns of where a service runs: a public page adds to them, never takes from them.
AREA_COLUMNS: Final = frozenset({"police_force_areas", "vawdasv_regions", "local_authorities"})


def reach(held: str, fact) -> str:
    """The areas a service is known to run in once a public page names it in ``fact.value``: the
    areas held and the page's (a page names services in passing, so it cannot show that a service
    has left an area). Two pages naming MAPPA in North Wales and in Dyfed-Powys once left it in
    Dyfed-Powys alone, as if it had moved there from South Wales. "All Wales" holds every area."""
    known = [area for area in vocab.split_list(held) if area != vocab.UNKNOWN]
    added = vocab.split_list(fact.value)
    if vocab.ALL_WALES in known or vocab.ALL_WALES in added:
        return vocab.ALL_WALES
    return vocab.LIST_SEPARATOR.join(dict.fromkeys([*known, *added]))


def record_picture(wave: Wave, base: Picture, bundle: DataBundle) -> Picture:
    """The base picture with the public record's dated facts applied on top."""
    record = bundle.public_record
    assert record is not None  # offered() keeps a public-record wave only with its folder
    frame = pd.concat([base.interventions, record.new_interventions], ignore_index=True)
    facts = facts_module.record_facts(record.facts, citation_of)
    planned = facts[facts["finding"] == vocab.PLANNED].reset_index(drop=True)
    applied = facts[facts["finding"] != vocab.PLANNED]
    applied = applied.assign(_start=applied["describes"].map(date_start)).sort_values(
        "_start", kind="stable"
    )
    held = {(row.intervention_id, row.field): row for row in base.facts.itertuples(index=False)}
    position = {service: index for index, service in enumerate(frame["id"])}
    read = dict(zip(record.pages["source_id"].map(citation_of), record.pages["read"], strict=True))
    used = []
    for fact in applied.drop(columns="_start").itertuples(index=False):
        if fact.intervention_id not in position:
            continue
        before = held.get((fact.intervention_id, fact.field))
        if before is not None and facts_module.known_before(fact.describes, before.describes):
            continue
        index = position[fact.intervention_id]
        placed = (
            fact._replace(value=reach(frame.at[index, fact.field], fact))
            if fact.field in AREA_COLUMNS
            else fact
        )
        _apply(frame, index, placed)
        frame.at[index, "last_verified"] = max(
            frame.at[index, "last_verified"], read.get(fact.source, "")
        )
        held[(fact.intervention_id, fact.field)] = placed
        if fact.field == vocab.EXISTS and fact.value == "no":
            held[(fact.intervention_id, "status")] = fact
        used.append(fact)
    used_frame = (
        pd.DataFrame(used, columns=list(facts_module.COLUMNS)) if used else facts_module.empty()
    )
    evidence = pd.concat(
        [
            base.evidence,
            record.new_evidence,
            pd.DataFrame(
                {
                    "id": used_frame["intervention_id"],
                    "fields": used_frame["field"].where(
                        used_frame["field"].isin(column_registry.file_columns()), "name"
                    ),
                    "source": used_frame["source"],
                    "quote": used_frame["quote"],
                },
                columns=list(vocab.EVIDENCE_COLUMNS),
            ),
        ],
        ignore_index=True,
    ).astype(str)
    chosen = pd.DataFrame(list(held.values()), columns=list(facts_module.COLUMNS)).astype(str)
    new_facts = facts_module.directory_facts(
        record.new_interventions, record.new_evidence, page_sources(record)
    )
    chosen = pd.concat([chosen, facts_module.latest(new_facts)], ignore_index=True)
    chosen = chosen.drop_duplicates(["intervention_id", "field"], keep="first")
    return Picture(
        wave=wave,
        interventions=frame.astype(str),
        evidence=evidence,
        sources=pd.concat([base.sources, page_sources(record)], ignore_index=True),
        source_scopes=pd.concat([base.source_scopes, page_scopes(record)], ignore_index=True),
        documented_gaps=base.documented_gaps,
        facts=chosen.reset_index(drop=True),
        planned=planned,
        interventions_source=f"{base.interventions_source}; {vocab.PUBLIC_RECORD_DIR}/facts.csv",
    )


def survey_picture(wave: Wave, bundle: DataBundle) -> Picture:
    """A survey's returns (loaded by the ingest), dated by the wave."""
    rows = bundle.waves.survey_rows[wave.id]
    answers = bundle.waves.survey_answers.get(wave.id)
    export = document_file(rows["source"].iloc[0])
    facts = facts_module.survey_facts(rows, answers, wave.as_at)
    evidence = pd.DataFrame(columns=list(vocab.EVIDENCE_COLUMNS), dtype=str)
    if answers is not None and not answers.empty:
        directory_fields = answers[answers["field"].isin(column_registry.file_columns())]
        evidence = pd.DataFrame(
            {
                "id": directory_fields["id"],
                "fields": directory_fields["field"],
                "source": directory_fields["source"],
                "quote": directory_fields["answer"],
            }
        ).astype(str)
    sources = pd.DataFrame(
        [
            {
                "file": export,
                "short_title": wave.name,
                "title": wave.name,
                "publisher": wave.name,
                "year": wave.as_at[:4],
                "url": "",
                vocab.SOURCE_PUBLISHED: wave.as_at,
            }
        ]
    )
    scope = pd.DataFrame(
        [
            {
                "id": wave.id,
                "file": export,
                "enumerates": "the interventions the survey's returns name",
                "kinds": "",
                "behaviours": "",
                "depth": wave.depth,
                "level": wave.level,
                "areas": vocab.LIST_SEPARATOR.join(wave.areas),
                "as_at": wave.as_at,
                "exhaustive": "not stated",
                "listing": "",
                "listing_field": "",
                "source": export,
                "quote": "",
                "note": wave.note,
            }
        ],
        columns=list(vocab.SCOPE_COLUMNS),
    )
    return Picture(
        wave=wave,
        interventions=rows,
        evidence=evidence,
        sources=sources,
        source_scopes=scope,
        documented_gaps=pd.DataFrame(columns=list(vocab.DOCUMENTED_GAP_COLUMNS), dtype=str),
        facts=facts,
        planned=facts_module.empty(),
        interventions_source=export,
    )
