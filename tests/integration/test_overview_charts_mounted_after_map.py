"""The overview's drill-down charts are mounted once the browser says the map is drawn, with the
view of that moment, and every later view patches their figures (never re-sends or remounts them).

Driven as the browser drives it (:class:`bench.dashclient.Session` replays the renderer's
callback requests through Flask's test client, and sets the map-drawn signal the page's own
script sets), on the six-row fixture.
"""

from __future__ import annotations

import json

from app import create_app
from bench.dashclient import (
    OVERVIEW_DRAWN,
    Session,
    dict_id_text,
    flask_transport,
    split_output,
    walk_components,
)
from dashboard.views import overview as overview_view
from dashboard.views import page_views, panel_registry, panels
from dashboard.web import ids
from dashboard.web.view_cache import app_view_cache
from tests.support.patches import apply_patch

UPDATE = "/_dash-update-component"
READY = (ids.PANELS_READY, "data")
MOUNTED = (ids.PANEL_CHARTS_MOUNTED, "data")
PENDING = (ids.PENDING_CHARTS, "data")
KEY = (ids.VIEW_KEY, "data")
PANELS = (ids.PANELS, "children")
CHARTS = panel_registry.panels()


def session_for(app, **kwargs) -> Session:
    return Session(*flask_transport(app.server.test_client()), **kwargs)


def mounted_figures(session: Session) -> dict[str, dict]:
    """Each chart's figure as the session holds the mounted panels, by panel key."""
    graphs = {
        component["props"]["id"]["panel"]: component
        for component in walk_components(session.props[PANELS])
        if component["type"] == "Graph"
    }
    assert set(graphs) == {panel.key for panel in CHARTS}
    assert all(graph["props"]["id"] == ids.panel_graph(key) for key, graph in graphs.items())
    return {panel.key: graphs[panel.key]["props"]["figure"] for panel in CHARTS}


def mounted_summaries(session: Session) -> dict[str, str]:
    """Each chart's one-line summary (its accessible name) as mounted."""
    return {
        component["props"]["id"]["panel"]: component["props"]["children"]
        for component in walk_components(session.props[PANELS])
        if component["props"].get("id") in [ids.panel_summary(p.key) for p in CHARTS]
    }


def patched(reply: dict) -> tuple[dict[str, dict], dict[str, str]]:
    """Each chart's figure Patch and summary in an answer, by panel key."""
    figures = {p.key: reply[dict_id_text(ids.panel_graph(p.key))]["figure"] for p in CHARTS}
    texts = {p.key: reply[dict_id_text(ids.panel_summary(p.key))]["children"] for p in CHARTS}
    return figures, texts


def expected_figures(app, context, key: str) -> dict[str, dict]:
    """Each chart's figure for the key's view, as the app's view cache holds it."""
    view = page_views.view_for_key(app_view_cache(app), context, key)
    return {
        panel.key: json.loads(json.dumps(panels.full_figure(view, panel.key))) for panel in CHARTS
    }


def expected_summaries(app, context, key: str) -> dict[str, str]:
    view = page_views.view_for_key(app_view_cache(app), context, key)
    return {panel.key: overview_view.panel_alternative(view, panel.key)[0] for panel in CHARTS}


def last_reply(session: Session, output: tuple[str, str]) -> dict:
    """The response of the last request whose outputs include ``output`` (id, prop)."""
    call = next(call for call in reversed(session.calls) if output in split_output(call.output))
    assert call.status == 200
    return json.loads(call.body)["response"]


def test_the_signal_is_the_overviews_own():
    assert {READY: True} == OVERVIEW_DRAWN


def test_no_chart_before_the_map_is_drawn_then_each_with_the_view(mini_context):
    app = create_app(mini_context)
    session = session_for(app, drawn={})
    session.open("/")
    # The text of the drill-down comes at once; the charts wait for the map.
    assert session.props[(ids.PANEL_TITLE, "children")] == "Drill-down: all of Wales"
    assert session.props.get(PANELS) is None
    assert session.props.get(MOUNTED) is None
    session.set({READY: True})
    assert mounted_figures(session) == expected_figures(app, mini_context, session.props[KEY])
    assert mounted_summaries(session) == expected_summaries(app, mini_context, session.props[KEY])
    assert session.props[MOUNTED] == session.props[KEY]


def test_a_later_view_patches_every_mounted_figure_in_the_changes_one_answer(mini_context):
    app = create_app(mini_context)
    session = session_for(app)
    session.open("/")
    before = mounted_figures(session)
    before_summaries = mounted_summaries(session)
    session.set({(ids.AREA, "value"): "gwent"})
    reply = last_reply(session, KEY)
    # The charts come in the answer that brings the key and the map; the panels, and so the
    # graphs, are left as they are.
    assert ids.MAP in reply and ids.PANELS not in reply
    assert reply[ids.CHARTS_SHOWN]["data"] == session.props[KEY]
    figures, texts = patched(reply)
    wanted = expected_figures(app, mini_context, session.props[KEY])
    assert texts == expected_summaries(app, mini_context, session.props[KEY]) != before_summaries
    for panel in CHARTS:
        assert "__dash_patch_update" in figures[panel.key]
        assert apply_patch(before[panel.key], figures[panel.key]) == wanted[panel.key]
    assert wanted != {panel.key: before[panel.key] for panel in CHARTS}


def test_a_view_chosen_before_the_map_was_drawn_is_the_one_mounted(mini_context):
    app = create_app(mini_context)
    session = session_for(app, drawn={})
    session.open("/")
    session.set({(ids.AREA, "value"): "gwent"})
    session.set({READY: True})
    assert mounted_figures(session) == expected_figures(app, mini_context, session.props[KEY])
    assert "gwent" in session.props[MOUNTED]


def test_a_change_before_the_charts_were_mounted_leaves_them_its_changes(mini_context):
    # The charts are not mounted yet when the key moves on: the answer matches no chart and
    # leaves each panel's changes, which bring charts mounted with the first view to the one
    # now shown (catchUpCharts applies them in the browser; tests/e2e checks that part).
    app = create_app(mini_context)
    session = session_for(app, drawn={})
    session.open("/")
    first_key = session.props[KEY]
    session.set({(ids.AREA, "value"): "gwent"})
    pending = session.props[PENDING]
    assert pending["key"] == session.props[KEY] != first_key
    # Charts mounted with the first view, as a mount request sent before the change would.
    session.props[KEY] = first_key
    session.set({READY: True})
    first = mounted_figures(session)
    wanted = expected_figures(app, mini_context, pending["key"])
    for panel in CHARTS:
        assert apply_patch(first[panel.key], pending["figures"][panel.key]) == wanted[panel.key]
    assert pending["summaries"] == expected_summaries(app, mini_context, pending["key"])
    # Once mounted, a change patches them in its answer and leaves nothing pending.
    session.set({(ids.AREA, "value"): "gwent"})
    session.set({(ids.AREA, "value"): "all"})
    assert PENDING[0] not in last_reply(session, KEY)
