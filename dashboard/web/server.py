"""Production serving: compression, a cache of computed views, security headers, clean errors.

:func:`configure_server` is called once by ``app.create_app``. It adds to the Flask server:

* **Compression** (flask-compress, brotli or gzip as the browser prefers) for HTML, JSON, CSS,
  JavaScript and GeoJSON. The large static bundles (plotly.js alone is 4.7 MB) are compressed once
  at the best brotli/gzip level and kept in memory and on disk (``VAWDASV_CACHE_DIR``, by default
  ``.cache/compressed``); :func:`warm_up` does this before gunicorn forks its workers.
* **A cache of computed overview views** (flask-caching): in-process ``SimpleCache`` by default,
  ``RedisCache`` when ``REDIS_URL`` is set. :func:`cached_compute_view` is what the overview's
  callback calls; the key is the view's URL form, its language and the identity of the data.
* **Security headers** on every response: a Content-Security-Policy that allows only this origin
  (inline scripts only by their hashes; ``blob:`` workers for maplibre), ``frame-ancestors 'none'``,
  ``X-Frame-Options: DENY``, ``X-Content-Type-Options: nosniff`` and a Referrer-Policy.
* **Clean errors**: 4xx/5xx answers are one short sentence, never a stack trace or a file path;
  the details go to the server log. Malformed callback requests get ``400`` before reaching Dash,
  and an exception inside a callback is logged and answered as "no update".
"""

from __future__ import annotations

import concurrent.futures
import gzip
import hashlib
import json
import logging
import os
import pkgutil
import queue
import re
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import brotli
from dash import Dash
from flask import Flask, Response, current_app, request
from flask_caching import Cache
from flask_compress import Compress
from werkzeug.exceptions import HTTPException

from dashboard import config

log = logging.getLogger(__name__)

EXTENSION_KEY: Final = "vawdasv"
CACHE_DIR_ENV: Final = "VAWDASV_CACHE_DIR"
REDIS_URL_ENV: Final = "REDIS_URL"
VIEW_CACHE_TIMEOUT: Final = 3600
VIEW_CACHE_THRESHOLD: Final = 2000
#: Largest request body accepted (callback bodies carry at most the computed view).
MAX_CONTENT_LENGTH: Final = 8 * 1024 * 1024
UPDATE_PATH: Final = "/_dash-update-component"

COMPRESS_MIMETYPES: Final = (
    "text/html",
    "text/css",
    "text/plain",
    "text/csv",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/geo+json",
    "image/svg+xml",
    "image/x-icon",
)
#: Static responses compressed once at the best level and reused (paths, then mimetypes).
STATIC_PREFIXES: Final = ("/_dash-component-suites/", "/assets/", "/geometry/")
STATIC_MIMETYPES: Final = frozenset(
    {"application/javascript", "text/javascript", "text/css", "application/geo+json"}
)
STATIC_MIN_SIZE: Final = 1024
BROTLI_BEST: Final = 11
GZIP_BEST: Final = 9
BROTLI_FAST: Final = 5
GZIP_FAST: Final = 6

NOT_FOUND_TEXT: Final = "Not found. There is nothing at this address."
BAD_REQUEST_TEXT: Final = "Bad request."
ERROR_TEXT: Final = "Something went wrong on the server. Please try again, or reload the page."

SECURITY_HEADERS: Final = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


# -- compression ----------------------------------------------------------------------------------
class StaticCompressor:
    """Compressed copies of static bodies, keyed by content: best level when known, else fast."""

    def __init__(self, cache_dir: Path | None):
        self.cache_dir = cache_dir
        self._best: dict[tuple[str, str], bytes] = {}
        self._fast: dict[tuple[str, str], bytes] = {}
        self._digests: dict[tuple[str, int], str] = {}
        self._lock = threading.Lock()
        self._background: queue.SimpleQueue | None = None

    @staticmethod
    def digest(body: bytes) -> str:
        return hashlib.sha256(body).hexdigest()

    def digest_for(self, path: str, body: bytes) -> str:
        key = (path, len(body))
        digest = self._digests.get(key)
        if digest is None:
            digest = self.digest(body)
            self._digests[key] = digest
        return digest

    def _disk_path(self, digest: str, algorithm: str) -> Path | None:
        if self.cache_dir is None:
            return None
        return self.cache_dir / f"{digest}.{algorithm}"

    def compressed(self, digest: str, body: bytes, algorithm: str) -> bytes:
        """The best copy if one exists (memory or disk), else a fast one made now and kept."""
        key = (digest, algorithm)
        found = self._best.get(key) or self._fast.get(key)
        if found is not None:
            return found
        path = self._disk_path(digest, algorithm)
        if path is not None and path.is_file():
            data = path.read_bytes()
            self._best[key] = data
            return data
        data = _compress(body, algorithm, best=False)
        with self._lock:
            self._fast[key] = data
            if self._background is None:
                # One daemon thread per process: it never holds up shutdown.
                self._background = queue.SimpleQueue()
                threading.Thread(target=self._work, name="compress-best", daemon=True).start()
            self._background.put((body, algorithm))
        return data

    def _work(self) -> None:
        while True:
            body, algorithm = self._background.get()
            try:
                self.make_best(body, algorithm)
            except Exception:
                log.exception("background compression failed")

    def load_best(self, body: bytes, algorithm: str) -> None:
        """Keep the best copy of ``body`` if the disk cache has one (never compresses)."""
        digest = self.digest(body)
        path = self._disk_path(digest, algorithm)
        if (digest, algorithm) not in self._best and path is not None and path.is_file():
            self._best[(digest, algorithm)] = path.read_bytes()

    def make_best(self, body: bytes, algorithm: str) -> None:
        """Compress ``body`` at the best level (or load it from disk) and keep it."""
        digest = self.digest(body)
        key = (digest, algorithm)
        if key in self._best:
            return
        path = self._disk_path(digest, algorithm)
        if path is not None and path.is_file():
            self._best[key] = path.read_bytes()
            return
        data = _compress(body, algorithm, best=True)
        with self._lock:
            self._best[key] = data
            self._fast.pop(key, None)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                partial = path.with_suffix(f".{os.getpid()}.part")
                partial.write_bytes(data)
                partial.replace(path)
            except OSError as error:  # a read-only disk only costs the next start some time
                log.warning("could not store compressed file in %s: %s", path.parent, error)


def _compress(body: bytes, algorithm: str, *, best: bool) -> bytes:
    if algorithm == "br":
        return brotli.compress(body, quality=BROTLI_BEST if best else BROTLI_FAST)
    if algorithm == "gzip":
        return gzip.compress(body, GZIP_BEST if best else GZIP_FAST, mtime=0)
    raise ValueError(algorithm)


def _choose_encoding(accept_encoding: str) -> str | None:
    from flask_compress.flask_compress import _choose_algorithm

    return _choose_algorithm(("br", "gzip"), accept_encoding)


def _cache_dir() -> Path | None:
    folder = os.environ.get(CACHE_DIR_ENV)
    return Path(folder) if folder else config.PROJECT_ROOT / ".cache" / "compressed"


def _configure_compression(server: Flask, state: dict) -> None:
    server.config.setdefault("COMPRESS_MIMETYPES", list(COMPRESS_MIMETYPES))
    server.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    server.config.setdefault("COMPRESS_BR_LEVEL", 4)
    server.config.setdefault("COMPRESS_LEVEL", 6)
    server.config.setdefault("COMPRESS_MIN_SIZE", 500)
    server.config.setdefault("COMPRESS_STREAMS", False)
    Compress(server)
    compressor = StaticCompressor(_cache_dir())
    state["static"] = compressor

    # Registered after Compress, so it runs first (Flask runs after_request hooks in reverse):
    # flask-compress then sees Content-Encoding and leaves the body alone.
    @server.after_request
    def compress_static(response: Response) -> Response:
        if (
            request.method != "GET"
            or response.status_code != 200
            or "Content-Encoding" in response.headers
            or response.mimetype not in STATIC_MIMETYPES
            or not request.path.startswith(STATIC_PREFIXES)
        ):
            return response
        algorithm = _choose_encoding(request.headers.get("Accept-Encoding", ""))
        if algorithm is None:
            return response
        response.direct_passthrough = False
        body = response.get_data()
        if len(body) < STATIC_MIN_SIZE:
            return response
        digest = compressor.digest_for(request.full_path, body)
        response.set_data(compressor.compressed(digest, body, algorithm))
        response.headers["Content-Encoding"] = algorithm
        vary = response.headers.get("Vary", "")
        if "accept-encoding" not in vary.lower():
            response.headers["Vary"] = f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"
        etag, weak = response.get_etag()
        if etag and not weak:
            response.set_etag(f"{etag}:{algorithm}")
        return response


#: Bundles fetched after start-up that every overview visit needs (the map and charts).
CRITICAL_CHUNKS: Final = ("package_data/plotly.min.js", "dcc/async-graph.js")


def _registered_bodies(app: Dash, wanted) -> list[bytes]:
    bodies = []
    for package, paths in sorted(app.registered_paths.items()):
        for path in sorted(paths):
            if path.endswith((".js", ".css")) and wanted(path):
                data = pkgutil.get_data(package, path)
                if data and len(data) >= STATIC_MIN_SIZE:
                    bodies.append(data)
    return bodies


def critical_bodies(app: Dash) -> list[bytes]:
    """What a first visit loads: every script and stylesheet of the page, plotly.js and the
    graph chunk, and the boundaries."""
    client = app.server.test_client()
    index = client.get("/", headers={"Accept-Encoding": "identity"}).get_data(as_text=True)
    bodies = []
    for url in re.findall(r'(?:src|href)="(/[^"]+)"', index):
        response = client.get(url, headers={"Accept-Encoding": "identity"})
        if response.status_code == 200 and response.mimetype in STATIC_MIMETYPES:
            bodies.append(response.get_data())
    bodies += _registered_bodies(app, lambda path: path.endswith(CRITICAL_CHUNKS))
    for level in config.LEVELS:
        response = client.get(f"/geometry/{level}.geojson", headers={"Accept-Encoding": "identity"})
        if response.status_code == 200:
            bodies.append(response.get_data())
    return bodies


def warm_up(server: Flask) -> None:
    """Do the slow first-time work once, before serving: Dash's first-request set-up, and the
    best-level compression of what a first visit loads (read back from the disk cache after the
    first start; other bundles are compressed at the best level in the background when first
    asked for, and loaded from disk here on later starts). With gunicorn's ``preload_app`` this
    runs in the master, and every worker inherits the result.
    """
    state = server.extensions.get(EXTENSION_KEY)
    app = state and state.get("dash")
    if not app:
        return
    compressor: StaticCompressor = state["static"]
    jobs = [(body, algorithm) for body in critical_bodies(app) for algorithm in ("br", "gzip")]
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        # brotli and zlib release the GIL while compressing, so this uses every core.
        list(pool.map(lambda job: compressor.make_best(*job), jobs))
    for body in _registered_bodies(app, lambda _path: True):
        for algorithm in ("br", "gzip"):
            compressor.load_best(body, algorithm)
    client = server.test_client()
    client.get("/_dash-layout")
    client.get("/_dash-dependencies")


# -- cache of computed views ----------------------------------------------------------------------
def _cache_config() -> dict[str, Any]:
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


def view_cache_key(context, state) -> str:
    from dashboard.views import state as view_state

    path, search = view_state.to_url(state)
    return f"view:{context.data_identity}:{state.lang}:{path}{search}"


def cached_compute_view(context, state) -> dict:
    """:func:`dashboard.views.overview.compute_view`, through the app's view cache when there is one.

    A cache that fails (Redis down) is logged and skipped: the view is then computed directly.
    """
    from dashboard.views import overview as overview_view

    state_store = _current_state()
    cache: Cache | None = state_store.get("cache") if state_store else None
    if cache is None:
        return overview_view.compute_view(context, state)
    key = view_cache_key(context, state)
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


def stored_view_state(stored: object, la_slugs: tuple[str, ...]):
    """The view state named by a browser's stored copy of a view, or None when it names none.

    Only the copy's settings are read, as text, and they go through the URL parser, so anything
    unknown or malformed is dropped exactly as it would be in a link.
    """
    from dashboard import i18n
    from dashboard.views import state as view_state

    if not isinstance(stored, dict) or not stored:
        return None

    def text(key: str) -> str | None:
        value = stored.get(key)
        return value if isinstance(value, str) and value else None

    filters = stored.get("filters")
    clean = {}
    if isinstance(filters, dict):
        for key, values in filters.items():
            if isinstance(key, str) and isinstance(values, list):
                kept = tuple(value for value in values if isinstance(value, str))
                if kept:
                    clean[key] = kept
    state = view_state.ViewState(
        level=text("level") or view_state.DEFAULT_LEVEL,
        metric=text("metric") or view_state.DEFAULT_METRIC,
        area=text("area"),
        include_all_wales=stored.get("include_all_wales") is True,
        provision=text("provision") or "current",
        filters=clean,
        lang=i18n.normalise_language(stored.get("lang")),
    )
    return view_state.parse(*view_state.to_url(state), la_slugs).state


def trusted_view(context, stored: object) -> dict | None:
    """The server's own view for the settings in a browser's stored copy (never the copy).

    Callbacks that take the overview's stored view as input draw from this, so a tampered or
    malformed store can neither break them nor put numbers on screen that the data does not give.
    The view normally comes straight from the cache, where computing it has just put it.
    """
    state = stored_view_state(stored, context.la_slugs)
    return None if state is None else cached_compute_view(context, state)


def clear_view_cache(app: Dash) -> None:
    """Empty the view cache (the benchmark uses this to measure the uncached path)."""
    state = app.server.extensions.get(EXTENSION_KEY) or {}
    cache = state.get("cache")
    if cache is not None:
        cache.clear()


def _current_state() -> Mapping[str, Any] | None:
    try:
        return current_app.extensions.get(EXTENSION_KEY)
    except RuntimeError:  # outside a request: no app, no cache
        return None


# -- security headers -----------------------------------------------------------------------------
def content_security_policy(script_hashes: list[str]) -> str:
    """This origin only. Dash's inline scripts (the renderer start-up and clientside callbacks)
    are allowed by hash; plotly and Dash set inline styles; maplibre starts its workers from
    ``blob:`` URLs and plotly's image export uses ``data:``/``blob:`` images."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "child-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def _configure_security_headers(app: Dash, state: dict) -> None:
    server = app.server

    @server.after_request
    def add_security_headers(response: Response) -> Response:
        policy = state.get("csp")
        if policy is None:
            # Hashes are taken at the first request, once every callback is registered.
            policy = state["csp"] = content_security_policy(app.csp_hashes())
        response.headers["Content-Security-Policy"] = policy
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response


# -- errors ---------------------------------------------------------------------------------------
def _text(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def _configure_errors(app: Dash) -> None:
    server = app.server
    server.config["PROPAGATE_EXCEPTIONS"] = False
    server.config["MAX_CONTENT_LENGTH"] = MAX_CONTENT_LENGTH
    server.config.setdefault("TRAP_HTTP_EXCEPTIONS", False)

    @server.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        code = error.code or 500
        if code == 404:
            return _text(NOT_FOUND_TEXT, 404)
        if code >= 500:
            return _text(ERROR_TEXT, code)
        # Only the standard reason phrase ("Method Not Allowed"), never the exception's detail.
        return _text(f"{code} {_reason(code)}.", code)

    from dash.exceptions import DependencyException, InvalidResourceError

    @server.errorhandler(InvalidResourceError)
    @server.errorhandler(DependencyException)
    def missing_resource(_error: Exception) -> Response:
        # Dash's own answer lists the registered libraries and paths; this says "not found".
        return _text(NOT_FOUND_TEXT, 404)

    @server.errorhandler(Exception)
    def unexpected_error(error: Exception) -> Response:
        if isinstance(error, HTTPException):
            return http_error(error)
        log.error("unhandled error on %s %s", request.method, request.path, exc_info=error)
        return _text(ERROR_TEXT, 500)

    def callback_error(error: Exception) -> None:
        # A callback that fails leaves the page as it was ("no update") instead of a 500; the
        # details go to the log.
        log.error("callback failed on %s", _callback_output(), exc_info=error)

    # Dash calls ``_on_error`` (set by ``Dash(on_error=...)``) for an exception in any callback.
    if getattr(app, "_on_error", None) is None:
        app._on_error = callback_error


def _reason(code: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return "Error"


def _callback_output() -> str:
    body = request.get_json(silent=True)
    output = body.get("output") if isinstance(body, dict) else None
    return output[:200] if isinstance(output, str) else "?"


# -- callback request guard -----------------------------------------------------------------------
def _pattern(component_id: object) -> dict | None:
    """A pattern-matching id (Dash keeps them as JSON text in its callback map), else None."""
    if isinstance(component_id, dict):
        return component_id
    if isinstance(component_id, str) and component_id.startswith("{"):
        try:
            parsed = json.loads(component_id)
        except ValueError:
            return None
        return parsed if isinstance(parsed, dict) else None
    return None


def _matches_pattern(entry: object, pattern: dict, prop: str) -> bool:
    if not isinstance(entry, dict) or entry.get("property") != prop:
        return False
    entry_id = entry.get("id")
    if not isinstance(entry_id, dict) or set(entry_id) != set(pattern):
        return False
    return all(
        entry_id[key] == value for key, value in pattern.items() if not isinstance(value, list)
    )


def _dependency_ok(item: object, expected: Mapping[str, Any]) -> bool:
    """One input/state entry: for a plain id, a dict naming exactly that id and property; for a
    pattern-matching id, the matching entries (a list of them for ALL and ALLSMALLER)."""
    pattern = _pattern(expected["id"])
    if pattern is not None:
        multiple = any(value in (["ALL"], ["ALLSMALLER"]) for value in pattern.values())
        if multiple != isinstance(item, list):
            return False
        entries = item if isinstance(item, list) else [item]
        return all(_matches_pattern(entry, pattern, expected["property"]) for entry in entries)
    return (
        isinstance(item, dict)
        and item.get("id") == expected["id"]
        and item.get("property") == expected["property"]
    )


def validate_callback_body(app: Dash, body: object) -> str | None:
    """None when ``body`` is a well-formed request for a registered callback, else why not."""
    if not isinstance(body, dict):
        return "body is not a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or output not in app.callback_map:
        return "unknown output"
    spec = app.callback_map[output]
    if "callback" not in spec:
        return "clientside callback"
    for field, expected in (("inputs", spec["inputs"]), ("state", spec.get("state", []))):
        items = body.get(field, [])
        if not isinstance(items, list) or len(items) != len(expected):
            return f"{field} do not match the callback"
        if not all(_dependency_ok(item, dep) for item, dep in zip(items, expected, strict=True)):
            return f"{field} do not match the callback"
    outputs = body.get("outputs")
    expected_outputs = _expected_outputs(spec)
    if output.startswith(".."):  # several outputs: a list, one entry per output
        if not isinstance(outputs, list) or len(outputs) != len(expected_outputs):
            return "outputs do not match the callback"
        pairs = zip(outputs, expected_outputs, strict=True)
    else:
        pairs = [(outputs, expected_outputs[0])]
    if not all(_output_ok(item, *want) for item, want in pairs):
        return "outputs do not match the callback"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(item, str) for item in changed):
        return "changedPropIds must be a list of strings"
    return None


def _expected_outputs(spec: Mapping[str, Any]) -> list[tuple[Any, str]]:
    outputs = spec["output"] if isinstance(spec["output"], list) else [spec["output"]]
    return [(_plain_id(output.component_id), output.component_property) for output in outputs]


def _plain_id(component_id: object) -> object:
    """A pattern-matching id with its wildcards as dash-renderer writes them (``["ALL"]``)."""
    if isinstance(component_id, dict):
        return {
            key: json.loads(value.to_json()) if hasattr(value, "to_json") else value
            for key, value in component_id.items()
        }
    return component_id


def _output_ok(item: object, want_id: object, want_prop: str) -> bool:
    """One output entry: the id and property the callback declares; for a pattern-matching id,
    the matching entries (a list of them for ALL)."""
    if isinstance(want_id, dict):
        return _dependency_ok(item, {"id": want_id, "property": want_prop})
    return (
        isinstance(item, dict) and item.get("id") == want_id and item.get("property") == want_prop
    )


def _configure_callback_guard(app: Dash) -> None:
    @app.server.before_request
    def reject_malformed_callback_requests():
        if request.path != UPDATE_PATH or request.method != "POST":
            return None
        body = request.get_json(silent=True)
        problem = validate_callback_body(app, body)
        if problem:
            log.info("rejected callback request: %s", problem)
            return _text(BAD_REQUEST_TEXT, 400)
        return None


# -- entry point ----------------------------------------------------------------------------------
def configure_server(app: Dash) -> Dash:
    """Compression, view cache, security headers and clean errors for ``app``'s Flask server."""
    server = app.server
    if EXTENSION_KEY in server.extensions:
        return app
    server.debug = False
    state: dict[str, Any] = {"dash": app}
    server.extensions[EXTENSION_KEY] = state
    _configure_callback_guard(app)
    _configure_compression(server, state)
    state["cache"] = Cache(server, config=_cache_config())
    _configure_security_headers(app, state)
    _configure_errors(app)
    return app
