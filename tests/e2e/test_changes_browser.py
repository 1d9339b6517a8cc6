"""The page comparing two waves in a real browser, in English and Welsh, and the URL restoring it
(issue 24), on the shipped data with two synthetic survey rounds loaded through the ingest."""

from __future__ import annotations

import pytest
from selenium.webdriver.support.ui import Select

from dashboard.data.loader import load_bundle
from dashboard.domain.context import build_context
from dashboard.web import ids
from tests.support.english import english_in
from tests.support.reference import AS_OF
from tests.support.screen_text import SCREEN_TEXT_JS
from tests.support.waves import BASELINE, FOLLOW_UP, survey_data_dir
from tools.browser import scroll_into_view, severe, wait_until, wait_until_settled

pytestmark = pytest.mark.browser
COMPARED = f"/changes?from={BASELINE}&to={FOLLOW_UP}"


@pytest.fixture(scope="module")
def survey_context(tmp_path_factory):
    folder = tmp_path_factory.mktemp("surveys")
    return build_context(
        load_bundle(survey_data_dir(folder / "data", folder / "exports")), as_of=AS_OF
    )


@pytest.fixture
def open_changes(dash_duo, survey_context):
    from app import create_app

    app = create_app(survey_context)

    def open_path(path: str) -> None:
        if not dash_duo.server_url:
            dash_duo.start_server(app, navigate=False)
        dash_duo.driver.get(dash_duo.server_url + path)
        wait_until_settled(dash_duo.driver, 60)

    return open_path


def drawn_areas(driver) -> int:
    return driver.execute_script(
        "return document.querySelectorAll(arguments[0] + ' path.choroplethlocation').length;",
        f"#{ids.CH_MAP}",
    )


def test_two_survey_rounds_counted_with_a_map_in_english(dash_duo, open_changes):
    open_changes(COMPARED)
    dash_duo.wait_for_contains_text(f"#{ids.CH_COUNTS}", "Changed: 5", timeout=20)
    counts = dash_duo.find_element(f"#{ids.CH_COUNTS}").text
    for line in ("New: 2", "Ended: 1", "Continuing: 2", "Not named in the later wave: 1"):
        assert line in counts
    # The map of change draws the six regions.
    wait_until(lambda: drawn_areas(dash_duo.driver) == 6, 20, what="the map of change drawn")
    body = dash_duo.find_element(f"#{ids.CH_BODY}").text
    assert "Cymru Change" in body and "renamed from Gwent Change" in body
    assert "Bangor University" in body  # the answer behind North Star's new evaluation
    assert severe(dash_duo.get_logs()) == []


def test_the_welsh_change_page_shows_no_english_outside_quotes(dash_duo, open_changes):
    open_changes(COMPARED + "&lang=cy")
    dash_duo.wait_for_contains_text(f"#{ids.CH_COUNTS}", "Wedi newid: 5", timeout=20)
    assert "Mae ffynonellau'r ddwy don yn cwmpasu pob ardal yn yr un modd" in (
        dash_duo.find_element(f"#{ids.CH_REASON}").text
    )
    assert dash_duo.driver.execute_script("return document.documentElement.lang") == "cy"
    found = {
        place: english_in([text])
        for place, text in dash_duo.driver.execute_script(SCREEN_TEXT_JS)
        if english_in([text])
    }
    # Names of services and the answers quoted stand in English, marked lang="en" (skipped);
    # the survey waves were loaded with Welsh names (--name-cy).
    assert found == {}
    assert severe(dash_duo.get_logs()) == []


def test_the_controls_write_the_url_and_the_url_restores_the_page(dash_duo, open_changes):
    open_changes(COMPARED)
    dash_duo.wait_for_contains_text(f"#{ids.CH_COUNTS}", "Changed: 5", timeout=20)
    force = dash_duo.find_element(f"#{ids.CH_LEVEL} input[value='force']")
    scroll_into_view(dash_duo.driver, force)
    force.click()
    wait_until(lambda: "level=force" in dash_duo.driver.current_url, 20, what="level in the URL")
    dash_duo.wait_for_contains_text(f"#{ids.CH_BODY}", "By Police force area", timeout=20)
    Select(dash_duo.find_element(f"#{ids.CH_FROM}")).select_by_value("documents-2023")
    wait_until(
        lambda: "from=documents-2023" in dash_duo.driver.current_url, 20, what="from in the URL"
    )
    # The 2023 documents cover the areas unevenly: listed, not counted, and said why.
    dash_duo.wait_for_contains_text(f"#{ids.CH_REASON}", "describe the areas unevenly", timeout=20)
    assert not dash_duo.driver.find_elements("css selector", f"#{ids.CH_COUNTS}")
    address = dash_duo.driver.current_url
    assert address.endswith(f"/changes?from=documents-2023&to={FOLLOW_UP}&level=force")
    # Opening the address again restores what was on screen.
    dash_duo.driver.get(address)
    wait_until_settled(dash_duo.driver, 60)
    dash_duo.wait_for_contains_text(f"#{ids.CH_REASON}", "describe the areas unevenly", timeout=20)
    assert (
        Select(dash_duo.find_element(f"#{ids.CH_FROM}")).first_selected_option.get_attribute(
            "value"
        )
        == "documents-2023"
    )
    assert dash_duo.find_element(f"#{ids.CH_LEVEL} input[value='force']").is_selected()
    assert severe(dash_duo.get_logs()) == []


def test_the_as_at_links_show_another_wave_and_say_what_changed(dash_duo, open_changes):
    open_changes("/directory")
    dash_duo.wait_for_contains_text(
        f"#{ids.GRID_COUNT}", "10 of 10 interventions shown", timeout=20
    )
    link = next(
        element
        for element in dash_duo.driver.find_elements("css selector", f"#{ids.WAVE_LINKS} a")
        if element.text.startswith("Survey returns 2023")
    )
    scroll_into_view(dash_duo.driver, link)
    link.click()
    wait_until(lambda: f"wave={BASELINE}" in dash_duo.driver.current_url, 20, what="the wave")
    dash_duo.wait_for_contains_text(
        f"#{ids.GRID_COUNT}", "10 of 10 interventions shown", timeout=20
    )
    wait_until(
        lambda: "Stalking Clinic" in dash_duo.driver.page_source, 20, what="the 2023 round's rows"
    )
    assert severe(dash_duo.get_logs()) == []


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_no_serious_axe_violations_on_the_counted_page(dash_duo, open_changes, lang):
    from tests.e2e.test_accessibility import describe, run_axe

    open_changes(f"{COMPARED}&lang={lang}")
    dash_duo.wait_for_element(f"#{ids.CH_COUNTS}", timeout=20)
    wait_until(lambda: drawn_areas(dash_duo.driver) == 6, 20, what="the map of change drawn")
    dash_duo.driver.set_script_timeout(60)
    violations = [v for v in run_axe(dash_duo.driver) if v["impact"] in ("serious", "critical")]
    assert violations == [], describe(violations)
