"""Take headless-Chromium screenshots of app pages: python scripts/screenshot.py URL OUT.png [WxH]."""

from __future__ import annotations

import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options


def make_driver(width: int, height: int) -> webdriver.Chrome:
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--window-size={width},{height}",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(options=options)


#: True once every map on the page has drawn its areas (the benchmark's check) and Dash is idle.
READY_JS = """
if (document.querySelector('[data-dash-is-loading="true"]')) { return false; }
const plots = [...document.querySelectorAll('.js-plotly-plot')];
if (!plots.length && !document.querySelector('#shell-page *')) { return false; }
return plots.every(gd => {
  const sub = gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
  if (!gd._fullLayout) { return false; }
  if (!sub) { return true; }
  return sub.map && sub.map.loaded() &&
    sub.map.queryRenderedFeatures().some(f => f.layer.id.endsWith('-fill'));
});
"""


def wait_until_drawn(driver: webdriver.Chrome, timeout: float = 60.0) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if driver.execute_script(READY_JS):
            return
        time.sleep(0.25)
    print(f"warning: the page had not finished drawing after {timeout:.0f} s", file=sys.stderr)


def main() -> int:
    url, out = sys.argv[1], sys.argv[2]
    width, height = (int(v) for v in (sys.argv[3] if len(sys.argv) > 3 else "1366x768").split("x"))
    full = len(sys.argv) > 4 and sys.argv[4] == "full"
    driver = make_driver(width, height)
    try:
        driver.get(url)
        time.sleep(1)
        wait_until_drawn(driver)
        time.sleep(1)  # let transitions and late layout settle
        if full:
            total = driver.execute_script("return document.body.scrollHeight")
            driver.set_window_size(width, total)
            time.sleep(1.5)
        driver.save_screenshot(out)
        for entry in driver.get_log("browser"):
            print("console:", entry)
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
