"""The overview's callbacks called directly, without HTTP or Dash's request context: a click
on Gwent, a filter ticked and a bad address, on the six-row fixture (counts known by hand:
tests/fixtures/mini_interventions.csv).

A: South Wales / Cardiff and Vale; B: Dyfed-Powys / Mid and West Wales, domestic abuse and
stalking; C: North Wales (ended); D: Gwent / Gwent; E: all of Wales; F: South Wales, region
unknown. Current provision at region level for all of Wales: A, B, D and F, with E beside them.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from dash import Output, Patch, no_update

from callbacks import overview as callbacks
from callbacks import overview_charts, overview_disclosures, overview_links
from dashboard import config
from dashboard.domain.model import offered_filters
from dashboard.views import overview as overview_view
from dashboard.views import page_views, panel_registry, url_parsing
from dashboard.views.cache import ViewCache
from dashboard.web import ids
from layouts.overview import EVERY_SERVICE
from tests.integration.test_overview_disclosures import text_of

#: The overview's filters, in order (the column registry's).
FILTERS = tuple(offered_filters())
GWENT_CLICK = {"points": [{"location": "gwent"}]}
NO_FILTERS = tuple([] for _ in FILTERS)
#: The controls as the overview opens at ``/``.
OPENED = callbacks.Controls(
    level="region",
    metric="count",
    all_wales=False,
    provision="current",
    compare=EVERY_SERVICE,
    area="all",
    filters=NO_FILTERS,
)
#: Outputs of url_and_controls: pathname, search, 7 controls, the filters, the key.
SEARCH, AREA, AREA_OPTIONS, KEY = 1, 7, 8, 9 + len(FILTERS)


@pytest.fixture
def cache() -> ViewCache:
    """A view cache of the test's own (the app makes one per app)."""
    return ViewCache()


def changed(outputs: tuple) -> dict[int, object]:
    """The outputs that are not ``no_update``, by position."""
    return {index: value for index, value in enumerate(outputs) if value is not no_update}


def test_a_click_on_gwent_writes_its_address_area_and_key(mini_context, cache):
    outputs = callbacks.url_and_controls(
        mini_context, cache, ids.MAP, "/", "", OPENED, GWENT_CLICK, "/"
    )
    assert len(outputs) == 9 + len(FILTERS) + 1
    assert changed(outputs) == {SEARCH: "?area=gwent", AREA: "gwent", KEY: "/?area=gwent"}


def test_a_click_on_gwent_draws_gwent_from_its_key(mini_context, cache):
    title, list_toggle = callbacks.draw_panels(mini_context, cache, "/?area=gwent")
    assert text_of(title) == "Drill-down: Gwent"
    # D Phoenix only (E, all of Wales, is not added in unless asked).
    assert list_toggle == "Show the list (1)"
    map_outputs = callbacks.draw_map(mini_context, cache, "/?area=gwent", "/")
    assert map_outputs[-1] == "/?area=gwent"
    # Current: A, B, D, E and F (C has ended); in Gwent: D.
    assert text_of(map_outputs[3]) == (
        "5 of 5 current interventions match the filters. 1 of them in Gwent."
    )
    assert text_of(map_outputs[4]) == "Gwent"
    # The map already shows this key: nothing is sent again.
    assert (
        callbacks.draw_map(mini_context, cache, "/?area=gwent", "/?area=gwent") == (no_update,) * 7
    )


def test_the_list_of_gwent_is_drawn_only_while_open(mini_context, cache):
    assert callbacks.draw_list(mini_context, cache, "/?area=gwent", 2) is None
    table = json.loads(
        json.dumps(
            callbacks.draw_list(mini_context, cache, "/?area=gwent", 1).to_plotly_json(),
            default=lambda c: c.to_plotly_json(),
        )
    )
    assert "D Phoenix" in json.dumps(table)
    assert "A Drive" not in json.dumps(table)


def test_a_filter_ticked_writes_the_filters_address_and_nothing_else(mini_context, cache):
    stalking = [["stalking"] if key == "behaviour_focus" else [] for key in FILTERS]
    controls = replace(OPENED, filters=tuple(stalking))
    trigger = ids.filter_id("behaviour_focus")
    outputs = callbacks.url_and_controls(mini_context, cache, trigger, "/", "", controls, None, "/")
    assert changed(outputs) == {
        SEARCH: "?behaviour_focus=stalking",
        KEY: "/?behaviour_focus=stalking",
    }
    # B Choices is the one current service that names stalking.
    assert callbacks.draw_panels(mini_context, cache, "/?behaviour_focus=stalking")[1] == (
        "Show the list (1)"
    )


def test_a_bad_address_opens_the_canonical_view_and_corrects_the_url(mini_context, cache):
    search = "?level=nowhere&area=atlantis&metric=bogus&behaviour_focus=juggling"
    outputs = callbacks.url_and_controls(
        mini_context, cache, ids.OV_URL, "/", search, OPENED, None, "/?area=gwent"
    )
    # Every bad value dropped: all of Wales by region, the URL written back without them.
    assert changed(outputs) == {SEARCH: "", KEY: "/"}


def test_a_key_that_is_not_a_key_draws_nothing(mini_context, cache):
    for key in (None, 42, "area=gwent", ["/"]):
        assert callbacks.draw_map(mini_context, cache, key, "/") == (no_update,) * 7
        assert callbacks.draw_panels(mini_context, cache, key) == (no_update, no_update)
        assert callbacks.draw_list(mini_context, cache, key, 1) is None
        assert overview_links.download_report(mini_context, cache, 1, key) is no_update


def test_a_tampered_key_is_read_as_a_link(mini_context, cache):
    # Not a key the server wrote: parsed like any link, so only another valid view.
    assert callbacks.draw_map(mini_context, cache, "/?area=atlantis", None)[-1] == "/"


def test_a_level_changed_drops_an_area_it_does_not_have(mini_context, cache):
    controls = replace(OPENED, level="la", area="gwent")
    outputs = callbacks.url_and_controls(
        mini_context, cache, ids.LEVEL, "/", "?area=gwent", controls, None, "/?area=gwent"
    )
    found = changed(outputs)
    assert found[SEARCH] == "?level=la"
    assert found[AREA] == "all"
    assert found[KEY] == "/?level=la"


def test_an_address_of_another_level_sets_the_level_and_its_areas(mini_context, cache):
    # Back to an address at local-authority level: the controls follow it.
    outputs = callbacks.url_and_controls(
        mini_context, cache, ids.OV_URL, "/", "?level=la", OPENED, None, "/"
    )
    found = changed(outputs)
    assert set(found) == {2, AREA_OPTIONS, KEY}
    assert found[2] == "la"
    assert found[KEY] == "/?level=la"
    # Wales's 22 local authorities, after "All of Wales".
    assert len(found[AREA_OPTIONS]) == 23
    assert found[AREA_OPTIONS][0]["value"] == "all"


def test_a_level_chosen_in_its_dropdown_brings_its_areas(mini_context, cache):
    """The dropdown already holds the level chosen; the area's options still listed the
    regions (the tester's "Force" showed "Cardiff and Vale")."""
    chosen = replace(OPENED, level="force")
    outputs = callbacks.url_and_controls(mini_context, cache, ids.LEVEL, "/", "", chosen, None, "/")
    options = changed(outputs)[AREA_OPTIONS]
    assert [option["value"] for option in options] == [
        "all",
        "dyfed-powys",
        "gwent",
        "north-wales",
        "south-wales",
    ]


def test_the_reset_button_keeps_the_area_and_drops_the_filters(mini_context, cache):
    stalking = [["stalking"] if key == "behaviour_focus" else [] for key in FILTERS]
    controls = replace(OPENED, filters=tuple(stalking))
    outputs = callbacks.url_and_controls(
        mini_context,
        cache,
        ids.RESET,
        "/",
        "?behaviour_focus=stalking",
        controls,
        None,
        "/?behaviour_focus=stalking",
    )
    found = changed(outputs)
    assert found[SEARCH] == ""
    assert found[KEY] == "/"
    assert found[9 + list(FILTERS).index("behaviour_focus")] == []


@pytest.mark.parametrize(
    ("click", "location"),
    [
        (GWENT_CLICK, "gwent"),
        (None, None),
        ({"points": []}, None),
        ({"points": [{"location": 3}]}, None),
    ],
)
def test_the_clicked_area(click, location):
    assert callbacks.clicked_location(click) == location


def test_a_change_draws_the_map_text_and_charts_in_one_answer(mini_context, cache):
    """A click on Gwent: the URL, the key, the map, the heading and every mounted chart come in
    the one answer; the same change again (the key already held, the map showing it) draws
    nothing more."""
    outputs = [each for each in callbacks.change_dependencies() if isinstance(each, Output)]
    names = [f"{each.component_id}.{each.component_property}" for each in outputs]
    mounted = ("behaviour", "evidence")
    toggles = [{"type": ids.CHART_TABLE_TOGGLE, "panel": key} for key in mounted]
    tables = overview_disclosures.ChartTables([1, 2], toggles, 2)  # the first table open
    held = callbacks.Held("/", "/", None, overview_charts.MountedCharts(mounted, mounted), tables)
    answer = callbacks.change_outputs(
        mini_context, cache, ids.MAP, "/", "", OPENED, GWENT_CLICK, held
    )
    drawn = dict(zip(names, answer, strict=True))
    assert drawn[f"{ids.VIEW_KEY}.data"] == "/?area=gwent"
    assert drawn[f"{ids.MAP_DRAWN}.data"] == "/?area=gwent"
    assert "Gwent" in str(drawn[f"{ids.PANEL_TITLE}.children"])
    pending, figures, summaries, shown = answer[-4:]
    assert pending is no_update  # the charts are mounted: patched in the answer itself
    assert shown == "/?area=gwent"
    assert [type(figure) for figure in figures] == [Patch, Patch]
    view = page_views.view_for_key(cache, mini_context, "/?area=gwent")
    assert summaries == [overview_view.panel_alternative(view, key)[0] for key in mounted]
    # The address changed, so the links follow it.
    assert drawn[f"{ids.LANG_SWITCH}.href"] == "/?area=gwent&lang=cy"
    # The list is closed: left alone. The first chart's table is open: drawn for Gwent; the
    # second is closed: left alone.
    assert drawn[f"{ids.PANEL_LIST}.children"] is no_update
    open_table, closed_table = answer[-5]
    assert open_table is not None and open_table is not no_update
    assert closed_table is no_update
    again = callbacks.change_outputs(
        mini_context,
        cache,
        ids.MAP,
        "/",
        "?area=gwent",
        replace(OPENED, area="gwent"),
        GWENT_CLICK,
        callbacks.Held("/?area=gwent", "/?area=gwent", None, held.charts),
    )
    flat = [each for value in again for each in (value if isinstance(value, list) else [value])]
    assert all(value is no_update for value in flat)
    # Before the panels are mounted, the charts' outputs match nothing.
    early = callbacks.change_outputs(
        mini_context, cache, ids.MAP, "/", "", OPENED, GWENT_CLICK, callbacks.Held("/", "/", None)
    )
    assert early[-3:] == ([], [], no_update)
    assert early[-4]["key"] == "/?area=gwent"


def test_changes_are_left_for_the_charts_only_while_none_is_mounted(mini_context, cache):
    view = page_views.view_for_key(cache, mini_context, "/?area=gwent")
    mounted = overview_charts.MountedCharts(("behaviour",), ("behaviour",))
    # Mounted: the answer patches them itself, and leaves nothing.
    assert overview_charts.pending_charts(view, mounted) is no_update
    assert overview_charts.pending_charts(None, overview_charts.MountedCharts()) is no_update
    # None mounted: every panel's Patch and summary, by panel key, with the view's key.
    pending = overview_charts.pending_charts(view, overview_charts.MountedCharts())
    keys = {panel.key for panel in panel_registry.panels()}
    assert pending["key"] == "/?area=gwent"
    assert set(pending["figures"]) == set(pending["summaries"]) == keys
    assert all("__dash_patch_update" in patch for patch in pending["figures"].values())


def test_the_charts_matched_are_read_one_value_per_entry():
    """Dash wants one value per output matched: an entry naming no panel keeps its place (and
    gets no update), whatever a tampered request matched."""
    graph = {"id": {"type": ids.PANEL_GRAPH, "panel": "behaviour"}, "property": "figure"}
    odd = {"id": {"type": ids.PANEL_GRAPH, "panel": "nonsense"}, "property": "figure"}
    charts = overview_charts.mounted_charts([[], [graph, odd, "x"], [graph], {}])
    assert charts == overview_charts.MountedCharts(("behaviour", "nonsense", ""), ("behaviour",))
    assert overview_charts.mounted_charts("garbage") == overview_charts.MountedCharts()


def test_the_list_is_drawn_when_opened_and_emptied_when_closed(mini_context, cache):
    assert overview_disclosures.draw_list_on_toggle(mini_context, cache, 1, "/?area=gwent")
    assert overview_disclosures.draw_list_on_toggle(mini_context, cache, 2, "/?area=gwent") is None


def test_chart_tables_answer_one_value_per_matched_output(mini_context, cache):
    assert overview_disclosures.chart_tables(mini_context, cache, "/", [1], [], 2) == [
        no_update,
        no_update,
    ]
    toggles = [{"type": ids.CHART_TABLE_TOGGLE, "panel": "behaviour"}, {"panel": "nonsense"}]
    tables = overview_disclosures.chart_tables(mini_context, cache, "/", [1, 1], toggles, 2)
    assert tables[0] is not None
    assert tables[1] is None


def test_the_language_switch_follows_the_address():
    assert (
        overview_links.keep_language_switch_in_step(None, None, "/", "?area=gwent")
        == "/?area=gwent&lang=cy"
    )


def test_the_clientside_functions_are_in_the_assets_file():
    script = (config.ASSETS_DIR / "overview-callbacks.js").read_text(encoding="utf-8")
    defined = set(re.findall(r"^  (\w+): function", script, flags=re.MULTILINE))
    assert {cb.function_name for cb in callbacks.clientside_callbacks()} == defined
    # The element ids the overview's scripts look up are the ids module's.
    assert set(re.findall(r'getElementById\("([^"]+)"\)', script)) == {ids.MAP}
    scroll = (config.ASSETS_DIR / "overview-scroll.js").read_text(encoding="utf-8")
    assert set(re.findall(r'getElementById\("([^"]+)"\)', scroll)) == {ids.MAP, ids.PANEL_TITLE}


def test_no_callback_is_defined_inside_another():
    for callback in callbacks.server_callbacks():
        assert "<locals>" not in callback.function.__qualname__


def test_the_architecture_note_names_every_callback_of_the_overview():
    note = (config.PROJECT_ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = note.split("## One interaction")[1].split("\n## ")[0]
    named = set(re.findall(r"^\| `(\w+)`", section, flags=re.MULTILINE))
    assert named == {cb.function.__name__ for cb in callbacks.server_callbacks()} | {
        cb.function_name for cb in callbacks.clientside_callbacks()
    }


def test_the_wave_asked_for_is_read_as_the_parser_reads_it(real_context):
    # ``wave_of`` reads only the wave (no whole parse): the same answer as parsing the query.
    assert len(real_context.wave_ids) >= 2
    searches = [
        "",
        "?wave=nowhere",
        "?wave=",
        "?lang=cy&wave=" + real_context.wave_ids[0],
        "?area=gwent&wave=" + real_context.wave_ids[-1],
        "?wave=" + real_context.wave_ids[0] + "&wave=" + real_context.wave_ids[-1],
        "?wave=" + real_context.wave_ids[0] + "&x=" + "y" * 5000,
        None,
        42,
    ]
    for search in searches:
        parsed = url_parsing.parse_for(real_context, "/", search).state.wave
        assert url_parsing.wave_of(real_context, search) == parsed, search


def test_a_new_view_leaves_a_closed_list_and_closed_tables_as_they_are(mini_context, cache):
    title, list_toggle, listed = callbacks.drill_down_text(
        mini_context, cache, ids.VIEW_KEY, "/?area=gwent", 2
    )
    assert text_of(title) == "Drill-down: Gwent"
    assert list_toggle == "Show the list (1)"
    assert listed is no_update
    # Open: the list follows the view.
    assert callbacks.drill_down_text(mini_context, cache, ids.VIEW_KEY, "/?area=gwent", 1)[2]
    # The disclosure's own clicks draw or empty the list, and only the list.
    closed = callbacks.drill_down_text(mini_context, cache, ids.PANEL_LIST_TOGGLE, "/", 2)
    assert closed == (no_update, no_update, None)
    toggles = [{"type": ids.CHART_TABLE_TOGGLE, "panel": "behaviour"}] * 2
    tables = overview_disclosures.chart_tables(
        mini_context, cache, "/", [1, 2], toggles, 2, new_view=True
    )
    assert tables[0] is not None and tables[0] is not no_update
    assert tables[1] is no_update
    assert (
        overview_disclosures.chart_tables(mini_context, cache, "/", [1, 2], toggles, 2)[1] is None
    )


def test_the_links_follow_the_address_in_one_answer(mini_context):
    switch, waves = overview_links.keep_links_in_step(mini_context, None, "/", "?area=gwent")
    assert switch == "/?area=gwent&lang=cy"
    assert waves == overview_links.keep_wave_links_in_step(mini_context, None, "/", "?area=gwent")
