"""Labels on the Wales-wide map are placed so that none covers another (label_layout)."""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

import pytest

from dashboard.views import label_layout
from dashboard.views.label_layout import Projection, Wanted, place_labels

#: Wales's extent (west, south, east, north) and the height the map is laid out for.
EXTENT = (-5.35, 51.37, -2.65, 53.43)
HEIGHT = 520


def box_of(placed, wanted, projection):
    middle = projection.pixels(placed.lon, placed.lat)
    return label_layout._box(placed.lines, wanted.size, middle)


def test_the_projection_goes_there_and_back_and_fits_the_padded_extent():
    projection = Projection(EXTENT, HEIGHT)
    x, y = projection.pixels(-3.5, 52.0)
    lon, lat = projection.degrees(x, y)
    assert (round(lon, 6), round(lat, 6)) == (-3.5, 52.0)
    # Wales is taller than wide: its latitudes, padded on both sides, fill the height.
    top, bottom = (projection.pixels(-4.0, lat)[1] for lat in (EXTENT[3], EXTENT[1]))
    assert bottom - top == pytest.approx(HEIGHT / (1 + 2 * label_layout.FIT_PADDING))


def test_a_wide_extent_in_a_wide_plot_fills_the_plot_s_width():
    # South Wales's local authorities: much wider than tall, in the printed map's plot
    # (335 x 296): the map's ranges fit the plot's width (once its shorter side, when the map
    # was fitted to what it drew; its ranges are fixed now, as plotly is given them).
    extent = (-4.33, 51.38, -3.08, 51.83)
    projection = Projection(extent, 296, 335)
    left, right = (projection.pixels(lon, 51.6)[0] for lon in (extent[0], extent[2]))
    assert right - left == pytest.approx(335 / (1 + 2 * label_layout.FIT_PADDING))
    top, bottom = (projection.pixels(-4.0, lat)[1] for lat in (extent[3], extent[1]))
    assert bottom - top < 296 / (1 + 2 * label_layout.FIT_PADDING)


def test_labels_far_apart_stay_at_their_points_without_leaders():
    wanted = [
        Wanted("north", -3.8, 53.0, 0.3, "North Wales", "3", 15),
        Wanted("south", -3.8, 51.8, 0.3, "Mid and West Wales", "4", 15),
    ]
    placed = place_labels(wanted, extent=EXTENT, height=HEIGHT)
    for label in wanted:
        assert (placed[label.area_id].lon, placed[label.area_id].lat) == pytest.approx(
            (label.lon, label.lat), abs=1e-6
        )
        assert placed[label.area_id].leader is None
        assert placed[label.area_id].lines == (label.name, label.value)


def test_a_label_that_would_cover_another_moves_and_points_back_to_its_area():
    # Two areas with their points 0.1 degrees apart: the labels would cover each other.
    wanted = [
        Wanted("west-glamorgan", -3.85, 51.62, 0.05, "West Glamorgan", "3", 15),
        Wanted("cwm-taf-morgannwg", -3.75, 51.62, 0.08, "Cwm Taf Morgannwg", "4", 15),
    ]
    projection = Projection(EXTENT, HEIGHT)
    placed = place_labels(wanted, extent=EXTENT, height=HEIGHT)
    # The smaller area (less room) is placed first, at its point.
    first, second = placed["west-glamorgan"], placed["cwm-taf-morgannwg"]
    assert (first.lon, first.lat) == pytest.approx((-3.85, 51.62), abs=1e-6)
    assert first.leader is None
    one, other = (box_of(placed[w.area_id], w, projection) for w in wanted)
    assert not one.overlaps(other)
    # The moved one has a leader from its own point to its label's edge.
    assert second.leader is not None
    start, end = second.leader
    assert start == (-3.75, 51.62)
    end_pixels = projection.pixels(*end)
    edge = label_layout._edge_towards(other, projection.pixels(-3.75, 51.62))
    assert math.dist(end_pixels, edge) < 0.01


def test_a_long_name_may_take_two_lines_split_nearest_the_middle():
    label = Wanted("cv", -3.3, 51.45, 0.05, "Canolbarth a Gorllewin Cymru", "4", 15)
    assert label_layout._lines(label, wrapped=True) == ("Canolbarth a", "Gorllewin Cymru", "4")
    alone = Wanted("tiny", -3.3, 51.45, 0.01, None, "2", 11)
    assert label_layout._lines(alone, wrapped=True) == ("2",)


def squares(*boxes: tuple[str, float, float, float, float]):
    """AreaShapes of rectangles: (id, west, south, east, north)."""
    import json

    from dashboard.data import geo

    features = [
        {
            "type": "Feature",
            "id": area,
            "properties": {},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]],
            },
        }
        for area, w, s, e, n in boxes
    ]
    return geo.area_shapes(json.dumps({"type": "FeatureCollection", "features": features}))


def letters_under(placed, wanted, projection, ground):
    return set(
        label_layout._under(
            placed.lines, wanted.size, projection.pixels(placed.lon, placed.lat), projection, ground
        )
    )


def test_a_label_that_would_lie_on_a_neighbour_moves_onto_its_own_area():
    """The tester's "RCT 1" sat on Neath Port Talbot's shape: a label at its point ran over the
    area next door. With the map's shapes, it takes the nearest place on its own area."""
    # West and east share an edge at -3.5; west's point is near that edge.
    ground = squares(("west", -4.6, 51.6, -3.5, 52.2), ("east", -3.5, 51.6, -2.6, 52.2))
    extent = (-4.6, 51.6, -2.6, 52.2)
    label = Wanted("west", -3.6, 51.9, 0.1, "A long name here", "1", 15)
    projection = Projection(extent, 300)
    blind = place_labels([label], extent=extent, height=300)["west"]
    assert "east" in letters_under(blind, label, projection, ground)  # the old layout
    placed = place_labels([label], extent=extent, height=300, ground=ground)["west"]
    assert letters_under(placed, label, projection, ground) == {"west"}
    assert placed.ground == "west"
    assert placed.lon < -3.6  # moved west, away from the edge


def test_a_label_with_no_room_on_its_area_goes_clear_of_every_other_area_with_a_leader():
    # A thin area between two others: its label fits on none of it, so it goes where no area
    # is (the map's extent reaches above them: another area is drawn there) and a leader joins
    # it to its point.
    ground = squares(
        ("left", -4.0, 51.8, -3.62, 52.0),
        ("thin", -3.62, 51.8, -3.58, 52.0),
        ("right", -3.58, 51.8, -3.2, 52.0),
    )
    extent = (-4.0, 51.8, -3.2, 52.3)
    label = Wanted("thin", -3.6, 51.9, 0.02, "Thin Area", "2", 13)
    projection = Projection(extent, 300, 500)
    placed = place_labels([label], extent=extent, height=300, width=500, ground=ground)["thin"]
    assert letters_under(placed, label, projection, ground) <= {None, "thin"}
    assert placed.ground is None
    assert placed.leader is not None and placed.leader[0] == (-3.6, 51.9)


def test_labels_stay_inside_the_maps_ranges():
    """The map is drawn to fixed ranges, the areas' extent padded (:func:`frame_ranges`): a label
    placed beyond them was cut off, and, when the map was fitted to what it draws, shrank it."""
    extent = (-4.0, 51.8, -3.2, 52.0)
    (west, east), (south, north) = label_layout.frame_ranges(extent)
    assert west < -4.0 and east > -3.2 and south < 51.8 and north > 52.0
    # Padded by 6% of the larger projected span (longitude here, 0.8 degrees): 0.048 degrees.
    assert west == pytest.approx(-4.048) and east == pytest.approx(-3.152)
    crowd = [
        Wanted(f"a{index}", -3.6, 51.9, 0.01, "A long name", str(index), 15) for index in range(6)
    ]
    projection = Projection(extent, 200, 400)
    frame = label_layout._frame(projection, extent)
    for placed in place_labels(crowd, extent=extent, height=200, width=400).values():
        box = label_layout._box(placed.lines, 15, projection.pixels(placed.lon, placed.lat))
        assert label_layout._within(box, frame)


@pytest.mark.parametrize("count", [1, 2, 3])
def test_a_label_is_tested_where_plotly_draws_its_letters(count):
    """The top of "Heddlu De Cymru" ran over a corner of Gwent 3 pixels wide that the tests of
    its letters missed: they took its first line a tenth of an em lower than plotly draws it
    and stepped half an em across. Plotly sets n lines of type 15 pixels high about their point
    with the first baseline 15 * (0.75 - ((n - 1) * 1.3 + 1) / 2) pixels below it, the next
    19.5 lower each; bold Arial's capitals reach 0.73 ems above a baseline, its descenders 0.21
    below."""
    lines = ("Heddlu De Cymru", "x", "y")[:count]
    points = label_layout._samples(lines, 15, (0.0, 0.0))
    first = 15 * (0.75 - ((count - 1) * 1.3 + 1) / 2)  # -0.4 ems for two lines: -6 pixels
    last = first + (count - 1) * 19.5
    ys = sorted({round(y, 6) for _x, y in points[1:]})
    assert ys[0] <= first - 0.73 * 15 + 1e-9 and ys[-1] >= last + 0.21 * 15 - 1e-9
    # Rows and points no further apart than 3 pixels (the width of Gwent's corner).
    top_row = sorted(x for x, y in points[1:] if round(y, 6) == ys[0])
    assert max(b - a for a, b in itertools.pairwise(top_row)) <= 3.0
    rows = [y for y in ys if first - 0.73 * 15 - 1 <= y <= first + 0.21 * 15 + 1]
    assert max(b - a for a, b in itertools.pairwise(rows)) <= 3.0


def test_the_ground_answers_inside_outside_and_on_an_edge():
    """Two squares sharing the edge at -3.5: a point in each, one in the sea, one on the shared
    edge (in neither, as shapely's ``within`` has it), one on the outer corner."""
    ground = squares(("west", -4.6, 51.6, -3.5, 52.2), ("east", -3.5, 51.6, -2.6, 52.2))
    lons = [-4.0, -3.0, -5.0, -3.5, -4.6]
    lats = [51.9, 51.9, 51.9, 51.9, 51.6]
    assert ground.areas_at(lons, lats) == ["west", "east", None, None, None]
    assert ground.only(["east"]).areas_at(lons, lats) == [None, "east", None, None, None]


def test_labels_with_values_of_the_same_lengths_share_places_and_keep_their_own_values():
    """Places are remembered by the values' lengths: "7" and "12" are placed as "3" and "45"
    were, and each label shows its own value; a value of another length is placed afresh."""
    first = [
        Wanted("a", -4.0, 52.0, 0.2, "Area A", "3", 15),
        Wanted("b", -3.98, 52.0, 0.2, "Area B", "45", 15),
    ]
    second = [
        Wanted("a", -4.0, 52.0, 0.2, "Area A", "7", 15),
        Wanted("b", -3.98, 52.0, 0.2, "Area B", "12", 15),
    ]
    placed_first = place_labels(first, extent=EXTENT, height=HEIGHT)
    placed_second = place_labels(second, extent=EXTENT, height=HEIGHT)
    for area, value in (("a", "7"), ("b", "12")):
        assert placed_second[area].lines[-1] == value
        assert (placed_second[area].lon, placed_second[area].lat) == (
            placed_first[area].lon,
            placed_first[area].lat,
        )
        assert placed_second[area].lines[:-1] == placed_first[area].lines[:-1]
    longer = [replace(label, value=label.value + " none recorded") for label in second]
    placed_longer = place_labels(longer, extent=EXTENT, height=HEIGHT)
    assert placed_longer["a"].lines[-1] == "7 none recorded"
    # The longer labels cover each other where they were: one has moved.
    assert any(
        (placed_longer[area].lon, placed_longer[area].lat)
        != (placed_second[area].lon, placed_second[area].lat)
        for area in ("a", "b")
    )


def test_a_map_of_some_areas_is_one_object_so_its_label_places_are_remembered(monkeypatch):
    """A profile's map asks for the ground of its areas at each request: the same areas, in any
    order, give the same object, so its labels are placed once and then remembered (they were
    placed afresh for every profile opened)."""
    ground = squares(("west", -4.6, 51.6, -3.5, 52.2), ("east", -3.5, 51.6, -2.6, 52.2))
    assert ground.only(["east", "west"]) is ground.only(("west", "east"))
    assert ground.only(["east"]) is not ground.only(["west"])
    labels = [Wanted("east", -3.0, 51.9, 0.2, "East", "3", 15)]
    placed = []
    real_place = label_layout._place
    monkeypatch.setattr(
        label_layout,
        "_place",
        lambda *args, **kwargs: placed.append(1) or real_place(*args, **kwargs),
    )
    label_layout._remembered_places.cache_clear()
    for _ in range(2):
        place_labels(labels, extent=EXTENT, height=HEIGHT, ground=ground.only({"east"}))
    assert placed == [1]
