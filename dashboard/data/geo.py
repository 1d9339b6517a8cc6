"""Area names and slugs shared by the build, the loader and the URL routes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


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


@dataclass(frozen=True)
class AreaShapes:
    """The areas drawn on a map, as shapes: what lies under a point of the map (an area, or
    nothing), so that a label is placed on its own area or clear of every other one."""

    #: area ids, in the order of ``tree``'s geometries
    ids: tuple[str, ...]
    #: a shapely STRtree of the areas' shapes
    tree: Any

    def only(self, areas: Iterable[str]) -> AreaShapes:
        """The map of only ``areas`` (the others are not drawn: their ground is empty)."""
        import shapely

        keep = set(areas)
        chosen = [index for index, area in enumerate(self.ids) if area in keep]
        shapes = [self.tree.geometries[index] for index in chosen]
        return AreaShapes(tuple(self.ids[index] for index in chosen), shapely.STRtree(shapes))

    def areas_at(self, lons: Sequence[float], lats: Sequence[float]) -> list[str | None]:
        """For each point, the area it lies in (None outside every area drawn)."""
        import shapely

        found: list[str | None] = [None] * len(lons)
        points = shapely.points(lons, lats)
        inside, area = self.tree.query(points, predicate="within")
        for point, index in zip(inside.tolist(), area.tolist(), strict=True):
            found[point] = self.ids[index]
        return found


def area_shapes(geojson_text: str) -> AreaShapes:
    """A level's areas as :class:`AreaShapes` (parsed and indexed once, when the app starts)."""
    import json

    import shapely
    from shapely.geometry import shape

    features = json.loads(geojson_text)["features"]
    return AreaShapes(
        tuple(feature["id"] for feature in features),
        shapely.STRtree([shape(feature["geometry"]) for feature in features]),
    )
