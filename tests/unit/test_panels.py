"""The fast drill-down charts (dashboard/panels.py) are exactly the validated builders' charts.

A full figure must be the same JSON as :func:`overview_view.panel_figure` (validated objects)
gives, and a ``Patch`` for view B applied to the chart of view A must give B's full figure.
"""

from __future__ import annotations

import dataclasses
import itertools
import json

import pytest
from plotly.utils import PlotlyJSONEncoder

from dashboard.views import overview as overview_view
from dashboard.views import panels, url_parsing
from tests.support.patches import apply_patch

QUERIES = (
    "",
    "?level=la",
    "?behaviour_focus=stalking",
    "?behaviour_focus=forced%20marriage",  # nothing matches: every bar zero, no funding years
    "?level=force&area=gwent&status=planned",
    "?lang=cy&level=la&area=cardiff",
    "?lang=cy&sector=police,health&risk_level=high",
)
KEYS = ("behaviour", "evidence", "precarity", "risk", "purpose", "tier", "sector", "funding-end")


def plain(figure) -> dict:
    return json.loads(json.dumps(figure.to_plotly_json(), cls=PlotlyJSONEncoder))


def slow_figure(view: overview_view.OverviewView, key: str) -> dict:
    return plain(overview_view.panel_figure(view, key))


@pytest.fixture(scope="module")
def computed(mini_context, real_context):
    out = []
    for context in (mini_context, real_context):
        for query in QUERIES:
            state = url_parsing.parse("/", query, context.la_slugs).state
            out.append(overview_view.compute_view(context, state))
    # A large directory: stacks of hundreds (the funding chart then leaves ticks to plotly).
    first = out[0]
    big = dataclasses.replace(
        first,
        funding_end=dataclasses.replace(
            first.funding_end,
            values=tuple(tuple(v * 100 for v in row) for row in first.funding_end.values),
        ),
        breakdowns={
            key: dataclasses.replace(
                breakdown, counts={k: v * 1000 for k, v in breakdown.counts.items()}
            )
            for key, breakdown in first.breakdowns.items()
        },
    )
    out.insert(2, big)
    return out


@pytest.mark.parametrize("key", KEYS)
def test_full_figure_is_the_validated_builders_figure(computed, key):
    for view in computed:
        assert panels.full_figure(view, key) == slow_figure(view, key)


@pytest.mark.parametrize("key", KEYS)
def test_patch_turns_any_chart_into_the_new_views_chart(computed, key):
    for before, after in itertools.permutations(computed[::2], 2):
        drawn = slow_figure(before, key)
        assert apply_patch(drawn, panels.figure_patch(after, key)) == slow_figure(after, key)


def test_patch_is_much_smaller_than_the_figure(computed):
    view = computed[0]
    for key in KEYS:
        patch = json.dumps(panels.figure_patch(view, key).to_plotly_json())
        figure = json.dumps(slow_figure(view, key))
        # Most of what a patch saves is the figure's template (its look), which it never carries.
        assert '"template"' not in patch, key
        assert len(patch) < len(figure) / (1.5 if key == "funding-end" else 2), key


def test_funding_end_axis_says_unknown_in_the_pages_language():
    """The funding chart's last category is the vocabulary value "unknown": it was shown raw (in
    English) on Welsh pages."""
    import pandas as pd

    from dashboard.i18n import locale_for
    from dashboard.views.figures import funding_end_values

    table = pd.DataFrame({"PCC": [2, 1]}, index=["2025-26", "unknown"])
    parts = funding_end_values(
        table, current_year="2026-27", labels={"PCC": "PCC"}, locale=locale_for("cy")
    )
    assert parts[("data",)][0]["x"] == ["2025-26", "2026-27", "anhysbys"]
    # The line marking this year still stands at this year's category.
    assert parts[("layout", "shapes")][0]["x0"] == 1
    english = funding_end_values(
        table, current_year="2026-27", labels={"PCC": "PCC"}, locale=locale_for("en")
    )
    assert english[("data",)][0]["x"] == ["2025-26", "2026-27", "unknown"]


def test_the_funding_end_table_says_unknown_years_in_welsh(real_context):
    """The chart's text alternative (and the printed profile's table) in the page's language:
    a funding end that no source states is "anhysbys", as on the chart's axis."""
    from dashboard.views import overview as overview_view
    from dashboard.views import url_parsing
    from dashboard.views.panel_registry import FUNDING_END

    state = url_parsing.parse("/", "?lang=cy", real_context.la_slugs).state
    view = overview_view.compute_view(real_context, state)
    _summary, _header, rows = overview_view.panel_alternative(view, FUNDING_END)
    years = {label.split(" · ")[0] for label, _count in rows}
    assert "anhysbys" in years
    assert "unknown" not in years
