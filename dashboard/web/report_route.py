"""The report route: ``/report`` followed by any overview URL gives that view's self-contained
HTML report (``/report?level=la&metric=per_100k``, ``/report/force/gwent?lang=cy``), so a presenter
can keep a link to it or save it from the browser."""

from __future__ import annotations

from dash import Dash
from flask import Response, request

from dashboard.domain.context import AppContext
from dashboard.views import report
from dashboard.views import state as view_state
from dashboard.web import security, view_cache

REPORT_PREFIX = "/report"


def add_report_route(app: Dash, context: AppContext) -> None:
    """Serve the report of any overview view from ``app``'s Flask server."""

    @app.server.route(REPORT_PREFIX)
    @app.server.route(f"{REPORT_PREFIX}/<path:rest>")
    def serve_report(rest: str = "") -> Response:
        search = "?" + request.query_string.decode("utf-8", "replace")
        parsed = view_state.parse("/" + rest, search, context.la_slugs, context.scope_ids)
        view = view_cache.cached_compute_view(context, parsed.state)
        page = report.build_report(
            context, view, notices=view_state.problem_texts(parsed, view.locale)
        )
        response = Response(page, mimetype="text/html")
        response.headers["Cache-Control"] = "no-cache"
        # This origin only, as everywhere; its inline scripts allowed by their hashes.
        response.headers["Content-Security-Policy"] = security.content_security_policy(
            security.inline_script_hashes(page)
        )
        return response
