"""Take headless-Chromium screenshots of app pages: python scripts/screenshot.py URL OUT.png [WxH] [full].

The browser and the wait for a drawn page are the tests' own, shared with them (:mod:`tools.browser`).
"""

from __future__ import annotations

import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: How long the page must stay settled (Dash idle, every chart and map drawn) before the shot:
#: long enough for late layout and the map's fade-in.
QUIET_SECONDS = 1.0


def wait_until_drawn(driver, timeout: float = 60.0) -> None:
    from tools.browser import wait_until_settled

    try:
        wait_until_settled(driver, timeout, quiet=QUIET_SECONDS)
    except AssertionError:
        print(f"warning: the page had not finished drawing after {timeout:.0f} s", file=sys.stderr)


def main() -> int:
    # Run as a file, this script sees only scripts/; the shared browser set-up is in tools/.
    sys.path.insert(0, str(PROJECT_ROOT))
    from tools.browser import new_driver

    url, out = sys.argv[1], sys.argv[2]
    width, height = (int(v) for v in (sys.argv[3] if len(sys.argv) > 3 else "1366x768").split("x"))
    full = len(sys.argv) > 4 and sys.argv[4] == "full"
    driver = new_driver(window=(width, height), extra_flags=("--hide-scrollbars",), logs=())
    try:
        driver.get(url)
        wait_until_drawn(driver)
        if full:
            total = driver.execute_script("return document.body.scrollHeight")
            driver.set_window_size(width, total)
            wait_until_drawn(driver, timeout=30.0)
        driver.save_screenshot(out)
        for entry in driver.get_log("browser"):
            print("console:", entry)
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
