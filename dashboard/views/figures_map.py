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

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import config
from dashboard.domain import counting
from dashboard.i18n import N_, Locale
from dashboard.views import figure_parts, label_layout, theme
from dashboard.views.figure_parts import Parts
from dashboard.views.measures import MEASURE_BY_KEY

WALES_CENTRE: Final = {"lat": 52.34, "lon": -3.85}

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
#: The share of a map's height kept at its foot for its colour bar (drawn across, under the
#: map: down its side, a long title, "Fesul 100,000 o bobl 16+ oed", took 251 of a 643-pixel
#: plot's width, and the map shrank to three quarters of the size its labels were placed for).
COLOUR_BAR_BAND: Final = 0.11
#: The smallest Wales-wide map, for which labels are placed (on a larger one the same places
#: are further apart): as high as the report's (520 px; less the colour bar's band where it has
#: one, :func:`map_height`), as wide as the overview's on a 1024-pixel projector (412 px).
LAYOUT_HEIGHT: Final = 520
LAYOUT_WIDTH: Final = 400


def map_height(height: float, *, colour_bar: bool) -> float:
    """The height of a map drawn in a plot ``height`` high: less the colour bar's band, if any."""
    return height * (1 - COLOUR_BAR_BAND) if colour_bar else height


#: Where the app serves the world topojson plotly's geo map asks for (``config.topojsonURL``).
TOPOJSON_URL: Final = "/assets/topojson/"
LABEL_SIZE: Final = {"region": 15, "force": 15, "la": 11}
#: An area whose label point is nearer its edge than this (degrees) is too small for a name at
#: the map's size: its label is the value alone (the hover text and the tables name it).
NAME_ROOM: Final = 0.07
#: Below this room (and at local-authority level), "none recorded" and "too little known" take
#: their short forms, "none" and "too little".
PHRASE_ROOM: Final = 0.09
#: The labels' type. Each label's colour and halo follow the fill under it
#: (:func:`dashboard.views.theme.label_colour`), set per label with its text.
LABEL_FONT: Final = {"family": "Arial, Helvetica, sans-serif"}
#: The leader lines from a label placed off its area to the area's point.
LEADER_COLOUR: Final = "#1b1b1b"
#: Short forms of the local authorities' names on the map (English, Welsh), where the full name
#: does not fit; the hover text and every table keep the full name.
SHORT_NAMES: Final = {
    "isle-of-anglesey": ("Anglesey", "Môn"),
    "rhondda-cynon-taf": ("RCT", "RhCT"),
    "neath-port-talbot": ("NPT", "CNPT"),
    "vale-of-glamorgan": ("Vale of Glam.", "Bro Morg."),
    "merthyr-tydfil": ("Merthyr", "Merthyr"),
    "blaenau-gwent": ("Blaenau G.", "Blaenau G."),
    "denbighshire": ("Denbighs.", "Dinbych"),
    "flintshire": ("Flints.", "Fflint"),
    "monmouthshire": ("Monmouths.", "Mynwy"),
    "pembrokeshire": ("Pembs.", "Penfro"),
    "carmarthenshire": ("Carms.", "Caerfyrddin"),
    "caerphilly": ("Caerph.", "Caerffili"),
}

#: Outline widths of the map's areas: with values, none recorded, too little known, selected.
VALUE_OUTLINE_WIDTH: Final = 1.2
NONE_OUTLINE_WIDTH: Final = 1.6
TOO_LITTLE_OUTLINE_WIDTH: Final = 2.4
SELECTED_OUTLINE_WIDTH: Final = 3.5

#: A share metric's columns in :func:`dashboard.domain.counting.area_counts` output: the part,
#: those where it is known, the "too little known" flag; and what the share is of, in words.
SHARE_COLUMNS: Final = {
    "quality_share": (
        "quality_count",
        "quality_known",
        "quality_too_little",
        N_("externally evaluated or accredited"),
    ),
    "precarious_share": (
        "precarious_count",
        "precarity_known",
        "precarious_too_little",
        N_("in the high precarity band"),
    ),
}


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
        figure.add_trace(
            go.Choropleth(
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
        )
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
    figure.add_trace(
        go.Scattergeo(
            lon=[],
            lat=[],
            text=[],
            mode="text",
            textfont={**LABEL_FONT, "size": LABEL_SIZE[level]},
            hoverinfo="skip",
            name="labels",
        )
    )
    figure.add_trace(
        go.Scattergeo(
            lon=[],
            lat=[],
            mode="lines",
            line={"color": LEADER_COLOUR, "width": 1},
            hoverinfo="skip",
            name="leaders",
        )
    )
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


def map_values(
    table: pd.DataFrame,
    *,
    level: str,
    metric: str,
    names: Mapping[str, str],
    selected: str | None,
    locale: Locale,
    points: Mapping[str, tuple[float, float, float]],
    extent: tuple[float, float, float, float],
    coverage_classes: Mapping[str, int] | None = None,
    coverage: Mapping[str, str] | None = None,
    ground: label_layout.Ground | None = None,
) -> dict:
    """Trace updates for one level: values, hover text, the areas with none recorded and those
        whose share rests on too little (:func:`dashboard.domain.counting.too_little_known`), and
        each area's label (name and value) at or near its label point (``points``: area id -> lon,
    lat, room, as :func:`dashboard.data.geo.label_points` gives; ``extent``: the areas' bounding
    box, :func:`dashboard.data.geo.extent`), none over another.

        ``table`` is :func:`dashboard.domain.counting.area_counts` output. Returns plain lists, ready for a
        Patch.

    With ``coverage_classes`` (area id -> class, when the areas cannot be compared) every area is
    coloured by how the sources describe it (:data:`theme.COVERAGE_COLOURS`), never on one scale
    of provision; its label still says what is named there. ``coverage``: area id -> the
    coverage statement its hover text ends with. ``ground``: the level's shapes
    (:class:`dashboard.data.geo.AreaShapes`), so that no label sits on another area where it
    can be placed elsewhere.
    """
    has_any = table["count"].to_numpy() > 0
    flag = counting.TOO_LITTLE_COLUMN[metric]
    too_little = (
        table[flag].to_numpy(dtype=bool) & has_any if flag else np.zeros(len(table), dtype=bool)
    )
    total = len(table)
    hover = [
        _hover_text(row, metric=metric, name=names[row.area_id], total=total, locale=locale)
        + (
            "<br>" + locale("Sources: {coverage}").format(coverage=coverage[row.area_id])
            if coverage and row.area_id in coverage
            else ""
        )
        + (
            "<br>" + locale("Counted services {when}").format(when=row.last_described)
            if getattr(row, "last_described", "")
            else ""
        )
        for row in table.itertuples(index=False)
    ]
    values = table[metric].to_numpy(dtype=float)
    shown = has_any & ~too_little & ~np.isnan(values)
    zmax = float(np.nanmax(values[shown])) if shown.any() else 1.0
    if metric in SHARE_COLUMNS:
        zmax = 1.0
    area_ids = table["area_id"]

    def widths(keep: np.ndarray, normal: float) -> list[float]:
        return [SELECTED_OUTLINE_WIDTH if area == selected else normal for area in area_ids[keep]]

    def texts(keep: np.ndarray) -> list[str]:
        return [text for text, wanted in zip(hover, keep, strict=True) if wanted]

    def flat(keep: np.ndarray, width: float) -> dict:
        return {
            "locations": area_ids[keep].tolist(),
            "z": [0] * int(keep.sum()),
            "hovertext": texts(keep),
            "line_width": widths(keep, width),
        }

    unknown_share = too_little | (has_any & np.isnan(values))
    label_states = np.where(~has_any, "none", np.where(unknown_share, "too_little", "value"))
    z_values = [round(float(value), 4) for value in values[shown]]
    scale_top = max(zmax, 1e-9)
    if coverage_classes is not None:
        fills = {
            area: theme.COVERAGE_COLOURS[int(coverage_classes.get(area, 3))] for area in area_ids
        }
    else:
        fills = {
            area: theme.NONE_RECORDED if not any_ else theme.TOO_LITTLE
            for area, any_ in zip(area_ids, has_any, strict=True)
        }
        fills.update(
            {
                area: theme.scale_colour(theme.scale(theme.MAP_SCALE), z / scale_top)
                for area, z in zip(area_ids[shown], z_values, strict=True)
            }
        )
    shared = {
        "labels": map_labels(
            table,
            metric=metric,
            level=level,
            names=names,
            states=label_states,
            points=points,
            locale=locale,
            extent=extent,
            fills=fills,
            ground=ground,
            colour_bar=coverage_classes is None,
        ),
        "none_recorded": [names[area] for area in area_ids[~has_any]],
        "too_little_names": [names[area] for area in area_ids[unknown_share]],
        "by_coverage": coverage_classes is not None,
        "frame": frame(extent),
    }
    if coverage_classes is not None:
        # Not comparable: every area coloured by its coverage; nothing drawn as none recorded or
        # too little known (the labels still say so).
        every = np.ones(len(table), dtype=bool)
        return {
            "values": {
                "locations": area_ids.tolist(),
                "z": [int(coverage_classes.get(area, 3)) for area in area_ids],
                "hovertext": hover,
                "zmin": 0,
                "zmax": len(theme.COVERAGE_COLOURS) - 1,
                "colorscale": theme.scale(theme.COVERAGE_COLOURS),
                "showscale": False,
                "line_width": widths(every, VALUE_OUTLINE_WIDTH),
                "line_color": [
                    theme.SELECTED_OUTLINE if area == selected else theme.COVERAGE_OUTLINE
                    for area in area_ids
                ],
                "colorbar_title": "",
                "tickformat": "",
                "tickvals": [],
            },
            "none": flat(~every, NONE_OUTLINE_WIDTH),
            "too_little": flat(~every, TOO_LITTLE_OUTLINE_WIDTH),
            **shared,
        }
    return {
        "values": {
            "locations": area_ids[shown].tolist(),
            "z": z_values,
            "hovertext": texts(shown),
            "zmin": 0,
            "colorscale": theme.scale(theme.MAP_SCALE),
            "showscale": True,
            "zmax": scale_top,
            "line_width": widths(shown, VALUE_OUTLINE_WIDTH),
            "line_color": [
                theme.SELECTED_OUTLINE if area == selected else theme.SEPARATOR
                for area in area_ids[shown]
            ],
            "colorbar_title": metric_label(metric, locale),
            "tickformat": ".0%" if metric.endswith("share") else "",
            # A count's colour bar: whole numbers only (plotly's own ticks gave 0.5, 1.5).
            "tickvals": theme.integer_ticks(scale_top) if metric == "count" else [],
        },
        "none": flat(~has_any, NONE_OUTLINE_WIDTH),
        "too_little": flat(unknown_share, TOO_LITTLE_OUTLINE_WIDTH),
        **shared,
    }


def map_labels(
    table: pd.DataFrame,
    *,
    metric: str,
    level: str,
    names: Mapping[str, str],
    states: np.ndarray,
    points: Mapping[str, tuple[float, float, float]],
    locale: Locale,
    extent: tuple[float, float, float, float],
    fills: Mapping[str, str],
    ground: label_layout.Ground | None = None,
    colour_bar: bool = True,
) -> dict:
    """The label trace's values: near each area's point, its (short) name and its value, or
    "none recorded" / "too little known" in words; an area too small for a name shows the value
    alone (in short words: "none", "too little"). Placed so that none covers another on the
    Wales-wide map (:mod:`dashboard.views.label_layout`, for the smallest map drawn,
    :data:`LAYOUT_WIDTH` by :data:`LAYOUT_HEIGHT` less its ``colour_bar``'s band,
    fitted to ``extent``, off other areas given their shapes, ``ground``), with a leader line
    from a label moved off its area, in black or white for the fill under it (``fills``: area
    id -> its fill; :func:`label_colours`)."""
    wanted = []
    shown_names, value_texts = [], []
    for row, state in zip(table.itertuples(index=False), states, strict=True):
        if row.area_id not in points:
            continue
        x, y, room = points[row.area_id]
        # Local authorities (22, many small) always take the one-word forms.
        small, brief = room < NAME_ROOM, room < PHRASE_ROOM or level == "la"
        if state == "none":
            value = locale("none") if brief else locale("none recorded")
        elif state == "too_little":
            value = locale("too little") if brief else locale("too little known")
        else:
            value = value_text(getattr(row, metric), metric, locale)
        name = short_name(row.area_id, names[row.area_id], level, locale)
        shown_names.append(name)
        value_texts.append(value)
        wanted.append(
            label_layout.Wanted(
                row.area_id,
                x,
                y,
                room,
                None if small else name,
                value,
                LABEL_SIZE[level],
                name_optional=True,
            )
        )
    placed = label_layout.place_labels(
        wanted,
        extent=extent,
        height=map_height(LAYOUT_HEIGHT, colour_bar=colour_bar),
        width=LAYOUT_WIDTH,
        ground=ground,
    )
    shown = [placed[label.area_id] for label in wanted]
    return {
        "locations": [label.area_id for label in wanted],
        **_label_values(shown),
        "colours": label_colours(shown, fills, ground=ground is not None),
        # Each area's own fill, from which a map of a few areas colours its labels afresh.
        "fills": [fills[label.area_id] for label in wanted],
        "size": LABEL_SIZE[level],
        "names": shown_names,
        "values": value_texts,
        # The areas' own points and room, from which a map of a few areas places its labels.
        "anchor_lon": [label.lon for label in wanted],
        "anchor_lat": [label.lat for label in wanted],
        "rooms": [label.room for label in wanted],
    }


def label_colours(
    shown: list[label_layout.Placed], fills: Mapping[str, str], *, ground: bool
) -> list[str]:
    """Each label's text colour (:func:`theme.label_colour`) for the fill under its middle:
    the area there (``fills``: area id -> fill colour), or the map's background where there is
    none. Without the map's shapes (``ground`` False) a label is taken to be on its own area."""
    colours = []
    for label in shown:
        under = label.ground if ground else label.area_id
        colours.append(theme.label_colour(fills.get(under, theme.BACKGROUND)))
    return colours


def _label_values(shown: list[label_layout.Placed]) -> dict:
    """The label and leader traces' values for labels placed as ``shown``."""
    leaders_lon, leaders_lat = [], []
    for label in shown:
        if label.leader is not None:
            (from_lon, from_lat), (to_lon, to_lat) = label.leader
            # One trace draws every leader: segments apart where the line breaks (None).
            leaders_lon += [round(from_lon, 4), round(to_lon, 4), None]
            leaders_lat += [round(from_lat, 4), round(to_lat, 4), None]
    return {
        "lon": [round(label.lon, 4) for label in shown],
        "lat": [round(label.lat, 4) for label in shown],
        "text": [_label_text(label.lines) for label in shown],
        "leaders": {"lon": leaders_lon, "lat": leaders_lat},
    }


def _label_text(lines: tuple[str, ...]) -> str:
    """A label's lines: the name's (one or two) in bold, then the value; a value alone, bold."""
    if len(lines) == 1:
        return f"<b>{lines[0]}</b>"
    *name, value = lines
    return "<br>".join([*(f"<b>{line}</b>" for line in name), value])


def named_labels(
    labels: Mapping,
    *,
    size: int,
    extent: tuple[float, float, float, float],
    height: float,
    width: float,
    ground: label_layout.Ground | None = None,
) -> dict:
    """Labels that all carry their area's name, in type of ``size``, placed afresh for a map of
    only these areas, fitted to ``extent`` in ``width`` x ``height`` pixels (an area's profile,
    zoomed in, where every area has room for its name): none over another, none on another
    area where it can go elsewhere (``ground``: the shapes of the areas drawn), with leaders,
    each coloured for the fill under it."""
    wanted = [
        label_layout.Wanted(area, lon, lat, room, name, value, size)
        for area, lon, lat, room, name, value in zip(
            labels["locations"],
            labels["anchor_lon"],
            labels["anchor_lat"],
            labels["rooms"],
            labels["names"],
            labels["values"],
            strict=True,
        )
    ]
    placed = label_layout.place_labels(
        wanted, extent=extent, height=height, width=width, ground=ground
    )
    shown = [placed[label.area_id] for label in wanted]
    fills = dict(zip(labels["locations"], labels["fills"], strict=True))
    return {
        **labels,
        **_label_values(shown),
        "colours": label_colours(shown, fills, ground=ground is not None),
        "size": size,
    }


#: The police force areas' names on a Welsh map: the area, as the English labels name it
#: ("South Wales"), not the force ("Heddlu De Cymru" is "South Wales Police"), whose longer
#: label lay on Gwent. The hover text and every table keep the full name.
FORCE_AREA_NAMES_CY: Final = {
    "north-wales": "Gogledd Cymru",
    "dyfed-powys": "Dyfed-Powys",
    "gwent": "Gwent",
    "south-wales": "De Cymru",
}


def short_name(area_id: str, name: str, level: str, locale: Locale) -> str:
    """The name shown on the map: a local authority's short form where it has one, a police
    force area's name without "Heddlu" in Welsh."""
    if level == "force" and locale.lang == "cy":
        return FORCE_AREA_NAMES_CY.get(area_id, name)
    if level != "la" or area_id not in SHORT_NAMES:
        return name
    english, welsh = SHORT_NAMES[area_id]
    return welsh if locale.lang == "cy" else english


def value_text(value, metric: str, locale: Locale) -> str:
    """A map value as the label shows it: a count, a rate to one decimal, or a percentage."""
    if metric.endswith("share"):
        return locale.percent(value)
    if metric == "per_100k":
        return locale.number(value, 1)
    return locale.number(int(value))


def metric_label(metric: str, locale: Locale) -> str:
    return locale(MEASURE_BY_KEY[metric].legend)


def rank_text(rank, total: int, locale: Locale) -> str:
    """ "rank 2 of 4" (highest first), or nothing when the area has no rank."""
    if rank is None or (isinstance(rank, float) and np.isnan(rank)):
        return ""
    return locale("rank {rank} of {total}").format(
        rank=locale.number(int(rank)), total=locale.number(total)
    )


def _hover_text(row, *, metric: str, name: str, total: int, locale: Locale) -> str:
    count = int(row.count)
    beside = (
        ""
        if row.includes_all_wales
        else "<br>"
        + locale("+{n} available across Wales").format(
            n=locale.number(int(row.all_wales_available))
        )
    )
    wider = int(getattr(row, "wider_available", 0))
    if wider:
        beside += "<br>" + locale(
            "+{n} recorded across its region or police force area (may serve it)"
        ).format(n=locale.number(wider))
    if count == 0:
        # Outside the f-string, where Babel's extractor finds it.
        nothing = locale("No counted intervention recorded")
        return f"<b>{name}</b><br>{nothing}{beside}"
    if row.includes_all_wales:
        count_text = locale("{n} interventions, {local} local").format(
            n=locale.number(count), local=locale.number(int(row.local_count))
        )
    else:
        count_text = locale("{n} local interventions").format(n=locale.number(count))
    rank = rank_text(getattr(row, counting.RANK_COLUMN[metric], None), total, locale)
    rank_line = f"<br>{rank}" if rank else ""
    if metric == "count":
        return f"<b>{name}</b><br>{count_text}{rank_line}{beside}"
    if metric == "per_100k":
        return (
            f"<b>{name}</b><br>"
            + locale("{rate} per 100,000 aged 16+").format(rate=locale.number(row.per_100k, 1))
            + "<br>"
            + locale("{count_text}; population aged 16+ {population}").format(
                count_text=count_text, population=locale.number(row.population_16_plus)
            )
            + rank_line
            + beside
        )
    part_column, known_column, too_little_column, what = SHARE_COLUMNS[metric]
    known = int(getattr(row, known_column))
    known_text = locale(
        "{part} of the {known} services where this is known (known for {known} of {count})"
    ).format(
        part=locale.number(int(getattr(row, part_column))),
        known=locale.number(known),
        count=locale.number(count),
    )
    share_value = getattr(row, metric)
    if getattr(row, too_little_column) or np.isnan(share_value):
        headline = locale("Too little known to show a share")
    else:
        headline = f"{locale.percent(share_value)} {locale(what)}"
    if metric == "precarious_share":  # the medium band beside the high band's share
        known_text += "<br>" + locale("medium precarity band: {n}").format(
            n=locale.number(int(row.precarity_medium_count))
        )
    return f"<b>{name}</b><br>{headline}<br>{known_text}<br>{count_text}{rank_line}{beside}"
