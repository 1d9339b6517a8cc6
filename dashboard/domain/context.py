"""What the app serves, derived once from the validated data: immutable, shared by all requests."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from dashboard import config
from dashboard.data import geo
from dashboard.data.loader import DataBundle, load_bundle
from dashboard.domain import coverage as coverage_module
from dashboard.domain.coverage import Coverage
from dashboard.domain.model import Directory, build_directory


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
    """Load (unless given) and derive everything the callbacks need."""
    bundle = bundle or load_bundle(config.DATA_DIR, config.interventions_path())
    directory = build_directory(
        bundle.interventions,
        bundle.lookup,
        as_of=as_of,
        custody_sites=bundle.custody_sites,
        evidence_rows=bundle.evidence,
        sources=bundle.sources,
    )
    coverage = coverage_module.build_coverage(bundle.source_scopes, bundle.lookup)
    population = bundle.population
    by_level = {
        level: MappingProxyType(
            dict(zip(group["area_id"], group["population_16_plus"].astype(int), strict=True))
        )
        for level, group in population.groupby("level")
    }
    names = {
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
    survey = bundle.survey
    interventions_row = survey.loc[survey["id"] == "interventions-identified", "value"]
    survey_count = int(interventions_row.iloc[0]) if len(interventions_row) else None
    return AppContext(
        data_identity=_data_identity(bundle, directory),
        bundle=bundle,
        directory=directory,
        population_16_plus=MappingProxyType(by_level),
        area_names=MappingProxyType(names),
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
        survey_interventions=survey_count,
        data_date=max(bundle.interventions["last_verified"]),
        coverage=coverage,
        listed=coverage_module.listed_masks(coverage, directory.frame, bundle.evidence),
        source_titles=MappingProxyType(
            dict(zip(bundle.sources["file"], bundle.sources["short_title"], strict=True))
        ),
    )


def _data_identity(bundle: DataBundle, directory: Directory) -> str:
    import pandas as pd

    digest = hashlib.sha256()
    digest.update(pd.util.hash_pandas_object(directory.frame, index=True).to_numpy().tobytes())
    digest.update(directory.current_year.encode())
    digest.update(bundle.interventions_source.encode())
    for frame in (bundle.source_scopes, bundle.custody_sites, bundle.sources):
        digest.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
    return digest.hexdigest()[:20]
