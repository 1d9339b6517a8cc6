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

#: Chart toolbar buttons never shown: box and lasso select (nothing selects), and plotly.js 3's
#: "Share chart...", which uploads the chart to Plotly Cloud (no data leaves the dashboard; the
#: button has no Welsh either).
REMOVED_TOOLBAR_BUTTONS: Final = ("select2d", "lasso2d", "sendChartToCloud")
TEXT: Final = "#1b1b1b"
BACKGROUND: Final = "#ffffff"
GRID: Final = "#e5e5e5"
TITLE_SIZE: Final = 17
FONT: Final = {"family": "Arial, Helvetica, sans-serif", "size": 15, "color": TEXT}

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
MAP_SCALE: Final = ("#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")
#: The outline of the area the user selected on the map.
SELECTED_OUTLINE: Final = "#000000"
#: Map areas with no intervention recorded: a grey, outlined, never read as a low value.
NONE_RECORDED: Final = "#e0e0e0"
NONE_RECORDED_OUTLINE: Final = "#6b6b6b"
#: Map areas whose share rests on too little to show: white, with a dark outline.
TOO_LITTLE: Final = "#ffffff"
TOO_LITTLE_OUTLINE: Final = "#3d3d3d"

#: Gap review cells: the recorded counts in blues, then one colour per other state: gap (red),
#: not known (amber), no record (grey).
COUNT_SCALE: Final = ((0.0, "#deebf7"), (0.5, "#6baed6"), (1.0, "#08306b"))
GAP_CELL: Final = "#f4d6d6"
NOT_KNOWN_CELL: Final = "#fbe7b5"
NO_RECORD_CELL: Final = "#eeeeee"

#: Categorical colours for stacked bars of funders: the bar blue, then Okabe and Ito's
#: colour-blind-safe colours, then greys and black.
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
#: the template of every figure built, and validating the whole default one costs tens of
#: milliseconds a figure (a few for this part).
UNDRAWN_SUBPLOTS: Final = ("polar", "ternary", "scene", "geo")
DRAWN_TRACE_TYPES: Final = ("bar", "scatter", "heatmap")


@functools.cache
def template() -> go.layout.Template:
    """plotly's default look with the dashboard's font, left-aligned titles and white backgrounds.

    Built from plotly's default template, which a figure gets when it names none, so that what is
    not named here is drawn exactly as plotly draws it.
    """
    plotly_look = pio.templates["plotly"].to_plotly_json()
    drawn_layout = {
        name: value for name, value in plotly_look["layout"].items() if name not in UNDRAWN_SUBPLOTS
    }
    drawn_layout.update(
        font=FONT,
        title={"x": 0, "xanchor": "left", "font": {"size": TITLE_SIZE}},
        paper_bgcolor=BACKGROUND,
        plot_bgcolor=BACKGROUND,
    )
    data = {kind: plotly_look["data"][kind] for kind in DRAWN_TRACE_TYPES}
    return go.layout.Template(layout=drawn_layout, data=data)


def layout(
    *,
    title: str,
    height: int,
    margin: tuple[int, int, int, int],
    title_size: int | None = None,
    **more,
) -> dict:
    """A titled chart's layout in the one look: the template, the title (in the template's size
    unless given), the height, the margins (left, right, top, bottom) and what else it sets."""
    left, right, top, bottom = margin
    heading = (
        {"text": title} if title_size is None else {"text": title, "font": {"size": title_size}}
    )
    return {
        "template": template(),
        "title": heading,
        "height": height,
        "margin": {"l": left, "r": right, "t": top, "b": bottom},
        **more,
    }
