"""``python -m bench.trace_click``: the timeline of one click and one filter tick, in Chromium.

Serves the dashboard with gunicorn, opens ``/`` in a fresh headless Chromium and, for a real click
on Gwent and then a tick of the first behaviour-focus box, prints each callback request (what it
outputs, when it was sent and answered, its size) and each plotly redraw (which graph, when its
``plotly_react``/``plotly_afterplot`` fired), in ms from the press, with the interaction's time
as the benchmark measures it (:mod:`bench.browser`).
"""

from __future__ import annotations

import collections
import itertools
import json
import os
import sys
import tempfile
from pathlib import Path

from bench import browser as bench_browser
from bench.browser import DASH_FLOOR_JS, PLOTLY_FLOOR_JS, SNAPSHOT_JS
from tools import browser, servers

ROOT = Path(__file__).resolve().parent.parent

#: Wraps ``fetch`` to log each callback request's outputs, and listens to every graph's redraws.
TRACE_JS = """
window.__trace = [];
if (!window.__fetchWrapped) {
  window.__fetchWrapped = true;
  const original = window.fetch;
  window.fetch = function (url, init) {
    const started = performance.now();
    let output = '';
    try { output = JSON.parse(init.body).output; } catch (e) {}
    return original.apply(this, arguments).then(response => {
      const answered = performance.now();
      response.clone().text().then(body => window.__trace.push(
        {kind: 'request', what: String(output).slice(0, 70), start: started, end: answered,
         bytes: body.length}));
      return response;
    });
  };
}
document.querySelectorAll('.js-plotly-plot').forEach(gd => {
  if (gd.__traced) { return; }
  gd.__traced = true;
  const name = (gd.parentElement && gd.parentElement.id) || gd.id || '?';
  ['plotly_react', 'plotly_afterplot'].forEach(event => gd.on(event, () =>
    window.__trace.push({kind: event, what: name, start: performance.now()})));
});
"""


def report(label: str, ms: float, timing: dict, trace: list[dict]) -> None:
    press = timing["start"]
    print(f"\n{label}: {ms:.0f} ms")
    for entry in sorted(trace, key=lambda e: e["start"]):
        if entry["start"] < press - 5:
            continue
        start = entry["start"] - press
        if entry["kind"] == "request":
            end = entry["end"] - press
            print(f"  {start:7.0f} -> {end:5.0f}  request {entry['bytes']:7d} B  {entry['what']}")
        else:
            print(f"  {start:7.0f}           {entry['kind']:16s} {entry['what']}")


EDGES: list[float] = []


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    EDGES[:] = [1.0] if sys.argv[2:] else []
    with (
        tempfile.TemporaryDirectory() as tmp,
        servers.gunicorn(
            ROOT,
            os.environ.get("TRACE_TARGET", "app:create_server()"),
            pythonpath=tuple(Path(p) for p in os.environ.get("TRACE_PATH", "").split(":") if p),
            log=Path(tmp) / "gunicorn.log",
            timeout=600,
        ) as base,
    ):
        for _ in range(runs):
            trace_once(base)
    return 0


MARKER_JS = """
window.__benchMarker = function __benchMarker() {
  const t0 = performance.now(); while (performance.now() - t0 < 8) {} return t0;
};
return window.__benchMarker();
"""


def profile_windows(profile: dict, marker_at: float, press: float, edges: list[float]) -> None:
    """Self time by script and top functions in each window between ``edges`` (ms from the
    press), the profile's clock aligned by the marker function's first sample."""
    nodes = {node["id"]: node["callFrame"] for node in profile["nodes"]}
    t = profile["startTime"]
    stamps = []
    for sample, delta in zip(profile["samples"], profile["timeDeltas"], strict=True):
        t += delta
        stamps.append((t / 1000, sample, delta / 1000))
    first = next(s for s, n, _ in stamps if nodes[n]["functionName"] == "__benchMarker")
    offset = marker_at - first
    windows = list(itertools.pairwise(edges))
    for lo, hi in windows:
        scripts: collections.Counter = collections.Counter()
        functions: collections.Counter = collections.Counter()
        for stamp, node, delta in stamps:
            at = stamp + offset - press
            if lo <= at < hi:
                frame = nodes[node]
                script = frame["url"].rsplit("/", 1)[-1].split("?")[0] or "(native)"
                scripts[script] += delta
                functions[
                    f"{frame['functionName'] or '(anon)'} {script}:{frame['lineNumber']}"
                ] += delta
        print(
            f"  window {lo:.0f}-{hi:.0f} ms:",
            ", ".join(f"{k} {v:.0f}" for k, v in scripts.most_common(6)),
        )
        for name, total in functions.most_common(12):
            print(f"      {total:6.1f}  {name[:110]}")


def auto_edges(timing: dict, trace: list[dict]) -> list[float]:
    """Window edges: the press, the first request sent, the last first-wave answer, the next
    request sent, the last answer, each distinct redraw time, and the end."""
    press = timing["start"]
    points = {0.0, timing["end"] - press}
    for entry in trace:
        if entry["start"] >= press - 5:
            points.add(round(entry["start"] - press))
            if entry["kind"] == "request":
                points.add(round(entry["end"] - press))
    edges = sorted(points)
    merged = [edges[0]]
    for edge in edges[1:]:
        if edge - merged[-1] >= 8:
            merged.append(edge)
    return merged


def trace_once(base: str) -> None:
    driver = browser.new_driver()
    try:
        point = bench_browser.open_overview_at_clicked_area(driver, base)
        driver.execute_script(TRACE_JS)
        before_click = driver.execute_script(SNAPSHOT_JS)
        done = (
            "const t = document.getElementById('ov-panel-title');"
            f" return t && t.textContent.includes('Gwent') && {bench_browser.ALL_REDRAWN_JS};"
        )
        profiling = bool(EDGES)
        if profiling:
            driver.execute_cdp_cmd("Profiler.enable", {})
            driver.execute_cdp_cmd("Profiler.setSamplingInterval", {"interval": 100})
            driver.execute_cdp_cmd("Profiler.start", {})
            marker_at = driver.execute_script(MARKER_JS)
        ms = bench_browser.timed(
            driver, done, lambda: bench_browser.mouse_click(driver, point["x"], point["y"])
        )
        browser.wait_until_settled(driver)
        timing, trace = driver.execute_script("return [window.__timing, window.__trace]")
        report("click", ms, timing, trace)
        if os.environ.get("TRACE_PLOTLY_FLOOR"):
            after_click = driver.execute_script(SNAPSHOT_JS)
            driver.set_script_timeout(60)
            floor = driver.execute_async_script(PLOTLY_FLOOR_JS, before_click, after_click)
            print(f"  plotly's own redraw of the map and the charts (median of 5): {floor:.0f} ms")
            through_dash = driver.execute_async_script(DASH_FLOOR_JS, before_click, after_click)
            print(
                "  the same figures applied through dash-renderer, no request (median of 5):"
                f" {through_dash:.0f} ms"
            )
        if profiling:
            profile = driver.execute_cdp_cmd("Profiler.stop", {})["profile"]
            profile_windows(profile, marker_at, timing["start"], auto_edges(timing, trace))
            if os.environ.get("TRACE_PROFILE_OUT"):
                Path(os.environ["TRACE_PROFILE_OUT"]).write_text(json.dumps(profile))
        box = driver.find_element("css selector", bench_browser.FILTER_BOX)
        driver.execute_script(
            "arguments[0].closest('details').open = true;"
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});",
            box,
        )
        before = driver.execute_script(
            "return document.getElementById('ov-match-count').textContent"
        )
        driver.execute_script(TRACE_JS)
        ms = bench_browser.timed(
            driver,
            "return document.getElementById('ov-match-count').textContent !== "
            + repr(before)
            + f" && {bench_browser.ALL_REDRAWN_JS};",
            lambda: bench_browser.mouse_click(driver, *bench_browser._middle(driver, box)),
        )
        browser.wait_until_settled(driver)
        report("filter", ms, *driver.execute_script("return [window.__timing, window.__trace]"))
    finally:
        driver.quit()


if __name__ == "__main__":
    raise SystemExit(main())
