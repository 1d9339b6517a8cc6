"""Fixtures for the real-browser tests: one Chromium and one server per app for the whole test
process, the apps on the six-row fixture directory and on the real data, and the static bundles
compressed once for the whole run.

``dash_duo`` is dash.testing's fixture of that name, with its methods, made cheap: the browser is
started once per test process and each test gets a new tab of it
(:class:`~tests.support.shared_browser.SharedBrowser`); ``dash_duo.start_server(app)`` serves
``app`` from a thread of the test process on a free port. Use the session's apps,
:func:`mini_app` and :func:`real_app`, which are served once; an app a test makes for itself is
served until that test ends.

Tests whose module shares a gunicorn (a module-scoped fixture) carry
``pytest.mark.xdist_group``: under ``--dist loadgroup`` they all run in one test process, which
starts that server once.
"""

from __future__ import annotations

import pytest

from tests.support.app_server import AppServers
from tests.support.shared_browser import SharedBrowser
from tests.support.workers import exclusive


@pytest.fixture(scope="session")
def app_servers():
    servers = AppServers()
    try:
        yield servers
    finally:
        servers.close()


@pytest.fixture(scope="session")
def mini_app(mini_context, app_servers):
    """The app on the six-row fixture directory, served once for the session."""
    from app import create_app

    return app_servers.keep(create_app(mini_context))


@pytest.fixture(scope="session")
def real_app(real_context, app_servers):
    """The app on the shipped data, served once for the session."""
    from app import create_app

    return app_servers.keep(create_app(real_context))


@pytest.fixture(scope="session", autouse=True)
def compressed_bundles(mini_app, scratch):
    """Best-level compressed copies of what a first visit loads, made once for the whole run into
    its (new, empty) cache folder, as gunicorn makes them before it serves: by the first test
    process to get here, while any other waits and then reads them from disk."""
    from dashboard.web.compression import warm_up

    with exclusive(scratch / "compressed-bundles.lock"):
        warm_up(mini_app.server)


@pytest.fixture(scope="session")
def shared_browser(request, app_servers, tmp_path_factory):
    browser = SharedBrowser(
        app_servers,
        browser=request.config.getoption("webdriver"),
        remote=request.config.getoption("remote"),
        remote_url=request.config.getoption("remote_url"),
        headless=request.config.getoption("headless"),
        options=request.config.hook.pytest_setup_options(),
        download_path=str(tmp_path_factory.mktemp("download")),
        percy_assets_root=request.config.getoption("percy_assets"),
        percy_finalize=request.config.getoption("nopercyfinalize"),
        pause=request.config.getoption("pause"),
    )
    with browser:
        yield browser


@pytest.fixture
def dash_duo(shared_browser, app_servers):
    """dash_duo on the process's browser: a new tab; apps the test served itself stop after it."""
    shared_browser.begin_test()
    try:
        yield shared_browser
    finally:
        app_servers.release()


@pytest.fixture
def open_page(dash_duo, mini_app):
    """``open_page(path)``: serve :func:`mini_app` (at the first call) and open ``path`` in the
    browser; ``open_page()`` only serves it, on the page dash_duo opens first (``/``)."""

    def open_path(path: str | None = None) -> None:
        if not dash_duo.server_url:
            # Opening ``/`` on the way to another page cost each test a load of the overview.
            dash_duo.start_server(mini_app, navigate=path is None)
        if path is not None:
            dash_duo.wait_for_page(dash_duo.server_url + path)

    return open_path
