"""Pure builders of the overview's drill-down charts: data in, plotly figure out, no Dash.

Each chart's view-dependent parts are listed by a ``*_values`` function (keyed by their path in
the figure), so :mod:`dashboard.views.panels` can patch a drawn chart with just those.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import Locale
from dashboard.views import theme
from dashboard.views.figure_parts import FigureJSON, Parts


def zero_text(*, complete: bool, locale: Locale) -> str:
    """A zero's words: "0, none recorded" only when every counted service is classified for the
    field (``complete``: :func:`dashboard.domain.counting.none_recorded`), else "0, not known"
    (the rule in words: ``counting.RULES["none_recorded"]``)."""
    return locale("0, none recorded") if complete else locale("0, not known")


def count_text(value: int, *, complete: bool, locale: Locale) -> str:
    """A count as a bar's text or a table's cell: the number, or a zero in words."""
    return locale.number(value) if value else zero_text(complete=complete, locale=locale)


def bar_values(counts: pd.Series, *, locale: Locale, complete: bool) -> Parts:
    """The parts of :func:`bar_chart` that depend on the counts, keyed by their path in the
    figure. Everything else depends only on the categories, labels, title and language, so a
    drawn chart is brought up to date by assigning just these (a ``Patch``).

    ``complete``: every counted service is classified for the field, so a zero is "none
    recorded"; otherwise a zero is "not known" (:func:`zero_text`)."""
    values = [int(value) for value in counts.to_numpy()]
    top = max(values) if values and max(values) > 0 else 1
    return {
        ("data", 0, "x"): values,
        ("data", 0, "text"): [
            count_text(value, complete=complete, locale=locale) for value in values
        ],
        ("data", 0, "textfont", "color"): [
            theme.ZERO_TEXT if value == 0 else theme.TEXT for value in values
        ],
        ("layout", "xaxis", "range"): [0, top * 1.35 + 0.5],
        ("layout", "xaxis", "dtick"): max(1, round(top / 5)),
    }


def bar_chart(
    counts: pd.Series,
    *,
    labels: Mapping[str, str],
    title: str,
    locale: Locale,
    complete: bool,
    height: int | None = None,
) -> go.Figure:
    """Horizontal bars in the given order; zero categories stay, labelled as explicit zeros
    ("none recorded" when ``complete``, else "not known": :func:`zero_text`)."""
    categories = list(counts.index)
    parts = bar_values(counts, locale=locale, complete=complete)
    values = parts[("data", 0, "x")]
    y_labels = [labels.get(category, category) for category in categories]
    return go.Figure(
        go.Bar(
            x=values,
            y=y_labels,
            orientation="h",
            marker={
                "color": [theme.BAR] * len(values),
                "line": {"color": theme.BAR_OUTLINE, "width": 1},
            },
            text=parts[("data", 0, "text")],
            textposition="outside",
            cliponaxis=False,
            textfont={"color": parts[("data", 0, "textfont", "color")]},
            hovertemplate="%{y}: %{x}<extra></extra>",
        ),
        layout=theme.layout(
            title=title,
            height=height or max(200, 34 * len(categories) + 90),
            margin=(8, 40, 64, 24),
            xaxis={
                "range": parts[("layout", "xaxis", "range")],
                "dtick": parts[("layout", "xaxis", "dtick")],
                "gridcolor": theme.GRID,
            },
            yaxis={"autorange": "reversed", "ticklabelstandoff": 6},
            bargap=0.25,
        ),
    )


def category_labels(values, locale: Locale) -> list[str]:
    """The tick labels of a chart's categories in the page's language: a vocabulary value the
    data carries ("unknown") is translated like any word on the page; a label that is not in the
    catalogue (a financial year, "2026-27") is shown as it is. Every chart whose categories come
    from the data's vocabulary takes its labels from here."""
    return [locale(str(value)) for value in values]


#: Largest stacked total still drawn with one y-axis tick per intervention (more ticks than this
#: crowd into an unreadable column in a half-width panel).
MAX_UNIT_TICKS: Final = 10


def funding_end_values(
    table: pd.DataFrame,
    *,
    current_year: str,
    labels: Mapping[str, str],
    locale: Locale,
) -> Parts:
    """The parts of :func:`funding_end_chart` that depend on the data, keyed by their path: the
    traces (one per funder), the current-year line and the "no matching" note (``None``: absent).
    """
    if current_year not in table.index:
        # Always show where "now" is, even when nothing ends this year.
        known = sorted([*(y for y in table.index if y != "unknown"), current_year])
        tail = ["unknown"] if "unknown" in table.index else []
        table = table.reindex(known + tail, fill_value=0)
    years = category_labels(table.index, locale)
    traces = [
        {
            "type": "bar",
            "x": years,
            "y": [int(value) for value in table[funder].tolist()],
            "name": labels.get(funder, funder),
            "marker": {
                # The funder's own colour, the same on every page (not the chart's order).
                "color": theme.category_colour("primary_funder", funder),
                "line": {"color": theme.SEPARATOR, "width": 1},
            },
            "hovertemplate": "%{x}: %{y} (" + labels.get(funder, funder) + ")<extra></extra>",
        }
        for funder in table.columns
    ]
    shapes = []
    if current_year in table.index:
        now = list(table.index).index(current_year)
        shapes.append(
            {
                "type": "line",
                "x0": now,
                "x1": now,
                "xref": "x",
                "y0": 0,
                "y1": 1,
                "yref": "y domain",
                "line": {"color": theme.REFERENCE, "dash": "dash"},
            }
        )
    annotations = None
    if table.empty:
        annotations = [centred_note(locale("No matching interventions"))]
    # One tick per intervention while that stays readable; plotly's own ticks beyond that (a
    # tick per unit on an axis of thousands would stall the browser).
    top = int(table.sum(axis=1).max()) if len(table.columns) and len(table.index) else 0
    return {
        ("data",): traces,
        ("layout", "shapes"): shapes,
        ("layout", "annotations"): annotations,
        ("layout", "yaxis", "dtick"): 1 if top <= MAX_UNIT_TICKS else None,
    }


def centred_note(text: str) -> FigureJSON:
    """A note in the middle of an empty chart (a plotly annotation)."""
    return {"text": text, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5}


def funding_end_chart(
    table: pd.DataFrame,
    *,
    current_year: str,
    labels: Mapping[str, str],
    title: str,
    locale: Locale,
) -> go.Figure:
    """Stacked bars: interventions by financial year funding ends, split by primary funder."""
    parts = funding_end_values(table, current_year=current_year, labels=labels, locale=locale)
    figure = go.Figure(
        data=parts[("data",)],
        layout=theme.layout(
            title=title,
            height=420,
            margin=(8, 8, 44, 24),
            barmode="stack",
            # Below the axis title: in a narrow column the funders' names stack into a column,
            # which at y=-0.2 ran over the axis title.
            legend={"orientation": "h", "y": -0.3, "yanchor": "top"},
            yaxis={"title": locale("Interventions"), "gridcolor": theme.GRID},
            xaxis={"title": locale("Financial year funding ends"), "type": "category"},
        ),
    )
    if parts[("layout", "yaxis", "dtick")] is not None:
        figure.update_layout(yaxis_dtick=parts[("layout", "yaxis", "dtick")])
    if parts[("layout", "shapes")]:
        figure.update_layout(shapes=parts[("layout", "shapes")])
    if parts[("layout", "annotations")] is not None:
        figure.update_layout(annotations=parts[("layout", "annotations")])
    return figure
