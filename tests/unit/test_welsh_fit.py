"""Long Welsh labels fit their charts: the gap heatmap's headings wrap instead of running under the
toolbar, and each cell's text is drawn once."""

from __future__ import annotations

from types import SimpleNamespace

from dashboard.domain import counting
from dashboard.i18n import locale_for
from dashboard.views.figures_review import HEADING_LINE, gap_heatmap, wrap_label

LONG = "trais a cham-drin gan blant tuag at rieni"


def cell(state: str, count: int = 0):
    return SimpleNamespace(
        state=state, count=count, documented=None, unclassified=1, services=3, names=["A"] * count
    )


def heatmap():
    cells = {
        "gwent": {"cpva": cell(counting.GAP), "da": cell(counting.RECORDED, 2)},
        "north-wales": {"cpva": cell(counting.NOT_KNOWN), "da": cell(counting.NO_RECORD)},
    }
    return gap_heatmap(
        cells,
        row_labels={"gwent": "Gwent", "north-wales": "Gogledd Cymru"},
        column_labels={"cpva": LONG, "da": "cam-drin domestig"},
        title="Ardaloedd yn ôl ffocws ymddygiad",
        locale=locale_for("cy"),
    )


def test_wrap_label_keeps_lines_short_and_words_whole():
    assert wrap_label(LONG, 14) == "trais a<br>cham-drin gan<br>blant tuag at<br>rieni"
    assert wrap_label("stelcio", 14) == "stelcio"


def test_heatmap_headings_wrap_above_the_chart_with_room_for_the_toolbar():
    figure = heatmap()
    headings = list(figure.data[0].x)
    assert all(len(line) <= HEADING_LINE for text in headings for line in text.split("<br>"))
    # Level headings (no rotation) that the top margin makes room for, line by line, below the
    # title and the toolbar: rotated, the long ones ran under the toolbar and off the chart.
    assert figure.layout.xaxis.tickangle == 0
    assert figure.layout.margin.t >= 64 + 16 * 4


def test_each_cell_text_is_drawn_by_one_trace_only():
    figure = heatmap()
    for row in range(2):
        for column in range(2):
            drawn = [trace.text[row][column] for trace in figure.data if trace.text[row][column]]
            assert len(drawn) == 1, (row, column, drawn)


def test_chart_toolbar_has_no_share_button():
    """plotly.js's "Share chart..." (English on Welsh pages, and it uploads the chart) is removed."""
    from layouts.components import graph_config

    for lang in ("en", "cy"):
        assert "sendChartToCloud" in graph_config(lang, "chart")["modeBarButtonsToRemove"]
