"""dash-ag-grid's bundle (0.28 MB compressed) only where a grid is: on ``/directory``.

Dash puts every component library's script on every page. The index of a page without a grid
leaves dash-ag-grid's script out; ``assets/grid-pages.js`` turns an in-app move to a grid page
(dcc.Link's ``history.pushState``) into a full load of that page, whose index has the script.

How: the app's ``interpolate_index``, the method Dash documents as the place to change a page's
HTML ("Override this method to provide your own custom HTML"), wrapped to drop that one script
from its ``scripts`` argument. The other public ways do not do this job: ``index_string`` has a
single ``{%scripts%}`` placeholder for every script, so it cannot leave one out by page; and
``dash.hooks.index`` (Dash >= 3) is process-wide, not per app: a hook registered by
``create_app`` would be added again for every app the process makes (the tests call ``create_app`` from 40
places) and would run on every app's pages. Re-check at a Dash upgrade:
``tests/e2e/test_grid_script.py`` fails if the script stays on the overview or goes missing on
the directory.
"""

from __future__ import annotations

import re
from typing import Final

from dash import Dash
from flask import request

#: The pages that draw a dash-ag-grid grid (``assets/grid-pages.js`` names them too).
GRID_PAGES: Final = ("/directory",)
GRID_SCRIPT: Final = re.compile(r'<script src="[^"]*/dash_ag_grid/dash_ag_grid[^"]*"></script>\s*')


def configure_grid_script(app: Dash) -> None:
    """Leave dash-ag-grid's script out of the index of every page but the grid pages."""
    interpolate = app.interpolate_index

    def interpolate_index(**kwargs) -> str:
        if not request.path.startswith(GRID_PAGES) and isinstance(kwargs.get("scripts"), str):
            kwargs["scripts"] = GRID_SCRIPT.sub("", kwargs["scripts"])
        return interpolate(**kwargs)

    app.interpolate_index = interpolate_index
