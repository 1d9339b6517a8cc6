"""Issue 21's rules against hand-counted examples: sources' scopes and which comparisons they
support, custody apart, local authorities counting only what is placed in them, currency.

Fixtures are built here from a few rows, never from the shipped data's counts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.domain import counting, coverage, currency
from dashboard.domain.model import build_directory
from tests.support.reference import AS_OF

REVIEW = "004_aaaa.txt"
LIST = "002_bbbb.txt"
SURVEY = "000_cccc.txt"


def scopes_frame(rows: list[dict]) -> pd.DataFrame:
    base = {
        "enumerates": "services",
        "kinds": "",
        "behaviours": "",
        "as_at": "2023",
        "exhaustive": "not stated",
        "listing": "",
        "listing_field": "",
        "quote": "q",
        "note": "",
    }
    frame = pd.DataFrame([{**base, **row} for row in rows])
    frame["source"] = frame["file"] + " § s"
    return frame


#: A 2020 in-depth review of one region, a 2023 list by police force area of all four, and a
#: survey that publishes only totals.
SCOPES = [
    {
        "id": "review",
        "file": REVIEW,
        "depth": "reviewed in depth",
        "level": "region",
        "areas": "Cardiff and Vale",
        "as_at": "2020",
    },
    {
        "id": "list",
        "file": LIST,
        "depth": "listed",
        "level": "force",
        "areas": "Dyfed-Powys;Gwent;North Wales;South Wales",
        "listing": "Table",
        "listing_field": "attendance",
    },
    {
        "id": "survey",
        "file": SURVEY,
        "depth": "aggregates only",
        "level": "wales",
        "areas": "All Wales",
    },
]


@pytest.fixture(scope="module")
def uneven(lookup):
    return coverage.build_coverage(scopes_frame(SCOPES), lookup)


def test_an_area_is_covered_by_the_sources_that_enumerate_all_of_it(uneven):
    regions = uneven.areas["region"]
    assert [s.id for s in regions["cardiff-and-vale"].full] == ["review", "list"]
    assert [s.id for s in regions["gwent"].full] == ["list"]
    # The survey publishes totals only: it covers no area.
    assert all("survey" not in area.signature[0] for area in regions.values())
    # South Wales is listed in 2023, and only part of it (Cardiff and the Vale) reviewed in 2020.
    south = uneven.areas["force"]["south-wales"]
    assert [s.id for s in south.full] == ["list"]
    assert [s.id for s in south.partial] == ["review"]
    assert regions["cardiff-and-vale"].year == 2023


def test_no_rank_across_areas_of_unequal_coverage(uneven, mini_directory):
    # Regions: one reviewed in depth, five only listed. Forces: one partly reviewed.
    assert uneven.comparison("region") == coverage.UNEVEN
    assert uneven.comparison("force") == coverage.UNEVEN
    population = dict.fromkeys(mini_directory.area_ids["region"], 100000)
    everything = np.ones(mini_directory.size, bool)
    table = counting.area_counts(
        mini_directory, everything, "region", False, population, comparable=False
    )
    assert not [column for column in table.columns if column.endswith("rank")]


def test_within_one_source_areas_are_compared_at_the_level_it_lists_by(uneven, mini_directory):
    assert uneven.comparison("force", "list") == coverage.COMPARABLE
    # The list is by police force area: its services are not compared by region.
    assert uneven.comparison("region", "list") == coverage.OTHER_LEVEL
    # A review of one region supports no comparison; nor does a source that is not declared.
    assert [s.id for s in uneven.comparable_scopes()] == ["list"]
    assert uneven.comparison("force", "nothing") == coverage.NO_SOURCE
    population = dict.fromkeys(mini_directory.area_ids["force"], 100000)
    everything = np.ones(mini_directory.size, bool)
    table = counting.area_counts(
        mini_directory, everything, "force", False, population, comparable=True
    )
    assert "count_rank" in table.columns


def test_alike_coverage_is_comparable(lookup):
    alike = coverage.build_coverage(scopes_frame([SCOPES[1]]), lookup)
    assert alike.comparison("force") == coverage.COMPARABLE
    assert alike.comparison("region") == coverage.COMPARABLE
    nothing = coverage.build_coverage(None, lookup)
    assert nothing.comparison("region") == coverage.NO_SOURCE


def test_a_source_lists_only_the_entries_of_its_list(uneven):
    scope = uneven.scope("list")
    frame = pd.DataFrame(
        {
            "id": ["in-table", "main-citation", "referral-route", "elsewhere"],
            "source": [
                f"{REVIEW} § 4",
                f"{LIST} § Table: Gwent",
                f"{REVIEW} § 5",
                f"{LIST} § Introduction",
            ],
        }
    )
    evidence = pd.DataFrame(
        {
            "id": ["in-table", "referral-route"],
            "fields": ["attendance;status", "status"],
            "source": [f"{LIST} § Table: Gwent", f"{LIST} § Table: South Wales"],
        }
    )
    listed = coverage.listed_by(scope, frame, evidence)
    # An entry of the table (its attendance quoted), or cited from the table itself; not a
    # service the table names in passing (as a referral route), nor one from another section.
    assert listed.tolist() == [True, True, False, False]


def with_rows(mini_frame, lookup, **kwargs):
    return build_directory(mini_frame, lookup, as_of=AS_OF, **kwargs)


def test_custody_services_are_not_the_local_provision_of_the_prison_area(mini_frame, lookup):
    frame = mini_frame.copy()
    # D Phoenix is delivered only in custody, at a prison in Monmouthshire (Gwent).
    frame.loc[frame["id"] == "d-phoenix", "setting"] = "custody"
    frame.loc[frame["id"] == "d-phoenix", "local_authorities"] = "W06000021"
    sites = pd.DataFrame(
        {
            "id": ["d-phoenix", "e-all-wales"],
            "prison": ["HMP Usk and Prescoed", "HMP Parc"],
            "local_authority": ["W06000021", "W06000013"],
            "source": ["x § y", "x § y"],
            "quote": ["q", "q"],
        }
    )
    directory = build_directory(frame, lookup, as_of=AS_OF, custody_sites=sites)
    everything = np.ones(directory.size, bool)
    for level in ("force", "region", "la"):
        local = counting.local_matrix(directory, level)
        assert not local[directory.frame["id"] == "d-phoenix"].any(), level
    # Custody provision: both services run in prisons; neither is unlocated community provision.
    assert sorted(directory.frame["id"][counting.custody_mask(directory)]) == [
        "d-phoenix",
        "e-all-wales",
    ]
    assert not directory.unlocated[directory.frame["id"] == "d-phoenix"].any()
    population = dict.fromkeys(directory.area_ids["la"], 1000)
    table = counting.area_counts(directory, everything, "la", False, population)
    assert table.set_index("area_id").loc["monmouthshire", "count"] == 0


def test_a_local_authority_counts_only_what_is_placed_in_it(mini_directory):
    everything = np.ones(mini_directory.size, bool)
    population = dict.fromkeys(mini_directory.area_ids["la"], 1000)
    table = counting.area_counts(mini_directory, everything, "la", False, population)
    table = table.set_index("area_id")
    # A Drive is placed in Cardiff. D Phoenix covers Gwent with no local authority named: it
    # is beside each Gwent authority's count, not in it. F is South Wales with no region: it
    # may serve every South Wales authority, beside their counts too.
    assert table.loc["cardiff", "count"] == 1
    assert table.loc["newport", "count"] == 0
    assert table.loc["newport", "wider_available"] == 1
    assert table.loc["swansea", "wider_available"] == 1  # F
    assert table.loc["cardiff", "wider_available"] == 1  # F (A is local)


def test_the_wales_comparator_is_one_figure_whatever_the_level(mini_directory):
    current = counting.current_mask(mini_directory)
    counts = {
        level: counting.wales_comparator(mini_directory, current, level, False, 1_000_000).count
        for level in ("region", "force", "la")
    }
    # A, B, D, F are placed somewhere in Wales (F by force only); E is national.
    assert counts == {"region": 4, "force": 4, "la": 4}


def test_currency_is_the_latest_dated_document_that_describes_a_service(mini_frame, lookup):
    frame = mini_frame.copy()
    frame["source"] = f"{REVIEW} § 4"
    evidence = pd.DataFrame(
        {"id": ["a-drive"], "fields": ["status"], "source": [f"{LIST} § Table"], "quote": ["q"]}
    )
    sources = pd.DataFrame({"file": [REVIEW, LIST], "year": ["2020", "2023"]})
    directory = build_directory(frame, lookup, as_of=AS_OF, evidence_rows=evidence, sources=sources)
    years = dict(zip(directory.frame["id"], directory.frame["described_year"], strict=True))
    assert years["a-drive"] == 2023 and years["b-choices"] == 2020
    counted = currency.described_years(directory.frame["described_year"].to_numpy())
    assert counted == [(2023, 1), (2020, 5)]
    stale = currency.stale(directory.frame["described_year"].to_numpy(), "2026-11-25")
    # Horizon: 3 years before the data date (2023): 2020 is not confirmed since; 2023 is.
    assert stale.tolist() == [False, True, True, True, True, True]


def test_the_currency_horizon_is_adjustable(monkeypatch):
    assert currency.horizon_year("2026-11-25") == 2023
    monkeypatch.setenv(currency.HORIZON_ENV, "7")
    assert currency.horizon_year("2026-11-25") == 2019
    monkeypatch.setenv(currency.HORIZON_ENV, "soon")
    assert currency.horizon_year("2026-11-25") == 2023


# -- the shipped data: what issue 21 asks of the pages ----------------------------------------


def real_view(real_context, search):
    from dashboard.views import overview as overview_view
    from dashboard.views import url_parsing

    parsed = url_parsing.parse("/", search, real_context.la_slugs, real_context.scope_ids)
    assert parsed.problems == ()
    return overview_view.compute_view(real_context, parsed.state)


@pytest.mark.parametrize("level", ["region", "force", "la"])
def test_shipped_no_level_ranks_areas_of_unequal_coverage(real_context, level):
    view = real_view(real_context, f"?level={level}")
    assert not view.comparison.comparable
    assert all(area.get("count_rank") is None for area in view.areas)
    assert view.map["by_coverage"]
    from dashboard.views import overview as overview_view

    # No comparison with Wales either.
    assert not [line for line in overview_view.map_note_lines(view) if line.startswith("Wales:")]


def test_shipped_policing_list_compares_the_four_forces(real_context):
    view = real_view(real_context, "?level=force&compare=policing-2023")
    assert view.comparison.comparable
    assert not view.map["by_coverage"]
    ranks = {area["area_id"]: area["count_rank"] for area in view.areas}
    assert ranks["south-wales"] == 1  # as the survey found (52% in the South Wales Police area)


def test_shipped_survey_finding_is_beside_the_map_and_says_the_directory_differs(real_context):
    view = real_view(real_context, "")
    sentence, quote, citation = view.survey_finding
    assert "Mid and West Wales" in sentence and "Dyfed Powys has the highest number" in quote
    assert "points the other way" in sentence and "Cardiff and Vale" in sentence
    assert citation.startswith("Welsh Government (2024)")


def test_shipped_prison_programmes_are_not_local_provision(real_context):
    view = real_view(real_context, "?level=la")
    counts = {area["area_id"]: area["count"] for area in view.areas}
    directory = real_context.directory
    frame = directory.frame
    local = counting.local_matrix(directory, "la")
    names = list(directory.area_ids["la"])
    for la in ("monmouthshire", "bridgend"):
        placed = set(frame["id"][local[:, names.index(la)]])
        assert not placed & {"horizon-hmpps", "kaizen-hmpps"}, la
    # Monmouthshire's one local service is the public record's Opening Closed Doors (Gwent,
    # 2020: "Torfaen, Blaenau Gwent, Newport and Monmouthshire"), not a prison's programme.
    monmouthshire = set(frame["id"][local[:, names.index("monmouthshire")]])
    assert counts["monmouthshire"] == len(monmouthshire) == 1
    assert monmouthshire == {"opening-closed-doors-gwent"}
    assert "In prisons in Wales" in view.custody and "Kaizen" in view.custody


def test_survey_finding_cites_the_survey_by_title_in_every_wave(real_context):
    """In the 2020 review's wave (whose own sources are the review alone) the survey's finding
    beside the map was cited as the bare file name "000_6cb89346a72a325a.txt § Summary of
    findings"; and the survey's figures on the slides likewise."""
    from dashboard.i18n import locale_for
    from dashboard.views import slide_parts

    for wave_id in real_context.wave_ids:
        context = real_context.at(wave_id)
        view = real_view(context, "")
        _sentence, _quote, citation = view.survey_finding
        assert citation.startswith("Welsh Government (2024)"), (wave_id, citation)
        cited = slide_parts.survey_citation(
            context, ["grant-funded-ending-2023-24"], locale_for("en")
        )
        assert all(text.startswith("Welsh Government") for text in cited), (wave_id, cited)
