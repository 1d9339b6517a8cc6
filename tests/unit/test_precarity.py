import datetime as dt

import pandas as pd
import pytest

from dashboard.data import vocabulary as vocab
from dashboard.domain import precarity


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 11, 25), "2026-27"),
        (dt.date(2027, 3, 31), "2026-27"),
        (dt.date(2027, 4, 1), "2027-28"),
        (dt.date(1999, 12, 31), "1999-00"),
    ],
)
def test_financial_year(day, expected):
    assert vocab.financial_year(day) == expected


def band(**overrides):
    fields = {
        "status": "active",
        "funding_model": "unknown",
        "funding_term": "unknown",
        "funding_end": "unknown",
        "current_year": "2026-27",
    }
    return precarity.precarity_band(**{**fields, **overrides})


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, "unknown"),
        ({"status": "decommissioned", "funding_model": "core"}, "high"),
        ({"status": "under review"}, "high"),
        ({"funding_model": "spot purchase", "funding_term": "multi-year"}, "high"),
        ({"funding_end": "2023-24", "funding_term": "multi-year"}, "high"),
        ({"funding_end": "2026-27"}, "high"),  # ends in the current year
        ({"funding_end": "2027-28", "funding_term": "annual"}, "medium"),
        ({"funding_term": "12 to 24 months"}, "medium"),
        ({"funding_term": "one-off"}, "medium"),
        ({"funding_term": "multi-year"}, "low"),
        ({"funding_term": "ongoing"}, "low"),
        ({"funding_model": "core"}, "low"),
        ({"funding_model": "grant"}, "unknown"),  # a grant alone does not say how long
    ],
)
def test_precarity_band_rule(overrides, expected):
    assert band(**overrides) == expected


def test_vectorised_rule_matches_scalar_rule(mini_frame):
    vector = precarity.precarity_bands(mini_frame, "2026-27")
    scalar = [
        band(
            status=row.status,
            funding_model=row.funding_model,
            funding_term=row.funding_term,
            funding_end=row.funding_end,
        )
        for row in mini_frame.itertuples()
    ]
    assert vector.tolist() == scalar


def test_hand_counted_bands(mini_directory):
    bands = dict(zip(mini_directory.frame["id"], mini_directory.frame["precarity"], strict=True))
    assert bands == {
        "a-drive": "low",
        "b-choices": "medium",
        "c-hub-north-wales": "high",
        "d-phoenix": "high",
        "e-all-wales": "low",
        "f-south-wales-only": "medium",
    }


def test_rule_text_names_every_band():
    text = " ".join(precarity.RULE_STEPS).lower()
    for band_name in ("high", "medium", "low", "unknown"):
        assert band_name in text
    assert isinstance(pd.Series(dtype=str), pd.Series)
