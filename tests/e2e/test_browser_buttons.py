"""The buttons whose callbacks run in the browser (assets/<page>-callbacks.js), pressed in a real
browser: a profile's print button opens the print dialogue, and the presenter's full-screen
button asks for the whole page full screen (a notice's close button: test_welsh_screens.py). The
browser's own dialogue and full screen are stood in for, so that the test sees them asked for."""

from __future__ import annotations

import pytest

from dashboard.web import ids
from tools.browser import scroll_into_view, severe, wait_until

pytestmark = pytest.mark.browser


def test_a_profiles_print_button_opens_the_print_dialogue(dash_duo, open_page):
    open_page("/force/gwent")
    button = dash_duo.wait_for_element(f"#{ids.PROFILE_PRINT}")
    dash_duo.driver.execute_script("window.__printed = 0; window.print = () => window.__printed++;")
    scroll_into_view(dash_duo.driver, button)
    button.click()
    wait_until(lambda: dash_duo.driver.execute_script("return window.__printed") == 1)
    assert severe(dash_duo.driver.get_log("browser")) == []


def test_the_presenters_full_screen_button_asks_for_the_page_full_screen(dash_duo, open_page):
    open_page("/present")
    button = dash_duo.wait_for_element(f"#{ids.PRESENT_FULLSCREEN}")
    dash_duo.driver.execute_script(
        "window.__asked = [];"
        "document.documentElement.requestFullscreen = function () {"
        "  window.__asked.push(this.tagName); return Promise.resolve(); };"
    )
    scroll_into_view(dash_duo.driver, button)
    button.click()
    wait_until(lambda: dash_duo.driver.execute_script("return window.__asked") == ["HTML"])
    assert severe(dash_duo.driver.get_log("browser")) == []
