"""The directory's callbacks called directly, without HTTP or Dash's request context, on the
six-row fixture (tests/fixtures/mini_interventions.csv: A to F, D Phoenix the one in Gwent)."""

from __future__ import annotations

import pytest
from dash import no_update

from callbacks import directory as callbacks
from dashboard.views.cache import ViewCache


@pytest.fixture(scope="module")
def data(mini_context) -> callbacks.DirectoryData:
    return callbacks.directory_data(mini_context)


def test_the_count_says_how_many_of_the_six_are_shown(data):
    assert callbacks.count(data, None, "") == "6 of 6 interventions shown"
    shown = [{"id": "d-phoenix"}, {"id": "b-choices"}]
    assert callbacks.count(data, shown, "") == "2 of 6 interventions shown"


def test_the_detail_view_opens_on_the_row_selected_or_named(data):
    is_open, body = callbacks.detail_view(data, [{"id": "d-phoenix"}], "", closed=False)
    assert is_open is True
    assert "D Phoenix" in str(body)
    is_open, body = callbacks.detail_view(data, None, "?id=b-choices", closed=False)
    assert is_open is True
    assert "B Choices" in str(body)


def test_the_detail_view_closes_and_ignores_what_is_not_a_row(data):
    assert callbacks.detail_view(data, [{"id": "d-phoenix"}], "", closed=True) == (
        False,
        no_update,
    )
    for selected in ([{"id": "nowhere"}], [{"id": 3}], ["d-phoenix"], "d-phoenix", None):
        assert callbacks.detail_view(data, selected, "", closed=False) == (False, no_update)


def test_the_export_writes_only_the_rows_shown(data):
    for clicks in (None, 0, True, "1"):
        assert callbacks.export(data, ViewCache(), clicks, [{"id": "d-phoenix"}], "") is no_update
    sent = callbacks.export(data, ViewCache(), 1, [{"id": "d-phoenix"}], "")
    assert sent["filename"].endswith(".csv")
    assert "D Phoenix" in sent["content"]
    assert "A Drive" not in sent["content"]


def test_the_quick_filter_is_the_search_index_answer(data):
    patch = callbacks.filter_rows(data, "phoenix", "").to_plotly_json()
    [operation] = patch["operations"]
    assert operation["location"] == ["quickFilterText"]
    assert operation["params"]["value"] == data.searches["en"].quick_filter("phoenix")
