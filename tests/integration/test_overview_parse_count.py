"""How often one interaction on the overview parses a URL or a view key (issue 25, item 2).

Every callback request of a click or a filter change is replayed as the browser sends it
(:class:`bench.dashclient.Session` through Flask's test client), with
:func:`dashboard.views.url_parsing.parse` counted. The click's address is parsed once, where the
controls and the URL are kept in step; every other callback of the chain finds the view by the
key that callback wrote, without parsing it again (before: 6 parses per click on Gwent, 6 per
filter ticked).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app import create_app
from bench.dashclient import Session, flask_transport
from dashboard.views import url_parsing
from dashboard.web import ids

GWENT_CLICK = {"points": [{"location": "gwent"}]}


@pytest.fixture
def opened(mini_context) -> Session:
    session = Session(*flask_transport(create_app(mini_context).server.test_client()))
    session.open("/")
    return session


def parses_during(monkeypatch, action: Callable[[], object]) -> int:
    """How many times ``action`` calls :func:`url_parsing.parse`."""
    count = 0
    real = url_parsing.parse

    def counted(*args, **kwargs):
        nonlocal count
        count += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(url_parsing, "parse", counted)
    action()
    monkeypatch.setattr(url_parsing, "parse", real)
    return count


def test_a_click_on_gwent_parses_its_address_once(opened, monkeypatch):
    count = parses_during(monkeypatch, lambda: opened.set({(ids.MAP, "clickData"): GWENT_CLICK}))
    assert opened.props[(ids.VIEW_KEY, "data")] == "/?area=gwent"
    print(f"parses per click on Gwent: {count}")
    assert count == PARSES_PER_CHANGE


def test_a_filter_ticked_parses_its_address_once(opened, monkeypatch):
    stalking = {(ids.filter_id("behaviour_focus"), "value"): ["stalking"]}
    count = parses_during(monkeypatch, lambda: opened.set(stalking))
    assert opened.props[(ids.VIEW_KEY, "data")] == "/?behaviour_focus=stalking"
    print(f"parses per filter ticked: {count}")
    assert count == PARSES_PER_CHANGE


#: The controls' values are read as a link is (``state_from_controls``): that is the one parse.
PARSES_PER_CHANGE = 1
