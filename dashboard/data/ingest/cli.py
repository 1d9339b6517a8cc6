"""The command line: ``python -m dashboard.data.ingest INPUT --out OUTPUT.csv [--rejects R.csv]``,
or ``INPUT --wave ID --name NAME --as-at DATE`` to load the returns as a wave beside the baseline
(:mod:`dashboard.data.ingest.wave`).

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

from dashboard import config
from dashboard.data import schemas
from dashboard.data import vocabulary as vocab
from dashboard.data.geo import slugify
from dashboard.data.ingest.errors import InputError
from dashboard.data.ingest.headers import match_headers
from dashboard.data.ingest.pipeline import ingest_table
from dashboard.data.ingest.read import read_table
from dashboard.data.ingest.synonyms import SynonymsError
from dashboard.data.ingest.wave import WaveRequest, parse_as_at, write_wave
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
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, help="output CSV (directory columns)")
    where.add_argument(
        "--wave",
        metavar="ID",
        help="load the returns as a new wave beside the baseline: writes waves/ID.csv, "
        "waves/ID.answers.csv and a row of waves.csv in --data-dir (needs --name and --as-at)",
    )
    parser.add_argument("--rejects", type=Path, help="CSV of rows that could not be placed")
    parser.add_argument(
        "--today", type=_parse_date, default=None, help="last_verified date (default: today)"
    )
    wave = parser.add_argument_group("a wave (with --wave)")
    wave.add_argument("--name", help="the wave's name, e.g. 'Follow-up review 2025-26'")
    wave.add_argument("--name-cy", default="", help="its Welsh name (optional)")
    wave.add_argument("--as-at", help="the date the returns describe: YYYY, YYYY-MM or YYYY-MM-DD")
    wave.add_argument(
        "--data-dir", type=Path, default=config.DATA_DIR, help="the data folder (default: data/)"
    )
    wave.add_argument(
        "--depth",
        default=vocab.LISTED,
        choices=vocab.SCOPE_DEPTHS,
        help="how the returns cover their areas (default: listed, every area asked alike)",
    )
    wave.add_argument("--note", default="", help="what the wave is, for data/waves.csv")
    return parser


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _output_problem(args: argparse.Namespace) -> str | None:
    """Why the output paths cannot be used, or None."""
    if args.wave is not None:
        if slugify(args.wave) != args.wave:
            return f"--wave {args.wave!r}: a wave id is lower-case a-z, 0-9 and '-'"
        if not args.name or not args.as_at:
            return "--wave needs --name (the wave's name) and --as-at (the date it describes)"
    outputs = [args.out] if args.out is not None else []
    for output in (*outputs, *([args.rejects] if args.rejects else [])):
        if _same_file(output, args.input):
            return f"{output} is INPUT; choose another output file"
        if not output.parent.is_dir():
            return f"{output}: folder {output.parent} does not exist"
    if args.rejects and args.out is not None and _same_file(args.out, args.rejects):
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
        request = _wave_request(args, today) if args.wave is not None else None
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
        target = args.out if request is None else request.rows_path
        print(f"error: {problem}; nothing written to {target}", file=sys.stderr)
        return 1
    try:
        if request is None:
            write_outputs(result, table.headers, args.out, args.rejects)
        else:
            write_wave(result, list(table.headers), request, args.rejects, _la_names(args.data_dir))
    except InputError as error:
        print(f"error: {error}; nothing written", file=sys.stderr)
        return 1
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
    if request is not None:
        print(
            f"wave {request.wave_id} written beside the baseline: {request.rows_path}, "
            f"and its row in {request.waves_path}"
        )
    return 0


def _wave_request(args: argparse.Namespace, today: dt.date) -> WaveRequest:
    return WaveRequest(
        wave_id=args.wave,
        name=args.name.strip(),
        name_cy=args.name_cy.strip(),
        as_at=parse_as_at(args.as_at.strip(), today),
        depth=args.depth,
        level="wales",
        areas=vocab.ALL_WALES,
        note=args.note.strip(),
        data_dir=args.data_dir,
    )


def _la_names(data_dir: Path) -> frozenset[str]:
    """The local authorities' English names (a wave's scope may name them)."""
    from dashboard.data.loader import load_lookup

    path = data_dir / "geography" / "la_lookup.csv"
    lookup = load_lookup(path if path.is_file() else config.GEOGRAPHY_DIR / "la_lookup.csv")
    return frozenset(lookup["la_name_en"])
