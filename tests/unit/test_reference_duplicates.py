"""Bad reference data is refused at start-up with the loader's message, never resolved quietly.

Duplicate keys in every reference file (criminal justice, population, the lookup, the boundaries'
feature ids) and every broken geometry (null, wrong type, empty, non-finite, unclosed, no area)
raise :class:`DataError` naming the file, the rows or feature and what is duplicated or wrong,
before anything computes label points from the shapes.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from dashboard import config
from dashboard.data.loader import DataError, load_bundle
from dashboard.domain.context import build_context

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SHARED = ("criminal_justice.csv", "survey_2023_published.csv", "survey_2023_recommendations.csv")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(config.GEOGRAPHY_DIR, folder / "geography")
    for name in SHARED:
        shutil.copy(config.DATA_DIR / name, folder / name)
    shutil.copy(FIXTURES / "mini_interventions.csv", folder / "interventions.csv")
    return folder


def repeat_line(name: str, line: int):
    """Write file line ``line`` (the header is line 1) again just after itself."""

    def corrupt(folder: Path) -> Path:
        path = folder / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        lines.insert(line, lines[line - 1])
        path.write_text("".join(lines), encoding="utf-8")
        return path

    return corrupt


def conflicting_figure(folder: Path) -> Path:
    """A second row for the first P1 figure, with another value, at the end of the file."""
    path = folder / "criminal_justice.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].split(",")
    assert cells[4] == "5287312.0"
    cells[4] = "5287999.0"
    lines.append(",".join(cells))
    path.write_text("".join(lines), encoding="utf-8")
    return path


def edit_geometry(level: str, change):
    def corrupt(folder: Path) -> Path:
        path = folder / "geography" / f"{level}.geojson"
        collection = json.loads(path.read_text(encoding="utf-8"))
        change(collection["features"])
        path.write_text(json.dumps(collection), encoding="utf-8")
        return path

    return corrupt


def set_geometry(geometry):
    return lambda features: features[1].update(geometry=geometry)


def first_ring(features):
    geometry = features[1]["geometry"]
    polygon = geometry["coordinates"]
    return polygon[0] if geometry["type"] == "Polygon" else polygon[0][0]


def non_finite(features):
    first_ring(features)[2][0] = float("inf")


def unclosed(features):
    first_ring(features).pop()


SQUARE = [[-3.0, 52.0], [-3.0, 52.1], [-3.1, 52.1], [-3.1, 52.0], [-3.0, 52.0]]

#: name -> (corruption, patterns every message must match)
CASES = {
    "criminal justice: a line repeated": (
        repeat_line("criminal_justice.csv", 3),
        [
            r"rows 3 and 4: duplicate area 'England and Wales', measure 'Violence against the "
            r"person', period 'year ending June 2025', unit 'count'",
            r"the same line repeated",
            r"one row per primary figure",
        ],
    ),
    "criminal justice: two values for one figure": (
        conflicting_figure,
        [
            r"rows 2 and 335: duplicate area 'England and Wales', measure 'Total recorded crime",
            r"differ in value 5287312\.0 / 5287999\.0",
            r"will not choose one",
        ],
    ),
    "criminal justice: a secondary line repeated": (
        repeat_line("criminal_justice.csv", 300),
        [r"rows 300 and 301: duplicate area", r"source '", r"one row per secondary figure"],
    ),
    "population: a line repeated": (
        repeat_line("geography/population.csv", 4),
        [r"rows 4 and 5: duplicate level 'la', area_id 'conwy'", r"the same line repeated"],
    ),
    "lookup: a line repeated": (
        repeat_line("geography/la_lookup.csv", 4),
        [r"1 problem\(s\)", r"rows 4 and 5: duplicate la_code 'W06000003'", r"same line"],
    ),
    "boundaries: a feature id twice": (
        edit_geometry("force", lambda features: features.append(features[0])),
        [r"features 1 and 5: duplicate id 'dyfed-powys'", r"one feature per area"],
    ),
    "boundaries: null geometry": (
        edit_geometry("la", set_geometry(None)),
        [r"feature 2 \(id '\w[\w-]*'\): geometry is null"],
    ),
    "boundaries: a point": (
        edit_geometry("region", set_geometry({"type": "Point", "coordinates": [-3.0, 52.0]})),
        [r"feature 2", r"geometry type 'Point'; allowed: Polygon, MultiPolygon"],
    ),
    "boundaries: empty polygon": (
        edit_geometry("force", set_geometry({"type": "Polygon", "coordinates": []})),
        [r"feature 2 \(id 'gwent'\): Polygon with no coordinates"],
    ),
    "boundaries: empty ring": (
        edit_geometry("force", set_geometry({"type": "MultiPolygon", "coordinates": [[[]]]})),
        [r"feature 2 \(id 'gwent'\): MultiPolygon with an empty ring"],
    ),
    "boundaries: malformed coordinates": (
        edit_geometry("force", set_geometry({"type": "Polygon", "coordinates": [["a", "b"]]})),
        [r"feature 2 \(id 'gwent'\): Polygon with a ring of 2 position"],
    ),
    "boundaries: a position that is not a number": (
        edit_geometry(
            "force",
            set_geometry({"type": "Polygon", "coordinates": [[*SQUARE[:2], "x", *SQUARE[2:]]]}),
        ),
        [r"feature 2 \(id 'gwent'\): Polygon with a position 'x' that is not \[longitude"],
    ),
    "boundaries: infinite coordinate": (
        edit_geometry("force", non_finite),
        [
            r"feature 2 \(id 'gwent'\): MultiPolygon with a position \[Infinity, [\d.]+\] that is not finite"
        ],
    ),
    "boundaries: unclosed ring": (
        edit_geometry("force", unclosed),
        [r"feature 2 \(id 'gwent'\): MultiPolygon with a ring that is not closed"],
    ),
    "boundaries: no area": (
        edit_geometry("force", set_geometry({"type": "Polygon", "coordinates": [[SQUARE[0]] * 4]})),
        [r"feature 2 \(id 'gwent'\): Polygon that encloses no area"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_reference_data_is_refused_with_a_clear_message(data_dir, case):
    corrupt, patterns = CASES[case]
    path = corrupt(data_dir)
    with pytest.raises(DataError) as raised:
        load_bundle(data_dir)
    message = str(raised.value)
    assert message.startswith(f"{path}: 1 problem(s) found; nothing was loaded."), message
    for pattern in patterns:
        assert re.search(pattern, message), f"{pattern!r} not in:\n{message}"
    assert "Traceback" not in message


def test_shipped_reports_that_disagree_are_kept_side_by_side(data_dir):
    """Two reports giving different figures for one thing are both shown with their sources
    (the shipped file has one such pair); only one source giving a figure twice is refused."""
    frame = load_bundle(data_dir).criminal_justice
    pair = frame[
        (frame["area"] == "Dyfed-Powys")
        & (frame["period"] == "at 31 March 2019")
        & frame["measure"].str.startswith("MAPPA-eligible offenders: Category 1")
    ]
    assert sorted(pair["value"]) == [492.0, 494.0]
    assert pair["source"].nunique() == 2


def test_start_up_stops_with_a_data_error_on_a_null_geometry(data_dir, monkeypatch):
    """What ``python app.py`` and ``app:create_server()`` run: the context is built from the data
    folder and fails with DataError (printed cleanly), not shapely's exception."""
    edit_geometry("region", set_geometry(None))(data_dir)
    monkeypatch.setattr(config, "DATA_DIR", data_dir)
    monkeypatch.setenv(config.INTERVENTIONS_ENV, str(data_dir / "interventions.csv"))
    with pytest.raises(DataError, match=r"region\.geojson: .*\n  feature 2 .*geometry is null"):
        build_context()


def test_create_server_exits_cleanly_on_a_null_geometry(data_dir, monkeypatch, capsys):
    import app

    edit_geometry("force", set_geometry(None))(data_dir)
    monkeypatch.setattr(config, "DATA_DIR", data_dir)
    monkeypatch.setenv(config.INTERVENTIONS_ENV, str(data_dir / "interventions.csv"))
    with pytest.raises(SystemExit) as raised:
        app.create_server()
    assert raised.value.code == app.DATA_ERROR_STATUS
    error = capsys.readouterr().err
    assert "did not start because a data file is invalid" in error
    assert "force.geojson" in error and "geometry is null" in error
    assert "Traceback" not in error
