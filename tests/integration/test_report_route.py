"""The report at a stable URL: ``/report`` followed by any overview URL gives its HTML report."""

from __future__ import annotations

import re

import pytest

from app import create_app
from dashboard.web import security


@pytest.fixture(scope="module")
def client(mini_context):
    return create_app(mini_context).server.test_client()


@pytest.mark.parametrize(
    "url", ["/report?level=force&area=gwent&metric=per_100k", "/report/force/gwent?metric=per_100k"]
)
def test_the_report_url_carries_the_view(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "Perpetration interventions in Wales: Gwent" in page
    assert "1 of them in Gwent" in page
    # Self-contained: the lean plotly.js and the topojson inline, nothing fetched from elsewhere.
    assert "window.PlotlyGeoAssets" in page
    assert not re.search(r"<script[^>]+src=", page)


def test_the_report_is_in_welsh_when_asked(client):
    page = client.get("/report?lang=cy").get_data(as_text=True)
    assert '<html lang="cy">' in page
    # The report's own words, not only its language attribute (they were once left in English).
    assert "Ymyriadau cyflawnwyr yng Nghymru: Cymru gyfan" in page
    assert "Ffynonellau" in page
    assert "Perpetration interventions in Wales" not in page
    assert "Generated " not in page


def test_the_reports_inline_scripts_are_allowed_by_hash_only(client):
    response = client.get("/report")
    policy = response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    for digest in security.inline_script_hashes(response.get_data(as_text=True)):
        assert digest in policy
    assert "frame-ancestors 'none'" in policy


def test_a_bad_report_url_still_gives_a_report(client):
    response = client.get("/report/region/atlantis?metric=bogus")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "all of Wales" in page
    # ... and says which settings it ignored, as the dashboard does: never silently.
    assert "Some link settings were not recognised:" in page
    assert "Unknown VAWDASV region; showing all of Wales. (atlantis)" in page
    assert "(bogus)" in page


def test_a_good_report_url_has_no_notice(client):
    page = client.get("/report/force/gwent").get_data(as_text=True)
    assert "not recognised" not in page


def test_the_welsh_report_says_what_it_ignored_in_welsh(client):
    page = client.get("/report?lang=cy&metric=bogus").get_data(as_text=True)
    assert "Mesur anhysbys; caniateir:" in page
    assert "Unknown metric" not in page
