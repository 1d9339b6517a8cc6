"""The one look of every figure: the palette, each colour named by what it is for, and the plotly
template that carries what every figure shares (font, title placement, white backgrounds).

Pass the template as ``template=theme.template()`` in a figure's layout. It is built on first use
and not registered in ``plotly.io.templates``, so importing this module changes nothing.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Sequence
from types import MappingProxyType
from typing import Any, Final

import plotly.graph_objects as go
import plotly.io as pio

from dashboard.data import vocabulary as vocab
from dashboard.domain import cliff

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
#: A value written inside a bar (8.1:1 on the bar blue).
BAR_VALUE: Final = "#ffffff"
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

#: "Unknown" in every chart that colours categories: a mid grey, never a hue that reads as a
#: kind of funder or area.
UNKNOWN_CATEGORY: Final = "#999999"
#: A group that names several areas at once ("Gwent; South Wales"), and services available
#: across all of Wales.
SEVERAL_CATEGORY: Final = "#5e5e5e"
ALL_WALES_CATEGORY: Final = "#1d4f91"
#: One colour per category, the same on every page and in every chart that colours by that
#: column (the overview's and the profiles' funding-end bars, the funding page's timeline): a
#: chart's own order never picks a colour. Okabe and Ito's colour-blind-safe hues, the bar blue,
#: black, a wine and a brown; every marker also has its category's own shape
#: (:data:`CATEGORY_SYMBOLS`), so categories differ without colour.
CATEGORY_COLOURS: Final = MappingProxyType(
    {
        "primary_funder": MappingProxyType(
            {
                "PCC": "#1d4f91",
                "local authority": "#e69f00",
                "Welsh Government": "#009e73",
                "regional VAWDASV partners": "#cc79a7",
                "HMPPS": "#56b4e9",
                "Home Office": "#d55e00",
                "Ministry of Justice": "#000000",
                "health": "#f0e442",
                "charitable": "#882255",
                "other": "#8c510a",
                vocab.UNKNOWN: UNKNOWN_CATEGORY,
            }
        ),
        "funder_class": MappingProxyType(
            {
                cliff.DEVOLVED: "#009e73",
                cliff.NON_DEVOLVED: "#d55e00",
                cliff.POOLED_OR_OTHER: "#cc79a7",
                vocab.UNKNOWN: UNKNOWN_CATEGORY,
            }
        ),
        # A region and a police force area of the same name share a colour.
        "vawdasv_regions": MappingProxyType(
            {
                "North Wales": "#0072b2",
                "Gwent": "#e69f00",
                "Cardiff and Vale": "#cc79a7",
                "Cwm Taf Morgannwg": "#009e73",
                "West Glamorgan": "#d55e00",
                "Mid and West Wales": "#56b4e9",
                vocab.ALL_WALES: ALL_WALES_CATEGORY,
                vocab.UNKNOWN: UNKNOWN_CATEGORY,
            }
        ),
        "police_force_areas": MappingProxyType(
            {
                "North Wales": "#0072b2",
                "Gwent": "#e69f00",
                "South Wales": "#d55e00",
                "Dyfed-Powys": "#009e73",
                vocab.ALL_WALES: ALL_WALES_CATEGORY,
                vocab.UNKNOWN: UNKNOWN_CATEGORY,
            }
        ),
    }
)
#: Each category's marker shape, by its place in its column's vocabulary (so also fixed).
MARKER_SYMBOLS: Final = (
    "circle",
    "square",
    "diamond",
    "triangle-up",
    "x",
    "star",
    "cross",
    "hexagon",
    "triangle-down",
    "pentagon",
    "hourglass",
)
MARKER_OUTLINE: Final = "#000"


def category_colour(column: str, value: str) -> str:
    """The one colour of ``value`` of ``column`` (:data:`CATEGORY_COLOURS`), on every page: a
    group naming several areas ("Gwent;South Wales") is :data:`SEVERAL_CATEGORY`."""
    colours = CATEGORY_COLOURS[column]
    if value in colours:
        return colours[value]
    if vocab.LIST_SEPARATOR in value:
        return SEVERAL_CATEGORY
    raise KeyError(f"no colour for {value!r} of {column!r}: add it to theme.CATEGORY_COLOURS")


def category_symbol(column: str, value: str) -> str:
    """The one marker shape of ``value`` of ``column``, by its place in the column's colours."""
    order = list(CATEGORY_COLOURS[column])
    index = order.index(value) if value in order else len(order)
    return MARKER_SYMBOLS[index % len(MARKER_SYMBOLS)]


# -- contrast ------------------------------------------------------------------------------------
#: WCAG 2's minimum contrast ratio for text (success criterion 1.4.3, level AA).
MIN_CONTRAST: Final = 4.5
#: A map label's text is black or white, whichever stands out more from the fill under it: one of
#: the two always reaches 4.58:1 (the fills where both are lowest have a relative luminance of
#: about 0.18), so every label reaches :data:`MIN_CONTRAST`. Black rather than the page's text
#: colour: #1b1b1b and white both fall short on a mid blue of luminance 0.18 to 0.22.
LABEL_DARK: Final = "#000000"
LABEL_LIGHT: Final = "#ffffff"
#: Each label colour's halo, in the other colour: where a label runs over an edge onto a
#: different fill, its letters keep an outline that stands out there.
LABEL_HALO: Final = MappingProxyType(
    {
        LABEL_DARK: "0 0 3px #ffffff, 0 0 2px #ffffff, 0 0 1px #ffffff",
        LABEL_LIGHT: "0 0 3px #000000, 0 0 2px #000000",
    }
)
_HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
_RGB = re.compile(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)")


def rgb(colour: str) -> tuple[int, int, int]:
    """``"#08306b"``, ``"#fff"`` or ``"rgb(8, 48, 107)"`` -> (8, 48, 107)."""
    text = colour.strip()
    if match := _HEX.fullmatch(text):
        digits = match.group(1)
        if len(digits) == 3:
            digits = "".join(digit * 2 for digit in digits)
        return tuple(int(digits[index : index + 2], 16) for index in (0, 2, 4))  # type: ignore[return-value]
    if match := _RGB.match(text):
        return tuple(int(part) for part in match.groups())  # type: ignore[return-value]
    raise ValueError(f"not a colour: {colour!r}")


def relative_luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a colour (0 black, 1 white)."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(one: str, other: str) -> float:
    """WCAG 2's contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def scale_colour(colorscale: Sequence[Sequence], position: float) -> str:
    """The colour a plotly colour scale gives at ``position`` (0 to 1, clamped), as plotly.js
    draws it: straight-line interpolation of red, green and blue between the two stops around
    it, each channel rounded half up."""
    stops = [(float(stop), rgb(colour)) for stop, colour in colorscale]
    where = min(max(float(position), stops[0][0]), stops[-1][0])
    for (start, low), (end, high) in itertools.pairwise(stops):
        if where <= end:
            share = 0.0 if end == start else (where - start) / (end - start)
            channels = (
                math.floor(a + (b - a) * share + 0.5) for a, b in zip(low, high, strict=True)
            )
            return "#" + "".join(f"{channel:02x}" for channel in channels)
    return "#" + "".join(f"{channel:02x}" for channel in stops[-1][1])


def label_colour(fill: str) -> str:
    """The text colour of a label drawn on ``fill``: :data:`LABEL_DARK` or :data:`LABEL_LIGHT`,
    whichever has the higher contrast ratio with it (at least :data:`MIN_CONTRAST`)."""
    dark, light = contrast_ratio(LABEL_DARK, fill), contrast_ratio(LABEL_LIGHT, fill)
    return LABEL_DARK if dark >= light else LABEL_LIGHT


def integer_ticks(top: float, *, most: int = 6) -> list[int]:
    """Whole-number ticks from 0 up to ``top``, at a step of 1, 2 or 5 times a power of ten,
    no more than ``most`` steps: a colour bar of counts never shows "0.5"."""
    top = max(float(top), 1.0)
    step = 1
    while math.ceil(top / step) > most:
        step = _next_step(step)
    return list(range(0, int(top // step) * step + 1, step))


def _next_step(step: int) -> int:
    """1, 2, 5, 10, 20, 50, ..."""
    magnitude = 10 ** int(math.log10(step))
    leading = step // magnitude
    return {1: 2, 2: 5, 5: 10}[leading] * magnitude


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
) -> dict[str, Any]:
    """A titled chart's layout (plotly JSON) in the one look: the template, the title (in the template's size
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
