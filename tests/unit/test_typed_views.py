"""The review pages' and the profile's views are frozen dataclasses with typed fields (issue 25,
item 3), built on the shipped data; the need page's measure control answers from the view cache
with the figure the page itself draws."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing

import plotly.graph_objects as go
import pytest

from dashboard.domain import need
from dashboard.views import page_views, profile, view_codec
from dashboard.views.funding import FundingTimeline, funding_timeline_view, funding_view
from dashboard.views.gap_review import GAP_FIELDS, gap_review
from dashboard.views.need import NeedScatter, need_scatter_view, need_view
from dashboard.views.state import ViewState
from dashboard.web import ids
from dashboard.web.view_cache import app_view_cache


def _field_types_hold(view: object) -> None:
    """``view`` is a frozen dataclass and every field holds a value of its declared kind (the
    outer type: a figure is a figure, a frame a frame, a mapping a mapping, None where allowed)."""
    cls = type(view)
    assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen
    for name, hint in typing.get_type_hints(cls).items():
        union = typing.get_origin(hint) in (typing.Union, types.UnionType)
        arms = typing.get_args(hint) if union else (hint,)
        kinds = tuple(
            object if arm is typing.Any else (typing.get_origin(arm) or arm) for arm in arms
        )
        value = getattr(view, name)
        assert isinstance(value, kinds), f"{cls.__name__}.{name}: {type(value).__name__}"


def test_the_gap_review_is_typed_and_counts_as_before(real_context):
    result = gap_review(real_context, level="region", include_all_wales=False, lang="en")
    _field_types_hold(result)
    assert set(result.figures) == set(GAP_FIELDS) == set(result.cells)
    assert all(isinstance(figure, go.Figure) for figure in result.figures.values())
    # Six regions in every field's cells, and one finding for each gap found.
    assert all(len(cells) == 6 for cells in result.cells.values())
    assert len(result.findings) == len(result.gaps)
    assert result.summary.cells == sum(
        len(row) for cells in result.cells.values() for row in cells.values()
    )


def test_the_need_and_funding_views_are_typed(real_context):
    view = need_view(real_context, measure=need.NEED_MEASURES[1], lang="cy")
    _field_types_hold(view)
    assert list(view.bars) == list(need.NEED_MEASURES)
    # The four Welsh police force areas, each its own point.
    assert len(view.scatter.data[0].x) == 4
    funding = funding_view(real_context, group="funder", lang="en")
    _field_types_hold(funding)
    assert int(funding.horizons.sum()) == len(funding.table)


@pytest.mark.parametrize(("level", "area_id"), [("force", "gwent"), ("region", "cardiff-and-vale")])
def test_the_area_summary_is_typed(real_context, level, area_id):
    summary = profile.area_summary(real_context, level=level, area_id=area_id, lang="en")
    _field_types_hold(summary)
    assert (summary.crime is None) == (level == "region")
    if summary.crime is not None:
        _field_types_hold(summary.crime)
        assert list(summary.crime.rates.index) == list(need.NEED_MEASURES)
    assert sum(summary.bands.values()) == summary.services == summary.local_count


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_need_scatter_round_trips_the_view_codec(real_context, lang):
    """The cached scatter is plain data: the shared store (Redis) can hold it and give it back
    whole, and it is the figure the page draws."""
    scatter = need_scatter_view(
        real_context, measure=need.NEED_MEASURES[0], lang=lang, provision="all"
    )
    assert view_codec.decode(view_codec.encode(scatter), NeedScatter) == scatter
    page = need_view(real_context, measure=need.NEED_MEASURES[0], lang=lang, provision="all")
    assert scatter.figure == json.loads(page.scatter.to_json())


def _scatter_request(measure: str, search: str) -> dict:
    return {
        "output": f"{ids.NEED_SCATTER}.figure",
        "outputs": {"id": ids.NEED_SCATTER, "property": "figure"},
        "inputs": [{"id": ids.NEED_SCATTER_MEASURE, "property": "value", "value": measure}],
        "state": [{"id": ids.URL, "property": "search", "value": search}],
        "changedPropIds": [f"{ids.NEED_SCATTER_MEASURE}.value"],
    }


def test_the_measure_control_answers_from_the_view_cache(real_context):
    """The callback sends the page's own figure for the measure, computed once per language,
    provision and wave (the overview's filters in the query do not make another entry)."""
    from app import create_app

    app = create_app(real_context)
    client = app.server.test_client()
    measure = need.NEED_MEASURES[2]
    answers = [
        client.post("/_dash-update-component", json=_scatter_request(measure, search)).get_json()[
            "response"
        ][ids.NEED_SCATTER]["figure"]
        for search in ("?lang=cy", "?lang=cy&level=force&sector=HMPPS")
    ]
    page = need_view(real_context, measure=measure, lang="cy")
    expected = json.loads(page.scatter.to_json())
    assert answers[0] == answers[1] == expected
    memo = app_view_cache(app).memo
    key = f"need-scatter:{measure}:" + page_views.view_cache_key(real_context, ViewState(lang="cy"))
    assert key in memo
    assert isinstance(memo.get(key), NeedScatter)


def test_an_unknown_measure_draws_the_default(real_context):
    from app import create_app

    client = create_app(real_context).server.test_client()
    answer = client.post(
        "/_dash-update-component", json=_scatter_request("<script>", "?lang=en")
    ).get_json()["response"][ids.NEED_SCATTER]["figure"]
    page = need_view(real_context, measure=need.NEED_MEASURES[1], lang="en")
    assert answer == json.loads(page.scatter.to_json())


def test_the_funding_timeline_round_trips_the_view_codec(real_context):
    timeline = funding_timeline_view(real_context, group="class", lang="cy")
    assert view_codec.decode(view_codec.encode(timeline), FundingTimeline) == timeline
    page = funding_view(real_context, group="class", lang="cy")
    assert timeline.figure == json.loads(page.timeline.to_json())


def test_the_grouping_control_answers_from_the_view_cache(real_context):
    from app import create_app

    app = create_app(real_context)
    body = {
        "output": f"{ids.FUNDING_TIMELINE}.figure",
        "outputs": {"id": ids.FUNDING_TIMELINE, "property": "figure"},
        "inputs": [{"id": ids.FUNDING_GROUP, "property": "value", "value": "region"}],
        "state": [{"id": ids.URL, "property": "search", "value": "?provision=all&level=la"}],
        "changedPropIds": [f"{ids.FUNDING_GROUP}.value"],
    }
    answer = app.server.test_client().post("/_dash-update-component", json=body).get_json()
    page = funding_view(real_context, group="region", lang="en", provision="all")
    assert answer["response"][ids.FUNDING_TIMELINE]["figure"] == json.loads(page.timeline.to_json())
    memo = app_view_cache(app).memo
    settings = ViewState(provision="all")
    today = dt.date.today().isoformat()
    key = f"funding-timeline:region:{today}:" + page_views.view_cache_key(real_context, settings)
    assert isinstance(memo.get(key), FundingTimeline)
