"""No English left on a Welsh page: every page of the page table (the area profiles, the area
lists, each presenter slide), the report and the not-found page, opened in Welsh on the real
data, on screen and as printed, show no word of the English catalogue (tests/support/english.py)
in their text, the labels a screen reader reads, the browser-tab title or any chart (titles, axis
titles and ticks, legends, hover templates, toolbar). Text quoted from the English source
documents is marked ``lang="en"`` (and labelled "testun gwreiddiol Saesneg") and is skipped. Each
page's Welsh browser-tab title is its own. The CSV downloads are checked on the server, through
the callbacks' own functions: tests/integration/test_welsh_downloads.py.
"""

from __future__ import annotations

import pytest

from dashboard.views import findings
from layouts.page_table import PAGES
from tests.support.english import english_in
from tests.support.screen_text import SCREEN_TEXT_JS
from tools.browser import severe, wait_until_settled

pytestmark = pytest.mark.browser

#: The area each area page is opened on (Gwent is both a police force area and a region).
AREA = "gwent"
#: Addresses that are not a page of the table but are shown to people: the lists of areas (an
#: area page on an area that is not one), the report, the not-found page.
EXTRA_ADDRESSES = (
    "/region/nowhere",
    "/force/nowhere",
    "/report",
    "/report/force/gwent",
    "/no-such-page",
)


def addresses(slides: int) -> list[str]:
    """Every page of the table (an area page on :data:`AREA`, the presenter on each slide), then
    :data:`EXTRA_ADDRESSES`."""
    found = []
    for page in PAGES:
        if page.name == "present":
            found += [f"/present?slide={number}" for number in range(1, slides + 1)]
        else:
            found.append(page.path.replace("<area>", AREA))
    return [*found, *EXTRA_ADDRESSES]


@pytest.fixture(scope="module")
def slide_count(real_context) -> int:
    return len(findings.slides(real_context, "cy"))


def english_on_screen(driver, media: str) -> list[str]:
    """What English the page shows with ``media`` emulated: one line per place, naming it."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})
    try:
        places = driver.execute_script(SCREEN_TEXT_JS)
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    found = []
    for place, text in places:
        words = english_in([text])
        if words:
            found.append(f"  {media}, {place}: {', '.join(words)}")
    return found


def test_welsh_pages_show_no_english(dash_duo, real_app, slide_count):
    dash_duo.start_server(real_app, navigate=False)
    driver = dash_duo.driver
    problems: list[str] = []
    titles: dict[str, str] = {}
    for address in addresses(slide_count):
        url = address + ("&" if "?" in address else "?") + "lang=cy"
        driver.get(dash_duo.server_url + url)
        wait_until_settled(driver, 60)
        found = english_on_screen(driver, "screen") + english_on_screen(driver, "print")
        if found:
            problems.append(f"{url}:\n" + "\n".join(dict.fromkeys(found)))
        titles[address] = driver.title
        assert driver.execute_script("return document.documentElement.lang") == "cy", address
    assert not problems, "English on Welsh pages:\n" + "\n".join(problems)
    # The not-found page is answered with status 404, which Chromium logs about the document.
    not_found = (
        "/no-such-page?lang=cy - Failed to load resource: the server responded with a status of 404"
    )
    assert [
        entry for entry in severe(dash_duo.get_logs()) if not_found not in entry["message"]
    ] == []
    # Each page its own title (the presenter's slides share theirs, the report has its own).
    table_pages = {a: t for a, t in titles.items() if not a.startswith(("/present?slide=", "/rep"))}
    shared = {t: [a for a in table_pages if table_pages[a] == t] for t in table_pages.values()}
    assert all(len(found) == 1 for found in shared.values()), shared


def test_notice_close_button_is_named_in_welsh_and_closes(dash_duo, open_page):
    """The notice's close button was dbc's, named "Close" in English on Welsh pages."""
    from dashboard.web import ids
    from tools.browser import wait_until

    open_page("/?lang=cy&level=nowhere")
    dash_duo.wait_for_element(f"#{ids.NOTICE}")
    button = dash_duo.find_element(f"#{ids.NOTICE_CLOSE}")
    assert button.get_attribute("aria-label") == "Cau"
    button.click()
    wait_until(
        lambda: not dash_duo.driver.find_elements("css selector", f"#{ids.NOTICE}"),
        what="the notice closing",
    )
    assert severe(dash_duo.get_logs()) == []


#: The pages whose long Welsh labels were seen running under toolbars or out of their boxes.
FIT_PAGES = (
    "/gaps",
    "/force/gwent",
    "/present",
    "/",
    "/scorecard",
    "/funding",
    "/need",
    "/directory",
    "/changes",
)


@pytest.mark.parametrize("window", [(1366, 768), (1024, 768)], ids=["laptop", "projector"])
def test_long_welsh_labels_fit(dash_duo, real_app, window):
    """No heading or card body wider than its box, no chart text under the chart's toolbar or
    outside the chart, at 1366x768 and on a 1024x768 projector."""
    from tests.support.screen_text import OVERFLOW_JS

    dash_duo.start_server(real_app, navigate=False)
    driver = dash_duo.driver
    driver.set_window_size(*window)
    problems = []
    for path in FIT_PAGES:
        driver.get(f"{dash_duo.server_url}{path}?lang=cy")
        wait_until_settled(driver, 60)
        problems += [f"{path}: {what}: {how}" for what, how in driver.execute_script(OVERFLOW_JS)]
    assert not problems, "Does not fit:\n" + "\n".join(problems)
