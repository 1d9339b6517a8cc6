"""/need's charts read without overlap: the need axis fitted to the values (the tester saw the
points between 3.26 and 3.44 on an axis from 0 to 4.4, their names over each other), each name
placed clear of the others, of the markers and of the Wales lines, and the bars' values clear of
the Wales line's note."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.i18n import locale_for
from dashboard.views import figures_review, label_layout
from dashboard.views.label_layout import Box


def test_the_need_axis_is_fitted_to_the_values_with_a_least_span():
    # Sexual offences: forces 3.26 to 3.44, Wales 3.34. The span 0.18 is less than a fifth of
    # the highest (0.688), so the axis spans 0.688 around the middle 3.35, padded by 15% of it
    # (0.1032) each side: 3.35 - 0.344 - 0.1032 = 2.9028, 3.35 + 0.344 + 0.1032 = 3.7972.
    assert figures_review.fitted_range([3.26, 3.44, 3.34]) == pytest.approx([2.9028, 3.7972])
    # Spread values keep their own span: 71.25 to 94.67 (23.42), padded by 3.513 each side.
    assert figures_review.fitted_range([71.25, 94.67, 80.58]) == pytest.approx([67.737, 98.183])
    # Near zero, the axis starts at zero: 0.2 to 0.9 would start at 0.095, within a span of 0.
    assert figures_review.fitted_range([0.2, 0.9])[0] == 0.0
    assert figures_review.fitted_range([]) == [0.0, 1.0]


def test_point_labels_go_where_they_cover_no_other_label_marker_or_line():
    # Two markers 30 px apart on one row: centred above both, the names would overlap.
    points = [(100.0, 100.0), (130.0, 100.0)]
    positions = label_layout.point_label_positions(
        points, ["Dyfed-Powys", "South Wales"], size=15, radius=10
    )
    boxes = [
        _text_box(point, text, position)
        for point, text, position in zip(
            points, ["Dyfed-Powys", "South Wales"], positions, strict=True
        )
    ]
    assert not boxes[0].overlaps(boxes[1])
    # A vertical line through the first point's top: its name goes to a side instead.
    line = Box(98, 0, 102, 300)
    (position,) = label_layout.point_label_positions(
        [(100.0, 100.0)], ["Gwent"], size=15, radius=10, obstacles=[line]
    )
    assert position in ("middle right", "middle left")
    # Inside the frame: a point at the right edge is named to its left (centred, it ran off).
    (position,) = label_layout.point_label_positions(
        [(395.0, 100.0)], ["North Wales"], size=15, radius=10, frame=Box(0, 0, 400, 300)
    )
    assert position == "middle left"


def _text_box(point, text, position) -> Box:
    dx, dy = dict(label_layout.TEXT_POSITIONS)[position]
    width, height = label_layout._size([text], 15)
    middle = (point[0] + dx * (10 + width / 2), point[1] + dy * (10 + height / 2))
    return label_layout.text_box(middle, text, 15)


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_every_need_scatter_names_each_force_clear_of_the_rest(real_context, lang):
    from dashboard.domain import need
    from dashboard.views.need import need_view

    for measure in need.NEED_MEASURES:
        figure = need_view(real_context, measure=measure, lang=lang).scatter
        trace = figure.data[0]
        low, high = figure.layout.xaxis.range
        xs = list(trace.x)
        # Fitted: the forces' values spread over at least a tenth of the axis (they took 4%).
        assert (max(xs) - min(xs)) / (high - low) > 0.1, measure
        width, height = figures_review.SCATTER_PLOT
        top = figure.layout.yaxis.range[1]
        pixels = [
            ((x - low) / (high - low) * width, (1 - y / top) * height)
            for x, y in zip(xs, trace.y, strict=True)
        ]
        boxes = [
            _text_box(point, text, position)
            for point, text, position in zip(pixels, trace.text, trace.textposition, strict=True)
        ]
        for index, box in enumerate(boxes):
            assert box.left >= 0 and box.right <= width, (measure, trace.text[index])
            for other in boxes[index + 1 :]:
                assert not box.overlaps(other), (measure, trace.text[index])


def test_the_wales_note_of_a_bar_chart_stands_in_its_margin_clear_of_the_values():
    indicators = pd.DataFrame(
        {
            "area": ["Dyfed-Powys", "South Wales", "Wales"],
            "measure": ["Stalking and harassment"] * 3,
            "count": [6860, 15841, 39816],
            "rate_per_1000": [13.09, 11.62, 12.49],
        }
    )
    figure = figures_review.need_bars(
        indicators,
        measure="Stalking and harassment",
        title="Stalking",
        locale=locale_for("en"),
        names={},
    )
    (note,) = figure.layout.annotations
    assert note.text == "Wales<br>12.49"
    assert (note.xref, note.x, note.xanchor) == ("paper", 1, "left")
    assert figure.layout.margin.r >= figures_review.REFERENCE_NOTE_ROOM
    (line,) = figure.layout.shapes
    assert line.layer == "below"
    bars = figure.data[0]
    assert bars.textposition == "inside" and bars.insidetextanchor == "end"
    assert list(bars.text) == ["13.09<br>(6,860)", "11.62<br>(15,841)"]
