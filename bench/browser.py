"""Headless Chromium measurements: bytes on the wire and time until the map is drawn.

Each measurement uses a fresh browser profile (nothing cached), with the same Chromium and flags
as the tests (:mod:`tests.support.browser`). The page gets, before any of its own scripts run, a
small poller that records ``performance.now()`` (milliseconds since navigation started) the first
time the map's maplibre instance has drawn the expected number of areas, by the same check as
``MAP_STATE_JS`` in tests/support/browser.py.
"""

from __future__ import annotations

import time

from tests.support.browser import new_driver, severe

POLLER_JS = """
(function () {
  const selector = %(selector)r, expected = %(expected)d;
  window.__bench = {drawnAt: null, rendered: 0};
  function check() {
    try {
      const gd = document.querySelector(selector);
      const sub = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
      if (sub && sub.map && sub.map.loaded()) {
        // plotly gives each drawn area a fill feature carrying its centroid ("ct").
        const fills = sub.map.queryRenderedFeatures().filter(f => f.layer.id.endsWith('-fill'));
        const n = new Set(fills.map(f => JSON.stringify(f.properties.ct))).size;
        window.__bench.rendered = n;
        if (n >= expected) { window.__bench.drawnAt = performance.now(); return; }
      }
    } catch (e) { window.__bench.error = String(e); }
    setTimeout(check, 10);
  }
  check();
})();
"""

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
