"""``python -m bench.profile_click``: where a click on the map spends its time, in Chromium.

Serves the dashboard with gunicorn, opens ``/`` in a fresh headless Chromium, then records a CPU
profile (CDP ``Profiler``) from a real mouse click on Gwent until every panel shows it. Prints the
click-to-panels time, the callback requests (start and duration, ms since navigation) and the
profile's self time by script and by function.
"""

from __future__ import annotations

import collections
import tempfile
from pathlib import Path

from bench import browser as bench_browser
from tools import browser, servers

ROOT = Path(__file__).resolve().parent.parent
DONE_JS = (
    "const t = document.getElementById('ov-panel-title');"
    " return t && t.textContent.includes('Gwent');"
)
REQUESTS_JS = (
    "return performance.getEntriesByType('resource')"
    ".filter(e => e.name.includes('_dash-update-component'))"
    ".map(e => [Math.round(e.startTime), Math.round(e.duration)])"
)


def self_times(profile: dict) -> tuple[collections.Counter, collections.Counter]:
    """Milliseconds of self time by (function, script, line) and by script."""
    nodes = {node["id"]: node["callFrame"] for node in profile["nodes"]}
    by_function: collections.Counter = collections.Counter()
    by_script: collections.Counter = collections.Counter()
    for sample, delta in zip(profile["samples"], profile["timeDeltas"], strict=True):
        frame = nodes[sample]
        script = frame["url"].rsplit("/", 1)[-1].split("?")[0]
        by_function[(frame["functionName"] or "(anonymous)", script, frame["lineNumber"])] += (
            delta / 1000
        )
        by_script[script or "(native: style, layout, paint, ...)"] += delta / 1000
    return by_function, by_script


def main() -> int:
    with (
        tempfile.TemporaryDirectory() as tmp,
        servers.gunicorn(
            ROOT, "app:create_server()", log=Path(tmp) / "gunicorn.log", timeout=600
        ) as base,
    ):
        driver = browser.new_driver()
        try:
            point = bench_browser.open_overview_at_clicked_area(driver, base)
            driver.execute_cdp_cmd("Profiler.enable", {})
            driver.execute_cdp_cmd("Profiler.setSamplingInterval", {"interval": 200})
            driver.execute_cdp_cmd("Profiler.start", {})
            ms = bench_browser.timed(
                driver, DONE_JS, lambda: bench_browser.mouse_click(driver, point["x"], point["y"])
            )
            profile = driver.execute_cdp_cmd("Profiler.stop", {})["profile"]
            timing = driver.execute_script("return window.__timing")
            requests = driver.execute_script(REQUESTS_JS)
        finally:
            driver.quit()
    print(f"click to panels: {ms:.0f} ms (press at {timing['start']:.0f} ms)")
    print("callback requests after the press (start, duration):")
    print("  ", [request for request in requests if request[0] >= timing["start"] - 5])
    by_function, by_script = self_times(profile)
    print("self time by script (ms):")
    for script, total in by_script.most_common(8):
        print(f"  {total:8.1f}  {script}")
    print("self time by function (ms):")
    for (name, script, line), total in by_function.most_common(15):
        print(f"  {total:8.1f}  {name} ({script}:{line})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
