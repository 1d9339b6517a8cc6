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


def main() -> int:
    url, out = sys.argv[1], sys.argv[2]
    width, height = (int(v) for v in (sys.argv[3] if len(sys.argv) > 3 else "1366x768").split("x"))
    full = len(sys.argv) > 4 and sys.argv[4] == "full"
    driver = make_driver(width, height)
    try:
        driver.get(url)
        time.sleep(5)
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
