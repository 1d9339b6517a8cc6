"""What the production server does not tell: the Python, Dash and plotly versions in the page's
``_dash-config``, and Dash's hot-reload endpoint ``/_reload-hash`` (which lists the packages).

Both serve Dash's developer tools only. In production (the Flask server not in debug mode, as
``make serve`` and ``python app.py`` run it) the versions are taken out of every page and
``/_reload-hash`` answers 404; ``python app.py --debug`` keeps both.
"""

from __future__ import annotations

import json
import re
from typing import Final

from dash import Dash
from flask import Response, current_app, request

from dashboard.web.errors import NOT_FOUND_TEXT, text_response

#: The ``_dash-config`` entries that only Dash's developer tools read.
DEVELOPER_ONLY_CONFIG: Final = (
    "dash_version",
    "python_version",
    "dash_version_url",
    "ddk_version",
    "plotly_version",
)
RELOAD_HASH_ROUTE: Final = "_reload-hash"
CONFIG_SCRIPT: Final = re.compile(
    r'(<script id="_dash-config" type="application/json">)(.*?)(</script>)', re.DOTALL
)


def without_developer_config(page: str) -> str:
    """``page`` with the developer-only entries taken out of its ``_dash-config``."""

    def clean(match: re.Match) -> str:
        config = json.loads(match.group(2))
        for key in DEVELOPER_ONLY_CONFIG:
            config.pop(key, None)
        # As Dash writes it: "<" and "/" escaped, so no value can close the script element.
        text = json.dumps(config, separators=(",", ":")).replace("<", "\\u003c")
        return match.group(1) + text.replace("/", "\\u002f") + match.group(3)

    return CONFIG_SCRIPT.sub(clean, page, count=1)


def configure_disclosure(app: Dash) -> None:
    """In production, no versions in ``app``'s pages and no ``/_reload-hash``."""
    server = app.server
    reload_path = app.config.routes_pathname_prefix + RELOAD_HASH_ROUTE

    @server.before_request
    def no_reload_hash_in_production():
        if request.path == reload_path and not current_app.debug:
            return text_response(NOT_FOUND_TEXT, 404)
        return None

    @server.after_request
    def no_versions_in_production(response: Response) -> Response:
        if (
            current_app.debug
            or response.mimetype != "text/html"
            or response.direct_passthrough
            or "Content-Encoding" in response.headers
        ):
            return response
        page = response.get_data(as_text=True)
        if "_dash-config" in page:
            response.set_data(without_developer_config(page))
        return response
