"""What changed between two waves (issue 24): matching by identifier and reviewed links, the
classification of each service, the coverage rule for counts, and a synthetic follow-up survey
loaded through the ingest beside a 2023 round, every count hand-counted."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data import vocabulary as vocab
from dashboard.data.loader import load_bundle
from dashboard.domain import changes, coverage
from dashboard.domain.context import build_context
from tests.support.reference import AS_OF
from tests.support.waves import (
    BASELINE,
    FOLLOW_UP,
    FOLLOW_UP_CATEGORIES,
    record_data_dir,
    service_id,
    survey_data_dir,
)

LINKS = pd.DataFrame(
    [
        ("old-name", "new-name", "renamed", "x.csv row 2", "formerly old", ""),
        ("part-a", "whole", "merged", "x.csv row 3", "a and b merged", ""),
        ("part-b", "whole", "merged", "x.csv row 3", "a and b merged", ""),
        ("elsewhere", "not-there", "renamed", "x.csv row 4", "never matched", ""),
    ],
    columns=list(vocab.WAVE_LINK_COLUMNS),
)


# -- matching ---------------------------------------------------------------------------------
def test_services_match_by_identifier_then_by_a_reviewed_link():
    pairs, gone, arrived = changes.match(
        ["same", "old-name", "part-a", "part-b", "dropped"],
        ["same", "new-name", "whole", "fresh"],
        LINKS,
    )
    assert pairs == {
        "same": [("same", "", "", "")],
        "new-name": [("old-name", "renamed", "x.csv row 2", "formerly old")],
        "whole": [
            ("part-a", "merged", "x.csv row 3", "a and b merged"),
            ("part-b", "merged", "x.csv row 3", "a and b merged"),
        ],
    }
    assert gone == ["dropped"]
    assert arrived == ["fresh"]


def test_a_link_never_matches_a_service_that_kept_its_identifier():
    links = LINKS.assign(old_id=["same", "part-a", "part-b", "elsewhere"])
    pairs, _gone, arrived = changes.match(["same"], ["same", "new-name"], links)
    assert pairs == {"same": [("same", "", "", "")]}
    assert arrived == ["new-name"]


# -- classification ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("before", "after", "changed", "category"),
    [
        ({"status": "active"}, {"status": "decommissioned"}, True, changes.ENDED),
        ({"status": "pilot"}, {"status": "decommissioned"}, True, changes.ENDED),
        ({"status": "decommissioned"}, {"status": "decommissioned"}, False, changes.ENDED_BEFORE),
        ({"status": "pilot"}, {"status": "active"}, True, changes.CHANGED),
        ({"status": "active"}, {"status": "active"}, False, changes.CONTINUING),
    ],
)
def test_classify(before, after, changed, category):
    assert changes.classify(before, after, changed) == category


def test_field_changes_say_changed_now_stated_or_no_longer_stated():
    before = {
        "status": "pilot",
        "funding_end": "unknown",
        "primary_funder": "PCC",
        "vawdasv_regions": "Gwent;North Wales",
        "accreditation": "none stated",
        "provider": "unknown",
        "local_authorities": "",
    }
    after = {
        "status": "active",
        "funding_end": "2025-26",
        "primary_funder": "unknown",
        "vawdasv_regions": "North Wales;Gwent",  # the same list in another order
        "accreditation": "none stated",
        "provider": "unknown",
        "local_authorities": "",
    }
    found = {change.field: change.kind for change in changes.field_changes(before, after)}
    assert found == {
        "status": changes.VALUE_CHANGED,
        "funding_end": changes.NOW_STATED,
        "primary_funder": changes.NO_LONGER_STATED,
    }


def test_each_field_change_names_its_group():
    assert changes.FieldChange("vawdasv_regions", "changed", None, None).group == "areas"
    assert changes.FieldChange("funding_end", "changed", None, None).group == "funding"


# -- the coverage rule ------------------------------------------------------------------------
def scopes(*rows) -> pd.DataFrame:
    columns = list(vocab.SCOPE_COLUMNS)
    base = dict.fromkeys(columns, "")
    return pd.DataFrame(
        [
            {**base, "id": sid, "depth": depth, "level": level, "areas": areas, "as_at": "2024"}
            for sid, depth, level, areas in rows
        ],
        columns=columns,
    )


def test_waves_are_counted_by_area_only_where_both_cover_every_area_alike(lookup):
    survey = coverage.build_coverage(scopes(("s1", "listed", "wales", "All Wales")), lookup)
    other_survey = coverage.build_coverage(scopes(("s2", "listed", "wales", "All Wales")), lookup)
    in_depth = coverage.build_coverage(
        scopes(("r", "reviewed in depth", "wales", "All Wales")), lookup
    )
    uneven = coverage.build_coverage(scopes(("p", "listed", "force", "Gwent;North Wales")), lookup)
    passing = coverage.build_coverage(
        scopes(("n", "named in passing", "wales", "All Wales")), lookup
    )
    assert coverage.waves_alike(survey, other_survey, "region") == coverage.COMPARABLE
    assert coverage.waves_alike(survey, other_survey, "force") == coverage.COMPARABLE
    assert coverage.waves_alike(survey, in_depth, "region") == coverage.DIFFERENT
    assert coverage.waves_alike(survey, uneven, "force") == coverage.UNEVEN
    assert coverage.waves_alike(passing, survey, "region") == coverage.NO_SOURCE
    assert coverage.waves_alike(survey, other_survey, "region", passing=True) == coverage.PASSING


# -- two survey rounds through the ingest ------------------------------------------------------
@pytest.fixture(scope="module")
def surveys(tmp_path_factory):
    folder = tmp_path_factory.mktemp("surveys")
    data = survey_data_dir(folder / "data", folder / "exports")
    return build_context(load_bundle(data), as_of=AS_OF)


def test_the_follow_up_loads_beside_the_baseline_and_is_the_latest_picture(surveys):
    assert surveys.wave_ids == ("review-2020", "documents-2023", BASELINE, FOLLOW_UP)
    assert surveys.wave.id == FOLLOW_UP
    # The shipped directory is untouched: the 2023 documents' picture is still all 43 rows.
    assert surveys.at("documents-2023").directory.size == 43
    # Ten interventions in 2023; eleven responses about ten in 2025-26 (North Star twice).
    assert surveys.at(BASELINE).directory.size == 10
    assert surveys.at(FOLLOW_UP).directory.size == 10


def test_the_follow_up_against_the_baseline_hand_counted(surveys):
    found = changes.compare(surveys.at(BASELINE), surveys.at(FOLLOW_UP))
    assert found.by_category() == FOLLOW_UP_CATEGORIES
    assert found.comparable("region") and found.comparable("force")
    by_name = {change.name: change for change in found.changes}
    assert by_name["Cymru Change"].relation == vocab.RENAMED
    assert by_name["Cymru Change"].old_ids == (service_id("Gwent Change", "Gwent Men's Project"),)
    assert by_name["Gwent Together"].relation == vocab.MERGED
    assert len(by_name["Gwent Together"].old_ids) == 2
    assert by_name["Stalking Clinic"].category == changes.NOT_IN_LATER
    north_star = {change.field: change for change in by_name["North Star"].fields}
    assert set(north_star) == {"evaluation_status", "primary_funder", "funding_end"}
    funder = north_star["primary_funder"]
    assert (funder.before.value, funder.after.value) == ("PCC", "Welsh Government")
    # Each side is a dated fact: its source (the export's row) and the answer as entered.
    assert (funder.before.describes, funder.after.describes) == ("2024-03", "2026-03-31")
    assert funder.before.source == "returns-2023.csv row 3"
    assert funder.after.source.startswith("returns-2026.csv rows 3")
    assert funder.after.quote == "Welsh Government"


def test_counts_by_region_hand_counted(surveys):
    earlier, later = surveys.at(BASELINE), surveys.at(FOLLOW_UP)
    found = changes.compare(earlier, later)
    areas = {area.area_id: area for area in changes.area_changes(found, earlier, later, "region")}
    assert {
        area_id: (a.current_before, a.current_after, a.net) for area_id, a in areas.items()
    } == {
        "north-wales": (1, 2, 1),  # + Ynys Mon Early Help
        "gwent": (3, 2, -1),  # Newport and Torfaen merged
        "cardiff-and-vale": (1, 1, 0),
        "cwm-taf-morgannwg": (1, 0, -1),  # Cwm Taf Choices ended; Bridgend Hub only planned
        "west-glamorgan": (1, 1, 0),
        "mid-and-west-wales": (2, 1, -1),  # Stalking Clinic not returned
    }
    assert areas["gwent"].counts[changes.CHANGED] == 2
    assert areas["cwm-taf-morgannwg"].counts[changes.NEW] == 1
    assert areas["cwm-taf-morgannwg"].counts[changes.ENDED] == 1


def test_a_survey_against_the_2023_documents_is_listed_not_counted(surveys):
    found = changes.compare(surveys.at("documents-2023"), surveys.at(FOLLOW_UP))
    assert found.alike == {"region": coverage.UNEVEN, "force": coverage.UNEVEN}
    assert not found.comparable("region")


# -- the public record -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def with_record(tmp_path_factory):
    folder = record_data_dir(tmp_path_factory.mktemp("record") / "data")
    return build_context(load_bundle(folder), as_of=AS_OF)


def test_the_public_record_is_listed_never_counted_and_each_change_has_two_dated_facts(with_record):
    found = changes.compare(with_record.at("documents-2023"), with_record.at("public-record-2026"))
    assert found.alike == {"region": coverage.PASSING, "force": coverage.PASSING}
    listed = {
        change.name: change.category
        for change in found.changes
        if change.category not in (changes.CONTINUING, changes.ENDED_BEFORE)
    }
    assert listed == {
        "Fixture Steps": changes.NEW,
        "Intervention Hub": changes.ENDED,
        "Choices": changes.CHANGED,
        "DAPO": changes.CHANGED,
        "Multi-Agency Tasking and Coordination": changes.CHANGED,
        "Phoenix DAS domestic abuse programmes": changes.CHANGED,
    }
    for change in found.changes:
        for field in change.fields:
            assert field.after.source.startswith("public_record/")
            assert field.after.quote and field.after.describes
            if field.kind == changes.VALUE_CHANGED:
                assert field.before.source and field.before.quote and field.before.describes
    planned = [(change.name, change.fields[0].after.value) for change in found.planned]
    assert planned == [("Stalking intervention", "planned")]


def test_the_2020_review_against_2023_compares_within_cardiff_and_the_vale(with_record):
    found = changes.compare(with_record.at("review-2020"), with_record.at("documents-2023"))
    names = {change.name for change in found.changes}
    assert "ADAPT" not in names  # North Wales: outside the 2020 review's scope
    clear = next(change for change in found.changes if change.name == "CLEAR")
    status = next(field for field in clear.fields if field.field == "status")
    assert (status.before.value, status.after.value) == ("pilot", "active")
    assert status.before.source.startswith("004_") and status.after.source.startswith("002_")


def test_a_new_service_with_no_field_changed_reads_as_a_sentence() -> None:
    """The change slide once read "New: Break 4 Change: (25 March 2021)": a colon before a date in
    brackets, as if a value were missing. The date follows the name in brackets."""
    from dashboard.i18n import locale_for
    from dashboard.views.change_lines import FactText, FieldLine, ServiceLine
    from dashboard.views.changes import line_sentence

    locale = locale_for("en")
    new = ServiceLine(
        key="break-4-change",
        name="Break 4 Change",
        category="new",
        category_label="New",
        status="active",
        evidence=FactText("Break 4 Change", as_published=True, date="25 March 2021"),
    )
    assert line_sentence(new, locale) == "New: Break 4 Change (25 March 2021)"
    changed = ServiceLine(
        key="dapo",
        name="DAPO",
        category="changed",
        category_label="Changed",
        status="active",
        fields=(
            FieldLine("status", "changed", FactText("planned"), FactText("active", date="2024")),
        ),
    )
    assert line_sentence(changed, locale) == "Changed: DAPO: status planned → active (2024)"
