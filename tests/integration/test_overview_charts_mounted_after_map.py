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
KEY = (ids.VIEW_KEY, "data")
PANELS = (ids.PANELS, "children")
PARTS = (ids.CHART_PARTS, "data")
CHARTS = panel_registry.panels()


def session_for(app, **kwargs) -> Session:
    return Session(*flask_transport(app.server.test_client()), **kwargs)


def mounted_figures(session: Session) -> dict[str, dict]:
    """Each chart's figure as the session holds the mounted panels, by panel key."""
    graphs = {
        component["props"]["id"]: component
        for component in walk_components(session.props[PANELS])
        if component["type"] == "Graph"
    }
    assert set(graphs) == {ids.panel_graph(panel.key) for panel in CHARTS}
    return {panel.key: graphs[ids.panel_graph(panel.key)]["props"]["figure"] for panel in CHARTS}


def summaries(session: Session) -> dict[str, str]:
    """Each chart's one-line summary (its accessible name) as the session holds it."""
    return {
        p.key: session.props[(f"{ids.panel_graph(p.key)}-alt-text", "children")] for p in CHARTS
    }


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
    assert summaries(session) == expected_summaries(app, mini_context, session.props[KEY])
    assert session.props[MOUNTED] == session.props[KEY]


def chart_parts(session: Session) -> dict:
    """The charts' changes the last change's answer brought (applied by the browser's
    ``drawPanelCharts``, which the session does not run)."""
    return session.props[PARTS]


def test_a_later_view_patches_every_mounted_figure_to_that_view(mini_context):
    app = create_app(mini_context)
    session = session_for(app)
    session.open("/")
    before = mounted_figures(session)
    before_summaries = summaries(session)
    session.set({(ids.AREA, "value"): "gwent"})
    reply = last_reply(session, PARTS)
    # The charts' changes come in the change's one answer; the panels, and so the graphs, are
    # left as they are.
    assert PANELS[0] not in reply and PARTS[0] in reply
    assert session.props[PANELS] is not None
    parts = chart_parts(session)
    assert parts["key"] == session.props[KEY]
    wanted = expected_figures(app, mini_context, session.props[KEY])
    wanted_summaries = expected_summaries(app, mini_context, session.props[KEY])
    assert dict(zip([p.key for p in CHARTS], parts["summaries"], strict=True)) == wanted_summaries
    assert wanted_summaries != before_summaries
    for panel, patch in zip(CHARTS, parts["figures"], strict=True):
        assert "__dash_patch_update" in patch
        assert apply_patch(before[panel.key], patch) == wanted[panel.key]
    assert wanted != {panel.key: before[panel.key] for panel in CHARTS}


def test_a_view_chosen_before_the_map_was_drawn_is_the_one_mounted(mini_context):
    app = create_app(mini_context)
    session = session_for(app, drawn={})
    session.open("/")
    session.set({(ids.AREA, "value"): "gwent"})
    session.set({READY: True})
    assert mounted_figures(session) == expected_figures(app, mini_context, session.props[KEY])
    assert "gwent" in session.props[MOUNTED]


def test_a_view_that_came_while_the_charts_were_mounted_is_patched_in(mini_context):
    # The charts were mounted with the first view and the key has moved on meanwhile: the
    # changes held for the key now shown name that key, not the mounted one, so the browser
    # applies them once the panels are mounted (drawPanelCharts skips only the changes of the
    # view the panels were mounted with), and they bring the mounted charts to that view.
    app = create_app(mini_context)
    session = session_for(app)
    session.open("/")
    mounted = session.props[MOUNTED]
    session.set({(ids.AREA, "value"): "gwent"})
    assert session.props[MOUNTED] == mounted != session.props[KEY]
    parts = chart_parts(session)
    assert parts["key"] == session.props[KEY] != mounted
    wanted = expected_figures(app, mini_context, session.props[KEY])
    first = mounted_figures(session)
    for panel, patch in zip(CHARTS, parts["figures"], strict=True):
        assert apply_patch(first[panel.key], patch) == wanted[panel.key]
