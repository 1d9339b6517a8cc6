"""Pure figure builders for the gap review, need-beside-provision and funding views."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.domain import citations, counting
from dashboard.i18n import Locale
from dashboard.views import theme
from dashboard.views.figures import centred_note, count_text

#: What every cell trace of the gap heatmap shares: the text in the cell, its hover, the gaps.
CELL_STYLE: Final = {
    "texttemplate": "%{text}",
    "hovertemplate": "%{y} · %{x}<br>%{customdata}<extra></extra>",
    "xgap": 2,
    "ygap": 2,
}


#: The longest line of a gap heatmap's column heading and of a cell's text, in characters: long
#: Welsh labels ("trais a cham-drin gan blant tuag at rieni") wrap onto lines this long instead of
#: running under the chart's toolbar, off the chart or into the next cell.
HEADING_LINE: Final = 14
CELL_LINE: Final = 12
#: Height of one line of a heading (px at the template's font size), and the room above the
#: headings kept for the title and the toolbar.
HEADING_LINE_HEIGHT: Final = 16
TITLE_AND_TOOLBAR: Final = 64


#: The longest line of a vertical axis title (a horizontal one takes twice as many), in characters.
AXIS_TITLE_LINE: Final = 38
#: The need axis reaches this far beyond the highest value: room for the names beside the points.
SCATTER_HEADROOM: Final = 1.3


def wrap_label(text: str, width: int) -> str:
    """``text`` on lines of at most ``width`` characters (:func:`theme.wrap_title`)."""
    return theme.wrap_title(text, width)


def gap_heatmap(
    cells: Mapping[str, Mapping[str, object]],
    *,
    row_labels: Mapping[str, str],
    column_labels: Mapping[str, str],
    title: str,
    locale: Locale,
    sources: pd.DataFrame | None = None,
    text: Callable[[object], str] | None = None,
    hover: Callable[[object], str] | None = None,
) -> go.Figure:
    """Areas by category, each cell in its state (:mod:`dashboard.domain.counting`), in words as well
    as colour: a count (blue), "gap" (red), "not known (n)" (amber), "no record" (grey).

    ``text`` and ``hover`` word a cell (its reason and year, :mod:`dashboard.views.review`);
    without them a cell says its state and counts only."""
    area_ids = list(cells)
    categories = list(next(iter(cells.values()))) if cells else []
    rows = [row_labels.get(area, area) for area in area_ids]
    columns = [
        wrap_label(column_labels.get(category, category), HEADING_LINE) for category in categories
    ]
    heading_lines = max((column.count("<br>") + 1 for column in columns), default=1)
    grid = [[cells[area][category] for category in categories] for area in area_ids]

    def text_of(cell) -> str:
        if cell.state == counting.RECORDED:
            return str(cell.count)
        if cell.state == counting.GAP:
            return locale("gap (stated)") if cell.documented else locale("gap")
        if cell.state == counting.NOT_KNOWN:
            return locale("not known ({n})").format(n=cell.unclassified)
        return locale("no record")

    def hover_of(cell) -> str:
        if cell.state == counting.RECORDED:
            listed = "<br>".join(cell.names[:8]) + ("<br>…" if len(cell.names) > 8 else "")
            return locale("{n} of {m} counted services").format(n=cell.count, m=cell.services) + (
                "<br>" + listed
            )
        if cell.state == counting.GAP and cell.documented:
            # The document by author, year and title (``sources``), not by its seed file's name.
            cited = citations.readable_citation(cell.documented.source, sources)
            return locale("Stated by a source document") + "<br>" + cited
        if cell.state == counting.GAP:
            return locale("None of the {m} counted services, all classified").format(
                m=cell.services
            )
        if cell.state == counting.NOT_KNOWN:
            return locale("None recorded; {n} of {m} counted services unclassified").format(
                n=cell.unclassified, m=cell.services
            )
        return locale("No counted service recorded here")

    text_of = text or text_of
    hover_of = hover or hover_of
    text = [[wrap_label(text_of(cell), CELL_LINE) for cell in row] for row in grid]

    def text_for(state: str) -> list[list[str]]:
        # Each cell's text is drawn by its own state's trace only: drawn by every trace, at two
        # sizes, it was printed four times over itself.
        return [
            [label if cell.state == state else "" for label, cell in zip(labels, row, strict=True)]
            for labels, row in zip(text, grid, strict=True)
        ]

    hovers = [[wrap_label(hover_of(cell), 60) for cell in row] for row in grid]
    counts = np.array([[cell.count for cell in row] for row in grid], dtype=float).reshape(
        len(rows), len(columns)
    )
    figure = go.Figure(
        layout=theme.layout(
            title=title,
            title_size=18,
            height=max(260, 48 * len(rows) + 120 + HEADING_LINE_HEIGHT * heading_lines),
            margin=(8, 8, TITLE_AND_TOOLBAR + HEADING_LINE_HEIGHT * heading_lines, 8),
            xaxis={"side": "top", "tickangle": 0, "type": "category"},
            yaxis={"autorange": "reversed", "type": "category"},
        )
    )
    for state, colour in (
        (counting.GAP, theme.GAP_CELL),
        (counting.NOT_KNOWN, theme.NOT_KNOWN_CELL),
        (counting.NO_RECORD, theme.NO_RECORD_CELL),
    ):
        z = [[0 if cell.state == state else None for cell in row] for row in grid]
        figure.add_trace(
            go.Heatmap(
                z=z,
                x=columns,
                y=rows,
                colorscale=theme.flat_scale(colour),
                showscale=False,
                text=text_for(state),
                textfont={"size": 13, "color": theme.TEXT},
                customdata=hovers,
                name=state,
                **CELL_STYLE,
            )
        )
    recorded = np.where(
        np.array([[cell.state == counting.RECORDED for cell in row] for row in grid]).reshape(
            counts.shape
        ),
        counts,
        np.nan,
    )
    top = float(np.nanmax(recorded)) if np.isfinite(recorded).any() else 1.0
    figure.add_trace(
        go.Heatmap(
            z=recorded,
            x=columns,
            y=rows,
            colorscale=theme.COUNT_SCALE,
            zmin=1,
            zmax=max(top, 1.0),
            text=text_for(counting.RECORDED),
            textfont={"size": 15},
            customdata=hovers,
            colorbar={
                "title": {"text": locale("Interventions")},
                "thickness": 12,
                "dtick": 1 if top <= 10 else None,
            },
            name=counting.RECORDED,
            **CELL_STYLE,
        )
    )
    return figure


def _value_bars(x: list, y: list, text: list[str], hovertemplate: str) -> go.Bar:
    """Vertical bars in the one bar colour, each with its value written above it."""
    return go.Bar(
        x=x,
        y=y,
        marker={"color": theme.BAR},
        text=text,
        textposition="outside",
        cliponaxis=False,
        hovertemplate=hovertemplate,
    )


def need_bars(
    indicators: pd.DataFrame,
    *,
    measure: str,
    title: str,
    locale: Locale,
    names: Mapping[str, str],
) -> go.Figure:
    """Rate per 1,000 people by police force area, with the Wales rate as a reference line."""
    rows = indicators[indicators["measure"] == measure]
    forces = rows[~rows["area"].isin(["Wales", "England and Wales"])]
    wales = rows[rows["area"] == "Wales"]
    figure = go.Figure(
        _value_bars(
            [names.get(area, area) for area in forces["area"]],
            forces["rate_per_1000"].round(2),
            [
                f"{locale.number(rate, 2)} ({locale.number(count)})"
                for rate, count in zip(forces["rate_per_1000"], forces["count"], strict=True)
            ],
            "%{x}: %{y} " + locale("per 1,000 people") + "<extra></extra>",
        ),
        layout=theme.layout(
            title=title,
            height=340,
            margin=(8, 8, 50, 30),
            yaxis={
                "title": locale("Per 1,000 people"),
                "gridcolor": theme.GRID,
                "rangemode": "tozero",
            },
        ),
    )
    if not wales.empty:
        rate = float(wales["rate_per_1000"].iloc[0])
        figure.add_hline(
            y=rate,
            line_dash="dash",
            line_color=theme.REFERENCE,
            annotation_text=locale("Wales {rate}").format(rate=locale.number(rate, 2)),
            annotation_position="bottom right",
        )
    return figure


def need_scatter(
    points: pd.DataFrame,
    *,
    x_label: str,
    y_label: str,
    title: str,
    wales_x: float | None,
    wales_y: float | None,
    locale: Locale,
) -> go.Figure:
    """Need (x) against provision (y) per police force area, Wales values as reference lines.

    Long Welsh axis titles wrap (AXIS_TITLE_LINE), the x axis leaves room on the right for the
    areas' names beside their points, and the Wales label of the provision line stands inside
    the chart: run off its edge, "Heddlu Gogledd Cymru" and "Cymru" were cut."""
    highest = max([*points["need"].dropna().tolist(), wales_x or 0, 0])
    figure = go.Figure(
        go.Scatter(
            x=points["need"],
            y=points["provision"],
            mode="markers+text",
            text=points["label"],
            textposition="top center",
            cliponaxis=False,
            marker={"size": 16, "color": theme.BAR, "line": {"color": theme.SEPARATOR, "width": 2}},
            customdata=points[["count"]],
            hovertemplate="%{text}<br>"
            + x_label
            + ": %{x:.2f}<br>"
            + y_label
            + ": %{y:.2f} (%{customdata[0]})<extra></extra>",
        ),
        layout=theme.layout(
            title=title,
            height=420,
            margin=(8, 24, 50, 40),
            # Comparisons start at zero, so a small difference is not drawn as a large one.
            xaxis={
                "title": wrap_label(x_label, 2 * AXIS_TITLE_LINE),
                "gridcolor": theme.GRID,
                "range": [0, highest * SCATTER_HEADROOM or 1],
                "automargin": True,
            },
            yaxis={
                "title": wrap_label(y_label, AXIS_TITLE_LINE),
                "gridcolor": theme.GRID,
                "rangemode": "tozero",
                "automargin": True,
            },
        ),
    )
    # The Wales values as reference lines: need (x) dashed, provision (y) dotted.
    wales = {"line_color": theme.REFERENCE, "annotation_text": locale("Wales")}
    if wales_x is not None:
        figure.add_vline(x=wales_x, line_dash="dash", annotation_position="top", **wales)
    if wales_y is not None:
        figure.add_hline(y=wales_y, line_dash="dot", annotation_position="top right", **wales)
    return figure


def cliff_timeline(
    cliff: pd.DataFrame,
    *,
    group_column: str,
    group_labels: Mapping[str, str],
    current_year: str,
    title: str,
    locale: Locale,
) -> go.Figure:
    """Each intervention with a stated end: a marker at its financial year, coloured by group."""
    known = cliff[cliff["end_date"].notna()]
    years = sorted(set(known["funding_end"]) | {current_year})
    figure = go.Figure(
        layout=theme.layout(
            title=title,
            height=max(260, 34 * max(len(known), 1) + 150),
            margin=(8, 8, 60, 40),
            legend={"orientation": "h", "y": -0.15},
            xaxis={
                "type": "category",
                "categoryorder": "array",
                "categoryarray": years,
                "title": locale("Financial year funding ends"),
            },
            yaxis={"autorange": "reversed", "type": "category"},
        )
    )
    for group in dict.fromkeys(known[group_column]):
        part = known[known[group_column] == group]
        figure.add_trace(
            go.Scatter(
                x=part["funding_end"],
                y=part["name"],
                mode="markers",
                name=group_labels.get(group, group),
                marker={
                    "size": 15,
                    # The group's own colour and shape, the same on every page.
                    "color": theme.category_colour(group_column, group),
                    "symbol": theme.category_symbol(group_column, group),
                    "line": {"color": theme.MARKER_OUTLINE, "width": 1},
                },
                hovertemplate="%{y}: %{x}<extra>" + group_labels.get(group, group) + "</extra>",
            )
        )
    figure.add_vline(x=years.index(current_year), line_dash="dash", line_color=theme.REFERENCE)
    figure.add_annotation(
        x=current_year,
        y=1.02,
        yref="paper",
        showarrow=False,
        text=locale("Current financial year {year}").format(year=current_year),
        font={"color": theme.REFERENCE},
    )
    if known.empty:
        figure.add_annotation(centred_note(locale("No stated funding end dates match")))
    return figure


def simple_bars(
    counts: pd.Series,
    *,
    labels: Mapping[str, str],
    title: str,
    locale: Locale,
    complete: bool,
    order: Sequence[str] | None = None,
) -> go.Figure:
    """Vertical bars with counts on top, zeros written out ("none recorded" only when
    ``complete``, else "not known": :func:`dashboard.views.figures.zero_text`)."""
    index = list(order) if order else list(counts.index)
    values = [int(counts.get(key, 0)) for key in index]
    return go.Figure(
        _value_bars(
            [labels.get(key, key) for key in index],
            values,
            [count_text(v, complete=complete, locale=locale) for v in values],
            "%{x}: %{y}<extra></extra>",
        ),
        layout=theme.layout(
            title=title,
            height=320,
            margin=(8, 8, 50, 30),
            yaxis={
                "dtick": 1 if max(values or [0]) < 12 else None,
                "gridcolor": theme.GRID,
                "range": [0, max(values or [1]) * 1.3 + 0.5],
            },
        ),
    )
