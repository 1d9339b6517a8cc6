"""dash_duo for a whole test process: one Chromium for every browser test, each test in a new tab.

Starting Chromium cost each browser test one to five seconds. This browser is started once per
test process and gives each test what a new one gave it: a new tab (so no emulated media, device
size, network conditions, download folder or script-on-new-page set by an earlier test), the
window's usual size, no site data of the apps (the language remembered in local storage), an empty
HTTP cache (each page loads as on a first visit) and only the console entries logged since the
test began. It has dash_duo's methods (dash.testing's :class:`Browser`); ``start_server(app)``
serves ``app`` through :class:`~tests.support.app_server.AppServers` and opens it.
"""

from __future__ import annotations

import contextlib

from dash import Dash
from dash.testing.browser import Browser
from dash.testing.wait import until
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

from tests.support.app_server import AppServers
from tools.browser import WINDOW


class SharedBrowser(Browser):
    def __init__(self, servers: AppServers, **options):
        super().__init__(**options)
        self.servers = servers

    def start_server(self, app: Dash, navigate: bool = True) -> None:
        """Serve ``app`` (once for the session if it is a kept app) and, with ``navigate``, open
        it: ``server_url`` is then its address, as with dash_duo."""
        url = self.servers.url(app)
        if navigate:
            self.server_url = url  # dash's setter opens the page and waits for Dash to load
        else:
            self._url = url

    def begin_test(self) -> None:
        """A new tab with nothing of the tests before; the browser is started again if it died."""
        try:
            self._fresh_tab()
        except WebDriverException:
            self._restart()
            self._fresh_tab()
        self._url = ""
        self._last_ts = 0

    def _fresh_tab(self) -> None:
        driver = self.driver
        old = driver.window_handles
        driver.switch_to.new_window("tab")
        new = driver.current_window_handle
        for handle in old:
            driver.switch_to.window(handle)
            driver.close()
        driver.switch_to.window(new)
        if driver.get_window_size() != {"width": WINDOW[0], "height": WINDOW[1]}:
            driver.set_window_size(*WINDOW)
        for origin in self.servers.origins():
            driver.execute_cdp_cmd(
                "Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"}
            )
        driver.execute_cdp_cmd("Network.clearBrowserCache", {})
        driver.get_log("browser")  # what earlier tests logged

    def _restart(self) -> None:
        with contextlib.suppress(WebDriverException):
            self._driver.quit()
        # As dash's Browser.__init__ starts its driver.
        self._driver = until(self._try_get_webdriver, timeout=30)
        self._driver.implicitly_wait(2)
        self._wd_wait = WebDriverWait(self._driver, self._wait_timeout)
