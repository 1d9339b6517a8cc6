"""The presenter's slides in a real browser (issue 23, item 2): every slide of ``/present`` and of
the offline deck fits a 1366x768 and a 1024x768 window (the window's visible viewport: 625 px
high under headless Chromium's own window chrome) in English and Welsh, with body text of 18 px or
more; the map slide draws the overview's map with its labels; the deck, opened from disk with the
network off, draws its map and moves with the keys.

Before issue 23, slides 3 to 5 were 752 to 833 px tall in that 625 px window.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys

from dashboard.views import deck, findings
from dashboard.web import ids
from tests.support.screen_text import OVERFLOW_JS
from tools.browser import (
    RENDERED_AREAS_JS,
    severe,
    wait_until,
    wait_until_settled,
)

pytestmark = pytest.mark.browser

#: The two screens of the issue (outer window sizes; the viewport is what the browser leaves).
WINDOWS = ((1366, 768), (1024, 768))
#: The smallest body text allowed on a slide, in pixels (at 1024x768).
SMALLEST_TEXT = 18

#: What does not fit the window on the slide shown: the page taller or wider than the viewport,
#: any element of the slide or its controls outside it, the slide's text taller than its box;
#: and the slide's body text sizes (headline, points, footer).
FIT_JS = """
const vw = window.innerWidth, vh = window.innerHeight;
const out = [];
const page = document.documentElement;
if (page.scrollHeight > vh) { out.push('page ' + page.scrollHeight + ' px tall in ' + vh); }
if (page.scrollWidth > vw) { out.push('page ' + page.scrollWidth + ' px wide in ' + vw); }
const slide = document.querySelector('#present-slide .slide:not([hidden])');
const name = el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
  ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
for (const el of document.querySelectorAll('.present *')) {
  if (el.closest('.js-plotly-plot') && !el.classList.contains('js-plotly-plot')) { continue; }
  if (el.checkVisibility && !el.checkVisibility()) { continue; }
  const r = el.getBoundingClientRect();
  if (!r.width && !r.height) { continue; }
  if (r.bottom > vh + 0.5 || r.right > vw + 0.5 || r.top < -0.5 || r.left < -0.5) {
    out.push(name(el) + ' "' + (el.innerText || '').slice(0, 50) + '" at ' +
      [r.left, r.top, r.right, r.bottom].map(Math.round).join(','));
  }
}
const text = slide.querySelector('.slide-text');
if (text.scrollHeight > text.clientHeight + 1) {
  out.push('the slide text is ' + text.scrollHeight + ' px tall in a box of ' + text.clientHeight);
}
const sizes = [...slide.querySelectorAll('.slide-headline, .slide-points li, .slide-footer p')]
  .map(el => parseFloat(getComputedStyle(el).fontSize));
return {problems: out, smallest: Math.min(...sizes), viewport: [vw, vh], slide: slide.id,
        count: slide.querySelector('.slide-count').innerText};
"""
#: The shown slide's map: its drawn areas and its labels (null while not drawn).
SLIDE_MAP_JS = (
    RENDERED_AREAS_JS
    + """
const gd = document.querySelector('#present-slide .slide:not([hidden]) .js-plotly-plot');
const drawn = gd && renderedAreas(gd);
if (!drawn) { return null; }
// A label broken over lines (a long Welsh name) is drawn as one tspan per line: read with spaces.
const lines = t => [...t.querySelectorAll('tspan.line')].map(s => s.textContent);
return {areas: drawn, labels: [...gd.querySelectorAll('.geo .scattergeo text')]
  .map(t => (lines(t).length ? lines(t).join(' ') : t.textContent)).filter(Boolean)};
"""
)
FORCES = {
    "en": ("North Wales", "Dyfed-Powys", "Gwent", "South Wales"),
    # The area, as the English labels name it, not the force ("Heddlu ..."): the map's labels
    # (map_labels.FORCE_AREA_NAMES_CY).
    "cy": ("Gogledd Cymru", "Dyfed-Powys", "Gwent", "De Cymru"),
}


def fitted(driver, number: int) -> dict:
    """Once slide ``number`` is shown and fitted (assets/present.js marks it), what does not fit."""
    wait_until(
        lambda: (
            driver.execute_script(
                "const p = document.querySelector('.present'); return p && p.dataset.fitted"
            )
            == f"slide-{number}"
        ),
        30,
        what=f"slide {number} fitted to the window",
    )
    return driver.execute_script(FIT_JS)


def check_fits(driver, number: int, width: int, where: str) -> None:
    result = fitted(driver, number)
    assert result["slide"] == f"slide-{number}"
    assert result["viewport"][1] < 768, "the viewport, not the outer window"
    assert result["problems"] == [], f"{where} slide {number}: {result['problems']}"
    assert driver.execute_script(OVERFLOW_JS) == [], f"{where} slide {number}"
    if width == 1024:
        assert result["smallest"] >= SMALLEST_TEXT, (
            f"{where} slide {number}: {result['smallest']} px"
        )


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize("window", WINDOWS, ids=lambda size: f"{size[0]}x{size[1]}")
def test_every_slide_fits_the_window(dash_duo, real_app, real_context, lang, window):
    total = len(findings.slides(real_context, lang))
    driver = dash_duo.driver
    driver.set_window_size(*window)
    dash_duo.start_server(real_app, navigate=False)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/present?lang={lang}")
    body = driver.find_element("tag name", "body")
    for number in range(1, total + 1):
        if number > 1:
            body.send_keys(Keys.ARROW_RIGHT)
        wait_until_settled(driver, 60)
        check_fits(driver, number, window[0], f"/present {lang} {window[0]}x{window[1]}")
    assert severe(dash_duo.get_logs()) == []


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_map_slide_draws_the_overviews_map_with_labels(dash_duo, real_app, real_context, lang):
    slides = findings.slides(real_context, lang)
    number = next(n for n, slide in enumerate(slides, 1) if slide.map_view is not None)
    dash_duo.start_server(real_app, navigate=False)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/present?slide={number}&lang={lang}")
    drawn = wait_until(lambda: dash_duo.driver.execute_script(SLIDE_MAP_JS), 30, what="the map")
    assert drawn["areas"] == 4
    # Each police force area labelled with its name and count.
    for force in FORCES[lang]:
        assert any(label.startswith(force) for label in drawn["labels"]), (force, drawn)
    # Home and End reach the first and last slides.
    body = dash_duo.find_element("body")
    body.send_keys(Keys.END)
    wait_until(
        lambda: f"slide={len(slides)}" in dash_duo.driver.current_url, 20, what="the last slide"
    )
    dash_duo.wait_for_contains_text(f"#{ids.PRESENT_SLIDE}", slides[-1].title)
    body.send_keys(Keys.HOME)
    wait_until(lambda: "slide=1" in dash_duo.driver.current_url, 20, what="the first slide")
    assert severe(dash_duo.get_logs()) == []


def open_offline(driver, path) -> None:
    """Open ``path`` with the network off: nothing can be fetched, from anywhere."""
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    driver.get(path.as_uri())


def shown(driver) -> str:
    return driver.execute_script(
        "return document.querySelector('#present-slide .slide:not([hidden])').id"
    )


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_deck_opened_from_disk_offline_draws_its_map_and_moves_with_the_keys(
    dash_duo, real_context, lang, tmp_path
):
    path = tmp_path / deck.file_name(lang)
    path.write_text(deck.build_deck(real_context, lang), encoding="utf-8")
    slides = findings.slides(real_context, lang)
    map_number = next(n for n, slide in enumerate(slides, 1) if slide.map_view is not None)
    driver = dash_duo.driver
    open_offline(driver, path)
    assert shown(driver) == "slide-1"
    body = driver.find_element("tag name", "body")
    for _step in range(map_number - 1):
        body.send_keys(Keys.ARROW_RIGHT)
    assert shown(driver) == f"slide-{map_number}"
    drawn = wait_until(lambda: driver.execute_script(SLIDE_MAP_JS), 30, what="the deck's map")
    assert drawn["areas"] == 4
    for force in FORCES[lang]:
        assert any(label.startswith(force) for label in drawn["labels"]), (force, drawn)
    # Every key a presenter's clicker or keyboard sends.
    for key, expected in (
        (Keys.ARROW_LEFT, map_number - 1),
        (Keys.PAGE_DOWN, map_number),
        (Keys.ARROW_DOWN, map_number + 1),
        (Keys.PAGE_UP, map_number),
        (Keys.END, len(slides)),
        (Keys.ARROW_RIGHT, len(slides)),
        (Keys.HOME, 1),
        (Keys.ARROW_UP, 1),
    ):
        body.send_keys(key)
        assert shown(driver) == f"slide-{expected}", key
    assert driver.execute_script("return location.hash") == "#1"
    # Nothing was asked of any server: every resource came from the file itself.
    requested = driver.execute_script(
        "return [...performance.getEntriesByType('navigation'),"
        " ...performance.getEntriesByType('resource')].map(e => e.name)"
    )
    assert requested and [url for url in requested if not url.startswith(("file:", "data:"))] == []
    assert severe(driver.get_log("browser")) == []


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize("window", WINDOWS, ids=lambda size: f"{size[0]}x{size[1]}")
def test_every_slide_of_the_deck_fits_the_window(dash_duo, real_context, lang, window, tmp_path):
    path = tmp_path / deck.file_name(lang)
    path.write_text(deck.build_deck(real_context, lang), encoding="utf-8")
    driver = dash_duo.driver
    driver.set_window_size(*window)
    open_offline(driver, path)
    body = driver.find_element("tag name", "body")
    for number in range(1, len(findings.slides(real_context, lang)) + 1):
        if number > 1:
            body.send_keys(Keys.ARROW_RIGHT)
        wait_until(
            lambda: driver.execute_script(
                "return [...document.querySelectorAll('.slide:not([hidden]) .slide-figure')]"
                ".every(box => box.querySelector('.main-svg'))"
            ),
            30,
            what="the slide's chart drawn",
        )
        check_fits(driver, number, window[0], f"deck {lang} {window[0]}x{window[1]}")
