"""Corrupted data files: the loader refuses them with a message a person can act on.

Each case writes a corrupted copy of one file into a fresh data folder (the shipped geography,
criminal-justice and survey files, and the six-row fixture directory) and checks that
:func:`dashboard.data.loader.load_bundle` raises :class:`DataError` naming the file and, where there
is one, the line or row, the column, the bad value and what is allowed. Nothing is returned, so
nothing is partly loaded. ``python app.py`` on a broken directory exits non-zero with the same
message and no traceback.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import config
from dashboard.data.loader import DataError, load_bundle

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MINI_CSV = FIXTURES / "mini_interventions.csv"
SHARED = (
    "criminal_justice.csv",
    "survey_2023_published.csv",
    "survey_2023_recommendations.csv",
    "documented_gaps.csv",
    "sources.csv",
)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(config.GEOGRAPHY_DIR, folder / "geography")
    for name in SHARED:
        shutil.copy(config.DATA_DIR / name, folder / name)
    shutil.copy(MINI_CSV, folder / "interventions.csv")
    return folder


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]], fieldnames: list[str]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def edit_csv(path: Path, change) -> None:
    rows = read_rows(path)
    fieldnames = list(rows[0])
    fieldnames = change(rows, fieldnames) or fieldnames
    write_rows(path, rows, fieldnames)


# -- the corruptions ------------------------------------------------------------------------------
def missing_column(folder: Path) -> Path:
    path = folder / "interventions.csv"

    def drop(rows, fieldnames):
        for row in rows:
            del row["provider"]
        return [name for name in fieldnames if name != "provider"]

    edit_csv(path, drop)
    return path


def latin1_bytes(folder: Path) -> Path:
    path = folder / "interventions.csv"
    rows = read_rows(path)
    rows[2]["name"] = "Caerffili café"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("latin-1"))
    return path


def truncated(folder: Path) -> Path:
    path = folder / "interventions.csv"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    # Keep the header and two rows, then half of the third row: a file cut off while copying.
    path.write_text("".join(lines[:3]) + lines[3][: len(lines[3]) // 2], encoding="utf-8")
    return path


def set_cell(name: str, row: int, column: str, value: str):
    """A corruption that writes ``value`` into one cell (data row ``row``, from 0) of a file."""

    def corrupt(folder: Path) -> Path:
        path = folder / name

        def change(rows, _fieldnames):
            rows[row][column] = value

        edit_csv(path, change)
        return path

    return corrupt


def negative_count(folder: Path) -> Path:
    path = folder / "criminal_justice.csv"

    def negative(rows, _fieldnames):
        row = next(row for row in rows if row["unit"] == "count")
        row["value"] = "-12"

    edit_csv(path, negative)
    return path


def empty_file(folder: Path) -> Path:
    path = folder / "interventions.csv"
    path.write_bytes(b"")
    return path


def header_only(folder: Path) -> Path:
    path = folder / "interventions.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    return path


def evidence_with_unknown_field(folder: Path) -> Path:
    path = folder / "evidence.csv"
    path.write_text(
        "id,fields,source,quote\n"
        "a-drive,provider;colour,002_00ef75f7813d93fd.txt § Summary,Drive Project\n",
        encoding="utf-8",
    )
    return path


#: name -> (corruption, patterns every message must match)
CASES = {
    "missing column": (
        missing_column,
        [r"missing column\(s\) provider", r"Expected: id, name, aliases, kind, provider"],
    ),
    # The first byte that is not UTF-8 is the fixture's "§" on line 2.
    "wrong encoding (latin-1)": (
        latin1_bytes,
        [r"line 2:", r"not valid UTF-8", r"b'\\xa7'", r"'§'", r"save the file as UTF-8 CSV"],
    ),
    "truncated mid-row": (truncated, [r"line 4", r"fields but the header has 33", r"truncated"]),
    "duplicate id": (
        set_cell("interventions.csv", 3, "id", "b-choices"),  # the id of row 1
        [r"row \d+ \(id 'b-choices'\)", r"column id", r"duplicate value 'b-choices'"],
    ),
    "unknown area": (
        set_cell("interventions.csv", 1, "police_force_areas", "Atlantis"),
        [
            r"row 3 \(id 'b-choices'\)",
            r"column police_force_areas",
            r"'Atlantis'",
            r"allowed: Dyfed-Powys, Gwent, North Wales, South Wales, All Wales, unknown",
        ],
    ),
    "unknown local authority": (
        set_cell("interventions.csv", 0, "local_authorities", "W06000099"),
        [r"row 2 \(id 'a-drive'\)", r"column local_authorities", r"'W06000099'", r"22 Welsh"],
    ),
    "negative count": (
        negative_count,
        [
            r"1 problem\(s\)",
            r"row \d+: counts must not be negative",
            r"value -12\.0",
            r"unit 'count'",
        ],
    ),
    "empty file": (empty_file, [r"the file is empty", r"header row is required"]),
    "header only": (header_only, [r"no interventions", r"at least one row"]),
    "documented gap in an unknown area": (
        set_cell("documented_gaps.csv", 0, "area", "Atlantis"),
        [r"documented_gaps\.csv", r"row 2", r"area must be 'Wales'"],
    ),
    "documented gap value of another field": (
        # a service tier on a behaviour_focus row
        set_cell("documented_gaps.csv", 0, "value", "medium risk"),
        [r"documented_gaps\.csv", r"row 2", r"value must be a vocabulary value of its field"],
    ),
    "evidence naming an unknown column": (
        evidence_with_unknown_field,
        [r"evidence\.csv", r"row 2", r"column fields", r"'provider;colour'"],
    ),
    "source year in words": (
        set_cell("sources.csv", 4, "year", "twenty twenty"),
        [r"sources\.csv", r"row 6", r"column year", r"a year YYYY"],
    ),
    "non-numeric population": (
        set_cell("geography/population.csv", 4, "population_16_plus", "about 90k"),
        [r"row 6", r"column population_16_plus", r"'about 90k'", r"allowed: a whole number"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_corrupted_file_is_refused_with_a_clear_message(data_dir, case):
    corrupt, patterns = CASES[case]
    path = corrupt(data_dir)
    with pytest.raises(DataError) as raised:
        load_bundle(data_dir)
    message = str(raised.value)
    assert str(path) in message, message
    for pattern in patterns:
        assert re.search(pattern, message), f"{pattern!r} not in:\n{message}"
    assert "Traceback" not in message


def test_the_unbroken_copy_loads(data_dir):
    bundle = load_bundle(data_dir)
    assert len(bundle.interventions) == 6


def test_app_refuses_to_start_on_a_broken_directory(data_dir):
    path = truncated(data_dir)
    environment = {**os.environ, config.INTERVENTIONS_ENV: str(path)}
    result = subprocess.run(
        [sys.executable, "app.py", "--port", "1"],
        cwd=config.PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "did not start" in result.stderr
    assert str(path) in result.stderr
    assert "fields but the header has" in result.stderr
    assert "Traceback" not in result.stderr
