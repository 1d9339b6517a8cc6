"""Domestic abuse-related crime on a force's profile (issue 23): the rows of
``data/criminal_justice.csv`` it is read from, checked by hand against the reports that printed
them, one period beside another never, and rates as published, never recomputed."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import config
from dashboard.data import build
from dashboard.data.loader import load_criminal_justice, load_lookup, load_population
from dashboard.data.reading import DataError
from dashboard.domain import need

FORCES = ("Dyfed-Powys", "Gwent", "North Wales", "South Wales")


@pytest.fixture(scope="module")
def shipped():
    return load_criminal_justice(config.DATA_DIR / "criminal_justice.csv")


def values(figures) -> dict[str, float]:
    return {figure.unit: figure.value for figure in figures}


def test_no_year_has_a_published_rate_for_all_four_forces(shipped):
    """The sources held give 2021/22 rates for three forces and none for South Wales (searched
    for, not found: see data/README.md), so no year is complete and none is claimed."""
    rated = shipped[shipped["measure"] == need.DA_CRIMES_RATE]
    assert set(rated.loc[rated["period"] == "2021/22", "area"]) == {
        "Dyfed-Powys",
        "Gwent",
        "North Wales",
    }
    assert "South Wales" not in set(rated["area"])
    for force in FORCES:
        indicator = need.domestic_abuse_indicator(shipped, force)
        assert indicator.complete is None
        assert indicator.latest == "2021/22"
        assert indicator.missing == ("South Wales",)


@pytest.mark.parametrize(
    ("force", "period", "rate", "count"),
    [
        # Cambrian News, 1 Dec 2022: "5,600 domestic abuse-related crimes ... 10.9 ... per 1,000"
        ("Dyfed-Powys", "2021/22", 10.9, 5600),
        # Abergavenny Chronicle: "9,681 domestic abuse-related crimes ... 16.5 ... per 1,000"
        ("Gwent", "2021/22", 16.5, 9681),
        # Cambrian News, 1 Dec 2022: "14,147 domestic abuse-related crimes ... 20.6 ... per 1,000"
        ("North Wales", "2021/22", 20.6, 14147),
        # BBC News, 27 Nov 2019: "recording 17,389 in 2018-2019"; no rate printed.
        ("South Wales", "2018/19", None, 17389),
    ],
)
def test_each_forces_latest_figure_is_the_published_one(shipped, force, period, rate, count):
    indicator = need.domestic_abuse_indicator(shipped, force)
    assert indicator.period == period
    assert {figure.period for figure in indicator.figures} == {period}  # one period only
    published = values(indicator.force)
    assert published.get("per 1,000 population") == rate
    assert published["count"] == count
    for figure in indicator.force:
        assert figure.source_kind == "secondary"
        assert figure.caveat.startswith("Secondary source: figure as printed in a report")
        assert figure.quote  # the words the report printed it in


def test_wales_is_beside_a_force_only_in_the_same_year(shipped):
    """Wales's count (the four forces combined, BBC) is of 2018/19: beside South Wales's 2018/19
    figure, and beside no force's 2021/22 one; England and Wales has no figure held."""
    south = need.domestic_abuse_indicator(shipped, "South Wales")
    assert [(f.area, f.period, f.value) for f in south.wales] == [("Wales", "2018/19", 41532.0)]
    assert south.wales[0].measure == need.DA_CRIMES_WALES
    for force in ("Dyfed-Powys", "Gwent", "North Wales"):
        indicator = need.domestic_abuse_indicator(shipped, force)
        assert indicator.wales == () and indicator.england_and_wales == ()


def test_rates_are_the_published_ones_not_recomputed(shipped):
    """A count over mid-2024 population gives another figure (16.1 for Gwent, not the 16.5
    published for 2021/22): the profile shows the published rate, and takes no population."""
    lookup = load_lookup(config.GEOGRAPHY_DIR / "la_lookup.csv")
    population = load_population(config.GEOGRAPHY_DIR / "population.csv", lookup)
    gwent = population[(population["level"] == "force") & (population["area_id"] == "gwent")]
    recomputed = round(9681 / int(gwent["population"].iloc[0]) * 1000, 1)
    indicator = need.domestic_abuse_indicator(shipped, "Gwent")
    assert values(indicator.force)["per 1,000 population"] == 16.5 != recomputed


def frame(rows) -> pd.DataFrame:
    columns = ("area", "measure", "period", "value", "unit", "source_kind", "source", "caveat")
    return pd.DataFrame([dict(zip(columns, row, strict=True)) | {"quote": ""} for row in rows])


def rate(area, period, value, source="ONS data tool"):
    return (
        area,
        need.DA_CRIMES_RATE,
        period,
        value,
        "per 1,000 population",
        "primary",
        source,
        "c",
    )


def count(area, period, value, measure=need.DA_CRIMES):
    return (area, measure, period, value, "count", "primary", "ONS data tool", "c")


def test_a_complete_year_is_shown_beside_wales_and_england_and_wales():
    """Where the latest year with a rate for every force exists, every area is of that year:
    an older Wales rate, a later year with three forces, a calendar year and "incidents and
    crimes" are all left out."""
    rows = [rate(force, "2022/23", 10.0 + index) for index, force in enumerate(FORCES)]
    rows += [rate(force, "2023/24", 20.0) for force in FORCES[:3]]
    rows += [
        rate("Wales", "2022/23", 12.5),
        rate("Wales", "2021/22", 99.0),
        rate("England and Wales", "2022/23", 14.8),
        count("Gwent", "2022/23", 9000),
        count("Gwent", "calendar year 2022", 1),
        count("Gwent", "2022/23", 7, measure="domestic abuse-related incidents and crimes"),
    ]
    indicator = need.domestic_abuse_indicator(frame(rows), "Gwent")
    assert indicator.complete == indicator.period == "2022/23"
    assert indicator.missing == ()
    assert [(f.unit, f.value) for f in indicator.force] == [
        ("per 1,000 population", 11.0),
        ("count", 9000.0),
    ]
    assert [f.value for f in indicator.wales] == [12.5]
    assert [f.value for f in indicator.england_and_wales] == [14.8]
    assert {f.period for f in indicator.figures} == {"2022/23"}


def test_a_force_with_no_figure_has_no_indicator():
    assert need.domestic_abuse_indicator(frame([rate("Gwent", "2022/23", 1.0)]), "Powys") is None


def test_the_need_page_keeps_every_period_in_its_own_series(shipped):
    """/need reads the same rows: each series is one measure, one period and one unit."""
    series = need.secondary_series(shipped)
    da = series[series["measure"].isin(need.DA_MEASURES)]
    assert len(da) == 17
    for _name, group in da.groupby("series"):
        assert group["period"].nunique() == 1 and group["unit"].nunique() == 1


def test_a_quote_must_contain_its_figure(tmp_path, shipped):
    """The loader refuses a quote that does not print its row's value."""
    changed = shipped.copy()
    row = changed.index[
        (changed["area"] == "Gwent")
        & (changed["measure"] == need.DA_CRIMES_RATE)
        & (changed["period"] == "2021/22")
    ][0]
    changed.loc[row, "value"] = 16.6
    path = tmp_path / "criminal_justice.csv"
    changed.to_csv(path, index=False)
    with pytest.raises(DataError, match="a quote must contain its figure as printed"):
        load_criminal_justice(path)


@pytest.mark.skipif(
    not config.SHARED_CRIMINAL_JUSTICE_DIR.is_dir(),
    reason="../shared/data is not beside the repository",
)
def test_every_quote_names_one_figure(tmp_path):
    """The build stops on a quote that names no secondary figure (a mistyped period)."""
    quotes = pd.read_csv(config.DATA_DIR / "criminal_justice_quotes.csv", dtype=str)
    quotes.loc[0, "period"] = "2019/20"
    path = tmp_path / "quotes.csv"
    quotes.to_csv(path, index=False)
    with pytest.raises(ValueError, match="each quote must name exactly one secondary figure"):
        build.build_criminal_justice(config.SHARED_CRIMINAL_JUSTICE_DIR, path)
