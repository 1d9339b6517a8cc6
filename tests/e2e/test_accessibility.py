"""Accessibility in the real browser: axe-core on every page of the page table in both
languages, keyboard use.

axe (``tests/vendor/axe.min.js``, served from disk: no CDN) runs with all its rules, WCAG 2.0 to
2.2 A and AA and its best practices, at 1366x768, the tester's screen: any violation of any
impact fails. A page added to the page table is checked without another line here (its area
pages on an area of the fixture).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from dashboard.web import ids
from layouts.page_table import PAGES
from tools.browser import wait_until_settled

pytestmark = pytest.mark.browser
AXE = (Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
#: The area each area page is opened on.
AREAS = {"force": "south-wales", "region": "cardiff-and-vale"}
ROUTES = tuple(
    page.path.replace("<area>", AREAS[page.area_level]) if page.area_level else page.path
    for page in PAGES
)
#: What shows that a page has drawn its content, by page name (every page of the table has one).
READY = {
    "overview": f"#{ids.MATCH_COUNT}",
    "force": ".profile-crime",
    "region": ".key-figures",
    "gaps": f"#{ids.GAPS_FINDINGS}",
    "scorecard": f"#{ids.SC_BODY}",
    "need": f"#{ids.NEED_SCATTER}",
    "funding": "#funding-summary",
    "directory": ".ag-row",
    "present": f"#{ids.PRESENT_SLIDE}",
    "changes": f"#{ids.CH_BODY}",
}
#: The tester's screen.
WINDOW = (1366, 768)


def test_every_page_of_the_table_is_checked():
    assert set(READY) == {page.name for page in PAGES}
    assert "/scorecard" in ROUTES and "/force/south-wales" in ROUTES


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
@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_no_axe_violations(dash_duo, mini_app, page, lang):
    route = ROUTES[PAGES.index(page)]
    dash_duo.start_server(mini_app, navigate=False)
    dash_duo.driver.set_window_size(*WINDOW)
    dash_duo.driver.set_script_timeout(60)
    dash_duo.wait_for_page(f"{dash_duo.server_url}{route}?lang={lang}")
    dash_duo.wait_for_element(READY[page.name], timeout=20)
    wait_until_settled(dash_duo.driver)
    assert dash_duo.driver.execute_script("return document.documentElement.lang") == lang
    violations = run_axe(dash_duo.driver)
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
    dash_duo.start_server(mini_app, navigate=False)
    dash_duo.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 800, "deviceScaleFactor": scale, "mobile": width < 500},
    )
    for route, name in (("/", "overview"), ("/gaps", "gaps"), ("/directory", "directory")):
        dash_duo.wait_for_page(dash_duo.server_url + route)
        dash_duo.wait_for_element(READY[name], timeout=20)
        wait_until_settled(dash_duo.driver)
        overflow = dash_duo.driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{route} scrolls sideways by {overflow}px on a {label}"
