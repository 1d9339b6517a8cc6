"""The one look of every figure: the palette, each colour named by what it is for, and the plotly
template that carries what every figure shares (font, title placement, white backgrounds).

Pass the template as ``template=theme.template()`` in a figure's layout. It is built on first use
and not registered in ``plotly.io.templates``, so importing this module changes nothing.
"""

from __future__ import annotations

import functools
from typing import Final

import plotly.graph_objects as go
import plotly.io as pio

TEXT: Final = "#1b1b1b"
BACKGROUND: Final = "#ffffff"
GRID: Final = "#e5e5e5"
FONT: Final = {"family": "Arial, Helvetica, sans-serif", "size": 15, "color": TEXT}
TITLE_SIZE: Final = 17

#: Bars and markers that show one quantity.
BAR: Final = "#1d4f91"
BAR_OUTLINE: Final = "#0b2a55"
#: The white rim that separates stacked bars, markers and map areas from their neighbours.
SEPARATOR: Final = "#ffffff"
#: The text of a bar that is an explicit zero ("0, none recorded").
ZERO_TEXT: Final = "#a10e1a"
#: Reference lines and their notes: the Wales value, the current financial year.
REFERENCE: Final = "#a10e1a"

#: Single-hue sequential blues for the map: safe for every common colour-vision deficiency. The
#: lightest shades are dropped so that "none recorded" grey cannot be mistaken for a low value.
MAP_SCALE: Final = (
    "#c6dbef",
    "#9ecae1",
    "#6baed6",
    "#4292c6",
    "#2171b5",
    "#08519c",
    "#08306b",
)
#: The outline of the area the user selected on the map.
SELECTED_OUTLINE: Final = "#000000"
NONE_RECORDED: Final = "#e0e0e0"
NONE_RECORDED_OUTLINE: Final = "#6b6b6b"
TOO_LITTLE: Final = "#ffffff"
TOO_LITTLE_OUTLINE: Final = "#3d3d3d"

#: Gap review cells, one colour per state besides the recorded counts' blues.
GAP_CELL: Final = "#f4d6d6"
NOT_KNOWN_CELL: Final = "#fbe7b5"
NO_RECORD_CELL: Final = "#eeeeee"
COUNT_SCALE: Final = ((0.0, "#deebf7"), (0.5, "#6baed6"), (1.0, "#08306b"))

#: Colour-blind-safe categorical colours (Okabe-Ito order), for stacked bars of funders.
CATEGORIES: Final = (
    "#1d4f91",
    "#e69f00",
    "#009e73",
    "#cc79a7",
    "#56b4e9",
    "#d55e00",
    "#0072b2",
    "#f0e442",
    "#999999",
    "#000000",
    "#7f7f7f",
)
#: The same colours for small markers, without the yellow that a marker on white cannot show.
MARKER_CATEGORIES: Final = (*CATEGORIES[:7], "#999999")
#: Each group also has its own marker shape, so groups differ without colour.
MARKER_SYMBOLS: Final = (
    "circle",
    "square",
    "diamond",
    "triangle-up",
    "x",
    "star",
    "cross",
    "hexagon",
)
MARKER_OUTLINE: Final = "#000"


def scale(colours: tuple[str, ...]) -> list[list]:
    """Evenly spaced colours as a plotly colour scale."""
    return [[index / (len(colours) - 1), colour] for index, colour in enumerate(colours)]


def flat_scale(colour: str) -> list[list]:
    """A colour scale that draws every value in one colour."""
    return [[0, colour], [1, colour]]


#: What plotly's default template styles that no figure here draws: polar, ternary, 3-D and geo
#: subplots. Left out of :func:`template` with the trace types not drawn, because plotly validates
#: the template of every figure built, and the whole default template costs about 25 ms a figure.
UNDRAWN_SUBPLOTS: Final = ("polar", "ternary", "scene", "geo")
DRAWN_TRACE_TYPES: Final = ("bar", "scatter", "heatmap")


@functools.cache
def template() -> go.layout.Template:
    """plotly's default look with the dashboard's font, left-aligned titles and white backgrounds.

    Built from plotly's default template (what every figure had before), so that what is not named
    here is drawn exactly as plotly draws it.
    """
    plotly_look = pio.templates["plotly"].to_plotly_json()
    layout = {
        name: value for name, value in plotly_look["layout"].items() if name not in UNDRAWN_SUBPLOTS
    }
    layout.update(
        font=FONT,
        title={"x": 0, "xanchor": "left", "font": {"size": TITLE_SIZE}},
        paper_bgcolor=BACKGROUND,
        plot_bgcolor=BACKGROUND,
    )
    data = {kind: plotly_look["data"][kind] for kind in DRAWN_TRACE_TYPES}
    return go.layout.Template(layout=layout, data=data)
