"""Each route in a real browser; the presenter's keyboard navigation; CSV download."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys

from dashboard.web import ids
from tools.browser import scroll_into_view, severe, wait_until

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("path", "selector", "text"),
    [
        (
            "/gaps",
            f"#{ids.GAPS_FINDINGS}",
            "No current medium-risk-tier service is recorded in Cardiff and Vale",
        ),
        (
            "/gaps?level=force",
            f"#{ids.GAPS_FINDINGS}",
            "No current intervention in the directory addresses forced marriage",
        ),
        ("/need", "h1", "Need beside provision"),
        ("/funding", "#funding-summary", "End date stated for 1 of 5 interventions counted."),
        ("/funding?provision=all", "#funding-summary", "1 had an end that has passed"),
        ("/scorecard", "h1", "Minimum-offer scorecard"),
        ("/directory", f"#{ids.GRID_COUNT}", "6 of 6 interventions shown"),
        ("/present", f"#{ids.PRESENT_SLIDE}", "Slide 1 of"),
        ("/no-such-page", "h1", "Page not found"),
    ],
)
def test_route_renders_without_errors(dash_duo, open_page, path, selector, text):
    open_page(path)
    dash_duo.wait_for_contains_text(selector, text, timeout=15)
    assert "Traceback" not in dash_duo.driver.page_source
    # The not-found page is answered with status 404, which Chromium logs about the document.
    expected = f"{path} - Failed to load resource: the server responded with a status of 404"
    assert [
        entry for entry in severe(dash_duo.get_logs()) if expected not in entry["message"]
    ] == []


def test_gap_level_switch_updates_findings_and_url(dash_duo, open_page):
    open_page("/gaps")
    dash_duo.wait_for_contains_text(f"#{ids.GAPS_FINDINGS}", "Cardiff and Vale")
    dash_duo.find_element(f"#{ids.GAPS_LEVEL} input[value='force']").click()
    # At force level, South Wales has no medium-risk-tier service in the fixture, and the
    # fixture's source lists every area's services (tests/fixtures/mini_source_scopes.csv), with
    # every service that could fill it classified: a derived gap.
    dash_duo.wait_for_contains_text(
        f"#{ids.GAPS_FINDINGS}", "No current medium-risk-tier service is recorded in South Wales"
    )
    assert "level=force" in dash_duo.driver.current_url
    assert severe(dash_duo.get_logs()) == []


def test_presenter_keyboard_navigation(dash_duo, open_page):
    open_page("/present")
    dash_duo.wait_for_contains_text(f"#{ids.PRESENT_SLIDE}", "Slide 1 of 8")
    body = dash_duo.find_element("body")
    body.send_keys(Keys.ARROW_RIGHT)
    dash_duo.wait_for_contains_text(f"#{ids.PRESENT_SLIDE}", "Slide 2 of 8")
    body.send_keys(Keys.ARROW_RIGHT)
    dash_duo.wait_for_contains_text(f"#{ids.PRESENT_SLIDE}", "Slide 3 of 8")
    dash_duo.wait_for_contains_text(
        f"#{ids.PRESENT_SLIDE}", "more are in South Wales (2 of 5) than in any other"
    )
    body.send_keys(Keys.ARROW_LEFT)
    dash_duo.wait_for_contains_text(f"#{ids.PRESENT_SLIDE}", "Slide 2 of 8")
    assert "slide=2" in dash_duo.driver.current_url
    # Reloading keeps the slide; a footer names the sources, the data's date and its coverage.
    dash_duo.driver.refresh()
    dash_duo.wait_for_contains_text(f"#{ids.PRESENT_SLIDE}", "Slide 2 of 8")
    footer = dash_duo.find_element(".slide-footer").text
    assert "Sources:" in footer and "Data checked" in footer and "Coverage:" in footer
    assert severe(dash_duo.get_logs()) == []


def test_panel_csv_download(dash_duo, open_page, tmp_path):
    dash_duo.driver.execute_cdp_cmd(
        "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)}
    )
    open_page()
    dash_duo.wait_for_contains_text(f"#{ids.MATCH_COUNT}", "5 of 5 current")
    button = dash_duo.find_element('[id*=\'"type":"csv"\'][id*=\'"panel":"behaviour"\']')
    scroll_into_view(dash_duo.driver, button)
    button.click()
    target = tmp_path / "vawdasv-overview-behaviour.csv"
    wait_until(target.exists, timeout=15, what=f"{target.name} downloaded")
    lines = target.read_text().splitlines()
    assert [line.split(":")[0] for line in lines[:5]] == [
        "# Source",
        "# Data checked",
        "# Coverage",
        "# Period",
        "# Settings",
    ]
    assert lines[5] == (
        "category,interventions,known_for,services_counted,provision,all_wales_services_added"
    )
    # Current provision in the six-row fixture: A, B, D and F address domestic abuse (C Hub
    # has ended); behaviour focus is known for all five current services.
    assert "domestic abuse,4,5,5,current,False" in lines
    assert "honour-based abuse,0,5,5,current,False" in lines


def test_directory_download_has_the_shown_rows(dash_duo, open_page, tmp_path):
    """ "Download shown rows" is built on the server (no formula cells) from the rows the grid
    shows: after a search (typed, no Enter), only the matching rows."""
    dash_duo.driver.execute_cdp_cmd(
        "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)}
    )
    open_page("/directory")
    dash_duo.wait_for_contains_text(f"#{ids.GRID_COUNT}", "6 of 6 interventions shown")
    search = dash_duo.find_element(f"#{ids.GRID_SEARCH}")
    search.send_keys("Choices")
    dash_duo.wait_for_contains_text(f"#{ids.GRID_COUNT}", "1 of 6 interventions shown")
    dash_duo.find_element(f"#{ids.GRID_EXPORT}").click()
    target = tmp_path / "vawdasv-interventions.csv"
    wait_until(target.exists, timeout=15, what=f"{target.name} downloaded")
    lines = target.read_text().splitlines()
    assert lines[0].startswith("# Source: ")
    table = [line for line in lines if not line.startswith("# ")]
    assert table[0].startswith("id,name,provider")
    assert [line.split(",")[0] for line in table[1:]] == ["b-choices"]
    assert severe(dash_duo.get_logs()) == []


def _legend_and_titles(dash_duo, graph_id: str) -> str:
    """What a drawn chart says in its x-axis title and its traces' names."""
    return dash_duo.driver.execute_script(
        "const graph = document.querySelector(arguments[0] + ' .js-plotly-plot');"
        "if (!graph || !graph.data) return '';"
        "const title = graph.querySelector('.g-xtitle');"
        "return [title ? title.textContent : '', ...graph.data.map(trace => trace.name)]"
        ".join('|');",
        f"#{graph_id}",
    )


def test_need_measure_and_funding_grouping_redraw_their_charts(dash_duo, open_page):
    """The measure control and the grouping control redraw their charts from the view cache."""
    from selenium.webdriver.support.select import Select

    open_page("/need")
    wait_until(
        lambda: "Sexual offences per 1,000" in _legend_and_titles(dash_duo, ids.NEED_SCATTER),
        20,
        what="the scatter of the default measure",
    )
    Select(dash_duo.find_element(f"#{ids.NEED_SCATTER_MEASURE}")).select_by_value(
        "Stalking and harassment"
    )
    wait_until(
        lambda: (
            "Stalking and harassment per 1,000" in _legend_and_titles(dash_duo, ids.NEED_SCATTER)
        ),
        20,
        what="the scatter of the measure chosen",
    )
    open_page("/funding")
    before = wait_until(lambda: _legend_and_titles(dash_duo, ids.FUNDING_TIMELINE), 20)
    dash_duo.find_element(f"#{ids.FUNDING_GROUP} input[value='class']").click()
    wait_until(
        lambda: (now := _legend_and_titles(dash_duo, ids.FUNDING_TIMELINE)) and now != before,
        20,
        what="the timeline grouped by funder class",
    )
    assert severe(dash_duo.get_logs()) == []
