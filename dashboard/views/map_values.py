"""The map's values for one view: what each level's traces show (values, hover text, the areas
with none recorded and those whose share rests on too little) and the labels, as plain lists a
``Patch`` or :func:`dashboard.views.figures_map.map_parts` sets in the map of
:func:`dashboard.views.figures_map.base_map`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import numpy as np
import pandas as pd

from dashboard.domain import counting
from dashboard.domain.coverage import PASSING_CLASS
from dashboard.i18n import N_, Locale
from dashboard.views import label_layout, theme
from dashboard.views.figures_map import (
    NONE_OUTLINE_WIDTH,
    SELECTED_OUTLINE_WIDTH,
    TOO_LITTLE_OUTLINE_WIDTH,
    VALUE_OUTLINE_WIDTH,
    frame,
    metric_label,
)
from dashboard.views.map_labels import map_labels

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
    """Trace updates for one level, as plain lists ready for a Patch: values, hover text, the
    areas with none recorded and those whose share rests on too little
    (:func:`dashboard.domain.counting.too_little_known`), and each area's label (name and value)
    at or near its label point, none over another. ``table`` is
    :func:`dashboard.domain.counting.area_counts` output; ``points``: area id -> lon, lat, room,
    as :func:`dashboard.data.geo.label_points` gives; ``extent``: the areas' bounding box,
    :func:`dashboard.data.geo.extent`.

    With ``coverage_classes`` (area id -> class, when the areas cannot be compared) every area is
    coloured by how the sources describe it (:data:`theme.COVERAGE_COLOURS`), never on one scale
    of provision; its label still says what is named there. ``coverage``: area id -> the
    coverage statement its hover text ends with. ``ground``: the level's shapes
    (:class:`dashboard.data.geo.AreaShapes`), so that no label sits on another area where it
    can be placed elsewhere.
    """
    area_ids = table["area_id"]
    has_any, shown, unknown_share, not_known, values = _value_states(
        table, metric, coverage_classes
    )
    hover = _map_hover(
        table, metric=metric, names=names, locale=locale, coverage=coverage, not_known=not_known
    )
    # A share's scale runs to 100%; any other to the largest value shown.
    highest = float(np.nanmax(values[shown])) if shown.any() else 1.0
    scale_top = 1.0 if metric in SHARE_COLUMNS else max(highest, 1e-9)
    z_values = [round(float(value), 4) for value in values[shown]]
    fills = _area_fills(area_ids, has_any, shown, z_values, scale_top, coverage_classes)
    shared = {
        "labels": map_labels(
            table,
            metric=metric,
            level=level,
            names=names,
            states=_label_states(has_any, unknown_share, not_known),
            points=points,
            locale=locale,
            extent=extent,
            fills=fills,
            ground=ground,
            colour_bar=coverage_classes is None,
        ),
        **_areas_by_state(area_ids, names, has_any, unknown_share, not_known),
        "by_coverage": coverage_classes is not None,
        "frame": frame(extent),
    }
    if coverage_classes is not None:
        # Not comparable: every area coloured by its coverage; nothing drawn as none recorded or
        # too little known (the labels still say so).
        return {**_coverage_parts(area_ids, hover, selected, coverage_classes), **shared}
    return {
        "values": _scale_values(
            area_ids[shown],
            z_values,
            _kept(hover, shown),
            selected=selected,
            scale_top=scale_top,
            metric=metric,
            locale=locale,
        ),
        "none": _flat_values(area_ids, ~has_any, hover, selected, NONE_OUTLINE_WIDTH),
        "too_little": _flat_values(
            area_ids, unknown_share, hover, selected, TOO_LITTLE_OUTLINE_WIDTH
        ),
        **shared,
    }


def _areas_by_state(
    area_ids: pd.Series,
    names: Mapping[str, str],
    has_any: np.ndarray,
    unknown_share: np.ndarray,
    not_known: np.ndarray,
) -> dict[str, list[str]]:
    """The names of the areas with none recorded, none counted where that is not known, and a
    share too little known: what :func:`area_state_lines` writes out."""
    return {
        "none_recorded": [names[area] for area in area_ids[~has_any & ~not_known]],
        "not_known_names": [names[area] for area in area_ids[not_known]],
        "too_little_names": [names[area] for area in area_ids[unknown_share]],
    }


def area_state_lines(parts: Mapping[str, Any], locale: Locale) -> list[str]:
    """The map's notes on the areas that show no value: none recorded, not known, too little
    known. Their grey and white are named only on a map of values: coloured by coverage, those
    areas keep their class's colour. ``parts`` is :func:`map_values`' output."""
    lines = []
    if none := parts["none_recorded"]:
        none_line = (
            locale("No counted intervention recorded: {areas}.")
            if parts["by_coverage"]
            else locale("No counted intervention recorded (grey): {areas}.")
        )
        lines.append(none_line.format(areas=", ".join(none)))
    if not_known := parts.get("not_known_names", []):
        lines.append(
            locale("Not known, as no source lists every service there: {areas}.").format(
                areas=", ".join(not_known)
            )
        )
    if too_little := parts.get("too_little_names", []):
        too_little_line = (
            locale("Too little known to show a share: {areas}.")
            if parts["by_coverage"]
            else locale("Too little known to show a share (white, dark outline): {areas}.")
        )
        lines.append(too_little_line.format(areas=", ".join(too_little)))
    return lines


def _listed_by_no_source(
    area_ids: pd.Series, coverage_classes: Mapping[str, int] | None
) -> np.ndarray:
    """Per area: whether no source lists its services in full, on a map coloured by coverage
    (``coverage_classes`` given). Where none is counted there, the count is not known, not none
    (rule ``coverage``: :data:`dashboard.domain.counting.RULES`)."""
    if coverage_classes is None:
        return np.zeros(len(area_ids), dtype=bool)
    return np.array(
        [coverage_classes.get(area, PASSING_CLASS) == PASSING_CLASS for area in area_ids],
        dtype=bool,
    )


def _value_states(
    table: pd.DataFrame, metric: str, coverage_classes: Mapping[str, int] | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per area (``table``'s rows): (has any service recorded, has a value shown on the scale,
    has services but a share too little known or not known, none counted where that is not known
    (:func:`_listed_by_no_source`), the metric's values)."""
    has_any = table["count"].to_numpy() > 0
    flag = counting.TOO_LITTLE_COLUMN[metric]
    too_little = (
        table[flag].to_numpy(dtype=bool) & has_any if flag else np.zeros(len(table), dtype=bool)
    )
    values = table[metric].to_numpy(dtype=float)
    shown = has_any & ~too_little & ~np.isnan(values)
    unknown_share = too_little | (has_any & np.isnan(values))
    not_known = ~has_any & _listed_by_no_source(table["area_id"], coverage_classes)
    return has_any, shown, unknown_share, not_known, values


def _label_states(
    has_any: np.ndarray, unknown_share: np.ndarray, not_known: np.ndarray
) -> np.ndarray:
    """Per area, what its label says: "not_known", "none", "too_little" or "value"."""
    return np.where(
        not_known,
        "not_known",
        np.where(~has_any, "none", np.where(unknown_share, "too_little", "value")),
    )


def _map_hover(
    table: pd.DataFrame,
    *,
    metric: str,
    names: Mapping[str, str],
    locale: Locale,
    coverage: Mapping[str, str] | None,
    not_known: np.ndarray,
) -> list[str]:
    """Each area's hover text: its value (``not_known``, per row: none counted where that is
    not known), then the sources' coverage of it and when its counted services were last
    described, where known."""
    total = len(table)
    return [
        _hover_text(
            row,
            metric=metric,
            name=names[row.area_id],
            total=total,
            locale=locale,
            not_known=bool(unknown),
        )
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
        for row, unknown in zip(table.itertuples(index=False), not_known, strict=True)
    ]


def _area_fills(
    area_ids: pd.Series,
    has_any: np.ndarray,
    shown: np.ndarray,
    z_values: list[float],
    scale_top: float,
    coverage_classes: Mapping[str, int] | None,
) -> dict[str, str]:
    """area id -> the colour it is filled with (its coverage class's, or none recorded, too
    little known, or its value's on the scale), so that its label can be coloured to contrast."""
    if coverage_classes is not None:
        return {
            area: theme.COVERAGE_COLOURS[int(coverage_classes.get(area, PASSING_CLASS))]
            for area in area_ids
        }
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
    return fills


def _outline_widths(
    area_ids: pd.Series, keep: np.ndarray, selected: str | None, normal: float
) -> list[float]:
    """The outline width of each kept area: the selected one's thicker."""
    return [SELECTED_OUTLINE_WIDTH if area == selected else normal for area in area_ids[keep]]


def _kept(hover: list[str], keep: np.ndarray) -> list[str]:
    return [text for text, wanted in zip(hover, keep, strict=True) if wanted]


def _flat_values(
    area_ids: pd.Series, keep: np.ndarray, hover: list[str], selected: str | None, width: float
) -> dict:
    """A flat-coloured trace's values (none recorded, too little known): the kept areas."""
    return {
        "locations": area_ids[keep].tolist(),
        "z": [0] * int(keep.sum()),
        "hovertext": _kept(hover, keep),
        "line_width": _outline_widths(area_ids, keep, selected, width),
    }


def _scale_values(
    area_ids: pd.Series,
    z_values: list[float],
    hover: list[str],
    *,
    selected: str | None,
    scale_top: float,
    metric: str,
    locale: Locale,
) -> dict:
    """The values trace of the areas with a value (``area_ids``, ``z_values``, ``hover``),
    coloured on the provision scale with its colour bar."""
    return {
        "locations": area_ids.tolist(),
        "z": z_values,
        "hovertext": hover,
        "zmin": 0,
        "colorscale": theme.scale(theme.MAP_SCALE),
        "showscale": True,
        "zmax": scale_top,
        "line_width": [
            SELECTED_OUTLINE_WIDTH if area == selected else VALUE_OUTLINE_WIDTH for area in area_ids
        ],
        "line_color": [
            theme.SELECTED_OUTLINE if area == selected else theme.SEPARATOR for area in area_ids
        ],
        "colorbar_title": metric_label(metric, locale),
        "tickformat": ".0%" if metric.endswith("share") else "",
        # A count's colour bar: whole numbers only (plotly's own ticks gave 0.5, 1.5).
        "tickvals": theme.integer_ticks(scale_top) if metric == "count" else [],
    }


def _coverage_parts(
    area_ids: pd.Series,
    hover: list[str],
    selected: str | None,
    coverage_classes: Mapping[str, int],
) -> dict:
    """The traces' values where the areas cannot be compared: every area in its coverage
    class's colour, no colour bar; no area in the none-recorded or too-little traces."""
    every = np.ones(len(area_ids), dtype=bool)
    return {
        "values": _coverage_values(area_ids, hover, selected, coverage_classes),
        "none": _flat_values(area_ids, ~every, hover, selected, NONE_OUTLINE_WIDTH),
        "too_little": _flat_values(area_ids, ~every, hover, selected, TOO_LITTLE_OUTLINE_WIDTH),
    }


def _coverage_values(
    area_ids: pd.Series,
    hover: list[str],
    selected: str | None,
    coverage_classes: Mapping[str, int],
) -> dict:
    """The values trace where the areas cannot be compared: every area in its coverage class's
    colour, no colour bar."""
    every = np.ones(len(area_ids), dtype=bool)
    return {
        "locations": area_ids.tolist(),
        "z": [int(coverage_classes.get(area, PASSING_CLASS)) for area in area_ids],
        "hovertext": hover,
        "zmin": 0,
        "zmax": len(theme.COVERAGE_COLOURS) - 1,
        "colorscale": theme.scale(theme.COVERAGE_COLOURS),
        "showscale": False,
        "line_width": _outline_widths(area_ids, every, selected, VALUE_OUTLINE_WIDTH),
        "line_color": [
            theme.SELECTED_OUTLINE if area == selected else theme.COVERAGE_OUTLINE
            for area in area_ids
        ],
        "colorbar_title": "",
        "tickformat": "",
        "tickvals": [],
    }


def rank_text(rank, total: int, locale: Locale) -> str:
    """ "rank 2 of 4" (highest first), or nothing when the area has no rank."""
    if rank is None or (isinstance(rank, float) and np.isnan(rank)):
        return ""
    return locale("rank {rank} of {total}").format(
        rank=locale.number(int(rank)), total=locale.number(total)
    )


def _hover_text(
    row, *, metric: str, name: str, total: int, locale: Locale, not_known: bool = False
) -> str:
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
        # Outside the f-string, where Babel's extractor finds it. ``not_known``: no source lists
        # the area's services in full, so its zero is not known (rule ``coverage``).
        nothing = (
            locale("Not known: no source lists every service here")
            if not_known
            else locale("No counted intervention recorded")
        )
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
