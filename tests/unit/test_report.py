"""The self-contained HTML report: same numbers as the dashboard, opens from disk offline."""

from __future__ import annotations

import re
import time

import pytest

from dashboard.views import overview as overview_view
from dashboard.views import report, state


@pytest.fixture
def gwent_view(mini_context):
    parsed = state.parse("/force/gwent", "?metric=per_100k", mini_context.la_slugs)
    return overview_view.compute_view(mini_context, parsed.state)


def test_report_carries_the_views_numbers(mini_context, gwent_view):
    page = report.build_report(mini_context, gwent_view)
    # Current provision only (C Hub is decommissioned); E All Wales is beside Gwent, not in it.
    assert "5 of 5 current interventions match the filters. 1 of them in Gwent." in page
    assert "D Phoenix" in page and "E All Wales" not in page
    assert "+1 available across all of Wales" in page
    assert "A Drive" not in page  # not in Gwent
    # No external reference anywhere: plotly.js and the boundaries are inlined.
    # No element loads anything from elsewhere (links inside plotly.js's own code are not loads).
    assert not re.search(r"""<(script|link|img|iframe)\b[^>]*(src|href)=["']https?://""", page)
    assert '"geojson":{"type":"FeatureCollection"' in page.replace(" ", "")


@pytest.mark.browser
def test_report_opens_from_disk_without_network(dash_duo, mini_context, gwent_view, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(report.build_report(mini_context, gwent_view), encoding="utf-8")
    driver = dash_duo.driver
    driver.get(path.as_uri())
    deadline = time.time() + 20
    plots = 0
    while time.time() < deadline:
        plots = driver.execute_script(
            "return document.querySelectorAll('.js-plotly-plot .main-svg, .js-plotly-plot canvas').length"
        )
        if plots >= 9:
            break
        time.sleep(0.3)
    assert plots >= 9
    assert "1 of them in Gwent" in driver.find_element("id", "match-count").text
    requested = driver.execute_script("return performance.getEntries().map(e => e.name)")
    assert [url for url in requested if url.startswith(("http:", "https:"))] == []
    drawn = driver.execute_script(
        "const gd = document.querySelector('.js-plotly-plot');"
        "return gd._fullData.filter(t => t.visible === true).map(t => Array.from(t.locations));"
    )
    assert sorted(location for trace in drawn for location in trace) == [
        "dyfed-powys",
        "gwent",
        "north-wales",
        "south-wales",
    ]
