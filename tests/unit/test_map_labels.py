"""The map's labels: one per area at its label point, its (short) name and value, or the words
for "none recorded" and "too little known", in both languages."""

from __future__ import annotations

import json
import math

import pytest

from dashboard import config
from dashboard.data import geo
from dashboard.views import figures_map, label_layout, map_labels, theme, url_parsing
from dashboard.views import overview as overview_view


def view_of(context, search):
    return overview_view.compute_view(
        context, url_parsing.parse("/", search, context.la_slugs).state
    )


@pytest.mark.parametrize("level", config.LEVELS)
def test_one_label_per_area_inside_it_or_led_back_to_it(mini_context, level):
    from shapely.geometry import Point, shape

    labels = view_of(mini_context, f"?level={level}").map["labels"]
    features = mini_context.bundle.geometry[level]
    assert len(labels["text"]) == len(mini_context.names("en", level))
    shapes = {f["id"]: shape(f["geometry"]) for f in json.loads(features)["features"]}
    leaders = labels["leaders"]
    starts = set(zip(leaders["lon"][0::3], leaders["lat"][0::3], strict=True))
    projection = label_layout.Projection(
        mini_context.map_extent(level), map_labels.LAYOUT_HEIGHT, map_labels.LAYOUT_WIDTH
    )
    for area, lon, lat, anchor_lon, anchor_lat in zip(
        labels["locations"],
        labels["lon"],
        labels["lat"],
        labels["anchor_lon"],
        labels["anchor_lat"],
        strict=True,
    ):
        # The area's own point is inside it, and in no other area.
        assert [a for a, s in shapes.items() if s.contains(Point(anchor_lon, anchor_lat))] == [area]
        # A label placed outside its area has a leader line from the area's point, unless it
        # moved so little that its edge is within a leader's length of that point.
        if not shapes[area].contains(Point(lon, lat)):
            moved = math.dist(
                projection.pixels(lon, lat), projection.pixels(anchor_lon, anchor_lat)
            )
            led = (round(anchor_lon, 4), round(anchor_lat, 4)) in starts
            assert led or moved < 3 * label_layout.LEADER_LENGTH


def test_region_labels_name_the_area_and_its_value_or_say_none(mini_context):
    labels = view_of(mini_context, "?level=region").map["labels"]["text"]
    assert "<b>Gwent</b><br>1" in labels
    assert any(text.endswith("<br>none recorded") for text in labels)
    welsh = view_of(mini_context, "?level=region&lang=cy").map["labels"]["text"]
    assert any(text.endswith("<br>dim cofnod") for text in welsh)


def test_share_labels_say_too_little_known(mini_context):
    labels = view_of(mini_context, "?level=force&metric=quality_share").map["labels"]["text"]
    assert any(text.endswith("too little known") for text in labels)


def test_a_label_point_is_the_middle_and_its_room_says_how_much_fits():
    text = '{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[0.1,0],[0.1,0.1],[0,0.1],[0,0]]]}}]}'
    (lon, lat, room) = geo.label_points(text)["a"]
    assert (lon, lat) == pytest.approx((0.05, 0.05), abs=0.003)
    assert room < map_labels.NAME_ROOM  # 0.05 degrees from the edge: too small for a name


def test_the_label_and_leader_traces_come_after_every_area_trace():
    figure = figures_map.base_map(level="region")
    assert len(figure.data) - 2 == figures_map.LABEL_TRACE
    assert figures_map.LEADER_TRACE == figures_map.LABEL_TRACE + 1
    assert figure.data[figures_map.LABEL_TRACE].mode == "text"
    assert figure.data[figures_map.LEADER_TRACE].mode == "lines"
    assert {trace.type for trace in figure.data[:-2]} == {"choropleth"}


def test_the_profile_map_labels_each_of_its_local_authorities_by_name(mini_context):
    """Gwent's profile map: its five local authorities, each labelled with its name and value
    (zoomed in, even the small ones have room), and none of Wales's other 17. In the fixture,
    Phoenix covers Gwent with no local authority named: since issue 21 it is beside each of the
    five (in the hover), not counted in them, so each reads "none"."""
    from dashboard.views import profile

    la_view = view_of(mini_context, "?level=la")
    figure = profile.area_map(mini_context, la_view, "force", "gwent")
    labels = figure["data"][figures_map.LABEL_TRACE]
    gwent = set(profile.area_las(mini_context, "force", "gwent"))
    assert len(gwent) == 5
    names = mini_context.names("en", "la")
    # A name may take two lines to stay on its own area ("Blaenau / G.").
    one_line = [text.replace("</b><br><b>", " ") for text in labels["text"]]
    assert sorted(one_line) == sorted(
        f"<b>{map_labels.short_name(la, names[la], 'la', la_view.locale)}</b><br>none"
        for la in gwent
    )
    hover = figure["data"][figures_map.VALUE_TRACE["la"]]["hovertext"]
    assert all("+1 recorded across its region or police force area" in text for text in hover)
    value_trace = figure["data"][figures_map.VALUE_TRACE["la"]]
    none_trace = figure["data"][figures_map.NONE_TRACE["la"]]
    assert set(value_trace["locations"]) | set(none_trace["locations"]) == gwent


def _letters_on_other_areas(labels, ground, extent, height, width, size):
    """(area, the other areas its label's letters lie on) for each label that lies on one."""
    projection = label_layout.Projection(extent, height, width)
    found = []
    for area, lon, lat, text in zip(
        labels["locations"], labels["lon"], labels["lat"], labels["text"], strict=True
    ):
        lines = [line.replace("<b>", "").replace("</b>", "") for line in text.split("<br>")]
        under = label_layout._under(lines, size, projection.pixels(lon, lat), projection, ground)
        others = {each for each in under if each not in (None, area)}
        if others:
            found.append((area, sorted(others)))
    return found


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize("level", config.LEVELS)
def test_no_label_lies_on_another_area_of_the_wales_map(real_context, level, lang):
    for search in (f"?level={level}&lang={lang}", f"?level={level}&lang={lang}&metric=per_100k"):
        labels = view_of(real_context, search).map["labels"]
        found = _letters_on_other_areas(
            labels,
            real_context.area_shapes[level],
            real_context.map_extent(level),
            map_labels.LAYOUT_HEIGHT,
            map_labels.LAYOUT_WIDTH,
            map_labels.LABEL_SIZE[level],
        )
        assert found == [], search


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_no_label_lies_on_another_area_of_any_profile_map(real_context, lang):
    """South Wales's "RCT" label sat on Neath Port Talbot's shape."""
    from dashboard.views import profile

    la_view = view_of(real_context, f"?level=la&lang={lang}")
    for level in ("force", "region"):
        for area in real_context.names("en", level):
            keep = set(profile.area_las(real_context, level, area))
            figure = profile.area_map(real_context, la_view, level, area)
            trace = figure["data"][figures_map.LABEL_TRACE]
            labels = {key: trace[key] for key in ("lon", "lat", "text")}
            labels["locations"] = trace["customdata"]
            found = _letters_on_other_areas(
                labels,
                real_context.area_shapes["la"].only(keep),
                real_context.map_extent("la", keep),
                profile.PRINTED_MAP_SIZE[1],
                profile.PRINTED_MAP_SIZE[0],
                profile.PROFILE_LABEL_SIZE,
            )
            assert found == [], (level, area)


def _fills_by_area(figure, level):
    """Each drawn area's fill, as the map's traces colour it (the value trace's scale at its z,
    or the flat colour of the none-recorded and too-little traces)."""
    fills = {}
    for trace_index in (
        figures_map.VALUE_TRACE[level],
        figures_map.NONE_TRACE[level],
        figures_map.TOO_LITTLE_TRACE[level],
    ):
        trace = figure["data"][trace_index]
        low, high = trace.get("zmin", 0), trace.get("zmax", 1)
        for area, z in zip(trace["locations"], trace["z"], strict=True):
            position = 0 if high == low else (z - low) / (high - low)
            fills[area] = theme.scale_colour(trace["colorscale"], position)
    return fills


@pytest.mark.parametrize(
    "search",
    ["?level=force", "?level=region", "?level=la", "?level=force&metric=per_100k"],
)
def test_each_label_reaches_four_and_a_half_to_one_on_the_fill_under_it(mini_context, search):
    """Black labels on the darkest blue (the tester's Cardiff "10") were unreadable: each label
    is black or white for the fill under its middle, computed from the map's own scale."""
    view = view_of(mini_context, search)
    figure = figures_map.filled_map(view.map, level=view.level)
    fills = _fills_by_area(figure, view.level)
    trace = figure["data"][figures_map.LABEL_TRACE]
    ground = mini_context.area_shapes[view.level]
    under = ground.areas_at(trace["lon"], trace["lat"])
    darkest = max(fills, key=lambda area: -theme.relative_luminance(fills[area]))
    for area, colour, there in zip(
        trace["customdata"], trace["textfont"]["color"], under, strict=True
    ):
        fill = fills.get(there, theme.BACKGROUND)
        assert theme.contrast_ratio(colour, fill) >= theme.MIN_CONTRAST, (search, area)
        if area == darkest and there == area:
            assert colour == theme.LABEL_LIGHT
    assert set(trace["textfont"]["color"]) == set(trace["textfont"]["color"]) & {
        theme.LABEL_DARK,
        theme.LABEL_LIGHT,
    }


@pytest.mark.parametrize("level", config.LEVELS)
def test_a_count_colour_bar_has_whole_number_ticks(mini_context, level):
    figure = figures_map.filled_map(view_of(mini_context, f"?level={level}").map, level=level)
    colorbar = figure["data"][figures_map.VALUE_TRACE[level]]["colorbar"]
    assert colorbar["tickmode"] == "array"
    assert colorbar["tickvals"] and all(isinstance(tick, int) for tick in colorbar["tickvals"])
    rate = figures_map.filled_map(
        view_of(mini_context, f"?level={level}&metric=per_100k").map, level=level
    )["data"][figures_map.VALUE_TRACE[level]]["colorbar"]
    assert rate["tickmode"] == "auto"
