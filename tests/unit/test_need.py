"""Need indicators from the built criminal-justice and population files."""

import math

import pytest

from dashboard import config
from dashboard.data.loader import load_criminal_justice, load_lookup, load_population
from dashboard.domain import need


@pytest.fixture(scope="module")
def indicators():
    lookup = load_lookup(config.GEOGRAPHY_DIR / "la_lookup.csv")
    population = load_population(config.GEOGRAPHY_DIR / "population.csv", lookup)
    by_name = dict(zip(population["area_name"], population["population"], strict=True))
    cj = load_criminal_justice(config.DATA_DIR / "criminal_justice.csv")
    return need.primary_indicators(cj, by_name)


def test_wales_sexual_offences_rate(indicators):
    row = indicators[(indicators["area"] == "Wales") & (indicators["measure"] == "Sexual offences")]
    assert int(row["count"].iloc[0]) == 10637
    # 10,637 offences / 3,186,581 people (ONS mid-2024) x 1,000
    assert row["rate_per_1000"].iloc[0] == pytest.approx(3.338, abs=0.001)


def test_forces_sum_to_wales(indicators):
    for measure in need.NEED_MEASURES:
        rows = indicators[indicators["measure"] == measure].set_index("area")["count"]
        forces = sum(
            rows[force] for force in ("Dyfed-Powys", "Gwent", "North Wales", "South Wales")
        )
        assert forces == rows["Wales"]


def test_england_and_wales_has_count_but_no_rate(indicators):
    row = indicators[
        (indicators["area"] == "England and Wales") & (indicators["measure"] == "Sexual offences")
    ]
    assert int(row["count"].iloc[0]) == 211225
    assert math.isnan(row["rate_per_1000"].iloc[0])


def test_share_of_total_for_england_and_wales(indicators):
    share = need.share_of_total(indicators, "Stalking and harassment").set_index("area")["share"]
    assert share["England and Wales"] == pytest.approx(605728 / 5287312)


def test_periods_never_share_a_series():
    cj = load_criminal_justice(config.DATA_DIR / "criminal_justice.csv")
    series = need.secondary_series(cj)
    for _name, group in series.groupby("series"):
        assert group["period"].nunique() == 1
        assert group["unit"].nunique() == 1
