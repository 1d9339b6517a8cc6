"""Funding cliff-edge: when stated funding ends, relative to a reference date."""

from __future__ import annotations

import datetime as dt
from typing import Final

import pandas as pd

from dashboard.data import vocabulary as vocab
from dashboard.domain.model import Directory

ENDED: Final = "already ended"
WITHIN_12_MONTHS: Final = "ends within 12 months"
LATER: Final = "ends later"
NOT_STATED: Final = "end not stated"
HORIZONS: Final = (ENDED, WITHIN_12_MONTHS, LATER, NOT_STATED)

DEVOLVED: Final = "devolved"
NON_DEVOLVED: Final = "non-devolved"
POOLED_OR_OTHER: Final = "pooled or other"
FUNDER_CLASSES: Final = (DEVOLVED, NON_DEVOLVED, POOLED_OR_OTHER, vocab.UNKNOWN)


def financial_year_end(label: str) -> dt.date | None:
    """``"2023-24"`` -> 31 March 2024; None when not a financial year."""
    start = vocab.financial_year_start(label)
    return dt.date(start + 1, 3, 31) if start is not None else None


def horizon(label: str, as_of: dt.date) -> str:
    """Which horizon a stated funding end falls in, seen from ``as_of``."""
    end = financial_year_end(label)
    if end is None:
        return NOT_STATED
    if end < as_of:
        return ENDED
    one_year_on = (
        as_of.replace(year=as_of.year + 1)
        if not (as_of.month == 2 and as_of.day == 29)
        else as_of + dt.timedelta(days=365)
    )
    return WITHIN_12_MONTHS if end <= one_year_on else LATER


def funder_class(funder: str) -> str:
    """The survey's split: devolved (LA, Welsh Government, health) and non-devolved bodies."""
    if funder in vocab.DEVOLVED_FUNDERS:
        return DEVOLVED
    if funder in vocab.NON_DEVOLVED_FUNDERS:
        return NON_DEVOLVED
    if funder == vocab.UNKNOWN:
        return vocab.UNKNOWN
    return POOLED_OR_OTHER


def cliff_edge(directory: Directory, mask, as_of: dt.date) -> pd.DataFrame:
    """One row per matching intervention with its funding end, horizon and funder class."""
    frame = directory.frame.loc[
        mask,
        [
            "id",
            "name",
            "funding_end",
            "primary_funder",
            "vawdasv_regions",
            "police_force_areas",
            "precarity",
        ],
    ].copy()
    frame["horizon"] = frame["funding_end"].map(lambda label: horizon(label, as_of))
    frame["funder_class"] = frame["primary_funder"].map(funder_class)
    frame["end_date"] = frame["funding_end"].map(financial_year_end)
    return frame.sort_values(["end_date", "name"], na_position="last").reset_index(drop=True)


def horizon_counts(cliff: pd.DataFrame) -> pd.Series:
    return cliff["horizon"].value_counts().reindex(list(HORIZONS), fill_value=0)


def funder_class_counts(cliff: pd.DataFrame) -> pd.Series:
    return cliff["funder_class"].value_counts().reindex(list(FUNDER_CLASSES), fill_value=0)


def end_stated(horizons: pd.Series) -> int:
    """How many of the services counted in ``horizons`` have a stated funding end."""
    return int(horizons.sum() - horizons[NOT_STATED])
