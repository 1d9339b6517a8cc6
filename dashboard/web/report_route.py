"""The report route: ``/report`` followed by any overview URL gives that view's self-contained
HTML report (``/report?level=la&metric=per_100k``), and followed by an area's profile its
profile's (``/report/force/gwent?lang=cy``: the profile's own page written as static HTML, see
:mod:`dashboard.web.static_page`), so a presenter can keep a link to it or save it from the
browser, and a PCC office can keep its profile as a file that opens offline.

A report costs 0.3-0.5 s of CPU and is 1.7 MB (plotly.js is inlined), and 30 clients asking for
reports once pushed ordinary requests to a p95 of 13 s (issue 22). So its costs are bounded
(:func:`serve_bounded`, which the presenter's deck, ``/present/deck.html``, goes through too,
sharing the cache and the slot: :mod:`dashboard.web.deck_route`):

* **Cached per canonical view.** Answers are kept in a bounded LRU of :data:`REPORT_CACHE_SIZE`
  per process, keyed like the view cache (the data's identity, the language and the state's
  canonical URL, :func:`dashboard.views.page_views.view_cache_key`) plus the notices the link's
  unrecognised settings give. Each entry keeps its body compressed once per encoding (compressing
  1.7 MB costs about 0.15 s, a third of generating it), and an ETag, a hash of the body: a repeat
  request with it in ``If-None-Match`` answers 304 (the compressed ETag ends in ``:br`` or
  ``:gzip``, as everywhere in the app). A cached report keeps the time it was generated.
* **Generated :data:`REPORT_SLOTS` at a time per process.** Generating (or compressing) takes a
  slot of a :class:`threading.BoundedSemaphore`; a request that cannot get one within
  :data:`REPORT_WAIT_S` answers 503 with ``Retry-After``, so a flood of reports leaves the
  worker's other threads, and the GIL, to ordinary requests.

Measured against gunicorn as ``make serve`` starts it (2 workers x 4 threads, 2 cores shared with
the load generator), 30 clients asking for reports without pause for 20 s, ordinary requests
sampled every 0.1 s from another process: over 4 views, 12,875 reports (18 answered 503) and an
ordinary p95 of 0.08 s; over 24 distinct views, every worker's cache cold (each worker generates
its own copy, 0.43 s each), 540 reports, 155 answered 503, and an ordinary p95 of 1.2 s (each
worker's one slot keeps one core busy, so both cores were). A bound across a host's workers (a
proxy's per-client limit on ``/report``) would cover that case.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from dash import Dash
from dash.development.base_component import Component
from flask import Response, request

from dashboard import i18n
from dashboard.domain.context import AppContext
from dashboard.views import page_views, report, url_parsing
from dashboard.views import state as view_state
from dashboard.views.cache import ViewCache
from dashboard.web import compression, ids, security, static_page
from dashboard.web.errors import text_response

REPORT_PREFIX = view_state.REPORT_PREFIX
EXTENSION_KEY: Final = "vawdasv-reports"
#: Reports kept per process. An entry is the 1.7 MB page and its compressed copies (about 0.5 MB
#: each), so 16 entries hold at most about 45 MB.
REPORT_CACHE_SIZE: Final = 16
#: Reports generated at once per process (gunicorn worker). Generating is pure Python holding the
#: GIL, so a second one at the same time would only halve the speed of both.
REPORT_SLOTS: Final = 1
#: Seconds a report request waits for a slot before it is answered 503 (one report takes 0.3-0.5 s
#: to generate, so a request queued behind one other still gets its turn).
REPORT_WAIT_S: Final = 0.5
#: What the 503 asks the browser to wait, in seconds.
RETRY_AFTER_S: Final = 5
#: An area's profile as its report draws it (the profile page's own builder with no report link,
#: ``layouts.profile.area_profile_page``, given by ``app.create_app``), its views through the cache.
ProfilePage = Callable[[AppContext, ViewCache, view_state.ViewState, i18n.Locale], Component]
BUSY_TEXT: Final = "The server is busy making other reports. Please try again in a few seconds."


@dataclass
class CachedReport:
    """One report: the page, its ETag, its Content-Security-Policy (its inline scripts' hashes)
    and its body compressed per encoding (added when asked)."""

    body: bytes
    etag: str
    policy: str
    compressed: dict[str, bytes] = field(default_factory=dict)


class ReportCache:
    """The reports this process made last, by key, at most ``size`` of them (thread-safe)."""

    def __init__(self, size: int = REPORT_CACHE_SIZE):
        self.size = size
        self._entries: OrderedDict[str, CachedReport] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> CachedReport | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: CachedReport) -> None:
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


@dataclass
class ReportLimits:
    """A server's report cache and its generation slots."""

    cache: ReportCache = field(default_factory=ReportCache)
    slots: threading.BoundedSemaphore = field(
        default_factory=lambda: threading.BoundedSemaphore(REPORT_SLOTS)
    )


def report_limits(app: Dash) -> ReportLimits:
    """``app``'s report cache and slots (the tests hold a slot or count what is generated)."""
    return app.server.extensions[EXTENSION_KEY]


def report_key(
    context: AppContext, parsed: url_parsing.Parsed, notices: list[str], *, profile: bool = False
) -> str:
    """The view cache's key for the view, whether it is an area's profile, and a hash of the
    notices the report starts with."""
    said = hashlib.sha256("\n".join(notices).encode("utf-8")).hexdigest()[:16]
    kind = "profile" if profile else "report"
    return f"{kind}:{page_views.view_cache_key(context, parsed.state)}:{said}"


def profile_report(
    context: AppContext,
    cache: ViewCache,
    state: view_state.ViewState,
    notices: list[str],
    profile_page: ProfilePage,
) -> str:
    """The report of ``state``'s area profile: the profile's page as static HTML, its map with
    the local authorities' boundaries embedded, every chart drawn by the inlined plotly.js."""
    locale = i18n.locale_for(state.lang)
    geometry = context.bundle.geometry["la"]

    def chart(component_id: str, figure, _config) -> str:
        if component_id == ids.PROFILE_MAP:
            figure = report.embedded_map(figure, "la", geometry)
        return report.figure_html(figure, state.lang)

    page = profile_page(context, cache, state, locale)
    return report.build_profile_report(
        context,
        body=static_page.to_html(page, chart),
        area_name=context.names(state.lang, state.level)[state.area],
        lang=state.lang,
        notices=notices,
    )


def busy() -> Response:
    """503 with ``Retry-After``: no slot to generate a report in time."""
    response = text_response(BUSY_TEXT, 503)
    response.headers["Retry-After"] = str(RETRY_AFTER_S)
    response.headers["Cache-Control"] = "no-store"
    return response


def cached_page(page: str) -> CachedReport:
    """A whole page the app built (a report, the deck) as the cache keeps it: its bytes, an ETag
    (a hash of them) and its policy: this origin only, as everywhere, its inline scripts
    allowed by their hashes."""
    body = page.encode("utf-8")
    policy = security.content_security_policy(security.inline_script_hashes(page))
    return CachedReport(body, hashlib.sha256(body).hexdigest()[:32], policy)


def serve_bounded(limits: ReportLimits, key: str, build: Callable[[], str]) -> Response:
    """The page ``build`` makes, at a bounded cost: from ``limits``' cache by ``key`` (304 when
    the client has it), else built in the process's one slot (503 when no slot is free in
    time) and compressed once per encoding. The report and the presenter's deck share the
    cache and the slot, so together they cost no more than one report at a time."""
    algorithm = compression.chosen_encoding()
    entry = limits.cache.get(key)
    etag = None if entry is None else _etag(entry, algorithm)
    if etag is not None and request.if_none_match.contains(etag):
        return _not_modified(etag)
    if entry is None or (algorithm and algorithm not in entry.compressed):
        if not limits.slots.acquire(timeout=REPORT_WAIT_S):
            return busy()
        try:
            # Another request may have made it while this one waited for the slot.
            entry = limits.cache.get(key) or cached_page(build())
            if algorithm and algorithm not in entry.compressed:
                entry.compressed[algorithm] = compression.compress(
                    entry.body, algorithm, best=False
                )
            limits.cache.put(key, entry)
        finally:
            limits.slots.release()
    return _answer(entry, algorithm)


def add_report_route(
    app: Dash, context: AppContext, cache: ViewCache, profile_page: ProfilePage
) -> None:
    """Serve the report of any overview view, and of any area's profile (drawn by
    ``profile_page``), from ``app``'s Flask server, their views through ``cache``."""
    limits = ReportLimits()
    app.server.extensions[EXTENSION_KEY] = limits

    @app.server.route(REPORT_PREFIX)
    @app.server.route(f"{REPORT_PREFIX}/<path:rest>")
    def serve_report(rest: str = "") -> Response:
        search = "?" + request.query_string.decode("utf-8", "replace")
        parsed = url_parsing.parse_for(context, "/" + rest, search)
        notices = url_parsing.problem_texts(parsed, i18n.locale_for(parsed.state.lang))
        # An area's profile (/report/force/gwent) is its profile's report; any other address
        # (/report?level=force&area=gwent) the overview's.
        profile = url_parsing.profile_area("/" + rest) is not None

        def build() -> str:
            if profile:
                return profile_report(
                    context.at(parsed.state.wave), cache, parsed.state, notices, profile_page
                )
            view = page_views.overview_view(cache, context, parsed.state)
            return report.build_report(context.at(parsed.state.wave), view, notices=notices)

        return serve_bounded(limits, report_key(context, parsed, notices, profile=profile), build)


def _etag(entry: CachedReport, algorithm: str | None) -> str:
    return f"{entry.etag}:{algorithm}" if algorithm else entry.etag


def _not_modified(etag: str) -> Response:
    response = Response(status=304)
    response.set_etag(etag)
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Vary"] = "Accept-Encoding"
    return response


def _answer(entry: CachedReport, algorithm: str | None) -> Response:
    body = entry.compressed[algorithm] if algorithm else entry.body
    response = Response(body, mimetype="text/html")
    if algorithm:
        # Compressed here, once per entry: flask-compress leaves an encoded answer alone.
        response.headers["Content-Encoding"] = algorithm
    response.headers["Vary"] = "Accept-Encoding"
    response.headers["Cache-Control"] = "no-cache"
    response.set_etag(_etag(entry, algorithm))
    response.headers["Content-Security-Policy"] = entry.policy
    return response.make_conditional(request)
