"""A bench-only Dash app: one choropleth of the 1,917 LSOAs, geometry served by URL like the main map.

Each LSOA is coloured by the number of interventions recorded in its local authority (LSOA ids are
LSOA codes; ``properties.la_code`` gives the LA). Serve it with
``gunicorn 'bench.lsoa_app:create_server()'``; the map is ``#lsoa-map``.
"""

from __future__ import annotations

import json

import plotly.graph_objects as go
from dash import Dash, dcc, html
from flask import Response

from bench.floor_map_app import bare_app
from dashboard import config
from dashboard.domain import counting, model
from dashboard.domain.context import build_context
from dashboard.views import figures_map, theme

GRAPH_ID = "lsoa-map"
GEOJSON_PATH = config.GEOGRAPHY_DIR / "lsoa.geojson"


def lsoa_figure(text: str, counts_by_la: dict[str, int]) -> go.Figure:
    features = json.loads(text)["features"]
    locations = [feature["id"] for feature in features]
    z = [counts_by_la.get(feature["properties"]["la_code"], 0) for feature in features]
    figure = go.Figure(
        go.Choropleth(
            geojson="/geometry/lsoa.geojson",
            featureidkey="id",
            locationmode="geojson-id",
            locations=locations,
            z=z,
            colorscale=theme.scale(theme.MAP_SCALE),
            marker={"line": {"color": "#ffffff", "width": 0.3}, "opacity": 1},
        )
    )
    figure.update_layout(
        geo=figures_map.geo_layout(), margin={"l": 0, "r": 0, "t": 0, "b": 0}, height=560
    )
    return figure


def create_app() -> Dash:
    context = build_context()
    directory = context.directory
    table = counting.area_counts(
        directory,
        model.filter_mask(directory, {}),
        "la",
        True,
        context.population_16_plus["la"],
    )
    slug_to_code = dict(
        zip(directory.area_ids["la"], context.bundle.lookup["la_code"], strict=True)
    )
    counts = {slug_to_code[row.area_id]: int(row.count) for row in table.itertuples()}
    text = GEOJSON_PATH.read_text(encoding="utf-8")
    app = bare_app(__name__, title="LSOA map benchmark")
    app.layout = html.Div(
        [
            dcc.Graph(
                id=GRAPH_ID,
                figure=lsoa_figure(text, counts),
                config={"topojsonURL": figures_map.TOPOJSON_URL},
            )
        ]
    )

    @app.server.route("/geometry/lsoa.geojson")
    def lsoa_geometry() -> Response:
        response = Response(text, mimetype="application/geo+json")
        response.headers["Cache-Control"] = "public, max-age=86400"
        return response

    try:  # compression and headers as in production, where the server module exists
        from dashboard.web.server import configure_server
    except ImportError:
        return app
    try:  # since the page table and the view cache are handed to it (issue 25)
        from dashboard.views.cache import ViewCache
        from layouts.page_table import PAGES
    except ImportError:
        configure_server(app)
    else:
        # The app's own table: "/" is a page there, so the map is answered 200, as in production.
        configure_server(app, PAGES, ViewCache())
    return app


def create_server():
    return create_app().server
