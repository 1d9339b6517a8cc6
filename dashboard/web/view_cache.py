"""The cache of computed overview views: each view computed once per URL state, language and data.

:func:`cached_compute_view` is what the overview's callbacks call. A view is looked up by
:func:`view_cache_key` (the data's identity, the language and the state's canonical URL) first in
this process's memo of recent views, then in the shared cache (flask-caching: in-process
``SimpleCache`` by default, ``RedisCache`` when ``REDIS_URL`` is set, so that every worker and host
shares what one of them computed), and only then computed.

A shared cache that fails (Redis down, or up but never answering) costs at most one short wait:
the client gives up after :data:`REDIS_TIMEOUT_S` (connecting or reading, no retries), and the
:class:`CircuitBreaker` then skips Redis for :data:`REDIS_COOLDOWN_S` seconds, views being
computed directly, and logs one warning, not one per request. Before, a Redis that accepted
connections but never answered made every view callback wait 5 s (redis-py's retries with
back-off), and a page took 20-39 s to open under load.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Final

from dash import Dash
from flask import Flask, current_app
from flask_caching import Cache
from redis.backoff import NoBackoff
from redis.retry import Retry

from dashboard.domain.context import AppContext
from dashboard.views import overview as overview_view
from dashboard.views import state as view_state
from dashboard.views.overview import OverviewView
from dashboard.views.state import ViewState

log = logging.getLogger(__name__)

EXTENSION_KEY: Final = "vawdasv-view-cache"
REDIS_URL_ENV: Final = "REDIS_URL"
VIEW_CACHE_TIMEOUT: Final = 3600
VIEW_CACHE_THRESHOLD: Final = 2000
#: Views kept in each process's memo (a view is about 10 KB).
MEMO_SIZE: Final = 256
#: Seconds to connect to Redis or to wait for its answer. A Redis next to the app answers in a
#: millisecond; computing a view directly takes about 20 ms, so waiting longer never pays.
REDIS_TIMEOUT_S: Final = 0.25
#: Seconds the shared cache is skipped after it failed, before it is tried again.
REDIS_COOLDOWN_S: Final = 30.0


class CircuitBreaker:
    """Skips a failing dependency for ``cooldown`` seconds after each failure.

    Closed (the normal state), calls go through; a failure opens it, and :meth:`allows` is
    False until ``cooldown`` seconds have passed; then one call is let through, and its success
    closes it again (its failure opens it for another ``cooldown``). One warning is logged when
    it opens and one message when it closes, so a dependency that is down for an hour costs a
    few lines of log, not one per request. Thread-safe; ``clock`` is for the tests.
    """

    def __init__(
        self, name: str, cooldown: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.name = name
        self.cooldown = cooldown
        self.clock = clock
        self._open_until: float | None = None
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        with self._lock:
            return self._open_until is not None

    def allows(self) -> bool:
        """Whether to call the dependency now (one trial call once the cool-down is over)."""
        with self._lock:
            if self._open_until is None:
                return True
            if self.clock() < self._open_until:
                return False
            # Let this call try; the others keep skipping until it has answered.
            self._open_until = self.clock() + self.cooldown
            return True

    def failed(self, error: Exception) -> None:
        with self._lock:
            was_closed = self._open_until is None
            self._open_until = self.clock() + self.cooldown
        if was_closed:
            log.warning(
                "%s unavailable (%s: %s); skipping it for %.0f s at a time until it answers",
                self.name,
                type(error).__name__,
                error,
                self.cooldown,
            )

    def succeeded(self) -> None:
        with self._lock:
            was_open = self._open_until is not None
            self._open_until = None
        if was_open:
            log.warning("%s available again", self.name)


class ViewMemo:
    """The views this process used last, by cache key, at most ``size`` of them.

    Thread-safe (gunicorn's threads share it). ``functools.lru_cache`` memoises a function by its
    arguments, but here the key is derived from arguments that cannot be hashed (the context) and
    entries also arrive from the shared cache, so a small ordered dict does the job.
    """

    def __init__(self, size: int = MEMO_SIZE):
        self.size = size
        self._views: OrderedDict[str, OverviewView] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> OverviewView | None:
        with self._lock:
            view = self._views.get(key)
            if view is not None:
                self._views.move_to_end(key)
            return view

    def put(self, key: str, view: OverviewView) -> None:
        with self._lock:
            self._views[key] = view
            self._views.move_to_end(key)
            while len(self._views) > self.size:
                self._views.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._views.clear()


def cache_config() -> dict[str, Any]:
    """flask-caching's settings: Redis when ``REDIS_URL`` is set, else an in-process cache."""
    redis_url = os.environ.get(REDIS_URL_ENV)
    if redis_url:
        return {
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": "vawdasv:",
            "CACHE_DEFAULT_TIMEOUT": VIEW_CACHE_TIMEOUT,
            # Passed to redis-py: give up quickly and never retry (the breaker decides when to
            # try again); redis-py's default retries with back-off took 5 s per request.
            "CACHE_OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_S,
                "socket_timeout": REDIS_TIMEOUT_S,
                "retry": Retry(NoBackoff(), 0),
            },
        }
    return {
        "CACHE_TYPE": "SimpleCache",
        "CACHE_THRESHOLD": VIEW_CACHE_THRESHOLD,
        "CACHE_DEFAULT_TIMEOUT": VIEW_CACHE_TIMEOUT,
    }


def configure_view_cache(server: Flask) -> None:
    """Give ``server`` a shared view cache and a memo of recent views."""
    server.extensions[EXTENSION_KEY] = {
        "cache": Cache(server, config=cache_config()),
        "memo": ViewMemo(),
        "breaker": CircuitBreaker("view cache (Redis)", REDIS_COOLDOWN_S),
    }


def view_cache_key(context: AppContext, state: ViewState) -> str:
    path, search = view_state.to_url(state)
    return f"view:{context.data_identity}:{state.lang}:{path}{search}"


def cached_compute_view(context: AppContext, state: ViewState) -> OverviewView:
    """:func:`dashboard.views.overview.compute_view`, through the app's memo and view cache
    when there are some (inside a request)."""
    caches = _current_caches()
    if caches is None:
        return overview_view.compute_view(context, state)
    key = view_cache_key(context, state)
    memo: ViewMemo = caches["memo"]
    view = memo.get(key)
    if view is None:
        view = _shared_view(caches["cache"], caches["breaker"], key, context, state)
        memo.put(key, view)
    return view


def _shared_view(
    cache: Cache, breaker: CircuitBreaker, key: str, context: AppContext, state: ViewState
) -> OverviewView:
    if not breaker.allows():
        return overview_view.compute_view(context, state)
    try:
        found = cache.get(key)
    except Exception as error:  # redis-py raises its own errors and OSError
        breaker.failed(error)
        return overview_view.compute_view(context, state)
    if found is not None:
        breaker.succeeded()
        return found
    view = overview_view.compute_view(context, state)
    try:
        cache.set(key, view)
    except Exception as error:
        breaker.failed(error)
    else:
        breaker.succeeded()
    return view


def view_for_key(context: AppContext, key: object) -> OverviewView | None:
    """The view for a key sent by the browser (None when it is not a key).

    The browser keeps only the key (the state's canonical URL). It goes through the URL parser
    like any link, so a tampered key can only name another valid view, and the view always comes
    from the server.
    """
    if not isinstance(key, str) or not key.startswith("/"):
        return None
    path, _separator, search = key.partition("?")
    state = view_state.parse(path, "?" + search, context.la_slugs, context.scope_ids).state
    return cached_compute_view(context, state)


def clear_view_cache(app: Dash) -> None:
    """Empty the memo and the view cache (the benchmark uses this to measure the uncached path)."""
    caches = app.server.extensions.get(EXTENSION_KEY)
    if caches is not None:
        caches["memo"].clear()
        caches["cache"].clear()


def _current_caches() -> dict[str, Any] | None:
    try:
        return current_app.extensions.get(EXTENSION_KEY)
    except RuntimeError:  # outside a request: no app, no cache
        return None
