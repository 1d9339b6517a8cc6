"""Issue 13, the app's data loader: real dates only, long cells read, oversized files refused.

Each case writes a changed copy of the six-row fixture directory and loads it with the loader the
app uses (:func:`dashboard.data.loader.load_interventions`).
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from dashboard.data import reading, schemas
from dashboard.data.loader import DataError, load_interventions
from tests.support.reference import MINI_CSV


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def changed_directory(tmp_path: Path, column: str, value: str) -> Path:
    rows = rows_of(MINI_CSV)
    rows[1][column] = value
    return write_rows(tmp_path / "interventions.csv", rows)


TOMORROW_BUT_ONE = (dt.date.today() + dt.timedelta(days=2)).isoformat()


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("last_verified", "9999-99-99"),
        ("last_verified", "2023-02-30"),
        ("last_verified", TOMORROW_BUT_ONE),
        ("last_verified", "1900-01-01"),
        ("status_date", "2023-13-45"),
        ("status_date", "2023-13"),
        ("status_date", "2023-00"),
        ("status_date", "9999"),
    ],
)
def test_dates_that_are_not_real_calendar_dates_are_refused(tmp_path, lookup, column, value):
    """``last_verified=9999-99-99`` was accepted and shown as "data checked 9999-99-99"."""
    path = changed_directory(tmp_path, column, value)
    with pytest.raises(DataError) as caught:
        load_interventions(path, lookup)
    message = str(caught.value)
    assert str(path) in message
    assert "row 3" in message  # the second data row
    assert f"column {column}" in message
    assert repr(value) in message
    assert "a real date" in message and "from 1990-01-01 to" in message


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("last_verified", "2024-02-29"),
        ("last_verified", dt.date.today().isoformat()),
        ("status_date", "2020"),
        ("status_date", "2020-12"),
        ("status_date", "unknown"),
    ],
)
def test_real_dates_are_accepted(tmp_path, lookup, column, value):
    frame = load_interventions(changed_directory(tmp_path, column, value), lookup)
    assert frame[column].iloc[1] == value


def test_the_latest_date_allowed_is_tomorrow():
    assert schemas.latest_stated_date(dt.date(2026, 12, 31)) == dt.date(2027, 1, 1)


def test_a_cell_longer_than_the_csv_module_default_is_loaded(tmp_path, lookup):
    """A note over 131,072 characters stopped the app with ``_csv.Error: field larger than
    field limit`` and a traceback."""
    note = "A long note. " * 12_000  # 156,000 characters
    path = changed_directory(tmp_path, "note", note.strip())
    frame = load_interventions(path, lookup)
    assert frame["note"].iloc[1] == note.strip()


def test_a_data_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "interventions.csv"
    with path.open("wb") as handle:  # sparse: nothing like 50 MB is written
        handle.write(MINI_CSV.read_bytes())
        handle.truncate(reading.MAX_DATA_FILE_BYTES + 1)
    with pytest.raises(DataError, match=r"at most 50 MB is read"):
        reading.read_text_csv(path)


def test_a_data_file_over_the_row_limit_is_refused_before_pandas_reads_it(tmp_path):
    path = tmp_path / "interventions.csv"
    path.write_text("id\n" + "x\n" * (reading.MAX_DATA_ROWS + 1), encoding="utf-8")
    with pytest.raises(DataError, match=r"100,001 lines after the header; at most 100,000"):
        reading.read_text_csv(path)
