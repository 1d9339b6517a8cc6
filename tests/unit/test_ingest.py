"""The ingest command: hand-counted expectations on two messy fixtures, mapping rules, failures.

``fixtures/messy_survey.csv`` has 16 responses (rows 2-16 and 18; row 17 is blank):
rows 8, 9, 10 are rejected (no name, no area, unknown area), row 6 duplicates row 2 and row 14
duplicates row 3, so 11 are accepted. ``fixtures/messy_survey.xlsx`` has a title row, a blank row,
the header on row 3 and 6 responses (rows 4-9): row 7 is rejected (name "don't know"), row 6
duplicates row 4, so 4 are accepted.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pytest

from dashboard import config
from dashboard.data import column_registry, ingest, schemas
from dashboard.data import vocabulary as vocab
from dashboard.data.ingest import answers, funding, headers, synonyms
from dashboard.data.ingest import write as ingest_write

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CSV_INPUT = FIXTURES / "messy_survey.csv"
XLSX_INPUT = FIXTURES / "messy_survey.xlsx"
TODAY = "2025-01-15"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = ingest.main([*args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)


@pytest.fixture
def csv_run(tmp_path, capsys):
    out, rejects = tmp_path / "out.csv", tmp_path / "rejects.csv"
    before = sha256(CSV_INPUT)
    code, stdout, stderr = run(
        capsys, str(CSV_INPUT), "--out", str(out), "--rejects", str(rejects), "--today", TODAY
    )
    return {
        "code": code,
        "stdout": stdout,
        "stderr": stderr,
        "out": read(out),
        "rejects": read(rejects),
        "hash_before": before,
    }


def by_source(frame: pd.DataFrame, source: str) -> dict[str, str]:
    rows = frame[frame["source"] == source]
    assert len(rows) == 1, f"expected one row with source {source!r}, found {len(rows)}"
    return rows.iloc[0].to_dict()


# --- the CSV fixture, counted by hand -------------------------------------------------------


def test_csv_summary_counts(csv_run):
    assert csv_run["code"] == 0
    assert csv_run["stdout"] == "accepted 11, rejected 3, duplicates merged 2\n"
    assert len(csv_run["out"]) == 11
    assert len(csv_run["rejects"]) == 3


def test_csv_counts_add_up_to_responses():
    table = ingest.read_table(CSV_INPUT)
    result = ingest.ingest_table(table, CSV_INPUT.name, dt.date(2025, 1, 15))
    assert result.responses == 16  # the blank row 17 is not a response
    assert len(result.rows) + len(result.rejects) + result.duplicates == result.responses


def test_input_is_not_modified(csv_run):
    assert sha256(CSV_INPUT) == csv_run["hash_before"]


def test_output_columns_and_vocabulary(csv_run):
    out = csv_run["out"]
    assert tuple(out.columns) == column_registry.file_columns()
    for column, allowed in column_registry.single_columns().items():
        assert set(out[column]) <= set(allowed), column
    for column, allowed in column_registry.list_columns().items():
        for cell in out[column]:
            items = vocab.split_list(cell)
            assert items, f"{column} is empty"
            assert set(items) <= set(allowed), (column, cell)
    assert out["id"].is_unique
    # No survey question maps to the kind of intervention.
    assert set(out["kind"]) == {vocab.UNKNOWN}
    assert (out["last_verified"] == TODAY).all()


def test_output_passes_directory_schema_apart_from_source(csv_run):
    """The loader's schema, with ``source`` naming the input file instead of a seed document."""
    schema = schemas.interventions_schema(frozenset()).update_column(
        "source", checks=[pa.Check.str_matches(r"^messy_survey\.csv rows? \d+(; \d+)*$")]
    )
    schema.validate(csv_run["out"], lazy=True)


def test_area_spellings(csv_run):
    out = csv_run["out"]
    cardiff = by_source(out, "messy_survey.csv rows 2; 6")
    assert cardiff["vawdasv_regions"] == "Cardiff and Vale"  # "Cardiff & Vale"
    assert cardiff["police_force_areas"] == "South Wales"  # derived: region wholly in one force
    dyfed = by_source(out, "messy_survey.csv rows 3; 14")
    assert dyfed["vawdasv_regions"] == "Mid and West Wales"  # "Dyfed Powys" as a region
    assert dyfed["police_force_areas"] == "Dyfed-Powys"
    south = by_source(out, "messy_survey.csv row 4")
    assert south["police_force_areas"] == "South Wales"  # "South Wales Police"
    assert south["vawdasv_regions"] == "unknown"  # South Wales spans three regions
    north = by_source(out, "messy_survey.csv row 5")
    assert (north["police_force_areas"], north["vawdasv_regions"]) == ("North Wales", "North Wales")
    wales = by_source(out, "messy_survey.csv row 7")
    assert (wales["police_force_areas"], wales["vawdasv_regions"]) == ("All Wales", "All Wales")
    welsh = by_source(out, "messy_survey.csv row 11")  # "Caerdydd a'r Fro" / "Heddlu De Cymru"
    assert (welsh["police_force_areas"], welsh["vawdasv_regions"]) == (
        "South Wales",
        "Cardiff and Vale",
    )
    moved = by_source(out, "messy_survey.csv row 13")  # "South Wales" in the region column
    assert (moved["police_force_areas"], moved["vawdasv_regions"]) == ("South Wales", "unknown")
    assert "read as a police area" in moved["note"]


#: Hand-checked output values of rows of the CSV fixture (the answer as entered in comments).
EXPECTED_ANSWERS = {
    "messy_survey.csv rows 2; 6": {
        "sector": "specialist sector",  # "Specialist"
        "purpose": "behaviour change;risk reduction",  # comma-separated
        "cohort": "adult male",  # "Adult; Male" is one answer
        "evaluation_status": "independent evaluation",  # yes + Cardiff University
        "funding_longevity": "12-24 months",
        "funding_period_months": "12",
        "funding_term": "12 to 24 months",
        "funding_end": "2023-24",  # "March 2024"
    },
    "messy_survey.csv rows 3; 14": {
        "setting": "both",
        "behaviour_focus": "domestic abuse;sexual violence;stalking",  # "DA\nSV" + row 14
        "evaluation_status": "evaluation under way",
        "accreditation": "in progress",
        "funding_period_months": "36",
        "funding_end": "2025-26",  # "31/03/2026"
    },
    "messy_survey.csv row 5": {"evaluation_status": "internal evaluation"},
    "messy_survey.csv row 7": {
        "sector": "HMPPS",  # "Probation"
        "cohort": "adult male",  # "Adult, Male"
        "attendance": "mandated",  # "Court mandated"
        "funding_term": "ongoing",
    },
    "messy_survey.csv row 12": {
        "behaviour_focus": "child to adult parental violence and abuse",  # "CAPVA"
        "attendance": "mixed",  # "Both"
        "evaluation_status": "independent evaluation",  # "Yes (independent ...)"
        "funding_end": "2024-25",  # "Mar 2025"
    },
}


@pytest.mark.parametrize("source", list(EXPECTED_ANSWERS))
def test_answer_mapping(csv_run, source):
    row = by_source(csv_run["out"], source)
    expected = EXPECTED_ANSWERS[source]
    assert {column: row[column] for column in expected} == expected


def test_unknowns_and_unparsed_values_are_noted(csv_run):
    out = csv_run["out"]
    parch = by_source(out, "messy_survey.csv row 11")
    assert parch["provider"] == "unknown"
    assert parch["evaluation_status"] == "unknown"  # yes, but no evaluator
    assert parch["funding_end"] == "unknown"
    assert "'when the money runs out'" in parch["note"]
    year_only = by_source(out, "messy_survey.csv row 16")
    assert year_only["funding_end"] == "unknown"
    assert "'2024'" in year_only["note"]
    step = by_source(out, "messy_survey.csv row 18")
    assert step["sector"] == "unknown"
    assert "'Made up sector'" in step["note"]
    assert step["funding_model"] == "mixed"  # "Grant; Commissioned"
    assert step["funding_period_months"] == ""  # a bare "12" is not read
    assert step["funding_longevity"] == "12"
    assert "@" not in step["referral_route"]
    assert "contact details removed" in step["note"]
    talk = by_source(out, "messy_survey.csv row 13")
    assert talk["risk_level"] == "unknown"  # "Don't know"


def test_duplicates_are_merged(csv_run):
    out = csv_run["out"]
    merged = by_source(out, "messy_survey.csv rows 2; 6")
    assert merged["name"] == "Change That Lasts Perpetrator Programme"  # first as entered
    assert merged["evidence"] == "Change That Lasts Perpetrator Programme"
    assert merged["behaviour_focus"] == "domestic abuse;stalking;sexual violence"  # union
    assert merged["risk_level"] == "medium;high"
    assert merged["sector"] == "specialist sector"  # first kept over row 6's third sector
    assert "conflict in sector" in merged["note"]
    assert merged["funding_end"] == "2023-24"
    assert "conflict in funding_end" in merged["note"]
    assert "merged 2 duplicate responses (rows 2; 6)" in merged["note"]


def test_same_name_other_provider_or_area_is_not_merged(csv_run):
    out = csv_run["out"]
    assert len(out[out["name"] == "Change That Lasts Perpetrator Programme"]) == 2
    newid = out[out["name"] == "Newid Ymddygiad"]
    assert sorted(newid["id"]) == [
        "newid-ymddygiad-cwmni-gogledd",
        "newid-ymddygiad-cwmni-gogledd-2",
    ]
    assert sorted(newid["police_force_areas"]) == ["Gwent", "North Wales"]


def test_rejects_file(csv_run):
    rejects = csv_run["rejects"]
    assert list(rejects.columns[:3]) == ["row", "reason", "Intervention Name "]
    assert list(rejects["row"]) == ["8", "9", "10"]
    reasons = dict(zip(rejects["row"], rejects["reason"], strict=True))
    assert reasons["8"] == "no intervention name"
    assert reasons["9"].startswith("no area given")
    assert "'Narnia'" in reasons["10"]
    assert rejects.loc[rejects["row"] == "10", "VAWDASV_Region(s)"].item() == "Narnia"
    assert rejects.loc[rejects["row"] == "8", "ORGANISATION"].item() == "Nameless Org"


# --- the XLSX fixture -----------------------------------------------------------------------


def test_xlsx(tmp_path, capsys):
    out, rejects = tmp_path / "out.csv", tmp_path / "rejects.csv"
    before = sha256(XLSX_INPUT)
    code, stdout, _ = run(
        capsys, str(XLSX_INPUT), "--out", str(out), "--rejects", str(rejects), "--today", TODAY
    )
    assert code == 0
    assert stdout == "accepted 4, rejected 1, duplicates merged 1\n"
    assert sha256(XLSX_INPUT) == before
    frame = read(out)
    assert tuple(frame.columns) == column_registry.file_columns()
    clear = by_source(frame, "messy_survey.xlsx rows 4; 6")
    assert clear["vawdasv_regions"] == "Cardiff and Vale;Cwm Taf Morgannwg"  # new-line separated
    assert clear["police_force_areas"] == "South Wales"
    assert clear["behaviour_focus"] == "domestic abuse;sexual violence"
    assert clear["funding_end"] == "2024-25"  # a date cell, 31 March 2025
    assert clear["evaluation_status"] == "independent evaluation"
    gwent = by_source(frame, "messy_survey.xlsx row 5")
    assert gwent["vawdasv_regions"] == "Gwent"  # derived from the Gwent police area
    assert gwent["funding_period_months"] == "24"  # "2 years"
    north = by_source(frame, "messy_survey.xlsx row 8")
    assert north["police_force_areas"] == "North Wales"  # "NWP"
    assert north["status"] == "decommissioned"
    assert north["evaluation_status"] == "internal evaluation"  # "In-house"
    dyfed = by_source(frame, "messy_survey.xlsx row 9")
    assert dyfed["sector"] == "health"  # "Health board"
    assert dyfed["funding_term"] == "multi-year"
    assert list(read(rejects)["row"]) == ["7"]


# --- failures -------------------------------------------------------------------------------


def bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("intervention name,region\nCaf\xe9 programme,Gwent\n".encode("latin-1"))
    fake = tmp_path / "fake.xlsx"
    fake.write_text("this is not a workbook", encoding="utf-8")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    empty = tmp_path / "empty.csv"
    empty.write_text("\n\n", encoding="utf-8")
    no_name = tmp_path / "no_name.csv"
    no_name.write_text("organisation,region\nX,Gwent\n", encoding="utf-8")
    no_area = tmp_path / "no_area.csv"
    no_area.write_text("intervention name,organisation\nX,Y\n", encoding="utf-8")
    return {
        "missing": (tmp_path / "nope.csv", "file not found"),
        "directory": (tmp_path, "not a file"),
        "undecodable": (latin, "not UTF-8"),
        "not a workbook": (fake, "not a readable .xlsx workbook"),
        "extension": (old, "allowed: .csv, .xlsx"),
        "empty": (empty, "empty"),
        "no name column": (no_name, 'missing required column "intervention name"'),
        "no area column": (no_area, "police area(s)"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "directory",
        "undecodable",
        "not a workbook",
        "extension",
        "empty",
        "no name column",
        "no area column",
    ],
)
def test_unreadable_input(tmp_path, capsys, case):
    path, message = bad_inputs(tmp_path)[case]
    out = tmp_path / "out.csv"
    code, stdout, stderr = run(capsys, str(path), "--out", str(out))
    assert code != 0
    assert stdout == ""
    assert message in stderr
    assert path.name in stderr
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_cli_subprocess_failure_has_no_traceback(tmp_path):
    missing = tmp_path / "survey.xlsx"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard.data.ingest",
            str(missing),
            "--out",
            str(tmp_path / "o.csv"),
        ],
        capture_output=True,
        text=True,
        cwd=config.PROJECT_ROOT,
        check=False,
    )
    assert completed.returncode != 0
    assert "Traceback" not in completed.stderr
    assert "survey.xlsx" in completed.stderr
    assert "file not found" in completed.stderr


def test_cli_subprocess_success_prints_one_line(tmp_path):
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard.data.ingest",
            str(CSV_INPUT),
            "--out",
            str(tmp_path / "o.csv"),
            "--today",
            TODAY,
        ],
        capture_output=True,
        text=True,
        cwd=config.PROJECT_ROOT,
        check=False,
    )
    assert completed.returncode == 0
    assert completed.stdout.splitlines() == ["accepted 11, rejected 3, duplicates merged 2"]


def test_failure_leaves_existing_output_untouched(tmp_path, capsys):
    out = tmp_path / "out.csv"
    out.write_text("previous\n", encoding="utf-8")
    code, _, _ = run(capsys, str(tmp_path / "missing.csv"), "--out", str(out))
    assert code != 0
    assert out.read_text(encoding="utf-8") == "previous\n"


def test_write_failure_leaves_nothing_half_written(tmp_path, monkeypatch):
    table = ingest.read_table(CSV_INPUT)
    result = ingest.ingest_table(table, CSV_INPUT.name, dt.date(2025, 1, 15))
    real = ingest_write.write_csv_atomically
    calls = []

    def failing(path, header, rows, created=None):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(path, header, rows, created)

    monkeypatch.setattr(ingest_write, "write_csv_atomically", failing)
    out, rejects = tmp_path / "out.csv", tmp_path / "rejects.csv"
    with pytest.raises(OSError):
        ingest.write_outputs(result, table.headers, out, rejects)
    assert list(tmp_path.iterdir()) == []  # no output, no rejects, no temporary files


def test_refuses_to_write_over_input(tmp_path, capsys):
    copy = tmp_path / "survey.csv"
    copy.write_bytes(CSV_INPUT.read_bytes())
    before = sha256(copy)
    code, _, stderr = run(capsys, str(copy), "--out", str(copy))
    assert code != 0
    assert "INPUT" in stderr
    assert sha256(copy) == before


def test_semicolon_delimited_csv_with_bom(tmp_path, capsys):
    path = tmp_path / "export.csv"
    path.write_bytes(
        "\ufeffIntervention_Name;Organization;Police area(s);Funding End\n"
        "Alpha;Org A;Dyfed Powys;2024/25\n"
        "Beta;Org B;South Wales Police, Gwent;March 2024\n".encode()
    )
    out = tmp_path / "out.csv"
    code, stdout, _ = run(capsys, str(path), "--out", str(out), "--today", TODAY)
    assert code == 0
    assert stdout == "accepted 2, rejected 0, duplicates merged 0\n"
    frame = read(out)
    assert list(frame["police_force_areas"]) == ["Dyfed-Powys", "South Wales;Gwent"]
    assert list(frame["vawdasv_regions"]) == ["Mid and West Wales", "unknown"]
    assert list(frame["funding_end"]) == ["2024-25", "2023-24"]
    assert list(frame["source"]) == ["export.csv row 2", "export.csv row 3"]


# --- pure functions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "question"),
    [
        ("  Intervention Name ", "name"),
        ("INTERVENTION_NAME", "name"),
        ("Organization", "provider"),
        ("Provider", "provider"),
        ("Police Area(s)", "police"),
        ("police force area", "police"),
        ("VAWDASV region(s)", "regions"),
        ("Q5. Region", "regions"),
        ("Evaluated?", "evaluated"),
        ("Evaluated by:", "evaluated_by"),
        ("Funding end date", "funding_end"),
        ("Status", "status"),
    ],
)
def test_header_synonyms(header, question):
    assert ingest.HEADER_SYNONYMS.get(ingest.normalise_header(header)) == question


def test_respondent_name_column_is_not_the_intervention_name():
    match = ingest.match_headers(["Name", "Email", "Intervention name", "Region"])
    assert match.columns == {"name": 2, "regions": 3}
    assert match.ignored == ("Name", "Email")


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("March 2024", "2023-24"),
        ("April 2024", "2024-25"),
        ("2023/24", "2023-24"),
        ("2023-2024", "2023-24"),
        ("2023 to 2024 financial year", "2023-24"),
        ("FY23/24", "2023-24"),
        ("31/03/2025", "2024-25"),
        ("2025-03-31", "2024-25"),
        ("Mawrth 2025", "2024-25"),
        ("April 2023 to March 2025", "2024-25"),
        ("2024", None),
        ("2023/25", None),
        ("when the grant ends", None),
        ("", None),
    ],
)
def test_parse_funding_end(text, year):
    assert ingest.parse_funding_end(text) == year


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2025-02-30", "2025-02-30 is not a real date"),
        ("30/02/2025", "2025-02-30 is not a real date"),
        ("2024-13", "2024-13 is not a real date"),
        ("9999-12-31", "9999-12-31 is outside the funding ends read"),
        ("Mar 9999", "9999-03 is outside the funding ends read"),
        ("9998/99", "9998-99 is outside the funding ends read"),
    ],
)
def test_impossible_funding_ends_are_refused_with_a_reason(text, reason):
    """Issue 22: ``2025-02-30`` failed the date pattern and then the looser ``YYYY-MM`` one read
    it as February 2025 (2024-25); ``9999-12-31`` became the label ``9999-00``."""
    assert ingest.parse_funding_end(text) is None
    year, refused = funding.read_funding_end(text)
    assert year is None
    assert refused is not None and refused.startswith(reason)


@pytest.mark.parametrize(
    ("regions", "police", "expected_police", "expected_regions"),
    [
        ("", "Dyfed\u2013Powys", ("Dyfed-Powys",), ("Mid and West Wales",)),  # en dash
        ("Dyfed\u2014Powys", "", ("Dyfed-Powys",), ("Mid and West Wales",)),  # em dash
        ("", "Heddlu Dyfed\u2011Powys", ("Dyfed-Powys",), ("Mid and West Wales",)),  # nb hyphen
        ("Caerdydd a\u2019r Fro", "", ("South Wales",), ("Cardiff and Vale",)),  # curly apostrophe
        ("Cwm\u00a0Taf", "South\u202fWales", ("South Wales",), ("Cwm Taf Morgannwg",)),  # nbsp
        ("All\u2011Wales", "", ("All Wales",), ("All Wales",)),
    ],
)
def test_typographic_variants_of_area_names(regions, police, expected_police, expected_regions):
    """Issue 22: ``Dyfed–Powys`` with an en dash lost its dash on the way to ASCII
    (``dyfedpowys``) and the response was rejected as no recognised area."""
    areas = ingest.parse_areas(regions, police)
    assert areas.error is None
    assert (areas.police, areas.regions) == (expected_police, expected_regions)


def test_typographic_variants_match_headers_answers_and_duplicates():
    assert ingest.normalise_answer("Dyfed\u2013Powys") == ingest.normalise_answer("Dyfed-Powys")
    assert ingest.normalise_answer("Don\u2019t know") == ingest.normalise_answer("Don't know")
    assert answers.is_unknown("Don\u2019t know")
    assert ingest.normalise_header("Police\u00a0force\u2013area") == "police force area"
    assert ingest.normalise_answer("Safe\u2013Lives") == ingest.normalise_answer("Safe-Lives")


@pytest.mark.parametrize(
    ("text", "months", "term"),
    [
        ("12 months", 12, "annual"),
        ("12-24 months", 12, "12 to 24 months"),
        ("12 to24 months", 12, "12 to 24 months"),
        ("annual", 12, "annual"),
        ("3 years", 36, "multi-year"),
        ("one year", 12, "annual"),
        ("18 months", 18, "12 to 24 months"),
        ("1-2 years", 12, "12 to 24 months"),
        ("12 month rolling", 12, "annual"),
        ("up to 3 years", None, "unknown"),
        ("multi-year", None, "multi-year"),
        ("ongoing", None, "ongoing"),
        ("one-off", None, "one-off"),
        ("12", None, "unknown"),
        ("don't know", None, "unknown"),
    ],
)
def test_parse_funding_period(text, months, term):
    assert ingest.parse_funding_period(text) == (months, term)


@pytest.mark.parametrize(
    ("evaluated", "by", "status"),
    [
        ("Yes", "Swansea University", "independent evaluation"),
        ("yes", "independent evaluator", "independent evaluation"),
        ("Yes", "internal", "internal evaluation"),
        ("Yes - in house", "", "internal evaluation"),
        ("In progress", "", "evaluation under way"),
        ("No", "", "not evaluated"),
        ("Yes", "", "unknown"),
        ("", "", "unknown"),
        ("Don't know", "", "unknown"),
    ],
)
def test_map_evaluation(evaluated, by, status):
    assert ingest.map_evaluation(evaluated, by)[0] == status


@pytest.mark.parametrize(
    ("regions", "police", "expected_police", "expected_regions"),
    [
        ("Cardiff & Vale", "", ("South Wales",), ("Cardiff and Vale",)),
        ("Dyfed Powys", "", ("Dyfed-Powys",), ("Mid and West Wales",)),
        ("Mid and West Wales", "", ("Dyfed-Powys",), ("Mid and West Wales",)),
        ("West Glamorgan; Cwm Taf", "", ("South Wales",), ("West Glamorgan", "Cwm Taf Morgannwg")),
        ("", "Dyfed Powys", ("Dyfed-Powys",), ("Mid and West Wales",)),
        ("", "Heddlu De Cymru", ("South Wales",), ("unknown",)),
        ("", "Gwent, South Wales", ("Gwent", "South Wales"), ("unknown",)),
        ("Cymru gyfan", "", ("All Wales",), ("All Wales",)),
        ("", "Wales-wide", ("All Wales",), ("All Wales",)),
        ("Gogledd Cymru", "", ("North Wales",), ("North Wales",)),
    ],
)
def test_parse_areas(regions, police, expected_police, expected_regions):
    areas = ingest.parse_areas(regions, police)
    assert areas.error is None
    assert (areas.police, areas.regions) == (expected_police, expected_regions)


@pytest.mark.parametrize(
    ("regions", "police"), [("", ""), ("don't know", ""), ("Gwent; Atlantis", ""), ("", "Mars")]
)
def test_parse_areas_errors(regions, police):
    assert ingest.parse_areas(regions, police).error


def test_split_answers_keeps_survey_cohorts_together():
    assert ingest.split_answers("Adult; Male; Adult; Mixed\nYoung people") == [
        "adult Male",
        "adult Mixed",
        "Young people",
    ]


def test_synonym_tables_map_into_the_vocabulary():
    for column, table in ingest.ANSWER_SYNONYMS.items():
        allowed = {**column_registry.single_columns(), **column_registry.list_columns()}[column]
        for values in table.values():
            assert set(values) <= set(allowed), (column, values)
    for value in ingest.POLICE_SYNONYMS.values():
        assert set(value) <= {*vocab.POLICE_FORCE_AREAS, vocab.ALL_WALES}
    for value in ingest.REGION_SYNONYMS.values():
        assert set(value) <= {*vocab.VAWDASV_REGIONS, vocab.ALL_WALES}
    assert set(ingest.REGION_TO_FORCE) == set(vocab.VAWDASV_REGIONS)
    assert set(ingest.REGION_TO_FORCE.values()) == set(vocab.POLICE_FORCE_AREAS)
    assert ingest.FORCE_TO_REGION == {
        "North Wales": "North Wales",
        "Gwent": "Gwent",
        "Dyfed-Powys": "Mid and West Wales",
    }


def test_merge_keeps_first_known_value_and_records_conflict():
    def record(row, **values):
        base = dict.fromkeys(column_registry.file_columns(), vocab.UNKNOWN)
        base.update(
            name="X",
            provider="P",
            police_force_areas=["Gwent"],
            vawdasv_regions=["Gwent"],
            behaviour_focus=["unknown"],
            funding_longevity="unknown",
            funding_period_months="",
        )
        base.update(values)
        return ingest.Record(values=base, rows=[row])

    records = [
        record(2, sector="unknown", behaviour_focus=["stalking"]),
        record(5, name="x ", sector="police", behaviour_focus=["domestic abuse"]),
        record(9, sector="health", funding_longevity="3 years", funding_period_months="36"),
    ]
    merged, duplicates = ingest.merge_duplicates(records)
    assert duplicates == 2
    (only,) = merged
    assert only.rows == [2, 5, 9]
    assert only.values["sector"] == "police"
    assert only.values["behaviour_focus"] == ["stalking", "domestic abuse"]
    assert (only.values["funding_longevity"], only.values["funding_period_months"]) == (
        "3 years",
        "36",
    )
    assert any("conflict in sector" in note for note in only.notes)


def test_rows_written_are_csv_quoted(tmp_path, capsys):
    out = tmp_path / "out.csv"
    run(capsys, str(CSV_INPUT), "--out", str(out), "--today", TODAY)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert all(len(row) == len(column_registry.file_columns()) for row in rows)


def test_docs_list_every_header_and_area_spelling():
    doc = (config.PROJECT_ROOT / "docs" / "INGEST.md").read_text(encoding="utf-8")
    spellings = [
        row.synonym
        for row in synonyms.synonyms()
        if row.kind == "header" or row.field in answers.AREA_COLUMNS
    ]
    missing = [spelling for spelling in spellings if f"`{spelling}`" not in doc]
    assert not missing, f"docs/INGEST.md does not list {missing}"


# --- the synonyms file ----------------------------------------------------------------------


def synonym_rows() -> list[dict[str, str]]:
    """synonyms.csv read with the csv module, so that the loader's own checks are not assumed."""
    with synonyms.SYNONYMS_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ANSWERED = {**answers.single_answers(), **answers.list_answers()}
VOCABULARIES = {**column_registry.single_columns(), **column_registry.list_columns()}


def test_every_synonym_maps_into_the_vocabulary():
    rows = synonym_rows()
    assert list(rows[0]) == ["kind", "field", "synonym", "value"]
    for number, row in enumerate(rows, start=2):
        where = f"synonyms.csv row {number}: {row}"
        assert row["synonym"].strip(), where
        assert row["kind"] in ("header", "answer"), where
        if row["kind"] == "header":  # names a question whose answers the code reads
            assert row["field"] == "", where
            assert row["value"] in headers.QUESTION_LABELS, where
        elif row["field"] == "":  # "not known" in every question
            assert row["value"] == vocab.UNKNOWN, where
        else:
            assert row["field"] in (*ANSWERED, *answers.AREA_COLUMNS), where
            assert set(row["value"].split("|")) <= set(VOCABULARIES[row["field"]]), where
    # Every answered column is filled from a question that a header can name.
    assert set(ANSWERED.values()) <= set(headers.QUESTION_LABELS)
    assert {"regions", "police"} <= set(headers.QUESTION_LABELS)


def test_synonyms_file_has_no_duplicates_and_no_double_meanings():
    rows = synonym_rows()
    counts = Counter((row["kind"], row["field"], row["synonym"]) for row in rows)
    assert [key for key, count in counts.items() if count > 1] == []
    # Spellings that normalise alike (also to a vocabulary value) must mean the same thing:
    # otherwise the later row would silently win.
    meaning = {
        ("answer", column, ingest.normalise_answer(value)): value
        for column in (*ANSWERED, *answers.AREA_COLUMNS)
        for value in VOCABULARIES[column]
        if value != vocab.UNKNOWN
    }
    for row in rows:
        normalise = ingest.normalise_header if row["kind"] == "header" else ingest.normalise_answer
        key = (row["kind"], row["field"], normalise(row["synonym"]))
        assert meaning.setdefault(key, row["value"]) == row["value"], (key, row)


@pytest.fixture
def extended_synonyms(tmp_path, monkeypatch):
    """A copy of synonyms.csv with rows added (as a person would add them), loaded afresh."""
    cached = (
        synonyms.synonyms,
        headers.questions,
        headers.header_synonyms,
        answers.answer_tables,
        answers.unknown_answers,
    )

    def extend(*rows: str) -> int:
        """Append the rows; return the row number of the first."""
        text = synonyms.SYNONYMS_FILE.read_text(encoding="utf-8")
        path = tmp_path / "synonyms.csv"
        path.write_text(text + "".join(f"{row}\n" for row in rows), encoding="utf-8")
        monkeypatch.setattr(synonyms, "SYNONYMS_FILE", path)
        for function in cached:
            function.cache_clear()
        return len(text.splitlines()) + 1

    yield extend
    monkeypatch.undo()
    for function in cached:
        function.cache_clear()


def test_a_row_added_to_the_synonyms_file_is_used(extended_synonyms, tmp_path, capsys):
    extended_synonyms("answer,sector,made up sector,other", "header,,time completed,status")
    out = tmp_path / "out.csv"
    assert run(capsys, str(CSV_INPUT), "--out", str(out), "--today", TODAY)[0] == 0
    step = by_source(read(out), "messy_survey.csv row 18")
    assert step["sector"] == "other"
    assert "Made up sector" not in step["note"]
    assert ingest.match_headers(["Intervention name", "Region", "Time completed"]).columns == {
        "name": 0,
        "regions": 1,
        "status": 2,
    }


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("answer,sector,charity,thrid sector", "'thrid sector' is not a value of sector"),
        ("answer,risk_level,mid to high,medium|hihg", "'hihg' is not a value of risk_level"),
        ("answer,,dunno,other", "'other' is not a value of every question"),
        ("answer,kind,course,programme", "field 'kind' is not answered by a survey question"),
        ("header,,programme,programme_name", "names question 'programme_name'"),
        ("headers,,programme,name", "kind 'headers' is not one of header, answer"),
        ("answer,sector,,other", "synonym and value must both be filled in"),
    ],
)
def test_a_wrong_row_in_the_synonyms_file_is_named(
    extended_synonyms, tmp_path, capsys, row, message
):
    number = extended_synonyms(row)
    code, stdout, stderr = run(capsys, str(CSV_INPUT), "--out", str(tmp_path / "out.csv"))
    assert code == 1
    assert stdout == ""
    assert f"synonyms.csv row {number}" in stderr
    assert message in stderr
    assert len(stderr.strip().splitlines()) == 1


# --- "did you mean" -------------------------------------------------------------------------


def test_a_typo_of_a_region_is_rejected_with_a_suggestion():
    areas = ingest.parse_areas("Gwnet", "")
    assert areas.error == (
        "area 'Gwnet' in VAWDASV region(s) is not a recognised area (did you mean 'Gwent'?)"
    )
    assert "(did you mean 'cwm taf'?)" in ingest.parse_areas("Cwm Taff", "").error
    # A police area mistyped in the police column is suggested from either dimension.
    assert "(did you mean 'Dyfed-Powys'?)" in ingest.parse_areas("", "Dyfed-Powis").error


def test_a_typo_of_an_answer_is_noted_with_a_suggestion():
    assert ingest.map_single("sector", "Charty") == (
        vocab.UNKNOWN,
        "sector 'Charty' not recognised (did you mean 'charity'?)",
    )
    values, problem = ingest.map_list("behaviour_focus", "Domestic abuse; Stalkng")
    assert values == ["domestic abuse"]
    assert problem == "behaviour focus: 'Stalkng' not recognised (did you mean 'stalking'?)"
    _value, problem = ingest.map_single("sector", "Specialist, Helth")
    assert problem == (
        "sector 'Specialist, Helth' not recognised (did you mean 'health' for 'Helth'?)"
    )


def test_a_typo_of_a_header_is_suggested():
    match = ingest.match_headers(["Intervention name", "Region", "Organsation", "Completion time"])
    assert match.ignored == ("Organsation", "Completion time")
    assert match.describe_ignored() == (
        "Organsation (did you mean 'organisation'?), Completion time"
    )
    with pytest.raises(ingest.InputError) as raised:
        ingest.match_headers(["Intervension Name", "Region"])
    assert str(raised.value) == (
        'missing required column "intervention name" '
        "(did you mean 'intervention name' for 'Intervension Name'?)"
    )


@pytest.mark.parametrize(
    "call",
    [
        lambda: ingest.parse_areas("Narnia", "").error,
        lambda: ingest.parse_areas("Cardiff", "").error,  # a local authority, not an area
        lambda: ingest.map_single("sector", "Made up sector")[1],
        lambda: ingest.match_headers(["Intervention name", "Region", "Email"]).describe_ignored(),
    ],
)
def test_nothing_is_suggested_for_what_is_far_from_every_spelling(call):
    assert "did you mean" not in call()
