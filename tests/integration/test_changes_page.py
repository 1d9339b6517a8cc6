"""The page comparing two waves and the wave on every page, through the app (the page table's
renderer, real callback requests and Flask's test client), on the shipped data with the two
synthetic survey rounds loaded through the ingest and with the public-record fixture (issue 24).
"""

from __future__ import annotations

import json

import plotly
import pytest

from dashboard.data.loader import load_bundle
from dashboard.domain.context import build_context
from dashboard.views.cache import ViewCache
from dashboard.web import ids
from tests.support.reference import AS_OF
from tests.support.waves import BASELINE, FOLLOW_UP, record_data_dir, survey_data_dir


def page_text(page) -> str:
    return json.dumps(page.to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder)


@pytest.fixture(scope="module")
def surveys(tmp_path_factory):
    folder = tmp_path_factory.mktemp("surveys")
    return build_context(
        load_bundle(survey_data_dir(folder / "data", folder / "exports")), as_of=AS_OF
    )


@pytest.fixture(scope="module")
def record(tmp_path_factory):
    folder = tmp_path_factory.mktemp("record")
    return build_context(load_bundle(record_data_dir(folder / "data")), as_of=AS_OF)


@pytest.fixture(scope="module")
def survey_app(surveys):
    from app import create_app

    return create_app(surveys)


def test_two_survey_rounds_are_counted_by_area_with_a_map(surveys):
    from callbacks.shell import render

    page, shown, title = render(
        surveys, ViewCache(), "/changes", f"?from={BASELINE}&to={FOLLOW_UP}"
    )
    assert shown.name == "changes"
    assert title.startswith("What changed")
    text = page_text(page)
    assert "Both waves' sources cover every area alike, so the changes are counted by area." in text
    # The hand-counted categories (tests/support/waves.py), and a map of the change.
    for line in (
        "New: 2",
        "Ended: 1",
        "Changed: 5",
        "Continuing: 2",
        "Not named in the later wave: 1",
    ):
        assert line in text
    assert ids.CH_MAP in text and "Change in current services" in text
    # The earlier names in the sentence are marked as published (English).
    assert (
        '"renamed from ", {"props": {"children": "Gwent Change", "className": "names-as-published", "lang": "en"'
        in text
    )
    assert '"merged from ", {"props": {"children": "Newport DA Project"' in text
    # Each side of a change: its value, date, source and the answer as entered.
    assert "returns-2026.csv" in text and ", rows 3; 12" in text and "Bangor University" in text


def test_the_public_record_is_listed_with_one_sentence_and_no_counts(record):
    from callbacks.shell import render

    page, _shown, _title = render(record, ViewCache(), "/changes", "")
    text = page_text(page)
    assert (
        "The public record names services in passing and lists no area's services, so its "
        "changes are listed here and never counted by area."
    ) in text
    assert ids.CH_COUNTS not in text and ids.CH_MAP not in text
    assert (
        "Intervention Hub" in text and "The Intervention Hub contract ended in March 2025" in text
    )
    assert "Fixture publisher (Dyfed-Powys) (2025)" in text
    assert "Planned, not yet in place" in text


def test_welsh_change_page(record):
    from callbacks.shell import render

    page, _shown, title = render(record, ViewCache(), "/changes", "?lang=cy&level=force")
    text = page_text(page)
    assert title.startswith("Beth a newidiodd")
    assert "Mae'r cofnod cyhoeddus yn enwi gwasanaethau wrth fynd heibio" in text
    assert "Fesul Ardal heddlu" in text
    assert "Y cofnod cyhoeddus hyd at 2026" in text


def test_unknown_waves_to_compare_get_a_notice_naming_what_is_allowed(surveys):
    from callbacks.shell import render

    page, _shown, _title = render(surveys, ViewCache(), "/changes", "?from=2019&to=nope")
    text = page_text(page)
    allowed = f"review-2020, documents-2023, {BASELINE}, {FOLLOW_UP}"
    assert f"Unknown wave to compare from; allowed: {allowed}. (2019)" in text
    assert f"Unknown wave to compare to; allowed: {allowed}. (nope)" in text


def test_the_controls_redraw_the_page_and_keep_the_url_in_step(survey_app):
    client = survey_app.server.test_client()
    key = f"..{ids.CH_BODY}.children...{ids.CH_URL}.search.."
    assert key in survey_app.callback_map
    body = {
        "output": key,
        "outputs": [
            {"id": ids.CH_BODY, "property": "children"},
            {"id": ids.CH_URL, "property": "search"},
        ],
        "inputs": [
            {"id": ids.CH_FROM, "property": "value", "value": BASELINE},
            {"id": ids.CH_TO, "property": "value", "value": FOLLOW_UP},
            {"id": ids.CH_LEVEL, "property": "value", "value": "force"},
        ],
        "state": [{"id": ids.CH_URL, "property": "search", "value": "?lang=cy"}],
        "changedPropIds": [f"{ids.CH_LEVEL}.value"],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    answer = response.get_json()["response"]
    assert answer[ids.CH_URL]["search"] == f"?from={BASELINE}&to={FOLLOW_UP}&level=force&lang=cy"
    assert "Gogledd Cymru" in json.dumps(answer[ids.CH_BODY]["children"])


def test_every_page_and_csv_shows_the_wave_asked_for(survey_app, surveys):
    from callbacks.shell import render

    client = survey_app.server.test_client()
    latest = client.get("/download/directory/interventions.csv").get_data(as_text=True)
    earlier = client.get(f"/download/directory/interventions.csv?wave={BASELINE}").get_data(
        as_text=True
    )
    assert "Ynys Mon Early Help" in latest and "Ynys Mon Early Help" not in earlier
    assert "Stalking Clinic" in earlier and "Stalking Clinic" not in latest
    assert f"# Settings: /download/directory/interventions.csv?wave={BASELINE}" in earlier
    assert "as at: Survey returns 2023 (March 2024)" in earlier
    overview = client.get(f"/download/overview/map.csv?wave={BASELINE}&level=force")
    assert overview.status_code == 200
    # The 2023 documents' picture: the directory's 33 current services, as before waves.
    page, _shown, _title = render(surveys, ViewCache(), "/", "?wave=documents-2023")
    assert "33 of 33 current interventions match the filters." in page_text(page)
    page, _shown, _title = render(surveys, ViewCache(), "/gaps", f"?wave={BASELINE}&level=force")
    assert "As at:" in page_text(page) and "Survey returns 2023" in page_text(page)
    refused = client.get("/download/overview/map.csv?wave=nope")
    assert refused.status_code == 400
    assert b"Unknown wave; showing the latest picture. Allowed:" in refused.data


def test_the_report_and_the_slides_say_what_changed(survey_app, surveys):
    from dashboard.views import findings

    client = survey_app.server.test_client()
    report = client.get("/report?level=force").get_data(as_text=True)
    assert "What changed" in report and "Cymru Change" in report
    assert "Changed: 5" in report  # two survey rounds: counted
    deck = findings.slides(surveys, "en")
    slide = deck[-1]
    assert slide.title == "What changed"
    assert slide.headline.startswith("New: 2; Ended: 1; Changed: 5")
    # The 2023 documents' own wave names only the 2020 review before it: listed, not counted.
    slide = findings.slides(surveys.at("documents-2023"), "en")[-1]
    assert slide.title == "What changed"
    assert "services with a change named, with their sources." in slide.headline


def test_the_view_key_and_canonical_url_carry_the_wave(surveys):
    from dashboard.views import page_views, state

    cache = ViewCache()
    latest = page_views.overview_view(cache, surveys, state.ViewState())
    earlier = page_views.overview_view(cache, surveys, state.ViewState(wave=BASELINE))
    assert earlier.key == f"/?wave={BASELINE}"
    assert latest.key == "/"
    assert page_views.view_cache_key(surveys, earlier.state) != page_views.view_cache_key(
        surveys, latest.state
    )
    assert page_views.view_for_key(cache, surveys, earlier.key).state.wave == BASELINE
