"""The map of Wales, a pure figure builder: the empty map and the values a view patches into it.

The map holds one pair of traces per geography level (areas with interventions; areas with none
recorded), then one trace per level for the areas whose share rests on too little. Geometry is
referenced by URL, so the browser fetches each level's boundaries from the app once and caches
them; interactions then patch only values and visibility.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import config
from dashboard.domain import counting
from dashboard.i18n import N_, Locale
from dashboard.views import theme
from dashboard.views.measures import MEASURE_BY_KEY

WALES_CENTRE: Final = {"lat": 52.34, "lon": -3.85}

#: Each level has two traces: index 2*i (values) and 2*i+1 (none recorded); after those, one
#: trace per level for the areas whose share rests on too little (index 6+i).
VALUE_TRACE: Final = {level: 2 * index for index, level in enumerate(config.LEVELS)}
NONE_TRACE: Final = {level: 2 * index + 1 for index, level in enumerate(config.LEVELS)}
TOO_LITTLE_TRACE: Final = {
    level: 2 * len(config.LEVELS) + index for index, level in enumerate(config.LEVELS)
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
        N_("with precarious funding"),
    ),
}


def geometry_url(level: str) -> str:
    """Where the app serves a level's boundaries."""
    return f"/geometry/{level}.geojson"


def base_map(*, level: str, height: int = 560) -> go.Figure:
    """The empty map: six traces pointing at the geometry URLs, only ``level`` visible."""
    figure = go.Figure(
        layout={
            "template": theme.template(),
            "map": {"style": "white-bg", "center": WALES_CENTRE, "zoom": 6.45},
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "height": height,
            "showlegend": False,
            "uirevision": "map",
        }
    )
    for each in config.LEVELS:
        figure.add_trace(
            go.Choroplethmap(
                geojson=geometry_url(each),
                featureidkey="id",
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
                colorbar={"thickness": 14, "len": 0.6, "x": 0.98, "outlinewidth": 0},
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
    return figure


def _flat_trace(
    each: str, level: str, colour: str, outline: str, width: float, suffix: str
) -> go.Choroplethmap:
    """One colour, one outline: the areas with none recorded, or too little known."""
    return go.Choroplethmap(
        geojson=geometry_url(each),
        featureidkey="id",
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
) -> dict:
    """Trace updates for one level: values, hover text, the areas with none recorded and those
    whose share rests on too little (:func:`dashboard.domain.counting.too_little_known`).

    ``table`` is :func:`dashboard.domain.counting.area_counts` output. Returns plain lists, ready for a
    Patch.
    """
    has_any = table["count"].to_numpy() > 0
    flag = counting.TOO_LITTLE_COLUMN[metric]
    too_little = (
        table[flag].to_numpy(dtype=bool) & has_any if flag else np.zeros(len(table), dtype=bool)
    )
    total = len(table)
    hover = [
        _hover_text(row, metric=metric, name=names[row.area_id], total=total, locale=locale)
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
    return {
        "values": {
            "locations": area_ids[shown].tolist(),
            "z": [round(float(value), 4) for value in values[shown]],
            "hovertext": texts(shown),
            "zmax": max(zmax, 1e-9),
            "line_width": widths(shown, VALUE_OUTLINE_WIDTH),
            "line_color": [
                theme.SELECTED_OUTLINE if area == selected else theme.SEPARATOR
                for area in area_ids[shown]
            ],
            "colorbar_title": metric_label(metric, locale),
            "tickformat": ".0%" if metric.endswith("share") else "",
        },
        "none": flat(~has_any, NONE_OUTLINE_WIDTH),
        "too_little": flat(unknown_share, TOO_LITTLE_OUTLINE_WIDTH),
        "none_recorded": [names[area] for area in area_ids[~has_any]],
        "too_little_names": [names[area] for area in area_ids[unknown_share]],
    }


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
    if count == 0:
        return f"<b>{name}</b><br>{locale('No counted intervention recorded')}{beside}"
    if row.includes_all_wales:
        count_text = locale("{n} interventions, {local} local").format(
            n=locale.number(count), local=locale.number(int(row.local_count))
        )
    else:
        count_text = locale("{n} local interventions").format(n=locale.number(count))
    rank = rank_text(getattr(row, counting.RANK_COLUMN[metric]), total, locale)
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
    return f"<b>{name}</b><br>{headline}<br>{known_text}<br>{count_text}{rank_line}{beside}"
