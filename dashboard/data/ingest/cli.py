"""The command line: ``python -m dashboard.data.ingest INPUT --out OUTPUT.csv [--rejects R.csv]``.

Exit status 0 when it ran (rejects included) with one summary line on stdout; 1 with a one-line
message on stderr otherwise, never a traceback; 130 with one line when interrupted (Ctrl-C), and
then no temporary file is left behind.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

from dashboard.data import schemas
from dashboard.data.ingest.errors import InputError
from dashboard.data.ingest.headers import match_headers
from dashboard.data.ingest.pipeline import ingest_table
from dashboard.data.ingest.read import read_table
from dashboard.data.ingest.synonyms import SynonymsError
from dashboard.data.ingest.write import InterruptedAfterWriting, write_outputs

#: The exit status of a run stopped by Ctrl-C (SIGINT), as shells report it: 128 + 2.
EXIT_INTERRUPTED = 130


def _parse_date(text: str) -> dt.date:
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None
    # last_verified says when the rows were checked: the dashboard refuses a date after tomorrow.
    latest = schemas.latest_stated_date()
    if not schemas.EARLIEST_DATE <= date <= latest:
        raise argparse.ArgumentTypeError(
            f"{text} is not a date from {schemas.EARLIEST_DATE} to {latest} (the day the "
            "responses were checked)"
        )
    return date


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.data.ingest",
        description="Map full survey returns (CSV or XLSX, one row per response) to the "
        "intervention directory's columns and vocabulary. See docs/INGEST.md.",
    )
    parser.add_argument("input", type=Path, metavar="INPUT", help="survey export (.csv or .xlsx)")
    parser.add_argument("--out", type=Path, required=True, help="output CSV (directory columns)")
    parser.add_argument("--rejects", type=Path, help="CSV of rows that could not be placed")
    parser.add_argument(
        "--today", type=_parse_date, default=None, help="last_verified date (default: today)"
    )
    return parser


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _output_problem(args: argparse.Namespace) -> str | None:
    """Why the output paths cannot be used, or None."""
    for output in (args.out, *([args.rejects] if args.rejects else [])):
        if _same_file(output, args.input):
            return f"{output} is INPUT; choose another output file"
        if not output.parent.is_dir():
            return f"{output}: folder {output.parent} does not exist"
    if args.rejects and _same_file(args.out, args.rejects):
        return "--out and --rejects must be different files"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; 0 when it ran (rejects included), 1 with a one-line message otherwise,
    130 with a one-line message when interrupted."""
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except KeyboardInterrupt as interrupt:
        written = isinstance(interrupt, InterruptedAfterWriting)
        with _sigint_ignored():  # a second Ctrl-C cannot cut the message short
            print(
                "interrupted: stopped "
                + ("after the output was written" if written else "before anything was written"),
                file=sys.stderr,
            )
        return EXIT_INTERRUPTED


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _run(args: argparse.Namespace) -> int:
    """The run itself, after the arguments are parsed."""
    today: dt.date = args.today or dt.date.today()
    problem = _output_problem(args)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    try:
        table = read_table(args.input)
        result = ingest_table(table, args.input.name, today)
    except (InputError, SynonymsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if not result.rows:
        # A file with no intervention is one the app refuses: write none, say why (and keep
        # the rejects, which say why each response could not be used).
        problem = (
            f"{args.input.name}: no responses below the header row"
            if not result.responses
            else f"{args.input.name}: no usable response, all {result.responses} were rejected ("
            + (
                f"reasons in {args.rejects})"
                if args.rejects
                else "see them with --rejects FILE.csv)"
            )
        )
        try:
            write_outputs(result, table.headers, None, args.rejects)
        except OSError as error:
            print(
                f"error: cannot write {error.filename or args.rejects}: {error.strerror}",
                file=sys.stderr,
            )
            return 1
        print(f"error: {problem}; nothing written to {args.out}", file=sys.stderr)
        return 1
    try:
        write_outputs(result, table.headers, args.out, args.rejects)
    except OSError as error:
        print(
            f"error: cannot write {error.filename or args.out}: {error.strerror}", file=sys.stderr
        )
        return 1
    match = match_headers(table.headers)
    if match.ignored:
        print(f"note: column(s) not used: {match.describe_ignored()}", file=sys.stderr)
    if result.rejects and not args.rejects:
        print("note: pass --rejects FILE.csv to see why rows were rejected", file=sys.stderr)
    print(result.summary())
    return 0
