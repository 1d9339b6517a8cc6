"""What a tester could not read at 1366x768 and 1024x768, measured in the browser: map labels
against the fill drawn under them, labels on another area's shape, fractional ticks on a count's
colour bar, /need's names over each other and bar values under the Wales note, and a scorecard
cut off at its right edge."""

from __future__ import annotations

import pytest

from dashboard.views import theme
from dashboard.web import ids
from tools import browser
from tools.browser import wait_until, wait_until_settled

pytestmark = pytest.mark.browser

#: The maps checked: the overview at each level, and area profiles (their own maps).
MAPS = (
    ("/?level=region", ids.MAP),
    ("/?level=force", ids.MAP),
    ("/?level=la", ids.MAP),
    ("/?level=force&metric=per_100k", ids.MAP),
    ("/force/gwent", ids.PROFILE_MAP),
    ("/force/south-wales", ids.PROFILE_MAP),
    ("/region/cardiff-and-vale", ids.PROFILE_MAP),
)


def drawn_labels(dash_duo, path: str, graph_id: str) -> dict:
    dash_duo.wait_for_page(f"{dash_duo.server_url}{path}")
    wait_until_settled(dash_duo.driver)
    return wait_until(
        lambda: (
            (found := browser.label_grounds(dash_duo.driver, graph_id))
            and found["labels"]
            and found
        ),
        timeout=15,
        what=f"the labels of {path}",
    )


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_every_map_label_reads_on_the_fill_drawn_under_it(dash_duo, mini_app, lang):
    """Black "10" on the darkest blue was unreadable on screen and on paper, and "RCT 1" sat on
    Neath Port Talbot's shape: each label's rendered colour has 4.5:1 contrast with the fill
    rendered under its middle (or the map's background), and none of its letters lies on
    another area (whether a label moved off its area has its leader line is measured on the
    figure: tests/unit/test_map_labels.py)."""
    dash_duo.start_server(mini_app, navigate=False)
    problems = []
    for path, graph_id in MAPS:
        address = f"{path}{'&' if '?' in path else '?'}lang={lang}"
        found = drawn_labels(dash_duo, address, graph_id)
        for label in found["labels"]:
            middle, *letters = label["samples"]
            fill = middle["fill"] or found["background"]
            ratio = theme.contrast_ratio(label["colour"], fill)
            if ratio < theme.MIN_CONTRAST:
                problems.append(
                    f"{address}: {label['text']!r} {label['colour']} on {fill}: {ratio:.2f}:1"
                )
            others = {s["area"] for s in letters if s["area"] not in (None, label["area"])}
            if others:
                problems.append(
                    f"{address}: {label['text']!r} ({label['area']}) lies on {sorted(others)}"
                )
    assert not problems, "\n".join(problems)


COLOUR_BAR_TICKS_JS = """
const gd = document.querySelector('#%s .js-plotly-plot');
return [...gd.querySelectorAll('.colorbar text')]
  .filter(t => !(t.getAttribute('class') || '').includes('title')).map(t => t.textContent);
"""


@pytest.mark.parametrize("level", ["region", "force", "la"])
def test_a_count_colour_bar_shows_whole_numbers_only(dash_duo, open_page, level):
    open_page(f"/?level={level}")
    wait_until_settled(dash_duo.driver)
    ticks = wait_until(
        lambda: dash_duo.driver.execute_script(COLOUR_BAR_TICKS_JS % ids.MAP), timeout=15
    )
    assert all(tick.strip().isdigit() for tick in ticks), ticks
    assert "0" in ticks and len(ticks) >= 2


#: Every chart of a page: its texts (point names, bar values), its notes (annotations), its
#: markers and its plot area, as drawn boxes.
CHART_BOXES_JS = """
const box = e => { const r = e.getBoundingClientRect();
  return {text: e.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
return [...document.querySelectorAll('.js-plotly-plot')].map(gd => ({
  id: gd.parentElement.id || '',
  chart: box(gd),
  plot: box(gd.querySelector('.nsewdrag')),
  texts: [...gd.querySelectorAll('.scatterlayer .textpoint text, .barlayer .bartext')]
    .filter(t => t.textContent.trim()).map(box),
  notes: [...gd.querySelectorAll('.annotation-text')].map(box),
  markers: [...gd.querySelectorAll('.scatterlayer .point')].map(box),
}));
"""


@pytest.mark.parametrize("window", [(1366, 768), (1024, 768)], ids=["laptop", "projector"])
@pytest.mark.parametrize("lang", ["en", "cy"])
def test_need_names_and_values_stand_clear_of_each_other(dash_duo, open_page, lang, window):
    """The forces' names lay over each other on an axis from 0 to 4.4 with every point between
    3.26 and 3.44, and the bars' values ran under the "Wales 12.49" note."""
    open_page()
    dash_duo.driver.set_window_size(*window)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/need?lang={lang}")
    dash_duo.wait_for_element(f"#{ids.NEED_SCATTER} .scatterlayer .point", timeout=20)
    wait_until_settled(dash_duo.driver)
    charts = dash_duo.driver.execute_script(CHART_BOXES_JS)
    scatter = next(chart for chart in charts if chart["id"] == ids.NEED_SCATTER)
    bars = [chart for chart in charts if chart["id"] != ids.NEED_SCATTER]
    assert len(scatter["texts"]) == len(scatter["markers"]) == 4 and len(bars) == 4
    # Fitted: the points spread over more than a tenth of the plot's width.
    xs = [(m["left"] + m["right"]) / 2 for m in scatter["markers"]]
    assert (max(xs) - min(xs)) / (scatter["plot"]["right"] - scatter["plot"]["left"]) > 0.1
    problems = browser.overlapping(scatter["texts"] + scatter["notes"])
    for index, text in enumerate(scatter["texts"]):
        others = [m for j, m in enumerate(scatter["markers"]) if j != index]
        problems += [(text["text"], "a marker") for _ in browser.overlapping([text, *others])[:1]]
    for chart in bars:
        assert chart["notes"], "the Wales note"
        problems += browser.overlapping(chart["texts"] + chart["notes"])
        for text in chart["texts"] + chart["notes"]:
            if (
                text["right"] > chart["chart"]["right"] + 1
                or text["left"] < chart["chart"]["left"] - 1
            ):
                problems.append((text["text"], "outside its chart"))
    assert problems == []


SCORECARD_JS = """
const wrap = document.querySelector('.scorecard-wrap');
return {scroll: wrap.scrollWidth, client: wrap.clientWidth, tabindex: wrap.getAttribute('tabindex'),
        role: wrap.getAttribute('role'), label: wrap.getAttribute('aria-label')};
"""


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_scorecard_fits_a_1366_screen_and_scrolls_in_a_named_region_below_it(
    dash_duo, real_app, lang
):
    """Its last column was cut off at 1366 px, in English and in Welsh."""
    dash_duo.start_server(real_app, navigate=False)
    driver = dash_duo.driver
    for width, fits in ((1366, True), (1024, True), (800, False)):
        driver.set_window_size(width, 768)
        for level in ("region", "force"):
            driver.get(f"{dash_duo.server_url}/scorecard?lang={lang}&level={level}")
            dash_duo.wait_for_element(f"#{ids.SC_BODY}", timeout=20)
            wait_until_settled(driver)
            table = driver.execute_script(SCORECARD_JS)
            if fits:
                assert table["scroll"] <= table["client"], (width, level, table)
            # Wherever it scrolls, a keyboard reaches the region and a screen reader names it.
            assert (table["tabindex"], table["role"]) == ("0", "region")
            assert table["label"]
