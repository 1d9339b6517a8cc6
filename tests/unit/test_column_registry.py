"""The column registry (``dashboard/data/columns.toml``): every table of columns derives from it,
and a wrong entry is refused with a message naming the file, the column and what is allowed."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from dash import html

from dashboard import catalogue, config
from dashboard.data import column_registry
from dashboard.data.ingest import answers, areas
from dashboard.domain import model
from dashboard.i18n import locale_for
from dashboard.views import csv_headers, panel_registry
from dashboard.views import directory as directory_view
from dashboard.web import ids
from layouts import directory as directory_layout
from layouts import overview as overview_layout

ENTRY = """
[[column]]
name = "{name}"
label = "A label"
origin = "file"
cell = "{cell}"
{extra}
"""


def registry(tmp_path: Path, *entries: str) -> Path:
    path = tmp_path / "columns.toml"
    path.write_text("\n".join(entries), encoding="utf-8")
    return path


def entry(name: str = "language", cell: str = "one", extra: str = 'vocabulary = "settings"') -> str:
    return ENTRY.format(name=name, cell=cell, extra=extra)


def _clear_caches() -> None:
    """Forget every table derived from the registry (they are read once and cached)."""
    for module in (column_registry, model, csv_headers):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


@pytest.fixture
def added_field(tmp_path, monkeypatch):
    """The shipped registry with one more column, as a maintainer would add a field."""
    text = column_registry.COLUMNS_FILE.read_text(encoding="utf-8")
    extra = entry(
        extra='vocabulary = "settings"\nfilter = { order = 10, key = "where" }\n'
        'grid = { order = 13, width = 120, header = "Where" }\ncsv_header = "where delivered"\n'
        "breakdown = true\nevidenced = true"
    )
    monkeypatch.setattr(column_registry, "COLUMNS_FILE", registry(tmp_path, text, extra))
    _clear_caches()
    yield
    monkeypatch.undo()
    _clear_caches()


def test_the_file_columns_are_the_header_of_the_shipped_directory():
    with (config.DATA_DIR / "interventions.csv").open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert column_registry.file_columns() == tuple(header)


def test_every_detail_column_is_in_the_detail_view_in_order_and_no_other():
    row = {column.name: "x" for column in column_registry.columns()}
    body = directory_layout.detail_body(row, locale_for("en"))
    shown = [item.children for item in body.children if isinstance(item, html.Dt)]
    expected = [column.label for column in column_registry.columns() if column.detail]
    assert shown == expected
    # kind is the one column a row's detail view leaves out (it is a filter only).
    assert "Kind of intervention" not in shown and len(shown) == len(column_registry.columns()) - 1


def test_the_grid_and_its_csv_are_the_registry_grid_columns():
    rows = [dict.fromkeys(directory_view.grid_fields(), "")]
    page = directory_layout.directory_page(rows, locale_for("en"), selected_id=None)
    grid = next(each for each in page._traverse() if getattr(each, "id", None) == ids.GRID)
    defs = [each for each in grid.columnDefs if not each.get("hide")]
    assert [each["field"] for each in defs] == [
        column.name for column in column_registry.grid_columns()
    ]
    widths = {each["field"]: each["width"] for each in defs}
    assert widths["name"] == 250 and widths["described"] == 150
    assert {each["headerName"] for each in defs} >= {"Funding ends", "Intervention"}
    english = {each["field"] for each in defs if each.get("cellRenderer") == "EnglishText"}
    assert english == {"name", "provider"}
    assert directory_view.csv_fields() == (*directory_view.grid_fields(), "source")


def test_every_csv_header_of_the_registry_heads_a_welsh_csv():
    welsh = locale_for("cy")
    for column in column_registry.columns():
        if column.csv_header:
            assert csv_headers.csv_header(column.name, "cy") == welsh(column.csv_header)
            assert csv_headers.csv_header(column.name, "en") == column.name
    assert csv_headers.csv_header("precarity", "cy") == "ansicrwydd cyllid"


def test_the_filters_are_the_registry_filters_in_its_order_with_their_labels():
    offered = model.offered_filters()
    declared = column_registry.filter_columns()
    assert list(offered) == [column.filter.key for column in declared if column.filter]
    assert list(offered)[:2] == ["behaviour_focus", "purpose"]
    assert offered["evaluation"][0] == "evidence_rung"
    assert offered["evaluation"][1] == model.DERIVED_VALUES["evidence rungs"]
    for column in declared:
        assert column.filter and overview_layout.filter_label(column.filter.key) == column.label


def test_the_ingest_questions_come_from_the_registry():
    assert answers.list_answers()["behaviour_focus"] == "behaviour"
    assert "police_force_areas" not in answers.list_answers()
    assert dict(areas.question_columns()) == {
        "police": "police_force_areas",
        "regions": "vawdasv_regions",
    }
    assert answers.single_answers()["status"] == "status"


def test_every_label_of_the_registry_is_a_catalogue_message():
    messages = set(catalogue.dynamic_messages())
    assert set(column_registry.labels()) <= messages
    assert {"Kind of intervention", "Funding ends", "funding precarity"} <= messages


def test_every_panel_counts_a_breakdown_of_the_registry():
    breakdowns = model.breakdowns()
    for panel in panel_registry.breakdown_panels():
        assert panel.column in breakdowns


def test_adding_a_field_is_one_entry(added_field):
    assert column_registry.file_columns()[-1] == "language"
    assert model.offered_filters()["where"][0] == "language"
    assert "language" in model.breakdowns()
    assert directory_view.grid_fields()[-1] == "language"
    assert column_registry.detail_labels()["language"] == "A label"
    assert csv_headers.headers()["language"] == "where delivered"
    assert "language" in column_registry.single_columns()
    assert "language" in column_registry.evidenced_columns()
    assert "where delivered" in catalogue.dynamic_messages()


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        (
            entry(extra='vocabulary = "moods"'),
            ["columns.toml", "'language'", "vocabulary 'moods' is not one of", "settings"],
        ),
        (entry(extra=""), ["columns.toml", "'language'", "vocabulary None is not one of"]),
        (
            entry(cell="text", extra='vocabulary = "settings"'),
            ["'language'", "a text column has no vocabulary"],
        ),
        (entry(cell="many"), ["'language'", "cell 'many' is not one of list, one, text"]),
        (
            entry(extra='vocabulary = "settings"\ncolour = "red"'),
            ["'language'", "unknown key 'colour'", "allowed: name, label"],
        ),
        (
            entry(extra='vocabulary = "settings"\ngrid = { order = 1, width = 5 }'),
            ["'language'", "grid.width must be a whole number of pixels 40-600, not 5"],
        ),
        (
            entry(cell="text", extra="filter = { order = 1 }"),
            ["'language'", "a filter needs a vocabulary"],
        ),
        (
            entry(extra='vocabulary = "settings"\nbreakdown = "yes"'),
            ["'language'", "breakdown must be true or false"],
        ),
        (
            entry(name="x", extra='vocabulary = "settings"') + entry(name="x"),
            ["columns.toml", "'x'", "name 'x' is also 'x''s"],
        ),
        (
            entry(name="a", extra='vocabulary = "settings"\nfilter = { order = 1 }')
            + entry(name="b", extra='vocabulary = "settings"\nfilter = { order = 1 }'),
            ["'b'", "filter.order 1 is also 'a''s"],
        ),
        (
            entry(extra='vocabulary = "settings"\nevidenced = true\nquestion = "q"').replace(
                'origin = "file"', 'origin = "shown"'
            ),
            ["'language'", "only a column of the file is evidenced"],
        ),
        ("[[column]\n", ["columns.toml: cannot be read"]),
    ],
)
def test_a_wrong_entry_is_refused_naming_the_file_column_and_what_is_allowed(tmp_path, bad, words):
    with pytest.raises(column_registry.ColumnRegistryError) as refused:
        column_registry.load(registry(tmp_path, bad))
    for word in words:
        assert word in str(refused.value)


def test_a_derived_column_takes_a_derived_vocabulary(tmp_path):
    bad = entry(extra='vocabulary = "settings"').replace('origin = "file"', 'origin = "derived"')
    with pytest.raises(column_registry.ColumnRegistryError, match="evidence rungs, precarity"):
        column_registry.load(registry(tmp_path, bad))
    # Every derived vocabulary the data layer names has its values in the domain.
    assert set(model.DERIVED_VALUES) == set(column_registry.vocab.DERIVED_VOCABULARIES)


def test_the_shipped_registry_loads():
    assert column_registry.load() == column_registry.columns()
