"""Issue 13, the ingest: nothing lost, nothing the app refuses, no hostile input runs for minutes.

One test per problem. Each builds its own input in a temporary folder, runs the command as
people do (``ingest.main``) and checks the one-line outcome; where the ingest writes a file, the
app's own loader reads it.
"""

from __future__ import annotations

import csv
import re
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dashboard import config
from dashboard.data import ingest
from dashboard.data.csv_safety import looks_like_formula
from dashboard.data.ingest import read as ingest_read
from dashboard.data.loader import load_interventions, load_lookup

TODAY = "2025-01-15"
HEADERS = ("Intervention name", "Organisation", "VAWDASV region", "Police force area", "Sector")
REGIONS = ("Gwent", "North Wales", "Cardiff and Vale", "West Glamorgan", "Mid and West Wales")


def responses(count: int) -> list[tuple[str, ...]]:
    """``count`` distinct responses that can all be placed (none merges with another)."""
    return [
        (f"Programme {number}", f"Provider {number}", REGIONS[number % 5], "", "third sector")
        for number in range(1, count + 1)
    ]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = ingest.main([*args, "--today", TODAY])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def summary_counts(stdout: str) -> tuple[int, int, int]:
    match = re.fullmatch(r"accepted (\d+), rejected (\d+), duplicates merged (\d+)\n", stdout)
    assert match, stdout
    accepted, rejected, merged = map(int, match.groups())
    return accepted, rejected, merged


def write_xlsx(path: Path, rows, dimension: str | None = None) -> Path:
    """A workbook of ``HEADERS`` and ``rows``; with ``dimension``, the sheet's stored
    ``<dimension ref>`` is rewritten to it, as some exporters leave it stale."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    if dimension is not None:
        rewrite_member(
            path,
            "xl/worksheets/sheet1.xml",
            lambda xml: re.sub(
                rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), xml
            ),
        )
    return path


def rewrite_member(path: Path, member: str, change) -> None:
    """Rewrite one file inside a zip archive."""
    with zipfile.ZipFile(path) as archive:
        contents = {info.filename: archive.read(info) for info in archive.infolist()}
    contents[member] = change(contents[member])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)


def app_loads(path: Path) -> pd.DataFrame:
    return load_interventions(path, load_lookup(config.GEOGRAPHY_DIR / "la_lookup.csv"))


def assert_one_line_refusal(code: int, stdout: str, stderr: str, *needles: str) -> None:
    assert code != 0
    assert stdout == ""
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
    for needle in needles:
        assert needle in stderr, stderr


# --- 1. a stale <dimension> in the workbook loses nothing ------------------------------------


def test_xlsx_with_stale_row_dimension_accounts_for_every_response(tmp_path, capsys):
    """Ten responses under ``<dimension ref="A1:E2"/>``: read-only openpyxl gave "accepted 1,
    rejected 0" and nine responses vanished."""
    source = write_xlsx(tmp_path / "survey.xlsx", responses(10), dimension="A1:E2")
    out, rejects = tmp_path / "out.csv", tmp_path / "rejects.csv"
    code, stdout, _stderr = run(capsys, str(source), "--out", str(out), "--rejects", str(rejects))
    assert code == 0
    accepted, rejected, merged = summary_counts(stdout)
    assert accepted + rejected + merged == 10
    assert (accepted, rejected, merged) == (10, 0, 0)
    assert sorted(app_loads(out)["name"]) == sorted(row[0] for row in responses(10))


def test_xlsx_with_stale_column_dimension_reads_every_column(tmp_path, capsys):
    """``<dimension ref="A1:B11"/>`` hid the region column: a false "no area column"."""
    source = write_xlsx(tmp_path / "survey.xlsx", responses(10), dimension="A1:B11")
    out = tmp_path / "out.csv"
    code, stdout, stderr = run(capsys, str(source), "--out", str(out))
    assert code == 0, stderr
    assert summary_counts(stdout) == (10, 0, 0)
    assert set(app_loads(out)["vawdasv_regions"]) == set(REGIONS)


# --- 2. long cells, size and row limits, hostile workbooks -----------------------------------


def test_csv_cell_longer_than_the_csv_module_default_is_read(tmp_path, capsys):
    """A 200,000-character answer gave ``_csv.Error: field larger than field limit`` and a
    traceback; it is a cell like any other (the limit is the file size limit)."""
    source = tmp_path / "survey.csv"
    long_route = "self referral " * 15_000  # 210,000 characters
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow((*HEADERS, "Referral route"))
        writer.writerow((*responses(1)[0], long_route))
    out = tmp_path / "out.csv"
    code, stdout, stderr = run(capsys, str(source), "--out", str(out))
    assert code == 0, stderr
    assert summary_counts(stdout) == (1, 0, 0)
    assert app_loads(out)["referral_route"].iloc[0] == long_route.strip()


def test_input_over_the_size_limit_is_refused_before_reading(tmp_path, capsys):
    source = tmp_path / "huge.csv"
    with source.open("wb") as handle:  # sparse: no 21 MB written to disk
        handle.write(b"intervention name,region\n")
        handle.truncate(ingest_read.MAX_INPUT_BYTES + 1)
    code, stdout, stderr = run(capsys, str(source), "--out", str(tmp_path / "o.csv"))
    assert_one_line_refusal(code, stdout, stderr, "huge.csv", "at most 20.0 MB")


def test_input_over_the_row_limit_is_refused(tmp_path, capsys):
    source = tmp_path / "long.csv"
    lines = ["intervention name,region"] + ["x,Gwent"] * ingest_read.MAX_ROWS
    source.write_text("\n".join(lines), encoding="utf-8")
    code, stdout, stderr = run(capsys, str(source), "--out", str(tmp_path / "o.csv"))
    assert_one_line_refusal(code, stdout, stderr, "long.csv", "more than 20,000 rows")


def test_xlsx_zip_bomb_is_refused_before_openpyxl_parses_it(tmp_path, capsys):
    """A small workbook whose sheet inflates to 70 MB of XML (the reported one: 1.7 MB to
    444 MB, 4 minutes and 4.25 GB) is refused from the zip directory's declared sizes."""
    source = write_xlsx(tmp_path / "bomb.xlsx", responses(1))
    padding = b" " * 1_048_576
    with (
        zipfile.ZipFile(source, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/padding.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(70):
            member.write(padding)
    assert source.stat().st_size < 1_048_576
    code, stdout, stderr = run(capsys, str(source), "--out", str(tmp_path / "o.csv"))
    assert_one_line_refusal(code, stdout, stderr, "bomb.xlsx", "would expand to", "at most 64.0 MB")


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


@pytest.mark.parametrize("comment_bytes", [0, 10_000], ids=["dtd-first", "dtd-after-comment"])
def test_xlsx_with_entity_expansion_is_refused_in_one_line(tmp_path, capsys, comment_bytes):
    """An entity-expansion ("billion laughs") sheet was parsed and its entities expanded (exit 0)
    when defusedxml was not installed; the DTD is now refused wherever it is in the member."""
    source = write_xlsx(tmp_path / "laughs.xlsx", responses(1))

    def poison(xml: bytes) -> bytes:
        body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
        body = body.replace(b"Programme 1", b"&lol3;")
        comment = b"<!--" + b"x" * comment_bytes + b"-->" if comment_bytes else b""
        head, _, rest = BILLION_LAUGHS.partition(b"\n")
        return head + b"\n" + comment + rest + body

    rewrite_member(source, "xl/worksheets/sheet1.xml", poison)
    code, stdout, stderr = run(capsys, str(source), "--out", str(tmp_path / "o.csv"))
    assert_one_line_refusal(code, stdout, stderr, "laughs.xlsx", "not a readable .xlsx workbook")


def test_openpyxl_parses_workbooks_with_defusedxml():
    """openpyxl uses defusedxml (no DTDs, no entity expansion) only when it is installed."""
    assert openpyxl.DEFUSEDXML


def test_text_file_renamed_to_xlsx_is_refused_in_one_line(tmp_path, capsys):
    source = tmp_path / "renamed.xlsx"
    source.write_text("intervention name,region\nX,Gwent\n", encoding="utf-8")
    code, stdout, stderr = run(capsys, str(source), "--out", str(tmp_path / "o.csv"))
    assert_one_line_refusal(code, stdout, stderr, "renamed.xlsx", "not a zip archive")


# --- 3. what the ingest writes, the app loads -------------------------------------------------


def write_csv(path: Path, rows, headers=HEADERS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


FORMULAS = ("@SUM(A1)", '=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "-2+3")


def test_formula_looking_answers_are_rejected_with_a_reason_and_the_rest_loads(tmp_path, capsys):
    """``@SUM(A1)`` as a provider passed the ingest and the loader then refused the whole file;
    ``=HYPERLINK(...)`` reached the directory as it was."""
    rows = responses(6)
    for index, formula in enumerate(FORMULAS):
        rows[index] = (rows[index][0], formula, *rows[index][2:])
    source = write_csv(tmp_path / "survey.csv", rows)
    out, rejects = tmp_path / "out.csv", tmp_path / "rejects.csv"
    code, stdout, stderr = run(capsys, str(source), "--out", str(out), "--rejects", str(rejects))
    assert code == 0, stderr
    assert summary_counts(stdout) == (2, 4, 0)
    loaded = app_loads(out)
    assert list(loaded["name"]) == ["Programme 5", "Programme 6"]
    refused = pd.read_csv(rejects, dtype=str, keep_default_na=False)
    assert list(refused["row"]) == ["2", "3", "4", "5"]
    for reason in refused["reason"]:
        assert "organisation" in reason and "spreadsheet formula" in reason


def test_a_row_the_app_would_refuse_is_rejected_not_written(tmp_path, capsys):
    """A provider with a number the loader reads as a phone number (``12345 678901``, which the
    ingest's own scrubbing missed) made the app refuse the whole file."""
    rows = responses(2)
    rows[0] = (rows[0][0], "Unit 12345 678901", *rows[0][2:])
    source = write_csv(tmp_path / "survey.csv", rows)
    out, rejects = tmp_path / "out.csv", tmp_path / "rejects.csv"
    code, stdout, stderr = run(capsys, str(source), "--out", str(out), "--rejects", str(rejects))
    assert code == 0, stderr
    assert summary_counts(stdout) == (1, 1, 0)
    assert list(app_loads(out)["name"]) == ["Programme 2"]
    refused = pd.read_csv(rejects, dtype=str, keep_default_na=False)
    assert list(refused["row"]) == ["2"]
    assert "the dashboard would refuse it" in refused["reason"].iloc[0]
    assert "phone" in refused["reason"].iloc[0]


def test_header_only_input_exits_non_zero_and_writes_nothing(tmp_path, capsys):
    """A header and no response exited 0 and wrote a file the app refuses ("no interventions")."""
    source = write_csv(tmp_path / "survey.csv", [])
    out = tmp_path / "out.csv"
    code, stdout, stderr = run(capsys, str(source), "--out", str(out))
    assert_one_line_refusal(code, stdout, stderr, "survey.csv", "no responses")
    assert not out.exists()


def test_input_with_no_usable_response_exits_non_zero_with_the_rejects(tmp_path, capsys):
    rows = [("Programme 1", "P", "Narnia", "", ""), ("", "P", "Gwent", "", "")]
    source = write_csv(tmp_path / "survey.csv", rows)
    out, rejects = tmp_path / "out.csv", tmp_path / "rejects.csv"
    code, stdout, stderr = run(capsys, str(source), "--out", str(out), "--rejects", str(rejects))
    assert_one_line_refusal(
        code, stdout, stderr, "survey.csv", "no usable response", "all 2 were rejected"
    )
    assert not out.exists()
    assert list(pd.read_csv(rejects, dtype=str)["row"]) == ["2", "3"]  # written for review


def test_a_future_today_is_refused_before_reading(tmp_path, capsys):
    """``--today 2999-01-01`` would write last_verified dates the dashboard refuses."""
    source = write_csv(tmp_path / "survey.csv", responses(1))
    with pytest.raises(SystemExit) as stopped:
        ingest.main([str(source), "--out", str(tmp_path / "o.csv"), "--today", "2999-01-01"])
    assert stopped.value.code == 2
    stderr = capsys.readouterr().err
    assert "2999-01-01 is not a date from 1990-01-01 to" in stderr
    assert "Traceback" not in stderr


# --- 4. issue 22: rejects file, unclosed quotes, impossible dates, Ctrl-C, typography -----------


def test_rejects_file_has_no_live_formula_not_even_in_its_header(tmp_path, capsys):
    """The ``--rejects`` file copied refused answers as they were: 120 live formula cells in one
    test, and one in its header row (a column headed ``=cmd``)."""
    rows = [(*row, "") for row in responses(8)]
    for index, formula in enumerate(FORMULAS):
        rows[index] = (rows[index][0], formula, *rows[index][2:-1], formula)
    source = write_csv(tmp_path / "survey.csv", rows, headers=(*HEADERS, "=cmd|' /C calc'!A0"))
    out, rejects = tmp_path / "out.csv", tmp_path / "rejects.csv"
    code, stdout, stderr = run(capsys, str(source), "--out", str(out), "--rejects", str(rejects))
    assert code == 0, stderr
    assert summary_counts(stdout) == (4, 4, 0)
    with rejects.open(encoding="utf-8", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    live = [cell for cell in cells if looks_like_formula(cell)]
    assert live == []
    assert "'=cmd|' /C calc'!A0" in cells  # the header cell, defused
    assert '\'=HYPERLINK("http://x")' in cells  # a refused answer, defused but kept
    assert not [
        cell for cell in out.read_text(encoding="utf-8").split(",") if looks_like_formula(cell)
    ]


@pytest.mark.parametrize("closed_later", [True, False], ids=["quote-in-next-row", "quote-to-eof"])
def test_an_unclosed_quote_is_reported_with_its_row(tmp_path, capsys, closed_later):
    """``"Provider 5`` with no closing quote ran on into the next line and swallowed the next
    response into one cell: 23 responses counted as 22, silently."""
    lines = [",".join(HEADERS)] + [",".join(row) for row in responses(23)]
    lines[5] = 'Programme 5,"Provider 5,Gwent,,third sector'  # row 6
    if closed_later:
        lines[6] = 'Programme 6,"Provider 6",North Wales,,third sector'
    source = tmp_path / "survey.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    code, stdout, stderr = run(capsys, str(source), "--out", str(out))
    assert_one_line_refusal(code, stdout, stderr, "survey.csv row 6", "quote", "line 6")
    assert "swallow" in stderr
    assert not out.exists()


def test_a_multi_line_cell_is_still_one_row(tmp_path, capsys):
    rows = responses(3)
    rows[1] = (rows[1][0], "Provider\nwith a second line", *rows[1][2:])
    source = write_csv(tmp_path / "survey.csv", rows)
    code, stdout, stderr = run(capsys, str(source), "--out", str(tmp_path / "out.csv"))
    assert code == 0, stderr
    assert summary_counts(stdout) == (3, 0, 0)


def test_impossible_funding_ends_never_reach_the_directory(tmp_path, capsys):
    """``2025-02-30`` was read as 2024-25 through the looser ``YYYY-MM`` pattern and
    ``9999-12-31`` as ``9999-00``, which the funding-end panel then showed."""
    ends = ("2025-02-30", "9999-12-31", "31/03/2025")
    rows = [(*row, end) for row, end in zip(responses(3), ends, strict=True)]
    source = write_csv(tmp_path / "survey.csv", rows, headers=(*HEADERS, "Funding end"))
    out = tmp_path / "out.csv"
    code, stdout, stderr = run(capsys, str(source), "--out", str(out))
    assert code == 0, stderr
    assert summary_counts(stdout) == (3, 0, 0)
    loaded = app_loads(out).set_index("name")
    assert list(loaded["funding_end"]) == ["unknown", "unknown", "2024-25"]
    assert "'2025-02-30' refused: 2025-02-30 is not a real date" in loaded.at["Programme 1", "note"]
    assert "9999-12-31 is outside the funding ends read" in loaded.at["Programme 2", "note"]


def test_interrupt_while_writing_leaves_no_temporary_file(tmp_path, capsys, monkeypatch):
    """Ctrl-C while the output was being written printed a traceback and could leave a
    ``.out.csv.*.tmp`` file beside the target."""
    source = write_csv(tmp_path / "survey.csv", responses(50))
    real_writer = csv.writer

    class Interrupting:
        def __init__(self, handle, **options):
            self._writer = real_writer(handle, **options)
            self._written = 0

        def writerow(self, row):
            self._written += 1
            if self._written > 10:
                raise KeyboardInterrupt
            return self._writer.writerow(row)

        def writerows(self, rows):
            for row in rows:
                self.writerow(row)

    monkeypatch.setattr(csv, "writer", Interrupting)
    out = tmp_path / "out.csv"
    try:
        code, stdout, stderr = run(capsys, str(source), "--out", str(out))
    except KeyboardInterrupt:
        pytest.fail("KeyboardInterrupt escaped the command")
    assert code == 130
    assert stdout == ""
    assert stderr.splitlines() == ["interrupted: stopped before anything was written"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["survey.csv"]


def test_sigint_stops_the_command_with_one_line_and_no_temporary_file(tmp_path):
    """SIGINT to the running command: one line, exit 130, no traceback, nothing left behind."""
    source = write_csv(tmp_path / "survey.csv", responses(50))
    out = tmp_path / "out.csv"
    # The command's own main(), which says when it has read the file and then waits, inside the
    # run, to be interrupted: the signal comes in the middle of the run, and the wait never runs
    # out (so a few responses do). SIGINT is set back to Python's own handler, and unblocked,
    # first: an ignored or blocked SIGINT survives exec, so a child inherits it from a test
    # process that had it so (started in the background, or left so by an earlier test in the
    # same worker, in random order), and the command then ran on to exit 0 (twice in full CI
    # runs of this stop; not reproduced alone).
    launcher = (
        "import signal, sys, time; signal.signal(signal.SIGINT, signal.default_int_handler); "
        "signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT}); "
        "from dashboard.data.ingest import cli; ingest = cli.ingest_table; "
        "cli.ingest_table = lambda *args: "
        "(print('ingesting', flush=True), time.sleep(60), ingest(*args))[2]; "
        "raise SystemExit(cli.main(sys.argv[1:]))"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", launcher, str(source), "--out", str(out), "--today", TODAY],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=config.PROJECT_ROOT,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline() == "ingesting\n"
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert stderr.splitlines() == ["interrupted: stopped before anything was written"]
    assert stdout == ""
    assert sorted(path.name for path in tmp_path.iterdir()) == ["survey.csv"]


@pytest.mark.parametrize(
    "police",
    ["Dyfed\u2013Powys", "Dyfed\u2014Powys", "Heddlu Dyfed\u2011Powys", "Dyfed\u00a0Powys"],
    ids=["en-dash", "em-dash", "non-breaking-hyphen", "no-break-space"],
)
def test_typographic_variants_of_an_area_are_accepted(tmp_path, capsys, police):
    """``Dyfed–Powys`` (en dash, as a word processor writes it) was rejected: "area
    'Dyfed–Powys' in police area(s) is not a recognised area"."""
    rows = [("Programme 1", "Provider 1", "", police, "third sector")]
    rows.append(("Programme 2", "Provider 2", "Caerdydd a\u2019r Fro", "", "third sector"))
    source = write_csv(tmp_path / "survey.csv", rows)
    out = tmp_path / "out.csv"
    code, stdout, stderr = run(capsys, str(source), "--out", str(out))
    assert code == 0, stderr
    assert summary_counts(stdout) == (2, 0, 0)
    loaded = app_loads(out).set_index("name")
    assert loaded.at["Programme 1", "police_force_areas"] == "Dyfed-Powys"
    assert loaded.at["Programme 2", "vawdasv_regions"] == "Cardiff and Vale"
