"""Read one data file strictly as text and validate it, with a message people can act on.

Every way a CSV can be broken (missing, not UTF-8, empty, ragged rows, unbalanced quotes, wrong or
duplicate columns) and every schema failure becomes a :class:`DataError` that names the file, the
line or row, the column, the bad value and what is allowed. pandas and pandera do the reading and
checking; this module only words their failures for the person who edited the file.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

MAX_REPORTED_PROBLEMS = 20
#: A data file larger than this is refused before it is read; a cell may be up to this long.
MAX_DATA_FILE_BYTES = 50 * 1_048_576
#: Data rows a file may hold (the directory has hundreds; the largest reference file, thousands).
MAX_DATA_ROWS = 100_000


class DataError(Exception):
    """A data file is missing, unreadable or breaks its schema. The message is for people."""


def allow_fields_up_to(limit: int) -> None:
    """Let the csv module read cells up to ``limit`` characters.

    Its default (131,072) is a process-wide setting that made a long cell fail with
    ``_csv.Error: field larger than field limit``. Every reader sets it to at least its own file
    size limit before reading, so a cell is never refused while the file it is in is accepted.
    The setting is only ever raised, never lowered, so readers with different limits agree.
    """
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


def read_text_csv(path: Path, *, expected: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Read a CSV with every cell as text, with a clear error for each way reading can fail.

    The file is checked before pandas reads it because pandas would read a ragged, truncated or
    Latin-1 file without complaint or fail with a parser message that names no line to fix.
    """
    if not path.is_file():
        raise DataError(f"{path}: file not found.")
    size = path.stat().st_size
    if size > MAX_DATA_FILE_BYTES:
        raise DataError(
            f"{path}: the file is {size / 1_048_576:.1f} MB; at most "
            f"{MAX_DATA_FILE_BYTES // 1_048_576} MB is read."
        )
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
    allow_fields_up_to(MAX_DATA_FILE_BYTES)
    try:
        rows = list(csv.reader(text.splitlines()))
    except csv.Error as error:
        raise DataError(f"{path}: not a readable CSV file ({error}).") from None
    if len(rows) - 1 > MAX_DATA_ROWS:
        raise DataError(
            f"{path}: {len(rows) - 1:,} lines after the header; at most {MAX_DATA_ROWS:,} are read."
        )
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
        keys = {
            check.error: check.statistics["key"]
            for check in schema.checks
            if isinstance(getattr(check, "statistics", None), dict) and "key" in check.statistics
        }
        raise DataError(_describe_failures(errors.failure_cases, frame, path, keys)) from None
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


def _rows(numbers: list[int]) -> str:
    """``row 4``, ``rows 4 and 9``, ``rows 4, 9 and 12`` (file lines: the header is line 1)."""
    lines = [str(number + 2) for number in numbers]
    if len(lines) == 1:
        return f"row {lines[0]}"
    return f"rows {', '.join(lines[:-1])} and {lines[-1]}"


def _duplicates(
    cases: pd.DataFrame, frame: pd.DataFrame, keys: dict[str, tuple[str, ...]]
) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    """The failures of the one-row-per-key checks, worded once per group of clashing rows.

    Returns the other failures and, for each group, its first row and a line naming the rows,
    the key they share and whether they are the same line repeated or which values differ (a
    conflict is reported, never resolved by keeping one of them).
    """
    if not keys or "check" not in cases.columns:
        return cases, []
    checks = cases["check"].astype(str)
    mine = checks.isin(list(keys)) & pd.to_numeric(cases["index"], errors="coerce").notna()
    found: list[tuple[int, str]] = []
    reported: set[tuple[int, ...]] = set()
    for check in dict.fromkeys(checks[mine]):
        key = list(keys[check])
        numbers = sorted({int(index) for index in cases.loc[mine & (checks == check), "index"]})
        failing = frame.iloc[numbers]
        for _, group in failing.groupby(key, sort=False, dropna=False):
            members = [int(numbers[failing.index.get_loc(label)]) for label in group.index]
            if tuple(members) in reported:
                continue
            reported.add(tuple(members))
            shared = ", ".join(f"{name} {_short(group[name].iloc[0])}" for name in key)
            differing = [name for name in frame.columns if group[name].nunique(dropna=False) > 1]
            if differing:
                values = "; ".join(
                    f"{name} " + " / ".join(_short(value) for value in group[name])
                    for name in differing
                )
                how = f"they differ in {values}, and the loader will not choose one"
            else:
                how = "the same line repeated"
            found.append(
                (members[0], f"  {_rows(members)}: duplicate {shared} ({how}); allowed: {check}")
            )
    return cases[~mine], found


def _describe_failures(
    cases: pd.DataFrame,
    frame: pd.DataFrame,
    path: Path,
    keys: dict[str, tuple[str, ...]] | None = None,
) -> str:
    cases = _whole_row_failures(cases)
    cases, duplicates = _duplicates(cases, frame, keys or {})
    total = len(cases) + len(duplicates)
    lines = [f"{path}: {total} problem(s) found; nothing was loaded."]
    cases = cases.sort_values("index", key=lambda index: pd.to_numeric(index, errors="coerce"))
    described: list[tuple[float, str]] = [(float(row), line) for row, line in duplicates]
    for case in cases.itertuples(index=False):
        index = case.index
        position = float("nan")
        if pd.notna(index) and isinstance(index, (int, float)):
            row = int(index)
            position = float(row)
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
            line = f"  {where}: {check}; the row: {cells}"
        elif check.startswith("column_in_dataframe"):
            line = f"  missing column {case.failure_case!r}"
        elif check.startswith("column_in_schema"):
            line = f"  unexpected column {case.failure_case!r}"
        elif check == "field_uniqueness" or check.startswith("unique"):
            line = f"  {where}, column {column}: duplicate value {case.failure_case!r}"
        else:
            line = f"  {where}, column {column}: bad value {case.failure_case!r}; {check}"
        described.append((position, line))
    # File-wide problems first (no row), then by row; the sort is stable within a row.
    described.sort(key=lambda item: -1.0 if pd.isna(item[0]) else item[0])
    lines.extend(line for _, line in described[:MAX_REPORTED_PROBLEMS])
    if len(described) > MAX_REPORTED_PROBLEMS:
        lines.append(f"  ... and {len(described) - MAX_REPORTED_PROBLEMS} more")
    return "\n".join(lines)


def empty_frame(columns: tuple[str, ...]) -> pd.DataFrame:
    """A frame with ``columns`` of text and no rows."""
    return pd.DataFrame(columns=list(columns), dtype=str)


def to_numbers(frame: pd.DataFrame, column: str, path: Path, *, allowed: str, dtype: str) -> None:
    """Turn the text ``column`` of ``frame`` into numbers of ``dtype`` in place, or raise naming
    the first cell that is not a number. A missing column is left to the schema to report."""
    if column not in frame:
        return
    numbers = pd.to_numeric(frame[column], errors="coerce")
    if numbers.isna().any():
        row = int(numbers.isna().to_numpy().nonzero()[0][0])
        raise DataError(
            f"{path} row {row + 2}, column {column}: bad value {frame[column].iloc[row]!r}; "
            f"allowed: {allowed}."
        )
    frame[column] = numbers.astype(dtype)
