"""The pages an app renders once before it serves, kept with its Flask server: gunicorn's master
calls :func:`render_first_pages` after loading the app (``gunicorn.conf.py``), and every worker
it forks inherits what was computed (:func:`callbacks.shell.render_first_pages` says which
pages, and what it saves).

Kept here, not in ``app``: importing ``app`` in gunicorn's master registers every component
library the dashboard uses with Dash, and a bench app served by the same configuration (the
floor page) then sent dash-ag-grid's and dash-bootstrap-components' scripts too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from flask import Flask

EXTENSION_KEY: Final = "vawdasv-first-pages"


def keep_first_pages(server: Flask, render: Callable[[], None]) -> None:
    """Keep ``render`` (rendering the app's first pages) with its Flask ``server``."""
    server.extensions[EXTENSION_KEY] = render


def render_first_pages(server: Flask) -> None:
    """Render the first pages kept with ``server``, if any (a bench app keeps none)."""
    render = server.extensions.get(EXTENSION_KEY)
    if render is not None:
        render()
