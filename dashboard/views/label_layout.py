"""Where each area's label goes on the Wales-wide map, so that no label covers another.

A label starts at its area's label point (:func:`dashboard.data.geo.label_points`). Where it
would run into a label already placed, it tries its name over two lines, then places near the
point (above, below, to the sides, a little further each time), joined to its area by a leader
line when it has moved off it. Labels are placed smallest area first: a small area has the
fewest places where its label can go, a large one can move within itself.

Given the map's shapes (:class:`dashboard.data.geo.AreaShapes`), a label never sits on another
area where a place exists that does not: it takes the nearest free place whose middle is on its
own area and which covers no other area; failing that, the nearest that covers no area but its
own (off the map, led back by its leader, looking a little further); only then the nearest free
place. Each label says what lies under its middle (:attr:`Placed.ground`), so its text can be
coloured for that fill.

The map is fitted to the areas' extent, in a square frame as wide as the plot's shorter side: the
Wales-wide map's scale is set by its height on every screen the dashboard is laid out for, a
profile's map by its width or height. Either way pixels on the map follow from longitude and
latitude (:class:`Projection`).
Text widths are estimated generously (bold Arial averages about 0.58 em a character), so that a
layout found free here is free in the browser; the real-browser test measures the drawn boxes.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Final, Protocol

#: Average width of a character of bold Arial, in ems, rounded up; line height in ems.
CHARACTER_EMS: Final = 0.62
LINE_EMS: Final = 1.3
#: Free space kept around each label (pixels), so that halos and rounding never touch.
GAP: Final = 3.0
#: How far a label may move from its point, in its own heights (then it keeps its place).
STEPS: Final = (0.0, 0.8, 1.3, 1.9, 2.6, 3.4, 4.3)
#: Where a label is looked for, more finely, when it has no free place on its own area among
#: :data:`STEPS`: a place clear of every other area, nearest first (in 16 directions, out to
#: about ten of its heights).
FAR_STEPS: Final = tuple(round(0.5 + 0.35 * index, 2) for index in range(27))
FAR_DIRECTIONS: Final = tuple(
    (round(math.sin(turn * math.pi / 8), 4), round(math.cos(turn * math.pi / 8), 4))
    for turn in range(16)
)
#: What plotly adds to each side of the areas' ranges when it fits the map to them (a share of
#: the range, rounded up).
FIT_PADDING: Final = 0.06
#: A label whose edge is nearer its area's point than this (pixels) still reads as the area's:
#: it has no leader line (a shorter one would be a stray dash).
LEADER_LENGTH: Final = 14.0
#: A label whose middle is off its own area and this far (pixels) from its point has a leader
#: however near its edge comes to the point: "South / Wales", in the sea beside its coast with
#: its top at its point, read as the sea's.
OFF_AREA_MOVE: Final = 3 * LEADER_LENGTH
#: Directions tried at each step, as (x, y) screen unit vectors: down, up, sides, diagonals.
DIRECTIONS: Final = (
    (0.0, 1.0),
    (0.0, -1.0),
    (1.0, 0.0),
    (-1.0, 0.0),
    (0.7, 0.7),
    (-0.7, 0.7),
    (0.7, -0.7),
    (-0.7, -0.7),
)


@dataclass(frozen=True)
class Wanted:
    """One label to place: its area's point (lon, lat), how much room the area has there (the
    point's distance to its edge, degrees), its name (None when it shows the value alone) and
    its value, in type of ``size`` pixels. ``name_optional``: the label may show its value alone
    where its name finds no room near its area (the hover text and the tables name it)."""

    area_id: str
    lon: float
    lat: float
    room: float
    name: str | None
    value: str
    size: int
    name_optional: bool = False


@dataclass(frozen=True)
class Placed:
    """Where a label is drawn (its middle), its lines, the leader from its area's point to the
    label's edge when the label has moved off the point (else None), and the area under the
    label's middle (None: no area, the map's background; also when the shapes are not known)."""

    area_id: str
    lon: float
    lat: float
    lines: tuple[str, ...]
    leader: tuple[tuple[float, float], tuple[float, float]] | None
    ground: str | None = None


class Ground(Protocol):
    """What lies under points of the map (:class:`dashboard.data.geo.AreaShapes`)."""

    def areas_at(self, lons: Sequence[float], lats: Sequence[float]) -> list[str | None]: ...


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right + GAP
            and other.left < self.right + GAP
            and self.top < other.bottom + GAP
            and other.top < self.bottom + GAP
        )


class Projection:
    """Longitude and latitude to the map's pixels (Mercator, the ranges of
    :func:`frame_ranges` for ``extent`` = (west, south, east, north) fitted into a plot
    ``height`` pixels high and ``width`` wide, a square when no width is given), and back. Only
    distances between labels matter here, so where the map sits in its plot does not."""

    def __init__(self, extent: Sequence[float], height: float, width: float | None = None):
        west, south, east, north = extent
        # Plotly fits the map's ranges, the extent padded by a share of its larger span on
        # every side, into the plot (measured on the overview: 148.97 pixels a degree, this
        # gives 148.99).
        spans = (math.radians(east - west), _mercator(north) - _mercator(south))
        pad = 2 * FIT_PADDING * max(spans)
        across = height if width is None else width
        self.scale = min(across / (spans[0] + pad), height / (spans[1] + pad))
        self.north = _mercator(north)
        self.middle = math.radians((west + east) / 2)

    def pixels(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            (math.radians(lon) - self.middle) * self.scale,
            (self.north - _mercator(lat)) * self.scale,
        )

    def degrees(self, x: float, y: float) -> tuple[float, float]:
        lon = math.degrees(x / self.scale + self.middle)
        lat = math.degrees(2 * math.atan(math.exp(self.north - y / self.scale)) - math.pi / 2)
        return lon, lat

    def degrees_of(self, xs: Sequence[float], ys: Sequence[float]) -> tuple[list, list]:
        """:meth:`degrees` of many points at once."""
        import numpy as np

        x, y = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
        lons = np.degrees(x / self.scale + self.middle)
        lats = np.degrees(2 * np.arctan(np.exp(self.north - y / self.scale)) - np.pi / 2)
        return lons.tolist(), lats.tolist()


def place_labels(
    wanted: Iterable[Wanted],
    *,
    extent: Sequence[float],
    height: float,
    width: float | None = None,
    ground: Ground | None = None,
) -> Mapping[str, Placed]:
    """Each label's place (area id -> :class:`Placed`), none over another where there is room
    within :data:`STEPS`; a label with no free place keeps its point. The map is ``height``
    (and ``width``, when it may be what limits the scale) pixels, see :class:`Projection`.
    With ``ground``, a label is kept off other areas (see the module's note).

    A place depends on the labels' names and on how long their values are, never on what the
    values say (:func:`_size`, :func:`_samples`): places are worked out for values of the same
    lengths (:data:`PLACEHOLDER` repeated) and remembered, and each label then takes its own
    value. Placing the labels was 125 ms of a cold overview view's 146 ms; a view whose value
    lengths an earlier one had takes none of it (docs/PERFORMANCE.md, issue 25's load test)."""
    labels = tuple(wanted)
    shapes = tuple(replace(label, value=PLACEHOLDER * len(label.value)) for label in labels)
    placed = _remembered_places(shapes, tuple(extent), float(height), width, ground)
    values = {label.area_id: label.value for label in labels}
    return {
        area_id: replace(place, lines=(*place.lines[:-1], values[area_id]))
        for area_id, place in placed.items()
    }


#: What stands for each character of a value while places are worked out (see
#: :func:`place_labels`): only a value's length matters to its place.
PLACEHOLDER: Final = "0"
#: How many sets of places are remembered (each a few kilobytes): the length patterns of the
#: views asked for, per level, language and map size.
REMEMBERED_LAYOUTS: Final = 2048


@functools.lru_cache(maxsize=REMEMBERED_LAYOUTS)
def _remembered_places(
    wanted: tuple[Wanted, ...],
    extent: tuple[float, ...],
    height: float,
    width: float | None,
    ground: Ground | None,
) -> Mapping[str, Placed]:
    """:func:`_place` of these labels, remembered (see :func:`place_labels`); read-only."""
    return MappingProxyType(
        _place(wanted, extent=extent, height=height, width=width, ground=ground)
    )


def _place(
    wanted: Iterable[Wanted],
    *,
    extent: Sequence[float],
    height: float,
    width: float | None = None,
    ground: Ground | None = None,
) -> dict[str, Placed]:
    """Each label's place, worked out (see :func:`place_labels`)."""
    projection = Projection(extent, height, width)
    frame = _frame(projection, extent)
    placed: dict[str, Placed] = {}
    boxes: list[Box] = []
    for label in sorted(wanted, key=lambda each: (each.room, each.area_id)):
        anchor = projection.pixels(label.lon, label.lat)
        choice, near = _first_free(label, anchor, boxes, projection, ground, frame)
        if not near and label.name is not None and label.name_optional:
            # No room near its area for its name (Monmouthshire's went across south Wales, led
            # back by a leader as long): its value alone, if that finds room there.
            alone, alone_near = _first_free(
                replace(label, name=None), anchor, boxes, projection, ground, frame
            )
            if alone_near:
                choice = alone
        if choice is None:
            lines = _lines(label, wrapped=False)
            choice = (lines, anchor, _box(lines, label.size, anchor))
        lines, middle, box = choice
        boxes.append(box)
        lon, lat = projection.degrees(*middle)
        under = ground.areas_at([lon], [lat])[0] if ground is not None else None
        leader = None
        edge = _edge_towards(box, anchor)
        off_area = ground is not None and under != label.area_id
        if math.dist(edge, anchor) > LEADER_LENGTH or (
            off_area and math.dist(middle, anchor) >= OFF_AREA_MOVE
        ):
            leader = ((label.lon, label.lat), projection.degrees(*edge))
        placed[label.area_id] = Placed(label.area_id, lon, lat, lines, leader, under)
    return placed


def _candidates(
    label: Wanted,
    anchor: tuple[float, float],
    steps: Sequence[float],
    directions_at: Sequence[tuple[float, float]] = DIRECTIONS,
):
    """Every place tried for ``label``, nearest first: (lines, middle, box)."""
    for step in steps:
        for wrapped in (False, True):
            lines = _lines(label, wrapped=wrapped)
            _width, height = _size(lines, label.size)
            directions = directions_at if step else ((0.0, 0.0),)
            for dx, dy in directions:
                middle = (anchor[0] + dx * step * height, anchor[1] + dy * step * height)
                yield lines, middle, _box(lines, label.size, middle)


def frame_ranges(extent: Sequence[float]) -> tuple[list[float], list[float]]:
    """The longitude and latitude ranges a map of ``extent`` is drawn to: the areas' extent
    padded by :data:`FIT_PADDING` of its larger projected span on every side, so that the map's
    scale is what :class:`Projection` computes. Given to plotly as fixed ranges: fitted to every
    point it draws instead, the labels' middles and the leaders' ends among them, a label placed
    beyond the areas shrank the whole map, and every label's place with it, by a tenth."""
    west, south, east, north = extent
    spans = (math.radians(east - west), _mercator(north) - _mercator(south))
    pad = max(spans) * FIT_PADDING
    lat = [
        math.degrees(2 * math.atan(math.exp(_mercator(south) - pad)) - math.pi / 2),
        math.degrees(2 * math.atan(math.exp(_mercator(north) + pad)) - math.pi / 2),
    ]
    lon = [west - math.degrees(pad), east + math.degrees(pad)]
    return [round(value, 4) for value in lon], [round(value, 4) for value in lat]


def _frame(projection: Projection, extent: Sequence[float]) -> Box:
    """Where a label may go: within the map's ranges (:func:`frame_ranges`), in pixels."""
    (west, east), (south, north) = frame_ranges(extent)
    left, top = projection.pixels(west, north)
    right, bottom = projection.pixels(east, south)
    return Box(left, top, right, bottom)


def _within(box: Box, frame: Box) -> bool:
    return (
        frame.left <= box.left
        and box.right <= frame.right
        and frame.top <= box.top
        and box.bottom <= frame.bottom
    )


#: How many places' letters are tested against the map's shapes at once (nearest first).
BATCH: Final = 12


def _first_free(
    label: Wanted,
    anchor: tuple[float, float],
    boxes: list[Box],
    projection: Projection,
    ground: Ground | None,
    frame: Box,
):
    """The label's place (lines, middle, box), or None, and whether it is near its area: on its
    own area or clear of every other within :data:`STEPS` (a place found further out, or a free
    place on another area, is not)."""
    first_free = None
    for steps, directions in ((STEPS, DIRECTIONS), (FAR_STEPS, FAR_DIRECTIONS)):
        near = steps is STEPS
        free = [
            (lines, middle, box)
            for lines, middle, box in _candidates(label, anchor, steps, directions)
            if _within(box, frame) and not any(box.overlaps(other) for other in boxes)
        ]
        if ground is None:
            return (free[0], True) if free else (None, False)
        if near and free:
            first_free = free[0]
        # First what lies under each place's middle, for every place at once; then, nearest
        # first and a few at a time, under all its letters, for the places whose middle is on
        # the label's own area or on none.
        lons, lats = projection.degrees_of(
            [middle[0] for _l, middle, _b in free], [middle[1] for _l, middle, _b in free]
        )
        middles = ground.areas_at(lons, lats)
        hopeful = [
            (place, area)
            for place, area in zip(free, middles, strict=True)
            if area in (None, label.area_id)
        ]
        clear = None
        for start in range(0, len(hopeful), BATCH):
            batch = hopeful[start : start + BATCH]
            grounds = _grounds([place for place, _area in batch], label.size, projection, ground)
            for (place, middle_area), under in zip(batch, grounds, strict=True):
                if any(area not in (None, label.area_id) for area in under):
                    continue
                if middle_area == label.area_id and near:
                    return place, True
                clear = clear or place
            if clear is not None and not near:
                return clear, False
        if clear is not None:
            return clear, near
    return first_free, False


def _grounds(places: list, size: int, projection: Projection, ground: Ground) -> list[list]:
    """What lies under each sample point of each place (its middle first), asked of the map's
    shapes at once."""
    samples = [_samples(lines, size, middle) for lines, middle, _box in places]
    lons, lats = projection.degrees_of(
        [x for points in samples for x, _ in points], [y for points in samples for _, y in points]
    )
    areas = ground.areas_at(lons, lats)
    found, start = [], 0
    for points in samples:
        found.append(areas[start : start + len(points)])
        start += len(points)
    return found


#: Where a label is tested for what lies under it: along each line of its text, across the
#: generous estimate of the line's width (:data:`CHARACTER_EMS`) every :data:`SAMPLE_STEP_EMS`,
#: in rows from the top of its letters to the foot of their descenders (:data:`LETTER_ROWS_EMS`,
#: about the line's baseline); the label's middle first. (Its middle and both ends only let a
#: long name run across a narrow area that lay between them: "Cardiff and Vale" over Cwm Taf
#: Morgannwg and Gwent. Three rows every half an em about each line's middle, a line lower than
#: plotly draws it, let the top of "Heddlu De Cymru" run over a corner of Gwent 3 pixels wide.)
SAMPLE_STEP_EMS: Final = 0.2
#: Plotly sets a label of n lines about its point (``textposition`` "middle center") with its
#: first baseline BASELINE_EMS - ((n - 1) * LINE_EMS + 1) / 2 ems below the point, the next
#: :data:`LINE_EMS` lower each (plotly.js ``Drawing.textPointStyle``): a line's letters sit
#: about a tenth of an em higher than a line box centred in the label's would put them.
BASELINE_EMS: Final = 0.75
#: The rows of a line tested, in ems about its baseline (negative: above it): bold Arial's
#: capitals and ascenders reach 0.73 ems above it, its descenders 0.21 below (six rows, under
#: a fifth of an em apart).
LETTER_ROWS_EMS: Final = tuple(round(-0.76 + 0.97 * row / 5, 3) for row in range(6))


def _baselines(count: int, size: int, middle_y: float) -> list[float]:
    """Where plotly draws the baselines of a label's ``count`` lines (see :data:`BASELINE_EMS`)."""
    first = middle_y + size * (BASELINE_EMS - ((count - 1) * LINE_EMS + 1) / 2)
    return [first + index * size * LINE_EMS for index in range(count)]


def _samples(lines: Sequence[str], size: int, middle: tuple[float, float]) -> list:
    """The pixels where a label's letters are tested (its middle first)."""
    points = [middle]
    for line, baseline in zip(lines, _baselines(len(lines), size, middle[1]), strict=True):
        half = len(line) * size * CHARACTER_EMS / 2
        across = max(2, math.ceil(2 * half / (SAMPLE_STEP_EMS * size)))
        xs = [middle[0] - half + 2 * half * step / across for step in range(across + 1)]
        for row in LETTER_ROWS_EMS:
            points += [(x, baseline + row * size) for x in xs]
    return points


def _under(
    lines: Sequence[str],
    size: int,
    middle: tuple[float, float],
    projection: Projection,
    ground: Ground,
) -> list[str | None]:
    """The area under each sample point of a label's letters (its middle first)."""
    points = _samples(lines, size, middle)
    lons, lats = projection.degrees_of([x for x, _ in points], [y for _, y in points])
    return ground.areas_at(lons, lats)


def _lines(label: Wanted, *, wrapped: bool) -> tuple[str, ...]:
    if label.name is None:
        return (label.value,)
    if not wrapped or " " not in label.name:
        return (label.name, label.value)
    # Split at the space nearest the middle, so both lines are as short as they can be.
    spaces = [index for index, character in enumerate(label.name) if character == " "]
    split = min(spaces, key=lambda index: abs(index - len(label.name) / 2))
    return (label.name[:split], label.name[split + 1 :], label.value)


def _size(lines: Sequence[str], size: int) -> tuple[float, float]:
    width = max(len(line) for line in lines) * size * CHARACTER_EMS
    return width, len(lines) * size * LINE_EMS


def _box(lines: Sequence[str], size: int, middle: tuple[float, float]) -> Box:
    width, height = _size(lines, size)
    x, y = middle
    return Box(x - width / 2, y - height / 2, x + width / 2, y + height / 2)


def _edge_towards(box: Box, point: tuple[float, float]) -> tuple[float, float]:
    """The point of ``box``'s edge on the line from its middle to ``point``."""
    middle_x, middle_y = (box.left + box.right) / 2, (box.top + box.bottom) / 2
    dx, dy = point[0] - middle_x, point[1] - middle_y
    half_width, half_height = (box.right - box.left) / 2, (box.bottom - box.top) / 2
    scale = min(half_width / abs(dx) if dx else math.inf, half_height / abs(dy) if dy else math.inf)
    scale = min(scale, 1.0)
    return middle_x + dx * scale, middle_y + dy * scale


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


# -- a chart's point labels ----------------------------------------------------------------------
#: Where plotly can write a marker's text (``textposition``), in the order tried: each as the
#: direction of the text's middle from the marker's (x right, y down) and whether the text is set
#: beside the marker (its side touches the marker's edge) or centred over it.
TEXT_POSITIONS: Final = (
    ("top center", (0.0, -1.0)),
    ("bottom center", (0.0, 1.0)),
    ("middle right", (1.0, 0.0)),
    ("middle left", (-1.0, 0.0)),
    ("top right", (1.0, -1.0)),
    ("top left", (-1.0, -1.0)),
    ("bottom right", (1.0, 1.0)),
    ("bottom left", (-1.0, 1.0)),
)


def text_box(middle: tuple[float, float], text: str, size: float) -> Box:
    """The box of one line of ``text`` in type of ``size`` pixels, centred on ``middle``."""
    return _box([text], round(size), middle)


def point_label_positions(
    points: Sequence[tuple[float, float]],
    texts: Sequence[str],
    *,
    size: float,
    radius: float,
    obstacles: Sequence[Box] = (),
    frame: Box | None = None,
) -> list[str]:
    """A ``textposition`` for each marker's text on a chart (markers at ``points``, in pixels,
    ``radius`` pixels round; texts in type of ``size``), so that no text covers another text, a
    marker or an ``obstacle`` (a reference line, its note), and stays inside ``frame``: the
    first free place of :data:`TEXT_POSITIONS`, or "top center" where none is free. Markers are
    labelled from the most crowded (nearest another marker) first."""
    markers = [Box(x - radius, y - radius, x + radius, y + radius) for x, y in points]
    taken: list[Box] = list(obstacles)
    chosen = ["top center"] * len(points)

    def crowding(index: int) -> float:
        others = [math.dist(points[index], point) for j, point in enumerate(points) if j != index]
        return min(others, default=math.inf)

    for index in sorted(range(len(points)), key=crowding):
        (x, y), text = points[index], texts[index]
        width, height = _size([text], round(size))
        for position, (dx, dy) in TEXT_POSITIONS:
            middle = (x + dx * (radius + width / 2), y + dy * (radius + height / 2))
            if dx == 0:
                middle = (x, y + dy * (radius + height / 2))
            box = text_box(middle, text, size)
            blocked = [*taken, *(m for j, m in enumerate(markers) if j != index)]
            inside = frame is None or (
                box.left >= frame.left
                and box.right <= frame.right
                and box.top >= frame.top
                and box.bottom <= frame.bottom
            )
            if inside and not any(box.overlaps(other) for other in blocked):
                chosen[index] = position
                taken.append(box)
                break
        else:
            taken.append(text_box((x, y - radius - height / 2), text, size))
    return chosen
