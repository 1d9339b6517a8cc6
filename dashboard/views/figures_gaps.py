"""The gap review's heatmap: areas by category, each cell in its state, in words as well as
colour (:mod:`dashboard.domain.counting`)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.domain import citations, counting
from dashboard.i18n import Locale
from dashboard.views import theme
from dashboard.views.figures_review import wrap_label

#: What every cell trace of the gap heatmap shares: the text in the cell, its hover, the gaps.
CELL_STYLE: Final = MappingProxyType(
    {
        "texttemplate": "%{text}",
        "hovertemplate": "%{y} · %{x}<br>%{customdata}<extra></extra>",
        "xgap": 2,
        "ygap": 2,
    }
)


#: The longest line of a gap heatmap's column heading and of a cell's text, in characters: long
#: Welsh labels ("trais a cham-drin gan blant tuag at rieni") wrap onto lines this long instead of
#: running under the chart's toolbar, off the chart or into the next cell.
HEADING_LINE: Final = 14
CELL_LINE: Final = 12
#: Height of one line of a heading (px at the template's font size), and the room above the
#: headings kept for the title and the toolbar.
HEADING_LINE_HEIGHT: Final = 16
TITLE_AND_TOOLBAR: Final = 64


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

    ``text`` and ``hover`` word a cell (its reason and year, :mod:`dashboard.views.gap_text`);
    without them a cell says its state and counts only."""
    area_ids = list(cells)
    categories = list(next(iter(cells.values()))) if cells else []
    rows = [row_labels.get(area, area) for area in area_ids]
    columns = [
        wrap_label(column_labels.get(category, category), HEADING_LINE) for category in categories
    ]
    heading_lines = max((column.count("<br>") + 1 for column in columns), default=1)
    grid = [[cells[area][category] for category in categories] for area in area_ids]

    text_of = text or functools.partial(_cell_text, locale=locale)
    hover_of = hover or functools.partial(_cell_hover, locale=locale, sources=sources)
    text = [[wrap_label(text_of(cell), CELL_LINE) for cell in row] for row in grid]
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
                text=_state_texts(text, grid, state),
                textfont={"size": 13, "color": theme.TEXT},
                customdata=hovers,
                name=state,
                **CELL_STYLE,
            )
        )
    figure.add_trace(
        _recorded_trace(
            grid, counts, columns, rows, _state_texts(text, grid, counting.RECORDED), hovers, locale
        )
    )
    return figure


def _cell_text(cell, locale: Locale) -> str:
    """A cell's words by default: its count, or its state."""
    if cell.state == counting.RECORDED:
        return str(cell.count)
    if cell.state == counting.GAP:
        return locale("gap (stated)") if cell.documented else locale("gap")
    if cell.state == counting.NOT_KNOWN:
        return locale("not known ({n})").format(n=cell.unclassified)
    return locale("no record")


def _cell_hover(cell, locale: Locale, sources: pd.DataFrame | None) -> str:
    """A cell's hover text by default: what its state rests on."""
    if cell.state == counting.RECORDED:
        listed = "<br>".join(cell.names[:8]) + ("<br>…" if len(cell.names) > 8 else "")
        return locale("{n} of {m} counted services").format(n=cell.count, m=cell.services) + (
            "<br>" + listed
        )
    if cell.state == counting.GAP and cell.documented:
        # The document by author, year and title (``sources``), not by its seed file's name.
        cited = citations.readable_citation(cell.documented.source, sources, locale)
        return locale("Stated by a source document") + "<br>" + cited
    if cell.state == counting.GAP:
        return locale("None of the {m} counted services, all classified").format(m=cell.services)
    if cell.state == counting.NOT_KNOWN:
        return locale("None recorded; {n} of {m} counted services unclassified").format(
            n=cell.unclassified, m=cell.services
        )
    return locale("No counted service recorded here")


def _state_texts(text: list[list[str]], grid: list[list], state: str) -> list[list[str]]:
    # Each cell's text is drawn by its own state's trace only: drawn by every trace, at two
    # sizes, it was printed four times over itself.
    return [
        [label if cell.state == state else "" for label, cell in zip(labels, row, strict=True)]
        for labels, row in zip(text, grid, strict=True)
    ]


def _recorded_trace(
    grid: list[list],
    counts: np.ndarray,
    columns: list[str],
    rows: list[str],
    text: list[list[str]],
    hovers: list[list[str]],
    locale: Locale,
) -> go.Heatmap:
    """The cells with provision recorded, shaded by their count, with the count's colour bar."""
    recorded = np.where(
        np.array([[cell.state == counting.RECORDED for cell in row] for row in grid]).reshape(
            counts.shape
        ),
        counts,
        np.nan,
    )
    top = float(np.nanmax(recorded)) if np.isfinite(recorded).any() else 1.0
    return go.Heatmap(
        z=recorded,
        x=columns,
        y=rows,
        colorscale=theme.COUNT_SCALE,
        zmin=1,
        zmax=max(top, 1.0),
        text=text,
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
