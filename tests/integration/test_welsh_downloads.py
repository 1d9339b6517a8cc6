"""The CSV downloads of a Welsh page are headed in Welsh, through the one function every download
(button and stable URL) uses; an English page's keep their column identifiers. The gap review's
downloads work."""

from __future__ import annotations

import csv
import io

import pytest

from dashboard.views import panel_registry
from dashboard.views.cache import ViewCache
from dashboard.views.csv_export import HEADER_MARK
from dashboard.web import downloads
from tests.support.english import english_in

#: Every CSV button: (page, panel).
DOWNLOADS = (
    *(("overview", panel.key) for panel in panel_registry.panels()),
    ("overview", "map"),
    ("overview", "list"),
    *(("gaps", panel) for panel in downloads.GAP_PANELS),
    *(("need", panel) for panel in downloads.NEED_PANELS),
    *(("funding", panel) for panel in downloads.FUNDING_PANELS),
    ("directory", downloads.DIRECTORY_PANEL),
)


def table_of(context, page: str, panel: str, search: str) -> list[list[str]]:
    """The rows of a download (its header row first), without its ``# `` lines."""
    csv_file = downloads.panel_csv(context, ViewCache(), page, panel, search)
    assert csv_file is not None, f"{page}/{panel}: no download"
    lines = csv_file.content.decode("utf-8").splitlines()
    return list(
        csv.reader(
            io.StringIO("\n".join(line for line in lines if not line.startswith(HEADER_MARK)))
        )
    )


@pytest.mark.parametrize(("page", "panel"), DOWNLOADS)
def test_welsh_csv_headers_have_no_english(real_context, page, panel):
    headers = table_of(real_context, page, panel, "?lang=cy")[0]
    unknown = [h for h in headers if "_" in h]
    assert not unknown, f"{page}/{panel}: identifiers left as headers: {unknown}"
    assert english_in(headers) == [], f"{page}/{panel}: English in the headers {headers}"


def test_welsh_scorecard_csv_is_headed_by_element_labels(real_context):
    headers = table_of(real_context, "scorecard", downloads.SCORECARD_PANEL, "?lang=cy")[0]
    assert "Gwasanaeth teulu: cyflwr" in headers
    assert not [h for h in headers if "_" in h]
    assert english_in(headers) == []


def test_english_csv_keeps_its_column_identifiers(real_context):
    headers = table_of(real_context, "overview", "behaviour", "")[0]
    assert headers[:2] == ["category", "interventions"]


def test_welsh_numbers_are_rounded_as_on_screen_before_the_headers_are_renamed(real_context):
    english = table_of(real_context, "overview", "map", "?metric=per_100k")
    welsh = table_of(real_context, "overview", "map", "?metric=per_100k&lang=cy")
    column = english[0].index("per_100k")
    assert [row[column] for row in welsh[1:]] == [row[column] for row in english[1:]]
    assert all(len(row[column].partition(".")[2]) <= 1 for row in english[1:])


def test_gap_review_download_has_one_row_per_area_and_category(real_context):
    """It failed ("cannot insert area_id, already exists"): the button did nothing."""
    headers = table_of(real_context, "gaps", "behaviour", "")[0]
    assert {"area_id", "category", "state", "count"} <= set(headers)
