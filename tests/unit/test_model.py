"""Counts from the six-row fixture, checked against hand counts (see conftest)."""

import numpy as np

from dashboard.domain import counting, model

POP = None


def population(directory, level):
    return dict.fromkeys(directory.area_ids[level], 100000)


def counts(directory, level, include_all_wales, filters=None):
    mask = model.filter_mask(directory, filters or {})
    table = counting.area_counts(
        directory, mask, level, include_all_wales, population(directory, level)
    )
    return dict(zip(table["area_id"], table["count"].tolist(), strict=True))


def test_region_counts_with_all_wales(mini_directory):
    assert counts(mini_directory, "region", True) == {
        "north-wales": 2,
        "gwent": 2,
        "cardiff-and-vale": 2,
        "cwm-taf-morgannwg": 1,
        "west-glamorgan": 1,
        "mid-and-west-wales": 2,
    }


def test_region_counts_without_all_wales(mini_directory):
    assert counts(mini_directory, "region", False) == {
        "north-wales": 1,
        "gwent": 1,
        "cardiff-and-vale": 1,
        "cwm-taf-morgannwg": 0,
        "west-glamorgan": 0,
        "mid-and-west-wales": 1,
    }


def test_force_counts(mini_directory):
    assert counts(mini_directory, "force", True) == {
        "dyfed-powys": 2,
        "gwent": 2,
        "north-wales": 2,
        "south-wales": 3,
    }


def test_la_counts_only_what_is_placed_in_them(mini_directory):
    """Issue 21: a local authority counts the services placed in it; a region-wide service is
    beside its count (``wider_available``), never inside it."""
    la = counts(mini_directory, "la", False)
    assert la["cardiff"] == 1  # Drive, placed in Cardiff
    assert la["vale-of-glamorgan"] == 0  # Drive names Cardiff only
    assert la["powys"] == la["wrexham"] == la["newport"] == 0
    assert sum(la.values()) == 1
    everything = np.ones(mini_directory.size, bool)
    table = counting.area_counts(
        mini_directory, everything, "la", False, dict.fromkeys(mini_directory.area_ids["la"], 1000)
    ).set_index("area_id")
    # Region-wide with no LA listed: Choices beside 4 Mid and West Wales LAs, C Hub beside 6
    # North Wales LAs, Phoenix beside 5 Gwent LAs.
    wider = table["wider_available"]
    assert wider["powys"] == wider["wrexham"] == wider["newport"] == 1
    # F is recorded across South Wales with no region: beside Cardiff too, though Drive is local.
    assert wider["cardiff"] == 1
    assert int(wider[["powys", "ceredigion", "pembrokeshire", "carmarthenshire"]].sum()) == 4


def test_unplaced(mini_directory):
    everything = np.ones(mini_directory.size, bool)
    # South-Wales-only service has no region; the all-Wales one is unplaced when excluded.
    assert counting.unplaced(mini_directory, everything, "region", True) == 1
    assert counting.unplaced(mini_directory, everything, "region", False) == 2
    assert counting.unplaced(mini_directory, everything, "force", False) == 1


def test_filters_and_within_or_across(mini_directory):
    stalking_or_sv = {"behaviour_focus": ["stalking", "sexual violence"]}
    assert int(model.filter_mask(mini_directory, stalking_or_sv).sum()) == 2
    narrowed = {**stalking_or_sv, "sector": ["HMPPS"]}
    assert int(model.filter_mask(mini_directory, narrowed).sum()) == 1
    unknown_value = {"sector": ["no such sector"]}
    assert int(model.filter_mask(mini_directory, unknown_value).sum()) == 0
    assert counts(mini_directory, "force", True, {"status": ["pilot"]})["south-wales"] == 1


def test_behaviour_breakdown_keeps_zero_gaps(mini_directory):
    everything = np.ones(mini_directory.size, bool)
    series = model.breakdown(mini_directory, everything, "behaviour_focus")
    assert series["domestic abuse"] == 5
    assert series["sexual violence"] == 1
    assert series["stalking"] == 1
    assert series["harmful sexual behaviour"] == 1
    for gap in (
        "honour-based abuse",
        "forced marriage",
        "female genital mutilation",
        "child to adult parental violence and abuse",
    ):
        assert series[gap] == 0


def test_evidence_and_quality_share(mini_directory):
    rungs = dict(
        zip(mini_directory.frame["id"], mini_directory.frame["evidence_rung"], strict=True)
    )
    assert rungs["a-drive"] == "externally evaluated"
    assert rungs["e-all-wales"] == "accredited"
    assert rungs["f-south-wales-only"] == "evaluation or accreditation under way"
    mask = model.filter_mask(mini_directory, {})
    table = counting.area_counts(
        mini_directory, mask, "force", True, population(mini_directory, "force")
    )
    south = table.set_index("area_id").loc["south-wales"]
    assert south["quality_count"] == 2  # Drive and the all-Wales accredited programme
    assert south["precarious_count"] == 0
    assert south["per_100k"] == 3.0
    gwent = table.set_index("area_id").loc["gwent"]
    assert gwent["precarious_share"] == 0.5  # Phoenix (spot purchase) of two


def test_directory_arrays_are_read_only(mini_directory):
    import pytest

    with pytest.raises(ValueError):
        mini_directory.membership["region"][0, 0] = True


def test_funding_end_by_funder(mini_directory):
    everything = np.ones(mini_directory.size, bool)
    table = model.funding_end_by_funder(mini_directory, everything)
    assert list(table.index) == ["2023-24", "2027-28", "unknown"]
    assert table.loc["2027-28", "PCC"] == 1
    assert int(table.to_numpy().sum()) == 6
