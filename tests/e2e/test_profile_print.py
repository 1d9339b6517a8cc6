"""An area's profile on paper: Chromium prints the profiles to A4 (DevTools' Page.printToPDF),
poppler's pdfinfo counts the pages and pdftoppm draws them: the six-row fixture's, and every real
force and region profile in English and in Welsh (issue 12: at most three pages, the map drawn,
the drill-downs as their tables, nothing clipped or overlapping, no label of the map over
another on screen or on paper)."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess

import pytest

from dashboard.web import ids
from tools import browser
from tools.browser import wait_until

pytestmark = pytest.mark.browser

A4 = {
    "paperWidth": 8.27,
    "paperHeight": 11.69,
    "marginTop": 0,
    "marginBottom": 0,
    "marginLeft": 0,
    "marginRight": 0,
    "printBackground": True,
    "preferCSSPageSize": True,
}
MAX_PAGES = 3

#: Under print media: what is shown that should not be, any two panels or blocks that overlap,
#: charts wider than their card, tables wider than their block (clipped text), the drill-downs
#: shown (as charts and as their printed tables) and the footer.
PRINT_CHECK_JS = """
const shown = el => el && getComputedStyle(el).display !== 'none' && el.getClientRects().length;
const hidden = ['.app-header', '.print-button', '.modebar-container', '.app-footer']
  .filter(selector => [...document.querySelectorAll(selector)].some(shown));
const blocks = [...document.querySelectorAll(
  '.profile .panel, .profile-crime, .profile-summary, .profile-map-cell, .profile-las-cell, '
  + '.intervention-list')];
const boxes = blocks.map(el => el.getBoundingClientRect());
const overlaps = [];
boxes.forEach((a, i) => boxes.forEach((b, j) => {
  const inside = blocks[i].contains(blocks[j]) || blocks[j].contains(blocks[i]);
  if (i < j && !inside && a.left < b.right - 1 && b.left < a.right - 1
      && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
    overlaps.push([blocks[i].className, blocks[j].className]);
  }
}));
const wide = [...document.querySelectorAll('.profile .js-plotly-plot')].filter(gd => {
  const card = gd.closest('.panel, .profile-map-cell') || gd.closest('.profile');
  return shown(gd) && gd.getBoundingClientRect().right > card.getBoundingClientRect().right + 1;
}).length;
const clipped = [...document.querySelectorAll('.profile table')].filter(table => {
  const block = table.parentElement.getBoundingClientRect();
  return shown(table) && table.getBoundingClientRect().right > block.right + 1;
}).map(table => table.closest('[class]').className);
const charts = [...document.querySelectorAll('.profile .panels .js-plotly-plot')].filter(shown).length;
const printed = [...document.querySelectorAll('.print-panel')].filter(shown).length;
const map = document.getElementById('profile-map');
const footer = document.querySelector('.print-frame > tfoot');
return {hidden: hidden, overlaps: overlaps, wide: wide, clipped: clipped, charts: charts,
        printed: printed, map: map ? map.getBoundingClientRect().width : 0,
        footer: shown(footer) ? getComputedStyle(footer).display + ' ' + footer.textContent : ''};
"""


def print_pdf(driver, tmp_path, name: str):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        check = driver.execute_script(PRINT_CHECK_JS)
        check["labels"] = browser.overlapping(browser.label_boxes(driver, ids.PROFILE_MAP))
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    answer = driver.execute_cdp_cmd("Page.printToPDF", A4)
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(base64.b64decode(answer["data"]))
    return check, pdf


def pdf_pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))


def print_profile(driver, tmp_path, path: str, las: int):
    """Open ``path`` (an app already served), wait for its map to draw ``las`` local
    authorities, print it as the browser does (``beforeprint`` first) and check it on paper."""
    wait_until(lambda: driver.find_elements("css selector", ".key-figures"), timeout=20, what=path)

    def drawn():
        state = browser.map_state(driver, ids.PROFILE_MAP) or {}
        located = sum(len(locations) for locations in state.get("locations", []))
        return state if located == las and state.get("rendered") == las else None

    wait_until(drawn, timeout=20, what=f"the map of {path}")
    browser.wait_until_settled(driver)
    # On screen, no label of the map over another.
    assert browser.overlapping(browser.label_boxes(driver, ids.PROFILE_MAP)) == [], path
    # What the browser does before printing (the charts take their printed widths).
    driver.execute_script("window.dispatchEvent(new Event('beforeprint'))")
    browser.wait_until_settled(driver)
    check, pdf = print_pdf(driver, tmp_path, path.strip("/").replace("/", "-").replace("?", "-"))
    assert check["hidden"] == [], f"buttons or navigation on paper: {path}"
    assert check["overlaps"] == [], path
    assert check["labels"] == [], f"labels of the map over each other on paper: {path}"
    assert check["wide"] == 0, f"a chart wider than its card: {path}"
    assert check["clipped"] == [], f"a table wider than its block: {path}"
    # The drill-downs are their tables on paper, every one of them, and the map is drawn.
    assert (check["charts"], check["printed"]) == (0, 8), path
    assert check["map"] > 300, f"the map squeezed: {path}"
    # The footer of the page's frame, which Chromium repeats on every printed page.
    assert check["footer"].startswith("table-footer-group "), path
    return check, pdf


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs poppler-utils")
@pytest.mark.parametrize(("path", "las"), [("/force/gwent", 5), ("/region/cardiff-and-vale", 2)])
def test_profile_prints_on_at_most_three_a4_pages(dash_duo, open_page, tmp_path, path, las):
    open_page(path)
    check, pdf = print_profile(dash_duo.driver, tmp_path, path, las)
    assert check["footer"].startswith("table-footer-group Source:")
    assert "Data last checked" in check["footer"]
    pages = pdf_pages(pdf)
    assert 1 <= pages <= MAX_PAGES
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True)
    assert len(list(tmp_path.glob("page-*.png"))) == pages
    assert browser.severe(dash_duo.get_logs()) == []


def page_text(pdf, page: int) -> str:
    """The words of one printed page, lines joined."""
    text = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return re.sub(r"\s+", " ", text)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_page_one_says_what_the_directory_is_not_and_the_domestic_abuse_figure(
    dash_duo, open_page, tmp_path
):
    """Printed page 1 of a force profile dropped the note that the directory is not the 2023
    survey's dataset (issue 23); it now carries it, and the domestic abuse-related crime figure
    with its period and source."""
    open_page("/force/gwent")
    _check, pdf = print_profile(dash_duo.driver, tmp_path, "/force/gwent", 5)
    first = page_text(pdf, 1)
    assert "It is not the 2023 mapping survey" in first
    assert "Domestic abuse-related crimes recorded by the police" in first
    assert "Latest figure for Gwent, 2021/22 (April 2021 to March 2022)" in first
    assert "Abergavenny Chronicle" in first


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs poppler-utils")
@pytest.mark.parametrize("lang", ["en", "cy"])
def test_every_real_profile_prints_on_at_most_three_pages(
    dash_duo, real_app, real_context, tmp_path, lang
):
    """Every force and region profile of the shipped data, in English and in Welsh (about 15%
    longer), one server and browser for the ten: each page is bounded by its waits (20 s for
    the page and its map, 30 s to settle)."""
    from dashboard.views import profile as profile_view

    dash_duo.start_server(real_app, navigate=False)
    query = "?lang=cy" if lang == "cy" else ""
    pages = {}
    for level in ("force", "region"):
        for area in real_context.bundle.areas[level]:
            path = f"/{level}/{area.area_id}{query}"
            las = len(profile_view.area_las(real_context, level, area.area_id))
            dash_duo.driver.get(dash_duo.server_url + path)
            _check, pdf = print_profile(dash_duo.driver, tmp_path, path, las)
            pages[path] = pdf_pages(pdf)
    assert len(pages) == 10
    assert {path: n for path, n in pages.items() if n > MAX_PAGES} == {}
    assert browser.severe(dash_duo.get_logs()) == []
