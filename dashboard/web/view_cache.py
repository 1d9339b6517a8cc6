"""The cache of computed views: each view computed once per URL state, language and data.

:func:`cached_compute_view` is what the overview's callbacks call. A view is looked up by
:func:`view_cache_key` (the data's identity, the language and the state's canonical URL, filter
values in a fixed order) first in this process's memo of recent views, then in the shared store
(in-process by default; Redis when ``REDIS_URL`` is set, so that every worker and host shares what
one of them computed), and only then computed.

The shared store holds data, not code: views are stored as JSON (:mod:`dashboard.web.view_codec`)
under ``vawdasv:view:…`` keys, each with a time to live of :data:`VIEW_CACHE_TIMEOUT` seconds,
and what comes back is rebuilt only as the view class asked for, every field checked against its
type, and only if it is the view of the state asked for. Anything else (not JSON, the wrong
shape or types, a pickle planted by whoever can write to Redis) is a miss: logged once per key,
computed again, written over, and never kept in the memo. Before (issue 22, problem 4) the
values were pickles, and a planted one ran code in the workers when its view was asked for.

A shared cache that fails (Redis down, or up but never answering) costs at most one short wait:
the client gives up after :data:`REDIS_TIMEOUT_S` (connecting or reading, no retries), and the
:class:`CircuitBreaker` then skips Redis for :data:`REDIS_COOLDOWN_S` seconds, views being
computed directly, and logs one warning, not one per request. Before, a Redis that accepted
connections but never answered made every view callback wait 5 s (redis-py's retries with
back-off), and a page took 20-39 s to open under load.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Final, Protocol, TypeVar

import redis
from dash import Dash
from flask import Flask, current_app
from redis.backoff import NoBackoff
from redis.retry import Retry

from dashboard.domain.context import AppContext
from dashboard.views import overview as overview_view
from dashboard.views import state as view_state
from dashboard.views.funding import FundingTimeline, funding_timeline_view
from dashboard.views.need import NeedScatter, need_scatter_view
from dashboard.views.overview import OverviewView
from dashboard.views.state import ViewState
from dashboard.web import view_codec

log = logging.getLogger(__name__)

EXTENSION_KEY: Final = "vawdasv-view-cache"
REDIS_URL_ENV: Final = "REDIS_URL"
#: Seconds each shared entry lives (Redis: ``SET … EX``); the data's hash in every key already
#: retires old views when the data changes, so this only bounds how long an unused view is kept.
VIEW_CACHE_TIMEOUT: Final = 3600
#: Views kept in the in-process shared store (no Redis), oldest used dropped first.
VIEW_CACHE_THRESHOLD: Final = 2000
#: Every key the cache writes starts with this (``vawdasv:view:…``).
KEY_PREFIX: Final = "vawdasv:"
#: Largest stored value read back; anything longer is a miss (a view's JSON is about 40 KB).
MAX_VALUE_BYTES: Final = 4 * 1024 * 1024
#: Keys whose bad value was logged, so each is logged once (at most this many remembered).
LOGGED_KEYS: Final = 4096
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
        self._views: OrderedDict[str, object] = OrderedDict()
        self._lock = threading.Lock()

    def __contains__(self, key: str) -> bool:
        with self._lock:
            return key in self._views

    def get(self, key: str) -> Any:
        with self._lock:
            view = self._views.get(key)
            if view is not None:
                self._views.move_to_end(key)
            return view

    def put(self, key: str, view: object) -> None:
        with self._lock:
            self._views[key] = view
            self._views.move_to_end(key)
            while len(self._views) > self.size:
                self._views.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._views.clear()


class SharedStore(Protocol):
    """Where views are shared: text values by key, each kept for ``VIEW_CACHE_TIMEOUT`` s."""

    def get(self, key: str) -> bytes | None: ...
    def set(self, key: str, value: bytes) -> None: ...
    def clear(self) -> None: ...


class MemoryStore:
    """The shared store of one process (no ``REDIS_URL``): at most ``size`` values, oldest used
    dropped first, each for ``timeout`` seconds."""

    def __init__(
        self,
        size: int = VIEW_CACHE_THRESHOLD,
        timeout: float = VIEW_CACHE_TIMEOUT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.size, self.timeout, self.clock = size, timeout, clock
        self._values: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            found = self._values.get(key)
            if found is None:
                return None
            if found[0] <= self.clock():
                del self._values[key]
                return None
            self._values.move_to_end(key)
            return found[1]

    def set(self, key: str, value: bytes) -> None:
        with self._lock:
            self._values[key] = (self.clock() + self.timeout, value)
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


class RedisStore:
    """The shared store in Redis: raw bytes under ``vawdasv:`` keys, each set with a time to live
    (``SET key value EX timeout``). redis-py itself never unpickles anything; only
    :mod:`dashboard.web.view_codec` reads what comes back."""

    def __init__(self, url: str, timeout: int = VIEW_CACHE_TIMEOUT) -> None:
        self.timeout = timeout
        # Give up quickly and never retry (the breaker decides when to try again); redis-py's
        # default retries with back-off took 5 s per request.
        self.client = redis.Redis.from_url(
            url,
            socket_connect_timeout=REDIS_TIMEOUT_S,
            socket_timeout=REDIS_TIMEOUT_S,
            retry=Retry(NoBackoff(), 0),
        )

    def get(self, key: str) -> bytes | None:
        return self.client.get(KEY_PREFIX + key)

    def set(self, key: str, value: bytes) -> None:
        self.client.set(KEY_PREFIX + key, value, ex=self.timeout)

    def clear(self) -> None:
        """Delete this app's keys (only those: the Redis may hold others')."""
        for batch in _batches(self.client.scan_iter(match=KEY_PREFIX + "*", count=500), 500):
            self.client.delete(*batch)


def _batches(items, size: int):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def shared_store() -> SharedStore:
    """Redis when ``REDIS_URL`` is set, else an in-process store."""
    redis_url = os.environ.get(REDIS_URL_ENV)
    if redis_url:
        return RedisStore(redis_url)
    return MemoryStore()


def configure_view_cache(server: Flask) -> None:
    """Give ``server`` a shared view cache and a memo of recent views."""
    server.extensions[EXTENSION_KEY] = {
        "cache": shared_store(),
        "memo": ViewMemo(),
        "breaker": CircuitBreaker("view cache (Redis)", REDIS_COOLDOWN_S),
        "logged": LoggedKeys(),
    }


class LoggedKeys:
    """Keys whose bad shared value was already logged (so each is logged once)."""

    def __init__(self, size: int = LOGGED_KEYS) -> None:
        self.size = size
        self._keys: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, key: str) -> bool:
        with self._lock:
            if key in self._keys:
                return False
            self._keys[key] = None
            while len(self._keys) > self.size:
                self._keys.popitem(last=False)
            return True


def view_cache_key(context: AppContext, state: ViewState) -> str:
    """``view:<data hash>:<language>:<canonical URL>``: one key per view, whatever the order
    its filters were chosen in."""
    path, search = view_state.to_url(view_state.canonical(state))
    return f"view:{context.at(state.wave).data_identity}:{state.lang}:{path}{search}"


def cached_compute_view(context: AppContext, state: ViewState) -> OverviewView:
    """:func:`dashboard.views.overview.compute_view`, through the app's memo and view cache
    when there are some (inside a request)."""
    state = view_state.canonical(state)
    shown = context.at(state.wave)  # the wave's picture: every page shows the wave asked for
    view = cached_view(
        view_cache_key(shown, state),
        OverviewView,
        lambda: overview_view.compute_view(shown, state),
        lambda view: view.state == state,
    )
    _remember_browser_key(context, view)
    return view


def _review_settings(context: AppContext, state: ViewState) -> tuple[AppContext, ViewState]:
    """The settings a review page's chart depends on (language, provision, wave), as a state of
    their own so that its key is their canonical URL alone, and the wave's picture."""
    settings = ViewState(lang=state.lang, provision=state.provision, wave=state.wave)
    return context.at(settings.wave), settings


def cached_need_scatter(context: AppContext, state: ViewState, measure: str) -> NeedScatter:
    """The need page's scatter of ``measure`` for ``state``'s language, provision and wave (the
    only settings it depends on), through the memo and the view cache: keyed like the overview's
    view, on the canonical URL of those settings alone, with the measure."""
    context, settings = _review_settings(context, state)
    return cached_view(
        f"need-scatter:{measure}:{view_cache_key(context, settings)}",
        NeedScatter,
        lambda: need_scatter_view(
            context,
            measure=measure,
            lang=settings.lang,
            provision=settings.provision,
            wave=settings.wave,
        ),
        lambda scatter: (
            (scatter.measure, scatter.lang, scatter.provision, scatter.wave)
            == (measure, settings.lang, settings.provision, settings.wave)
        ),
    )


def cached_funding_timeline(
    context: AppContext, state: ViewState, group: str, as_of: dt.date | None = None
) -> FundingTimeline:
    """The funding page's timeline grouped by ``group``, like :func:`cached_need_scatter`, seen
    from ``as_of`` (today by default: the date is in the key, so a view never outlives its day)."""
    context, settings = _review_settings(context, state)
    as_of = as_of or dt.date.today()
    return cached_view(
        f"funding-timeline:{group}:{as_of.isoformat()}:{view_cache_key(context, settings)}",
        FundingTimeline,
        lambda: funding_timeline_view(
            context,
            group=group,
            lang=settings.lang,
            provision=settings.provision,
            wave=settings.wave,
            as_of=as_of,
        ),
        lambda timeline: (
            (timeline.group, timeline.lang, timeline.provision, timeline.wave, timeline.as_of)
            == (group, settings.lang, settings.provision, settings.wave, as_of.isoformat())
        ),
    )


V = TypeVar("V")


def cached_view(
    key: str,
    cls: type[V],
    compute: Callable[[], V],
    is_for_key: Callable[[V], bool] = lambda _view: True,
) -> V:
    """The view (any frozen dataclass ``cls``) cached under ``key``, else ``compute()``, through
    the memo and the shared store when there are some (inside a request). ``is_for_key`` says
    whether a value read back is really the one ``key`` names (a valid view of another state
    planted under this key is a miss too)."""
    caches = _current_caches()
    if caches is None:
        return compute()
    memo: ViewMemo = caches["memo"]
    view = memo.get(key)
    if view is None:
        view, trusted = _shared_view(caches, key, cls, compute, is_for_key)
        if trusted:
            memo.put(key, view)
    return view


def _shared_view(
    caches: dict[str, Any],
    key: str,
    cls: type[V],
    compute: Callable[[], V],
    is_for_key: Callable[[V], bool],
) -> tuple[V, bool]:
    """The view for ``key`` and whether it may be memoised (False only when the shared store
    held a bad value and writing the computed one over it failed: the next request checks
    again)."""
    store: SharedStore = caches["cache"]
    breaker: CircuitBreaker = caches["breaker"]
    if not breaker.allows():
        return compute(), True
    try:
        found = store.get(key)
    except Exception as error:  # redis-py raises its own errors and OSError
        breaker.failed(error)
        return compute(), True
    breaker.succeeded()
    if found is not None:
        problem = None
        try:
            if len(found) > MAX_VALUE_BYTES:
                raise view_codec.CodecError(f"{len(found)} bytes, more than {MAX_VALUE_BYTES}")
            view = view_codec.decode(found, cls)
            if not is_for_key(view):
                raise view_codec.CodecError("a view of another state")
        except view_codec.CodecError as error:
            problem = str(error)
        except Exception as error:  # a bad value is a miss, whatever it raises
            problem = f"{type(error).__name__}: {error}"
        if problem is None:
            return view, True
        if caches["logged"].first_time(key):
            log.warning(
                "view cache: ignored a bad value under %s (%s); computing the view",
                KEY_PREFIX + key,
                problem[:200],
            )
    view = compute()
    try:
        text = view_codec.encode(view).encode()
    except TypeError as error:  # a view the codec cannot say: computed every time
        log.error("view cache: %s cannot be cached (%s)", cls.__name__, error)
        return view, True
    try:
        store.set(key, text)
    except Exception as error:
        breaker.failed(error)
        return view, found is None
    return view, True


def view_for_key(context: AppContext, key: object) -> OverviewView | None:
    """The view for a key sent by the browser (None when it is not a key).

    The browser keeps only the key (the state's canonical URL). It goes through the URL parser
    like any link, so a tampered key can only name another valid view, and the view always comes
    from the server.
    """
    if not isinstance(key, str) or not key.startswith("/"):
        return None
    known = _view_by_browser_key(context, key)
    if known is not None:
        return known
    path, _separator, search = key.partition("?")
    state = view_state.parse_for(context, path, "?" + search).state
    return cached_compute_view(context, state)


def _browser_key(context: AppContext, key: str) -> str:
    """The memo's second name for a view: the key the browser holds (the view's canonical URL,
    which names its language and wave) with the data's identity. So the callbacks that follow
    the one that computed a view find it by the key it wrote, without parsing the key again."""
    return f"browser-key:{context.at(None).data_identity}:{key}"


def _remember_browser_key(context: AppContext, view: OverviewView) -> None:
    caches = _current_caches()
    if caches is not None:
        caches["memo"].put(_browser_key(context, view.key), view)


def _view_by_browser_key(context: AppContext, key: str) -> OverviewView | None:
    """The view this process computed whose key is ``key`` (None: not in the memo). Only a
    key the server wrote is found; any other goes through the parser."""
    caches = _current_caches()
    if caches is None:
        return None
    view = caches["memo"].get(_browser_key(context, key))
    return view if isinstance(view, OverviewView) and view.key == key else None


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
