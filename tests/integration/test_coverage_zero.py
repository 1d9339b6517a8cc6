"""A zero where no source lists an area's services is not known, never "none recorded" (rule
``coverage``, :data:`dashboard.domain.counting.RULES`), on the shipped data.

The 2020 wave is one review: Cardiff and the Vale of Glamorgan reviewed in depth, other areas
named in passing only. It counts 10 current services in Cardiff and Vale and none in the five
other regions, and at local-authority level none in the Vale of Glamorgan, which it reviewed
(its finding: nothing outside criminal justice there).
"""

from __future__ import annotations

import json

import pytest

from dashboard.domain import counting
from dashboard.i18n import locale_for
from dashboard.views import overview, page_views, url_parsing
from dashboard.views.cache import ViewCache

UNREVIEWED_REGIONS = [
    "North Wales",
    "Gwent",
    "Cwm Taf Morgannwg",
    "West Glamorgan",
    "Mid and West Wales",
]


def view_at(context, search: str):
    state = url_parsing.parse_for(context, "/", search).state
    return page_views.overview_view(ViewCache(), context, state)


def test_the_2020_map_calls_the_regions_it_did_not_review_not_known(real_context):
    view = view_at(real_context, "?wave=review-2020")
    assert view.map["by_coverage"]
    assert view.map["not_known_names"] == UNREVIEWED_REGIONS
    assert view.map["none_recorded"] == []
    labels = view.map["labels"]["text"]
    assert not any("none" in label for label in labels)
    assert labels[0] == "<b>North Wales</b><br>not known"
    assert "<b>Cardiff</b><br><b>and Vale</b><br>10" in labels
    hover = view.map["values"]["hovertext"][0]
    # Only the headline changes: what is available across Wales still follows it.
    assert hover.startswith(
        "<b>North Wales</b><br>Not known: no source lists every service here"
        "<br>+4 available across Wales<br>"
    )
    notes = overview.map_note_lines(view)
    assert (
        "Not known, as no source lists every service there: " + ", ".join(UNREVIEWED_REGIONS) + "."
    ) in notes
    assert not any("No counted intervention recorded" in line for line in notes)


def test_an_area_the_review_covered_keeps_none_recorded_without_the_grey_it_is_not_drawn_in(
    real_context,
):
    view = view_at(real_context, "?wave=review-2020&level=la")
    assert view.map["by_coverage"]
    assert view.map["none_recorded"] == ["Vale of Glamorgan"]
    assert len(view.map["not_known_names"]) == 20  # 22 authorities less Cardiff and the Vale
    labels = view.map["labels"]["text"]
    # Local authorities take the one-word forms, so that the small ones keep their names.
    assert labels.count("<b>none</b>") == 1 and "<b>10</b>" in labels
    assert "<b>Swansea</b><br>unknown" in labels and "<b>Ceredigion</b><br>unknown" in labels
    assert not any("not known" in label for label in labels)
    notes = overview.map_note_lines(view)
    assert "No counted intervention recorded: Vale of Glamorgan." in notes
    assert not any("(grey)" in line for line in notes)


def test_in_welsh_the_label_and_the_note_use_the_catalogues_words(real_context):
    view = view_at(real_context, "?wave=review-2020&lang=cy")
    assert view.map["labels"]["text"][0] == "<b>Gogledd Cymru</b><br>ddim yn hysbys"
    assert any(
        line.startswith("Ddim yn hysbys, gan nad oes ffynhonnell")
        for line in overview.map_note_lines(view)
    )


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_coverage_rule_says_so_word_for_word(lang):
    rule = locale_for(lang)(counting.RULES["coverage"])
    assert (
        "'not known', not 'none recorded'" if lang == "en" else "'ddim yn hysbys', nid 'dim cofnod'"
    ) in rule


def test_a_map_of_values_still_draws_none_recorded_in_grey(real_context):
    # Police force areas compared within the 2023 documents' list, which lists every area alike:
    # stalking programmes are listed in Dyfed-Powys only.
    view = view_at(real_context, "?level=force&compare=policing-2023&behaviour_focus=stalking")
    assert not view.map["by_coverage"]
    assert view.map["not_known_names"] == []
    assert view.map["none_recorded"] == ["Gwent", "North Wales", "South Wales"]
    notes = overview.map_note_lines(view)
    assert "No counted intervention recorded (grey): Gwent, North Wales, South Wales." in notes


def test_a_share_too_little_known_is_not_called_white_on_a_map_coloured_by_coverage(real_context):
    view = view_at(real_context, "?metric=precarious_share")
    assert view.map["by_coverage"]
    notes = overview.map_note_lines(view)
    assert (
        "Too little known to show a share: North Wales, Cardiff and Vale, Cwm Taf Morgannwg, "
        "West Glamorgan."
    ) in notes
    assert not any("white, dark outline" in line for line in notes)


def test_a_profiles_table_of_local_authorities_says_not_known_where_its_map_does(real_context):
    from plotly.utils import PlotlyJSONEncoder

    from dashboard.i18n import locale_for
    from layouts.profile import area_profile_page
    from tests.integration.test_overview_disclosures import text_of

    state = url_parsing.parse_for(real_context, "/", "?wave=review-2020&level=region&area=gwent")
    page = area_profile_page(
        real_context, ViewCache(), state.state, locale_for("en"), report_href=None
    )
    text = text_of(json.loads(json.dumps(page, cls=PlotlyJSONEncoder)))
    # Gwent's five local authorities, none listed in full by the 2020 review.
    for authority in ("Blaenau Gwent", "Caerphilly", "Monmouthshire", "Newport", "Torfaen"):
        assert f"{authority}not known" in text
