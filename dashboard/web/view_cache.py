"""The app's view cache (:class:`dashboard.views.cache.ViewCache`) kept with its Flask server, so
that what holds only the app (the benchmark, a test) can reach it. The app itself never looks it
up here: ``app.create_app`` hands the cache to every page, callback and route that needs it.
"""

from __future__ import annotations

from typing import Final

from dash import Dash

from dashboard.views.cache import ViewCache

EXTENSION_KEY: Final = "vawdasv-view-cache"


def configure_view_cache(app: Dash, cache: ViewCache) -> None:
    """Keep ``cache`` with ``app``'s Flask server."""
    app.server.extensions[EXTENSION_KEY] = cache


def app_view_cache(app: Dash) -> ViewCache:
    """The view cache ``app`` was made with."""
    return app.server.extensions[EXTENSION_KEY]


def clear_view_cache(app: Dash) -> None:
    """Empty the memo and the view cache (the benchmark uses this to measure the uncached path)."""
    cache = app.server.extensions.get(EXTENSION_KEY)
    if cache is not None:
        cache.clear()
