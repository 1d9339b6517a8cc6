"""Accessibility in the real browser: axe-core on every route in both languages, keyboard use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from dashboard.web import ids
from tests.support.browser import wait_until_settled

pytestmark = pytest.mark.browser
AXE = (Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
ROUTES = (
    "/",
    "/force/south-wales",
    "/region/cardiff-and-vale",
    "/gaps",
    "/scorecard",
    "/need",
    "/funding",
    "/directory",
    "/present",
    "/changes",
)
READY = {
    "/": f"#{ids.MATCH_COUNT}",
    "/force/south-wales": ".profile-crime",
    "/region/cardiff-and-vale": ".key-figures",
    "/gaps": f"#{ids.GAPS_FINDINGS}",
    "/scorecard": f"#{ids.SC_BODY}",
    "/need": f"#{ids.NEED_SCATTER}",
    "/funding": "#funding-summary",
    "/directory": ".ag-row",
    "/present": f"#{ids.PRESENT_SLIDE}",
    "/changes": f"#{ids.CH_BODY}",
}


def run_axe(driver) -> list[dict]:
    driver.execute_script(AXE)
    result = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations)));
        """
    )
    return json.loads(result)


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(
            node["target"][0] if isinstance(node["target"][0], str) else str(node["target"])
            for node in v["nodes"][:5]
        )
        for v in violations
    )


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize("route", ROUTES)
def test_no_serious_axe_violations(dash_duo, mini_app, route, lang):
    dash_duo.start_server(mini_app)
    dash_duo.driver.set_script_timeout(60)
    dash_duo.wait_for_page(f"{dash_duo.server_url}{route}?lang={lang}")
    dash_duo.wait_for_element(READY[route], timeout=20)
    wait_until_settled(dash_duo.driver)
    assert dash_duo.driver.execute_script("return document.documentElement.lang") == lang
    violations = [v for v in run_axe(dash_duo.driver) if v["impact"] in ("serious", "critical")]
    assert violations == [], describe(violations)


def test_keyboard_only_selects_an_area_and_changes_a_filter(dash_duo, mini_app):
    dash_duo.start_server(mini_app)
    dash_duo.wait_for_contains_text(f"#{ids.MATCH_COUNT}", "5 of 5 current")
    driver = dash_duo.driver
    # Start where a keyboard user starts: nothing focused, at the top of the page.
    driver.execute_script(
        "document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);"
    )

    def tab_to(element_id: str, limit: int = 80) -> None:
        for _ in range(limit):
            active = driver.switch_to.active_element
            if active.get_attribute("id") == element_id:
                return
            ActionChains(driver).send_keys(Keys.TAB).perform()
        raise AssertionError(f"could not reach #{element_id} with the Tab key")

    # The area chooser is the map's keyboard alternative: a native select.
    tab_to(ids.AREA)
    focused = driver.switch_to.active_element
    outline = driver.execute_script("return getComputedStyle(arguments[0]).outlineStyle", focused)
    assert outline != "none", "focus is visible"
    focused.send_keys("Gwent")
    dash_duo.wait_for_contains_text(f"#{ids.PANEL_TITLE}", "Gwent")
    # Filters: Tab to the "Sector" group, open it with Enter, tick HMPPS with Space.
    for _ in range(120):
        active = driver.switch_to.active_element
        if active.tag_name == "summary" and active.text.strip() == "Sector":
            break
        ActionChains(driver).send_keys(Keys.TAB).perform()
    else:
        raise AssertionError("could not reach the Sector filter with the Tab key")
    active.send_keys(Keys.ENTER)
    for _ in range(30):
        active = driver.switch_to.active_element
        if active.get_attribute("value") == "HMPPS":
            break
        ActionChains(driver).send_keys(Keys.TAB).perform()
    else:
        raise AssertionError("could not reach the HMPPS checkbox with the Tab key")
    active.send_keys(Keys.SPACE)
    dash_duo.wait_for_contains_text(f"#{ids.MATCH_COUNT}", "1 of 5 current interventions match")


@pytest.mark.parametrize(
    ("width", "scale", "label"),
    [(375, 2, "375-pixel phone"), (683, 2, "1366 px screen at 200% zoom")],
)
def test_no_horizontal_scrolling_on_small_screens(dash_duo, mini_app, width, scale, label):
    dash_duo.start_server(mini_app)
    dash_duo.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 800, "deviceScaleFactor": scale, "mobile": width < 500},
    )
    for route in ("/", "/gaps", "/directory"):
        dash_duo.wait_for_page(dash_duo.server_url + route)
        dash_duo.wait_for_element(READY[route], timeout=20)
        wait_until_settled(dash_duo.driver)
        overflow = dash_duo.driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{route} scrolls sideways by {overflow}px on a {label}"
