"""Need beside provision: criminal-justice indicators by police force area, with rates."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import numpy as np
import pandas as pd

from dashboard.data import vocabulary as vocab

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
