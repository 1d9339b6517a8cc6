"""What the production server does not tell: the Python, Dash and plotly versions in the page's
``_dash-config``, and Dash's hot-reload endpoint ``/_reload-hash`` (which lists the packages).

Both serve Dash's developer tools only. In production (the Flask server not in debug mode, as
``make serve`` and ``python app.py`` run it) the versions are left out of every page and
``/_reload-hash`` answers 404; ``python app.py --debug`` keeps both.

How: Dash 4.4.1 writes these entries into every page's ``_dash-config`` whatever its settings
(``Dash._config`` adds them unconditionally; no ``app.config`` or ``dev_tools_*`` option takes
them out), so the page's HTML is changed where Dash documents it may be: its
``interpolate_index`` (as :mod:`dashboard.web.grid_script`), which receives the config element
on its own (the ``config`` argument). Nothing searches the finished page, and the edit is done
before compression, whatever order the response hooks run in. ``dash.hooks.index`` would see the
whole page and is process-wide, not per app (see :mod:`dashboard.web.grid_script`). Re-check at a
Dash upgrade: ``tests/integration/test_server_leaks.py`` fails if a version is shown again, and
a config element not as Dash writes it raises :class:`UnexpectedConfigError`.
"""

from __future__ import annotations

import json
from typing import Final

from dash import Dash
from flask import current_app, request

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
#: The config element as Dash writes it (``Dash._generate_config_html``), around its JSON.
CONFIG_OPEN: Final = '<script id="_dash-config" type="application/json">'
CONFIG_CLOSE: Final = "</script>"


class UnexpectedConfigError(RuntimeError):
    """Dash wrote its config element in a form this module does not know (a Dash upgrade)."""


def without_developer_config(config_element: str) -> str:
    """Dash's ``_dash-config`` element with the developer-only entries taken out."""
    if not (config_element.startswith(CONFIG_OPEN) and config_element.endswith(CONFIG_CLOSE)):
        raise UnexpectedConfigError(
            f"Dash's _dash-config element no longer reads {CONFIG_OPEN}…{CONFIG_CLOSE}: "
            "update dashboard.web.disclosure for this Dash version"
        )
    config = json.loads(config_element[len(CONFIG_OPEN) : -len(CONFIG_CLOSE)])
    for key in DEVELOPER_ONLY_CONFIG:
        config.pop(key, None)
    # As Dash writes it: "<" and "/" escaped, so no value can close the script element.
    text = json.dumps(config, separators=(",", ":")).replace("<", "\\u003c")
    return CONFIG_OPEN + text.replace("/", "\\u002f") + CONFIG_CLOSE


def configure_disclosure(app: Dash) -> None:
    """In production, no versions in ``app``'s pages and no ``/_reload-hash``."""
    reload_path = app.config.routes_pathname_prefix + RELOAD_HASH_ROUTE
    interpolate = app.interpolate_index

    @app.server.before_request
    def no_reload_hash_in_production():
        if request.path == reload_path and not current_app.debug:
            return text_response(NOT_FOUND_TEXT, 404)
        return None

    def interpolate_index(**kwargs) -> str:
        if not current_app.debug and isinstance(kwargs.get("config"), str):
            kwargs["config"] = without_developer_config(kwargs["config"])
        return interpolate(**kwargs)

    app.interpolate_index = interpolate_index
