"""The directory as a list, in a real browser on the real directory (43 rows) at 1366x768.

A tester saw the first row 390 px high (the source column wrapped its whole citation), one
intervention on the first screen, two AG Grid warnings about the page size, a search that ran only
on Enter, "Newport" and "Abertawe" finding nothing and "Cardiff" finding the 25 rows that cite
the 2020 review of Cardiff and the Vale, and "Rhanbarthau VAWD…" cut off in a Welsh header.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys

from dashboard.web import ids
from tests.support.directory_places import services_found_by
from tools import browser

pytestmark = pytest.mark.browser

SCREEN = (1366, 768)
#: How often the tests look at the grid's rows while they wait (a cheap script): each name's
#: answer is seen within 50 ms of being drawn.
POLL = 0.05

#: The grid's line height; each fully visible row of the grid: its height, and for each of its
#: cells the number of lines its text takes; each header whose text does not fit its cell; the
#: page-size selector's text.
ROWS_JS = """
const rows = [...document.querySelectorAll('.directory-grid .ag-center-cols-container .ag-row')];
const visible = rows.filter(row => {
  const box = row.getBoundingClientRect();
  return box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
});
const lines = cell => {
  const boxes = [];
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(text);
    boxes.push(...[...range.getClientRects()].filter(box => box.width > 0));
  }
  return {lines: new Set(boxes.map(box => Math.round(box.top))).size};
};
// The grid's line height: half the height of two lines of its text, as the grid sets it.
const probe = document.createElement('div');
probe.style.cssText = 'position: absolute; visibility: hidden; white-space: pre';
probe.textContent = 'Xg\\nXg';
document.querySelector('.directory-grid .ag-root-wrapper').appendChild(probe);
const line = probe.getBoundingClientRect().height / 2;
probe.remove();
return {
  line: line,
  rows: visible.map(row => ({
    height: row.getBoundingClientRect().height,
    cells: [...row.querySelectorAll('.ag-cell')].filter(cell => cell.textContent.trim())
      .map(lines),
  })),
  cutHeaders: [...document.querySelectorAll('.directory-grid .ag-header-cell-text')]
    .filter(text => text.scrollWidth > text.clientWidth + 1
                    || text.scrollHeight > text.clientHeight + 1)
    .map(text => text.textContent),
  pageSize: (document.querySelector('.directory-grid .ag-paging-page-size') || {}).textContent,
};
"""
#: The ids of the rows the grid keeps after its filters (on every page).
SHOWN_JS = """
const api = window.dash_ag_grid && window.dash_ag_grid.getApi(arguments[0]);
if (!api || document.querySelector('[data-dash-is-loading="true"]')) { return null; }
const shown = [];
api.forEachNodeAfterFilter(node => shown.push(node.data.id));
return shown.sort();
"""


@pytest.fixture
def open_directory(dash_duo, real_app):
    """``open_directory(lang)``: the app on the real data, ``/directory`` in ``lang`` in a
    1366x768 viewport, once its rows are drawn."""

    def open_page(lang: str) -> None:
        width, height = SCREEN
        dash_duo.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        if not dash_duo.server_url:
            dash_duo.start_server(real_app, navigate=False)
        dash_duo.wait_for_page(f"{dash_duo.server_url}/directory?lang={lang}")
        dash_duo.wait_for_element(".directory-grid .ag-row", timeout=20)
        browser.wait_until_settled(dash_duo.driver)

    return open_page


def shown(driver) -> list[str] | None:
    return driver.execute_script(SHOWN_JS, ids.GRID)


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_first_screen_lists_ten_rows_one_line_each_and_the_grid_warns_of_nothing(
    dash_duo, open_directory, lang
):
    open_directory(lang)
    state = dash_duo.driver.execute_script(ROWS_JS)
    rows = state["rows"]
    assert len(rows) >= 10, f"{len(rows)} rows fully visible at 1366x768"
    for row in rows:
        assert all(cell["lines"] == 1 for cell in row["cells"]), row
        assert row["height"] <= 2 * state["line"], (row["height"], state["line"])
    assert state["cutHeaders"] == []
    # The page-size selector shows the page size (it was empty: 25 was not among its choices).
    assert "25" in state["pageSize"]
    logs = dash_duo.get_logs() or []
    assert [entry for entry in logs if "AG Grid" in entry["message"]] == []
    assert browser.severe(logs) == []


def one_answer_after_another(
    names: list[tuple[str, str]], answers: list[list[str]]
) -> list[tuple[tuple[str, str], list[str]]]:
    """The names with their answers, reordered so that, where it can be, no name follows one
    with the same answer (whose rows it would show before its own search had run: the box is then
    emptied in between, a second wait per name)."""
    left = list(zip(names, answers, strict=True))
    ordered: list[tuple[tuple[str, str], list[str]]] = []
    while left:
        previous = ordered[-1][1] if ordered else None
        index = next((i for i, (_, answer) in enumerate(left) if answer != previous), 0)
        ordered.append(left.pop(index))
    return ordered


def type_each(dash_duo, context, names: list[tuple[str, str]]) -> None:
    """Type each (authority code, name) into the search, with no Enter, and wait for the rows
    the rule places there (tests/support/directory_places.py)."""
    frame = context.directory.frame
    lookup = context.bundle.lookup
    everything = sorted(frame["id"])
    driver = dash_duo.driver
    browser.wait_until(lambda: shown(driver) == everything, 15, what="every row shown")
    box = dash_duo.find_element(f"#{ids.GRID_SEARCH}")
    answers = [sorted(services_found_by(frame, lookup, code, name)) for code, name in names]
    previous: list[str] = everything
    for (_code, name), expected in one_answer_after_another(names, answers):
        assert expected != everything
        if expected == previous:
            # The same rows as the last name: empty the box first, so that the wait below sees
            # this name's answer and not the last one's.
            box.send_keys(Keys.CONTROL, "a", Keys.BACKSPACE)
            browser.wait_until(
                lambda: shown(driver) == everything, 15, poll=POLL, what="box emptied"
            )
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(name)
        try:
            browser.wait_until(lambda expected=expected: shown(driver) == expected, 15, poll=POLL)
        except AssertionError:
            pytest.fail(f"{name!r} shows {shown(driver)}, not {expected}")
        previous = expected
    assert browser.severe(dash_duo.get_logs()) == []


def test_each_local_authority_typed_in_english_or_welsh_shows_the_services_placed_there(
    dash_duo, open_directory, real_context
):
    """All 22 authorities, each by its English and its Welsh name, typed with no Enter: the grid
    filters as you type. Before, the search ran only on Enter, and over every column: "Newport",
    "Casnewydd" and "Abertawe" found nothing, "Cardiff" the 25 rows citing the 2020 review."""
    open_directory("en")
    lookup = real_context.bundle.lookup
    assert len(lookup) == 22
    names = [
        (authority.la_code, name)
        for authority in lookup.itertuples()
        for name in (authority.la_name_en, authority.la_name_cy)
    ]
    type_each(dash_duo, real_context, names)


def test_the_welsh_page_finds_places_by_either_name_too(dash_duo, open_directory, real_context):
    """tests/unit/test_directory_search.py checks all 44 names against the Welsh page's search
    text; here the Welsh page's own search, in the browser."""
    open_directory("cy")
    lookup = real_context.bundle.lookup.set_index("la_name_en")
    names = ["Newport", "Swansea", "Cardiff", "Vale of Glamorgan", "Isle of Anglesey", "Powys"]
    welsh = [(lookup.at[name, "la_code"], lookup.at[name, "la_name_cy"]) for name in names]
    english = [(lookup.at[name, "la_code"], name) for name in names]
    type_each(
        dash_duo, real_context, [pair for both in zip(welsh, english, strict=True) for pair in both]
    )
