"""Readable citations and local-authority names (dashboard.domain.citations), issue 10 §5."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import config
from dashboard.data.loader import load_lookup, load_sources
from dashboard.domain.citations import la_names, readable_citation, section_names, title_parts

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
        "Fowler, Karim & Feder (2020), “A Review of Domestic Abuse and Sexual Violence "
        "Perpetrator Services in Cardiff and the Vale of Glamorgan”, § 4.3 Medium-risk services"
    )


def test_publisher_stands_in_for_a_missing_short_title():
    assert readable_citation("002_00ef75f7813d93fd.txt § Developments", SOURCES) == (
        "Policing in Wales (2023), “Perpetrator Programmes”, § Developments"
    )


def test_a_file_without_section_gives_author_year_title():
    assert readable_citation("004_83587007cfe16032.txt", SOURCES).endswith("Vale of Glamorgan”")


def test_an_ingested_return_is_cited_by_its_file_quoted_and_its_rows_in_words():
    # The file's name as given (quoted, so a Welsh page marks it as English); "row" translated.
    assert readable_citation("survey_export.csv row 12", SOURCES) == "“survey_export.csv”, row 12"
    assert readable_citation("returns.xlsx rows 3; 9", SOURCES) == "“returns.xlsx”, rows 3; 9"
    welsh = {"{file}, row {row}": "{file}, rhes {row}"}
    assert readable_citation("a.csv row 2", SOURCES, lambda t: welsh.get(t, t)) == "“a.csv”, rhes 2"


@pytest.mark.parametrize("source", ["999_unknown.txt § 1", ""])
def test_unknown_sources_are_returned_unchanged(source):
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


def test_a_welsh_citation_names_publisher_and_section_in_welsh_and_quotes_the_english_title():
    """On Welsh pages a citation read "Welsh Government (2024) … § Recommendations:
    Recommendation 5": the publisher and the section come from the catalogue; the document's
    title stays as published, in quotation marks, the one part the screens mark as English."""
    from dashboard.i18n import locale_for

    welsh = locale_for("cy")
    text = readable_citation("002_00ef75f7813d93fd.txt § Introduction", SOURCES, welsh)
    assert (
        text
        == f"{welsh('Policing in Wales')} (2023), “Perpetrator Programmes”, § {welsh('Introduction')}"
    )
    assert welsh("Policing in Wales") != "Policing in Wales"
    assert welsh("Introduction") != "Introduction"
    assert title_parts(text) == (
        f"{welsh('Policing in Wales')} (2023), ",
        "“Perpetrator Programmes”",
        f", § {welsh('Introduction')}",
    )
    assert title_parts("returns.xlsx rows 3; 9") == ("", "", "returns.xlsx rows 3; 9")


def test_every_section_a_shipped_file_cites_is_in_welsh_in_the_catalogue():
    from dashboard.i18n import locale_for

    welsh = locale_for("cy")
    cited = []
    for path in sorted(config.DATA_DIR.glob("*.csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        if "source" in frame.columns:
            cited += frame["source"].tolist()
    sections = section_names(cited)
    assert "Recommendations: Recommendation 5" in sections
    untranslated = [name for name in sections if welsh(name) == name]
    assert untranslated == []
