"""Fixtures for the real-browser tests: the app on the six-row fixture directory, and the static
bundles compressed once for the whole session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def compressed_bundles(mini_context):
    """Best-level compressed copies of what a first visit loads, made once into the session's
    (new, empty) cache folder, as gunicorn makes them before it serves. Left to the background,
    they would be started in every test and never finish: dash_duo stops, when a test ends, every
    thread the test started."""
    from app import create_app
    from dashboard.web.compression import warm_up

    warm_up(create_app(mini_context).server)


@pytest.fixture
def mini_app(mini_context):
    from app import create_app

    return create_app(mini_context)


@pytest.fixture
def open_page(dash_duo, mini_app):
    """``open_page(path)``: serve :func:`mini_app` (at the first call) and open ``path`` in the
    browser; ``open_page()`` only serves it, on the page dash_duo opens first (``/``)."""

    def open_path(path: str | None = None) -> None:
        if not dash_duo.server_url:
            dash_duo.start_server(mini_app)
        if path is not None:
            dash_duo.wait_for_page(dash_duo.server_url + path)

    return open_path
