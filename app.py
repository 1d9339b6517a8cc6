"""Wire the dashboard together: data, layout shell, callbacks, HTTP routes.

``python app.py`` runs the development server; production uses gunicorn with the factory
``app:create_server()`` (see the README). Importing this module does nothing but define things.
"""

from __future__ import annotations

import argparse
import os
import sys
from functools import partial

import dash
from dash import Dash
from dash.development.base_component import Component

from callbacks import changes as changes_callbacks
from callbacks import directory as directory_callbacks
from callbacks import downloads as download_callbacks
from callbacks import overview as overview_callbacks
from callbacks import present as present_callbacks
from callbacks import profile as profile_callbacks
from callbacks import review as review_callbacks
from callbacks import scorecard as scorecard_callbacks
from callbacks import shell as shell_callbacks
from dashboard import config
from dashboard.data.loader import DataError
from dashboard.domain.context import AppContext, build_context
from dashboard.i18n import Locale
from dashboard.views.cache import ViewCache
from dashboard.views.state import ViewState
from dashboard.web import engine_builtins, errors
from dashboard.web.deck_route import add_deck_route
from dashboard.web.downloads import add_download_route
from dashboard.web.first_pages import keep_first_pages
from dashboard.web.geometry import add_geometry_route
from dashboard.web.report_route import add_report_route
from dashboard.web.server import configure_server
from layouts import shell
from layouts.page_table import PAGES
from layouts.profile import area_profile_page


def create_app(context: AppContext | None = None, cache: ViewCache | None = None) -> Dash:
    """A fully wired Dash app serving ``context`` (loaded from ``data/`` when not given), its
    views computed through ``cache`` (by default a new one, shared through Redis when
    ``REDIS_URL`` is set), which every page, callback and route that shows a view is given."""
    context = context or build_context()
    cache = cache or ViewCache.from_environment()
    app = Dash(
        __name__,
        title="VAWDASV perpetration interventions in Wales",
        assets_folder=str(config.ASSETS_DIR),
        assets_ignore=engine_builtins.ASSETS_IGNORE,
        serve_locally=True,
        suppress_callback_exceptions=True,
        update_title=None,
        external_stylesheets=[],
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        on_error=errors.callback_error,
    )
    app.index_string = shell.index_string(engine_builtins.keep_script_tag(app, config.ASSETS_DIR))
    app.layout = shell.shell()
    add_geometry_route(app, context)
    add_report_route(app, context, cache, report_profile)
    add_deck_route(app, context)
    add_download_route(app, context, cache)
    shell_callbacks.register(app, context, cache, PAGES)
    overview_callbacks.register(app, context, cache)
    directory_callbacks.register(app, context, cache)
    review_callbacks.register(app, context, cache)
    download_callbacks.register(app, context, cache)
    scorecard_callbacks.register(app, context, cache)
    present_callbacks.register(app, context, cache)
    changes_callbacks.register(app, context, cache)
    profile_callbacks.register(app)
    # Rendered once by gunicorn's master before it serves (dashboard.web.first_pages).
    keep_first_pages(app.server, partial(shell_callbacks.render_first_pages, context, cache, PAGES))
    return configure_server(app, PAGES, cache)


def report_profile(
    context: AppContext, cache: ViewCache, state: ViewState, locale: Locale
) -> Component:
    """An area's profile as its report draws it: the page's own, with no link to the report."""
    return area_profile_page(context, cache, state, locale, report_href=None)


def create_server():
    """WSGI entry point for gunicorn: ``gunicorn 'app:create_server()'``.

    Invalid data stops the server with the clean message ``make run`` prints and exit status 2,
    not with gunicorn's report of the exception (a 40-line traceback per bad file).
    """
    try:
        return create_app().server
    except DataError as error:
        print(data_error_message(error), file=sys.stderr, flush=True)
        raise SystemExit(DATA_ERROR_STATUS) from None


#: The exit status when the data is invalid (``make run`` and ``make serve``).
DATA_ERROR_STATUS = 2


def data_error_message(error: DataError) -> str:
    """What the server says when it does not start because of the data."""
    return f"The dashboard did not start because a data file is invalid:\n{error}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the dashboard (development server).")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8050")))
    parser.add_argument("--debug", action="store_true", help="Dash debug mode (off by default)")
    args = parser.parse_args(argv)
    try:
        app = create_app()
    except DataError as error:
        print(data_error_message(error), file=sys.stderr)
        return DATA_ERROR_STATUS
    app.run(host=args.host, port=args.port, debug=args.debug)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

__all__ = ["create_app", "create_server", "dash"]
