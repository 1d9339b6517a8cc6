"""The self-contained HTML report carries the view's numbers and loads nothing from elsewhere.

That it opens from disk and draws offline is tested in a real browser: tests/e2e/test_report_browser.py.
"""

from __future__ import annotations

import re

import pytest

from dashboard.views import overview as overview_view
from dashboard.views import report, url_parsing


@pytest.fixture
def gwent_view(mini_context):
    parsed = url_parsing.parse("/force/gwent", "?metric=per_100k", mini_context.la_slugs)
    return overview_view.compute_view(mini_context, parsed.state)


def test_report_carries_the_views_numbers(mini_context, gwent_view):
    page = report.build_report(mini_context, gwent_view)
    # Current provision only (C Hub is decommissioned); E All Wales is beside Gwent, not in it.
    assert "5 of 5 current interventions match the filters. 1 of them in Gwent." in page
    assert "D Phoenix" in page and "E All Wales" not in page
    assert "+1 available across all of Wales" in page
    assert "A Drive" not in page  # not in Gwent
    # No external reference anywhere: plotly.js and the boundaries are inlined.
    # No element loads anything from elsewhere (links inside plotly.js's own code are not loads).
    assert not re.search(r"""<(script|link|img|iframe)\b[^>]*(src|href)=["']https?://""", page)
    assert '"geojson":{"type":"FeatureCollection"' in page.replace(" ", "")


def test_welsh_report_table_says_its_values_in_welsh_and_marks_names_as_english(mini_context):
    """The report's table showed the status, precarity and evidence values raw (English) in the
    Welsh report, and the names unmarked."""
    parsed = url_parsing.parse("/force/gwent", "?lang=cy", mini_context.la_slugs)
    page = report.build_report(mini_context, overview_view.compute_view(mini_context, parsed.state))
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    assert '<td lang="en">D Phoenix' in table
    assert "<td>active</td>" not in table and "<td>gweithredol</td>" in table
