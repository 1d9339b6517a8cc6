"""Pure figure builders for the need-beside-provision and funding views (the gap review's heatmap:
:mod:`dashboard.views.figures_gaps`)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Final

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import Locale
from dashboard.views import label_layout, theme
from dashboard.views.figures import centred_note, count_text

#: The longest line of a vertical axis title (a horizontal one takes twice as many), in characters.
AXIS_TITLE_LINE: Final = 38
#: The need axis is fitted to the forces' and Wales's values (they lay between 3.26 and 3.44 on an
#: axis from 0 to 4.4, their names over each other), but spans at least this share of the highest
#: value, so that a difference of a few per cent is not drawn as a large one; padded by this share
#: of its span on each side, and started at zero where its low end comes within a span of it.
NEED_SPAN_SHARE: Final = 0.2
NEED_PADDING: Final = 0.15
#: The provision axis (from zero) reaches this far beyond the highest value: room for a name
#: above the highest point.
SCATTER_HEADROOM: Final = 1.3
#: The scatter's plot area as it is drawn on the narrowest screen the page is laid out for (a
#: 1024-pixel projector; pixels): the names are placed for it, and further apart on a wider one.
SCATTER_PLOT: Final = (760, 280)
SCATTER_MARKER: Final = 16
#: The bar charts' right margin, where the Wales line's note stands clear of every bar's value.
REFERENCE_NOTE_ROOM: Final = 66


def wrap_label(text: str, width: int) -> str:
    """``text`` on lines of at most ``width`` characters (:func:`theme.wrap_title`)."""
    return theme.wrap_title(text, width)


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
    """Rate per 1,000 people by police force area, with the Wales rate as a reference line.

    Each bar's value is written inside its top, in white, and the line runs behind the bars
    (seen between them, and over a bar that falls short of it); its note ("Wales 12.49") stands
    in the chart's right margin: inside the plot it sat on the last bar's value, and the line
    ran through the values written above the bars."""
    rows = indicators[indicators["measure"] == measure]
    forces = rows[~rows["area"].isin(["Wales", "England and Wales"])]
    wales = rows[rows["area"] == "Wales"]
    rates = forces["rate_per_1000"].round(2)
    bars = _value_bars(
        [names.get(area, area) for area in forces["area"]],
        rates,
        [
            f"{locale.number(rate, 2)}<br>({locale.number(count)})"
            for rate, count in zip(forces["rate_per_1000"], forces["count"], strict=True)
        ],
        "%{x}: %{y} " + locale("per 1,000 people") + "<extra></extra>",
    )
    bars.update(
        textposition="inside",
        insidetextanchor="end",
        textangle=0,
        insidetextfont={"color": theme.BAR_VALUE},
    )
    top = max([*rates.dropna().tolist(), *wales["rate_per_1000"].dropna().tolist(), 0])
    figure = go.Figure(
        bars,
        layout=theme.layout(
            title=title,
            height=340,
            margin=(8, REFERENCE_NOTE_ROOM, 50, 30),
            yaxis={
                "title": locale("Per 1,000 people"),
                "gridcolor": theme.GRID,
                "range": [0, top * 1.1 or 1],
            },
        ),
    )
    if not wales.empty:
        rate = float(wales["rate_per_1000"].iloc[0])
        figure.add_hline(y=rate, line_dash="dash", line_color=theme.REFERENCE, layer="below")
        figure.add_annotation(
            text=locale("Wales {rate}").format(rate=locale.number(rate, 2)).replace(" ", "<br>", 1),
            xref="paper",
            x=1,
            xanchor="left",
            xshift=4,
            yref="y",
            y=rate,
            yanchor="middle",
            align="left",
            showarrow=False,
            font={"color": theme.REFERENCE},
        )
    return figure


def fitted_range(values: Sequence[float]) -> list[float]:
    """The need axis's range: the values' own, at least :data:`NEED_SPAN_SHARE` of the highest
    wide, padded by :data:`NEED_PADDING`, from zero where it comes within a span of zero."""
    known = [float(value) for value in values if not math.isnan(float(value))]
    if not known or max(known) <= 0:
        return [0.0, 1.0]
    low, high = min(known), max(known)
    span = max(high - low, NEED_SPAN_SHARE * high)
    middle = (low + high) / 2
    low, high = middle - span / 2 - NEED_PADDING * span, middle + span / 2 + NEED_PADDING * span
    if low < span:
        low = 0.0
    return [round(low, 4), round(high, 4)]


def _scatter_label_positions(
    points: pd.DataFrame,
    x_range: Sequence[float],
    y_top: float,
    wales_x: float | None,
    wales_y: float | None,
    wales_word: str,
) -> list[str]:
    """Where each area's name goes beside its marker (plotly's ``textposition``), placed for the
    narrowest plot (:data:`SCATTER_PLOT`) clear of the other names and markers, the Wales lines
    and the provision line's note."""
    width, height = SCATTER_PLOT

    def pixels(x: float, y: float) -> tuple[float, float]:
        return (
            (x - x_range[0]) / (x_range[1] - x_range[0]) * width,
            (1 - y / y_top) * height,
        )

    size = theme.FONT["size"]
    obstacles = []
    if wales_x is not None:
        line_x = pixels(wales_x, 0)[0]
        obstacles.append(label_layout.Box(line_x - 2, 0, line_x + 2, height))
    if wales_y is not None:
        line_y = pixels(0, wales_y)[1]
        obstacles.append(label_layout.Box(0, line_y - 2, width, line_y + 2))
        # Its note, at the line's right end, above it.
        obstacles.append(label_layout.text_box((width - 30, line_y - 12), wales_word, size))
    return label_layout.point_label_positions(
        [pixels(x, y) for x, y in zip(points["need"], points["provision"], strict=True)],
        [str(label) for label in points["label"]],
        size=size,
        radius=SCATTER_MARKER / 2 + 2,
        obstacles=obstacles,
        frame=label_layout.Box(0, 0, width, height),
    )


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

    The need axis is fitted to the values (:func:`fitted_range`); each area's name goes where it
    covers no other name, marker, Wales line or its note (:func:`label_layout.point_label_positions`,
    placed for the narrowest plot, :data:`SCATTER_PLOT`). Long Welsh axis titles wrap
    (AXIS_TITLE_LINE), and the Wales label of the provision line stands inside the chart: run off
    its edge, "Heddlu Gogledd Cymru" and "Cymru" were cut."""
    x_range = fitted_range([*points["need"].tolist(), *([wales_x] if wales_x is not None else [])])
    y_top = max([*points["provision"].dropna().tolist(), wales_y or 0, 0]) * SCATTER_HEADROOM or 1
    wales_word = locale("Wales")
    positions = _scatter_label_positions(points, x_range, y_top, wales_x, wales_y, wales_word)
    figure = go.Figure(
        go.Scatter(
            x=points["need"],
            y=points["provision"],
            mode="markers+text",
            text=points["label"],
            textposition=positions,
            cliponaxis=False,
            marker={
                "size": SCATTER_MARKER,
                "color": theme.BAR,
                "line": {"color": theme.SEPARATOR, "width": 2},
            },
            customdata=points[["count"]],
            hovertemplate="%{text}<br>"
            + x_label
            + ": %{x:.2f}<br>"
            + y_label
            + ": %{y:.2f} (%{customdata[0]})<extra></extra>",
        ),
        layout=theme.layout(
            title=title,
            # Tall enough for the provision axis's title, three lines of Welsh, beside the plot.
            height=470,
            margin=(8, 24, 50, 40),
            xaxis={
                "title": wrap_label(x_label, 2 * AXIS_TITLE_LINE),
                "gridcolor": theme.GRID,
                "range": x_range,
                "automargin": True,
            },
            yaxis={
                # Provision from zero: a service count per head is compared from none.
                "title": wrap_label(y_label, AXIS_TITLE_LINE),
                "gridcolor": theme.GRID,
                "range": [0, y_top],
                "automargin": True,
            },
        ),
    )
    # The Wales values as reference lines: need (x) dashed, provision (y) dotted.
    wales = {"line_color": theme.REFERENCE, "annotation_text": wales_word}
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
