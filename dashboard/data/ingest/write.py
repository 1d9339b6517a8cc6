"""Write the output and rejects CSVs so that a failure never leaves a half-written file.

Each file is written to a temporary file beside its target; only when all are written is each
renamed over its target (a rename within one folder is atomic). Every cell goes through the
formula-safe writer (:func:`dashboard.data.csv_safety.safe_writer`), the rule of every CSV the
app writes: the rejects file quotes refused answers such as ``=HYPERLINK(...)``, and a header
cell of the input may be one too.

An interrupt (Ctrl-C) at any point leaves no temporary file: a temporary file is recorded as it
is created, with SIGINT held back for that moment and for the renames (so either every target
is replaced or none is), and whatever was recorded is removed on the way out.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from dashboard.data import column_registry
from dashboard.data.csv_safety import safe_writer
from dashboard.data.ingest.pipeline import Result


@contextlib.contextmanager
def sigint_held() -> Iterator[None]:
    """Hold SIGINT back for the block (it is delivered, as KeyboardInterrupt, when the block
    ends); a no-op off the main thread or where signal masks are not available."""
    if (
        not hasattr(signal, "pthread_sigmask")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_csv_atomically(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    created: list[Path] | None = None,
) -> Path:
    """Write a CSV to a temporary file beside ``path``; return it (the caller renames it).

    The temporary file is appended to ``created`` the moment it exists, so a caller can remove
    it whatever interrupts the write."""
    with sigint_held():
        descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        temporary = Path(name)
        if created is not None:
            created.append(temporary)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            writer = safe_writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
        umask = os.umask(0)
        os.umask(umask)
        temporary.chmod(0o666 & ~umask)  # mkstemp makes the file private; use the usual mode
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


class InterruptedAfterWriting(KeyboardInterrupt):
    """Ctrl-C arrived while the outputs were being renamed into place: they are all written."""


def write_outputs(
    result: Result, headers: Sequence[str], out: Path | None, rejects: Path | None
) -> None:
    """Write the output (and rejects) CSV: all temporary files first, then rename each.

    ``out`` is None when there is no accepted row (no file the app would refuse is written)."""
    files: list[tuple[Path, Sequence[str], Iterable[Sequence[str]]]] = []
    if out is not None:
        files.append(output_file(result, out))
    if rejects is not None:
        files.append(rejects_file(result, headers, rejects))
    write_files(files)


def output_file(result: Result, out: Path) -> tuple[Path, Sequence[str], Iterable[Sequence[str]]]:
    """The accepted rows, in the directory's columns."""
    return (
        out,
        column_registry.file_columns(),
        ([row[column] for column in column_registry.file_columns()] for row in result.rows),
    )


def rejects_file(
    result: Result, headers: Sequence[str], rejects: Path
) -> tuple[Path, Sequence[str], Iterable[Sequence[str]]]:
    """The rejected rows: their row number, reason and original cells."""
    return (
        rejects,
        ("row", "reason", *headers),
        ((str(reject.row), reject.reason, *reject.cells) for reject in result.rejects),
    )


def write_files(files: Sequence[tuple[Path, Sequence[str], Iterable[Sequence[str]]]]) -> None:
    """Write every file to a temporary file beside it, then rename all of them: either every
    target is replaced or none is."""
    created: list[Path] = []
    renamed = False
    try:
        for final, header, rows in files:
            write_csv_atomically(final, header, rows, created)
        with sigint_held():
            for (final, _header, _rows), temp in zip(files, created, strict=True):
                temp.replace(final)
            renamed = True
    except KeyboardInterrupt:
        if renamed:
            raise InterruptedAfterWriting from None
        raise
    finally:
        with sigint_held():
            for temp in created:
                temp.unlink(missing_ok=True)
