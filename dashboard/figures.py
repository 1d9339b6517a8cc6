"""Pure figure builders: data in, plotly figure out. No Dash, no globals.

The map holds one pair of traces per geography level (areas with interventions; areas with none
recorded). Geometry is referenced by URL, so the browser fetches each level's boundaries from the
app once and caches them; interactions then patch only values and visibility.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.i18n import Translate

#: Single-hue sequential blues: safe for every common colour-vision deficiency. The lightest
#: shades are dropped so that "none recorded" grey cannot be mistaken for a low value.
MAP_COLOURS: Final = [
    "#c6dbef",
    "#9ecae1",
    "#6baed6",
    "#4292c6",
    "#2171b5",
    "#08519c",
    "#08306b",
]
NONE_RECORDED_COLOUR: Final = "#e0e0e0"
NONE_RECORDED_OUTLINE: Final = "#6b6b6b"
BAR_COLOUR: Final = "#1d4f91"
ZERO_TEXT_COLOUR: Final = "#a10e1a"
FONT: Final = {"family": "Arial, Helvetica, sans-serif", "size": 15, "color": "#1b1b1b"}
WALES_CENTRE: Final = {"lat": 52.34, "lon": -3.85}
LEVEL_ORDER: Final = ("region", "force", "la")

#: Each level has two traces: index 2*i (values) and 2*i+1 (none recorded).
VALUE_TRACE: Final = {level: 2 * index for index, level in enumerate(LEVEL_ORDER)}
NONE_TRACE: Final = {level: 2 * index + 1 for index, level in enumerate(LEVEL_ORDER)}


def geometry_url(level: str) -> str:
    """Where the app serves a level's boundaries."""
    return f"/geometry/{level}.geojson"


def base_map(*, level: str, height: int = 560) -> go.Figure:
    """The empty map: six traces pointing at the geometry URLs, only ``level`` visible."""
    figure = go.Figure()
    for each in LEVEL_ORDER:
        figure.add_trace(
            go.Choroplethmap(
                geojson=geometry_url(each),
                featureidkey="id",
                locations=[],
                z=[],
                zmin=0,
                zmax=1,
                colorscale=[[i / (len(MAP_COLOURS) - 1), c] for i, c in enumerate(MAP_COLOURS)],
                marker={"line": {"color": "#ffffff", "width": 1.2}, "opacity": 1},
                hovertemplate="%{hovertext}<extra></extra>",
                visible=each == level,
                showscale=each == level,
                colorbar={"thickness": 14, "len": 0.6, "x": 0.98, "outlinewidth": 0},
                name=each,
            )
        )
        figure.add_trace(
            go.Choroplethmap(
                geojson=geometry_url(each),
                featureidkey="id",
                locations=[],
                z=[],
                colorscale=[[0, NONE_RECORDED_COLOUR], [1, NONE_RECORDED_COLOUR]],
                showscale=False,
                marker={
                    "line": {"color": NONE_RECORDED_OUTLINE, "width": 1.6},
                    "opacity": 1,
                },
                hovertemplate="%{hovertext}<extra></extra>",
                visible=each == level,
                name=f"{each}-none",
            )
        )
    figure.update_layout(
        map={"style": "white-bg", "center": WALES_CENTRE, "zoom": 6.45},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=height,
        font=FONT,
        showlegend=False,
        uirevision="map",
        paper_bgcolor="#ffffff",
    )
    return figure


def map_values(
    table: pd.DataFrame,
    *,
    level: str,
    metric: str,
    names: Mapping[str, str],
    selected: str | None,
    _: Translate,
    lang: str,
) -> dict:
    """Trace updates for one level: values, hover text and the areas with none recorded.

    ``table`` is :func:`dashboard.model.area_table` output. Returns plain lists, ready for a Patch.
    """
    has_any = table["count"].to_numpy() > 0
    hover = [
        _hover_text(row, metric=metric, name=names[row.area_id], _=_, lang=lang)
        for row in table.itertuples(index=False)
    ]
    values = table[metric].to_numpy(dtype=float)
    shown = has_any & ~np.isnan(values)
    zmax = float(np.nanmax(values[shown])) if shown.any() else 1.0
    if metric in ("quality_share", "precarious_share"):
        zmax = 1.0
    line_widths = [3.5 if area == selected else 1.2 for area in table["area_id"][shown]]
    line_colours = [
        "#000000" if area == selected else "#ffffff" for area in table["area_id"][shown]
    ]
    none_widths = [3.5 if area == selected else 1.6 for area in table["area_id"][~has_any]]
    return {
        "values": {
            "locations": table["area_id"][shown].tolist(),
            "z": [round(float(value), 4) for value in values[shown]],
            "hovertext": [text for text, keep in zip(hover, shown, strict=True) if keep],
            "zmax": max(zmax, 1e-9),
            "line_width": line_widths,
            "line_color": line_colours,
            "colorbar_title": metric_label(metric, _),
            "tickformat": ".0%" if metric.endswith("share") else "",
        },
        "none": {
            "locations": table["area_id"][~has_any].tolist(),
            "z": [0] * int((~has_any).sum()),
            "hovertext": [text for text, keep in zip(hover, has_any, strict=True) if not keep],
            "line_width": none_widths,
        },
        "none_recorded": [names[area] for area in table["area_id"][~has_any]],
    }


def metric_label(metric: str, _: Translate) -> str:
    labels = {
        "count": _("Interventions"),
        "per_100k": _("Per 100,000 aged 16+"),
        "quality_share": _("Share externally evaluated or accredited"),
        "precarious_share": _("Share with precarious funding"),
    }
    return labels[metric]


def _hover_text(row, *, metric: str, name: str, _: Translate, lang: str) -> str:
    count = int(row.count)
    if count == 0:
        return f"<b>{name}</b><br>{_('No interventions recorded')}"
    count_text = _("{n} interventions").format(n=i18n.format_number(count, lang))
    if metric == "count":
        return f"<b>{name}</b><br>{count_text}"
    if metric == "per_100k":
        return (
            f"<b>{name}</b><br>"
            + _("{rate} per 100,000 aged 16+").format(
                rate=i18n.format_number(row.per_100k, lang, 1)
            )
            + "<br>"
            + _("{count_text}; population aged 16+ {population}").format(
                count_text=count_text,
                population=i18n.format_number(row.population_16_plus, lang),
            )
        )
    if metric == "quality_share":
        return (
            f"<b>{name}</b><br>{i18n.format_percent(row.quality_share, lang)} "
            + _("externally evaluated or accredited")
            + "<br>"
            + _("{part} of {count_text}").format(part=int(row.quality_count), count_text=count_text)
        )
    return (
        f"<b>{name}</b><br>{i18n.format_percent(row.precarious_share, lang)} "
        + _("with precarious funding")
        + "<br>"
        + _("{part} of {count_text}; funding not known for {unknown}").format(
            part=int(row.precarious_count),
            count_text=count_text,
            unknown=count - int(row.precarity_known),
        )
    )


def bar_values(counts: pd.Series, *, _: Translate, lang: str) -> dict:
    """The parts of :func:`bar_chart` that depend on the counts, keyed by their path in the
    figure. Everything else depends only on the categories, labels, title and language, so a
    drawn chart is brought up to date by assigning just these (a ``Patch``)."""
    values = [int(value) for value in counts.to_numpy()]
    top = max(values) if values and max(values) > 0 else 1
    return {
        ("data", 0, "x"): values,
        ("data", 0, "text"): [
            i18n.format_number(value, lang) if value else _("0, none recorded") for value in values
        ],
        ("data", 0, "textfont", "color"): [
            ZERO_TEXT_COLOUR if value == 0 else "#1b1b1b" for value in values
        ],
        ("layout", "xaxis", "range"): [0, top * 1.35 + 0.5],
        ("layout", "xaxis", "dtick"): max(1, round(top / 5)),
    }


def bar_chart(
    counts: pd.Series,
    *,
    labels: Mapping[str, str],
    title: str,
    _: Translate,
    lang: str,
    height: int | None = None,
) -> go.Figure:
    """Horizontal bars in the given order; zero categories stay, labelled as explicit zeros."""
    categories = list(counts.index)
    parts = bar_values(counts, _=_, lang=lang)
    values = parts[("data", 0, "x")]
    y_labels = [labels.get(category, category) for category in categories]
    figure = go.Figure(
        go.Bar(
            x=values,
            y=y_labels,
            orientation="h",
            marker={
                "color": [BAR_COLOUR] * len(values),
                "line": {"color": "#0b2a55", "width": 1},
            },
            text=parts[("data", 0, "text")],
            textposition="outside",
            cliponaxis=False,
            textfont={"color": parts[("data", 0, "textfont", "color")]},
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    figure.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}},
        height=height or max(180, 34 * len(categories) + 70),
        margin={"l": 8, "r": 40, "t": 44, "b": 24},
        font=FONT,
        xaxis={
            "range": parts[("layout", "xaxis", "range")],
            "dtick": parts[("layout", "xaxis", "dtick")],
            "gridcolor": "#e5e5e5",
        },
        yaxis={"autorange": "reversed", "ticklabelstandoff": 6},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        bargap=0.25,
    )
    return figure


#: Largest stacked total still drawn with one y-axis tick per intervention.
MAX_UNIT_TICKS: Final = 50
FUNDER_PALETTE: Final = (
    "#1d4f91",
    "#e69f00",
    "#009e73",
    "#cc79a7",
    "#56b4e9",
    "#d55e00",
    "#0072b2",
    "#f0e442",
    "#999999",
    "#000000",
    "#7f7f7f",
)


def funding_end_values(
    table: pd.DataFrame,
    *,
    current_year: str,
    labels: Mapping[str, str],
    _: Translate,
) -> dict:
    """The parts of :func:`funding_end_chart` that depend on the data, keyed by their path: the
    traces (one per funder), the current-year line and the "no matching" note (``None``: absent).
    """
    if current_year not in table.index:
        # Always show where "now" is, even when nothing ends this year.
        known = sorted([*(y for y in table.index if y != "unknown"), current_year])
        tail = ["unknown"] if "unknown" in table.index else []
        table = table.reindex(known + tail, fill_value=0)
    years = [str(year) for year in table.index]
    traces = [
        {
            "type": "bar",
            "x": years,
            "y": [int(value) for value in table[funder].tolist()],
            "name": labels.get(funder, funder),
            "marker": {
                "color": FUNDER_PALETTE[index % len(FUNDER_PALETTE)],
                "line": {"color": "#ffffff", "width": 1},
            },
            "hovertemplate": "%{x}: %{y} (" + labels.get(funder, funder) + ")<extra></extra>",
        }
        for index, funder in enumerate(table.columns)
    ]
    shapes = []
    if current_year in years:
        shapes.append(
            {
                "type": "line",
                "x0": years.index(current_year),
                "x1": years.index(current_year),
                "xref": "x",
                "y0": 0,
                "y1": 1,
                "yref": "y domain",
                "line": {"color": "#a10e1a", "dash": "dash"},
            }
        )
    annotations = None
    if table.empty:
        annotations = [
            {
                "text": _("No matching interventions"),
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
            }
        ]
    # One tick per intervention while that stays readable; plotly's own ticks beyond that (a
    # tick per unit on an axis of thousands would stall the browser).
    top = int(table.sum(axis=1).max()) if len(table.columns) and len(table.index) else 0
    return {
        ("data",): traces,
        ("layout", "shapes"): shapes,
        ("layout", "annotations"): annotations,
        ("layout", "yaxis", "dtick"): 1 if top <= MAX_UNIT_TICKS else None,
    }


def funding_end_chart(
    table: pd.DataFrame,
    *,
    current_year: str,
    labels: Mapping[str, str],
    title: str,
    _: Translate,
    lang: str,
) -> go.Figure:
    """Stacked bars: interventions by financial year funding ends, split by primary funder."""
    parts = funding_end_values(table, current_year=current_year, labels=labels, _=_)
    figure = go.Figure(data=parts[("data",)])
    figure.update_layout(
        barmode="stack",
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}},
        height=320,
        margin={"l": 8, "r": 8, "t": 44, "b": 24},
        font=FONT,
        legend={"orientation": "h", "y": -0.2},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        yaxis={"title": _("Interventions"), "gridcolor": "#e5e5e5"},
        xaxis={"title": _("Financial year funding ends"), "type": "category"},
    )
    if parts[("layout", "yaxis", "dtick")] is not None:
        figure.update_layout(yaxis_dtick=parts[("layout", "yaxis", "dtick")])
    if parts[("layout", "shapes")]:
        figure.update_layout(shapes=parts[("layout", "shapes")])
    if parts[("layout", "annotations")] is not None:
        figure.update_layout(annotations=parts[("layout", "annotations")])
    return figure
