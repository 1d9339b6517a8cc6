"""The evidence ladder: each intervention's strongest quality signal, one rung each."""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

ACCREDITED: Final = "accredited"
EXTERNAL: Final = "externally evaluated"
ELSEWHERE: Final = "model evaluated elsewhere"
INTERNAL: Final = "internally evaluated"
UNDER_WAY: Final = "evaluation or accreditation under way"
NONE_OR_UNKNOWN: Final = "none or unknown"
#: Strongest first; the panel draws them in this order.
RUNGS: Final = (ACCREDITED, EXTERNAL, ELSEWHERE, INTERNAL, UNDER_WAY, NONE_OR_UNKNOWN)
#: "Externally evaluated or accredited", the map's quality metric.
QUALITY_RUNGS: Final = (ACCREDITED, EXTERNAL)

EXTERNAL_STATUSES: Final = (
    "randomised or quasi-experimental evaluation",
    "independent evaluation",
)


def evidence_rungs(frame: pd.DataFrame) -> pd.Series:
    """Highest rung reached by each intervention (accreditation outranks evaluation)."""
    accreditation = frame["accreditation"]
    status = frame["evaluation_status"]
    conditions = [
        accreditation.str.contains(r"\b(?:Respect|CSAAP)\b", regex=True).to_numpy(),
        status.isin(EXTERNAL_STATUSES).to_numpy(),
        (status == "model evaluated elsewhere").to_numpy(),
        (status == "internal evaluation").to_numpy(),
        ((status == "evaluation under way") | accreditation.str.contains("in progress")).to_numpy(),
    ]
    rungs = np.select(conditions, list(RUNGS[:-1]), default=NONE_OR_UNKNOWN)
    return pd.Series(rungs, index=frame.index, name="evidence_rung")
