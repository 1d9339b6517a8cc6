"""The cache of computed views: in-process by default, shared through Redis when REDIS_URL is set.

The overview is opened as the browser opens it (:class:`bench.dashclient.Session` replays the
renderer's callback requests through Flask's test client). With Redis, a real ``redis-server``
runs on loopback (installed by ``make test`` where missing), so that several workers or hosts
really can share what one of them computed. A Redis that is down never stops the app: views are
then computed directly.
"""

from __future__ import annotations

import logging
import pickle
from pathlib import Path

import pytest
import redis

from app import create_app
from bench.dashclient import Session, flask_transport
from dashboard.views import cache_store, page_views, url_parsing, view_codec
from dashboard.views import state as view_state
from dashboard.views.cache import MAX_VALUE_BYTES
from dashboard.views.overview import OverviewView
from dashboard.views.page_views import view_cache_key
from dashboard.web import ids
from dashboard.web.view_cache import app_view_cache
from tools.servers import free_port, redis_server

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
    cache = app_view_cache(app).store
    assert type(cache).__name__ == "MemoryStore"
    first = overview_of(app)
    assert "Cardiff" in first[(ids.PANEL_TITLE, "children")]
    state = view_state.ViewState(level="la", area="cardiff")
    assert cache.get(view_cache_key(mini_context, state)) is not None, "view not cached"
    assert overview_of(app) == first


def test_views_are_shared_through_redis(mini_context, monkeypatch, redis_url):
    monkeypatch.setenv("REDIS_URL", redis_url)
    writer = create_app(mini_context)
    assert type(app_view_cache(writer).store).__name__ == "RedisStore"
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
        views = [overview_of(app, area) for area in ("cardiff", "newport", "swansea", "powys")]
    assert views == [
        overview_of(direct, area) for area in ("cardiff", "newport", "swansea", "powys")
    ]
    assert hung.accepted == 1, "Redis was tried again while the breaker was open"
    warnings = [r for r in caplog.records if "unavailable" in r.getMessage()]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    # One short wait, not 5 s per view callback (each overview runs several): Redis was
    # reached once (above), and that once waits at most the client's socket timeout, which is
    # short. (Measured, not asserted: the four overviews take about 0.5 s with no Redis; a
    # timed assertion failed on a loaded machine at 5.1 s.)
    assert cache_store.REDIS_TIMEOUT_S <= 1.0


def test_the_breaker_skips_for_its_cool_down_then_tries_again():
    now = [0.0]
    breaker = cache_store.CircuitBreaker("test", cooldown=30, clock=lambda: now[0])
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


# -- issue 22: a cache that holds data, not code ------------------------------------------------

REDIS_CONF = Path(__file__).resolve().parents[2] / "deploy" / "redis.conf"


class Planted:
    """What someone who can write to Redis might plant: unpickling it creates ``marker``."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_a_planted_pickle_runs_nothing_and_is_never_memoised(
    mini_context, monkeypatch, redis_url, tmp_path, caplog
):
    """Issue 22, problem 4. Before: the view cache unpickled what Redis gave it, so the planted
    value ran (here: created a file), and then stuck in the worker's memo."""
    monkeypatch.delenv("REDIS_URL", raising=False)
    expected = overview_of(create_app(mini_context))
    monkeypatch.setenv("REDIS_URL", redis_url)
    app = create_app(mini_context)
    client = redis.Redis.from_url(redis_url)
    marker = tmp_path / "planted-code-ran"
    wales = view_state.ViewState()
    cardiff = view_state.ViewState(level="la", area="cardiff")
    payloads = [
        (wales, pickle.dumps(Planted(marker))),
        (cardiff, b"!" + pickle.dumps(Planted(marker))),  # flask-caching's format for a pickle
    ]
    for state, payload in payloads:
        client.set("vawdasv:" + view_cache_key(mini_context, state), payload)

    with caplog.at_level(logging.WARNING):
        assert overview_of(app) == expected, "the page is not what a clean cache shows"
    assert not marker.exists(), "the planted pickle ran"
    memo = app_view_cache(app).memo
    for state, _payload in payloads:
        key = view_cache_key(mini_context, state)
        held = memo.get(key)
        assert isinstance(held, OverviewView) and held.state == state, "bad value memoised"
        stored = client.get("vawdasv:" + key)
        assert stored.startswith(b'{"format":1'), "the bad value was not written over"
        assert 0 < client.ttl("vawdasv:" + key) <= cache_store.VIEW_CACHE_TIMEOUT
    warnings = [r.getMessage() for r in caplog.records if "bad value" in r.getMessage()]
    assert len(warnings) == 2, warnings

    # Planted again under the same key: a miss again, not logged a second time.
    key = view_cache_key(mini_context, cardiff)
    client.set("vawdasv:" + key, pickle.dumps(Planted(marker)))
    memo.clear()
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        view = page_views.overview_view(app_view_cache(app), mini_context, cardiff)
    assert not marker.exists()
    assert view.state == cardiff
    assert not [r for r in caplog.records if "bad value" in r.getMessage()], "logged twice"


@pytest.mark.parametrize(
    "bad",
    [
        b"not json",
        b'{"format":1,"type":"dashboard.views.overview.OverviewView","value":{"$dc":{}}}',
        b'{"format":1,"type":"builtins.dict","value":{}}',
        b"[" * 50_000,
        b"x" * (MAX_VALUE_BYTES + 1),
    ],
    ids=["not JSON", "wrong shape", "another class", "nested", "too long"],
)
def test_a_malformed_shared_value_is_a_miss_and_never_memoised(mini_context, monkeypatch, bad):
    """In-process store too: whatever the shared store gives back is checked."""
    monkeypatch.delenv("REDIS_URL", raising=False)
    cache = app_view_cache(create_app(mini_context))
    state = view_state.ViewState(level="la", area="newport")
    key = view_cache_key(mini_context, state)
    cache.store.set(key, bad)
    view = page_views.overview_view(cache, mini_context, state)
    assert view.state == state and view.area_name == "Newport"
    assert cache.memo.get(key) == view
    assert cache.store.get(key) != bad


def test_a_valid_view_of_another_state_planted_under_a_key_is_a_miss(mini_context, monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    cache = app_view_cache(create_app(mini_context))
    newport = view_state.ViewState(level="la", area="newport")
    cardiff = view_state.ViewState(level="la", area="cardiff")
    other = page_views.overview_view(cache, mini_context, cardiff)
    cache.memo.clear()
    cache.store.set(view_cache_key(mini_context, newport), view_codec.encode(other).encode())
    assert page_views.overview_view(cache, mini_context, newport).area_name == "Newport"


def test_filter_order_is_one_key_and_both_links_still_open(mini_context, monkeypatch, redis_url):
    """Issue 22, problem 6. Before: ``stalking,domestic abuse`` and the reverse were two keys
    (two Redis entries) for one table."""
    monkeypatch.setenv("REDIS_URL", redis_url)
    app = create_app(mini_context)
    one = "?behaviour_focus=stalking,domestic abuse&sector=HMPPS,third sector"
    other = "?sector=third sector,HMPPS&behaviour_focus=domestic abuse,stalking"
    states = [
        url_parsing.parse("/", search, mini_context.la_slugs, mini_context.scope_ids)
        for search in (one, other)
    ]
    assert not states[0].problems and not states[1].problems
    assert states[0].state == states[1].state
    assert states[0].state.filters["behaviour_focus"] == ("domestic abuse", "stalking")
    # A state built in another order (not parsed) has the same key too.
    reversed_state = view_state.ViewState(
        filters={
            "sector": ("third sector", "HMPPS"),
            "behaviour_focus": ("stalking", "domestic abuse"),
        }
    )
    assert view_cache_key(mini_context, reversed_state) == view_cache_key(
        mini_context, states[0].state
    )
    first = page_views.overview_view(app_view_cache(app), mini_context, reversed_state)
    second = page_views.overview_view(app_view_cache(app), mini_context, states[1].state)
    assert first == second
    assert (
        first.key == "/?" + "behaviour_focus=domestic+abuse%2Cstalking&sector=third+sector%2CHMPPS"
    )
    assert len(shared_keys(redis_url)) == 1


def test_the_shipped_redis_config_bounds_memory_under_10000_views(tmp_path):
    """Issue 22, problem 6. Before: no ``maxmemory`` (7,000 keys took Redis from 2.4 to 75 MB)
    and keys lived forever. With ``deploy/redis.conf`` (64 MB, allkeys-lru) and the app's time to
    live, 10,000 distinct views of realistic size (about 20 KB of JSON each, 200 MB in all)
    leave Redis under its bound, the least recently used ones evicted."""
    assert "maxmemory 64mb" in REDIS_CONF.read_text()
    with redis_server(tmp_path, config=REDIS_CONF) as url:
        store = cache_store.RedisStore(url)
        client = redis.Redis.from_url(url)
        memory = client.info("memory")
        bound = memory["maxmemory"]
        assert bound == 64 * 1024 * 1024 and memory["maxmemory_policy"] == "allkeys-lru"
        filler = b"x" * 20_000
        for number in range(10_000):
            store.set(
                f"view:data:en:/?n={number}", b'{"format":1,"n":%d,"pad":"%s"}' % (number, filler)
            )
        memory = client.info("memory")
        stats = client.info("stats")
        assert memory["used_memory"] <= bound * 1.02, (memory["used_memory"], bound)
        assert stats["evicted_keys"] > 0
        keys = client.dbsize()
        assert 1_000 < keys < 10_000, keys
        # Every key the app wrote has its time to live.
        sample = [
            key for _, key in zip(range(200), client.scan_iter("vawdasv:view:*"), strict=False)
        ]
        # (-2: evicted since the scan, as any command may evict while Redis is at its bound;
        # -1 would be a key without a time to live.)
        ttls = {client.ttl(key) for key in sample} - {-2}
        assert ttls and all(0 < ttl <= cache_store.VIEW_CACHE_TIMEOUT for ttl in ttls), ttls
        # The most recent view is still there (evictions take the least recently used).
        assert store.get("view:data:en:/?n=9999") is not None
        # Commands that could lift the bound or wipe the cache are off.
        with pytest.raises(redis.ResponseError):
            client.config_set("maxmemory", "0")
        store.clear()
        assert client.dbsize() == 0
