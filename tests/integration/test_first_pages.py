"""The first pages rendered before serving: the app keeps them with its server, gunicorn's
master renders them, and what gunicorn's configuration imports to do so loads none of the
dashboard's component libraries (a bench app served by the same configuration, the floor page,
would otherwise send their scripts too)."""

from __future__ import annotations

import subprocess
import sys

from app import create_app
from dashboard.i18n import LANGUAGES
from dashboard.views import page_views
from dashboard.views.state import ViewState
from dashboard.web import first_pages
from dashboard.web.view_cache import app_view_cache


def test_the_app_keeps_its_first_pages_and_they_fill_its_cache(mini_context):
    app = create_app(mini_context)
    cache = app_view_cache(app)
    keys = [page_views.view_cache_key(mini_context, ViewState(lang=lang)) for lang in LANGUAGES]
    assert not any(key in cache.memo for key in keys)
    first_pages.render_first_pages(app.server)
    assert all(key in cache.memo for key in keys)  # the overview's view, in each language


def test_a_server_without_first_pages_renders_nothing():
    from flask import Flask

    first_pages.render_first_pages(Flask(__name__))


def test_gunicorns_hooks_load_no_component_library():
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, dashboard.web.compression, dashboard.web.first_pages;"
            "print(sorted(m for m in ('dash_ag_grid', 'dash_bootstrap_components', 'app')"
            " if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert loaded == "[]"
