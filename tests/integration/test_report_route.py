"""The report at a stable URL: ``/report`` followed by any overview URL gives its HTML report,
and followed by an area's profile the profile's report (issue 23)."""

from __future__ import annotations

import html
import re

import pytest

from app import create_app
from dashboard.i18n import locale_for
from dashboard.views import url_parsing
from dashboard.views.cache import ViewCache
from dashboard.web import security, static_page
from layouts.profile import area_profile_page
from tests.support.texts import find_by_class as find


@pytest.fixture(scope="module")
def client(mini_context):
    return create_app(mini_context).server.test_client()


def visible_text(page: str) -> str:
    """What a reader of the file sees: no scripts or styles, tags dropped, entities read."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", html.unescape(text))


def test_the_report_url_carries_the_view(client):
    url = "/report?level=force&area=gwent&metric=per_100k"
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "Perpetration interventions in Wales: Gwent" in page
    assert "1 of them in Gwent" in page
    # Self-contained: the lean plotly.js and the topojson inline, nothing fetched from elsewhere.
    assert "window.PlotlyGeoAssets" in page
    assert not re.search(r"<script[^>]+src=", page)


def test_the_report_is_in_welsh_when_asked(client):
    page = client.get("/report?lang=cy").get_data(as_text=True)
    assert '<html lang="cy">' in page
    # The report's own words, not only its language attribute (they were once left in English).
    assert "Ymyriadau cyflawnwyr yng Nghymru: Cymru gyfan" in page
    assert "Ffynonellau" in page
    assert "Perpetration interventions in Wales" not in page
    assert "Generated " not in page


def test_the_reports_inline_scripts_are_allowed_by_hash_only(client):
    response = client.get("/report")
    policy = response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    for digest in security.inline_script_hashes(response.get_data(as_text=True)):
        assert digest in policy
    assert "frame-ancestors 'none'" in policy


def test_a_bad_report_url_still_gives_a_report(client):
    response = client.get("/report/region/atlantis?metric=bogus")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "all of Wales" in page
    # ... and says which settings it ignored, as the dashboard does: never silently.
    assert "Some link settings were not recognised:" in page
    assert "Unknown VAWDASV region; showing all of Wales. (atlantis)" in page
    assert "(bogus)" in page


def test_a_good_report_url_has_no_notice(client):
    page = client.get("/report/force/gwent").get_data(as_text=True)
    assert "not recognised" not in page


def test_the_welsh_report_says_what_it_ignored_in_welsh(client):
    page = client.get("/report?lang=cy&metric=bogus").get_data(as_text=True)
    assert "Mesur anhysbys; caniateir:" in page
    assert "Unknown metric" not in page


def test_the_overview_report_asks_the_reader_to_choose_nothing(client):
    """A file has no controls: the overview's report says what it leaves out without telling
    the reader to choose 'Include ended and planned services' (C Hub is decommissioned)."""
    text = visible_text(client.get("/report?level=force&area=gwent").get_data(as_text=True))
    assert "1 ended, planned or unknown-status services are not counted" in text
    assert "choose" not in text.lower()


def test_a_profile_report_is_the_profile_whole(client, mini_context):
    """``/report/force/gwent`` carried the overview's drill-down, not the profile's summary, crime
    table or gaps, and told the reader to choose a control the file does not have (issue 23)."""
    page = client.get("/report/force/gwent").get_data(as_text=True)
    text = visible_text(page)
    assert '<html lang="en">' in page
    assert "Gwent: profile (VAWDASV perpetration interventions)" in text
    # What the directory is not, before the profile's figures.
    note = "It is not the 2023 mapping survey's dataset: the survey identified 56 interventions"
    assert note in text and text.index(note) < text.index("Summary")
    # The summary, with the area's coverage and what it does not count.
    assert "Summary Local services in Gwent" not in text  # a heading, then its figures
    assert "How the sources cover Gwent" in text
    assert "1 current interventions recorded in the area" in text
    # Gaps: tiers and behaviours in their cell states.
    assert "Service tiers" in text and "Behaviours addressed" in text
    # Domestic abuse-related crime, with its period, source, quote and caveat.
    assert "Domestic abuse-related crimes recorded by the police" in text
    assert "Latest figure for Gwent, 2021/22 (April 2021 to March 2022): 16.5 per 1,000" in text
    assert "Secondary source: figure as printed in a report, not the official table." in text
    assert "Abergavenny Chronicle" in text
    assert "It meant there were 16.5 domestic abuse offences per 1,000 people" in text
    # The crime table.
    assert "Police recorded crime, year ending June 2025" in text
    assert "Total recorded crime (excluding fraud) 56,961" in text
    # The drill-downs: the area's map and eight charts drawn inline, and their printed tables.
    assert "Drill-down: Gwent" in text
    assert page.count("Plotly.newPlot(") == 9
    assert page.count('class="panel print-panel ') == 8
    assert "Interventions in Gwent" in text and "D Phoenix" in text
    # No control to choose in a file, no link into an app it cannot reach, nothing fetched.
    assert "choose" not in text.lower()
    assert "Print this page" not in text and "See Gwent on the map" not in text
    assert not re.search(r"""<(script|link|img|iframe)\b[^>]*(src|href)=["'](?!data:)""", page)
    markup = re.sub(r"<script\b.*?</script>", "", page, flags=re.S)
    assert not re.search(r"<a\b[^>]*href=", markup)


def test_the_profile_report_shows_the_profiles_own_components(client, mini_context):
    """Not a second copy: the summary and the domestic abuse block are the page's own
    components, written as HTML."""
    page = client.get("/report/force/gwent").get_data(as_text=True)
    parsed = url_parsing.parse("/force/gwent", "", mini_context.la_slugs)
    profile = area_profile_page(
        mini_context,
        ViewCache(),
        parsed.state,
        locale_for("en"),
        report_href="/report/force/gwent",
    )
    for class_name in ("key-figures", "profile-da", "profile-cells", "profile-crime"):
        written = static_page.to_html(find(profile, class_name), lambda *_: "")
        assert written in page, class_name


def test_the_welsh_profile_report_is_in_welsh(client):
    page = client.get("/report/force/gwent?lang=cy").get_data(as_text=True)
    text = visible_text(page)
    assert '<html lang="cy">' in page
    assert "Troseddau'n ymwneud â cham-drin domestig a gofnodwyd gan yr heddlu" in text
    assert "Ffynhonnell eilaidd" in text
    assert "Summary" not in text and "dewiswch" not in text.lower()


def test_a_region_profile_report_says_why_it_has_no_crime_figures(client):
    text = visible_text(client.get("/report/region/cardiff-and-vale").get_data(as_text=True))
    assert "Cardiff and Vale: profile" in text
    assert "Police recorded crime is published by police force area" in text
    assert "Domestic abuse-related crimes" not in text


def test_a_profile_and_the_overview_of_one_area_are_two_reports(client):
    """Both addresses name the same view state; each keeps its own report."""
    overview = client.get("/report?level=force&area=gwent").get_data(as_text=True)
    profile = client.get("/report/force/gwent").get_data(as_text=True)
    again = client.get("/report?level=force&area=gwent").get_data(as_text=True)
    assert 'id="match-count"' in overview and 'id="match-count"' not in profile
    assert "Gwent: profile" in profile and "Gwent: profile" not in overview
    assert again == overview
