"""A link with more settings than the parser takes (issue 13: more than 64 query parameters made
the router answer ``{"multi":true,"response":{}}`` and the browser showed a blank page) still
gives the page, with its header and a message saying the settings were ignored."""

from __future__ import annotations

import json

import pytest

from app import create_app
from bench.dashclient import Session, flask_transport
from dashboard.views import state as view_state
from dashboard.web import ids


@pytest.mark.parametrize("path", ["/", "/gaps", "/force/gwent", "/directory"])
def test_a_link_with_too_many_settings_renders_the_page_with_a_message(mini_context, path):
    fields = view_state.MAX_FIELDS + 36
    search = "?" + "&".join(f"setting{index}=value" for index in range(fields))
    session = Session(*flask_transport(create_app(mini_context).server.test_client()))
    calls = session.open(path + search)
    assert calls and all(call.status == 200 for call in calls)
    page = json.dumps(session.props[(ids.PAGE, "children")])
    assert "The link's settings were too long and were ignored." in page
    assert "VAWDASV perpetration interventions" in page  # the header is there
