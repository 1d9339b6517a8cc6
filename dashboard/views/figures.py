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

TOO_LITTLE_COLOUR: Final = "#ffffff"
TOO_LITTLE_OUTLINE: Final = "#3d3d3d"

#: Each level has two traces: index 2*i (values) and 2*i+1 (none recorded); after those, one
#: trace per level for the areas whose share rests on too little (index 6+i).
VALUE_TRACE: Final = {level: 2 * index for index, level in enumerate(LEVEL_ORDER)}
NONE_TRACE: Final = {level: 2 * index + 1 for index, level in enumerate(LEVEL_ORDER)}
TOO_LITTLE_TRACE: Final = {
    level: 2 * len(LEVEL_ORDER) + index for index, level in enumerate(LEVEL_ORDER)
}


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
            _flat_trace(each, level, NONE_RECORDED_COLOUR, NONE_RECORDED_OUTLINE, 1.6, "none")
        )
    for each in LEVEL_ORDER:
        figure.add_trace(
            _flat_trace(each, level, TOO_LITTLE_COLOUR, TOO_LITTLE_OUTLINE, 2.4, "too-little")
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


def _flat_trace(
    each: str, level: str, colour: str, outline: str, width: float, suffix: str
) -> go.Choroplethmap:
    """One colour, one outline: the areas with none recorded, or too little known."""
    return go.Choroplethmap(
        geojson=geometry_url(each),
        featureidkey="id",
        locations=[],
        z=[],
        colorscale=[[0, colour], [1, colour]],
        showscale=False,
        marker={"line": {"color": outline, "width": width}, "opacity": 1},
        hovertemplate="%{hovertext}<extra></extra>",
        visible=each == level,
        name=f"{each}-{suffix}",
    )


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
    """Trace updates for one level: values, hover text, the areas with none recorded and those
    whose share rests on too little (:func:`dashboard.domain.counting.too_little_known`).

    ``table`` is :func:`dashboard.domain.counting.area_counts` output. Returns plain lists, ready for a
    Patch.
    """
    from dashboard.domain import counting

    has_any = table["count"].to_numpy() > 0
    flag = counting.TOO_LITTLE_COLUMN[metric]
    too_little = (
        table[flag].to_numpy(dtype=bool) & has_any if flag else np.zeros(len(table), dtype=bool)
    )
    total = len(table)
    hover = [
        _hover_text(row, metric=metric, name=names[row.area_id], total=total, _=_, lang=lang)
        for row in table.itertuples(index=False)
    ]
    values = table[metric].to_numpy(dtype=float)
    shown = has_any & ~too_little & ~np.isnan(values)
    zmax = float(np.nanmax(values[shown])) if shown.any() else 1.0
    if metric in ("quality_share", "precarious_share"):
        zmax = 1.0
    area_ids = table["area_id"]

    def widths(keep: np.ndarray, normal: float) -> list[float]:
        return [3.5 if area == selected else normal for area in area_ids[keep]]

    def texts(keep: np.ndarray) -> list[str]:
        return [text for text, wanted in zip(hover, keep, strict=True) if wanted]

    unknown_share = too_little | (has_any & np.isnan(values))
    return {
        "values": {
            "locations": area_ids[shown].tolist(),
            "z": [round(float(value), 4) for value in values[shown]],
            "hovertext": texts(shown),
            "zmax": max(zmax, 1e-9),
            "line_width": widths(shown, 1.2),
            "line_color": [
                "#000000" if area == selected else "#ffffff" for area in area_ids[shown]
            ],
            "colorbar_title": metric_label(metric, _),
            "tickformat": ".0%" if metric.endswith("share") else "",
        },
        "none": {
            "locations": area_ids[~has_any].tolist(),
            "z": [0] * int((~has_any).sum()),
            "hovertext": texts(~has_any),
            "line_width": widths(~has_any, 1.6),
        },
        "too_little": {
            "locations": area_ids[unknown_share].tolist(),
            "z": [0] * int(unknown_share.sum()),
            "hovertext": texts(unknown_share),
            "line_width": widths(unknown_share, 2.4),
        },
        "none_recorded": [names[area] for area in area_ids[~has_any]],
        "too_little_names": [names[area] for area in area_ids[unknown_share]],
    }


def metric_label(metric: str, _: Translate) -> str:
    labels = {
        "count": _("Interventions"),
        "per_100k": _("Per 100,000 aged 16+"),
        "quality_share": _("Share externally evaluated or accredited"),
        "precarious_share": _("Share with precarious funding"),
    }
    return labels[metric]


def rank_text(rank, total: int, _: Translate, lang: str) -> str:
    """ "rank 2 of 4" (highest first), or nothing when the area has no rank."""
    if rank is None or (isinstance(rank, float) and np.isnan(rank)):
        return ""
    return _("rank {rank} of {total}").format(
        rank=i18n.format_number(int(rank), lang), total=i18n.format_number(total, lang)
    )


def _hover_text(row, *, metric: str, name: str, total: int, _: Translate, lang: str) -> str:
    from dashboard.domain import counting

    count = int(row.count)
    beside = (
        ""
        if row.includes_all_wales
        else "<br>"
        + _("+{n} available across Wales").format(
            n=i18n.format_number(int(row.all_wales_available), lang)
        )
    )
    if count == 0:
        return f"<b>{name}</b><br>{_('No counted intervention recorded')}{beside}"
    if row.includes_all_wales:
        count_text = _("{n} interventions, {local} local").format(
            n=i18n.format_number(count, lang), local=i18n.format_number(int(row.local_count), lang)
        )
    else:
        count_text = _("{n} local interventions").format(n=i18n.format_number(count, lang))
    rank = rank_text(getattr(row, counting.RANK_COLUMN[metric]), total, _, lang)
    rank_line = f"<br>{rank}" if rank else ""
    if metric == "count":
        return f"<b>{name}</b><br>{count_text}{rank_line}{beside}"
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
            + rank_line
            + beside
        )
    if metric == "quality_share":
        part, known, too_little = (
            int(row.quality_count),
            int(row.quality_known),
            row.quality_too_little,
        )
        what = _("externally evaluated or accredited")
        share_value = row.quality_share
    else:
        part, known, too_little = (
            int(row.precarious_count),
            int(row.precarity_known),
            row.precarious_too_little,
        )
        what = _("with precarious funding")
        share_value = row.precarious_share
    known_text = _(
        "{part} of the {known} services where this is known (known for {known} of {count})"
    ).format(
        part=i18n.format_number(part, lang),
        known=i18n.format_number(known, lang),
        count=i18n.format_number(count, lang),
    )
    if too_little or np.isnan(share_value):
        headline = _("Too little known to show a share")
    else:
        headline = f"{i18n.format_percent(share_value, lang)} {what}"
    return f"<b>{name}</b><br>{headline}<br>{known_text}<br>{count_text}{rank_line}{beside}"


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
        height=height or max(200, 34 * len(categories) + 90),
        margin={"l": 8, "r": 40, "t": 64, "b": 24},
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
