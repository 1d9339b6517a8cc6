"""Area names and slugs shared by the build, the loader and the URL routes."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final


def slugify(name: str) -> str:
    """``"Cardiff and Vale"`` -> ``"cardiff-and-vale"``; accents dropped, only ``[a-z0-9-]``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def area_bounds(geojson_text: str) -> dict[str, tuple[float, float, float, float]]:
    """Each area's bounding box: area id -> (west, south, east, north), in degrees."""
    import json

    from shapely.geometry import shape

    return {
        feature["id"]: tuple(round(value, 4) for value in shape(feature["geometry"]).bounds)
        for feature in json.loads(geojson_text)["features"]
    }


def extent(
    bounds: Iterable[tuple[float, float, float, float]],
) -> tuple[float, float, float, float]:
    """The bounding box of areas with these boxes (what a map fitted to them shows)."""
    boxes = list(bounds)
    return (
        min(box[0] for box in boxes),
        min(box[1] for box in boxes),
        max(box[2] for box in boxes),
        max(box[3] for box in boxes),
    )


def label_points(geojson_text: str) -> dict[str, tuple[float, float, float]]:
    """Where each area's label goes: area id -> (lon, lat, room) of the point of its largest part
    farthest from the edge (the pole of inaccessibility), so a label sits well inside the area;
    ``room`` is that point's distance to the edge, in degrees (how much a label can hold)."""
    import json

    from shapely.geometry import shape
    from shapely.ops import polylabel

    points = {}
    for feature in json.loads(geojson_text)["features"]:
        geometry = shape(feature["geometry"])
        parts = getattr(geometry, "geoms", [geometry])
        largest = max(parts, key=lambda part: part.area)
        point = polylabel(largest, tolerance=0.002)
        room = largest.exterior.distance(point)
        points[feature["id"]] = (round(point.x, 4), round(point.y, 4), round(room, 4))
    return points


@dataclass(frozen=True, eq=False)
class AreaShapes:
    """The areas drawn on a map, as shapes: what lies under a point of the map (an area, or
    nothing), so that a label is placed on its own area or clear of every other one.

    The shapes are prepared (shapely's indexed point-in-polygon) and each asked of all the points
    at once with ``contains_xy``: placing one map's labels asks about some 60,000 points in a few
    hundred calls, and an STRtree query with ``within`` (points made into geometries, then each
    tested against unprepared shapes) took 1.7 s of the 4.3 s that 30 cold overview views spent,
    where this takes 0.4 s (docs/PERFORMANCE.md, issue 25's load test). Compared and hashed as
    itself (``eq=False``): hashing every polygon's coordinates to remember a map's label places
    (:func:`dashboard.views.label_layout.place_labels`) would cost more than it saves."""

    #: area ids, in the order of ``shapes``
    ids: tuple[str, ...]
    #: the areas' shapes (shapely geometries, prepared)
    shapes: tuple[Any, ...]

    def only(self, areas: Iterable[str]) -> AreaShapes:
        """The map of only ``areas`` (the others are not drawn: their ground is empty); the same
        object each time for the same areas (:func:`_only`)."""
        return _only(self, frozenset(areas))

    def areas_at(self, lons: Sequence[float], lats: Sequence[float]) -> list[str | None]:
        """For each point, the area it lies in (None outside every area drawn; a point on an
        edge lies in neither area, as with shapely's ``within``)."""
        import numpy as np
        import shapely

        x, y = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
        found = np.full(len(x), -1)
        for index, area in enumerate(self.shapes):
            found[shapely.contains_xy(area, x, y)] = index
        return [self.ids[index] if index >= 0 else None for index in found.tolist()]


#: How many maps of some areas are remembered: a profile's map is one per area of each level
#: (ten in Wales), the same for every wave.
REMEMBERED_SUBSETS: Final = 64


@functools.lru_cache(maxsize=REMEMBERED_SUBSETS)
def _only(shapes: AreaShapes, areas: frozenset[str]) -> AreaShapes:
    """:meth:`AreaShapes.only`, remembered. A map's label places are remembered by its shapes
    object (:func:`dashboard.views.label_layout.place_labels`), so a profile's map, a new subset
    at each request, placed its labels afresh every time: 24 ms of the 38 ms the router took to
    build ``/force/gwent`` on a warm cache (docs/PERFORMANCE.md, issue 25)."""
    return AreaShapes(
        tuple(area for area in shapes.ids if area in areas),
        tuple(
            shape for area, shape in zip(shapes.ids, shapes.shapes, strict=True) if area in areas
        ),
    )


def area_shapes(geojson_text: str) -> AreaShapes:
    """A level's areas as :class:`AreaShapes` (parsed and indexed once, when the app starts)."""
    import json

    import shapely
    from shapely.geometry import shape

    features = json.loads(geojson_text)["features"]
    shapes = tuple(shape(feature["geometry"]) for feature in features)
    shapely.prepare(shapes)
    return AreaShapes(tuple(feature["id"] for feature in features), shapes)
