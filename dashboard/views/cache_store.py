"""Where the view cache shares views between processes: an in-process store by default, Redis
when ``REDIS_URL`` is set, and the circuit breaker that keeps a failing Redis from slowing views.

The stores hold bytes (a view's JSON, :mod:`dashboard.views.view_codec`) under ``vawdasv:view:…``
keys, each with a time to live of :data:`VIEW_CACHE_TIMEOUT` seconds; they never read what they
hold (redis-py unpickles nothing). :class:`dashboard.views.cache.ViewCache` decides what to do
with it.

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
from typing import Final, Protocol

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

log = logging.getLogger(__name__)

REDIS_URL_ENV: Final = "REDIS_URL"
#: Seconds each shared entry lives (Redis: ``SET … EX``); the data's hash in every key already
#: retires old views when the data changes, so this only bounds how long an unused view is kept.
VIEW_CACHE_TIMEOUT: Final = 3600
#: Views kept in the in-process shared store (no Redis), oldest used dropped first.
VIEW_CACHE_THRESHOLD: Final = 2000
#: Every key the cache writes starts with this (``vawdasv:view:…``).
KEY_PREFIX: Final = "vawdasv:"
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
    :mod:`dashboard.views.view_codec` reads what comes back."""

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
