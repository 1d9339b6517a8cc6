"""Load every data file once into one validated :class:`DataBundle`, or refuse to go on.

On invalid data :class:`DataError` names the file, row, column, bad value and what is allowed; the
app prints it and does not start, so nobody ever sees partly loaded or wrong numbers. Reading a
file and wording its failures is :mod:`dashboard.data.reading`; the rules each file must follow are
the schemas in :mod:`dashboard.data.schemas` and :mod:`dashboard.data.reference_schemas`; this
module adds the checks across files (the 22 authorities, population totals, map areas).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import MappingProxyType

import pandas as pd
import pandera.pandas as pa

from dashboard import config
from dashboard.data import column_registry, reference_schemas, schemas
from dashboard.data import vocabulary as vocab
from dashboard.data.geo import slugify
from dashboard.data.public_record import PublicRecord, load_public_record
from dashboard.data.reading import (
    MAX_REPORTED_PROBLEMS,
    DataError,
    empty_frame,
    read_text_csv,
    to_numbers,
    validate,
)
from dashboard.data.wave_files import WaveFiles, load_wave_files


@dataclass(frozen=True)
class Area:
    """One map area of one geography level."""

    level: str
    area_id: str
    name_en: str
    name_cy: str
    code: str


def _shared(name: str, doc: str | None = None) -> property:
    """The stored frame ``name``, handed out as a shallow copy.

    pandas 3 is copy-on-write: a shallow copy costs nothing, and writing to it never reaches the
    shared frame. Callers can therefore not mutate the loaded data by accident.
    """
    return property(lambda bundle: getattr(bundle, name).copy(deep=False), doc=doc)


@dataclass(frozen=True)
class DataBundle:
    """Everything the dashboard shows, validated. Frames are handed out as copy-on-write views."""

    _interventions: pd.DataFrame
    _population: pd.DataFrame
    _lookup: pd.DataFrame
    _criminal_justice: pd.DataFrame
    _survey: pd.DataFrame
    _recommendations: pd.DataFrame
    _minimum_offer: pd.DataFrame
    geometry: Mapping[str, str]
    areas: Mapping[str, tuple[Area, ...]]
    interventions_source: str
    _evidence: pd.DataFrame = field(default_factory=partial(empty_frame, vocab.EVIDENCE_COLUMNS))
    _documented_gaps: pd.DataFrame = field(
        default_factory=partial(empty_frame, vocab.DOCUMENTED_GAP_COLUMNS)
    )
    _sources: pd.DataFrame = field(default_factory=partial(empty_frame, vocab.SOURCE_COLUMNS))
    _source_scopes: pd.DataFrame = field(default_factory=partial(empty_frame, vocab.SCOPE_COLUMNS))
    _custody_sites: pd.DataFrame = field(
        default_factory=partial(empty_frame, vocab.CUSTODY_COLUMNS)
    )
    #: The waves declared (``waves.csv``) and what they need; none without the file.
    waves: WaveFiles = field(default_factory=WaveFiles)
    #: ``public_record/``, or None without the folder.
    public_record: PublicRecord | None = None

    interventions = _shared("_interventions")
    population = _shared("_population")
    lookup = _shared("_lookup")
    criminal_justice = _shared("_criminal_justice")
    survey = _shared("_survey")
    recommendations = _shared("_recommendations")
    minimum_offer = _shared("_minimum_offer")
    evidence = _shared(
        "_evidence",
        "One quote per row (id, fields, source, quote) for the directory's stated values.",
    )
    documented_gaps = _shared(
        "_documented_gaps",
        "Gaps stated by a source document, with statement, citation and verbatim quote.",
    )
    sources = _shared(
        "_sources", "Readable title, publisher and year of each seed document (keyed by file name)."
    )
    source_scopes = _shared(
        "_source_scopes",
        "What each source enumerates, where, as at when and how fully (its coverage).",
    )
    custody_sites = _shared(
        "_custody_sites", "The prisons in Wales where a service is delivered, with their quote."
    )


def load_lookup(path: Path) -> pd.DataFrame:
    lookup = validate(read_text_csv(path), reference_schemas.lookup_schema(), path)
    problems = []
    if len(lookup) != 22:
        problems.append(f"expected the 22 Welsh local authorities, found {len(lookup)}")
    forces = set(lookup["police_force_area"])
    regions = set(lookup["vawdasv_region"])
    if forces != set(vocab.POLICE_FORCE_AREAS):
        problems.append(f"police force areas {sorted(forces)} are not the four Welsh forces")
    if regions != set(vocab.VAWDASV_REGIONS):
        problems.append(f"VAWDASV regions {sorted(regions)} are not the six regions")
    if problems:
        raise DataError(f"{path}: " + "; ".join(problems) + ".")
    return lookup


def _area_ids(lookup: pd.DataFrame) -> dict[str, set[str]]:
    """The map areas of each level: the lookup's local authorities, the regions, the forces."""
    return {
        "la": {slugify(name) for name in lookup["la_name_en"]},
        "region": {slugify(name) for name in vocab.VAWDASV_REGIONS},
        "force": {slugify(name) for name in vocab.POLICE_FORCE_AREAS},
    }


def load_population(path: Path, lookup: pd.DataFrame) -> pd.DataFrame:
    frame = read_text_csv(path)
    for column in ("population", "population_16_plus"):
        to_numbers(frame, column, path, allowed="a whole number", dtype="int64")
    population = validate(frame, reference_schemas.population_schema(), path)
    expected = {**_area_ids(lookup), "wales": {"wales"}}
    for level, ids in expected.items():
        found = set(population.loc[population["level"] == level, "area_id"])
        if found != ids:
            raise DataError(
                f"{path}: level {level!r} has areas {sorted(found)}; expected {sorted(ids)}."
            )
    la_total = population.loc[population["level"] == "la", "population_16_plus"].sum()
    for level in ("region", "force", "wales"):
        total = population.loc[population["level"] == level, "population_16_plus"].sum()
        if total != la_total:
            raise DataError(
                f"{path}: the {level} populations aged 16+ sum to {total}, "
                f"but the local authorities sum to {la_total}."
            )
    return population


def load_geometry(geography_dir: Path, lookup: pd.DataFrame) -> tuple[dict, dict]:
    """GeoJSON text per level (sent to the browser as-is) and the areas it holds."""
    expected = _area_ids(lookup)
    geometry: dict[str, str] = {}
    areas: dict[str, tuple[Area, ...]] = {}
    for level in config.LEVELS:
        path = geography_dir / f"{level}.geojson"
        if not path.is_file():
            raise DataError(f"{path}: file not found; run `python -m dashboard.data.build`.")
        try:
            text = path.read_text(encoding="utf-8")
            collection = json.loads(text)
            features = collection["features"]
            level_areas = tuple(
                Area(
                    level=level,
                    area_id=feature["id"],
                    name_en=feature["properties"]["name_en"],
                    name_cy=feature["properties"]["name_cy"],
                    code=feature["properties"].get("code", ""),
                )
                for feature in features
            )
        except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as error:
            raise DataError(
                f"{path}: not a valid GeoJSON FeatureCollection with id, name_en and name_cy "
                f"({type(error).__name__}: {error})."
            ) from None
        _check_features(path, features)
        found = {area.area_id for area in level_areas}
        if found != expected[level] or len(found) != len(level_areas):
            raise DataError(
                f"{path}: areas {sorted(found)} do not match the lookup's {sorted(expected[level])}."
            )
        geometry[level] = text
        areas[level] = tuple(sorted(level_areas, key=lambda area: area.name_en))
    return geometry, areas


GEOMETRY_TYPES = ("Polygon", "MultiPolygon")


def _ring_problem(ring: object) -> str | None:
    """What is wrong with one linear ring of a polygon, or None: at least four positions, each
    two or three finite numbers, the last the same as the first (RFC 7946, 3.1.6)."""
    if not isinstance(ring, list) or not ring:
        return "an empty ring"
    if len(ring) < 4:
        return f"a ring of {len(ring)} position(s); at least 4 are needed"
    for position in ring:
        if (
            not isinstance(position, list)
            or len(position) not in (2, 3)
            or not all(
                isinstance(number, (int, float)) and not isinstance(number, bool)
                for number in position
            )
        ):
            return f"a position {_shorten(position)} that is not [longitude, latitude]"
        if not all(math.isfinite(number) for number in position):
            return f"a position {_shorten(position)} that is not finite"
    if ring[0] != ring[-1]:
        return "a ring that is not closed (its last position is not its first)"
    return None


def _shorten(value: object, limit: int = 60) -> str:
    text = json.dumps(value, allow_nan=True) if not isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _geometry_problem(geometry: object) -> str | None:
    """What is wrong with a feature's geometry, or None when it is a usable (Multi)Polygon."""
    if geometry is None:
        return "geometry is null"
    if not isinstance(geometry, dict):
        return f"geometry is {_shorten(geometry)}, not a GeoJSON object"
    kind = geometry.get("type")
    if kind not in GEOMETRY_TYPES:
        return f"geometry type {kind!r}; allowed: {', '.join(GEOMETRY_TYPES)}"
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or not coordinates:
        return f"{kind} with no coordinates (coordinates {_shorten(coordinates)})"
    for polygon in [coordinates] if kind == "Polygon" else coordinates:
        if not isinstance(polygon, list) or not polygon:
            return f"{kind} with a polygon that has no rings ({_shorten(polygon)})"
        for ring in polygon:
            problem = _ring_problem(ring)
            if problem:
                return f"{kind} with {problem}"
    from shapely.geometry import shape

    if not shape(geometry).area > 0:
        return f"{kind} that encloses no area"
    return None


def _check_features(path: Path, features: list) -> None:
    """Every feature has a usable geometry and its own id, or :class:`DataError` names them.

    Run before anything derives from the shapes (label points, bounds), which would otherwise
    fail deep inside shapely with a traceback instead of naming the feature to fix.
    """
    problems = []
    first_seen: dict[str, int] = {}
    for number, feature in enumerate(features, start=1):
        area_id = feature["id"]
        problem = _geometry_problem(feature.get("geometry"))
        if problem:
            problems.append(f"  feature {number} (id {area_id!r}): {problem}")
        if area_id in first_seen:
            problems.append(
                f"  features {first_seen[area_id]} and {number}: duplicate id {area_id!r}; "
                "allowed: one feature per area"
            )
        else:
            first_seen[area_id] = number
    if problems:
        shown = problems[:MAX_REPORTED_PROBLEMS]
        if len(problems) > MAX_REPORTED_PROBLEMS:
            shown.append(f"  ... and {len(problems) - MAX_REPORTED_PROBLEMS} more")
        raise DataError(
            f"{path}: {len(problems)} problem(s) found; nothing was loaded.\n" + "\n".join(shown)
        )


def load_interventions(path: Path, lookup: pd.DataFrame) -> pd.DataFrame:
    frame = read_text_csv(path, expected=column_registry.file_columns())
    frame = frame[list(column_registry.file_columns())]
    frame = frame.apply(lambda column: column.str.strip())
    schema = schemas.interventions_schema(frozenset(lookup["la_code"]))
    frame = validate(frame, schema, path)
    if frame.empty:
        raise DataError(f"{path}: no interventions; at least one row is required.")
    return frame.reset_index(drop=True)


def load_criminal_justice(path: Path) -> pd.DataFrame:
    frame = read_text_csv(path)
    to_numbers(frame, "value", path, allowed="a number", dtype="float64")
    areas = ("England and Wales", "Wales", *vocab.POLICE_FORCE_AREAS)
    return validate(frame, reference_schemas.criminal_justice_schema(areas), path)


def load_survey(path: Path) -> pd.DataFrame:
    return validate(read_text_csv(path), reference_schemas.survey_published_schema(), path)


def load_recommendations(path: Path) -> pd.DataFrame:
    frame = read_text_csv(path)
    if "number" in frame:
        numbers = pd.to_numeric(frame["number"], errors="coerce")
        if numbers.isna().any():
            raise DataError(f"{path}: column number must hold whole numbers 1 to 10.")
        frame["number"] = numbers.astype("int64")
    return validate(frame, reference_schemas.recommendations_schema(), path)


MINIMUM_OFFER_FILE = "minimum_offer.csv"


def load_minimum_offer(path: Path) -> pd.DataFrame:
    frame = read_text_csv(path)
    frame = frame.apply(lambda column: column.str.strip())
    offer = validate(frame, schemas.minimum_offer_schema(), path)
    if offer.empty:
        raise DataError(f"{path}: no elements; at least one row is required.")
    return offer.reset_index(drop=True)


def _load_optional(
    path: Path, columns: tuple[str, ...], schema: pa.DataFrameSchema
) -> pd.DataFrame:
    """An optional file read strictly, trimmed and validated; no rows when it is absent."""
    if not path.exists():
        return empty_frame(columns)
    frame = read_text_csv(path, expected=columns)
    frame = frame[list(columns)].apply(lambda column: column.str.strip())
    return validate(frame, schema, path).reset_index(drop=True)


def load_evidence(path: Path, directory_ids: frozenset[str] | None = None) -> pd.DataFrame:
    """``evidence.csv`` validated; rows whose id is not in the directory are dropped.

    Optional: a folder without it (for example a test or benchmark folder) loads with no
    evidence. The shipped file's ids are all checked by the test suite.
    """
    frame = _load_optional(path, vocab.EVIDENCE_COLUMNS, schemas.evidence_schema())
    if directory_ids is not None:
        frame = frame[frame["id"].isin(directory_ids)]
    return frame.reset_index(drop=True)


def load_documented_gaps(path: Path, lookup: pd.DataFrame) -> pd.DataFrame:
    """``documented_gaps.csv`` validated (optional; absent means no documented gaps)."""
    schema = schemas.documented_gaps_schema(frozenset(lookup["la_name_en"]))
    return _load_optional(path, vocab.DOCUMENTED_GAP_COLUMNS, schema)


def load_sources(path: Path) -> pd.DataFrame:
    """``sources.csv`` validated (optional; absent means citations show the file name).

    A file written before publication dates were added (no ``published`` column) still loads:
    each document is then dated by its year."""
    if not path.exists():
        return empty_frame(vocab.SOURCE_COLUMNS)
    header = read_text_csv(path).columns
    if vocab.SOURCE_PUBLISHED not in header:
        older = tuple(c for c in vocab.SOURCE_COLUMNS if c != vocab.SOURCE_PUBLISHED)
        frame = read_text_csv(path, expected=older)[list(older)]
        frame = frame.apply(lambda column: column.str.strip())
        frame[vocab.SOURCE_PUBLISHED] = frame["year"]
        return validate(frame, schemas.sources_schema(), path).reset_index(drop=True)
    return _load_optional(path, vocab.SOURCE_COLUMNS, schemas.sources_schema())


def load_source_scopes(path: Path, lookup: pd.DataFrame) -> pd.DataFrame:
    """``source_scopes.csv`` validated (optional; absent means no source enumerates any area,
    so no areas are compared and no gap is derived)."""
    schema = schemas.source_scopes_schema(frozenset(lookup["la_name_en"]))
    return _load_optional(path, vocab.SCOPE_COLUMNS, schema)


def load_custody_sites(
    path: Path, lookup: pd.DataFrame, directory_ids: frozenset[str]
) -> pd.DataFrame:
    """``custody_sites.csv`` validated (optional); rows of services not in the directory are
    dropped, as for the evidence."""
    schema = schemas.custody_sites_schema(frozenset(lookup["la_code"]))
    frame = _load_optional(path, vocab.CUSTODY_COLUMNS, schema)
    return frame[frame["id"].isin(directory_ids)].reset_index(drop=True)


def load_bundle(
    data_dir: Path = config.DATA_DIR, interventions_path: Path | None = None
) -> DataBundle:
    """Load and validate everything, or raise :class:`DataError` naming what is wrong."""
    geography_dir = data_dir / "geography"
    lookup = load_lookup(geography_dir / "la_lookup.csv")
    population = load_population(geography_dir / "population.csv", lookup)
    geometry, areas = load_geometry(geography_dir, lookup)
    interventions_file = interventions_path or data_dir / "interventions.csv"
    interventions = load_interventions(interventions_file, lookup)
    sources = load_sources(data_dir / "sources.csv")
    directory_ids = frozenset(interventions["id"])
    # Another directory file (VAWDASV_INTERVENTIONS_CSV, a benchmark) is shown on its own: the
    # waves and the public record speak about the shipped directory's services.
    own_directory = interventions_file == data_dir / "interventions.csv"
    return DataBundle(
        _interventions=interventions,
        _population=population,
        _lookup=lookup,
        _criminal_justice=load_criminal_justice(data_dir / "criminal_justice.csv"),
        _survey=load_survey(data_dir / "survey_2023_published.csv"),
        _recommendations=load_recommendations(data_dir / "survey_2023_recommendations.csv"),
        # The offer is policy, not directory data: a data folder without one uses the shipped one.
        _minimum_offer=load_minimum_offer(
            data_dir / MINIMUM_OFFER_FILE
            if (data_dir / MINIMUM_OFFER_FILE).is_file()
            else config.DATA_DIR / MINIMUM_OFFER_FILE
        ),
        geometry=MappingProxyType(geometry),
        areas=MappingProxyType(areas),
        interventions_source=interventions_file.name,
        _evidence=load_evidence(data_dir / "evidence.csv", frozenset(interventions["id"])),
        _documented_gaps=load_documented_gaps(data_dir / "documented_gaps.csv", lookup),
        _sources=sources,
        _source_scopes=load_source_scopes(data_dir / "source_scopes.csv", lookup),
        _custody_sites=load_custody_sites(
            data_dir / "custody_sites.csv", lookup, frozenset(interventions["id"])
        ),
        waves=load_wave_files(data_dir, lookup, sources, directory_ids)
        if own_directory
        else WaveFiles(),
        public_record=load_public_record(data_dir / vocab.PUBLIC_RECORD_DIR, lookup, directory_ids)
        if own_directory
        else None,
    )
