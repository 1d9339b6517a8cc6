"""Production serving: wires compression, the view cache, security headers, clean errors and the
callback guard into a Dash app's Flask server.

:func:`configure_server` is called once by ``app.create_app``; each job is its own module:

* :mod:`dashboard.web.callback_guard`: malformed callback requests get ``400`` before Dash.
* :mod:`dashboard.web.compression`: flask-compress, and the static bundles compressed ahead.
* :mod:`dashboard.web.view_cache`: the app's view cache kept with its server (for the benchmark).
* :mod:`dashboard.web.security`: the Content-Security-Policy and the other security headers.
* :mod:`dashboard.web.disclosure`: no versions in the page and no ``/_reload-hash`` in production.
* :mod:`dashboard.web.page_status`: the page answered 404 at addresses no page matches.
* :mod:`dashboard.web.grid_script`: dash-ag-grid's bundle only on the pages with a grid.
* :mod:`dashboard.web.errors`: short error answers (the callback error handler is given to
  ``Dash(on_error=...)`` in ``app.create_app``).
"""

from __future__ import annotations

from typing import Final

from dash import Dash

from dashboard.views.cache import ViewCache
from dashboard.web.callback_guard import configure_callback_guard
from dashboard.web.compression import configure_compression
from dashboard.web.disclosure import configure_disclosure
from dashboard.web.errors import configure_errors
from dashboard.web.grid_script import configure_grid_script
from dashboard.web.page_status import configure_page_status
from dashboard.web.pages import PageTable
from dashboard.web.security import configure_security_headers
from dashboard.web.view_cache import configure_view_cache

#: Marks a Flask server as configured, so that configuring an app twice changes nothing.
EXTENSION_KEY: Final = "vawdasv"


def configure_server(app: Dash, table: PageTable, cache: ViewCache) -> Dash:
    """Compression, view cache, security headers and clean errors for ``app``'s Flask server
    (``table``: the app's pages, for the status of its page; ``cache``: its view cache)."""
    server = app.server
    if EXTENSION_KEY in server.extensions:
        return app
    server.debug = False
    server.extensions[EXTENSION_KEY] = app
    configure_callback_guard(app)
    configure_grid_script(app)
    # The order of the after_request hooks matters (Flask runs them last registered first): the
    # security headers go on every answer, then the page's status (before its compression), then
    # the static pre-compressor, then flask-compress. The developer-only settings are left out
    # of the page as Dash writes it (dashboard.web.disclosure).
    configure_compression(app)
    configure_disclosure(app)
    configure_page_status(app, table)
    configure_view_cache(app, cache)
    configure_security_headers(app)
    configure_errors(app)
    return app
