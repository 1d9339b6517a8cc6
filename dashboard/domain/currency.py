"""Currency: when each service was last described, and by which source; and where it runs in
custody.

The directory is drawn from documents of different years. A service is only as current as the
latest document that describes it, so every count says how many of its services were last
described in which year, and a service not described since the horizon (:data:`HORIZON_YEARS`
before the data date) is marked "not confirmed since <year>" wherever it is listed. The rule is
stated once, in :data:`dashboard.domain.counting.RULES` ("currency"), and decided here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Final

import numpy as np
import pandas as pd

from dashboard.data import vocabulary as vocab
from dashboard.domain.facts import document_file

#: A service last described more than this many years before the data date is "not confirmed
#: since" its year. Adjustable per deployment with ``VAWDASV_CURRENCY_HORIZON_YEARS``.
HORIZON_YEARS: Final = 3
HORIZON_ENV: Final = "VAWDASV_CURRENCY_HORIZON_YEARS"


def horizon_years() -> int:
    """The horizon in years: :data:`HORIZON_YEARS`, or the environment's whole number >= 0."""
    value = os.environ.get(HORIZON_ENV, "").strip()
    if value.isdigit():
        return int(value)
    return HORIZON_YEARS


def horizon_year(data_date: str, years: int | None = None) -> int:
    """The earliest year a description still counts as confirmed: the data date's year less the
    horizon (``2026-11-25`` and 3 years: 2023)."""
    return int(str(data_date)[:4]) - (horizon_years() if years is None else years)


def _file(citation: str) -> str:
    return document_file(citation)


def last_described(
    frame: pd.DataFrame, evidence_rows: pd.DataFrame | None, sources: pd.DataFrame | None
) -> tuple[pd.Series, pd.Series]:
    """Per service: the latest year a cited document describes it (0 when no cited document has
    a year), and that document's file ("" when none).

    A service's documents are its own citation and every quote cited for it in the evidence.
    A document's year is its year in ``sources.csv``.
    """
    years: Mapping[str, int] = (
        {}
        if sources is None or sources.empty
        else {row.file: int(row.year) for row in sources.itertuples(index=False)}
    )
    cited: dict[str, set[str]] = {
        service: {_file(citation)}
        for service, citation in zip(frame["id"], frame["source"], strict=True)
    }
    if evidence_rows is not None and not evidence_rows.empty:
        for service, citation in zip(evidence_rows["id"], evidence_rows["source"], strict=True):
            cited.setdefault(service, set()).add(_file(citation))
    latest_year, latest_file = [], []
    for service in frame["id"]:
        dated = sorted((years[file], file) for file in cited.get(service, ()) if file in years)
        year, file = dated[-1] if dated else (0, "")
        latest_year.append(year)
        latest_file.append(file)
    return (
        pd.Series(latest_year, index=frame.index, name="described_year", dtype="int64"),
        pd.Series(latest_file, index=frame.index, name="described_by", dtype="str"),
    )


def prisons(ids: pd.Series, custody_sites: pd.DataFrame | None) -> pd.Series:
    """Per service: the prisons in Wales where it runs, as a ';' list ("" for none)."""
    if custody_sites is None or custody_sites.empty:
        return pd.Series("", index=ids.index, name="prisons", dtype="str")
    by_id = custody_sites.groupby("id")["prison"].agg(
        lambda names: vocab.LIST_SEPARATOR.join(sorted(set(names)))
    )
    return ids.map(by_id).fillna("").astype("str").rename("prisons")


def described_years(years: np.ndarray) -> list[tuple[int, int]]:
    """(year, services) for the services given by their ``described_year``, latest first; year
    0 (no dated document) last."""
    values, counts = np.unique(np.asarray(years, dtype=np.int64), return_counts=True)
    pairs = sorted(
        zip(values.tolist(), counts.tolist(), strict=True), key=lambda p: (p[0] == 0, -p[0])
    )
    return [(int(year), int(count)) for year, count in pairs]


def stale(years: np.ndarray, data_date: str) -> np.ndarray:
    """Services not described since the horizon (a known year before it)."""
    years = np.asarray(years, dtype=np.int64)
    return (years > 0) & (years < horizon_year(data_date))
