"""The counting model against hand-counted examples: the six-row fixture and the shipped data.

The fixture (tests/fixtures/mini_interventions.csv): A Drive (Cardiff, active), B Choices
(Mid and West Wales, active), C Hub (North Wales, decommissioned), D Phoenix (Gwent, active,
risk level unknown), E All Wales (all of Wales, active), F (South Wales, region unknown, pilot).
"""

from __future__ import annotations

import numpy as np
import pytest

from dashboard.domain import counting, gaps
from dashboard.domain.cells import DocumentedGap, gap_cells
from dashboard.domain.model import build_directory
from dashboard.i18n import locale_for
from dashboard.views import gap_review as gap_review_view
from dashboard.views import map_labels, profile, state
from dashboard.views import overview as overview_view
from tests.support.reference import AS_OF


def ids_of(directory, mask):
    return sorted(directory.frame["id"][mask])


def test_current_provision_is_active_and_pilot(mini_directory):
    current = counting.current_mask(mini_directory)
    assert ids_of(mini_directory, current) == [
        "a-drive",
        "b-choices",
        "d-phoenix",
        "e-all-wales",
        "f-south-wales-only",
    ]
    everything = counting.provision_mask(mini_directory, counting.ALL_STATUSES)
    assert everything.all()


def test_all_wales_services_sit_beside_the_local_count(mini_directory, mini_context):
    current = counting.current_mask(mini_directory)
    population = mini_context.population_16_plus["force"]
    local = counting.area_counts(mini_directory, current, "force", False, population)
    added = counting.area_counts(mini_directory, current, "force", True, population)
    by_area = local.set_index("area_id")
    # South Wales: A Drive and F; Gwent: D Phoenix; North Wales: C Hub has ended.
    assert by_area["count"].to_dict() == {
        "dyfed-powys": 1,
        "gwent": 1,
        "north-wales": 0,
        "south-wales": 2,
    }
    assert (by_area["all_wales_available"] == 1).all()
    # Adding the all-Wales service changes the counted figure, never the local count.
    assert (added["local_count"].to_numpy() == local["local_count"].to_numpy()).all()
    assert (added["count"].to_numpy() == local["count"].to_numpy() + 1).all()


def test_wales_comparator_counts_like_its_areas(mini_directory, mini_context):
    current = counting.current_mask(mini_directory)
    wales_population = mini_context.population_16_plus["wales"]["wales"]
    local = counting.wales_comparator(mini_directory, current, "force", False, wales_population)
    added = counting.wales_comparator(mini_directory, current, "force", True, wales_population)
    assert local.count == 4  # A, B, D, F: placed in a force area; E is national
    assert added.count == 5
    assert local.per_100k == pytest.approx(4 / wales_population * 100_000)


def test_shares_use_known_denominators(mini_directory, mini_context):
    everything = counting.provision_mask(mini_directory, counting.ALL_STATUSES)
    table = counting.area_counts(
        mini_directory, everything, "force", True, mini_context.population_16_plus["force"]
    ).set_index("area_id")
    # Gwent, with E added: D Phoenix (evaluation unknown) and E (not evaluated, Respect).
    # Evaluation is known for E only, so the share is 1 of 1, and rests on too little.
    assert table.loc["gwent", "quality_known"] == 1
    assert table.loc["gwent", "quality_count"] == 1
    assert table.loc["gwent", "quality_share"] == 1.0
    assert table.loc["gwent", "quality_too_little"]
    # South Wales, with E: A (randomised), F (under way), E (Respect): all three known.
    assert table.loc["south-wales", "quality_known"] == 3
    assert table.loc["south-wales", "quality_share"] == pytest.approx(2 / 3)
    assert not table.loc["south-wales", "quality_too_little"]


def test_too_little_known_rule():
    counted = np.array([2, 3, 4, 4, 10])
    known = np.array([2, 3, 2, 1, 5])
    assert counting.too_little_known(counted, known).tolist() == [True, False, False, True, False]


def test_ranks_share_ties_and_skip_missing():
    assert counting.ranks([5, 2, 5, float("nan"), 1]) == [1, 3, 1, None, 4]


def with_row_changed(mini_frame, lookup, row_id, **values):
    frame = mini_frame.copy()
    for column, value in values.items():
        frame.loc[frame["id"] == row_id, column] = value
    return build_directory(frame, lookup, as_of=AS_OF)


def test_an_unknown_value_never_creates_a_gap(mini_frame, lookup):
    # Make A Drive's tier unknown: Cardiff and Vale's only local service is then unclassified.
    directory = with_row_changed(mini_frame, lookup, "a-drive", service_tier="unknown")
    current = counting.current_mask(directory)
    cells = gap_cells(
        directory, current, "region", False, "service_tier", ["medium risk", "high harm"]
    )
    cell = cells["cardiff-and-vale"]["medium risk"]
    assert cell.state == counting.NOT_KNOWN
    assert (cell.count, cell.unclassified, cell.services) == (0, 1, 1)
    # Mid and West Wales: B Choices is classified (early intervention), so no medium-risk tier
    # there is a gap derived from the record.
    assert cells["mid-and-west-wales"]["medium risk"].state == counting.GAP
    # North Wales: C Hub has ended; nothing current is recorded there.
    assert cells["north-wales"]["medium risk"].state == counting.NO_RECORD
    found = gaps.find_gaps(directory, level="region", include_all_wales=False, recommendations={})
    no_medium = {gap.area_id for gap in found if gap.kind == "no-medium-risk"}
    not_known = {gap.area_id for gap in found if gap.kind == "medium-risk-not-known"}
    assert "cardiff-and-vale" not in no_medium and "cardiff-and-vale" in not_known
    assert "north-wales" not in no_medium


def test_a_documented_gap_is_a_gap_with_its_quote(mini_directory):
    stated = DocumentedGap(
        "x", "behaviour_focus", "forced marriage", "wales", "Wales", "None.", "000 § S", "quote"
    )
    documented = {("behaviour_focus", "forced marriage", "wales"): stated}
    cells = gap_cells(
        mini_directory,
        counting.current_mask(mini_directory),
        "force",
        False,
        "behaviour_focus",
        ["forced marriage"],
        documented,
    )
    assert all(row["forced marriage"].state == counting.GAP for row in cells.values())
    assert cells["gwent"]["forced marriage"].documented is stated


# ------------------------------------------------------------------------ shipped data


def test_vale_of_glamorgan_has_no_current_local_service(real_context):
    directory = real_context.directory
    current = counting.current_mask(directory)
    table = counting.area_counts(
        directory, current, "la", False, real_context.population_16_plus["la"]
    ).set_index("area_id")
    assert table.loc["vale-of-glamorgan", "count"] == 0
    everything = counting.provision_mask(directory, counting.ALL_STATUSES)
    with_ended = counting.area_counts(
        directory, everything, "la", False, real_context.population_16_plus["la"]
    ).set_index("area_id")
    assert with_ended.loc["vale-of-glamorgan", "count"] >= 1  # Atal y Fro, decommissioned


def test_cardiff_and_vale_medium_risk_gap_appears(real_context):
    result = gap_review_view.gap_review(
        real_context, level="region", include_all_wales=False, lang="en"
    )
    cell = result.cells["tier"]["cardiff-and-vale"]["medium risk"]
    assert cell.state == counting.GAP
    assert any(
        "Cardiff" in finding.text and finding.evidence_class != gaps.NOT_KNOWN
        for finding in result.findings
    )


def test_no_medium_risk_gap_where_services_are_unclassified(real_context):
    directory = real_context.directory
    current = counting.current_mask(directory)
    cells = gap_cells(directory, current, "region", False, "service_tier", ["medium risk"])
    for area_id, row in cells.items():
        cell = row["medium risk"]
        if cell.unclassified and cell.count == 0 and cell.documented is None:
            assert cell.state == counting.NOT_KNOWN, area_id
    found = gaps.find_gaps(directory, level="region", include_all_wales=False, recommendations={})
    for gap in found:
        if gap.kind == "no-medium-risk":
            assert cells[gap.area_id]["medium risk"].unclassified == 0


def test_harmful_sexual_behaviour_is_not_a_gap_in_wales(real_context):
    result = gap_review_view.gap_review(
        real_context, level="region", include_all_wales=False, lang="en"
    )
    about = [f for f in result.findings if "harmful sexual behaviour" in f.text]
    assert about, "the finding should say what the directory and the survey each show"
    for finding in about:
        assert finding.evidence_class not in (gaps.DOCUMENTED, gaps.DERIVED)
        assert "survey reports some" in finding.text
        assert "harmful sexual behaviours" in finding.quote


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_pages_give_the_same_figures_for_the_same_question(real_context, lang):
    """Gwent's current local services: the map, the force summary, the gap review and the
    presenter's force slide all count them the same way."""
    parsed = state.parse("/force/gwent", f"?lang={lang}", real_context.la_slugs)
    view = overview_view.compute_view(real_context, parsed.state)
    on_map = next(area for area in view.areas if area["area_id"] == "gwent")
    summary = profile.area_summary(real_context, level="force", area_id="gwent", lang=lang)
    assert on_map["count"] == summary.local_count == view.selected
    assert on_map["all_wales_available"] == summary.all_wales_count
    gap_review = gap_review_view.gap_review(
        real_context, level="force", include_all_wales=False, lang=lang
    )
    tiers = gap_review.cells["tier"]["gwent"]
    assert {cell.services for cell in tiers.values()} == {summary.local_count}
    assert tiers["medium risk"].count == summary.medium_risk_tier
    # The medium-risk count is over the services whose tier is known, never over the
    # unclassified ones (Gwent's prison programmes are custody provision since issue 21).
    assert summary.tier_known == tiers["medium risk"].services - tiers["medium risk"].unclassified
    assert summary.tier_known < summary.local_count
    from dashboard.views import findings

    deck = findings.slides(real_context, lang)
    force_slide = deck[2]
    # The slide compares the forces within one source (issue 21): the overview's comparison, on
    # the overview's map, Gwent's label saying its count.
    compared = overview_view.compute_view(
        real_context,
        state.parse(
            "/",
            f"?level=force&compare=policing-2023&lang={lang}",
            real_context.la_slugs,
            real_context.scope_ids,
        ).state,
    )
    listed = next(area for area in compared.areas if area["area_id"] == "gwent")
    shown = next(area for area in force_slide.map_view.areas if area["area_id"] == "gwent")
    assert shown["count"] == listed["count"]
    labels = force_slide.map_view.map["labels"]
    gwent_label = labels["text"][labels["locations"].index("gwent")]
    # The name may be broken over lines to fit its area, each line in bold.
    name = gwent_label.rpartition("<br>")[0].replace("</b><br><b>", " ")
    # The area's name as the map shows it (a Welsh map names the area, not the force).
    shown_name = map_labels.short_name(
        "gwent", real_context.names(lang, "force")["gwent"], "force", locale_for(lang)
    )
    assert name == f"<b>{shown_name}</b>"
    assert gwent_label.endswith(f"<br>{listed['count']}")


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_region_profile_counts_as_the_map_does(real_context, lang):
    """A region's profile: the map's count, apart from the all-Wales services; no crime figures
    (they are published by police force area); every share's denominator is stated."""
    parsed = state.parse("/region/cardiff-and-vale", f"?lang={lang}", real_context.la_slugs)
    view = overview_view.compute_view(real_context, parsed.state)
    on_map = next(area for area in view.areas if area["area_id"] == "cardiff-and-vale")
    summary = profile.area_summary(
        real_context, level="region", area_id="cardiff-and-vale", lang=lang
    )
    assert on_map["count"] == summary.local_count == view.selected
    assert on_map["all_wales_available"] == summary.all_wales_count
    assert summary.crime is None
    assert summary.areas_ranked == 6
    assert summary.precarity_known <= summary.services == summary.local_count
    assert summary.funding_end_known <= summary.services
    assert {cell.services for cell in summary.tier_cells.values()} == {summary.local_count}


def test_force_profile_has_crime_beside_wales_and_england_and_wales(real_context):
    crime = profile.area_summary(real_context, level="force", area_id="gwent", lang="en").crime
    assert {"Gwent", "Wales", "England and Wales"} <= set(crime.counts.columns)
    assert crime.period == "year ending June 2025"
    assert crime.sources
    # England and Wales has a count only: no population is held for it.
    assert crime.rates["England and Wales"].isna().all()
