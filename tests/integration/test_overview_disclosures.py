"""The overview's long tables (the list of interventions, the survey's published figures) are
drawn only while their disclosure is open, and while open they follow the view.

Driven as the browser drives it (:class:`bench.dashclient.Session` replays the renderer's
callback requests through Flask's test client), on the six-row fixture.
"""

from __future__ import annotations

import json

from app import create_app
from bench.dashclient import Session, flask_transport
from dashboard.web import ids

LIST = (ids.PANEL_LIST, "children")
SURVEY = (ids.SURVEY_TABLE, "children")


def opened(mini_context, path: str = "/") -> Session:
    session = Session(*flask_transport(create_app(mini_context).server.test_client()))
    session.open(path)
    return session


def text_of(node) -> str:
    """The text a component (as JSON) shows."""
    if isinstance(node, str):
        return node
    if isinstance(node, list):
        return "".join(text_of(child) for child in node)
    if isinstance(node, dict):
        return text_of(node.get("props", {}).get("children"))
    return ""


def first_cells(table) -> list[str]:
    """The first cell of each body row of a drawn data table (component JSON)."""
    text = json.dumps(table)
    body = json.loads(text)
    rows = []

    def walk(node, in_body=False):
        if isinstance(node, list):
            for child in node:
                walk(child, in_body)
        elif isinstance(node, dict):
            kind = node.get("type")
            children = node.get("props", {}).get("children")
            if kind == "Tr" and in_body:
                rows.append(text_of(children[0]))
                return
            walk(children, in_body or kind == "Tbody")

    walk(body)
    return rows


def test_the_list_is_drawn_only_while_open_and_follows_the_view(mini_context):
    session = opened(mini_context)
    # All of Wales, current provision: A, B, D and F, and the all-Wales E beside them.
    assert session.props[(ids.PANEL_LIST_TOGGLE, "children")] == "Show the list (5)"
    assert session.props.get(LIST) is None
    session.set({(ids.PANEL_LIST_TOGGLE, "n_clicks"): 1})
    assert len(first_cells(session.props[LIST])) == 5
    session.set({(ids.AREA, "value"): "gwent"})
    assert session.props[(ids.PANEL_LIST_TOGGLE, "children")] == "Show the list (1)"
    assert first_cells(session.props[LIST]) == ["D Phoenix"]
    session.set({(ids.PANEL_LIST_TOGGLE, "n_clicks"): 2})
    assert session.props[LIST] is None


def test_an_empty_view_says_so_in_the_lists_place(mini_context):
    session = opened(mini_context)
    session.set({(ids.filter_id("behaviour_focus"), "value"): ["forced marriage"]})
    assert session.props[(ids.PANEL_LIST_TOGGLE, "children")] == (
        "No interventions match this view."
    )


def test_the_survey_figures_are_drawn_when_opened_in_the_pages_language(mini_context):
    session = opened(mini_context, "/?lang=cy")
    assert session.props[(ids.PANEL_LIST_TOGGLE, "children")] == "Dangos y rhestr (5)"
    assert session.props.get(SURVEY) is None
    session.set({(ids.SURVEY_TOGGLE, "n_clicks"): 1})
    table = json.dumps(session.props[SURVEY], ensure_ascii=False)
    assert len(first_cells(session.props[SURVEY])) == len(mini_context.bundle.survey)
    assert "Mesur" in table  # "Measure", in Welsh
    session.set({(ids.SURVEY_TOGGLE, "n_clicks"): 2})
    assert session.props[SURVEY] is None
