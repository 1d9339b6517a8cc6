"""The map's labels: each area's (short) name and value near its label point, placed so that
none covers another (:mod:`dashboard.views.label_layout`), with a leader line from a label moved
off its area, each coloured to contrast with the fill under it. The labels of the Wales-wide map
(:func:`map_labels`) carry what a smaller map of a few areas needs to place them afresh
(:func:`named_labels`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import numpy as np
import pandas as pd

from dashboard.i18n import Locale
from dashboard.views import label_layout, theme

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
    "none recorded" / "too little known" / "not known" (``states``: "not_known", none
    counted where no source lists the area's services in full) in words; an area too small for
    a name shows the value alone (in short words: "none", "too little", "unknown"). Placed so that none covers another on the
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
        if state == "not_known":
            value = locale("unknown") if brief else locale("not known")
        elif state == "none":
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
