"""Gap review: area-by-category matrices and the gaps they reveal, computed from the data only."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard import model
from dashboard import vocabulary as vocab
from dashboard.model import Directory

MEDIUM_RISK_TIER = "medium risk"
MEDIUM_RISK_LEVEL = "medium"
CRIMINAL_JUSTICE_TIER = "criminal justice"
#: Gaps are about provision now: ended and not-yet-started services do not fill them.
NOT_CURRENT_STATUSES = ("decommissioned", "planned")


def current_mask(directory: Directory) -> np.ndarray:
    """Services that are provision today (not decommissioned, not only planned)."""
    statuses = directory.indicators["status"]
    return ~statuses[list(NOT_CURRENT_STATUSES)].to_numpy().any(axis=1)


def local_membership(directory: Directory, la_regions: Sequence[str]) -> np.ndarray:
    """(interventions x LAs): placed in the LA itself, or region-wide in the LA's region.

    ``la_regions`` gives each LA's region slug, in the directory's LA order. All-Wales services
    are not local provision.
    """
    explicit = directory.membership["la"]
    no_la_listed = (directory.frame["local_authorities"] == "").to_numpy()
    region_index = {area: i for i, area in enumerate(directory.area_ids["region"])}
    columns = [region_index[region] for region in la_regions]
    region_wide = directory.membership["region"][:, columns] & no_la_listed[:, None]
    return explicit | region_wide


@dataclass(frozen=True)
class Gap:
    """One gap found in the data. ``kind`` selects the sentence; the rest fills it in."""

    kind: str
    subject: str
    area_id: str | None
    count: int
    compared_with: int | None
    related: tuple[str, ...]
    areas: tuple[str, ...] = ()


def area_matrix(
    directory: Directory,
    mask: np.ndarray,
    level: str,
    include_all_wales: bool,
    column: str,
    categories: Sequence[str],
) -> pd.DataFrame:
    """Interventions per area (rows) and category (columns); zero cells stay zero."""
    membership = model.area_membership(directory, level, include_all_wales) & mask[:, None]
    table = directory.indicators[column].reindex(columns=list(categories), fill_value=False)
    counts = membership.T.astype(np.int64) @ table.to_numpy().astype(np.int64)
    return pd.DataFrame(counts, index=list(directory.area_ids[level]), columns=list(categories))


def medium_risk_mask(directory: Directory) -> np.ndarray:
    """Medium-risk provision: the "medium risk" service tier (Fowler, Karim & Feder 2020).

    A stated medium risk level alone is not enough: criminal-justice programmes for people
    convicted of sexual offences are assessed as medium risk but are not the medium-risk tier.
    """
    return directory.indicators["service_tier"][MEDIUM_RISK_TIER].to_numpy()


def find_gaps(
    directory: Directory,
    *,
    level: str,
    include_all_wales: bool,
    recommendations: Mapping[str, tuple[int, ...]],
    la_regions: Sequence[str] | None = None,
) -> list[Gap]:
    """Every gap the rules find, in a stable order.

    Only current provision counts (not decommissioned, not only planned). Rules: a behaviour focus
    with no intervention anywhere in Wales; an area of ``level`` with no medium-risk provision;
    local authorities with no local intervention (placed in the LA, or region-wide in its region;
    all-Wales services are not local), and those whose local interventions are all
    criminal-justice ones; sexual-violence provision beside domestic-abuse provision.
    ``recommendations`` maps a gap subject to the survey recommendations that relate to it.
    """
    current = current_mask(directory)
    gaps: list[Gap] = []
    behaviours = model.breakdown(directory, current, "behaviour_focus")
    for behaviour in vocab.BEHAVIOUR_FOCUSES:
        if behaviour != vocab.UNKNOWN and behaviours.get(behaviour, 0) == 0:
            gaps.append(
                Gap("no-behaviour", behaviour, None, 0, None, _related(recommendations, behaviour))
            )

    medium = medium_risk_mask(directory) & current
    membership = model.area_membership(directory, level, include_all_wales)
    medium_counts = (membership & medium[:, None]).sum(axis=0)
    for area_id, count in zip(directory.area_ids[level], medium_counts, strict=True):
        if count == 0:
            gaps.append(
                Gap(
                    "no-medium-risk",
                    MEDIUM_RISK_TIER,
                    area_id,
                    0,
                    None,
                    _related(recommendations, "regional consistency"),
                )
            )

    if la_regions is not None:
        local = local_membership(directory, la_regions) & current[:, None]
        criminal_justice = directory.indicators["service_tier"][CRIMINAL_JUSTICE_TIER].to_numpy()
        other = directory.indicators["service_tier"].drop(
            columns=[CRIMINAL_JUSTICE_TIER, vocab.UNKNOWN], errors="ignore"
        )
        outside_cj = other.to_numpy().any(axis=1)
        no_local = []
        for column, area_id in enumerate(directory.area_ids["la"]):
            here = local[:, column]
            if not here.any():
                no_local.append(area_id)
            elif not (here & outside_cj).any() and (here & criminal_justice).any():
                gaps.append(
                    Gap(
                        "only-criminal-justice",
                        CRIMINAL_JUSTICE_TIER,
                        area_id,
                        int(here.sum()),
                        None,
                        _related(recommendations, "regional consistency"),
                    )
                )
        if no_local:
            gaps.append(
                Gap(
                    "no-local",
                    "local provision",
                    None,
                    len(no_local),
                    None,
                    _related(recommendations, "regional consistency"),
                    areas=tuple(no_local),
                )
            )

    sexual = int(behaviours.get("sexual violence", 0))
    domestic = int(behaviours.get("domestic abuse", 0))
    if sexual < domestic:
        gaps.append(
            Gap(
                "thinner-than",
                "sexual violence",
                None,
                sexual,
                domestic,
                _related(recommendations, "sexual violence"),
            )
        )
    return gaps


def _related(recommendations: Mapping[str, tuple[int, ...]], subject: str) -> tuple[str, ...]:
    return tuple(str(number) for number in recommendations.get(subject, ()))


def recommendations_by_subject(frame: pd.DataFrame) -> dict[str, tuple[int, ...]]:
    """``related_gaps`` of the recommendations file, inverted: subject -> recommendation numbers."""
    subjects: dict[str, list[int]] = {}
    for row in frame.itertuples(index=False):
        for subject in vocab.split_list(row.related_gaps):
            subjects.setdefault(subject, []).append(int(row.number))
    return {subject: tuple(sorted(numbers)) for subject, numbers in subjects.items()}
