"""Parts of a plotly figure by path, applied to a figure's JSON or sent as a ``Patch``.

A chart whose frame depends only on its panel (or level) is built once, with plotly's validated
(slow) objects, and kept as plain JSON; what depends on the view is listed as *parts*: a path in
the figure (``("data", 0, "z")``) and its value. :func:`assign` fills a copy of the frame with
them (the figure drawn with a page), :func:`as_patch` turns them into a ``Patch`` (the figure
updated in the browser, values only). Both give the same figure, so what a page draws first and
what a callback draws later never differ.
"""

from __future__ import annotations

import json
from typing import Any

from dash import Patch
from plotly.utils import PlotlyJSONEncoder

#: A plotly figure, or a part of one (a layout, an annotation), as plain JSON: what a
#: ``dcc.Graph``'s ``figure`` holds and plotly.js draws. A dict by nature (plotly's schema), not a
#: view: views are frozen dataclasses.
FigureJSON = dict[str, Any]

#: Path in the figure -> value. ``None`` as a value means "absent from the figure".
Parts = dict[tuple, Any]


def plain(value: Any) -> Any:
    """``value`` as the plain JSON structure Dash sends (numpy values and plotly objects
    included)."""
    return json.loads(json.dumps(value, cls=PlotlyJSONEncoder))


def assign(figure: FigureJSON, parts: Parts) -> FigureJSON:
    """``figure`` (plain JSON, changed in place and returned) with ``parts`` set."""
    for path, value in parts.items():
        *parents, last = path
        target = figure
        for step in parents:
            target = target[step] if isinstance(step, int) else target.setdefault(step, {})
        if value is None:
            if isinstance(target, dict):
                target.pop(last, None)
        else:
            target[last] = plain(value)
    return figure


def as_patch(parts: Parts) -> Patch:
    """A ``Patch`` that sets ``parts`` on whatever figure the browser holds."""
    patch = Patch()
    for path, value in parts.items():
        *parents, last = path
        target = patch
        for step in parents:
            target = target[step]
        if value is None:
            del target[last]
        else:
            target[last] = plain(value)
    return patch
