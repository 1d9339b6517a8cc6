"""The map of Wales, a pure figure builder: the empty map and the values a view patches into it.

An SVG map (plotly's geo choropleth, no basemap): it needs no WebGL and no worker, so it draws
from ``file://``, prints as vectors and exports as PNG. The map holds one pair of traces per
geography level (areas with interventions; areas with none recorded), then one trace per level for
the areas whose share rests on too little, then one text trace: each area's name and value at its
label point. Geometry is referenced by URL, so the browser fetches each level's boundaries from the
app once and caches them; interactions then patch only values, labels and visibility.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Mapping, Sequence
from typing import Final

import plotly.graph_objects as go

from dashboard import config
from dashboard.i18n import Locale
from dashboard.views import figure_parts, label_layout, theme
from dashboard.views.figure_parts import Parts
from dashboard.views.map_labels import (
    COLOUR_BAR_BAND,
    LABEL_FONT,
    LABEL_SIZE,
    LEADER_COLOUR,
)
from dashboard.views.measures import MEASURE_BY_KEY

#: Each level has two traces: index 2*i (values) and 2*i+1 (none recorded); after those, one
#: trace per level for the areas whose share rests on too little (index 6+i).
VALUE_TRACE: Final = {level: 2 * index for index, level in enumerate(config.LEVELS)}
NONE_TRACE: Final = {level: 2 * index + 1 for index, level in enumerate(config.LEVELS)}
TOO_LITTLE_TRACE: Final = {
    level: 2 * len(config.LEVELS) + index for index, level in enumerate(config.LEVELS)
}
#: After every area trace: the labels of the shown level (names and values as text), then the
#: leader lines of the labels placed off their areas.
LABEL_TRACE: Final = 3 * len(config.LEVELS)
LEADER_TRACE: Final = LABEL_TRACE + 1
#: Where the app serves the world topojson plotly's geo map asks for (``config.topojsonURL``).
TOPOJSON_URL: Final = "/assets/topojson/"
#: Outline widths of the map's areas: with values, none recorded, too little known, selected.
VALUE_OUTLINE_WIDTH: Final = 1.2
NONE_OUTLINE_WIDTH: Final = 1.6
TOO_LITTLE_OUTLINE_WIDTH: Final = 2.4
SELECTED_OUTLINE_WIDTH: Final = 3.5


def geometry_url(level: str) -> str:
    """Where the app serves a level's boundaries."""
    return f"/geometry/{level}.geojson"


def geo_layout() -> dict:
    """The SVG map's frame: no basemap, a projection for Wales, drawn to the ranges each map
    sets (:func:`label_layout.frame_ranges`, the areas' extent padded): not fitted to what it
    draws, whose labels and leaders may lie beyond the areas."""
    return {
        "visible": False,
        "fitbounds": False,
        "projection": {"type": "mercator"},
        "bgcolor": "rgba(0,0,0,0)",
    }


def frame(extent: Sequence[float]) -> dict:
    """A map's ranges (``frame`` of :func:`map_values`), for :func:`map_parts`."""
    lon, lat = label_layout.frame_ranges(extent)
    return {"lon": lon, "lat": lat}


def _value_trace(each: str, level: str) -> go.Choropleth:
    """The empty values trace of level ``each``, pointing at its geometry URL; visible, with
    its colour bar across the map's foot, when ``each`` is the ``level`` shown."""
    return go.Choropleth(
        geojson=geometry_url(each),
        featureidkey="id",
        locationmode="geojson-id",
        locations=[],
        z=[],
        zmin=0,
        zmax=1,
        colorscale=theme.scale(theme.MAP_SCALE),
        marker={
            "line": {"color": theme.SEPARATOR, "width": VALUE_OUTLINE_WIDTH},
            "opacity": 1,
        },
        hovertemplate="%{hovertext}<extra></extra>",
        visible=each == level,
        showscale=each == level,
        colorbar={
            "orientation": "h",
            "thickness": 12,
            "len": 0.6,
            "x": 0.5,
            "xanchor": "center",
            "y": 0,
            "yanchor": "bottom",
            "title": {"side": "top"},
            "outlinewidth": 0,
        },
        name=each,
    )


def _label_traces(level: str) -> tuple[go.Scattergeo, go.Scattergeo]:
    """The empty label trace (names and values as text, sized for ``level``) and the empty
    leader-line trace."""
    return (
        go.Scattergeo(
            lon=[],
            lat=[],
            text=[],
            mode="text",
            textfont={**LABEL_FONT, "size": LABEL_SIZE[level]},
            hoverinfo="skip",
            name="labels",
        ),
        go.Scattergeo(
            lon=[],
            lat=[],
            mode="lines",
            line={"color": LEADER_COLOUR, "width": 1},
            hoverinfo="skip",
            name="leaders",
        ),
    )


def base_map(*, level: str, height: int | None = 560) -> go.Figure:
    """The empty map: nine area traces pointing at the geometry URLs, only ``level`` visible,
    then the (empty) label trace."""
    figure = go.Figure(
        layout={
            "template": theme.template(),
            "geo": geo_layout(),
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "height": height,
            "showlegend": False,
            "uirevision": "map",
            "dragmode": False,
        }
    )
    for each in config.LEVELS:
        figure.add_trace(_value_trace(each, level))
        figure.add_trace(
            _flat_trace(
                each,
                level,
                theme.NONE_RECORDED,
                theme.NONE_RECORDED_OUTLINE,
                NONE_OUTLINE_WIDTH,
                "none",
            )
        )
    for each in config.LEVELS:
        figure.add_trace(
            _flat_trace(
                each,
                level,
                theme.TOO_LITTLE,
                theme.TOO_LITTLE_OUTLINE,
                TOO_LITTLE_OUTLINE_WIDTH,
                "too-little",
            )
        )
    for trace in _label_traces(level):
        figure.add_trace(trace)
    return figure


@functools.lru_cache(maxsize=16)
def _base_map_json(level: str, height: int | None) -> dict:
    return figure_parts.plain(base_map(level=level, height=height))


def level_parts(level: str) -> Parts:
    """Which traces show: ``level``'s, with its colour bar; every other level's hidden."""
    parts: Parts = {}
    for each in config.LEVELS:
        for traces in (VALUE_TRACE, NONE_TRACE, TOO_LITTLE_TRACE):
            parts[("data", traces[each], "visible")] = each == level
        parts[("data", VALUE_TRACE[each], "showscale")] = each == level
    return parts


def map_parts(view_map: Mapping, level: str) -> Parts:
    """What a view's map (:func:`map_values`) sets in the figure of :func:`base_map`: the
    values, outlines and colour bar of ``level``'s traces, and the labels."""
    values = view_map["values"]
    value = ("data", VALUE_TRACE[level])
    parts: Parts = {
        (*value, prop): values[prop]
        for prop in ("locations", "z", "zmin", "zmax", "hovertext", "colorscale", "showscale")
    }
    parts[(*value, "marker", "line", "width")] = values["line_width"]
    parts[(*value, "marker", "line", "color")] = values["line_color"]
    parts[(*value, "colorbar", "title", "text")] = values["colorbar_title"]
    parts[(*value, "colorbar", "tickformat")] = values["tickformat"]
    # Counts have whole-number ticks (an array of them); rates and shares plotly's own.
    parts[(*value, "colorbar", "tickmode")] = "array" if values["tickvals"] else "auto"
    parts[(*value, "colorbar", "tickvals")] = values["tickvals"] or None
    for part, traces in (("none", NONE_TRACE), ("too_little", TOO_LITTLE_TRACE)):
        trace = ("data", traces[level])
        for prop in ("locations", "z", "hovertext"):
            parts[(*trace, prop)] = view_map[part][prop]
        parts[(*trace, "marker", "line", "width")] = view_map[part]["line_width"]
    # The colour bar's band under the map, where there is a colour bar.
    parts[("layout", "geo", "domain", "y")] = [COLOUR_BAR_BAND if values["showscale"] else 0, 1]
    parts[("layout", "geo", "lonaxis", "range")] = view_map["frame"]["lon"]
    parts[("layout", "geo", "lataxis", "range")] = view_map["frame"]["lat"]
    labels = view_map["labels"]
    for prop in ("lon", "lat", "text"):
        parts[("data", LABEL_TRACE, prop)] = labels[prop]
    parts[("data", LABEL_TRACE, "textfont", "size")] = labels["size"]
    # Each label's area (read by the browser tests that measure a label against its ground).
    parts[("data", LABEL_TRACE, "customdata")] = labels["locations"]
    parts[("data", LABEL_TRACE, "textfont", "color")] = labels["colours"]
    parts[("data", LABEL_TRACE, "textfont", "shadow")] = [
        theme.LABEL_HALO[colour] for colour in labels["colours"]
    ]
    for prop in ("lon", "lat"):
        parts[("data", LEADER_TRACE, prop)] = labels["leaders"][prop]
    return parts


def filled_map(view_map: Mapping, *, level: str, height: int | None = 560) -> dict:
    """The map of :func:`base_map` with a view's map filled in, as plain JSON: what the
    browser holds after the overview's ``Patch`` of the same view (see :func:`map_parts`)."""
    figure = copy.deepcopy(_base_map_json(level, height))
    return figure_parts.assign(figure, map_parts(view_map, level))


def only_locations(view_map: Mapping, keep: set[str]) -> dict:
    """A view's map restricted to the areas in ``keep`` (the others are not drawn)."""

    def kept(values: Mapping) -> dict:
        wanted = [location in keep for location in values["locations"]]
        return {
            key: [item for item, ok in zip(value, wanted, strict=True) if ok]
            if isinstance(value, list) and len(value) == len(wanted)
            else value
            for key, value in values.items()
        }

    drawn = ("values", "none", "too_little", "labels")
    return {part: kept(view_map[part]) for part in drawn} | {"frame": view_map["frame"]}


def _flat_trace(
    each: str, level: str, colour: str, outline: str, width: float, suffix: str
) -> go.Choropleth:
    """One colour, one outline: the areas with none recorded, or too little known."""
    return go.Choropleth(
        geojson=geometry_url(each),
        featureidkey="id",
        locationmode="geojson-id",
        locations=[],
        z=[],
        colorscale=theme.flat_scale(colour),
        showscale=False,
        marker={"line": {"color": outline, "width": width}, "opacity": 1},
        hovertemplate="%{hovertext}<extra></extra>",
        visible=each == level,
        name=f"{each}-{suffix}",
    )


def metric_label(metric: str, locale: Locale) -> str:
    return locale(MEASURE_BY_KEY[metric].legend)
