"""Funding precarity: the one rule, defined here and nowhere else.

The rule is applied in order; the first that matches gives the band.

1. **high**: the service is decommissioned or under review; or it is bought by spot purchase; or
   its funding is stated to end in or before the current financial year.
2. **medium**: funding is annual, one-off or for 12 to 24 months, so it must be renewed at least
   every two years.
3. **low**: core funding, or a multi-year or ongoing arrangement.
4. **unknown**: the documents do not say enough to place it.

"Current financial year" is the UK financial year (April to March) containing the reference date,
by default today. The method note in the app shows :data:`RULE_STEPS` word for word.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from dashboard.data import vocabulary as vocab

HIGH: Final = "high"
MEDIUM: Final = "medium"
LOW: Final = "low"
BANDS: Final = (HIGH, MEDIUM, LOW, vocab.UNKNOWN)

HIGH_STATUSES: Final = ("decommissioned", "under review")
HIGH_FUNDING_MODELS: Final = ("spot purchase",)
MEDIUM_TERMS: Final = ("annual", "one-off", "12 to 24 months")
LOW_TERMS: Final = ("multi-year", "ongoing")
LOW_FUNDING_MODELS: Final = ("core",)

#: The rule in words, for the method note (each item is translated).
RULE_STEPS: Final = (
    "High: decommissioned or under review; spot purchase; or funding stated to end in or before "
    "the current financial year.",
    "Medium: annual, one-off or 12 to 24 month funding (renewed at least every two years).",
    "Low: core funding, or a multi-year or ongoing arrangement.",
    "Unknown: the documents do not say enough to place it.",
)


def precarity_band(
    *,
    status: str,
    funding_model: str,
    funding_term: str,
    funding_end: str,
    current_year: str,
) -> str:
    """Band of one intervention under the rule above."""
    end = vocab.financial_year_start(funding_end)
    current = vocab.financial_year_start(current_year)
    if status in HIGH_STATUSES or funding_model in HIGH_FUNDING_MODELS:
        return HIGH
    if end is not None and current is not None and end <= current:
        return HIGH
    if funding_term in MEDIUM_TERMS:
        return MEDIUM
    if funding_term in LOW_TERMS or funding_model in LOW_FUNDING_MODELS:
        return LOW
    return vocab.UNKNOWN


def precarity_bands(frame: pd.DataFrame, current_year: str) -> pd.Series:
    """Vectorised :func:`precarity_band` over a directory frame (same rule, same order)."""
    current = vocab.financial_year_start(current_year)
    end = pd.to_numeric(frame["funding_end"].str.slice(0, 4), errors="coerce")
    ended = end.le(current).to_numpy() if current is not None else np.zeros(len(frame), bool)
    conditions = [
        frame["status"].isin(HIGH_STATUSES).to_numpy()
        | frame["funding_model"].isin(HIGH_FUNDING_MODELS).to_numpy()
        | ended,
        frame["funding_term"].isin(MEDIUM_TERMS).to_numpy(),
        frame["funding_term"].isin(LOW_TERMS).to_numpy()
        | frame["funding_model"].isin(LOW_FUNDING_MODELS).to_numpy(),
    ]
    bands = np.select(conditions, [HIGH, MEDIUM, LOW], default=vocab.UNKNOWN)
    return pd.Series(bands, index=frame.index, name="precarity")
