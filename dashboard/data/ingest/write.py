"""Write the output and rejects CSVs so that a failure never leaves a half-written file.

Each file is written to a temporary file beside its target; only when all are written is each
renamed over its target (a rename within one folder is atomic).
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from dashboard.data import vocabulary as vocab
from dashboard.data.ingest.pipeline import Result


def write_csv_atomically(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> Path:
    """Write a CSV to a temporary file beside ``path``; return it (the caller renames it)."""
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
        umask = os.umask(0)
        os.umask(umask)
        temporary.chmod(0o666 & ~umask)  # mkstemp makes the file private; use the usual mode
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def write_outputs(
    result: Result, headers: Sequence[str], out: Path | None, rejects: Path | None
) -> None:
    """Write the output (and rejects) CSV: all temporary files first, then rename each.

    ``out`` is None when there is no accepted row (no file the app would refuse is written)."""
    files: list[tuple[Path, Sequence[str], Iterable[Sequence[str]]]] = []
    if out is not None:
        files.append(
            (
                out,
                vocab.INTERVENTION_COLUMNS,
                ([row[column] for column in vocab.INTERVENTION_COLUMNS] for row in result.rows),
            )
        )
    if rejects is not None:
        files.append(
            (
                rejects,
                ("row", "reason", *headers),
                ((str(reject.row), reject.reason, *reject.cells) for reject in result.rejects),
            )
        )
    temporary: list[tuple[Path, Path]] = []
    try:
        for final, header, rows in files:
            temporary.append((write_csv_atomically(final, header, rows), final))
        for temp, final in temporary:
            temp.replace(final)
    finally:
        for temp, _final in temporary:
            temp.unlink(missing_ok=True)
