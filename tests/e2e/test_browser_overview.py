"""Real-browser tests of the overview (Chromium via dash_duo), on the six-row fixture directory."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from dashboard.views import panel_registry
from dashboard.web import ids
from tools import browser
from tools.browser import wait_until

pytestmark = pytest.mark.browser


def map_state(dash_duo):
    return browser.map_state(dash_duo.driver, ids.MAP)


def scroll_click(dash_duo, element):
    browser.scroll_into_view(dash_duo.driver, element)
    element.click()


def severe_logs(dash_duo):
    return browser.severe(dash_duo.get_logs())


def test_overview_loads_without_console_errors(dash_duo, open_page):
    open_page()
    dash_duo.wait_for_text_to_equal(
        f"#{ids.MATCH_COUNT}", "5 of 5 current interventions match the filters."
    )
    wait_until(lambda: map_state(dash_duo))
    assert severe_logs(dash_duo) == []


#: Recorded from the document's start: when the map first shows its areas and when the first
#: drill-down chart is first plotted (``performance.now()``).
FIRST_DRAWS_JS = (
    browser.RENDERED_AREAS_JS
    + """
window.__firstDraws = {map: null, chart: null};
(function watch() {
  const draws = window.__firstDraws;
  const map = document.querySelector('#MAP .js-plotly-plot');
  if (draws.map === null && map && renderedAreas(map) > 0) { draws.map = performance.now(); }
  if (draws.chart === null && document.querySelector('.panel .js-plotly-plot .main-svg')) {
    draws.chart = performance.now();
  }
  if (draws.map === null || draws.chart === null) { setTimeout(watch, 2); }
})();
"""
)


def test_drill_down_charts_come_after_the_map_is_drawn(dash_duo, open_page):
    # Plotting the eight charts first held the map back on a first load; they are mounted once
    # the map shows its areas, then every chart is drawn with the view.
    open_page()
    dash_duo.driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument",
        {"source": FIRST_DRAWS_JS.replace("#MAP", f"#{ids.MAP}")},
    )
    open_page("/?level=force")
    draws = wait_until(
        lambda: (
            (d := dash_duo.driver.execute_script("return window.__firstDraws"))
            and d["map"] is not None
            and d["chart"] is not None
            and d
        ),
        timeout=20,
    )
    assert draws["map"] <= draws["chart"]
    browser.wait_until_settled(dash_duo.driver)
    charts = dash_duo.find_elements(".panel .js-plotly-plot")
    assert len(charts) == len(panel_registry.panels())
    titles = dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('.panel .js-plotly-plot')]"
        ".map(gd => gd._fullLayout.title.text || '')"
    )
    assert all(titles), titles
    assert severe_logs(dash_duo) == []


@pytest.mark.parametrize(("level", "areas"), [("region", 6), ("force", 4), ("la", 22)])
def test_map_has_one_shape_per_area(dash_duo, open_page, level, areas):
    open_page(f"/?level={level}")
    dash_duo.wait_for_element(f"#{ids.MATCH_COUNT}")

    def drawn():
        state = map_state(dash_duo)
        if not state:
            return None
        located = sum(len(locations) for locations in state["locations"])
        full = located == areas and state["rendered"] == areas and len(state["labels"]) == areas
        return state if full else None

    state = wait_until(drawn, timeout=15)
    all_ids = [area for locations in state["locations"] for area in locations]
    assert len(set(all_ids)) == areas
    # Each area labelled on the map: its value, or in words when none is recorded.
    assert all(label.strip() for label in state["labels"])
    if level == "region":
        assert any(label.startswith("Gwent") for label in state["labels"])
        assert any(label.endswith("none recorded") for label in state["labels"])
    assert severe_logs(dash_duo) == []


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize(("level", "areas"), [("region", 6), ("force", 4), ("la", 22)])
def test_map_labels_do_not_overlap_at_1366_wide(dash_duo, open_page, level, areas, lang):
    # On a projector every label must be read without hovering: no label over another.
    open_page(f"/?level={level}&lang={lang}")
    wait_until(lambda: (state := map_state(dash_duo)) and len(state["labels"]) == areas, timeout=15)
    boxes = browser.label_boxes(dash_duo.driver, ids.MAP)
    assert len(boxes) == areas
    assert browser.overlapping(boxes) == []


def test_clicking_an_area_updates_the_panels(dash_duo, open_page):
    open_page()
    dash_duo.wait_for_text_to_equal(
        f"#{ids.MATCH_COUNT}", "5 of 5 current interventions match the filters."
    )
    wait_until(lambda: (map_state(dash_duo) or {}).get("rendered") == 6, timeout=15)
    # Gwent's shape on the SVG map, then a real mouse click on it.
    gwent = dash_duo.driver.execute_script(
        f"""
        return [...document.querySelectorAll('#{ids.MAP} .geo path.choroplethlocation')]
            .find(p => p.__data__ && p.__data__.loc === 'gwent');
        """
    )
    # The charts are mounted (after the map) before the click; what they show is read back
    # from plotly, with each chart's one-line summary.
    drawn_js = (
        "return [...document.querySelectorAll('.panel .js-plotly-plot')].map(gd => "
        "JSON.stringify(gd.data.map(trace => [trace.x, trace.y])) + "
        "gd.closest('.panel').querySelector('.visually-hidden').textContent);"
    )
    charts_before = wait_until(
        lambda: len(drawn := dash_duo.driver.execute_script(drawn_js)) == 8 and drawn
    )
    browser.scroll_into_view(dash_duo.driver, gwent)
    ActionChains(dash_duo.driver).move_to_element(gwent).click().perform()
    dash_duo.wait_for_text_to_equal(f"#{ids.PANEL_TITLE}", "Drill-down: Gwent")
    # Every chart and its summary is redrawn for Gwent (the changes come with the click's one
    # answer and are applied in the browser).
    wait_until(
        lambda: all(
            after != before
            for after, before in zip(
                dash_duo.driver.execute_script(drawn_js), charts_before, strict=True
            )
        )
    )
    # The heading names the area, which links to its profile.
    dash_duo.wait_for_text_to_equal(f"#{ids.OV_TITLE}", "Gwent")
    link = dash_duo.find_element(f"#{ids.PROFILE_LINK} a")
    assert urlparse(link.get_attribute("href")).path == "/region/gwent"
    # Gwent: Phoenix only; the all-Wales programme is beside it, not in it (hand count).
    dash_duo.wait_for_contains_text(f"#{ids.MATCH_COUNT}", "1 of them in Gwent")
    # The overview stays the overview, its area in the query.
    url = urlparse(dash_duo.driver.current_url)
    assert (url.path, url.query) == ("/", "area=gwent")
    # The drill-down's heading has come into view.
    wait_until(
        lambda: dash_duo.driver.execute_script(
            "const r = document.getElementById(arguments[0]).getBoundingClientRect();"
            "return r.top >= 0 && r.bottom <= window.innerHeight;",
            ids.PANEL_TITLE,
        )
    )
    # The list is drawn when opened, and then follows the view.
    dash_duo.wait_for_text_to_equal(f"#{ids.PANEL_LIST_TOGGLE}", "Show the list (1)")
    assert dash_duo.find_elements(f"#{ids.PANEL_LIST} tbody tr") == []
    scroll_click(dash_duo, dash_duo.find_element(f"#{ids.PANEL_LIST_TOGGLE}"))
    rows = wait_until(lambda: dash_duo.find_elements(f"#{ids.PANEL_LIST} tbody tr"))
    assert sorted(row.find_element(By.TAG_NAME, "td").text for row in rows) == ["D Phoenix"]
    # A filter ticked next does not take the page back to the drill-down (once per click).
    box = dash_duo.find_element(f"#{ids.filter_id('behaviour_focus')} input[type=checkbox]")
    dash_duo.driver.execute_script("arguments[0].closest('details').open = true;", box)
    scroll_click(dash_duo, box)
    dash_duo.wait_for_contains_text(f"#{ids.MATCH_COUNT}", "of 5 current interventions match")
    dash_duo.wait_for_text_to_equal(f"#{ids.PANEL_TITLE}", "Drill-down: Gwent")
    browser.wait_until_still(dash_duo.driver)  # a smooth scroll, had one wrongly started, is over
    in_view = "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;"
    assert dash_duo.driver.execute_script(in_view, box)
    assert severe_logs(dash_duo) == []


def test_show_as_table_opens_the_charts_numbers_and_follows_the_view(dash_duo, open_page):
    from selenium.webdriver.support.ui import Select

    open_page()
    dash_duo.wait_for_text_to_equal(
        f"#{ids.MATCH_COUNT}", "5 of 5 current interventions match the filters."
    )
    details = dash_duo.driver.find_element(
        By.XPATH, f"//div[@id='{ids.panel_name('behaviour')}']/following-sibling::details"
    )
    assert details.find_elements(By.TAG_NAME, "table") == []  # nothing drawn while closed

    def table_rows():
        return {
            row.find_elements(By.TAG_NAME, "td")[0].text: row.find_elements(By.TAG_NAME, "td")[
                1
            ].text
            for row in details.find_elements(By.CSS_SELECTOR, "tbody tr")
        }

    scroll_click(dash_duo, details.find_element(By.TAG_NAME, "summary"))
    # All of Wales, current provision, in the six-row fixture: A, B, D and F (C Hub has ended).
    rows = wait_until(table_rows)
    assert rows["domestic abuse"] == "4"
    assert rows["stalking"] == "1"
    # Every counted service's behaviour focus is known in the fixture: a zero is "none recorded".
    assert rows["honour-based abuse"] == "0, none recorded"

    # While open, the table follows the view: Gwent has Phoenix (all-Wales services beside).
    Select(dash_duo.find_element(f"#{ids.AREA}")).select_by_value("gwent")
    dash_duo.wait_for_text_to_equal(f"#{ids.PANEL_TITLE}", "Drill-down: Gwent")
    wait_until(lambda: table_rows().get("domestic abuse") == "1")
    assert table_rows()["stalking"] == "0, none recorded"

    scroll_click(dash_duo, details.find_element(By.TAG_NAME, "summary"))
    wait_until(lambda: details.find_elements(By.TAG_NAME, "table") == [])
    assert severe_logs(dash_duo) == []


def test_filter_changes_count_and_map(dash_duo, open_page):
    open_page()
    dash_duo.wait_for_text_to_equal(
        f"#{ids.MATCH_COUNT}", "5 of 5 current interventions match the filters."
    )
    wait_until(lambda: map_state(dash_duo))
    before = map_state(dash_duo)["locations"]
    group = dash_duo.find_element(f"#{ids.filter_id('behaviour_focus')}")
    summary = group.find_element(By.XPATH, "./ancestor::details/summary")
    scroll_click(dash_duo, summary)
    scroll_click(
        dash_duo,
        dash_duo.find_element(f"#{ids.filter_id('behaviour_focus')} input[value='stalking']"),
    )
    dash_duo.wait_for_text_to_equal(
        f"#{ids.MATCH_COUNT}", "1 of 5 current interventions match the filters."
    )

    def changed():
        state = map_state(dash_duo)
        return state if state and state["locations"] != before else None

    after = wait_until(changed)["locations"]
    # Only Choices (Mid and West Wales) addresses stalking: one area has any, five have none.
    assert after[0] == ["mid-and-west-wales"]
    assert len(after[1]) == 5
    assert "behaviour_focus=stalking" in dash_duo.driver.current_url
    assert severe_logs(dash_duo) == []


def test_an_area_selected_on_the_overview_stays_in_its_query(dash_duo, open_page):
    open_page("/?level=force&area=south-wales")
    dash_duo.wait_for_text_to_equal(f"#{ids.PANEL_TITLE}", "Drill-down: South Wales")
    dash_duo.wait_for_text_to_equal(f"#{ids.OV_TITLE}", "South Wales")
    dash_duo.wait_for_contains_text(f"#{ids.MATCH_COUNT}", "2 of them in South Wales")
    checked = dash_duo.find_element(f"#{ids.LEVEL} input:checked")
    assert checked.get_attribute("value") == "force"
    assert severe_logs(dash_duo) == []


def test_shared_url_restores_the_view(dash_duo, open_page):
    open_page("/?level=force&area=gwent&metric=per_100k&sector=HMPPS,specialist+sector")
    dash_duo.wait_for_contains_text(f"#{ids.MATCH_COUNT}", "5 of 5 current")
    assert (
        dash_duo.find_element(f"#{ids.METRIC} input:checked").get_attribute("value") == "per_100k"
    )
    assert not dash_duo.find_element(f"#{ids.ALL_WALES}").is_selected()
    checked = dash_duo.find_elements(f"#{ids.filter_id('sector')} input:checked")
    assert sorted(box.get_attribute("value") for box in checked) == ["HMPPS", "specialist sector"]
    dash_duo.wait_for_contains_text(f"#{ids.MATCH_COUNT}", "1 of them in Gwent")
    # Reloading gives exactly the same view.
    dash_duo.driver.refresh()
    dash_duo.wait_for_contains_text(f"#{ids.MATCH_COUNT}", "1 of them in Gwent")
    assert urlparse(dash_duo.driver.current_url).query.startswith("level=force&area=gwent")
    assert severe_logs(dash_duo) == []


def test_force_route_is_the_force_profile(dash_duo, open_page):
    """/force/gwent is Gwent's own page: its name, its map, its summary, then its drill-downs
    (drawn with the page, the overview's filters in the query applied)."""
    open_page("/force/gwent?sector=HMPPS,specialist+sector")
    dash_duo.wait_for_text_to_equal("h1", "Gwent")
    summary = dash_duo.find_element(".key-figures").text
    assert "current interventions recorded in the area" in summary
    assert "of 4 police force areas" in summary
    # The filters apply to the drill-downs and the list (Phoenix only), not to the summary.
    assert "not to the summary" in dash_duo.find_element(".profile-filters").text
    rows = dash_duo.find_elements(".intervention-list tbody tr")
    assert [row.find_element(By.TAG_NAME, "td").text for row in rows] == ["D Phoenix"]
    assert "England and Wales: count" in dash_duo.find_element(".profile-crime").text
    heading = dash_duo.find_element(".profile-drill").text
    assert heading == "Drill-down: Gwent"
    assert dash_duo.find_elements(f"#{ids.MAP}") == []  # not the overview
    wait_until(lambda: (browser.map_state(dash_duo.driver, ids.PROFILE_MAP) or {}).get("rendered"))
    assert severe_logs(dash_duo) == []


def test_bad_url_gives_friendly_message(dash_duo, open_page):
    open_page("/region/atlantis?metric=bogus")
    dash_duo.wait_for_contains_text(f"#{ids.NOTICE}", "Unknown VAWDASV region")
    # The regions instead, each linked to its profile.
    dash_duo.wait_for_text_to_equal("h1", "VAWDASV regions")
    assert len(dash_duo.find_elements(".profile li a")) == 6
    assert "Traceback" not in dash_duo.driver.page_source
    assert severe_logs(dash_duo) == []


def test_every_request_goes_to_the_app(dash_duo, open_page):
    """Offline by default: every resource the pages load (Resource Timing API) is the app's."""
    open_page()
    app_origin = dash_duo.server_url.rstrip("/")
    seen = set()
    for path in ("/?level=la", "/force/gwent?metric=per_100k", "/directory"):
        dash_duo.wait_for_page(app_origin + path)
        dash_duo.wait_for_element(f"#{ids.MATCH_COUNT}, #{ids.GRID_COUNT}, .key-figures")
        browser.wait_until_settled(dash_duo.driver)
        seen |= set(
            dash_duo.driver.execute_script(
                "return performance.getEntries().map(e => e.name)"
                ".filter(n => /^(https?|wss?):/.test(n));"
            )
        )
    assert seen, "the page loaded resources"
    assert {urlparse(url).netloc for url in seen} == {urlparse(app_origin).netloc}
    assert any("/geometry/la.geojson" in url for url in seen)


#: Runs the overview's catchUpCharts as dash-renderer runs it (its outputs as matched: one chart
#: mounted), for each case, and says what it returned or that it prevented the update.
CATCH_UP_JS = """
const dc = window.dash_clientside;
const saved = dc.callback_context;
dc.callback_context = {triggered: [], outputs_list: [
  [{id: {type: arguments[0], panel: 'behaviour'}, property: 'figure'}],
  [{id: {type: arguments[1], panel: 'behaviour'}, property: 'children'}],
  {id: arguments[2], property: 'data'}]};
const pending = {key: '/?area=gwent', figures: {behaviour: {patch: 1}}, summaries: {behaviour: 'S'}};
const run = (...args) => {
  try { return dc.overview.catchUpCharts(...args); }
  catch (error) { return error === dc.PreventUpdate ? 'prevented' : String(error); }
};
const results = [
  run(pending, '/', null), run(pending, '/', '/?area=gwent'), run(pending, '/?area=gwent', null),
  run(null, '/', null), run(pending, null, null)];
dc.callback_context = saved;
return results;
"""


def test_changes_left_before_the_charts_were_mounted_are_applied_once(dash_duo, open_page):
    """catchUpCharts in the browser: charts mounted with "/" while the page moved on to Gwent
    take Gwent's changes; charts already showing Gwent (patched, or mounted with it), no
    changes left, or no chart mounted: nothing."""
    open_page()
    wait_until(lambda: len(dash_duo.find_elements(".panel .js-plotly-plot")) == 8, timeout=15)
    results = dash_duo.driver.execute_script(
        CATCH_UP_JS, ids.PANEL_GRAPH, ids.PANEL_SUMMARY, ids.CHARTS_SHOWN
    )
    assert results[0] == [[{"patch": 1}], ["S"], "/?area=gwent"]
    assert results[1:] == ["prevented"] * 4
