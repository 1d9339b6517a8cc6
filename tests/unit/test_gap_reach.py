"""A derived gap holds against every service that could fill it (issue 21), counted by hand.

Each fixture is a few services around Cwm Taf Morgannwg (region; South Wales police force area;
Bridgend is one of its local authorities). A medium-risk-tier gap there is claimed only when
every service that could fill it is classified without the value: its own, those available across
Wales, those recorded across South Wales with no region stated, and those with no area; only
inside a source that lists the area's services (coverage); custody-only services neither fill
nor block it. Stated gaps carry their document's year and what later sources name there.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data import column_registry
from dashboard.data import vocabulary as vocab
from dashboard.domain import cell_summary, counting, gaps, stated_gaps
from dashboard.domain import cells as cells_module
from dashboard.domain.cells import DocumentedGap, any_value_cells, gap_cells
from dashboard.domain.coverage import Scope
from dashboard.domain.model import build_directory
from dashboard.i18n import translator
from dashboard.views.gap_review import gap_review
from dashboard.views.gap_text import gap_sentence
from tests.support.reference import AS_OF

CTM = "cwm-taf-morgannwg"
MEDIUM = counting.MEDIUM_RISK_TIER
SOURCES = pd.DataFrame({"file": ["004_a.txt", "002_b.txt"], "year": [2020, 2023]})

DEFAULTS = dict.fromkeys(column_registry.file_columns(), vocab.UNKNOWN)
DEFAULTS.update(
    aliases="",
    provider="Example provider",
    local_authorities="",
    evaluation_note="",
    accreditation="none stated",
    funding_period_months="",
    status_date="unknown",
    source="004_a.txt § 1",
    evidence="Example",
    last_verified="2026-11-25",
    note="",
    kind="programme",
    setting="community",
)


def row(name, regions, forces, tier, **extra):
    values = dict(DEFAULTS)
    values.update(
        id=name.lower(),
        name=name,
        status="active",
        vawdasv_regions=regions,
        police_force_areas=forces,
        service_tier=tier,
        behaviour_focus="domestic abuse",
        **extra,
    )
    return values


#: Cwm Taf Morgannwg's own service: high harm, classified.
LOCAL = row("Local", "Cwm Taf Morgannwg", "South Wales", "high harm")


def listing(year, **reach):
    """The sources that list an area's services: one, as at ``year`` (coverage index values)."""
    scope = Scope(
        id=f"list-{year}",
        file="002_b.txt",
        enumerates="services",
        kinds=tuple(reach.get("kinds", ())),
        behaviours=tuple(reach.get("behaviours", ())),
        depth=vocab.LISTED,
        level="region",
        areas=("Cwm Taf Morgannwg",),
        as_at=str(year),
        exhaustive="not stated",
        listing="",
        listing_field="",
        source="002_b.txt § 1",
        quote="q",
        la_codes=frozenset(),
    )
    return (scope,)


def directory_of(*rows, lookup):
    frame = pd.DataFrame(list(rows), columns=list(column_registry.file_columns()))
    return build_directory(frame, lookup, as_of=AS_OF, sources=SOURCES)


def medium_cell(directory, coverage=None, level="region", area=CTM):
    mask = counting.current_mask(directory)
    return gap_cells(directory, mask, level, False, "service_tier", [MEDIUM], coverage=coverage)[
        area
    ][MEDIUM]


# ------------------------------------------------ services that could fill the gap


@pytest.mark.parametrize(
    ("other", "reason"),
    [
        # Recorded across South Wales with no region stated (force-wide).
        (row("Wide", "unknown", "South Wales", "unknown"), cells_module.WIDER_UNCLASSIFIED),
        # Recorded in no area at all.
        (row("Nowhere", "unknown", "unknown", "unknown"), cells_module.WIDER_UNCLASSIFIED),
        # Available across all of Wales.
        (row("Everywhere", "All Wales", "All Wales", "unknown"), cells_module.WIDER_UNCLASSIFIED),
    ],
)
def test_no_gap_while_a_service_that_could_fill_it_is_unclassified(lookup, other, reason):
    cell = medium_cell(directory_of(LOCAL, other, lookup=lookup))
    assert cell.state == counting.NOT_KNOWN
    assert cell.reason == reason
    assert (cell.count, cell.unclassified, cell.services) == (0, 0, 1)
    assert cell.wider_unclassified == 1 and cell.wider_unclassified_names == (other["name"],)


@pytest.mark.parametrize(
    "other",
    [
        row("Wide", "unknown", "South Wales", "preventative"),
        row("Nowhere", "unknown", "unknown", "criminal justice"),
        row("Everywhere", "All Wales", "All Wales", "family"),
    ],
)
def test_the_gap_stands_when_they_are_classified_without_the_value(lookup, other):
    cell = medium_cell(directory_of(LOCAL, other, lookup=lookup))
    assert cell.state == counting.GAP
    assert cell.reason == cells_module.DERIVED
    assert cell.documented is None


def test_a_force_wide_service_with_the_value_makes_it_not_known(lookup):
    wide = row("Wide", "unknown", "South Wales", "medium risk")
    cell = medium_cell(directory_of(LOCAL, wide, lookup=lookup))
    assert cell.state == counting.NOT_KNOWN and cell.reason == cells_module.WIDER_HAS
    assert (cell.wider, cell.wider_names) == (1, ("Wide",))
    # The services named beside the area are never counted in it.
    assert cell.count == 0 and cell.services == 1


def test_an_all_wales_service_with_the_value_is_provision_recorded(lookup):
    everywhere = row("Everywhere", "All Wales", "All Wales", "medium risk")
    cell = medium_cell(directory_of(LOCAL, everywhere, lookup=lookup))
    assert cell.state == counting.RECORDED and cell.reason == cells_module.ACROSS_WALES
    assert (cell.count, cell.across_wales, cell.wider_names) == (0, 1, ("Everywhere",))


def test_a_force_wide_service_naming_another_region_does_not_reach_this_one(lookup):
    # Recorded in Cardiff and Vale (South Wales): not across all of South Wales.
    elsewhere = row("Elsewhere", "Cardiff and Vale", "South Wales", "unknown")
    assert medium_cell(directory_of(LOCAL, elsewhere, lookup=lookup)).state == counting.GAP


# -------------------------------------------------------------------------- coverage


def test_no_derived_gap_where_no_source_lists_the_area(lookup):
    directory = directory_of(LOCAL, lookup=lookup)
    unlisted = medium_cell(directory, coverage={CTM: ()})
    assert unlisted.state == counting.NOT_KNOWN
    assert unlisted.reason == cells_module.NOT_ENUMERATED
    census = medium_cell(directory, coverage=None)  # hand-made fixtures: every area listed
    assert census.state == counting.GAP and census.year is None
    listed = medium_cell(directory, coverage={CTM: listing(2023)})
    assert listed.state == counting.GAP and listed.year == 2023


def test_a_stated_gap_needs_no_listing(lookup):
    stated = DocumentedGap(
        "ctm-mr",
        "service_tier",
        MEDIUM,
        "region",
        "Cwm Taf Morgannwg",
        "None.",
        "004_a.txt § 2",
        "q",
    )
    directory = directory_of(LOCAL, lookup=lookup)
    mask = counting.current_mask(directory)
    cell = gap_cells(
        directory,
        mask,
        "region",
        False,
        "service_tier",
        [MEDIUM],
        {("service_tier", MEDIUM, CTM): stated},
        coverage={CTM: ()},
    )[CTM][MEDIUM]
    assert cell.state == counting.GAP and cell.reason == cells_module.STATED


# --------------------------------------------------------------------------- custody


def test_custody_services_never_fill_or_block_a_community_cell(lookup):
    prison_with_value = row("Prison", "Cwm Taf Morgannwg", "South Wales", "medium risk")
    prison_with_value["setting"] = "custody"
    prison_unclassified = row("Prison Wales", "All Wales", "All Wales", "unknown")
    prison_unclassified["setting"] = "custody"
    directory = directory_of(LOCAL, prison_with_value, prison_unclassified, lookup=lookup)
    cell = medium_cell(directory)
    assert cell.state == counting.GAP  # neither filled by the one nor blocked by the other
    assert (cell.count, cell.services, cell.wider_unclassified) == (0, 1, 0)
    added = gap_cells(
        directory, counting.current_mask(directory), "region", True, "service_tier", [MEDIUM]
    )[CTM][MEDIUM]
    assert added.state == counting.GAP and added.services == 1


# ------------------------------------------------------------------------ the findings


def test_medium_risk_finding_holds_against_force_wide_services(lookup):
    wide = row("Wide", "unknown", "South Wales", "unknown")
    found = gaps.find_gaps(
        directory_of(LOCAL, wide, lookup=lookup),
        level="region",
        include_all_wales=False,
        recommendations={},
    )
    assert not [g for g in found if g.kind == "no-medium-risk"]
    (not_known,) = [g for g in found if g.kind == "medium-risk-not-known" and g.area_id == CTM]
    assert not_known.cell.reason == cells_module.WIDER_UNCLASSIFIED
    text = gap_sentence(not_known, names={CTM: "Cwm Taf Morgannwg"}, _=translator("en"))
    assert "Wide" in text and "no service tier recorded" in text

    classified = row("Wide", "unknown", "South Wales", "preventative")
    found = gaps.find_gaps(
        directory_of(LOCAL, classified, lookup=lookup),
        level="region",
        include_all_wales=False,
        recommendations={},
        coverage={"region": {CTM: listing(2023)}},
    )
    (derived,) = [g for g in found if g.kind == "no-medium-risk" and g.area_id == CTM]
    assert derived.year == 2023
    text = gap_sentence(derived, names={CTM: "Cwm Taf Morgannwg"}, _=translator("en"))
    assert "sources to 2023" in text


BRIDGEND = "W06000013"


def test_local_authority_findings_hold_against_wider_services(lookup):
    # Bridgend's only placed service is a criminal-justice one; a preventative service is
    # recorded across Cwm Taf Morgannwg (no local authority named).
    cj = row("Court", "Cwm Taf Morgannwg", "South Wales", "criminal justice")
    cj["local_authorities"] = BRIDGEND
    regional = row("Regional", "Cwm Taf Morgannwg", "South Wales", "preventative")
    found = gaps.find_gaps(
        directory_of(cj, regional, lookup=lookup),
        level="region",
        include_all_wales=False,
        recommendations={},
    )
    assert not [g for g in found if g.kind == "only-criminal-justice"]
    (placed,) = [g for g in found if g.kind == "only-criminal-justice-placed"]
    assert placed.area_id == "bridgend" and placed.evidence_class == gaps.RECORD
    assert placed.cell.wider_names == ("Regional",)
    # Rhondda Cynon Taf has nothing placed in it, but the regional service beside it.
    no_local = next(g for g in found if g.kind == "no-local")
    beside = dict(zip(no_local.areas, no_local.beside, strict=True))
    assert beside["rhondda-cynon-taf"] == 1 and beside["cardiff"] == 0
    text = gap_sentence(
        no_local, names={"rhondda-cynon-taf": "Rhondda Cynon Taf"}, _=translator("en")
    )
    assert "Rhondda Cynon Taf (+1 across the region)" in text

    # With the regional service classified inside criminal justice too, the gap is derived.
    regional_cj = row("Regional", "Cwm Taf Morgannwg", "South Wales", "criminal justice")
    found = gaps.find_gaps(
        directory_of(cj, regional_cj, lookup=lookup),
        level="region",
        include_all_wales=False,
        recommendations={},
    )
    (derived,) = [g for g in found if g.kind == "only-criminal-justice"]
    assert derived.area_id == "bridgend" and derived.evidence_class == gaps.DERIVED


def test_outside_criminal_justice_cells_equal_their_finding(lookup):
    cj = row("Court", "Cwm Taf Morgannwg", "South Wales", "criminal justice")
    cj["local_authorities"] = BRIDGEND
    nowhere = row("Nowhere", "unknown", "unknown", "unknown")
    directory = directory_of(cj, nowhere, lookup=lookup)
    cell = any_value_cells(
        directory,
        counting.current_mask(directory),
        "la",
        False,
        "service_tier",
        stated_gaps.OUTSIDE_CRIMINAL_JUSTICE,
    )["bridgend"]
    assert cell.state == counting.NOT_KNOWN and cell.reason == cells_module.WIDER_UNCLASSIFIED
    found = gaps.find_gaps(directory, level="region", include_all_wales=False, recommendations={})
    assert [g.kind for g in found if g.area_id == "bridgend"] == ["only-criminal-justice-placed"]


# ------------------------------------------------------------------------ stated gaps


def test_a_stated_gap_carries_its_year_and_what_later_sources_name(lookup):
    stated = DocumentedGap(
        "cv-family",
        "service_tier",
        "family",
        "region",
        "Cardiff and Vale",
        "In 2020 no family intervention.",
        "004_a.txt § 4.6",
        "There are no interventions ...",
    )
    # Described by the 2023 source, recorded across South Wales with no region stated.
    later = row("Later Family", "unknown", "South Wales", "family", source="002_b.txt § S")
    # Described only by the 2020 source, placed in the region: not "later".
    same_year = row("Old Family", "Cardiff and Vale", "South Wales", "family")
    ended = row("Ended Family", "unknown", "South Wales", "family", source="002_b.txt § S")
    ended["status"] = "decommissioned"
    directory = directory_of(later, same_year, ended, lookup=lookup)
    mask = counting.current_mask(directory)
    about = stated_gaps.stated_gap(directory, mask, stated, SOURCES)
    assert about.year == 2020
    assert about.later == stated_gaps.Later(here=(), across=("Later Family",), wales=())
    assert about.filling == 2
    found = gaps.find_gaps(
        directory,
        level="region",
        include_all_wales=False,
        recommendations={},
        documented={("service_tier", "family", "cardiff-and-vale"): stated},
        sources=SOURCES,
    )
    (documented,) = [g for g in found if g.kind == "documented"]
    assert documented.year == 2020 and documented.later == about.later
    text = gap_sentence(documented, names={}, _=translator("en"))
    assert "Stated in 2020; later sources name Later Family" in text
    assert stated_gaps.source_year("002_b.txt § S", SOURCES) == 2023
    assert stated_gaps.source_year("009_none.txt", SOURCES) is None


def test_summary_counts_every_cell_once(lookup):
    wide = row("Wide", "unknown", "South Wales", "unknown")
    directory = directory_of(LOCAL, wide, lookup=lookup)
    cells = gap_cells(
        directory,
        counting.current_mask(directory),
        "region",
        False,
        "service_tier",
        [MEDIUM, "high harm"],
    )
    summary = cell_summary.summarise(cells)
    assert summary.cells == 12
    # CTM: high harm recorded, medium risk not known (Wide, force-wide, unclassified);
    # Cardiff and Vale and West Glamorgan: nothing placed there (no record); the rest no record.
    assert (summary.recorded, summary.not_known, summary.not_known_beyond) == (1, 1, 1)
    assert summary.derived == summary.stated == 0
    assert summary.no_record == 10


# ------------------------------------------------------------------------ shipped data


def test_shipped_gap_review_claims_no_gap_a_wider_service_could_fill(real_context):
    result = gap_review(real_context, level="region", include_all_wales=False, lang="en")
    tiers = result.cells["tier"]
    assert tiers[CTM][MEDIUM].state == counting.NOT_KNOWN
    assert tiers[CTM]["family"].state == counting.NOT_KNOWN
    behaviour = result.cells["behaviour"]
    for area_id in behaviour:
        for value in ("sexual violence", "harmful sexual behaviour"):
            assert behaviour[area_id][value].state != counting.GAP, (area_id, value)
        assert tiers[area_id]["sexual violence"].state != counting.GAP, area_id
    # Every "not known" cell says why, in the CSV too.
    for frame in result.matrices.values():
        unknown = frame[frame["state"] == counting.NOT_KNOWN]
        assert (unknown["reason"] != "").all() and (unknown["reason_text"] != "").all()
    tier_csv = result.matrices["tier"].set_index(["area_id", "category"])
    assert tier_csv.loc[("cardiff-and-vale", MEDIUM), "year"] == 2020
    assert "Driving Change" in tier_csv.loc[(CTM, MEDIUM), "unclassified_beyond"]


def test_shipped_gap_pages_lead_with_the_stated_gaps_and_their_year(real_context):
    result = gap_review(real_context, level="region", include_all_wales=False, lang="en")
    assert result.summary_text.startswith("Few gaps can be derived from the directory")
    classes = [finding.evidence_class for finding in result.findings]
    assert classes[0] == gaps.DOCUMENTED
    assert classes == sorted(
        classes, key=[gaps.DOCUMENTED, gaps.RECORD, gaps.DERIVED, gaps.NOT_KNOWN].index
    )
    documented = [f.text for f in result.findings if f.evidence_class == gaps.DOCUMENTED]
    assert all("Stated in 20" in text for text in documented)
    family = next(text for text in documented if "family system" in text)
    assert "Stated in 2020; later sources name" in family
    hover = [
        text for trace in result.figures["tier"].data for row in trace.customdata for text in row
    ]
    assert any("(2020)" in text for text in hover)

    from dashboard.views import findings

    slide = next(
        s for s in findings.slides(real_context, "en") if s.title == "Gaps in regional provision"
    )
    assert slide.headline.startswith("Few gaps hold against every service")
    assert any("Stated in 2020" in point for point in slide.points)


def test_a_derived_gap_needs_a_source_that_lists_that_kind_of_service(lookup):
    """A list of domestic abuse programmes says nothing of sexual-violence services or of
    partner liaison: their absence from it is not a gap."""
    directory = directory_of(LOCAL, lookup=lookup)
    mask = counting.current_mask(directory)
    programmes = {CTM: listing(2023, kinds=("programme",), behaviours=("domestic abuse",))}

    def behaviour(value):
        return gap_cells(
            directory, mask, "region", False, "behaviour_focus", [value], coverage=programmes
        )[CTM][value]

    assert behaviour("stalking").state == counting.NOT_KNOWN
    assert behaviour("stalking").reason == cells_module.NOT_ENUMERATED
    kind = any_value_cells(
        directory, mask, "region", False, "kind", ["partner/victim liaison"], coverage=programmes
    )[CTM]
    assert (kind.state, kind.reason) == (counting.NOT_KNOWN, cells_module.NOT_ENUMERATED)
    # Within the list's reach (a tier of its domestic abuse programmes) the gap stands.
    tier = gap_cells(
        directory, mask, "region", False, "service_tier", [MEDIUM], coverage=programmes
    )
    assert tier[CTM][MEDIUM].state == counting.GAP and tier[CTM][MEDIUM].year == 2023
