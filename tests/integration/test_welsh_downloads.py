"""The CSV downloads of a Welsh page are headed in Welsh, through the functions the download
callbacks use; an English page's keep their column identifiers. The gap review's downloads work."""

from __future__ import annotations

import pytest

from callbacks.review import panel_frame
from dashboard.views import downloads, panel_registry
from dashboard.views import state as view_state
from dashboard.web.pages import scorecard_for
from tests.support.english import english_in

#: Every CSV button: (page, panel).
DOWNLOADS = (
    *(("overview", panel.key) for panel in panel_registry.panels()),
    ("overview", "map"),
    ("overview", "list"),
    ("gaps", "behaviour"),
    ("gaps", "tier"),
    ("gaps", "risk"),
    ("need", "indicators"),
    ("need", "secondary"),
    ("funding", "table"),
)


def frame_for(context, page: str, panel: str, search: str):
    state = view_state.parse("/", search, context.la_slugs).state
    key = "".join(view_state.to_url(state))
    return panel_frame(context, page, panel, search, key)


@pytest.mark.parametrize(("page", "panel"), DOWNLOADS)
def test_welsh_csv_headers_have_no_english(real_context, page, panel):
    frame = frame_for(real_context, page, panel, "?lang=cy")
    assert frame is not None, f"{page}/{panel}: no download"
    headers = list(downloads.csv_table(frame, "cy").columns)
    unknown = [h for h in headers if "_" in h]
    assert not unknown, f"{page}/{panel}: identifiers left as headers: {unknown}"
    assert english_in(headers) == [], f"{page}/{panel}: English in the headers {headers}"


def test_welsh_scorecard_csv_is_headed_by_element_labels(real_context):
    view = scorecard_for(real_context, view_state.area_settings("?lang=cy"))
    labels = {element.id: element.label for element in view.elements}
    headers = list(downloads.csv_table(view.table(), "cy", labels).columns)
    assert "Gwasanaeth teulu: cyflwr" in headers
    assert not [h for h in headers if "_" in h]
    assert english_in(headers) == []


def test_english_csv_keeps_its_column_identifiers(real_context):
    frame = frame_for(real_context, "overview", "behaviour", "")
    assert list(downloads.csv_table(frame, "en").columns)[:2] == ["category", "interventions"]


def test_gap_review_download_has_one_row_per_area_and_category(real_context):
    """It failed ("cannot insert area_id, already exists"): the button did nothing."""
    frame = frame_for(real_context, "gaps", "behaviour", "")
    assert {"area_id", "category", "state", "count"} <= set(frame.columns)
