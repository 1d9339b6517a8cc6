"""The cache of computed views: in-process by default, shared through Redis when REDIS_URL is set.

The overview is opened as the browser opens it (:class:`bench.dashclient.Session` replays the
renderer's callback requests through Flask's test client). With Redis, a real ``redis-server``
runs on loopback (installed by ``make test`` where missing), so that several workers or hosts
really can share what one of them computed. A Redis that is down never stops the app: views are
then computed directly.
"""

from __future__ import annotations

import time

import pytest
import redis

from app import create_app
from bench.dashclient import Session, flask_transport
from dashboard.views import state as view_state
from dashboard.web import ids
from dashboard.web.view_cache import EXTENSION_KEY, view_cache_key
from tests.support.servers import free_port, redis_server

#: What the overview shows for one view: its key and what the drawing callbacks drew from it.
SHOWN = ((ids.VIEW_KEY, "data"), (ids.MATCH_COUNT, "children"), (ids.PANEL_TITLE, "children"))


def overview_of(app, area: str = "cardiff") -> dict:
    """Open the overview and choose ``area`` at local-authority level; what is shown then."""
    session = Session(*flask_transport(app.server.test_client()))
    session.open("/")
    session.set({(ids.LEVEL, "value"): "la", (ids.AREA, "value"): area})
    return {prop: session.props.get(prop) for prop in SHOWN}


def shared_keys(url: str) -> list[bytes]:
    return redis.Redis.from_url(url).keys("vawdasv:view:*")


@pytest.fixture
def redis_url(tmp_path):
    with redis_server(tmp_path) as url:
        yield url


def test_in_process_cache_serves_the_same_view_again(mini_context, monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    app = create_app(mini_context)
    cache = app.server.extensions[EXTENSION_KEY]["cache"]
    assert type(cache.cache).__name__ == "SimpleCache"
    first = overview_of(app)
    assert "Cardiff" in first[(ids.PANEL_TITLE, "children")]
    state = view_state.ViewState(level="la", area="cardiff")
    with app.server.app_context():
        assert cache.get(view_cache_key(mini_context, state)) is not None, "view not cached"
    assert overview_of(app) == first


def test_views_are_shared_through_redis(mini_context, monkeypatch, redis_url):
    monkeypatch.setenv("REDIS_URL", redis_url)
    writer = create_app(mini_context)
    assert type(writer.server.extensions[EXTENSION_KEY]["cache"].cache).__name__ == "RedisCache"
    first = overview_of(writer)
    # The all-Wales view the page opens with, and Cardiff's.
    keys = shared_keys(redis_url)
    assert len(keys) == 2
    assert all(mini_context.data_identity in key.decode() for key in keys)

    # A second app (another worker or host) finds the views another one computed.
    reader = create_app(mini_context)
    assert overview_of(reader) == first
    assert len(shared_keys(redis_url)) == 2

    # A different view is a different entry, never the cached one.
    other = overview_of(reader, area="newport")
    assert other != first
    assert len(shared_keys(redis_url)) == 3


def test_a_redis_that_is_down_does_not_stop_the_app(mini_context, monkeypatch, caplog):
    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    down = create_app(mini_context)
    monkeypatch.delenv("REDIS_URL")
    direct = create_app(mini_context)
    assert overview_of(down) == overview_of(direct)
    assert "view cache (Redis) unavailable" in caplog.text


def test_a_redis_that_hangs_is_given_up_on_once_then_skipped(mini_context, monkeypatch, caplog):
    """A Redis that accepts connections but never answers (issue 13, problem 4): the first view
    waits for it once, briefly (no retries); the breaker then skips it, with one warning."""
    from tests.support.hanging_server import hanging_server

    monkeypatch.delenv("REDIS_URL", raising=False)
    direct = create_app(mini_context)
    with hanging_server() as hung:
        monkeypatch.setenv("REDIS_URL", hung.url)
        app = create_app(mini_context)
        started = time.monotonic()
        views = [overview_of(app, area) for area in ("cardiff", "newport", "swansea", "powys")]
        waited = time.monotonic() - started
    assert views == [
        overview_of(direct, area) for area in ("cardiff", "newport", "swansea", "powys")
    ]
    assert hung.accepted == 1, "Redis was tried again while the breaker was open"
    warnings = [r for r in caplog.records if "unavailable" in r.getMessage()]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    # One short wait, not 5 s per view callback (each overview runs several): the four
    # overviews take about 0.5 s with no Redis.
    assert waited < 3.0, waited


def test_the_breaker_skips_for_its_cool_down_then_tries_again():
    from dashboard.web.view_cache import CircuitBreaker

    now = [0.0]
    breaker = CircuitBreaker("test", cooldown=30, clock=lambda: now[0])
    assert breaker.allows()
    breaker.failed(OSError("hung"))
    assert not breaker.allows()
    now[0] = 29.9
    assert not breaker.allows()
    now[0] = 30.1
    assert breaker.allows(), "one trial call after the cool-down"
    assert not breaker.allows(), "only one"
    breaker.succeeded()
    assert breaker.allows() and not breaker.is_open
