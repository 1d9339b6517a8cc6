"""The minimum-offer scorecard page: its route, navigation entry, controls and CSV download,
through the app (the page table's renderer and Flask's test client).

The scorecard's counting is tested on tiny directories in tests/unit/test_scorecard.py.
"""

from __future__ import annotations

import json

import plotly
import pytest

from dashboard.domain import counting
from dashboard.views.cache import ViewCache


def page_text(page) -> str:
    return json.dumps(page.to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder)


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("", "Cardiff and Vale"),
        ("?level=force", "South Wales"),
        ("?level=force&all_wales=1&lang=cy", "De Cymru"),
        ("?level=nonsense&all_wales=yes", "Cardiff and Vale"),
    ],
)
def test_scorecard_route_renders(real_context, search, expected):
    from callbacks.shell import render
    from dashboard.web import ids, pages
    from layouts.page_table import PAGES

    assert pages.match(PAGES, "/scorecard")[0].name == "scorecard"
    page, shown, _title = render(real_context, ViewCache(), "/scorecard", search)
    assert shown.name == "scorecard"
    text = page_text(page)
    assert ids.SC_BODY in text and ids.SC_LEVEL in text and ids.SC_CSV in text
    assert expected in text
    assert "data/minimum_offer.csv" in text
    if "lang=cy" not in search:
        assert "Draft for discussion, not adopted policy." in text
        assert "not known" in text and "gap" in text
        # The counting rules, word for word, in the method note.
        for key in ("current", "local", "known", "gap", "medium_risk"):
            assert json.dumps(counting.RULES[key])[1:-1] in text


def test_scorecard_is_in_the_navigation_and_served(mini_context):
    from app import create_app
    from dashboard.i18n import locale_for
    from dashboard.web import pages
    from layouts.page_table import PAGES

    navigation = pages.navigation(PAGES, pages.page_named(PAGES, "scorecard"), locale_for("en"))
    assert ("Minimum offer", "/scorecard", True) in navigation
    client = create_app(mini_context).server.test_client()
    assert client.get("/scorecard").status_code == 200
    assert client.get("/scorecard?lang=cy&level=force").status_code == 200


def test_controls_re_render_and_keep_the_url_in_step(mini_context):
    from app import create_app
    from dashboard.web import ids

    app = create_app(mini_context)
    client = app.server.test_client()
    key = f"..{ids.SC_BODY}.children...{ids.SC_URL}.search.."
    assert key in app.callback_map
    body = {
        "output": key,
        "outputs": [
            {"id": ids.SC_BODY, "property": "children"},
            {"id": ids.SC_URL, "property": "search"},
        ],
        "inputs": [
            {"id": ids.SC_LEVEL, "property": "value", "value": "force"},
            {"id": ids.SC_ALL_WALES, "property": "value", "value": True},
        ],
        "state": [{"id": ids.SC_URL, "property": "search", "value": "?lang=cy"}],
        "changedPropIds": [f"{ids.SC_LEVEL}.value"],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    answer = response.get_json()["response"]
    assert answer[ids.SC_URL]["search"] == "?level=force&all_wales=1&lang=cy"
    assert "De Cymru" in json.dumps(answer[ids.SC_BODY]["children"])

    csv_key = f"{ids.SC_DOWNLOAD}.data"
    csv_body = {
        "output": csv_key,
        "outputs": {"id": ids.SC_DOWNLOAD, "property": "data"},
        "inputs": [{"id": ids.SC_CSV, "property": "n_clicks", "value": 1}],
        "state": [{"id": ids.SC_URL, "property": "search", "value": "?level=force"}],
        "changedPropIds": [f"{ids.SC_CSV}.n_clicks"],
    }
    response = client.post("/_dash-update-component", json=csv_body)
    assert response.status_code == 200
    download = response.get_json()["response"][ids.SC_DOWNLOAD]["data"]
    assert download["filename"] == "vawdasv-minimum-offer-force.csv"
    table = [line for line in download["content"].splitlines() if not line.startswith("# ")]
    assert table[0].startswith("area_id,area,elements_met")
