"""An area's profile on paper: Chromium prints /force/gwent and /region/cardiff-and-vale to A4
(DevTools' Page.printToPDF), poppler's pdfinfo counts the pages and pdftoppm draws them."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess

import pytest

from dashboard.web import ids
from tests.support import browser
from tests.support.browser import wait_until

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

#: Under print media: what is shown that should not be, and any two panels or blocks that overlap.
PRINT_CHECK_JS = """
const shown = el => el && getComputedStyle(el).display !== 'none' && el.getClientRects().length;
const hidden = ['.app-header', '.print-button', '.modebar-container', '.app-footer']
  .filter(selector => [...document.querySelectorAll(selector)].some(shown));
const blocks = [...document.querySelectorAll(
  '.profile .panel, .profile-crime, .profile-summary, .profile-map, .intervention-list')];
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
  const card = gd.closest('.panel, .col-lg-5, .col-lg-7');
  return gd.getBoundingClientRect().right > card.getBoundingClientRect().right + 1;
}).length;
const footer = document.querySelector('.print-frame > tfoot');
return {hidden: hidden, overlaps: overlaps, wide: wide,
        footer: shown(footer) ? getComputedStyle(footer).display + ' ' + footer.textContent : ''};
"""


def print_pdf(driver, tmp_path, name: str):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        check = driver.execute_script(PRINT_CHECK_JS)
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    answer = driver.execute_cdp_cmd("Page.printToPDF", A4)
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(base64.b64decode(answer["data"]))
    return check, pdf


def pdf_pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs poppler-utils")
@pytest.mark.parametrize(("path", "las"), [("/force/gwent", 5), ("/region/cardiff-and-vale", 2)])
def test_profile_prints_on_at_most_three_a4_pages(dash_duo, open_page, tmp_path, path, las):
    open_page(path)
    dash_duo.wait_for_element(".key-figures")

    def drawn():
        state = browser.map_state(dash_duo.driver, ids.PROFILE_MAP) or {}
        located = sum(len(locations) for locations in state.get("locations", []))
        return state if located == las and state.get("rendered") == las else None

    wait_until(drawn, timeout=20)
    browser.wait_until_settled(dash_duo.driver)
    # What the browser does before printing (the charts take their printed widths).
    dash_duo.driver.execute_script("window.dispatchEvent(new Event('beforeprint'))")
    browser.wait_until_settled(dash_duo.driver)
    check, pdf = print_pdf(dash_duo.driver, tmp_path, path.strip("/").replace("/", "-"))
    assert check["hidden"] == [], "buttons or navigation on paper"
    assert check["overlaps"] == []
    assert check["wide"] == 0, "a chart wider than the page"
    # The footer of the page's frame, which Chromium repeats on every printed page.
    assert check["footer"].startswith("table-footer-group Source:")
    assert "Data last checked" in check["footer"]
    pages = pdf_pages(pdf)
    assert 1 <= pages <= MAX_PAGES
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True)
    assert len(list(tmp_path.glob("page-*.png"))) == pages
    assert browser.severe(dash_duo.get_logs()) == []


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs poppler-utils")
@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="issue 12, item 6, still open: with the real directory /force/gwent prints on 4 A4 "
    "pages, not 3 (the six-row fixture above fits). Strict: when the print layout fits, this "
    "test fails until the mark is removed.",
)
def test_the_real_gwent_profile_prints_on_at_most_three_pages(dash_duo, real_context, tmp_path):
    from app import create_app

    dash_duo.start_server(create_app(real_context))
    dash_duo.wait_for_page(dash_duo.server_url + "/force/gwent")
    dash_duo.wait_for_element(".key-figures")
    browser.wait_until_settled(dash_duo.driver)
    dash_duo.driver.execute_script("window.dispatchEvent(new Event('beforeprint'))")
    browser.wait_until_settled(dash_duo.driver)
    _check, pdf = print_pdf(dash_duo.driver, tmp_path, "real-gwent")
    assert pdf_pages(pdf) <= MAX_PAGES
