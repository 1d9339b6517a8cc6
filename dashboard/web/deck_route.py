"""The presenter's deck at a stable address: ``/present/deck.html`` (``?lang=cy`` in Welsh), the
slides of ``/present`` in one self-contained HTML file (:mod:`dashboard.views.deck`) that a
presenter downloads and opens from disk with no network.

A deck costs what a report costs (the slides are computed, plotly.js is inlined), so it goes
through the report's bounds (:func:`dashboard.web.report_route.serve_bounded`): the same
per-process cache (one entry per data, language and day: the funding slide compares stated ends
with the day's date), ETag and 304, and the same one generation slot per worker; nginx limits it
per client like ``/report`` (``deploy/nginx.conf.template``).
"""

from __future__ import annotations

import datetime as dt

from dash import Dash
from flask import Response, request

from dashboard.domain.context import AppContext
from dashboard.views import deck, url_parsing
from dashboard.web import report_route


def deck_key(context: AppContext, lang: str, today: dt.date) -> str:
    """One deck per data, language and day."""
    return f"deck:{context.data_identity}:{lang}:{today.isoformat()}"


def add_deck_route(app: Dash, context: AppContext) -> None:
    """Serve the deck from ``app``'s Flask server, within its report bounds (add the report
    route first: :func:`dashboard.web.report_route.add_report_route`)."""
    limits = report_route.report_limits(app)

    @app.server.route(deck.DECK_PATH)
    def serve_deck() -> Response:
        search = "?" + request.query_string.decode("utf-8", "replace")
        lang = url_parsing.language_of(search)
        today = dt.date.today()
        # The wave asked for (?wave=), as on every page; the latest picture by default.
        shown = context.at(url_parsing.wave_of(context, search))
        response = report_route.serve_bounded(
            limits,
            deck_key(shown, lang, today),
            lambda: deck.build_deck(shown, lang, today=today),
        )
        # Saved under a name that says what it is and in which language.
        response.headers["Content-Disposition"] = f'inline; filename="{deck.file_name(lang)}"'
        return response
