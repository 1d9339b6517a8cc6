"""Compression: flask-compress for every answer, and the static bundles compressed ahead at the best level.

flask-compress compresses HTML, JSON, CSS, JavaScript and GeoJSON with brotli or gzip, as the
browser prefers. The large static bundles (plotly.js, the lean bundle, alone is 1.4 MB) go through
:class:`StaticCompressor` instead: compressed once at the best brotli/gzip level and kept in memory
and on disk, in the folder named by ``VAWDASV_CACHE_DIR`` or, when that is unset or empty, in
``.cache/compressed`` under the project root. :func:`warm_up` does this before gunicorn forks its
workers, so a first visit is answered from ready copies.

flask-compress alone does not do this job: it compresses an answer when it is first asked for, at
one level for every answer, so plotly.js would cost either a first answer of more than ten seconds
at brotli's best level or about a quarter more bytes at the level used for everything else.
"""

from __future__ import annotations

import concurrent.futures
import gzip
import hashlib
import logging
import os
import pkgutil
import queue
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Final

import brotli
from dash import Dash
from flask import Flask, Response, request
from flask_compress import Compress

from dashboard import config

log = logging.getLogger(__name__)

EXTENSION_KEY: Final = "vawdasv-compression"
CACHE_DIR_ENV: Final = "VAWDASV_CACHE_DIR"
#: Where the best-level copies are kept when ``VAWDASV_CACHE_DIR`` is unset or empty.
DEFAULT_CACHE_DIR: Final = config.PROJECT_ROOT / ".cache" / "compressed"

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
#: The encodings offered, best first; "identity" stands for sending the body as it is.
ENCODINGS: Final = ("br", "gzip")
#: Static responses compressed once at the best level and reused (paths, then mimetypes).
STATIC_PREFIXES: Final = ("/_dash-component-suites/", "/assets/", "/geometry/")
STATIC_MIMETYPES: Final = frozenset(
    {
        "application/javascript",
        "text/javascript",
        "text/css",
        "application/geo+json",
        "application/json",  # the world topojson in assets/ (JSON callbacks are not static)
    }
)
STATIC_MIN_SIZE: Final = 1024
BROTLI_BEST: Final = 11
GZIP_BEST: Final = 9
BROTLI_FAST: Final = 5
GZIP_FAST: Final = 6
#: Bundles a first visit needs that the overview's index does not name: the charts' code (plotly.js
#: itself is the lean bundle in assets/, a script of the page) and the directory's grid, whose
#: script is only in the directory's index (:mod:`dashboard.web.grid_script`), with the chunk the
#: grid loads as it draws (0.9 MB: left to the background, its best copy took longer than a
#: browser test and was cut off when the test ended).
CRITICAL_CHUNKS: Final = ("dcc/async-graph.js", "dash_ag_grid.min.js", "async-community.js")
#: Assets fetched after start-up that every map needs: the world topojson plotly's geo map asks for.
CRITICAL_ASSETS: Final = ("/assets/topojson/world_110m.json",)
IDENTITY: Final = MappingProxyType({"Accept-Encoding": "identity"})


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
        data = compress(body, algorithm, best=False)
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
        data = compress(body, algorithm, best=True)
        with self._lock:
            self._best[key] = data
            self._fast.pop(key, None)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                # Named after the final file, process and thread, so that two writers (the br and
                # gzip copies of one body, made at once) never share a partial file.
                partial = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.part")
                partial.write_bytes(data)
                partial.replace(path)
            except OSError as error:  # a read-only disk only costs the next start some time
                log.warning("could not store compressed file in %s: %s", path.parent, error)


@dataclass(frozen=True)
class StaticCompression:
    """What :func:`warm_up` needs of a configured app: the app and its compressor."""

    app: Dash
    compressor: StaticCompressor


def compress(body: bytes, algorithm: str, *, best: bool) -> bytes:
    """``body`` compressed with ``algorithm`` ("br" or "gzip") at the best or a fast level."""
    if algorithm == "br":
        return brotli.compress(body, quality=BROTLI_BEST if best else BROTLI_FAST)
    if algorithm == "gzip":
        return gzip.compress(body, GZIP_BEST if best else GZIP_FAST, mtime=0)
    raise ValueError(algorithm)


def chosen_encoding() -> str | None:
    """The encoding of :data:`ENCODINGS` the request's browser prefers, or None for none.

    Werkzeug's parser weighs the ``q`` values; "identity" is a candidate so that a browser that
    prefers the body as it is gets it so.
    """
    choice = request.accept_encodings.best_match((*ENCODINGS, "identity"))
    return None if choice == "identity" else choice


def cache_dir() -> Path:
    """The folder of the best-level copies: ``VAWDASV_CACHE_DIR``, else :data:`DEFAULT_CACHE_DIR`."""
    folder = os.environ.get(CACHE_DIR_ENV)
    return Path(folder) if folder else DEFAULT_CACHE_DIR


def configure_compression(app: Dash) -> None:
    """flask-compress, then the static pre-compressor, on ``app``'s Flask server."""
    server = app.server
    server.config.setdefault("COMPRESS_MIMETYPES", list(COMPRESS_MIMETYPES))
    server.config.setdefault("COMPRESS_ALGORITHM", list(ENCODINGS))
    server.config.setdefault("COMPRESS_BR_LEVEL", 4)
    server.config.setdefault("COMPRESS_LEVEL", 6)
    server.config.setdefault("COMPRESS_MIN_SIZE", 500)
    server.config.setdefault("COMPRESS_STREAMS", False)
    Compress(server)
    compressor = StaticCompressor(cache_dir())
    server.extensions[EXTENSION_KEY] = StaticCompression(app, compressor)

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
        algorithm = chosen_encoding()
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
        # The browser revalidates with the ETag it was given, the compressed one: Dash and
        # Flask's static route compare it with the uncompressed one and never answered 304.
        return response.make_conditional(request)


def _registered_bodies(app: Dash, wanted: Callable[[str], bool]) -> list[bytes]:
    bodies = []
    for package, paths in sorted(app.registered_paths.items()):
        for path in sorted(paths):
            if path.endswith((".js", ".css")) and wanted(path):
                data = pkgutil.get_data(package, path)
                if data and len(data) >= STATIC_MIN_SIZE:
                    bodies.append(data)
    return bodies


def critical_bodies(app: Dash) -> list[bytes]:
    """What a first visit loads: every script and stylesheet of the page (plotly.js among them),
    the graph chunk, the world topojson and the boundaries."""
    client = app.server.test_client()
    index = client.get("/", headers=IDENTITY).get_data(as_text=True)
    bodies = []
    for url in re.findall(r'(?:src|href)="(/[^"]+)"', index):
        response = client.get(url, headers=IDENTITY)
        if response.status_code == 200 and response.mimetype in STATIC_MIMETYPES:
            bodies.append(response.get_data())
    bodies += _registered_bodies(app, lambda path: path.endswith(CRITICAL_CHUNKS))
    for url in (*CRITICAL_ASSETS, *(f"/geometry/{level}.geojson" for level in config.LEVELS)):
        response = client.get(url, headers=IDENTITY)
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
    configured: StaticCompression | None = server.extensions.get(EXTENSION_KEY)
    if configured is None:
        return
    app, compressor = configured.app, configured.compressor
    # Each body once (the same bundle can be both on the page and a critical chunk).
    bodies = {compressor.digest(body): body for body in critical_bodies(app)}.values()
    jobs = [(body, algorithm) for body in bodies for algorithm in ENCODINGS]
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        # brotli and zlib release the GIL while compressing, so this uses every core.
        list(pool.map(lambda job: compressor.make_best(*job), jobs))
    for body in _registered_bodies(app, lambda _path: True):
        for algorithm in ENCODINGS:
            compressor.load_best(body, algorithm)
    client = server.test_client()
    client.get("/_dash-layout")
    client.get("/_dash-dependencies")
