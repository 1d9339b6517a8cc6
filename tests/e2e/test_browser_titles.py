"""The browser-tab title names the page shown, in its language, also after moving in the app."""

from __future__ import annotations

import pytest
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser
SITE = "VAWDASV perpetration interventions in Wales"


def wait_for_title(dash_duo, title: str) -> None:
    WebDriverWait(dash_duo.driver, 15).until(lambda driver: driver.title == title)


def test_each_page_has_its_own_title(dash_duo, mini_app):
    dash_duo.start_server(mini_app, navigate=False)
    dash_duo.wait_for_page(dash_duo.server_url + "/gaps")
    wait_for_title(dash_duo, f"Gap review – {SITE}")
    # Moving through the navigation (no reload) changes the title with the page.
    dash_duo.find_element(".main-nav a[href='/funding']").click()
    wait_for_title(dash_duo, f"Funding cliff-edge – {SITE}")
    dash_duo.wait_for_page(dash_duo.server_url + "/force/gwent?lang=cy")
    wait_for_title(
        dash_duo,
        "Heddlu Gwent (ardal heddlu) – Proffil – Ymyriadau cyflawnwyr VAWDASV yng Nghymru",
    )
    assert dash_duo.driver.execute_script("return document.documentElement.lang") == "cy"
    assert [entry for entry in dash_duo.get_logs() or [] if entry.get("level") == "SEVERE"] == []
