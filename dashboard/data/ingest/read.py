"""Read INPUT (a CSV or XLSX survey export, only ever opened for reading) into header and rows.

The header is the first non-empty row, among the first few, that names the intervention, so
title rows above it are skipped; rows keep the numbers a spreadsheet shows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from dashboard.data.ingest.errors import InputError
from dashboard.data.ingest.headers import REQUIRED_QUESTION, match_headers, question_of
from dashboard.data.reading import allow_fields_up_to

SUPPORTED_SUFFIXES: Final = (".csv", ".xlsx")
#: How many non-empty rows at the top of a file are searched for the header row (title rows).
HEADER_SEARCH_ROWS: Final = 10
#: INPUT larger than this is refused before it is read (a survey export is well under 1 MB).
MAX_INPUT_BYTES: Final = 20 * 1_048_576
#: Rows (title, header, data and empty rows) and columns read at most.
MAX_ROWS: Final = 20_000
MAX_COLUMNS: Final = 500
#: The XML an .xlsx may expand to, summed over its members as its zip directory declares them.
MAX_XLSX_UNCOMPRESSED_BYTES: Final = 64 * 1_048_576
#: Each XML member is searched for a DTD in chunks of this size.
_SCAN_CHUNK_BYTES: Final = 1_048_576


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


def _check_size(path: Path) -> None:
    """Refuse a file over :data:`MAX_INPUT_BYTES` before anything reads it."""
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise InputError(
            f"{path.name}: the file is {_megabytes(size)}; at most {_megabytes(MAX_INPUT_BYTES)} "
            "is read (split the export)"
        )


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB"


def _bounded(rows: Iterable[tuple[str, ...]], name: str) -> list[tuple[int, tuple[str, ...]]]:
    """Number the rows, stopping with a clear message past :data:`MAX_ROWS` or
    :data:`MAX_COLUMNS` (so a hostile file cannot make the reader build millions of cells)."""
    numbered: list[tuple[int, tuple[str, ...]]] = []
    for number, cells in enumerate(rows, start=1):
        if number > MAX_ROWS:
            raise InputError(f"{name}: more than {MAX_ROWS:,} rows; at most {MAX_ROWS:,} are read")
        if len(cells) > MAX_COLUMNS:
            raise InputError(
                f"{name} row {number}: {len(cells):,} columns; at most {MAX_COLUMNS} are read"
            )
        numbered.append((number, cells))
    return numbered


def read_csv_rows(path: Path) -> list[tuple[int, tuple[str, ...]]]:
    """CSV records as (row number, cells); the delimiter (``,``, ``;`` or tab) is read from line 1."""
    _check_size(path)
    with path.open("rb") as handle:  # read-only
        text = _decode(handle.read(), path.name)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=first_line.count)
    allow_fields_up_to(MAX_INPUT_BYTES)
    # strict: a quote that opens a cell and is not closed where a cell ends is an error. The
    # lenient reader ran such a cell on into the next line(s), silently swallowing the
    # responses below it into one cell (23 responses counted as 22).
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    state = {"rows": 0, "line": 0}  # records read, and the physical line the last one ended on

    def counted() -> Iterator[tuple[str, ...]]:
        for record in records:
            state["rows"] += 1
            state["line"] = records.line_num
            yield tuple(_cell_text(cell) for cell in record)

    try:
        return _bounded(counted(), path.name)
    except csv.Error as error:
        raise InputError(
            _csv_problem(
                path.name, text, state["rows"] + 1, (state["line"] + 1, records.line_num), error
            )
        ) from None


def _csv_problem(name: str, text: str, row: int, lines: tuple[int, int], error: csv.Error) -> str:
    """The one-line message for a CSV record that cannot be read, naming its row (as numbered
    by a spreadsheet) and the lines it spans; an unclosed quote is said to be one."""
    first, last = lines
    if "expected after" not in str(error) and "unexpected end of data" not in str(error):
        return f"{name} row {row}: not a readable CSV record ({error})"
    physical = text.splitlines()
    start = physical[first - 1] if first <= len(physical) else ""
    shown = start if len(start) <= 60 else start[:57] + "..."
    runs_on = (
        f", so the cell runs on from line {first} into line {last} and would swallow the "
        "response(s) below it"
        if last > first
        else ""
    )
    return (
        f'{name} row {row}: a quote (") opens a cell that is not closed where the cell ends'
        f"{runs_on} (line {first}: {shown!r}); close or remove the quote and run again"
    )


def _check_archive(path: Path) -> None:
    """Refuse, before openpyxl opens it, what is not a workbook or would expand beyond bounds.

    An .xlsx is a zip of XML files. The sizes its directory declares are what
    :mod:`zipfile` will inflate each member to at most (it stops there and checks the CRC), so
    their sum bounds the work: a 1.7 MB "zip bomb" declaring 444 MB of XML is refused here
    instead of parsed for minutes. A document type declaration (the vehicle of "billion
    laughs" entity expansion) is refused too: spreadsheet programs never write one. (defusedxml,
    which openpyxl uses when it is installed, refuses them as well.)
    """
    _check_size(path)
    if not zipfile.is_zipfile(path):
        raise InputError(
            f"{path.name}: not a readable .xlsx workbook (not a zip archive: is it a CSV, an old "
            ".xls or another file renamed to .xlsx?)"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            declared = sum(member.file_size for member in members)
            if declared > MAX_XLSX_UNCOMPRESSED_BYTES:
                raise InputError(
                    f"{path.name}: the workbook would expand to {_megabytes(declared)} of XML; "
                    f"at most {_megabytes(MAX_XLSX_UNCOMPRESSED_BYTES)} is read"
                )
            for member in members:
                if member.filename.endswith((".xml", ".rels")) and _declares_dtd(archive, member):
                    raise InputError(
                        f"{path.name}: not a readable .xlsx workbook ({member.filename} declares "
                        "a DTD or XML entities, which spreadsheet programs never write)"
                    )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as error:
        raise InputError(f"{path.name}: not a readable .xlsx workbook ({error})") from None


def _declares_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Does the member hold ``<!DOCTYPE`` or ``<!ENTITY`` anywhere (read in bounded chunks)?"""
    tail = b""
    with archive.open(member) as handle:
        while chunk := handle.read(_SCAN_CHUNK_BYTES):
            # NULs dropped so UTF-16 text is searched too; the tail catches a split marker.
            text = tail + chunk.replace(b"\x00", b"").upper()
            if b"<!DOCTYPE" in text or b"<!ENTITY" in text:
                return True
            tail = text[-16:]
    return False


def read_xlsx_rows(path: Path) -> list[tuple[int, tuple[str, ...]]]:
    """Rows of the first worksheet holding an "intervention name" header, as (row number, cells)."""
    import openpyxl

    _check_archive(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # any failure of a malformed workbook is one line
        raise InputError(
            f"{path.name}: not a readable .xlsx workbook ({type(error).__name__})"
        ) from None
    try:
        sheets = []
        for sheet in workbook.worksheets:
            # Read-only mode trusts the sheet's stored <dimension>, which some exporters write
            # wrong (A1:U2 over ten responses): rows and columns beyond it would vanish
            # silently. Forget it, so every row and cell that is in the sheet is read.
            sheet.reset_dimensions()
            rows = _bounded(
                (
                    tuple(_cell_text(value) for value in row)
                    for row in sheet.iter_rows(values_only=True)
                ),
                path.name,
            )
            sheets.append(rows)
            if _find_header(rows) is not None:
                return rows
    except InputError:
        raise
    except Exception as error:  # any failure of a malformed workbook is one line
        raise InputError(
            f"{path.name}: not a readable .xlsx workbook ({type(error).__name__}: {error})"
        ) from None
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
