"""dash-ag-grid's bundle only on the directory: left out of the overview, loaded on the way in."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from dashboard.web import ids
from tools import browser

pytestmark = pytest.mark.browser

GRID_SCRIPTS_JS = (
    "return performance.getEntriesByType('resource').map(e => e.name)"
    ".filter(n => n.includes('/dash_ag_grid/')).length"
)


def test_the_overview_loads_no_grid_and_the_directory_link_still_opens_the_grid(
    dash_duo, open_page
):
    open_page()
    dash_duo.wait_for_element(f"#{ids.MATCH_COUNT}")
    browser.wait_until_settled(dash_duo.driver)
    assert dash_duo.driver.execute_script(GRID_SCRIPTS_JS) == 0
    link = dash_duo.driver.find_element(By.CSS_SELECTOR, "header a[href^='/directory']")
    link.click()
    dash_duo.wait_for_text_to_equal(f"#{ids.GRID_COUNT}", "6 of 6 interventions shown")
    # The grid's bundle (and, once the grid is drawn, its own lazily loaded chunk).
    assert dash_duo.driver.execute_script(GRID_SCRIPTS_JS) >= 1
    assert browser.severe(dash_duo.get_logs()) == []
