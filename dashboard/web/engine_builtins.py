"""The browser's own string trimming and number parsing, kept from Dash's polyfill.

Dash loads ``@babel/polyfill`` 7 (core-js 2) before anything else on every page. Its test for a
standard ``String.prototype.trim`` still counts U+180E as white space, which Unicode 6.3 dropped
in 2013, so in every current browser it replaces ``trim`` (and ``trimStart``/``trimEnd``) and,
by the same test, ``parseInt`` and ``parseFloat`` with versions that run a regular expression
at every call. plotly.js calls them for every attribute it coerces and every label it draws.

Measured on the overview in Chromium (``bench/trace_click.py``'s replay of a click's nine
figures through ``Plotly.react``, two runs each way, issue 25): 121 and 121 ms with the
polyfill's versions, 108 and 111 ms with the browser's own; the polyfill's ``trim`` and
``parseInt`` were 7% of plotly's sampled CPU time in the redraw.

How, with Dash's public API only: the app's ``index_string`` loads :data:`KEEP_SCRIPT` (from
the app's assets, at :func:`keep_script_tag`'s address) before Dash's scripts, which keeps the
browser's functions, and :data:`ASSETS_IGNORE` leaves that file out of the assets Dash adds after
its own scripts (Dash documents that an ignored asset is still served when asked for).
``assets/engine-builtins.js``, one of those added assets, so after the polyfill, puts the kept
functions back. Nothing else of the polyfill is touched. ``tests/e2e/test_engine_builtins.py``
checks, in Chromium, that the page's ``trim`` and ``parseFloat`` are the browser's own; re-check
at a Dash upgrade (a Dash without the polyfill leaves the two scripts with nothing to do).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from dash import Dash

#: The asset that keeps the browser's functions: loaded by the index before Dash's scripts.
KEEP_SCRIPT: Final = "engine-builtins-keep.js"
#: Dash's ``assets_ignore``: the keep script is not added again after Dash's scripts.
ASSETS_IGNORE: Final = "^" + re.escape(KEEP_SCRIPT) + "$"


def keep_script_tag(app: Dash, assets_dir: Path) -> str:
    """The keep script's tag for ``app``'s index: at Dash's address for the asset (any path
    prefix included), versioned by the file's modification time as Dash versions the assets it
    adds (``?m=``), so that a cache in front serves the new file after a deploy."""
    version = int((assets_dir / KEEP_SCRIPT).stat().st_mtime)
    return f'<script src="{app.get_asset_url(KEEP_SCRIPT)}?m={version}"></script>'
