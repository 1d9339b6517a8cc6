"""An area's profile (``/force/<area>``, ``/region/<area>``): its summary, counted by the counting
model, and its own map of the local authorities it covers.

The summary counts the area's current local services with the services available across all of
Wales apart (never added in), tiers and behaviours in the cells' states, precarity and funding
end over the services where they are known, and the area's rank among the areas of its level. A
police force area also has the Home Office's recorded-crime indicators beside Wales and England
and Wales; a VAWDASV region has none (the statistics are published by police force area).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
from collections.abc import Mapping
from typing import Any, Final

import numpy as np
import plotly.graph_objects as go

from dashboard.data import vocabulary as vocab
from dashboard.data.geo import slugify
from dashboard.domain import cliff, counting, need
from dashboard.domain.cells import gap_cells
from dashboard.domain.context import AppContext
from dashboard.views import figures_map
from dashboard.views.overview import OverviewView
from dashboard.views.review import documented_gaps, force_population

#: The lookup's column naming each local authority's area of a level.
LOOKUP_COLUMN: Final = {"force": "police_force_area", "region": "vawdasv_region"}
#: The profile map's height on screen (pixels); print CSS scales it to the page.
MAP_HEIGHT: Final = 430


def area_las(context: AppContext, level: str, area_id: str) -> list[str]:
    """The local authorities (their map ids) of one force area or region, from the lookup."""
    lookup = context.bundle.lookup
    inside = lookup[lookup[LOOKUP_COLUMN[level]].map(slugify) == area_id]
    return [slugify(name) for name in inside["la_name_en"]]


def _crime(context: AppContext, name_en: str) -> dict:
    """The force's recorded-crime indicators beside Wales and England and Wales."""
    indicators = need.primary_indicators(context.bundle.criminal_justice, force_population(context))
    wanted = indicators[indicators["area"].isin([name_en, "Wales", "England and Wales"])]
    order = list(need.NEED_MEASURES)
    counts = wanted.pivot(index="measure", columns="area", values="count").reindex(order)
    rates = wanted.pivot(index="measure", columns="area", values="rate_per_1000").reindex(order)
    sources = wanted["source"].dropna().unique().tolist()
    return {
        "counts": counts,
        "rates": rates,
        "period": need.P1_PERIOD,
        "sources": sources,
    }


def area_summary(
    context: AppContext,
    *,
    level: str,
    area_id: str,
    lang: str,
    provision: str = counting.CURRENT,
    as_of: dt.date | None = None,
) -> dict:
    """One force area or region beside Wales, counted by the counting model: local services
    with all-Wales services apart, tiers and behaviours in their cell states, precarity over
    known values, funding ending within 12 months, rank among the areas of the level; for a force
    area, its recorded-crime indicators (``crime``; None for a region)."""
    area = next(each for each in context.bundle.areas[level] if each.area_id == area_id)
    directory = context.directory
    mask = counting.provision_mask(directory, provision)
    column = directory.area_ids[level].index(area_id)
    local = counting.local_matrix(directory, level)[:, column] & mask
    national = counting.national_mask(directory) & mask
    table = counting.area_counts(directory, mask, level, False, context.population_16_plus[level])
    row = table.set_index("area_id").loc[area_id]
    wales = counting.wales_comparator(
        directory, mask, level, False, context.population_16_plus["wales"]["wales"]
    )
    documented = documented_gaps(context)

    def cells(column_name: str, values: tuple[str, ...]) -> Mapping[str, Any]:
        wanted = [value for value in values if value != vocab.UNKNOWN]
        return gap_cells(directory, mask, level, False, column_name, wanted, documented)[area_id]

    tier_cells = cells("service_tier", vocab.SERVICE_TIERS)
    behaviour_cells = cells("behaviour_focus", vocab.BEHAVIOUR_FOCUSES)
    bands, precarity_known, services = counting.breakdown_with_known(directory, local, "precarity")
    ending = cliff.horizon_counts(cliff.cliff_edge(directory, local, as_of or dt.date.today()))
    medium_level = counting.value_matrix(directory, "risk_level", counting.MEDIUM_RISK_LEVEL)
    return {
        "level": level,
        "name": context.names(lang, level)[area_id],
        "name_en": area.name_en,
        "provision": provision,
        "local_count": int(local.sum()),
        "all_wales_count": int(national.sum()),
        "rank": row["count_rank"],
        "areas_ranked": len(table),
        "per_100k": float(row["per_100k"]),
        "wales_per_100k": wales.per_100k,
        "wales_count": wales.count,
        "tier_cells": tier_cells,
        "behaviour_cells": behaviour_cells,
        "medium_risk_tier": tier_cells[counting.MEDIUM_RISK_TIER].count,
        # A service with no stated tier is not known to be outside the medium-risk tier.
        "tier_known": tier_cells[counting.MEDIUM_RISK_TIER].services
        - tier_cells[counting.MEDIUM_RISK_TIER].unclassified,
        "medium_risk_level": int(np.count_nonzero(local & medium_level)),
        "risk_level_known": int(
            np.count_nonzero(local & counting.known_mask(directory, "risk_level"))
        ),
        "bands": bands.to_dict(),
        "precarity_known": precarity_known,
        "services": services,
        "ending_within_12_months": int(ending[cliff.WITHIN_12_MONTHS]),
        "funding_end_known": int(services - ending[cliff.NOT_STATED]),
        "crime": _crime(context, area.name_en) if level == "force" else None,
    }


def _kept(values: Mapping[str, Any], keep: set[str]) -> dict:
    """A trace's values (parallel lists by location) restricted to the locations in ``keep``."""
    wanted = [location in keep for location in values["locations"]]
    return {
        key: [item for item, ok in zip(value, wanted, strict=True) if ok]
        if isinstance(value, list) and len(value) == len(wanted)
        else value
        for key, value in values.items()
    }


@functools.lru_cache(maxsize=8)
def _bounds(geometry: str) -> dict[str, tuple[float, float, float, float]]:
    """Each feature's bounding box (west, south, east, north) in a GeoJSON text."""
    boxes = {}
    for feature in json.loads(geometry)["features"]:
        points = np.array(list(_points(feature["geometry"]["coordinates"])))
        boxes[feature["properties"]["area_id"]] = (
            float(points[:, 0].min()),
            float(points[:, 1].min()),
            float(points[:, 0].max()),
            float(points[:, 1].max()),
        )
    return boxes


def _points(coordinates):
    if coordinates and isinstance(coordinates[0], int | float):
        yield coordinates[:2]
        return
    for part in coordinates:
        yield from _points(part)


def _fit(figure: go.Figure, boxes: list[tuple[float, float, float, float]]) -> None:
    """Centre and zoom a tile map on the boxes (a geo map fits its locations itself)."""
    if not boxes or figure.data[0].type != "choroplethmap":
        return
    west, south = min(box[0] for box in boxes), min(box[1] for box in boxes)
    east, north = max(box[2] for box in boxes), max(box[3] for box in boxes)
    middle = (south + north) / 2
    # Web Mercator as MapLibre draws it: 512 px per world at zoom 0; the map is about 480 x MAP_HEIGHT px.
    across = 480 * 360 / (512 * max(east - west, 1e-3))
    down = MAP_HEIGHT * 360 / (512 * max(north - south, 1e-3) / math.cos(math.radians(middle)))
    figure.update_layout(
        map={
            "center": {"lat": middle, "lon": (west + east) / 2},
            "zoom": math.log2(min(across, down)) - 0.35,
        }
    )


def area_map(context: AppContext, la_view: OverviewView, level: str, area_id: str) -> go.Figure:
    """The area's own map: ``la_view``'s local-authority map (the overview's view of the same
    settings at local-authority level), restricted to the local authorities of the area (the
    others are not drawn)."""
    values = la_view.map
    keep = set(area_las(context, level, area_id))
    figure = figures_map.base_map(level="la", height=MAP_HEIGHT)
    shown = _kept(values["values"], keep)
    figure.data[figures_map.VALUE_TRACE["la"]].update(
        locations=shown["locations"],
        z=shown["z"],
        zmax=shown["zmax"],
        hovertext=shown["hovertext"],
        marker={"line": {"width": shown["line_width"], "color": shown["line_color"]}},
        colorbar={"title": {"text": shown["colorbar_title"]}, "tickformat": shown["tickformat"]},
    )
    for part, traces in (
        ("none", figures_map.NONE_TRACE),
        ("too_little", figures_map.TOO_LITTLE_TRACE),
    ):
        flat = _kept(values[part], keep)
        figure.data[traces["la"]].update(
            locations=flat["locations"],
            z=flat["z"],
            hovertext=flat["hovertext"],
            marker={"line": {"width": flat["line_width"]}},
        )
    boxes = _bounds(context.bundle.geometry["la"])
    _fit(figure, [boxes[la] for la in keep if la in boxes])
    return figure
