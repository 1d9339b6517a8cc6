"""The map of change between two waves: each area's counts of change, drawn as a choropleth of
the change in current services with each area's number as its label (only where the two waves'
sources cover the areas alike)."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard.domain.context import AppContext
from dashboard.i18n import Locale
from dashboard.views import figure_parts, figures_map, map_labels, theme


@dataclass(frozen=True)
class AreaRow:
    """One area's counts of change (only where the waves cover the areas alike)."""

    area_id: str
    name: str
    before: int
    after: int
    net: int
    counts: tuple[int, ...]


def change_map(
    context: AppContext, rows: tuple[AreaRow, ...], level: str, locale: Locale
) -> figure_parts.FigureJSON:
    """A map of the change in current provision per area (labels say each number), as plotly
    JSON."""
    points = context.label_points[level]
    nets = [row.net for row in rows]
    reach = max((abs(net) for net in nets), default=0) or 1
    hover = [
        locale("{area}: {before} to {after} current services ({net})").format(
            area=row.name, before=row.before, after=row.after, net=signed(row.net, locale)
        )
        for row in rows
    ]
    figure = go.Figure(
        layout={
            "template": theme.template(),
            "geo": figures_map.geo_layout(),
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "height": 420,
            "showlegend": False,
            "dragmode": False,
        }
    )
    figure.add_trace(
        go.Choropleth(
            geojson=figures_map.geometry_url(level),
            featureidkey="id",
            locationmode="geojson-id",
            locations=[row.area_id for row in rows],
            z=nets,
            zmin=-reach,
            zmax=reach,
            colorscale=theme.scale(theme.CHANGE_SCALE),
            marker={"line": {"color": theme.COVERAGE_OUTLINE, "width": 1}},
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            colorbar={
                "thickness": 14,
                "len": 0.6,
                "x": 0.98,
                "outlinewidth": 0,
                "title": {"text": locale("Change in current services")},
            },
        )
    )
    figure.add_trace(
        go.Scattergeo(
            lon=[points[row.area_id][0] for row in rows],
            lat=[points[row.area_id][1] for row in rows],
            text=[f"{row.name}<br>{signed(row.net, locale)}" for row in rows],
            mode="text",
            textfont=map_labels.LABEL_FONT,
            hoverinfo="skip",
        )
    )
    return figure_parts.plain(figure)


def signed(number: int, locale: Locale) -> str:
    """+2, −1, 0: a change with its sign."""
    if number > 0:
        return "+" + locale.number(number)
    if number < 0:
        return "−" + locale.number(-number)
    return locale.number(0)
