"""What the server tells and how it answers revalidation and unknown addresses (issue 13,
problem 10), through Flask's test client."""

from __future__ import annotations

import hashlib
import json
import re
from types import SimpleNamespace

import pytest
from dash import Dash, html

from app import create_app
from dashboard.web.geometry import add_geometry_route

BROTLI = {"Accept-Encoding": "br"}


@pytest.fixture(scope="module")
def app(mini_context):
    return create_app(mini_context)


@pytest.fixture
def client(app):
    return app.server.test_client()


def dash_config(page: str) -> dict:
    found = re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', page)
    assert found, "the page has no _dash-config"
    return json.loads(found.group(1))


def test_the_page_does_not_tell_the_versions(client):
    config = dash_config(client.get("/").get_data(as_text=True))
    for key in ("python_version", "dash_version", "plotly_version", "dash_version_url"):
        assert key not in config
    assert config["requests_pathname_prefix"] == "/"  # the rest is kept
    assert "children_props" in config


def test_reload_hash_is_not_served_in_production(client):
    response = client.get("/_reload-hash")
    assert response.status_code == 404
    assert b"packages" not in response.data


def test_debug_mode_keeps_the_developer_tools(mini_context):
    app = create_app(mini_context)
    app.server.debug = True  # what ``python app.py --debug`` sets
    client = app.server.test_client()
    assert client.get("/_reload-hash").status_code == 200
    assert "dash_version" in dash_config(client.get("/").get_data(as_text=True))


@pytest.mark.parametrize("kind", ["bundle", "asset", "geometry"])
def test_revalidating_with_the_compressed_etag_answers_304(client, kind):
    url = {
        "bundle": "/_dash-component-suites/dash/dcc/async-graph.js",  # loaded unfingerprinted
        "asset": "/assets/plotly-lean.min.js",
        "geometry": "/geometry/region.geojson",
    }[kind]
    first = client.get(url, headers=BROTLI)
    assert first.status_code == 200
    assert first.headers["Content-Encoding"] == "br"
    etag = first.headers["ETag"]
    assert etag.endswith(':br"'), etag
    again = client.get(url, headers={**BROTLI, "If-None-Match": etag})
    assert again.status_code == 304, url
    assert again.data == b""


def geometry_etag(content: str) -> str:
    app = Dash(__name__)
    app.layout = html.Div()
    add_geometry_route(app, SimpleNamespace(bundle=SimpleNamespace(geometry={"region": content})))
    response = app.server.test_client().get("/geometry/region.geojson")
    return response.headers["ETag"]


def test_the_geometry_etag_is_a_hash_of_its_content():
    one, other = '{"type": "A"}', '{"type": "B"}'  # as long as each other
    assert geometry_etag(one) != geometry_etag(other)
    assert geometry_etag(one).strip('"') == hashlib.sha256(one.encode()).hexdigest()[:32]


@pytest.mark.parametrize(
    "path", ["/nowhere", "/gaps/extra", "/directory/x/y", "/evil.example", "/region"]
)
def test_unknown_addresses_answer_404_with_the_app_page(client, path):
    response = client.get(path)
    assert response.status_code == 404, path
    page = response.get_data(as_text=True)
    assert "react-entry-point" in page  # the app, whose router draws "Page not found"


@pytest.mark.parametrize("path", ["/", "/gaps", "/gaps/", "/force/gwent", "/directory", "/present"])
def test_pages_answer_200(client, path):
    assert client.get(path).status_code == 200, path
