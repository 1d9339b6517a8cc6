"""What the app serves, derived once from the validated data: immutable, shared by all requests."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

import numpy as np
import pandas as pd

from dashboard import config
from dashboard.data import geo
from dashboard.data.loader import DataBundle, load_bundle
from dashboard.domain import coverage as coverage_module
from dashboard.domain import waves as waves_module
from dashboard.domain.coverage import Coverage
from dashboard.domain.model import Directory, build_directory
from dashboard.domain.waves import Picture, Wave


@dataclass(frozen=True)
class WaveSet:
    """The waves offered, the default (the latest picture), and each wave's context.

    Every context of one app shares this one set, so any of them can give any wave's
    (:meth:`AppContext.at`). ``contexts`` is filled once while the contexts are built."""

    waves: tuple[Wave, ...]
    default: str
    contexts: Mapping[str, AppContext]
    #: ``wave_links.csv``: services under another identifier in a later wave.
    links: pd.DataFrame
    #: The public record's search decisions (``decisions.csv``), or no rows.
    decisions: pd.DataFrame

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(wave.id for wave in self.waves)

    def wave(self, wave_id: str | None) -> Wave:
        """The wave ``wave_id`` (the default for None or an unknown id)."""
        return next(
            (wave for wave in self.waves if wave.id == wave_id),
            next(wave for wave in self.waves if wave.id == self.default),
        )

    def scope_ids(self) -> Mapping[str, tuple[str, ...]]:
        """wave id -> the sources whose lists support a comparison in that wave."""
        return {wave_id: context.scope_ids for wave_id, context in self.contexts.items()}

    def before(self, wave_id: str) -> Wave | None:
        """The wave a wave is compared with by default: its base, else the latest earlier one."""
        wave = self.wave(wave_id)
        if wave.based_on:
            return self.wave(wave.based_on)
        earlier = [
            other
            for other in self.waves
            if other.id != wave.id
            and waves_module.date_start(other.as_at) < waves_module.date_start(wave.as_at)
        ]
        return waves_module.latest_wave(tuple(earlier)) if earlier else None


@dataclass(frozen=True)
class AppContext:
    bundle: DataBundle
    directory: Directory
    #: level -> area_id -> population aged 16+
    population_16_plus: Mapping[str, Mapping[str, int]]
    #: lang -> level -> area_id -> display name
    area_names: Mapping[str, Mapping[str, Mapping[str, str]]]
    la_slugs: tuple[str, ...]
    survey_interventions: int | None
    data_date: str
    #: level -> area_id -> (lon, lat, room) of the area's label on the map (data.geo.label_points)
    label_points: Mapping[str, Mapping[str, tuple[float, float, float]]]
    #: level -> area_id -> (west, south, east, north) of the area (data.geo.area_bounds)
    area_bounds: Mapping[str, Mapping[str, tuple[float, float, float, float]]]
    #: level -> its areas' shapes, to place each map label on its own area or clear of others
    area_shapes: Mapping[str, geo.AreaShapes]
    #: A short hash of everything a view depends on besides its settings (the directory's content,
    #: its file and the current financial year): computed views are cached under it.
    data_identity: str
    #: Each source's scope and each area's coverage (:mod:`dashboard.domain.coverage`).
    coverage: Coverage
    #: scope id -> the services that source lists (for the comparisons it supports).
    listed: Mapping[str, np.ndarray]
    #: seed file -> its short title ("Policing in Wales"), looked up on every view's words.
    source_titles: Mapping[str, str]
    #: The wave this context shows, every wave offered, and the facts its values rest on.
    wave: Wave | None = None
    waves: WaveSet | None = None
    facts: pd.DataFrame | None = None
    #: Planned changes the wave's sources state (not applied: a plan is not provision).
    planned: pd.DataFrame | None = None

    def at(self, wave_id: str | None) -> AppContext:
        """The context of wave ``wave_id`` (the latest picture for None)."""
        if self.waves is None:
            return self
        return self.waves.contexts.get(wave_id or self.waves.default, self)

    @property
    def wave_ids(self) -> tuple[str, ...]:
        return self.waves.ids if self.waves is not None else ()

    @property
    def scope_ids(self) -> tuple[str, ...]:
        """The sources whose lists support a comparison (the overview's ``compare`` values)."""
        return tuple(self.listed)

    def map_extent(self, level: str, areas: Iterable[str] | None = None) -> tuple[float, ...]:
        """(west, south, east, north) of ``level``'s areas (those in ``areas``, else all): what
        a map fitted to them shows."""
        bounds = self.area_bounds[level]
        return geo.extent(bounds[area] for area in (bounds if areas is None else areas))

    def names(self, lang: str, level: str) -> Mapping[str, str]:
        return self.area_names.get(lang, self.area_names["en"])[level]


def build_context(bundle: DataBundle | None = None, *, as_of: dt.date | None = None) -> AppContext:
    """Load (unless given) and derive everything the callbacks need: one context per wave, each
    built once; the latest wave's is returned (:meth:`AppContext.at` gives the others)."""
    bundle = bundle or load_bundle(config.DATA_DIR, config.interventions_path())
    pictures = waves_module.build_pictures(bundle)
    offered = tuple(picture.wave for picture in pictures.values())
    contexts: dict[str, AppContext] = {}
    record = bundle.public_record
    wave_set = WaveSet(
        waves=offered,
        default=waves_module.latest_wave(offered).id,
        contexts=MappingProxyType(contexts),
        links=bundle.waves.links,
        decisions=record.decisions if record is not None else pd.DataFrame(),
    )
    shared: AppContext | None = None
    for wave_id, picture in pictures.items():
        # An earlier wave is seen as at its own date: its financial year, and the precarity of
        # its funding measured from then (built with today's, the 2020 review's downloads said
        # "financial year 2026-27").
        wave_as_of = as_of if wave_id == wave_set.default else wave_date(picture.wave)
        context = _wave_context(_wave_bundle(bundle, picture), picture, wave_as_of, shared)
        context = replace(context, wave=picture.wave, waves=wave_set)
        shared = shared or context
        contexts[wave_id] = context
    return contexts[wave_set.default]


def wave_date(wave: Wave) -> dt.date:
    """The last day of the month a wave is as at (``as_at``: ``YYYY-MM``)."""
    year, month = (int(part) for part in wave.as_at[:7].split("-"))
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _wave_bundle(bundle: DataBundle, picture: Picture) -> DataBundle:
    """The data of one wave: its directory, evidence, sources, scopes and stated gaps."""
    return replace(
        bundle,
        _interventions=picture.interventions.reset_index(drop=True),
        _evidence=picture.evidence.reset_index(drop=True),
        _sources=picture.sources.reset_index(drop=True),
        _source_scopes=picture.source_scopes.reset_index(drop=True),
        _documented_gaps=picture.documented_gaps.reset_index(drop=True),
        interventions_source=picture.interventions_source,
    )


def _wave_context(
    bundle: DataBundle, picture: Picture, as_of: dt.date | None, shared: AppContext | None
) -> AppContext:
    """One wave's context; the geography derived once (``shared``: the first wave's)."""
    directory = build_directory(
        bundle.interventions,
        bundle.lookup,
        as_of=as_of,
        custody_sites=bundle.custody_sites,
        evidence_rows=bundle.evidence,
        sources=bundle.sources,
    )
    coverage = coverage_module.build_coverage(bundle.source_scopes, bundle.lookup)
    if shared is not None:
        return replace(
            shared,
            bundle=bundle,
            directory=directory,
            data_identity=_data_identity(bundle, directory, picture.wave.id),
            data_date=max(bundle.interventions["last_verified"]),
            coverage=coverage,
            listed=coverage_module.listed_masks(coverage, directory.frame, bundle.evidence),
            source_titles=MappingProxyType(
                dict(zip(bundle.sources["file"], bundle.sources["short_title"], strict=True))
            ),
            facts=picture.facts,
            planned=picture.planned,
        )
    return AppContext(
        data_identity=_data_identity(bundle, directory, picture.wave.id),
        bundle=bundle,
        directory=directory,
        population_16_plus=_population_by_level(bundle.population),
        area_names=_area_names(bundle),
        la_slugs=tuple(area.area_id for area in bundle.areas["la"]),
        label_points=MappingProxyType(
            {
                level: MappingProxyType(geo.label_points(bundle.geometry[level]))
                for level in config.LEVELS
            }
        ),
        area_bounds=MappingProxyType(
            {
                level: MappingProxyType(geo.area_bounds(bundle.geometry[level]))
                for level in config.LEVELS
            }
        ),
        area_shapes=MappingProxyType(
            {level: geo.area_shapes(bundle.geometry[level]) for level in config.LEVELS}
        ),
        survey_interventions=_survey_interventions(bundle.survey),
        data_date=max(bundle.interventions["last_verified"]),
        coverage=coverage,
        listed=coverage_module.listed_masks(coverage, directory.frame, bundle.evidence),
        source_titles=MappingProxyType(
            dict(zip(bundle.sources["file"], bundle.sources["short_title"], strict=True))
        ),
        facts=picture.facts,
        planned=picture.planned,
    )


def _population_by_level(population: pd.DataFrame) -> Mapping[str, Mapping[str, int]]:
    """level -> area_id -> the area's population aged 16 and over."""
    return MappingProxyType(
        {
            level: MappingProxyType(
                dict(zip(group["area_id"], group["population_16_plus"].astype(int), strict=True))
            )
            for level, group in population.groupby("level")
        }
    )


def _area_names(bundle: DataBundle) -> Mapping[str, Mapping[str, Mapping[str, str]]]:
    """lang -> level -> area_id -> the area's name in that language."""
    return MappingProxyType(
        {
            lang: MappingProxyType(
                {
                    level: MappingProxyType(
                        {
                            area.area_id: (area.name_cy if lang == "cy" else area.name_en)
                            for area in areas
                        }
                    )
                    for level, areas in bundle.areas.items()
                }
            )
            for lang in ("en", "cy")
        }
    )


def _survey_interventions(survey: pd.DataFrame) -> int | None:
    """How many interventions the 2023 survey identified, when its findings say."""
    interventions_row = survey.loc[survey["id"] == "interventions-identified", "value"]
    return int(interventions_row.iloc[0]) if len(interventions_row) else None


def _data_identity(bundle: DataBundle, directory: Directory, wave_id: str) -> str:
    digest = hashlib.sha256()
    digest.update(wave_id.encode())
    digest.update(pd.util.hash_pandas_object(directory.frame, index=True).to_numpy().tobytes())
    digest.update(directory.current_year.encode())
    digest.update(bundle.interventions_source.encode())
    for frame in (bundle.source_scopes, bundle.custody_sites, bundle.sources):
        digest.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
    return digest.hexdigest()[:20]
