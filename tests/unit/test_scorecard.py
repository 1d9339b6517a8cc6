"""The minimum-offer scorecard: hand-counted cells on a tiny directory, the shipped data, the URL.

The page itself (route, navigation, controls, CSV download): tests/integration/test_scorecard_page.py.
"""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import numpy as np
import pandas as pd
import pytest

from dashboard.data import column_registry
from dashboard.data import vocabulary as vocab
from dashboard.data.reading import empty_frame
from dashboard.domain import counting, scorecard
from dashboard.domain.cells import ACROSS_WALES, any_value_cells, gap_cells
from dashboard.domain.model import build_directory
from tests.support.reference import AS_OF

DEFAULTS = dict.fromkeys(column_registry.file_columns(), vocab.UNKNOWN)
DEFAULTS.update(
    aliases="",
    provider="Example provider",
    local_authorities="",
    evaluation_note="",
    accreditation="none stated",
    funding_period_months="",
    status_date="unknown",
    source="004_83587007cfe16032.txt § 6 Conclusions and discussion",
    evidence="Example",
    last_verified="2026-11-25",
    note="",
)


def row(name, status, regions, forces, tier, behaviour="domestic abuse", **extra):
    values = dict(DEFAULTS)
    values.update(
        id=name.lower(),
        name=name,
        status=status,
        vawdasv_regions=regions,
        police_force_areas=forces,
        service_tier=tier,
        behaviour_focus=behaviour,
        **extra,
    )
    if "kind" in values:
        values["kind"] = extra.get("kind", "programme")
    return values


# Hand counts (current = active or pilot; local only unless all-Wales services are added):
#   Cardiff and Vale: A (medium risk; high harm), B (preventative, stalking)  -> 2 services, all
#     tiers known; C in Gwent is decommissioned, so Gwent has only D, whose tier is unknown.
#   E is available across all of Wales (criminal justice); F is a North Wales pilot.
#   Cwm Taf Morgannwg, West Glamorgan, Mid and West Wales: no local service.
TINY = [
    row("A", "active", "Cardiff and Vale", "South Wales", "medium risk;high harm"),
    row("B", "active", "Cardiff and Vale", "South Wales", "preventative", "stalking"),
    row("C", "decommissioned", "Gwent", "Gwent", "medium risk"),
    row("D", "active", "Gwent", "Gwent", "unknown", "unknown"),
    row("E", "active", "All Wales", "All Wales", "criminal justice"),
    row("F", "pilot", "North Wales", "North Wales", "early intervention"),
]

OFFER = pd.DataFrame(
    [
        ("medium-risk", "Medium-risk tier service", "service_tier", "medium risk"),
        ("family", "Family service", "service_tier", "family"),
        ("criminal-justice", "Criminal-justice service", "service_tier", "criminal justice"),
        ("stalking", "Stalking intervention", "behaviour_focus", "stalking"),
        ("mr-or-family", "Medium risk or family", "service_tier", "medium risk;family"),
        ("attendance", "Voluntary attendance", "attendance", "voluntary"),
    ],
    columns=["id", "element", "field", "values"],
).assign(rationale="DRAFT", source="000_x.txt § y", evidence="quote")

FAMILY_GAP = pd.DataFrame(
    [
        {
            "id": "cv-family",
            "field": "service_tier",
            "value": "family",
            "level": "region",
            "area": "Cardiff and Vale",
            "statement": "No family service in Cardiff and the Vale.",
            "source": "004_83587007cfe16032.txt § 4.6 Family",
            "evidence": "There are no interventions in Cardiff and The Vale of Glamorgan",
            "note": "",
        }
    ]
)


@pytest.fixture(scope="module")
def tiny_directory(lookup):
    frame = pd.DataFrame(TINY, columns=list(column_registry.file_columns()))
    directory = build_directory(frame, lookup, as_of=AS_OF)
    # The "attendance" element names a column this directory does not have.
    return dataclasses.replace(directory, frame=directory.frame.drop(columns=["attendance"]))


class FakeBundle:
    def __init__(self, real_bundle, documented):
        self.minimum_offer = OFFER
        self.areas = real_bundle.areas
        self.documented_gaps = documented
        # As a bundle loaded without sources.csv: citations show the file name.
        self.sources = empty_frame(vocab.SOURCE_COLUMNS)


class FakeContext:
    def __init__(self, directory, real_context, documented=None):
        self.directory = directory
        self.bundle = FakeBundle(real_context.bundle, documented)
        self._names = real_context.area_names

    def names(self, lang, level):
        return self._names[lang][level]


@pytest.fixture(scope="module")
def tiny_context(tiny_directory, real_context):
    return FakeContext(tiny_directory, real_context)


def cells(view, area_id):
    (found,) = [r for r in view.rows if r.area_id == area_id]
    return found, {cell.element_id: cell for cell in found.cells}


def test_hand_counted_cells_local_only(tiny_context):
    view = scorecard.scorecard_view(
        tiny_context, level="region", include_all_wales=False, lang="en"
    )
    assert [element.id for element in view.elements] == list(OFFER["id"])
    assert view.all_wales_services == 1

    cv, cv_cells = cells(view, "cardiff-and-vale")
    assert cv.services == 2
    assert cv_cells["medium-risk"].state == counting.RECORDED
    assert cv_cells["medium-risk"].names == ("A",)
    assert cv_cells["family"].state == counting.GAP  # every tier there is known, none is family
    assert cv_cells["family"].documented is None
    # E, available across Wales, is criminal justice: provision recorded (beside, not added in).
    assert cv_cells["criminal-justice"].state == counting.RECORDED
    assert cv_cells["criminal-justice"].reason == ACROSS_WALES
    assert cv_cells["criminal-justice"].count == 0
    assert cv_cells["criminal-justice"].all_wales == 1
    assert cv_cells["criminal-justice"].all_wales_names == ("E",)
    assert cv_cells["stalking"].state == counting.RECORDED and cv_cells["stalking"].names == ("B",)
    assert cv_cells["mr-or-family"].state == counting.RECORDED
    assert cv_cells["mr-or-family"].count == 1
    assert cv_cells["attendance"].state == counting.NOT_KNOWN
    assert cv_cells["attendance"].unclassified == 2
    assert (cv.met, cv.gaps, cv.not_known, cv.no_record, cv.total) == (4, 1, 1, 0, 6)

    # Gwent: C is decommissioned, D's tier is unknown: "not known", never a gap.
    gwent, gwent_cells = cells(view, "gwent")
    assert gwent.services == 1
    assert gwent_cells["medium-risk"].state == counting.NOT_KNOWN
    assert gwent_cells["medium-risk"].unclassified == 1
    assert gwent_cells["family"].state == counting.NOT_KNOWN
    assert gwent_cells["stalking"].state == counting.NOT_KNOWN
    assert gwent_cells["criminal-justice"].reason == ACROSS_WALES  # E
    assert (gwent.met, gwent.gaps, gwent.not_known) == (1, 0, 5)

    ctm, ctm_cells = cells(view, "cwm-taf-morgannwg")
    assert ctm.services == 0
    assert ctm_cells["criminal-justice"].state == counting.RECORDED  # E, across Wales
    assert ctm_cells["criminal-justice"].all_wales == 1
    assert ctm.no_record == 5

    notes = " ".join(view.notes)
    assert "attendance" in notes and "Voluntary attendance" in notes


def test_adding_all_wales_services(tiny_context):
    local = scorecard.scorecard_view(
        tiny_context, level="region", include_all_wales=False, lang="en"
    )
    added = scorecard.scorecard_view(
        tiny_context, level="region", include_all_wales=True, lang="en"
    )
    _, ctm = cells(added, "cwm-taf-morgannwg")
    assert ctm["criminal-justice"].state == counting.RECORDED
    assert ctm["criminal-justice"].names == ("E",)
    assert ctm["criminal-justice"].all_wales == 0  # added in, so nothing beside
    assert ctm["medium-risk"].state == counting.GAP  # E is counted now and its tier is known
    _, cv = cells(added, "cardiff-and-vale")
    assert cv["criminal-justice"].count == 1
    # Toggling never changes what the local cells count for services placed locally.
    _, cv_local = cells(local, "cardiff-and-vale")
    assert cv_local["medium-risk"].count == cv["medium-risk"].count == 1


def test_force_level(tiny_context):
    view = scorecard.scorecard_view(tiny_context, level="force", include_all_wales=False, lang="en")
    assert [r.area_id for r in view.rows] == ["dyfed-powys", "gwent", "north-wales", "south-wales"]
    south, south_cells = cells(view, "south-wales")
    assert south.services == 2 and south_cells["medium-risk"].names == ("A",)
    _, north = cells(view, "north-wales")
    assert north["medium-risk"].state == counting.GAP  # F's tier is known: early intervention


def test_documented_gap_is_shown_with_its_quote(tiny_directory, real_context):
    context = FakeContext(tiny_directory, real_context, documented=FAMILY_GAP)
    view = scorecard.scorecard_view(context, level="region", include_all_wales=False, lang="en")
    _, cv = cells(view, "cardiff-and-vale")
    assert cv["family"].state == counting.GAP
    assert cv["family"].documented is not None
    assert cv["family"].documented.evidence.startswith("There are no interventions")
    # A multi-value element is a documented gap only when every value has one: medium risk is met.
    assert cv["mr-or-family"].documented is None
    # Region gaps do not leak into force areas with another boundary.
    force = scorecard.scorecard_view(context, level="force", include_all_wales=False, lang="en")
    assert all(cell.documented is None for r in force.rows for cell in r.cells)


def test_element_cells_equal_gap_cells_for_one_value(tiny_directory):
    mask = counting.provision_mask(tiny_directory, counting.CURRENT)
    for level in ("region", "force"):
        for include in (False, True):
            for value in ("medium risk", "family", "criminal justice"):
                ours = any_value_cells(
                    tiny_directory, mask, level, include, "service_tier", (value,)
                )
                theirs = gap_cells(tiny_directory, mask, level, include, "service_tier", (value,))
                assert ours == {area: row[value] for area, row in theirs.items()}


def test_every_vocabulary_column_is_indexed_for_the_offer(tiny_directory):
    # An offer element may name any vocabulary column: the directory indexes them all, once.
    assert "cohort" in tiny_directory.indicators
    assert isinstance(tiny_directory.indicators, MappingProxyType)
    assert not np.any(tiny_directory.indicator_arrays["cohort"][:, :-1])  # all cohorts unknown


def test_csv_table_matches_the_cells(tiny_context):
    view = scorecard.scorecard_view(
        tiny_context, level="region", include_all_wales=False, lang="en"
    )
    table = view.table().set_index("area_id")
    assert table.loc["cardiff-and-vale", "medium-risk_state"] == counting.RECORDED
    assert table.loc["cardiff-and-vale", "medium-risk_services"] == "A"
    assert table.loc["gwent", "medium-risk_state"] == counting.NOT_KNOWN
    assert table.loc["gwent", "medium-risk_unclassified"] == 1
    assert table.loc["cardiff-and-vale", "elements_met"] == 4
    assert table.loc["cardiff-and-vale", "criminal-justice_reason"] == ACROSS_WALES
    assert table.loc["gwent", "medium-risk_reason"] == "unclassified"


# ------------------------------------------------------------------------ shipped data


def test_shipped_cardiff_and_vale_medium_risk_is_a_gap(real_context):
    view = scorecard.scorecard_view(
        real_context, level="region", include_all_wales=False, lang="en"
    )
    _, cv = cells(view, "cardiff-and-vale")
    assert cv["medium-risk"].state == counting.GAP
    assert cv["medium-risk"].count == 0


def test_shipped_unclassified_services_never_make_a_gap(real_context):
    """No derived gap while a service here, or one that could serve the area (across Wales,
    across its police force area with no region, or with no area), is unclassified."""
    for level in ("region", "force"):
        for include in (False, True):
            view = scorecard.scorecard_view(
                real_context, level=level, include_all_wales=include, lang="en"
            )
            tier_ids = {e.id for e in view.elements if e.field == "service_tier"}
            for area in view.rows:
                for cell in area.cells:
                    if cell.element_id not in tier_ids or cell.count or cell.documented:
                        continue
                    if cell.unclassified or cell.wider_unclassified or cell.wider:
                        assert cell.state != counting.GAP, (area.area_id, cell)
                    if cell.state == counting.NOT_KNOWN:
                        assert cell.reason, (area.area_id, cell)
    view = scorecard.scorecard_view(
        real_context, level="region", include_all_wales=False, lang="en"
    )
    _, mid = cells(view, "mid-and-west-wales")
    assert mid["medium-risk"].state == counting.NOT_KNOWN
    assert mid["medium-risk"].unclassified > 0
    # Cwm Taf Morgannwg: South Wales force-wide services with no region recorded could serve it
    # (Driving Change, unclassified tier; the Family Intervention Programme and Inspiring
    # Families, family tier), so neither is a gap.
    _, ctm = cells(view, "cwm-taf-morgannwg")
    assert ctm["medium-risk"].state == counting.NOT_KNOWN
    assert ctm["family"].state == counting.NOT_KNOWN
    assert "Driving Change" in ctm["medium-risk"].wider_unclassified_names
    assert ctm["family"].reason == "wider has"


def test_shipped_no_region_has_a_sexual_violence_gap_on_the_scorecard(real_context):
    for level in ("region", "force"):
        view = scorecard.scorecard_view(
            real_context, level=level, include_all_wales=False, lang="en"
        )
        for area in view.rows:
            for cell in area.cells:
                if cell.element_id == "sexual-violence":
                    assert cell.state != counting.GAP, area.area_id


def test_shipped_stated_gaps_carry_their_year(real_context):
    view = scorecard.scorecard_view(
        real_context, level="region", include_all_wales=False, lang="en"
    )
    _, cv = cells(view, "cardiff-and-vale")
    assert cv["medium-risk"].documented is not None and cv["medium-risk"].stated_year == 2020
    # 2020's "no family intervention": the 2023 policing submission names two family-tier
    # services recorded across South Wales with no region stated.
    assert cv["family"].stated_year == 2020
    assert set(cv["family"].later.across) >= {"Family Intervention Programme"}
    table = view.table().set_index("area_id")
    assert table.loc["cardiff-and-vale", "medium-risk_year"] == 2020
    assert (
        "Family Intervention Programme"
        in table.loc["cardiff-and-vale", "family_later_sources_name"]
    )
    summary = view.summary
    assert (
        summary.derived
        + summary.stated
        + summary.recorded
        + summary.not_known
        + (summary.no_record)
        == summary.cells
    )


def test_totals_add_up(real_context):
    view = scorecard.scorecard_view(real_context, level="force", include_all_wales=False, lang="cy")
    for area in view.rows:
        assert area.met + area.gaps + area.not_known + area.no_record == area.total
        assert area.total == len(view.elements)
    assert view.rows[0].name == real_context.names("cy", "force")[view.rows[0].area_id]


# ------------------------------------------------------------------------ the page's URL


def test_callback_helpers_round_trip():
    from dashboard.views.state import AreaSettings, area_search
    from dashboard.views.url_parsing import area_settings

    assert area_settings(None) == AreaSettings("region", False, "current", "en")
    assert area_settings("?level=force&all_wales=1&lang=cy") == AreaSettings(
        "force", True, "current", "cy"
    )
    assert area_search(AreaSettings("force", True, lang="cy")) == "?level=force&all_wales=1&lang=cy"
    assert area_settings(area_search(AreaSettings())) == AreaSettings()
