"""Headless Chromium measurements: bytes on the wire and time until the map is drawn.

Each measurement uses a fresh browser profile (nothing cached), with the same Chromium and flags
as the tests (:mod:`tools.browser`). The page gets, before any of its own scripts run, a
small poller that records ``performance.now()`` (milliseconds since navigation started) the first
time the map has drawn the expected number of areas, by the same check as the tests
(``RENDERED_AREAS_JS`` in tools/browser.py: SVG geo paths, or MapLibre's features).

:func:`measure_interactions` times, on a drawn overview, a real click on an area until the heading
names it and every drill-down chart and the map have been drawn again, and a filter tick until
the count has changed and the charts and the map have been drawn again; and, beside them, the
click's floor: its nine figures applied through dash-renderer alone (issue 25: "if a part of the
time is dash-renderer's own ... measure that floor and show it beside the result").
"""

from __future__ import annotations

import time

from tools.browser import (
    RENDERED_AREAS_JS,
    new_driver,
    severe,
    wait_until,
    wait_until_settled,
)

POLLER_JS = (
    RENDERED_AREAS_JS
    + """
(function () {
  const selector = %(selector)r, expected = %(expected)d;
  window.__bench = {drawnAt: null, rendered: 0};
  function check() {
    try {
      const n = renderedAreas(document.querySelector(selector));
      if (n !== null) {
        window.__bench.rendered = n;
        if (n >= expected) { window.__bench.drawnAt = performance.now(); return; }
      }
    } catch (e) { window.__bench.error = String(e); }
    setTimeout(check, 10);
  }
  check();
})();
"""
)

RESOURCES_JS = """
const entries = [performance.getEntriesByType('navigation')[0],
                 ...performance.getEntriesByType('resource')];
return entries.map(e => ({name: e.name, transfer: e.transferSize, encoded: e.encodedBodySize,
                          decoded: e.decodedBodySize, type: e.initiatorType,
                          end: e.responseEnd}));
"""


def measure_page(
    url: str, *, selector: str, expected: int, timeout: float = 60.0, settle: float = 1.0
) -> dict:
    """Open ``url`` in a fresh profile; time to map drawn and bytes transferred."""
    driver = new_driver()
    try:
        driver.execute_cdp_cmd(
            "Page.addScriptToEvaluateOnNewDocument",
            {"source": POLLER_JS % {"selector": selector, "expected": expected}},
        )
        driver.set_page_load_timeout(timeout)
        driver.get(url)
        deadline = time.time() + timeout
        state = {}
        while time.time() < deadline:
            state = driver.execute_script("return window.__bench || {}") or {}
            if state.get("drawnAt") is not None:
                break
            time.sleep(0.05)
        # Let trailing requests finish, then count everything the page fetched.
        count = -1
        while True:
            time.sleep(settle)
            entries = driver.execute_script(RESOURCES_JS)
            if len(entries) == count:
                break
            count = len(entries)
        errors = [entry["message"] for entry in severe(driver.get_log("browser"))]
    finally:
        driver.quit()
    return {
        "drawn_ms": state.get("drawnAt"),
        "rendered": state.get("rendered"),
        "error": state.get("error"),
        "requests": len(entries),
        "transfer_bytes": sum(entry["transfer"] or 0 for entry in entries),
        "encoded_bytes": sum(entry["encoded"] or 0 for entry in entries),
        "decoded_bytes": sum(entry["decoded"] or 0 for entry in entries),
        "largest": sorted(
            (
                {
                    "name": entry["name"].split("?")[0].rsplit("/", 2)[-1],
                    "transfer": entry["transfer"],
                    "decoded": entry["decoded"],
                }
                for entry in entries
            ),
            key=lambda item: -(item["transfer"] or 0),
        )[:8],
        "console_errors": errors,
    }


def safe_measure_page(url: str, **kwargs) -> dict:
    """:func:`measure_page`, recording a failure (the page never drew, or the browser hung)
    instead of raising."""
    try:
        return measure_page(url, **kwargs)
    except Exception as error:
        return {"drawn_ms": None, "failure": f"{type(error).__name__}: {str(error)[:160]}"}


#: Page-side timing of one interaction: the moment of the user's press (a capturing listener, so
#: before any handler runs), then the first frame in which ``done()`` holds and Dash has nothing in
#: flight. ``%(done)s`` is the body of ``done``.
TIMER_JS = """
window.__timing = {start: null, end: null};
const done = () => { %(done)s };
const start = () => {
  if (window.__timing.start !== null) { return; }
  window.__timing.start = performance.now();
  (function poll() {
    const busy = document.querySelector('[data-dash-is-loading="true"]');
    if (!busy && done()) {
      requestAnimationFrame(() => { window.__timing.end = performance.now(); });
      return;
    }
    setTimeout(poll, 5);
  })();
};
document.addEventListener('mousedown', start, {capture: true, once: true});
document.addEventListener('click', start, {capture: true, once: true});
"""

#: Where an area is on screen (viewport pixels), asked of the map: the middle of its drawn shape
#: on the SVG geo map, or of its centroid on a MapLibre map.
AREA_POINT_JS = """
const gd = document.querySelector(arguments[0]);
const [area, lon, lat] = [arguments[1], arguments[2], arguments[3]];
if (gd._fullLayout.geo) {
  const path = [...gd.querySelectorAll('.geo path.choroplethlocation')]
    .find(p => p.__data__ && p.__data__.loc === area);
  const r = path.getBoundingClientRect();
  return {x: r.left + r.width / 2, y: r.top + r.height / 2};
}
const m = gd._fullLayout.map._subplot.map;
const p = m.project([lon, lat]);
const r = m.getCanvas().getBoundingClientRect();
return {x: r.left + p.x, y: r.top + p.y};
"""


#: The area the click benchmarks press on the overview's map, and a point inside it (lon, lat).
CLICKED_AREA = ("gwent", -3.05, 51.72)


def open_overview_at_clicked_area(driver, base: str) -> dict:
    """Open the overview, wait until it has settled, and give the on-screen point of
    :data:`CLICKED_AREA` on its map (``{"x": …, "y": …}``)."""
    driver.get(base + "/")
    wait_until_settled(driver, 60)
    return driver.execute_script(AREA_POINT_JS, "#ov-map .js-plotly-plot", *CLICKED_AREA)


#: Marks, from the press on, each plotly graph on the page that plotly has drawn again (its
#: ``plotly_react`` or ``plotly_afterplot`` event): ``window.__redrawn`` holds them.
REDRAWN_JS = """
window.__redrawn = new Set();
document.querySelectorAll('.js-plotly-plot').forEach(gd => {
  const mark = () => {
    if (window.__timing && window.__timing.start !== null) { window.__redrawn.add(gd); }
  };
  gd.on('plotly_react', mark);
  gd.on('plotly_afterplot', mark);
});
"""

#: True once every drill-down chart and the map have been drawn again since the press.
ALL_REDRAWN_JS = (
    "window.__redrawn.size === document.querySelectorAll("
    "'.panel .js-plotly-plot, #ov-map .js-plotly-plot').length"
)


def timed(driver, done_js: str, act, timeout: float = 20.0) -> float | None:
    driver.execute_script(TIMER_JS % {"done": done_js})
    driver.execute_script(REDRAWN_JS)
    act()
    timing = wait_until(
        lambda: (t := driver.execute_script("return window.__timing"))["end"] is not None and t,
        timeout=timeout,
        what="the interaction's result",
    )
    return timing["end"] - timing["start"]


def measure_interactions(url: str, *, map_selector: str, area: tuple[str, float, float]) -> dict:
    """On a fresh load of ``url``: click ``area`` (id, lon, lat) on the map and time until the
    drill-down heading names it and every chart and the map are drawn again; then tick and
    untick the first behaviour-focus box and time until the count has changed and every chart
    and the map are drawn again, each time. Then the click's floor (:data:`DASH_FLOOR_JS`): the
    same figures, before and after the click, applied through dash-renderer with no request and
    no callback, which no Dash page drawing these nine graphs can go under."""
    driver = new_driver()
    try:
        driver.set_page_load_timeout(60)
        driver.get(url)
        wait_until_settled(driver, timeout=60)
        point = driver.execute_script(AREA_POINT_JS, map_selector, *area)
        before_click = driver.execute_script(SNAPSHOT_JS)
        title = "Drill-down: "
        click_ms = timed(
            driver,
            "const t = document.getElementById('ov-panel-title');"
            f" return t && t.textContent !== {title + 'all of Wales'!r} && {ALL_REDRAWN_JS};",
            lambda: mouse_click(driver, point["x"], point["y"]),
        )
        wait_until_settled(driver)
        # Open the behaviour-focus group only (an open "Show as table" would add its own work).
        box = driver.find_element("css selector", FILTER_BOX)
        driver.execute_script(
            "arguments[0].closest('details').open = true;"
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});",
            box,
        )
        filter_ms = []
        for _ in range(2):
            before = driver.execute_script(
                "return document.getElementById('ov-match-count').textContent"
            )
            filter_ms.append(
                timed(
                    driver,
                    "return document.getElementById('ov-match-count').textContent !== "
                    + repr(before)
                    + f" && {ALL_REDRAWN_JS};",
                    lambda: mouse_click(driver, *_middle(driver, box)),
                )
            )
            wait_until_settled(driver)
        errors = [entry["message"] for entry in severe(driver.get_log("browser"))]
        # Ticked and unticked, the page shows the click's figures again: the floor replays them.
        # A floor that fails is recorded as such and keeps the run's click and filter times.
        floor: dict = {}
        try:
            driver.set_script_timeout(60)
            floor["click_floor_ms"] = driver.execute_async_script(
                DASH_FLOOR_JS, before_click, driver.execute_script(SNAPSHOT_JS)
            )
        except Exception as error:
            floor["click_floor_error"] = f"{type(error).__name__}: {str(error)[:160]}"
    finally:
        driver.quit()
    return {
        "click_to_panels_ms": click_ms,
        **floor,
        "filter_ms": filter_ms,
        "console_errors": errors,
    }


#: The figures of the map and of every drill-down chart, as plotly holds them (deep copies).
SNAPSHOT_JS = """
const graphs = [...document.querySelectorAll('#ov-map .js-plotly-plot, .panel .js-plotly-plot')];
return JSON.stringify(graphs.map(gd => ({data: gd.data, layout: gd.layout})));
"""

#: plotly's own redraw of the click, without Dash: each graph set back to its figure before the
#: click, then, timed, to its figure after, with ``Plotly.react`` in turn, as dash-renderer does;
#: until the frame after the last one. The median of five, in ms.
PLOTLY_FLOOR_JS = """
const [before, after] = [JSON.parse(arguments[0]), JSON.parse(arguments[1])];
const done = arguments[arguments.length - 1];
const graphs = [...document.querySelectorAll('#ov-map .js-plotly-plot, .panel .js-plotly-plot')];
const copy = value => JSON.parse(JSON.stringify(value));
(async () => {
  const times = [];
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < graphs.length; i++) {
      await Plotly.react(graphs[i], copy(before[i].data), copy(before[i].layout));
    }
    await new Promise(resolve => setTimeout(resolve, 50));
    const started = performance.now();
    const redraws = [];
    for (let i = 0; i < graphs.length; i++) {
      redraws.push(Plotly.react(graphs[i], copy(after[i].data), copy(after[i].layout)));
    }
    await Promise.all(redraws);
    await new Promise(resolve => requestAnimationFrame(resolve));
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  done(times[2]);
})();
"""


#: dash-renderer's share with the server's taken out: each graph set back to its figure before the
#: click, then, timed, every figure after the click given to its ``dcc.Graph`` at once through
#: Dash's public ``dash_clientside.set_props`` (one store update per graph, React's commit,
#: ``dcc.Graph``'s own redraw), until each graph has fired ``plotly_afterplot`` and the frame
#: after. What no callback chain of this page can go under: no request, no callback, only the
#: figures applied as dash-renderer applies an answer. The median of five, in ms.
DASH_FLOOR_JS = """
const [before, after] = [JSON.parse(arguments[0]), JSON.parse(arguments[1])];
const done = arguments[arguments.length - 1];
const graphs = [...document.querySelectorAll('#ov-map .js-plotly-plot, .panel .js-plotly-plot')];
const ids = graphs.map(gd => {
  const id = gd.closest('[id]').id;  // a pattern-matching id is its JSON text in the page
  return id.startsWith('{') ? JSON.parse(id) : id;
});
const copy = value => JSON.parse(JSON.stringify(value));
const redrawn = () => Promise.all(graphs.map(gd => new Promise(resolve => {
  const handler = () => { gd.removeListener('plotly_afterplot', handler); resolve(); };
  gd.on('plotly_afterplot', handler);
})));
const setAll = figures => ids.forEach((id, i) => dash_clientside.set_props(
  id, {figure: {data: copy(figures[i].data), layout: copy(figures[i].layout)}}));
(async () => {
  const times = [];
  for (let round = 0; round < 5; round++) {
    let waiting = redrawn();
    setAll(before);
    await waiting;
    await new Promise(resolve => setTimeout(resolve, 50));
    waiting = redrawn();
    const started = performance.now();
    setAll(after);
    await waiting;
    await new Promise(resolve => requestAnimationFrame(resolve));
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  done(times[2]);
})();
"""


#: The first behaviour-focus box of the overview's filters.
FILTER_BOX = "#ov-filter-behaviour-focus input[type=checkbox]"


def _middle(driver, element) -> tuple[float, float]:
    rect = driver.execute_script("return arguments[0].getBoundingClientRect().toJSON()", element)
    return rect["x"] + rect["width"] / 2, rect["y"] + rect["height"] / 2


def mouse_click(driver, x: float, y: float) -> None:
    """A real mouse press and release at viewport pixel (x, y), through the DevTools protocol."""
    for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
        driver.execute_cdp_cmd(
            "Input.dispatchMouseEvent",
            {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1},
        )


def safe_measure_interactions(url: str, **kwargs) -> dict:
    try:
        return measure_interactions(url, **kwargs)
    except Exception as error:
        return {"failure": f"{type(error).__name__}: {str(error)[:160]}"}
