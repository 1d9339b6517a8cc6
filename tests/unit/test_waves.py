"""Waves (issue 24): each a named, dated set of sources with its scope, its picture built once from
dated facts, the latest the default, every page's context the wave's."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard import config
from dashboard.data import column_registry
from dashboard.data import vocabulary as vocab
from dashboard.data.loader import load_bundle
from dashboard.domain import facts, waves
from dashboard.domain.context import build_context, wave_date
from tests.support.reference import AS_OF
from tests.support.waves import record_data_dir


@pytest.fixture(scope="module")
def shipped():
    return build_context(load_bundle(config.DATA_DIR), as_of=AS_OF)


@pytest.fixture(scope="module")
def with_record(tmp_path_factory):
    folder = record_data_dir(tmp_path_factory.mktemp("record") / "data")
    return build_context(load_bundle(folder), as_of=AS_OF)


def frame_of(context, wave: str) -> pd.DataFrame:
    return context.at(wave).directory.frame.set_index("id")


def test_the_shipped_waves_are_declared_in_order_and_the_latest_is_the_default(shipped):
    # The public record is the latest wave offered, and the default.
    assert shipped.wave_ids == ("review-2020", "documents-2023", "public-record-2026")
    assert shipped.wave.id == "public-record-2026"
    assert shipped.at(None) is shipped
    assert shipped.at("review-2020").wave.id == "review-2020"


def test_the_2023_documents_picture_is_the_directory_unchanged(shipped):
    # The default view's figures stay those of the curated directory, cell for cell.
    directory = load_bundle(config.DATA_DIR).interventions
    pd.testing.assert_frame_equal(shipped.at("documents-2023").bundle.interventions, directory)


def test_the_2020_review_holds_cardiff_and_the_vale_as_the_review_describes_them(shipped):
    frame = frame_of(shipped, "review-2020")
    # In Cardiff and the Vale, or across South Wales with no region named, or across Wales;
    # not ADAPT (North Wales), not services placed nowhere (COBI).
    assert {"clear", "drive", "atal-y-fro-dvpp", "mappa", "circles-cymru"} <= set(frame.index)
    assert not {"adapt-north-wales", "cobi", "choices-dyfed-powys"} & set(frame.index)
    assert len(frame) == 19
    # CLEAR was a pilot in November 2020 (document_facts.csv, 004's words), active in 2023.
    assert frame.loc["clear", "status"] == "pilot"
    assert frame.loc["clear", "status_date"] == "2020-11"
    assert frame_of(shipped, "documents-2023").loc["clear", "status"] == "active"
    # What only a later document states is unknown here (CLEAR's funder is 002's).
    assert frame.loc["clear", "primary_funder"] == vocab.UNKNOWN
    # Areas outside the scope are dropped: MARAC is Cardiff and Vale here, not North Wales.
    assert frame.loc["marac", "vawdasv_regions"] == "Cardiff and Vale"
    assert frame.loc["marac", "local_authorities"] == "W06000015"
    # Every service of the wave was last described in 2020.
    assert set(frame["described_year"]) == {2020}


def test_each_wave_has_its_own_identity_for_the_cache(shipped):
    identities = {shipped.at(wave).data_identity for wave in shipped.wave_ids}
    assert len(identities) == len(shipped.wave_ids)


def test_an_earlier_wave_is_seen_in_its_own_financial_year(shipped):
    """The 2020 review's downloads said "financial year 2026-27": each earlier wave's directory
    is built as at the last day of its month, the latest as at the day asked (``AS_OF``)."""
    assert wave_date(shipped.at("review-2020").wave) == dt.date(2020, 11, 30)
    assert shipped.at("review-2020").directory.current_year == "2020-21"
    assert shipped.at("documents-2023").directory.current_year == "2023-24"
    assert shipped.directory.current_year == vocab.financial_year(AS_OF)


def test_a_folder_without_waves_has_one_wave_its_directory(mini_context):
    assert mini_context.wave_ids == (waves.DIRECTORY_WAVE,)
    assert mini_context.at("anything") is mini_context


def test_public_record_facts_are_applied_on_top_of_the_2023_picture(with_record):
    assert with_record.wave.id == "public-record-2026"  # the latest picture is the default
    frame = frame_of(with_record, "public-record-2026")
    base = frame_of(with_record, "documents-2023")
    assert (base.loc["matac-gwent", "status"], frame.loc["matac-gwent", "status"]) == (
        "pilot",
        "active",
    )
    assert frame.loc["matac-gwent", "status_date"] == "2025-03-14"
    assert frame.loc["intervention-hub-dyfed-powys", "status"] == "decommissioned"
    # Local authorities given by name become codes (Newport is W06000022).
    assert frame.loc["phoenix-das-gwent", "local_authorities"] == "W06000019;W06000022"
    assert frame.loc["choices-dyfed-powys", "funding_end"] == "2025-26"
    # A new service is in, with its own facts; a planned change is not applied.
    assert frame.loc["fixture-steps-cardiff", "status"] == "active"
    assert frame.loc["stalking-intervention-dyfed-powys", "status"] == "active"
    assert list(with_record.planned["intervention_id"]) == ["stalking-intervention-dyfed-powys"]
    # Only the public record's facts change anything: every other row is the 2023 picture's.
    touched = {
        "matac-gwent",
        "dapo-gwent",
        "phoenix-das-gwent",
        "intervention-hub-dyfed-powys",
        "choices-dyfed-powys",
        "clear",
    }
    untouched = base.drop(index=list(touched))
    columns = list(column_registry.file_columns()[1:])
    pd.testing.assert_frame_equal(frame.loc[untouched.index, columns], untouched[columns])


def test_a_confirmed_fact_makes_a_service_current_again(with_record):
    # CLEAR was last described in 2023; the public record names it in February 2026.
    assert frame_of(with_record, "documents-2023").loc["clear", "described_year"] == 2023
    assert frame_of(with_record, "public-record-2026").loc["clear", "described_year"] == 2026


def test_each_value_rests_on_a_dated_fact_with_its_source_and_quote(with_record):
    chosen = with_record.facts.set_index(["intervention_id", "field"])
    status = chosen.loc[("matac-gwent", "status")]
    assert status["describes"] == "2025-03-14"
    assert status["source"] == "public_record/fixture-gwent-2025.txt"
    assert "permanent part" in status["quote"]
    earlier = with_record.at("documents-2023").facts.set_index(["intervention_id", "field"])
    assert earlier.loc[("matac-gwent", "status"), "describes"] == "2023-11-17"
    assert earlier.loc[("matac-gwent", "status"), "source"].startswith("002_")


def test_a_fact_known_to_be_older_than_the_value_it_would_replace_is_not_applied():
    assert facts.known_before("2020", "2023-11-17")
    assert facts.known_before("2023-10", "2023-11-17")
    # "2023" may be after 17 November 2023: not known to be before it, so it applies.
    assert not facts.known_before("2023", "2023-11-17")
    assert not facts.known_before("2025-03", "2023-11-17")


def test_public_record_pages_are_named_in_passing_and_compare_no_area(with_record):
    record = with_record.at("public-record-2026").coverage
    base = with_record.at("documents-2023").coverage
    pages = [scope for scope in record.scopes if scope.file.startswith("public_record/")]
    assert len(pages) == 3
    assert {scope.depth for scope in pages} == {vocab.NAMED_IN_PASSING}
    assert not any(scope.enumerating for scope in pages)
    for level in ("region", "force", "la"):
        assert record.comparison(level) == base.comparison(level)


def test_latest_wave_takes_the_later_declared_on_a_tie():
    def wave(wave_id: str, as_at: str) -> waves.Wave:
        return waves.Wave(
            wave_id, wave_id, "", as_at, vocab.SURVEY, (), "", "wales", (), "listed", ""
        )

    assert waves.latest_wave((wave("a", "2024"), wave("b", "2026-03"), wave("c", "2025"))).id == "b"
    assert waves.latest_wave((wave("a", "2026"), wave("b", "2026"))).id == "b"


def test_a_page_naming_a_service_in_an_area_adds_the_area_and_takes_none_away(shipped):
    """MAPPA: the 2023 picture places it in South Wales (004); a Cambrian News page of 27 October
    2023 names it in North Wales (pr-034) and in Dyfed-Powys (pr-035). The public record's
    picture once held "Dyfed-Powys" alone (the later of two facts replaced the first and the
    directory's value), so MAPPA seemed to have left South Wales and North Wales."""
    before = frame_of(shipped, "documents-2023").at["mappa", "police_force_areas"]
    after = frame_of(shipped, "public-record-2026").at["mappa", "police_force_areas"]
    assert before == "South Wales"
    assert vocab.split_list(after) == ["South Wales", "North Wales", "Dyfed-Powys"]


def test_reach_keeps_the_areas_held_and_all_wales_holds_every_area():
    from collections import namedtuple

    fact = namedtuple("Fact", "value")
    assert waves.reach("South Wales", fact("North Wales")) == "South Wales;North Wales"
    assert waves.reach("unknown", fact("Gwent")) == "Gwent"
    assert waves.reach("Gwent", fact("Gwent")) == "Gwent"
    assert waves.reach("All Wales", fact("Gwent")) == "All Wales"
    assert waves.reach("Gwent", fact("All Wales")) == "All Wales"
