"""The goldens' own machinery (tests/support/golden_html.py, frozen_clock.py): a report's normal
form sees every change and only plotly's random ids are normalised; the clock is held only
inside the block, and dates built meanwhile are real dates."""

from __future__ import annotations

import datetime as dt
import json

from dashboard.views import report
from tests.support.frozen_clock import frozen_clock
from tests.support.golden_html import normal_form


def chart(chart_id: str, values: list[int]) -> str:
    data = json.dumps([{"type": "bar", "name": "funders", "y": values}])
    return (
        f'<div id="{chart_id}"></div><script>if (document.getElementById("{chart_id}")) '
        f'{{ Plotly.newPlot("{chart_id}", {data}, {{"title": {{"text": "Funding"}}}}, {{}}) }};'
        "</script>"
    )


def page(text: str = "Gwent", values=(1, 2), chart_id="0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"):
    return f"<html><body><h1>{text}</h1>{chart(chart_id, list(values))}<p>end</p></body></html>"


def changed_lines(before: str, after: str) -> list[str]:
    old, new = normal_form(before).splitlines(), normal_form(after).splitlines()
    assert len(old) == len(new)
    return [line for other, line in zip(old, new, strict=True) if line != other]


def test_random_chart_ids_are_numbered_and_nothing_else_is_normalised():
    first = normal_form(page(chart_id="0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"))
    assert first == normal_form(page(chart_id="11111111-2222-4333-8444-555555555555"))
    assert '<div id="uuid-1">' in first and "figure plotly chart uuid-1" in first
    assert "| Gwent" in first
    assert '  trace 0 bar "funders" sha256' in first and 'layout title "Funding"' in first


def test_each_change_shows_where_it_is():
    assert [line[:6] for line in changed_lines(page(), page(text="Powys"))] == ["page s", "| Powy"]
    changed = changed_lines(page(), page(values=(1, 3)))
    assert [line.split(" sha256")[0] for line in changed] == ["page", '    trace 0 bar "funders"']
    # Whitespace inside a text is not shown line by line, but the page's hash still sees it.
    assert [line[:11] for line in changed_lines(page(), page(text="Gwent "))] == ["page sha256"]


def test_the_clock_is_held_only_inside_the_block():
    instant = dt.datetime(2026, 11, 25, 12, 0)
    with frozen_clock(instant):
        assert report.dt.datetime.now() == instant
        assert report.dt.date.today() == instant.date()
        made = report.dt.date(2020, 1, 2)
        assert type(made) is dt.date and isinstance(made, report.dt.date)
        assert isinstance(dt.datetime.now(), report.dt.datetime)
    assert report.dt is dt and report.dt.date.today() == dt.date.today()
