"""An area's profile on paper shows each drill-down as its chart's table: the same numbers and
labels as the chart, its title and coverage, and its note in full (issue 12)."""

from __future__ import annotations

import pytest

from dashboard.data import vocabulary as vocab
from dashboard.views import overview as overview_view
from dashboard.views import panel_registry, panels, profile, url_parsing


def gwent_view(context, lang: str):
    search = "?lang=cy" if lang == "cy" else ""
    parsed = url_parsing.parse("/force/gwent", search, context.la_slugs)
    return overview_view.compute_view(context, parsed.state)


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize("key", [panel.key for panel in panel_registry.breakdown_panels()])
def test_a_printed_bar_chart_has_the_charts_labels_and_numbers(mini_context, lang, key):
    view = gwent_view(mini_context, lang)
    printed = profile.printed_panel(view, key)
    chart = panels.full_figure(view, key)["data"][0]
    assert [label for label, _number in printed.rows] == list(chart["y"])
    # The chart's own words for each bar: the number, or a zero as "none recorded" or "not
    # known" (whether every counted service is classified for the field).
    assert [number for _label, number in printed.rows] == list(chart["text"])
    assert [number for _label, number in printed.rows if number[0] != "0"] == [
        view.locale.number(value) for value in chart["x"] if value
    ]
    panel = panel_registry.panel(key)
    assert printed.title == view.locale(panel.chart_title or panel.title)
    assert printed.coverage == overview_view.coverage_text(view.breakdowns[key], view.locale)
    assert "{rule}" not in printed.note and printed.note


def test_the_behaviours_the_survey_names_as_gaps_keep_their_asterisk_on_paper(mini_context):
    view = gwent_view(mini_context, "en")
    printed = profile.printed_panel(view, "behaviour")
    categories = list(view.breakdowns["behaviour"].counts)
    marked = [
        category
        for category, (label, _n) in zip(categories, printed.rows, strict=True)
        if label.endswith(" *")
    ]
    assert marked and marked == [c for c in categories if c in vocab.GAP_BEHAVIOUR_FOCUSES]
    assert "*" in printed.title


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_printed_funding_end_is_its_table_and_names_the_current_year(mini_context, lang):
    view = gwent_view(mini_context, lang)
    printed = profile.printed_panel(view, panel_registry.FUNDING_END)
    _summary, header, rows = overview_view.panel_alternative(view, panel_registry.FUNDING_END)
    assert (printed.header, list(printed.rows)) == (header, rows)
    assert view.current_year in printed.coverage
