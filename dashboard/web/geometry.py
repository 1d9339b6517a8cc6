"""The boundaries route: ``/geometry/<level>.geojson``, the GeoJSON of one level's areas.

Boundaries are fetched once per level and cached by the browser (an ETag and a day's
``max-age``); callbacks never resend them.
"""

from __future__ import annotations

import hashlib
from typing import Final

from dash import Dash
from flask import Response, abort, request

from dashboard.domain.context import AppContext

GEOMETRY_MAX_AGE: Final = 86_400


def add_geometry_route(app: Dash, context: AppContext) -> None:
    """Serve ``context``'s boundaries from ``app``'s Flask server."""
    geometry = context.bundle.geometry
    # A hash of the content, not its length: boundaries redrawn with as many bytes are new.
    etags = {
        level: hashlib.sha256(_bytes(body)).hexdigest()[:32] for level, body in geometry.items()
    }

    @app.server.route("/geometry/<level>.geojson")
    def serve_geometry(level: str) -> Response:
        if level not in geometry:
            abort(404)
        response = Response(geometry[level], mimetype="application/geo+json")
        response.headers["Cache-Control"] = f"public, max-age={GEOMETRY_MAX_AGE}"
        response.set_etag(etags[level])
        # 304 when the browser has this version (flask-compress does the same for the
        # compressed answer's ETag, which ends in ":br" or ":gzip").
        return response.make_conditional(request)


def _bytes(body: str | bytes) -> bytes:
    return body.encode("utf-8") if isinstance(body, str) else body
