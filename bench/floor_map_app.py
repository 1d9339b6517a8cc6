"""A bench-only Dash app: the floor for drawing the map in a browser.

One page holding only the region choropleth (the same SVG geo map, the same lean plotly.js and
topojson from the app's assets), its values inline in the layout: no callbacks, no panels, no
other components. The time until its six areas are drawn is what any Dash page with
this map costs in the same browser, so the overview's time can be read against it. Serve it with
``gunicorn 'bench.floor_map_app:create_server()'``; the map is ``#floor-map``.
"""

from __future__ import annotations

import json

import plotly.graph_objects as go
from dash import Dash, dcc, html
from flask import Response

from dashboard import config
from dashboard.views import figures_map

GRAPH_ID = "floor-map"


def bare_app(name: str, **kwargs) -> Dash:
    """A Dash app with the dashboard's plotly.js and topojson (its assets) and nothing else of
    them: no stylesheet, no other script (the topojson is still served from assets/)."""
    return Dash(
        name,
        serve_locally=True,
        assets_folder=str(config.ASSETS_DIR),
        assets_ignore=r"^(?!plotly-lean\.min\.js$)",
        **kwargs,
    )


def create_server():
    text = (config.GEOGRAPHY_DIR / "region.geojson").read_text(encoding="utf-8")
    locations = [feature["id"] for feature in json.loads(text)["features"]]
    figure = go.Figure(
        go.Choropleth(
            geojson="/geometry/region.geojson",
            featureidkey="id",
            locationmode="geojson-id",
            locations=locations,
            z=list(range(len(locations))),
        )
    )
    figure.update_layout(
        geo=figures_map.geo_layout(), margin={"l": 0, "r": 0, "t": 0, "b": 0}, height=560
    )
    app = bare_app(__name__)
    app.layout = html.Div(
        [dcc.Graph(id=GRAPH_ID, figure=figure, config={"topojsonURL": figures_map.TOPOJSON_URL})]
    )

    @app.server.route("/geometry/region.geojson")
    def region_geometry() -> Response:
        return Response(text, mimetype="application/geo+json")

    return app.server
