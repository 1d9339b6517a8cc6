"""The files of waves and dated facts are validated like every data file: a broken one stops the
app with a message naming the file, the row, what is wrong and what is allowed (issue 24)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from dashboard.data.loader import DataError, load_bundle
from dashboard.data.public_record import collapse
from tests.support.waves import record_data_dir


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return record_data_dir(tmp_path / "data")


def rows_of(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def rewrite(path: Path, change) -> None:
    header, rows = rows_of(path)
    change(rows)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    def change(rows):
        rows[row][column] = value

    rewrite(path, change)


def refused(folder: Path) -> str:
    with pytest.raises(DataError) as caught:
        load_bundle(folder)
    return str(caught.value)


def test_the_record_fixture_loads(data):
    bundle = load_bundle(data)
    assert bundle.public_record is not None
    assert len(bundle.public_record.facts) == 9
    assert list(bundle.waves.waves["id"]) == ["review-2020", "documents-2023", "public-record-2026"]


def test_an_unknown_kind_of_wave(data):
    set_cell(data / "waves.csv", 1, "kind", "census")
    message = refused(data)
    assert "waves.csv" in message and "row 3" in message
    assert "'census'" in message and "documents, public record, survey" in message


def test_a_public_record_wave_must_be_based_on_a_wave_above_it(data):
    set_cell(data / "waves.csv", 2, "based_on", "review-2021")
    message = refused(data)
    assert "based_on must be, for the public record, the id of a wave declared above it" in message


def test_a_survey_wave_states_its_depth(data):
    def add(rows):
        rows.append({**rows[0], "id": "round-2", "kind": "survey", "sources": "waves/round-2.csv"})

    rewrite(data / "waves.csv", add)
    assert "depth is stated for a survey" in refused(data)


def test_a_documents_wave_names_sources_of_sources_csv(data):
    set_cell(data / "waves.csv", 0, "sources", "009_abcdef.txt")
    message = refused(data)
    assert "review-2020" in message and "009_abcdef.txt not in sources.csv" in message


def test_a_fact_value_outside_the_vocabulary(data):
    set_cell(data / "public_record" / "facts.csv", 0, "value", "thriving")
    message = refused(data)
    assert "facts.csv" in message and "row 2" in message and "'thriving'" in message
    assert (
        "value for field status: one value, allowed: active, pilot, planned, under review, "
        in message
    )
    assert "decommissioned;" in message


def test_an_ended_finding_states_decommissioned(data):
    set_cell(data / "public_record" / "facts.csv", 3, "value", "active")
    assert "an ended finding states status decommissioned or exists no" in refused(data)


def test_a_quote_not_in_its_excerpt(data):
    set_cell(data / "public_record" / "facts.csv", 0, "quote", "The MATAC pilot ended.")
    message = refused(data)
    assert "facts.csv row 2 (fact 'fx-matac-status')" in message
    assert "quote 'The MATAC pilot ended.' is not in excerpts/fixture-gwent-2025.txt" in message


def test_a_fact_of_a_page_not_in_pages_csv(data):
    set_cell(data / "public_record" / "facts.csv", 0, "source_id", "no-such-page")
    assert "source_id 'no-such-page' is not a page of pages.csv" in refused(data)


def test_a_page_needs_its_excerpt(data):
    (data / "public_record" / "excerpts" / "fixture-wales-2026.txt").unlink()
    message = refused(data)
    assert "fixture-wales-2026.txt: file not found" in message


def test_an_excerpt_without_its_separator(data):
    path = data / "public_record" / "excerpts" / "fixture-gwent-2025.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", ""), encoding="utf-8")
    assert "no '---' line" in refused(data)


def test_a_page_read_in_the_future(data):
    set_cell(data / "public_record" / "pages.csv", 0, "read", "2199-01-01")
    message = refused(data)
    assert "pages.csv" in message and "'2199-01-01'" in message


def test_a_link_with_an_unknown_relation(data):
    (data / "wave_links.csv").write_text(
        "old_id,new_id,relation,source,quote,note\n"
        "a,b,split,public_record/fixture-gwent-2025.txt,x,\n",
        encoding="utf-8",
    )
    message = refused(data)
    assert "wave_links.csv" in message and "'split'" in message and "renamed, merged" in message


def test_a_document_fact_about_no_service(data):
    set_cell(data / "document_facts.csv", 0, "intervention_id", "no-such-service")
    assert "intervention_id(s) no-such-service are not in the directory" in refused(data)


def test_sources_written_before_publication_dates_still_load(data):
    header, rows = rows_of(data / "sources.csv")
    buffer = io.StringIO()
    kept = [name for name in header if name != "published"]
    writer = csv.DictWriter(buffer, fieldnames=kept, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    (data / "sources.csv").write_text(buffer.getvalue(), encoding="utf-8")
    sources = load_bundle(data).sources
    assert list(sources["published"]) == list(sources["year"])


def test_whitespace_in_a_quote_is_collapsed_before_it_is_compared():
    assert collapse("  a\n  b\tc ") == "a b c"
