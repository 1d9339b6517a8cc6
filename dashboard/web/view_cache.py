"""The cache of computed overview views: each view computed once per URL state, language and data.

:func:`cached_compute_view` is what the overview's callbacks call. A view is looked up by
:func:`view_cache_key` (the data's identity, the language and the state's canonical URL) first in
this process's memo of recent views, then in the shared cache (flask-caching: in-process
``SimpleCache`` by default, ``RedisCache`` when ``REDIS_URL`` is set, so that every worker and host
shares what one of them computed), and only then computed. A cache that fails (Redis down) is
logged and skipped: the view is then computed directly.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from typing import Any, Final

from dash import Dash
from flask import Flask, current_app
from flask_caching import Cache

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
        view = _shared_view(caches["cache"], key, context, state)
        memo.put(key, view)
    return view


def _shared_view(cache: Cache, key: str, context: AppContext, state: ViewState) -> OverviewView:
    try:
        found = cache.get(key)
    except Exception as error:
        log.warning("view cache unavailable (%s); computing directly", error)
        return overview_view.compute_view(context, state)
    if found is not None:
        return found
    view = overview_view.compute_view(context, state)
    try:
        cache.set(key, view)
    except Exception as error:
        log.warning("could not store a view in the cache (%s)", error)
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
    state = view_state.parse(path, "?" + search, context.la_slugs).state
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
