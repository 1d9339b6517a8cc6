"""Headless Chromium for the tests, the benchmark and the screenshot script, set up in one place.

One set of Chromium flags and one driver factory; the console errors a page logged; waiting for a
condition; and what the overview's map has drawn. The browser is Debian's Chromium with its
ChromeDriver (``scripts/ensure_test_tools.sh`` installs both). dash_duo builds its own driver from
:func:`chromium_options` (``pytest_setup_options`` in tests/conftest.py) and adds ``--headless``.
Importable from the project root: ``python -m bench`` and scripts/screenshot.py use it too.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import TypeVar

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
#: Debian's build run as root, with nothing fetched in the background (the tests check that every
#: request a page makes goes to the app).
FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
WINDOW = (1366, 900)

#: A page-side function ``renderedAreas(gd)``: how many areas a plotly map has really drawn, or
#: null while it is not drawn yet. For the SVG geo map, the choropleth paths with a shape (one per
#: area of the visible traces); for a MapLibre map, its rendered fill features (each carries its
#: area's centroid, "ct"). The benchmark uses it too, so it measures either renderer.
RENDERED_AREAS_JS = """
function renderedAreas(gd) {
  if (!gd || !gd._fullLayout) { return null; }
  if (gd._fullLayout.geo) {
    const paths = [...gd.querySelectorAll('.geo path.choroplethlocation')];
    return paths.filter(p => (p.getAttribute('d') || '').length > 4).length;
  }
  const sub = gd._fullLayout.map && gd._fullLayout.map._subplot;
  if (sub && sub.map && sub.map.loaded()) {
    const fills = sub.map.queryRenderedFeatures().filter(f => f.layer.id.endsWith('-fill'));
    return new Set(fills.map(f => JSON.stringify(f.properties.ct))).size;
  }
  return null;
}
"""

#: The overview map's plotly data, how many areas are drawn and the text of its labels (``%s``
#: is the id of the graph's container).
MAP_STATE_JS = (
    RENDERED_AREAS_JS
    + """
const gd = document.querySelector('#%s .js-plotly-plot');
if (!gd || !gd._fullData) { return null; }
const visible = gd._fullData.filter(t => t.visible === true && t.type !== 'scattergeo');
return {
  locations: visible.map(t => Array.from(t.locations || [])),
  rendered: renderedAreas(gd),
  labels: [...gd.querySelectorAll('.geo .scattergeo text')].map(t => t.textContent),
};
"""
)

#: True when Dash has no callback in flight or queued (its store's lists of callbacks requested,
#: being prioritised, blocked, executing, watched or executed, as dash.testing reads them; a page
#: that is not Dash's has no store), the page has content, a place filled after the map (the
#: overview's drill-down) is filled, and every plotly graph has drawn (a map once it has drawn
#: areas).
SETTLED_JS = (
    RENDERED_AREAS_JS
    + """
if (document.querySelector('[data-dash-is-loading="true"]')) { return false; }
const callbacks = window.store && window.store.getState().callbacks;
if (callbacks && Object.entries(callbacks).some(
  ([state, queued]) => state !== 'stored' && Array.isArray(queued) && queued.length)) {
  return false;
}
if ([...document.querySelectorAll('.panels-place')].some(place => !place.firstChild)) {
  return false;
}
const plots = [...document.querySelectorAll('.js-plotly-plot')];
if (!plots.length && !document.querySelector('#shell-page *')) { return false; }
return plots.every(gd => {
  if (!gd._fullLayout) { return false; }
  if (!gd._fullLayout.geo && !gd._fullLayout.map) { return true; }
  return renderedAreas(gd) > 0;
});
"""
)

#: (Async script) Whether the page has not scrolled over three animation frames: a smooth scroll
#: moves it every frame until it arrives.
STILL_JS = """
const done = arguments[arguments.length - 1];
const at = [window.scrollX, window.scrollY];
const still = () => window.scrollX === at[0] && window.scrollY === at[1];
requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => done(still()))));
"""

#: The drawn box of each label on a map (viewport pixels) and its text (``%s``: the id of the
#: graph's container).
LABEL_BOXES_JS = """
return [...document.querySelectorAll('#%s .geo .scattergeo text')]
  .filter(t => t.textContent.trim())
  .map(t => { const r = t.getBoundingClientRect();
              return {text: t.textContent, left: r.left, right: r.right, top: r.top,
                      bottom: r.bottom}; });
"""

#: Each label of a map (``%s``: the id of the graph's container) against what is drawn under
#: it: its text, its area (the label trace's ``customdata``), its text colour as rendered, the
#: map's background, and for sample points of each of its lines (every 3 pixels across it, at
#: its middle and a third of its height above and below) the area whose drawn shape holds the
#: point and that shape's rendered fill (``area`` null outside every shape), the label's middle
#: first. Also how many leader lines the map draws.
LABEL_GROUND_JS = """
const gd = document.querySelector('#%s .js-plotly-plot');
const labels = gd._fullData.find(t => t.type === 'scattergeo' && t.mode === 'text');
const leaders = gd._fullData.find(t => t.type === 'scattergeo' && t.mode === 'lines');
const shapes = [...gd.querySelectorAll('.geo path.choroplethlocation')]
  .filter(p => (p.getAttribute('d') || '').length > 4 && p.__data__);
const under = (x, y) => {
  for (const p of shapes) {
    const matrix = p.getScreenCTM();
    if (!matrix) { continue; }
    const point = new DOMPoint(x, y).matrixTransform(matrix.inverse());
    if (p.isPointInFill(point)) { return {area: p.__data__.loc, fill: getComputedStyle(p).fill}; }
  }
  return {area: null, fill: null};
};
const found = [...gd.querySelectorAll('.geo .scattergeo text')]
  .filter(t => t.textContent.trim() && t.__data__)
  .map(t => {
    const box = t.getBoundingClientRect();
    const samples = [under((box.left + box.right) / 2, (box.top + box.bottom) / 2)];
    const lines = [...t.querySelectorAll('tspan.line')];
    for (const line of (lines.length ? lines : [t])) {
      const r = line.getBoundingClientRect();
      const middle = (r.top + r.bottom) / 2, third = (r.bottom - r.top) / 3;
      for (const y of [middle, middle - third, middle + third]) {
        for (let x = r.left + 1; x <= r.right - 1; x += 3) { samples.push(under(x, y)); }
        samples.push(under(r.right - 1, y));
      }
    }
    return {text: t.textContent, area: labels.customdata[t.__data__.i],
            colour: getComputedStyle(t).fill, samples};
  });
const leaderCount = leaders && leaders.lon ? leaders.lon.filter(v => v === null).length : 0;
return {labels: found, background: gd._fullLayout.paper_bgcolor, leaders: leaderCount};
"""

T = TypeVar("T")


def chromium_options(
    *,
    headless: bool = False,
    window: tuple[int, int] = WINDOW,
    extra_flags: Iterable[str] = (),
    logs: Iterable[str] = ("browser",),
):
    """Chromium's options: :data:`FLAGS`, the window size, and the logs to keep in full."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--window-size={window[0]},{window[1]}", *extra_flags):
        options.add_argument(flag)
    if headless:
        options.add_argument("--headless=new")
    kinds = tuple(logs)
    if kinds:
        options.set_capability("goog:loggingPrefs", dict.fromkeys(kinds, "ALL"))
    return options


def new_driver(**options):
    """A headless Chromium driven through Debian's ChromeDriver; ``options`` as
    :func:`chromium_options` takes them."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    return webdriver.Chrome(
        service=Service(CHROMEDRIVER), options=chromium_options(headless=True, **options)
    )


def severe(entries: Iterable[dict] | None) -> list[dict]:
    """The console entries logged as errors, from ``driver.get_log("browser")`` or
    ``dash_duo.get_logs()`` (which gives ``None`` when there is nothing new)."""
    return [entry for entry in entries or () if entry.get("level") == "SEVERE"]


def wait_until(
    condition: Callable[[], T], timeout: float = 10.0, *, poll: float = 0.2, what: str = ""
) -> T:
    """Poll ``condition`` until it gives something true and return that; fail after ``timeout``.

    Our own loop rather than ``dash.testing.wait.until`` because a failure here says what was
    awaited and the last value seen, which is what one needs to read a flaky browser test.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(
                f"{what or 'condition'} not met in {timeout:g} s (last value {value!r})"
            )
        time.sleep(poll)


def wait_until_settled(driver, timeout: float = 30.0, *, quiet: float = 0.25) -> None:
    """Wait until the page has stayed settled (:data:`SETTLED_JS`) for ``quiet`` seconds: a
    callback that fires only after the first content has drawn gets the time to start (a
    callback is queued in Dash's store as soon as a property it reads changes, so this covers the
    frames between a graph's drawing and its resizing or relayout events, not a server's
    answer)."""
    settled_since: list[float] = []

    def settled() -> bool:
        if not driver.execute_script(SETTLED_JS):
            settled_since.clear()
            return False
        settled_since[:1] = settled_since[:1] or [time.monotonic()]
        return time.monotonic() - settled_since[0] >= quiet

    wait_until(settled, timeout, poll=0.05, what="the page settling")


def wait_until_still(driver, timeout: float = 30.0) -> None:
    """Wait until the page has settled (:func:`wait_until_settled`: a callback that would
    scroll has run) and is not scrolling."""
    wait_until_settled(driver, timeout)
    wait_until(lambda: driver.execute_async_script(STILL_JS), timeout, what="the page still")


def scroll_into_view(driver, element) -> None:
    """Scroll ``element`` to the middle of the window at once (the stylesheet's smooth scrolling
    would still be moving it when a click lands)."""
    driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element
    )


def map_state(driver, graph_id: str) -> dict | None:
    """The areas each visible map trace has and how many are drawn (see :data:`MAP_STATE_JS`)."""
    return driver.execute_script(MAP_STATE_JS % graph_id)


def label_boxes(driver, graph_id: str) -> list[dict]:
    """The drawn box and text of each label on the map in ``#graph_id``."""
    return driver.execute_script(LABEL_BOXES_JS % graph_id)


def label_grounds(driver, graph_id: str) -> dict:
    """Each map label against what is drawn under it (see :data:`LABEL_GROUND_JS`)."""
    return driver.execute_script(LABEL_GROUND_JS % graph_id)


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    """Pairs of labels whose drawn boxes overlap (by more than a pixel each way)."""
    pairs = []
    for index, one in enumerate(boxes):
        for other in boxes[index + 1 :]:
            across = min(one["right"], other["right"]) - max(one["left"], other["left"])
            down = min(one["bottom"], other["bottom"]) - max(one["top"], other["top"])
            if across > 1 and down > 1:
                pairs.append((one["text"], other["text"]))
    return pairs
