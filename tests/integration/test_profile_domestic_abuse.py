"""Every police force area's profile shows its domestic abuse-related crime, the indicator a
PCC office reads first, with its period and source (issue 23), rendered through the page table
as a browser gets it. No year has a published rate for all four forces in the sources held, so
each profile says so in one sentence and names the force's latest figure with its period."""

from __future__ import annotations

import pytest

from callbacks.shell import render
from dashboard.views.cache import ViewCache
from dashboard.web import static_page
from tests.support.texts import find_by_class as find
from tests.support.texts import screen_texts

REASON = (
    "No year in the sources held has a published rate for all four Welsh police force areas "
    "(the latest, 2021/22, has none for South Wales), so the four are not compared here."
)


@pytest.mark.parametrize(
    ("slug", "latest", "beside", "source"),
    [
        (
            "dyfed-powys",
            "Latest figure for Dyfed-Powys, 2021/22 (April 2021 to March 2022): "
            "10.9 per 1,000 people; 5,600 crimes.",
            "No Wales or England and Wales figure for 2021/22 is held.",
            "Cambrian News, 1 Dec 2022",
        ),
        (
            "gwent",
            "Latest figure for Gwent, 2021/22 (April 2021 to March 2022): "
            "16.5 per 1,000 people; 9,681 crimes.",
            "No Wales or England and Wales figure for 2021/22 is held.",
            "Abergavenny Chronicle",
        ),
        (
            "north-wales",
            "Latest figure for North Wales, 2021/22 (April 2021 to March 2022): "
            "20.6 per 1,000 people; 14,147 crimes.",
            "No Wales or England and Wales figure for 2021/22 is held.",
            "Cambrian News, 1 Dec 2022",
        ),
        (
            "south-wales",
            "Latest figure for South Wales, 2018/19 (April 2018 to March 2019): "
            "17,389 crimes; no published rate per 1,000 people is held.",
            "Wales (the four forces combined), same year: 41,532 crimes; no published rate per "
            "1,000 people is held.",
            "BBC News (Wales), 27 Nov 2019",
        ),
    ],
)
def test_each_force_profile_shows_its_domestic_abuse_figure(
    real_context, slug, latest, beside, source
):
    layout, _page, _title = render(real_context, ViewCache(), f"/force/{slug}", "")
    block = find(layout, "profile-da")
    assert block is not None, "no domestic abuse block"
    texts = screen_texts(block)
    assert "Domestic abuse-related crimes recorded by the police" in texts
    assert REASON in texts
    assert latest in texts
    assert beside in texts
    assert any(
        text.startswith("Secondary source: figure as printed in a report, not the official table.")
        for text in texts
    )
    # The source as published (English, marked so), named in the block.
    written = static_page.to_html(block, lambda *_: "")
    assert f'<span class="names-as-published" lang="en">{source}' in written


def test_a_region_profile_has_no_domestic_abuse_block(real_context):
    layout, _page, _title = render(real_context, ViewCache(), "/region/gwent", "")
    assert find(layout, "profile-da") is None


def test_the_welsh_profile_says_it_in_welsh(real_context):
    layout, _page, _title = render(real_context, ViewCache(), "/force/south-wales", "?lang=cy")
    texts = screen_texts(find(layout, "profile-da"))
    assert "Troseddau'n ymwneud â cham-drin domestig a gofnodwyd gan yr heddlu" in texts
    assert any(text.startswith("Y ffigur diweddaraf ar gyfer Heddlu De Cymru") for text in texts)
