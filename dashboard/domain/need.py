"""Need beside provision: criminal-justice indicators by police force area, with rates."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from dashboard.data import vocabulary as vocab
from dashboard.i18n import N_

P1_PERIOD: Final = "year ending June 2025"
#: Offence groups of Home Office Table P1 shown as need indicators, in display order.
NEED_MEASURES: Final = (
    "Stalking and harassment",
    "Sexual offences",
    "Violence against the person",
    "Total recorded crime (excluding fraud)",
)
RATE_PER: Final = 1_000
POPULATION_SOURCE: Final = "ONS mid-2024 population estimates (all ages)"


def primary_indicators(
    criminal_justice: pd.DataFrame, population: Mapping[str, int]
) -> pd.DataFrame:
    """P1 counts for the four forces and Wales, with rates per 1,000 people.

    ``population`` maps area names (the four forces and ``"Wales"``) to mid-2024 population.
    England and Wales gets its count but no rate: the project holds no population for it.
    """
    primary = criminal_justice[
        (criminal_justice["source_kind"] == "primary")
        & (criminal_justice["period"] == P1_PERIOD)
        & (criminal_justice["measure"].isin(NEED_MEASURES))
    ]
    rows = []
    for row in primary.itertuples(index=False):
        people = population.get(row.area)
        rate = row.value / people * RATE_PER if people else np.nan
        rows.append(
            {
                "area": row.area,
                "measure": row.measure,
                "period": row.period,
                "count": int(row.value),
                "rate_per_1000": rate,
                "population": people if people else np.nan,
                "source": row.source,
                "caveat": row.caveat,
            }
        )
    order = {
        area: index
        for index, area in enumerate(("England and Wales", "Wales", *vocab.POLICE_FORCE_AREAS))
    }
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    frame["area_order"] = frame["area"].map(order)
    frame["measure_order"] = frame["measure"].map({m: i for i, m in enumerate(NEED_MEASURES)})
    return (
        frame.sort_values(["measure_order", "area_order"])
        .drop(columns=["area_order", "measure_order"])
        .reset_index(drop=True)
    )


def share_of_total(indicators: pd.DataFrame, measure: str) -> pd.DataFrame:
    """A measure as a share of total recorded crime, per area (works for England and Wales too)."""
    counts = indicators.pivot(index="area", columns="measure", values="count")
    total = counts["Total recorded crime (excluding fraud)"]
    return (counts[measure] / total).rename("share").reset_index()


def secondary_series(criminal_justice: pd.DataFrame) -> pd.DataFrame:
    """Secondary figures, one series per (measure, period, unit): periods are never mixed."""
    secondary = criminal_justice[criminal_justice["source_kind"] == "secondary"].copy()
    secondary["series"] = (
        secondary["measure"] + " · " + secondary["period"] + " · " + secondary["unit"]
    )
    return secondary.sort_values(["measure", "period", "area"]).reset_index(drop=True)


# -- domestic abuse-related crime, the indicator a PCC office reads first ------------------------
#: Domestic abuse-related crimes recorded by the police (ONS, from the police's domestic abuse
#: flag): the count, and the rate per 1,000 people as the report printed it. Never "incidents and
#: crimes", a wider measure.
DA_CRIMES: Final = "domestic abuse-related crimes recorded by the police"
DA_CRIMES_RATE: Final = f"{DA_CRIMES} (rate)"
#: Wales's count, which the report gives as the four forces' total.
DA_CRIMES_WALES: Final = f"{DA_CRIMES} (all four Welsh forces combined)"
DA_MEASURES: Final = (DA_CRIMES, DA_CRIMES_RATE, DA_CRIMES_WALES)
#: The indicator's name on screen (a catalogue message).
DA_CRIMES_HEADING: Final = N_("Domestic abuse-related crimes recorded by the police")
#: Only financial years ("2021/22": April 2021 to March 2022) are read as periods of the series;
#: another period (a calendar year, an FOI's twelve months) is another series.
FINANCIAL_YEAR: Final = re.compile(r"^(\d{4})/(\d{2})$")


@dataclass(frozen=True)
class PublishedFigure:
    """One published figure as its row gives it: never recomputed."""

    area: str
    measure: str
    period: str
    unit: str
    value: float
    source_kind: str
    source: str
    caveat: str
    quote: str


@dataclass(frozen=True)
class DomesticAbuseIndicator:
    """Domestic abuse-related crimes in one force area beside Wales and England and Wales.

    ``complete`` is the latest financial year with a published rate for all four Welsh forces,
    or None; then ``period`` is that year, else the force's own latest year (with a rate if it has
    one), ``latest`` the latest year any force has a rate for and ``missing`` the forces without
    one in it. ``force``, ``wales`` and ``england_and_wales`` hold the figures of ``period`` only:
    figures of different periods never stand side by side."""

    area: str
    period: str
    complete: str | None
    latest: str | None
    missing: tuple[str, ...]
    force: tuple[PublishedFigure, ...]
    wales: tuple[PublishedFigure, ...]
    england_and_wales: tuple[PublishedFigure, ...]

    @property
    def figures(self) -> tuple[PublishedFigure, ...]:
        return (*self.force, *self.wales, *self.england_and_wales)


def financial_year_end(period: str) -> int | None:
    """The calendar year a financial year ends in: "2021/22" -> 2022; None for other periods."""
    match = FINANCIAL_YEAR.match(period)
    return int(match.group(1)) + 1 if match else None


def domestic_abuse_indicator(
    criminal_justice: pd.DataFrame, area: str
) -> DomesticAbuseIndicator | None:
    """The domestic abuse-related crime figures to show beside force ``area`` (None if it has
    none): the latest financial year with a published rate for every Welsh force if there is one,
    else the force's own latest year. Rates are the published ones (``unit`` "per 1,000
    population"), never a count divided by a population."""
    rows = criminal_justice[
        criminal_justice["measure"].isin(DA_MEASURES)
        & criminal_justice["period"].map(lambda period: financial_year_end(period) is not None)
    ]
    figures = [
        PublishedFigure(
            area=row.area,
            measure=row.measure,
            period=row.period,
            unit=row.unit,
            value=float(row.value),
            source_kind=row.source_kind,
            source=row.source,
            caveat=row.caveat,
            quote=row.quote,
        )
        for row in rows.itertuples(index=False)
    ]
    own = [figure for figure in figures if figure.area == area]
    if not own:
        return None
    rated = {
        force: {f.period for f in figures if f.area == force and f.measure == DA_CRIMES_RATE}
        for force in vocab.POLICE_FORCE_AREAS
    }
    complete = set.intersection(*rated.values())
    every_rate = set.union(*rated.values())
    latest = max(every_rate) if every_rate else None
    if complete:
        period = max(complete)
    else:
        own_rates = rated.get(area) or set()
        period = max(own_rates) if own_rates else max(f.period for f in own)

    def of(name: str) -> tuple[PublishedFigure, ...]:
        chosen = [f for f in figures if f.area == name and f.period == period]
        # The rate first, then the count: the order the profile reads them in.
        return tuple(sorted(chosen, key=lambda f: (f.measure != DA_CRIMES_RATE, f.source)))

    return DomesticAbuseIndicator(
        area=area,
        period=period,
        complete=max(complete) if complete else None,
        latest=latest,
        missing=tuple(
            force
            for force in vocab.POLICE_FORCE_AREAS
            if not complete and latest is not None and latest not in rated[force]
        ),
        force=of(area),
        wales=of("Wales"),
        england_and_wales=of("England and Wales"),
    )
