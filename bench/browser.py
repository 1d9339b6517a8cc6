"""Headless Chromium measurements: bytes on the wire and time until the map is drawn.

Each measurement uses a fresh browser profile (nothing cached). The page gets, before any of its
own scripts run, a small poller that records ``performance.now()`` (milliseconds since navigation
started) the first time the map's maplibre instance has drawn the expected number of areas, by
the same check as ``MAP_STATE_JS`` in tests/test_browser_overview.py.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
#: The same flags as tests/conftest.py ``pytest_setup_options`` (plus headless, which dash_duo adds).
FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1366,900",
    "--headless=new",
)

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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.2)
    raise RuntimeError(f"server did not listen on {port} within {timeout}s")


@contextlib.contextmanager
def gunicorn(
    root: Path,
    target: str = "app:create_server()",
    *,
    env: dict[str, str] | None = None,
    workers: int = 1,
    timeout: float = 600,
    log: Path | None = None,
):
    """A gunicorn server on 127.0.0.1 serving ``target`` from ``root``; yields its base URL."""
    port = free_port()
    command = [str(Path(sys.executable).with_name("gunicorn")), "--chdir", str(root)]
    if (root / "gunicorn.conf.py").is_file():
        # As `make serve` runs it: the production settings, bound through HOST/PORT.
        command += ["--config", str(root / "gunicorn.conf.py")]
    else:  # a tree from before gunicorn.conf.py existed
        command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "600"]
    command.append(target)
    full_env = {
        **os.environ,
        **(env or {}),
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "WEB_CONCURRENCY": str(workers),
        "PYTHONPATH": str(root),
    }
    output = log.open("w") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        command, cwd=root, env=full_env, stdout=output, stderr=subprocess.STDOUT
    )
    try:
        wait_for_port(port, process, timeout)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log:
            output.close()


def new_driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


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
        errors = [
            entry["message"]
            for entry in driver.get_log("browser")
            if entry.get("level") == "SEVERE"
        ]
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
