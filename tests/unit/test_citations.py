"""Readable citations and local-authority names (dashboard.domain.citations), issue 10 §5."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import config
from dashboard.data.loader import load_lookup, load_sources
from dashboard.domain.citations import la_names, readable_citation

SOURCES = pd.DataFrame(
    [
        {
            "file": "004_83587007cfe16032.txt",
            "short_title": "Fowler, Karim & Feder",
            "title": "A Review of Domestic Abuse and Sexual Violence Perpetrator Services in "
            "Cardiff and the Vale of Glamorgan",
            "publisher": "Reconnect & University of Bristol",
            "year": "2020",
            "url": "",
        },
        {
            "file": "002_00ef75f7813d93fd.txt",
            "short_title": "",
            "title": "Perpetrator Programmes",
            "publisher": "Policing in Wales",
            "year": "2023",
            "url": "",
        },
    ]
)
LOOKUP = pd.DataFrame(
    {
        "la_code": ["W06000015", "W06000014"],
        "la_name_en": ["Cardiff", "Vale of Glamorgan"],
        "la_name_cy": ["Caerdydd", "Bro Morgannwg"],
    }
)


def test_seed_source_becomes_author_year_title_section():
    assert readable_citation("004_83587007cfe16032.txt § 4.3 Medium-risk services", SOURCES) == (
        "Fowler, Karim & Feder (2020), A Review of Domestic Abuse and Sexual Violence "
        "Perpetrator Services in Cardiff and the Vale of Glamorgan, § 4.3 Medium-risk services"
    )


def test_publisher_stands_in_for_a_missing_short_title():
    assert readable_citation("002_00ef75f7813d93fd.txt § Developments", SOURCES) == (
        "Policing in Wales (2023), Perpetrator Programmes, § Developments"
    )


def test_a_file_without_section_gives_author_year_title():
    assert readable_citation("004_83587007cfe16032.txt", SOURCES).endswith("Vale of Glamorgan")


@pytest.mark.parametrize(
    "source",
    [
        "survey_export.csv row 12",
        "returns.xlsx rows 3; 9",
        "999_unknown.txt § 1",
        "",
    ],
)
def test_ingest_and_unknown_sources_are_returned_unchanged(source):
    assert readable_citation(source, SOURCES) == source


def test_no_sources_table_returns_the_input():
    empty = pd.DataFrame(columns=list(SOURCES.columns))
    assert readable_citation("004_83587007cfe16032.txt § 4.3", empty) == (
        "004_83587007cfe16032.txt § 4.3"
    )


def test_la_names_in_english_and_welsh():
    assert la_names("W06000015;W06000014", LOOKUP, "en") == "Cardiff, Vale of Glamorgan"
    assert la_names("W06000015; W06000014", LOOKUP, "cy") == "Caerdydd, Bro Morgannwg"


def test_la_names_empty_and_unknown_codes():
    assert la_names("", LOOKUP, "en") == ""
    assert la_names("W06000099", LOOKUP, "en") == "W06000099"


def test_every_shipped_citation_is_readable():
    sources = load_sources(config.DATA_DIR / "sources.csv")
    lookup = load_lookup(config.GEOGRAPHY_DIR / "la_lookup.csv")
    assert len(sources) == 5
    frame = pd.read_csv(config.DATA_DIR / "interventions.csv", dtype=str, keep_default_na=False)
    for source in frame["source"]:
        readable = readable_citation(source, sources)
        assert ".txt" not in readable, readable
        assert "§" in readable
    assert la_names("W06000005;W06000019", lookup, "cy") == "Sir y Fflint, Blaenau Gwent"
