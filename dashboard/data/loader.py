"""Load and validate every data file once; refuse to go on if anything is wrong.

On invalid data :class:`DataError` names the file, row, column, bad value and what is allowed; the
app prints it and does not start, so nobody ever sees partly loaded or wrong numbers.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import pandas as pd
import pandera.pandas as pa

from dashboard import config
from dashboard.data import schemas
from dashboard.data.geo import slugify
from dashboard.domain import vocabulary as vocab

MAX_REPORTED_PROBLEMS = 20


class DataError(Exception):
    """A data file is missing, unreadable or breaks its schema. The message is for people."""


@dataclass(frozen=True)
class Area:
    """One map area of one geography level."""

    level: str
    area_id: str
    name_en: str
    name_cy: str
    code: str


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
    _evidence: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(vocab.EVIDENCE_COLUMNS), dtype=str)
    )
    _documented_gaps: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(vocab.DOCUMENTED_GAP_COLUMNS), dtype=str)
    )
    _sources: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(vocab.SOURCE_COLUMNS), dtype=str)
    )

    # pandas 3 is copy-on-write: a shallow copy costs nothing, and writing to it never reaches the
    # shared frame. Callers can therefore not mutate the loaded data by accident.
    @property
    def interventions(self) -> pd.DataFrame:
        return self._interventions.copy(deep=False)

    @property
    def population(self) -> pd.DataFrame:
        return self._population.copy(deep=False)

    @property
    def lookup(self) -> pd.DataFrame:
        return self._lookup.copy(deep=False)

    @property
    def criminal_justice(self) -> pd.DataFrame:
        return self._criminal_justice.copy(deep=False)

    @property
    def survey(self) -> pd.DataFrame:
        return self._survey.copy(deep=False)

    @property
    def recommendations(self) -> pd.DataFrame:
        return self._recommendations.copy(deep=False)

    @property
    def evidence(self) -> pd.DataFrame:
        """One quote per row (id, fields, source, quote) for the directory's stated values."""
        return self._evidence.copy(deep=False)

    @property
    def documented_gaps(self) -> pd.DataFrame:
        """Gaps stated by a source document, with statement, citation and verbatim quote."""
        return self._documented_gaps.copy(deep=False)

    @property
    def sources(self) -> pd.DataFrame:
        """Readable title, publisher and year of each seed document (keyed by file name)."""
        return self._sources.copy(deep=False)

    @property
    def minimum_offer(self) -> pd.DataFrame:
        return self._minimum_offer.copy(deep=False)


def read_text_csv(path: Path, *, expected: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Read a CSV with every cell as text, with a clear error for each way reading can fail."""
    if not path.is_file():
        raise DataError(f"{path}: file not found.")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        bad = raw[error.start : error.end]
        raise DataError(
            f"{path} line {line}: not valid UTF-8 (byte {bad!r}, which reads as "
            f"{bad.decode('cp1252', errors='replace')!r} in Windows-1252/Latin-1); save the file "
            "as UTF-8 CSV."
        ) from None
    if not text.strip():
        raise DataError(f"{path}: the file is empty; a header row is required.")
    if "\x00" in text:
        raise DataError(f"{path}: contains NUL bytes; it is not a text CSV file.")
    rows = list(csv.reader(text.splitlines()))
    header = rows[0]
    for number, row in enumerate(rows[1:], start=2):
        if row and len(row) != len(header):
            raise DataError(
                f"{path} line {number}: has {len(row)} fields but the header has {len(header)} "
                "(a truncated file or a stray comma?)."
            )
    if text.count('"') % 2:
        raise DataError(f"{path}: unbalanced quotation marks (is the file truncated?).")
    if expected is not None:
        missing = [column for column in expected if column not in header]
        extra = [column for column in header if column not in expected]
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"missing column(s) {', '.join(missing)}")
            if extra:
                parts.append(f"unexpected column(s) {', '.join(extra)}")
            raise DataError(f"{path}: {'; '.join(parts)}. Expected: {', '.join(expected)}.")
    duplicates = sorted({column for column in header if header.count(column) > 1})
    if duplicates:
        raise DataError(f"{path}: duplicate column name(s) {', '.join(duplicates)}.")
    return pd.read_csv(
        path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8-sig"
    )


def validate(frame: pd.DataFrame, schema: pa.DataFrameSchema, path: Path) -> pd.DataFrame:
    """Validate lazily and report every failure as file, row, column, value and what is allowed."""
    try:
        return schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        raise DataError(_describe_failures(errors.failure_cases, frame, path)) from None
    except pa.errors.SchemaError as error:  # raised for some non-lazy checks, e.g. dtype coercion
        raise DataError(f"{path}: {error}") from None


def _short(value: object, limit: int = 40) -> str:
    if hasattr(value, "item"):  # a numpy scalar: show it as the plain number it is
        value = value.item()
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _whole_row_failures(cases: pd.DataFrame) -> pd.DataFrame:
    """A check on whole rows fails once per cell of each failing row: keep one case per row."""
    if "schema_context" not in cases.columns:
        return cases
    row_checks = (cases["schema_context"] == "DataFrameSchema") & ~cases["check"].astype(
        str
    ).str.startswith(("column_in_", "dataframe_column"))
    if not row_checks.any():
        return cases
    whole = cases[row_checks].drop_duplicates(subset=["index", "check"]).assign(column=None)
    return pd.concat([cases[~row_checks], whole], ignore_index=True)


def _describe_failures(cases: pd.DataFrame, frame: pd.DataFrame, path: Path) -> str:
    cases = _whole_row_failures(cases)
    lines = [f"{path}: {len(cases)} problem(s) found; nothing was loaded."]
    cases = cases.sort_values("index", key=lambda index: pd.to_numeric(index, errors="coerce"))
    for case in cases.head(MAX_REPORTED_PROBLEMS).itertuples(index=False):
        index = case.index
        if pd.notna(index) and isinstance(index, (int, float)):
            row = int(index)
            where = f"row {row + 2}"  # header is line 1, data rows start at line 2
            if "id" in frame.columns and row < len(frame):
                where += f" (id {frame['id'].iloc[row]!r})"
        else:
            where = "file"
        column = case.column if isinstance(case.column, str) else "(whole row)"
        check = str(case.check)
        if column == "(whole row)" and where != "file":
            row = frame.iloc[int(index)]
            cells = ", ".join(f"{name} {_short(value)}" for name, value in row.items())
            lines.append(f"  {where}: {check}; the row: {cells}")
        elif check.startswith("column_in_dataframe"):
            lines.append(f"  missing column {case.failure_case!r}")
        elif check.startswith("column_in_schema"):
            lines.append(f"  unexpected column {case.failure_case!r}")
        elif check == "field_uniqueness" or check.startswith("unique"):
            lines.append(f"  {where}, column {column}: duplicate value {case.failure_case!r}")
        else:
            lines.append(f"  {where}, column {column}: bad value {case.failure_case!r}; {check}")
    if len(cases) > MAX_REPORTED_PROBLEMS:
        lines.append(f"  ... and {len(cases) - MAX_REPORTED_PROBLEMS} more")
    return "\n".join(lines)


def load_lookup(path: Path) -> pd.DataFrame:
    lookup = validate(read_text_csv(path), schemas.lookup_schema(), path)
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


def load_population(path: Path, lookup: pd.DataFrame) -> pd.DataFrame:
    frame = read_text_csv(path)
    for column in ("population", "population_16_plus"):
        numbers = pd.to_numeric(frame[column], errors="coerce") if column in frame else None
        if numbers is not None and numbers.isna().any():
            row = int(numbers.isna().to_numpy().nonzero()[0][0])
            raise DataError(
                f"{path} row {row + 2}, column {column}: bad value {frame[column].iloc[row]!r}; "
                "allowed: a whole number."
            )
        if numbers is not None:
            frame[column] = numbers.astype("int64")
    population = validate(frame, schemas.population_schema(), path)
    expected = {
        "la": {slugify(name) for name in lookup["la_name_en"]},
        "region": {slugify(name) for name in vocab.VAWDASV_REGIONS},
        "force": {slugify(name) for name in vocab.POLICE_FORCE_AREAS},
        "wales": {"wales"},
    }
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
    expected = {
        "la": {slugify(name) for name in lookup["la_name_en"]},
        "region": {slugify(name) for name in vocab.VAWDASV_REGIONS},
        "force": {slugify(name) for name in vocab.POLICE_FORCE_AREAS},
    }
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
        found = {area.area_id for area in level_areas}
        if found != expected[level] or len(found) != len(level_areas):
            raise DataError(
                f"{path}: areas {sorted(found)} do not match the lookup's {sorted(expected[level])}."
            )
        geometry[level] = text
        areas[level] = tuple(sorted(level_areas, key=lambda area: area.name_en))
    return geometry, areas


def load_interventions(path: Path, lookup: pd.DataFrame) -> pd.DataFrame:
    frame = read_text_csv(path, expected=vocab.INTERVENTION_COLUMNS)
    frame = frame[list(vocab.INTERVENTION_COLUMNS)]
    frame = frame.apply(lambda column: column.str.strip())
    schema = schemas.interventions_schema(frozenset(lookup["la_code"]))
    frame = validate(frame, schema, path)
    if frame.empty:
        raise DataError(f"{path}: no interventions; at least one row is required.")
    return frame.reset_index(drop=True)


def load_criminal_justice(path: Path) -> pd.DataFrame:
    frame = read_text_csv(path)
    if "value" in frame:
        numbers = pd.to_numeric(frame["value"], errors="coerce")
        if numbers.isna().any():
            row = int(numbers.isna().to_numpy().nonzero()[0][0])
            raise DataError(
                f"{path} row {row + 2}, column value: bad value {frame['value'].iloc[row]!r}; "
                "allowed: a number."
            )
        frame["value"] = numbers.astype("float64")
    areas = ("England and Wales", "Wales", *vocab.POLICE_FORCE_AREAS)
    return validate(frame, schemas.criminal_justice_schema(areas), path)


def load_survey(path: Path) -> pd.DataFrame:
    return validate(read_text_csv(path), schemas.survey_published_schema(), path)


def load_recommendations(path: Path) -> pd.DataFrame:
    frame = read_text_csv(path)
    if "number" in frame:
        numbers = pd.to_numeric(frame["number"], errors="coerce")
        if numbers.isna().any():
            raise DataError(f"{path}: column number must hold whole numbers 1 to 10.")
        frame["number"] = numbers.astype("int64")
    return validate(frame, schemas.recommendations_schema(), path)


MINIMUM_OFFER_FILE = "minimum_offer.csv"


def load_minimum_offer(path: Path) -> pd.DataFrame:
    frame = read_text_csv(path)
    frame = frame.apply(lambda column: column.str.strip())
    offer = validate(frame, schemas.minimum_offer_schema(), path)
    if offer.empty:
        raise DataError(f"{path}: no elements; at least one row is required.")
    return offer.reset_index(drop=True)


def _optional(path: Path, columns: tuple[str, ...]) -> pd.DataFrame | None:
    """Read an optional file strictly, or None when it is absent."""
    if not path.exists():
        return None
    frame = read_text_csv(path, expected=columns)
    return frame[list(columns)].apply(lambda column: column.str.strip())


def _empty(columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame(columns=list(columns), dtype=str)


def load_evidence(path: Path, directory_ids: frozenset[str] | None = None) -> pd.DataFrame:
    """``evidence.csv`` validated; rows whose id is not in the directory are dropped.

    Optional: a folder without it (for example a test or benchmark folder) loads with no
    evidence. The shipped file's ids are all checked by the test suite.
    """
    frame = _optional(path, vocab.EVIDENCE_COLUMNS)
    if frame is None:
        return _empty(vocab.EVIDENCE_COLUMNS)
    frame = validate(frame, schemas.evidence_schema(), path)
    if directory_ids is not None:
        frame = frame[frame["id"].isin(directory_ids)]
    return frame.reset_index(drop=True)


def load_documented_gaps(path: Path, lookup: pd.DataFrame) -> pd.DataFrame:
    """``documented_gaps.csv`` validated (optional; absent means no documented gaps)."""
    frame = _optional(path, vocab.DOCUMENTED_GAP_COLUMNS)
    if frame is None:
        return _empty(vocab.DOCUMENTED_GAP_COLUMNS)
    schema = schemas.documented_gaps_schema(frozenset(lookup["la_name_en"]))
    return validate(frame, schema, path).reset_index(drop=True)


def load_sources(path: Path) -> pd.DataFrame:
    """``sources.csv`` validated (optional; absent means citations show the file name)."""
    frame = _optional(path, vocab.SOURCE_COLUMNS)
    if frame is None:
        return _empty(vocab.SOURCE_COLUMNS)
    return validate(frame, schemas.sources_schema(), path).reset_index(drop=True)


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
        _sources=load_sources(data_dir / "sources.csv"),
    )
