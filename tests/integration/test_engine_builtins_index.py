"""The script that keeps the browser's own string and number functions from Dash's polyfill
(dashboard/web/engine_builtins.py) is in every page's index once, before the polyfill, at Dash's
address for the asset and versioned like the assets Dash adds; it is served. (That the page's
functions are then the browser's own is checked in Chromium: tests/e2e/test_engine_builtins.py.)
"""

from __future__ import annotations

import re

from app import create_app
from dashboard import config
from dashboard.web import engine_builtins


def test_every_page_loads_the_keep_script_once_before_the_polyfill(mini_context):
    client = create_app(mini_context).server.test_client()
    version = int((config.ASSETS_DIR / engine_builtins.KEEP_SCRIPT).stat().st_mtime)
    for path in ("/", "/force/gwent", "/directory", "/no-such-page"):
        scripts = re.findall(r'<script[^>]*src="([^"]+)"', client.get(path).get_data(as_text=True))
        keep = [src for src in scripts if engine_builtins.KEEP_SCRIPT in src]
        assert keep == [f"/assets/{engine_builtins.KEEP_SCRIPT}?m={version}"], path
        polyfill = next(i for i, src in enumerate(scripts) if "polyfill" in src)
        restore = scripts.index(next(src for src in scripts if "/engine-builtins.js" in src))
        assert scripts.index(keep[0]) < polyfill < restore, path
    assert client.get(keep[0]).status_code == 200
