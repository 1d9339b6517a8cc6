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

#: The map's colours when areas cannot be compared: one per kind of coverage (reviewed in depth;
#: listed, with part of the area reviewed in depth; listed; named in passing only), pale hues of
#: about the same lightness, so that no kind reads as "more" provision than another (Okabe and
#: Ito's hues lightened; dark text keeps at least 7:1 contrast on each).
COVERAGE_COLOURS: Final = ("#b9dcc9", "#c9d6ec", "#f3dfb0", "#e4e4e4")
#: The boundary between areas coloured by coverage: pale fills need a darker edge than white.
COVERAGE_OUTLINE: Final = "#4d4d4d"

#: The map of change between two waves: fewer current services (orange), none changed (white),
#: more (purple): a diverging scale from ColorBrewer's PuOr, safe for every common colour-vision
#: deficiency; the labels say the number, so no colour stands alone.
CHANGE_SCALE: Final = ("#b35806", "#f1a340", "#f7f7f7", "#998ec3", "#542788")

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


#: Height of the band at the top of a chart that its toolbar has to itself (px).
TOOLBAR_BAND: Final = 30
#: The longest line of a chart title, in characters: a longer title wraps, so it stays inside a
#: half-width panel at 1024 px.
TITLE_LINE: Final = 44
#: A title line's height, as a multiple of its font size.
TITLE_LINE_HEIGHT: Final = 1.3


def wrap_title(text: str, width: int = TITLE_LINE) -> str:
    """``text`` on lines of at most ``width`` characters (a longer word keeps its own line),
    joined by plotly's ``<br>``; a title already broken by the caller is left as it is."""
    if not text or "<br>" in text:
        return text
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


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
    text = wrap_title(title)
    size = title_size or TITLE_SIZE
    lines = text.count("<br>") + 1 if text else 0
    # The title starts below a band the chart's toolbar has to itself, and the top margin grows
    # to what its lines need: a long Welsh title ran under the toolbar. Placed in pixels from the
    # top, not as a share of the height, so the fast panels (views/panels.py) that change only
    # a chart's height and title text keep it where the builder put it.
    needed = TOOLBAR_BAND + round(lines * size * TITLE_LINE_HEIGHT) + 12 if lines else top
    heading = {
        "text": text,
        "yref": "container",
        "y": 1,
        "yanchor": "top",
        # plotly.js puts the first line's baseline, not its top, at the padding: a font size
        # more keeps the line's top below the band.
        "pad": {"t": TOOLBAR_BAND + size},
    }
    if title_size is not None:
        heading["font"] = {"size": size}
    return {
        "template": template(),
        "title": heading,
        "height": height,
        "margin": {"l": left, "r": right, "t": max(top, needed), "b": bottom},
        **more,
    }
