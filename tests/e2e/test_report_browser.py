"""The self-contained HTML report in a real browser: opened from disk, it draws offline."""

from __future__ import annotations

import pytest

from app import report_profile
from dashboard.views import overview as overview_view
from dashboard.views import report, url_parsing
from dashboard.views.cache import ViewCache
from dashboard.web import report_route
from tools.browser import severe, wait_until

pytestmark = pytest.mark.browser
#: What the report draws: plots with their axes or map drawn (the map and the drill-down charts).
PLOTS_JS = "return document.querySelectorAll('.js-plotly-plot .main-svg .cartesianlayer, .js-plotly-plot .main-svg .geolayer').length"
#: The map's drawn shapes (SVG paths with a shape in the geo layer) and its labels.
MAP_SHAPES_JS = """
const paths = [...document.querySelectorAll('.js-plotly-plot .geo path.choroplethlocation')];
return {
  shapes: paths.filter(p => (p.getAttribute('d') || '').length > 4).map(p => p.__data__.loc),
  labels: [...document.querySelectorAll('.js-plotly-plot .geo .scattergeo text')]
    .map(t => t.textContent),
};
"""


def open_offline(driver, path) -> dict:
    """Open the file at ``path`` with networking off (nothing can be fetched, from the network
    or from the app), wait for its nine plots (a map and eight charts) and return the map's
    drawn shapes and labels."""
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    driver.get(path.as_uri())
    wait_until(lambda: driver.execute_script(PLOTS_JS) >= 9, timeout=20, what="9 plots drawn")
    return wait_until(
        lambda: (state := driver.execute_script(MAP_SHAPES_JS))["shapes"] and state,
        timeout=20,
        what="the map's shapes drawn",
    )


@pytest.fixture
def gwent_view(mini_context):
    parsed = url_parsing.parse("/force/gwent", "?metric=per_100k", mini_context.la_slugs)
    return overview_view.compute_view(mini_context, parsed.state)


def test_report_opens_from_disk_without_network(dash_duo, mini_context, gwent_view, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(report.build_report(mini_context, gwent_view), encoding="utf-8")
    driver = dash_duo.driver
    drawn = open_offline(driver, path)
    # One drawn shape per police force area, each with its label.
    assert sorted(drawn["shapes"]) == ["dyfed-powys", "gwent", "north-wales", "south-wales"]
    assert len(drawn["labels"]) == 4
    assert any(label.startswith("Gwent") for label in drawn["labels"])
    assert "1 of them in Gwent" in driver.find_element("id", "match-count").text
    requested = driver.execute_script("return performance.getEntries().map(e => e.name)")
    assert [url for url in requested if url.startswith(("http:", "https:"))] == []
    assert severe(driver.get_log("browser")) == []


def test_a_profile_report_opens_from_disk_without_network(dash_duo, mini_context, tmp_path):
    """The report of Gwent's profile (issue 23), saved and opened with networking off: the
    area's own map of its five local authorities and the eight drill-down charts draw, and the
    summary, the domestic abuse figure and the crime table are there."""
    parsed = url_parsing.parse("/force/gwent", "", mini_context.la_slugs)
    path = tmp_path / "gwent-profile.html"
    path.write_text(
        report_route.profile_report(mini_context, ViewCache(), parsed.state, [], report_profile),
        encoding="utf-8",
    )
    driver = dash_duo.driver
    drawn = open_offline(driver, path)
    assert sorted(drawn["shapes"]) == [
        "blaenau-gwent",
        "caerphilly",
        "monmouthshire",
        "newport",
        "torfaen",
    ]
    summary = driver.find_element("css selector", ".profile-summary").text
    assert "Local services in Gwent" in summary
    assert "16.5 per 1,000 people" in summary
    assert "Police recorded crime" in driver.find_element("css selector", ".profile-crime").text
    requested = driver.execute_script("return performance.getEntries().map(e => e.name)")
    assert [url for url in requested if url.startswith(("http:", "https:"))] == []
    assert severe(driver.get_log("browser")) == []
