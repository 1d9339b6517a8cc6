"""Pure figure builders for the gap review, need-beside-provision and funding views."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.i18n import Translate
from dashboard.views.figures import BAR_COLOUR, FONT

ZERO_CELL = "#f4d6d6"
NOT_KNOWN_CELL = "#fbe7b5"
NO_RECORD_CELL = "#eeeeee"
HEAT_SCALE = [[0.0, "#deebf7"], [0.5, "#6baed6"], [1.0, "#08306b"]]
REFERENCE_COLOUR = "#a10e1a"


def gap_heatmap(
    cells: Mapping[str, Mapping[str, object]],
    *,
    row_labels: Mapping[str, str],
    column_labels: Mapping[str, str],
    title: str,
    _: Translate,
) -> go.Figure:
    """Areas by category, each cell in its state (:mod:`dashboard.domain.counting`), in words as well
    as colour: a count (blue), "gap" (red), "not known (n)" (amber), "no record" (grey)."""
    from dashboard.domain import counting

    area_ids = list(cells)
    categories = list(next(iter(cells.values()))) if cells else []
    rows = [row_labels.get(area, area) for area in area_ids]
    columns = [column_labels.get(category, category) for category in categories]
    grid = [[cells[area][category] for category in categories] for area in area_ids]

    def text_of(cell) -> str:
        if cell.state == counting.RECORDED:
            return str(cell.count)
        if cell.state == counting.GAP:
            return _("gap (stated)") if cell.documented else _("gap")
        if cell.state == counting.NOT_KNOWN:
            return _("not known ({n})").format(n=cell.unclassified)
        return _("no record")

    def hover_of(cell) -> str:
        if cell.state == counting.RECORDED:
            listed = "<br>".join(cell.names[:8]) + ("<br>…" if len(cell.names) > 8 else "")
            return _("{n} of {m} counted services").format(n=cell.count, m=cell.services) + (
                "<br>" + listed
            )
        if cell.state == counting.GAP and cell.documented:
            return _("Stated by a source document") + "<br>" + cell.documented.source
        if cell.state == counting.GAP:
            return _("None of the {m} counted services, all classified").format(m=cell.services)
        if cell.state == counting.NOT_KNOWN:
            return _("None recorded; {n} of {m} counted services unclassified").format(
                n=cell.unclassified, m=cell.services
            )
        return _("No counted service recorded here")

    text = [[text_of(cell) for cell in row] for row in grid]
    hover = [[hover_of(cell) for cell in row] for row in grid]
    counts = np.array([[cell.count for cell in row] for row in grid], dtype=float).reshape(
        len(rows), len(columns)
    )
    figure = go.Figure()
    for state, colour in (
        (counting.GAP, ZERO_CELL),
        (counting.NOT_KNOWN, NOT_KNOWN_CELL),
        (counting.NO_RECORD, NO_RECORD_CELL),
    ):
        z = [[0 if cell.state == state else None for cell in row] for row in grid]
        figure.add_trace(
            go.Heatmap(
                z=z,
                x=columns,
                y=rows,
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                text=text,
                texttemplate="%{text}",
                textfont={"size": 13, "color": "#1b1b1b"},
                customdata=hover,
                hovertemplate="%{y} · %{x}<br>%{customdata}<extra></extra>",
                xgap=2,
                ygap=2,
                name=state,
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
            colorscale=HEAT_SCALE,
            zmin=1,
            zmax=max(top, 1.0),
            text=text,
            texttemplate="%{text}",
            textfont={"size": 15},
            customdata=hover,
            hovertemplate="%{y} · %{x}<br>%{customdata}<extra></extra>",
            xgap=2,
            ygap=2,
            colorbar={
                "title": {"text": _("Interventions")},
                "thickness": 12,
                "dtick": 1 if top <= 10 else None,
            },
            name=counting.RECORDED,
        )
    )
    figure.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 18}},
        height=max(260, 48 * len(rows) + 210),
        margin={"l": 8, "r": 8, "t": 90, "b": 8},
        font=FONT,
        xaxis={"side": "top", "tickangle": -30, "type": "category"},
        yaxis={"autorange": "reversed", "type": "category"},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
    )
    return figure


def need_bars(
    indicators: pd.DataFrame,
    *,
    measure: str,
    title: str,
    _: Translate,
    lang: str,
    names: Mapping[str, str],
) -> go.Figure:
    """Rate per 1,000 people by police force area, with the Wales rate as a reference line."""
    rows = indicators[indicators["measure"] == measure]
    forces = rows[~rows["area"].isin(["Wales", "England and Wales"])]
    wales = rows[rows["area"] == "Wales"]
    figure = go.Figure(
        go.Bar(
            x=[names.get(area, area) for area in forces["area"]],
            y=forces["rate_per_1000"].round(2),
            marker={"color": BAR_COLOUR},
            text=[
                f"{i18n.format_number(rate, lang, 2)} ({i18n.format_number(count, lang)})"
                for rate, count in zip(forces["rate_per_1000"], forces["count"], strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y} " + _("per 1,000 people") + "<extra></extra>",
        )
    )
    if not wales.empty:
        rate = float(wales["rate_per_1000"].iloc[0])
        figure.add_hline(
            y=rate,
            line_dash="dash",
            line_color=REFERENCE_COLOUR,
            annotation_text=_("Wales {rate}").format(rate=i18n.format_number(rate, lang, 2)),
            annotation_position="bottom right",
        )
    figure.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}},
        height=340,
        margin={"l": 8, "r": 8, "t": 50, "b": 30},
        font=FONT,
        yaxis={"title": _("Per 1,000 people"), "gridcolor": "#e5e5e5", "rangemode": "tozero"},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
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
    _: Translate,
    lang: str,
) -> go.Figure:
    """Need (x) against provision (y) per police force area, Wales values as reference lines."""
    figure = go.Figure(
        go.Scatter(
            x=points["need"],
            y=points["provision"],
            mode="markers+text",
            text=points["label"],
            textposition="top center",
            marker={"size": 16, "color": BAR_COLOUR, "line": {"color": "#ffffff", "width": 2}},
            customdata=points[["count"]],
            hovertemplate="%{text}<br>"
            + x_label
            + ": %{x:.2f}<br>"
            + y_label
            + ": %{y:.2f} (%{customdata[0]})<extra></extra>",
        )
    )
    if wales_x is not None:
        figure.add_vline(
            x=wales_x,
            line_dash="dash",
            line_color=REFERENCE_COLOUR,
            annotation_text=_("Wales"),
            annotation_position="top",
        )
    if wales_y is not None:
        figure.add_hline(
            y=wales_y,
            line_dash="dot",
            line_color=REFERENCE_COLOUR,
            annotation_text=_("Wales"),
            annotation_position="right",
        )
    figure.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}},
        height=420,
        margin={"l": 8, "r": 24, "t": 50, "b": 40},
        font=FONT,
        # Comparisons start at zero, so a small difference is not drawn as a large one.
        xaxis={"title": x_label, "gridcolor": "#e5e5e5", "rangemode": "tozero"},
        yaxis={"title": y_label, "gridcolor": "#e5e5e5", "rangemode": "tozero"},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
    )
    return figure


def cliff_timeline(
    cliff: pd.DataFrame,
    *,
    group_column: str,
    group_labels: Mapping[str, str],
    current_year: str,
    title: str,
    _: Translate,
) -> go.Figure:
    """Each intervention with a stated end: a marker at its financial year, coloured by group."""
    known = cliff[cliff["end_date"].notna()]
    palette = [
        "#1d4f91",
        "#e69f00",
        "#009e73",
        "#cc79a7",
        "#56b4e9",
        "#d55e00",
        "#0072b2",
        "#999999",
    ]
    symbols = ["circle", "square", "diamond", "triangle-up", "x", "star", "cross", "hexagon"]
    figure = go.Figure()
    groups = list(dict.fromkeys(known[group_column]))
    for index, group in enumerate(groups):
        part = known[known[group_column] == group]
        figure.add_trace(
            go.Scatter(
                x=part["funding_end"],
                y=part["name"],
                mode="markers",
                name=group_labels.get(group, group),
                marker={
                    "size": 15,
                    "color": palette[index % len(palette)],
                    "symbol": symbols[index % len(symbols)],
                    "line": {"color": "#000", "width": 1},
                },
                hovertemplate="%{y}: %{x}<extra>" + group_labels.get(group, group) + "</extra>",
            )
        )
    years = sorted(set(known["funding_end"]) | {current_year})
    figure.add_vline(x=years.index(current_year), line_dash="dash", line_color=REFERENCE_COLOUR)
    figure.add_annotation(
        x=current_year,
        y=1.02,
        yref="paper",
        showarrow=False,
        text=_("Current financial year {year}").format(year=current_year),
        font={"color": REFERENCE_COLOUR},
    )
    figure.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}},
        height=max(260, 34 * max(len(known), 1) + 150),
        margin={"l": 8, "r": 8, "t": 60, "b": 40},
        font=FONT,
        legend={"orientation": "h", "y": -0.15},
        xaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": years,
            "title": _("Financial year funding ends"),
        },
        yaxis={"autorange": "reversed", "type": "category"},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
    )
    if known.empty:
        figure.add_annotation(
            text=_("No stated funding end dates match"),
            showarrow=False,
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.5,
        )
    return figure


def simple_bars(
    counts: pd.Series,
    *,
    labels: Mapping[str, str],
    title: str,
    _: Translate,
    lang: str,
    order: Sequence[str] | None = None,
) -> go.Figure:
    """Vertical bars with counts on top, zeros written out."""
    index = list(order) if order else list(counts.index)
    values = [int(counts.get(key, 0)) for key in index]
    figure = go.Figure(
        go.Bar(
            x=[labels.get(key, key) for key in index],
            y=values,
            marker={"color": BAR_COLOUR},
            text=[i18n.format_number(v, lang) if v else _("0, none") for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y}<extra></extra>",
        )
    )
    figure.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}},
        height=320,
        margin={"l": 8, "r": 8, "t": 50, "b": 30},
        font=FONT,
        yaxis={
            "dtick": 1 if max(values or [0]) < 12 else None,
            "gridcolor": "#e5e5e5",
            "range": [0, max(values or [1]) * 1.3 + 0.5],
        },
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
    )
    return figure
