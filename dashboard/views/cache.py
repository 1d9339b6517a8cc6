"""The cache of computed views: each view computed once per key, inside a request or not.

A :class:`ViewCache` is an object like any other: ``app.create_app`` makes one and hands it to
every page, callback and route that shows a view, and a script or a test makes its own. Before
(issue 25, item 3) the cache was found through Flask's ``current_app``, so outside a request
(a script, a test, a page built directly) nothing was cached, silently. Which key each page's
view has, and how it is computed, is :mod:`dashboard.views.page_views`.

A view is looked up by its key first in this process's memo of recent views, then in the shared
store (in-process by default; Redis when ``REDIS_URL`` is set, so that every worker and host
shares what one of them computed: :mod:`dashboard.views.cache_store`), and only then computed.
A view the shared store cannot hold (one holding plotly figures or pandas frames, which the codec
does not say) is kept in a memo of its own, in this process only (:meth:`ViewCache.unshared_view`).

The shared store holds data, not code: views are stored as JSON (:mod:`dashboard.views.view_codec`)
under ``vawdasv:view:…`` keys, each with a time to live, and what comes back is rebuilt only as
the view class asked for, every field checked against its type, and only if it is the view of
the state asked for. Anything else (not JSON, the wrong shape or types, a pickle planted by
whoever can write to Redis) is a miss: logged once per key, computed again, written over, and
never kept in the memo. Before (issue 22, problem 4) the values were pickles, and a planted one
ran code in the workers when its view was asked for.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Final, TypeVar

from dashboard.views import view_codec
from dashboard.views.cache_store import (
    KEY_PREFIX,
    REDIS_COOLDOWN_S,
    CircuitBreaker,
    MemoryStore,
    SharedStore,
    shared_store,
)

log = logging.getLogger(__name__)

#: Largest stored value read back; anything longer is a miss (a view's JSON is about 40 KB).
MAX_VALUE_BYTES: Final = 4 * 1024 * 1024
#: Keys whose bad value was logged, so each is logged once (at most this many remembered).
LOGGED_KEYS: Final = 4096
#: Views kept in each process's memo (a view is about 10 KB).
MEMO_SIZE: Final = 256
#: Views the shared store cannot hold kept in each process (figures and frames: a gap review
#: is about 0.5 MB, so at most about 32 MB).
UNSHARED_MEMO_SIZE: Final = 64

V = TypeVar("V")


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


class ViewCache:
    """The memo, the shared store and its breaker: one per app (``app.create_app`` makes it),
    or per script or test. ``store``: the shared store (an in-process one by default; see
    :meth:`from_environment`)."""

    def __init__(self, store: SharedStore | None = None) -> None:
        self.store: SharedStore = MemoryStore() if store is None else store
        self.memo = ViewMemo(MEMO_SIZE)
        self.unshared = ViewMemo(UNSHARED_MEMO_SIZE)
        self.breaker = CircuitBreaker("view cache (Redis)", REDIS_COOLDOWN_S)
        self.logged = LoggedKeys()

    @classmethod
    def from_environment(cls) -> ViewCache:
        """A cache sharing views through Redis when ``REDIS_URL`` is set, else in-process."""
        return cls(shared_store())

    def view(
        self,
        key: str,
        cls: type[V],
        compute: Callable[[], V],
        is_for_key: Callable[[V], bool] = lambda _view: True,
    ) -> V:
        """The view (a frozen dataclass ``cls`` the codec can say) cached under ``key``, else
        ``compute()``, through the memo and the shared store. ``is_for_key`` says whether a
        value read back is really the one ``key`` names (a valid view of another state planted
        under this key is a miss too)."""
        view = self.memo.get(key)
        if view is None:
            view, trusted = self._shared_view(key, cls, compute, is_for_key)
            if trusted:
                self.memo.put(key, view)
        return view

    def unshared_view(self, key: str, compute: Callable[[], V]) -> V:
        """The view cached under ``key`` in this process, else ``compute()``: for views the
        shared store cannot hold (their plotly figures and pandas frames are not JSON)."""
        view = self.unshared.get(key)
        if view is None:
            view = compute()
            self.unshared.put(key, view)
        return view

    def remember(self, key: str, view: object) -> None:
        """Keep ``view`` in the memo under a second key (the key the browser holds)."""
        self.memo.put(key, view)

    def recall(self, key: str) -> Any:
        """What :meth:`remember` kept under ``key`` (None when it is no longer there)."""
        return self.memo.get(key)

    def clear(self) -> None:
        """Empty the memos and the shared store (the benchmark measures the uncached path)."""
        self.memo.clear()
        self.unshared.clear()
        self.store.clear()

    def _shared_view(
        self,
        key: str,
        cls: type[V],
        compute: Callable[[], V],
        is_for_key: Callable[[V], bool],
    ) -> tuple[V, bool]:
        """The view for ``key`` and whether it may be memoised (False only when the shared store
        held a bad value and writing the computed one over it failed: the next request checks
        again)."""
        if not self.breaker.allows():
            return compute(), True
        try:
            found = self.store.get(key)
        except Exception as error:  # redis-py raises its own errors and OSError
            self.breaker.failed(error)
            return compute(), True
        self.breaker.succeeded()
        if found is not None:
            problem = None
            try:
                view = _decoded(found, cls, is_for_key)
            except view_codec.CodecError as error:
                problem = str(error)
            except Exception as error:  # a bad value is a miss, whatever it raises
                problem = f"{type(error).__name__}: {error}"
            if problem is None:
                return view, True
            if self.logged.first_time(key):
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
            self.store.set(key, text)
        except Exception as error:
            self.breaker.failed(error)
            return view, found is None
        return view, True


def _decoded(found: bytes, cls: type[V], is_for_key: Callable[[V], bool]) -> V:
    """The view ``found`` holds, checked (:class:`view_codec.CodecError` when it is not one)."""
    if len(found) > MAX_VALUE_BYTES:
        raise view_codec.CodecError(f"{len(found)} bytes, more than {MAX_VALUE_BYTES}")
    view = view_codec.decode(found, cls)
    if not is_for_key(view):
        raise view_codec.CodecError("a view of another state")
    return view
