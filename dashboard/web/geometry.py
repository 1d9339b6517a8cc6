"""The boundaries route: ``/geometry/<level>.geojson``, the GeoJSON of one level's areas.

Boundaries are fetched once per level and cached by the browser (an ETag and a day's
``max-age``); callbacks never resend them.
"""

from __future__ import annotations

from typing import Final

from dash import Dash
from flask import Response, abort, request

from dashboard.domain.context import AppContext

GEOMETRY_MAX_AGE: Final = 86_400


def add_geometry_route(app: Dash, context: AppContext) -> None:
    """Serve ``context``'s boundaries from ``app``'s Flask server."""
    geometry = context.bundle.geometry

    @app.server.route("/geometry/<level>.geojson")
    def serve_geometry(level: str) -> Response:
        if level not in geometry:
            abort(404)
        etag = f'"{level}-{len(geometry[level])}"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304)
        response = Response(geometry[level], mimetype="application/geo+json")
        response.headers["Cache-Control"] = f"public, max-age={GEOMETRY_MAX_AGE}"
        response.headers["ETag"] = etag
        return response
