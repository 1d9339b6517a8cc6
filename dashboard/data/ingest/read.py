"""Read INPUT (a CSV or XLSX survey export, only ever opened for reading) into header and rows.

The header is the first non-empty row, among the first few, that names the intervention, so
title rows above it are skipped; rows keep the numbers a spreadsheet shows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from dashboard.data.ingest.errors import InputError
from dashboard.data.ingest.headers import REQUIRED_QUESTION, match_headers, question_of

SUPPORTED_SUFFIXES: Final = (".csv", ".xlsx")
#: How many non-empty rows at the top of a file are searched for the header row (title rows).
HEADER_SEARCH_ROWS: Final = 10


@dataclass(frozen=True)
class Table:
    """The header cells and the data rows (with their row numbers as a spreadsheet shows them)."""

    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)  # as entered; answers are trimmed when they are mapped


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: not valid UTF-16 text") from None
    if b"\x00" in raw:
        raise InputError(f"{name}: contains NUL bytes; it is not a text CSV file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name}: not UTF-8 text (byte {error.start}); save it as 'CSV UTF-8' or as .xlsx"
        ) from None


def read_csv_rows(path: Path) -> list[tuple[int, tuple[str, ...]]]:
    """CSV records as (row number, cells); the delimiter (``,``, ``;`` or tab) is read from line 1."""
    with path.open("rb") as handle:  # read-only
        text = _decode(handle.read(), path.name)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise InputError(f"{path.name}: not a readable CSV file ({error})") from None
    return [
        (number, tuple(_cell_text(cell) for cell in record))
        for number, record in enumerate(records, start=1)
    ]


def read_xlsx_rows(path: Path) -> list[tuple[int, tuple[str, ...]]]:
    """Rows of the first worksheet holding an "intervention name" header, as (row number, cells)."""
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise InputError(
            f"{path.name}: not a readable .xlsx workbook ({type(error).__name__})"
        ) from None
    try:
        sheets = []
        for sheet in workbook.worksheets:
            rows = [
                (number, tuple(_cell_text(value) for value in row))
                for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
            ]
            sheets.append(rows)
            if _find_header(rows) is not None:
                return rows
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as error:
        raise InputError(f"{path.name}: not a readable .xlsx workbook ({error})") from None
    finally:
        workbook.close()
    return sheets[0] if sheets else []


def _is_blank(cells: Sequence[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def _find_header(rows: Sequence[tuple[int, tuple[str, ...]]]) -> int | None:
    non_empty = [index for index, (_number, cells) in enumerate(rows) if not _is_blank(cells)]
    for index in non_empty[:HEADER_SEARCH_ROWS]:
        keys = {question_of(cell) for cell in rows[index][1]}
        if REQUIRED_QUESTION in keys:
            return index
    return None


def read_table(path: Path) -> Table:
    """Read INPUT (read-only) into header and data rows; :class:`InputError` says what is wrong."""
    if not path.exists():
        raise InputError(f"{path}: file not found")
    if not path.is_file():
        raise InputError(f"{path}: not a file")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(
            f"{path.name}: unsupported file type {path.suffix or '(none)'!r} "
            f"(allowed: {', '.join(SUPPORTED_SUFFIXES)})"
        )
    try:
        rows = read_csv_rows(path) if suffix == ".csv" else read_xlsx_rows(path)
    except PermissionError:
        raise InputError(f"{path}: permission denied; cannot read the file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None
    if all(_is_blank(cells) for _number, cells in rows):
        raise InputError(f"{path.name}: the file is empty; a header row is required")
    header_index = _find_header(rows)
    if header_index is None:
        first = next(cells for _number, cells in rows if not _is_blank(cells))
        try:
            match_headers(first)  # raises the specific message (e.g. missing "intervention name")
        except InputError as error:
            raise InputError(f"{path.name}: no header row found: {error}") from None
        raise InputError(f"{path.name}: no header row found")  # pragma: no cover
    headers = rows[header_index][1]
    data = tuple(
        (number, cells) for number, cells in rows[header_index + 1 :] if not _is_blank(cells)
    )
    return Table(headers=tuple(headers), rows=data)
