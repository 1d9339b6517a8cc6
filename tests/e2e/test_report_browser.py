"""The self-contained HTML report in a real browser: opened from disk, it draws offline."""

from __future__ import annotations

import pytest

from dashboard.views import overview as overview_view
from dashboard.views import report, state
from tests.support.browser import wait_until

pytestmark = pytest.mark.browser
#: What the report draws: the map and the drill-down charts.
PLOTS_JS = (
    "return document.querySelectorAll('.js-plotly-plot .main-svg, .js-plotly-plot canvas').length"
)


@pytest.fixture
def gwent_view(mini_context):
    parsed = state.parse("/force/gwent", "?metric=per_100k", mini_context.la_slugs)
    return overview_view.compute_view(mini_context, parsed.state)


def test_report_opens_from_disk_without_network(dash_duo, mini_context, gwent_view, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(report.build_report(mini_context, gwent_view), encoding="utf-8")
    driver = dash_duo.driver
    driver.get(path.as_uri())
    wait_until(lambda: driver.execute_script(PLOTS_JS) >= 9, timeout=20, what="9 plots drawn")
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
