"""Area names and slugs shared by the build, the loader and the URL routes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


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
