"""The presenter's slides in words (issue 23, item 2): counts read as sentences in each plural
form ("1 current interventions have" was on slide 7), sources cited by title (they read "(see
/directory)"), and every slide's data date and coverage caveat (slides are photographed); the
map slide is the overview's map.

Counted by hand on the six-row fixture (tests/fixtures/mini_interventions.csv): current services
(active or pilot) are A Drive, B Choices, D Phoenix, E All Wales and f; C Hub is decommissioned.
Funding precarity: D Phoenix is bought by spot purchase (high); B Choices and f are annual
(medium); A Drive is multi-year and E All Wales core (low): 1 high, known for 5 of 5. Only f
states a funding end (2027-28). Domestic abuse: A, B, D, f (4); sexual violence: E (1). Every
row cites Policing in Wales (2023), whose list covers the four police force areas alike.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from dashboard import catalogue, config
from dashboard.i18n import locale_for
from dashboard.views import (
    deck,
    figures_map,
    findings,
    overview,
    slide_parts,
    slides_force,
    url_parsing,
)

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def context(mini_data_dir, tmp_path_factory):
    """The fixture's context with the documents' titles (``data/sources.csv``)."""
    from dashboard.data.loader import load_bundle
    from dashboard.domain.context import build_context
    from tests.support.reference import AS_OF

    folder = tmp_path_factory.mktemp("titled") / "data"
    shutil.copytree(mini_data_dir, folder)
    shutil.copy(config.DATA_DIR / "sources.csv", folder / "sources.csv")
    return build_context(load_bundle(folder), as_of=AS_OF)


@pytest.fixture(scope="module")
def slides(context):
    return {lang: findings.slides(context, lang, today=TODAY) for lang in ("en", "cy")}


def titled(slides: list[slide_parts.Slide], title: str) -> slide_parts.Slide:
    return next(slide for slide in slides if slide.title == title)


def test_a_count_of_one_reads_as_a_sentence(slides):
    english = slides["en"]
    assert titled(english, "Funding precarity").headline == (
        "1 current intervention has high funding precarity (precarity known for 5 of 5)."
    )
    assert titled(english, "Funding precarity").points[0] == (
        "0 had a stated funding end before 2026-11-25. 4 have no stated funding end."
    )
    assert titled(english, "What behaviour interventions address").headline == (
        "4 current services address domestic abuse. 1 addresses sexual violence."
    )
    assert titled(english, "Perpetration interventions in Wales").points[0] == (
        "5 current interventions are named in five public documents (6 with ended and planned "
        "ones)."
    )


@pytest.mark.parametrize(
    ("high", "expected"),
    [
        (1, "1 current intervention has high funding precarity (precarity known for 11 of 33)."),
        (2, "2 current interventions have high funding precarity (precarity known for 11 of 33)."),
        (0, "0 current interventions have high funding precarity (precarity known for 11 of 33)."),
    ],
)
def test_english_plural_forms(high, expected):
    assert findings.precarity_headline(high, 11, 33, locale_for("en")) == expected


@pytest.mark.parametrize("high", [0, 1, 2, 3, 6, 7])
def test_welsh_has_a_form_for_each_of_its_plural_categories(high):
    """Welsh counts take the singular noun ("1 ymyriad", "7 ymyriad"); each of the catalogue's
    five forms is written out, so none falls back to English."""
    assert findings.precarity_headline(high, 11, 33, locale_for("cy")) == (
        f"Mae gan {high} ymyriad presennol ansicrwydd cyllid uchel (ansicrwydd cyllid yn hysbys "
        "ar gyfer 11 o 33)."
    )


def test_the_catalogue_keeps_every_plural_form():
    """A plural message is extracted with its plural, and a Welsh entry lacking one of its five
    forms is reported missing."""
    template = catalogue.template()
    plural = template.get(
        (
            "{n} current intervention has high funding precarity (precarity known for {k} of "
            "{total}).",
            "{n} current interventions have high funding precarity (precarity known for {k} of "
            "{total}).",
        )
    )
    assert plural is not None and plural.pluralizable
    assert catalogue.forms(("a", "", "c")) == ("a", "", "c")
    assert catalogue.missing("cy", [plural.id]) == []


def test_sources_are_cited_by_title_not_by_route(slides):
    for deck_slides in slides.values():
        for slide in deck_slides:
            assert slide.sources, slide.title
            said = " ".join((*slide.sources, *slide.cited))
            assert "/directory" not in said and ".txt" not in said and "see " not in said
    assert slides["en"][0].sources == (
        "the dashboard's directory of interventions, from Policing in Wales (2023)",
    )
    assert slides["cy"][0].sources == (
        "cyfeiriadur ymyriadau'r dangosfwrdd, a luniwyd o'r dogfennau hyn: Plismona yng Nghymru "
        "(2023)",
    )
    # The survey by its author, year and title (as published, in English).
    assert titled(slides["en"], "How much is known").cited == (
        "Welsh Government (2024), “Violence Against Women, Sexual Violence and Domestic Abuse: "
        "blueprint perpetration intervention mapping survey”",
    )


def test_every_slide_carries_its_data_date_and_coverage(slides):
    for lang, dated in (("en", "Data checked 2026-11-25"), ("cy", "Data wedi'u gwirio 2026-11-25")):
        for slide in slides[lang]:
            assert slide.dated == dated
            assert slide.caveat, slide.title
            if slide.map_view is not None:
                # The overview's own words beside that map.
                assert slide.caveat == slide.map_view.comparison.reason
            elif lang == "en":
                assert slide.caveat == (
                    "Coverage: drawn from documents dated 2020–2024 that describe areas unevenly "
                    "(not a census); areas are compared only where their sources cover them alike."
                )


def test_a_source_missing_from_the_titles_is_counted_not_named(mini_context):
    """Without sources.csv (or for an ingested survey return, which cites its export's row), the
    slide names no file: it counts the sources it cannot name."""
    [first, *_] = findings.slides(mini_context, "en", today=TODAY)
    assert first.sources == ("the dashboard's directory of interventions, from 1 other source",)


def test_the_map_slide_draws_the_overviews_map(context, slides):
    slide = titled(slides["en"], "Provision by police force area")
    assert slide.map_view is not None and slide.figure is None
    expected = overview.compute_view(
        context,
        url_parsing.parse(
            "/", "?level=force&compare=mini-list", context.la_slugs, context.scope_ids
        ).state,
    )
    assert slide.map_view.comparison.comparable
    figure = deck.slide_figure(slide)
    values = figure["data"][figures_map.VALUE_TRACE["force"]]
    # The overview's map: the same areas and values, on its scale (the areas are comparable).
    assert values["locations"] == expected.map["values"]["locations"]
    assert values["z"] == expected.map["values"]["z"]
    assert values["colorscale"] == expected.map["values"]["colorscale"]
    # Labelled with each area's name and count, in projector type.
    labels = figure["data"][figures_map.LABEL_TRACE]
    assert sorted(labels["text"]) == [
        "<b>Dyfed-Powys</b><br>1",
        "<b>Gwent</b><br>1",
        "<b>North Wales</b><br>none recorded",
        "<b>South Wales</b><br>2",
    ]
    assert labels["textfont"]["size"] == slides_force.SLIDE_MAP_LABEL
    # Of the five current services the list holds, E All Wales serves every area: 2 of 5.
    assert slide.headline == (
        "Of the community programmes Policing in Wales listed in 2023, more are in South Wales "
        "(2 of 5) than in any other police force area."
    )
