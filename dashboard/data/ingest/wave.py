"""A survey's returns as a wave, beside the baseline instead of replacing it.

``python -m dashboard.data.ingest returns.xlsx --wave follow-up-2026 --name "Follow-up review
2025-26" --as-at 2026-03-31`` writes, in the data folder (``--data-dir``, default ``data/``):

- ``waves/<id>.csv``: the accepted rows, in the directory's columns (as ``--out`` writes them);
- ``waves/<id>.answers.csv``: each answer as entered behind a compared field (the quotes the
  change page shows for this wave's side of a change);
- ``waves.csv`` with the wave's row added (kind ``survey``, its scope and date), checked by the
  app's own schema before anything is written.

All files are written to temporary files first and renamed together (``write.write_files``).
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from dashboard.data import schemas, wave_schemas
from dashboard.data import vocabulary as vocab
from dashboard.data.ingest.errors import InputError
from dashboard.data.ingest.pipeline import Result
from dashboard.data.ingest.write import output_file, rejects_file, write_files
from dashboard.data.wave_files import WAVES_FILE, answers_path


@dataclass(frozen=True)
class WaveRequest:
    """What the command was asked to write: the wave's identity, date, scope and folder."""

    wave_id: str
    name: str
    name_cy: str
    as_at: str
    depth: str
    level: str
    areas: str
    note: str
    data_dir: Path

    @property
    def rows_path(self) -> Path:
        return self.data_dir / vocab.WAVES_DIR / f"{self.wave_id}.csv"

    @property
    def waves_path(self) -> Path:
        return self.data_dir / WAVES_FILE


def parse_as_at(text: str, today: dt.date | None = None) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, a real date up to today: when the returns
    describe (the end of the survey's round)."""
    latest = schemas.latest_stated_date(today)
    if schemas._partial_date(text, latest):
        return text
    raise InputError(
        f"--as-at {text!r}: not a real date YYYY, YYYY-MM or YYYY-MM-DD up to {latest}"
    )


def _declared(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def wave_row(request: WaveRequest) -> dict[str, str]:
    return {
        "id": request.wave_id,
        "name": request.name,
        "name_cy": request.name_cy,
        "as_at": request.as_at,
        "kind": vocab.SURVEY,
        "sources": f"{vocab.WAVES_DIR}/{request.wave_id}.csv",
        "based_on": "",
        "level": request.level,
        "areas": request.areas,
        "depth": request.depth,
        "note": request.note,
    }


def waves_with(request: WaveRequest, lookup_names: frozenset[str]) -> list[dict[str, str]]:
    """``waves.csv``'s rows with this wave added, or :class:`InputError` saying why not."""
    if not request.data_dir.is_dir():
        raise InputError(f"--data-dir {request.data_dir}: folder does not exist")
    rows = _declared(request.waves_path)
    if any(row.get("id") == request.wave_id for row in rows):
        raise InputError(
            f"wave {request.wave_id!r} is already declared in {request.waves_path}; choose "
            "another id (a wave is never replaced by the next)"
        )
    if request.rows_path.exists():
        raise InputError(f"{request.rows_path} already exists; choose another wave id")
    rows.append(wave_row(request))
    frame = pd.DataFrame(rows, columns=list(vocab.WAVE_COLUMNS)).fillna("").astype(str)
    try:
        wave_schemas.waves_schema(lookup_names).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        mine = cases[pd.to_numeric(cases["index"], errors="coerce") == len(rows) - 1]
        reasons = "; ".join(
            f"{case.column if isinstance(case.column, str) else 'row'}: {case.check}"
            for case in (mine if not mine.empty else cases).itertuples(index=False)
        )
        raise InputError(f"the wave's row for {WAVES_FILE} would be refused: {reasons}") from None
    return rows


def write_wave(
    result: Result,
    headers: list[str],
    request: WaveRequest,
    rejects: Path | None,
    lookup_names: frozenset[str],
) -> None:
    """Write the wave's rows, its answers and ``waves.csv`` (and the rejects), all or none."""
    rows = waves_with(request, lookup_names)
    request.rows_path.parent.mkdir(exist_ok=True)
    files = [
        output_file(result, request.rows_path),
        (
            answers_path(request.rows_path),
            vocab.ANSWER_COLUMNS,
            ([answer[column] for column in vocab.ANSWER_COLUMNS] for answer in result.answers),
        ),
        (
            request.waves_path,
            vocab.WAVE_COLUMNS,
            ([row.get(column, "") for column in vocab.WAVE_COLUMNS] for row in rows),
        ),
    ]
    if rejects is not None:
        files.append(rejects_file(result, headers, rejects))
    write_files(files)
