"""The evidence ladder: each intervention's strongest quality signal, one rung each."""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

import numpy as np
import pandas as pd

ACCREDITED: Final = "accredited"
EXTERNAL: Final = "externally evaluated"
ELSEWHERE: Final = "model evaluated elsewhere"
INTERNAL: Final = "internally evaluated"
UNDER_WAY: Final = "evaluation or accreditation under way"
#: A source states that the service has not been evaluated (and no accreditation is recorded).
NOT_EVALUATED: Final = "not evaluated"
#: No source says: evaluation status unknown and no accreditation recorded. Never a rung of the
#: ladder's "known" values (:func:`dashboard.domain.counting.known_mask`, ``quality``).
NOT_KNOWN: Final = "not known"
#: Strongest first; the panel draws them in this order.
RUNGS: Final = (ACCREDITED, EXTERNAL, ELSEWHERE, INTERNAL, UNDER_WAY, NOT_EVALUATED, NOT_KNOWN)
#: Rungs of earlier versions that old links may still name -> the rungs they became.
FORMER_RUNGS: Final = MappingProxyType({"none or unknown": (NOT_EVALUATED, NOT_KNOWN)})
#: "Externally evaluated or accredited", the map's quality metric.
QUALITY_RUNGS: Final = (ACCREDITED, EXTERNAL)

EXTERNAL_STATUSES: Final = (
    "randomised or quasi-experimental evaluation",
    "independent evaluation",
)


def evidence_rungs(frame: pd.DataFrame) -> pd.Series:
    """Highest rung reached by each intervention (accreditation outranks evaluation).

    "Not evaluated" is a rung only where a source says so; where no source says anything about
    evaluation or accreditation the rung is "not known", never counted as "not evaluated"."""
    accreditation = frame["accreditation"]
    status = frame["evaluation_status"]
    conditions = [
        accreditation.str.contains(r"\b(?:Respect|CSAAP)\b", regex=True).to_numpy(),
        status.isin(EXTERNAL_STATUSES).to_numpy(),
        (status == "model evaluated elsewhere").to_numpy(),
        (status == "internal evaluation").to_numpy(),
        ((status == "evaluation under way") | accreditation.str.contains("in progress")).to_numpy(),
        (status == "not evaluated").to_numpy(),
    ]
    rungs = np.select(conditions, list(RUNGS[:-1]), default=NOT_KNOWN)
    return pd.Series(rungs, index=frame.index, name="evidence_rung")
