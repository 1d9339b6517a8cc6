"""Issue 13, spreadsheet formula injection: the one rule and the one CSV writer every export uses."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from dashboard.data.csv_safety import looks_like_formula, safe_cell
from dashboard.views.csv_export import csv_document

ATTACKS = (
    '=HYPERLINK("http://x")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "=1",
)
HARMLESS = ("-2", "3.5", "+44", "-0.5", "1e3", "", "Drive Project", "a=b", "#1")


@pytest.mark.parametrize("text", ATTACKS)
def test_formula_looking_text_gets_a_leading_quote(text):
    assert looks_like_formula(text)
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", [*HARMLESS, -2, 3.5, 0, True, None])
def test_numbers_and_plain_text_are_unchanged(value):
    assert safe_cell(value) is value


def test_a_lone_dash_is_text_that_starts_like_a_formula():
    """OWASP: a cell beginning with '-' that is not a number is defused too."""
    assert safe_cell("- ") == "'- "


def read_back(content: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(content), comment="#", dtype=str, keep_default_na=False)


def test_csv_document_defuses_text_and_keeps_numbers():
    frame = pd.DataFrame(
        {
            "name": [ATTACKS[0], "-2", "Drive"],
            "count": [-2, 3, 4],
            "per_100k": [3.456, -2.0, 0.04],
            "quality_share": [0.456, 1.0, float("nan")],
            "population": [100.0, 2000.0, float("nan")],
        }
    )
    content = csv_document(frame, ["Source: test", "Data checked: 2026-11-25"])
    lines = content.decode("utf-8").splitlines()
    assert lines[:2] == ["# Source: test", "# Data checked: 2026-11-25"]
    assert lines[2] == "name,count,per_100k,quality_share,population"
    assert lines[3] == '"\'=HYPERLINK(""http://x"")",-2,3.5,0.46,100'
    assert lines[4] == "-2,3,-2.0,1.0,2000"  # a number as text stays a number
    assert lines[5] == "Drive,4,0.0,,"
    back = read_back(content)
    assert list(back["name"]) == ["'" + ATTACKS[0], "-2", "Drive"]
