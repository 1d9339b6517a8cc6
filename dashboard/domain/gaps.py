"""Gap review: area-by-category cells in three states, and the gaps they support.

Cells come from :mod:`dashboard.domain.cells` and rules from :mod:`dashboard.domain.counting`; this
module only decides which findings to state. Documented gaps (stated by a source document, with their quote) lead; gaps derived from the
directory are claimed only where every current service that could fill them is classified; what
is not known is listed as not known, never as absence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.data import vocabulary as vocab
from dashboard.data.geo import slugify
from dashboard.domain import counting
from dashboard.domain.cells import Cell, DocumentedGap, gap_cells, wales_cell
from dashboard.domain.model import Directory

MEDIUM_RISK_TIER = counting.MEDIUM_RISK_TIER
CRIMINAL_JUSTICE_TIER = "criminal justice"
#: Which findings a kind of gap is: stated by a source, derived from the data, not known, or a
#: statement about the directory's record.
DOCUMENTED = "documented"
DERIVED = "derived"
NOT_KNOWN = "not known"
RECORD = "record"


@dataclass(frozen=True)
class Gap:
    """One finding. ``kind`` selects the sentence; ``evidence_class`` says what supports it."""

    kind: str
    subject: str
    area_id: str | None
    count: int
    compared_with: int | None
    related: tuple[str, ...]
    areas: tuple[str, ...] = ()
    evidence_class: str = DERIVED
    documented: DocumentedGap | None = None
    #: For "survey-reports": the survey's published finding (measure, quote, source).
    survey_quote: str = ""
    survey_source: str = ""
    services: int = 0


def cells_frame(cells: Mapping[str, Mapping[str, Cell]], field: str) -> pd.DataFrame:
    """Cells in long form, for CSV: one row per area and category with state and coverage."""
    rows = []
    for area_id, row in cells.items():
        for category, cell in row.items():
            rows.append(
                {
                    "area_id": area_id,
                    "field": field,
                    "category": category,
                    "state": cell.state,
                    "count": cell.count,
                    "services_counted": cell.services,
                    "unclassified": cell.unclassified,
                    "services": "; ".join(cell.names),
                    "documented_source": cell.documented.source if cell.documented else "",
                    "documented_quote": cell.documented.evidence if cell.documented else "",
                }
            )
    return pd.DataFrame(rows)


def find_gaps(
    directory: Directory,
    *,
    level: str,
    include_all_wales: bool,
    recommendations: Mapping[str, tuple[int, ...]],
    documented: Mapping[tuple[str, str, str], DocumentedGap] | None = None,
    survey: pd.DataFrame | None = None,
    provision: str = counting.CURRENT,
) -> list[Gap]:
    """Every finding the rules support, documented gaps first, in a stable order.

    Rules (each stated in :data:`dashboard.domain.counting.RULES`):
    - a documented gap is shown with its quote, and says whether the directory now records
      provision that would fill it;
    - a behaviour focus with no counted service anywhere in Wales is a gap only when every
      counted service's behaviour focus is known; before that sentence is shown it is checked
      against the survey's published findings, and where the survey reports provision the
      sentence says so; otherwise it is "not known";
    - an area with no medium-risk-tier service is a gap only when the service tier of every
      counted service there is known; otherwise "not known";
    - local authorities with no counted local service are stated as the directory's record;
    - a local authority whose classified local services are all criminal-justice ones;
    - sexual-violence provision beside domestic-abuse provision.
    """
    documented = documented or {}
    mask = counting.provision_mask(directory, provision)
    found: list[Gap] = []

    for gap in {id(item): item for item in documented.values()}.values():
        found.append(_documented_finding(directory, mask, gap, recommendations))

    for behaviour in vocab.BEHAVIOUR_FOCUSES:
        if behaviour == vocab.UNKNOWN:
            continue
        cell = wales_cell(directory, mask, "behaviour_focus", behaviour)
        if cell.state == counting.RECORDED:
            continue
        if ("behaviour_focus", behaviour, "wales") in documented:
            continue  # stated by a source: already listed, with its quote
        related = _related(recommendations, behaviour)
        reported = survey_reports(survey, behaviour)
        if reported is not None:
            found.append(
                Gap(
                    "survey-reports",
                    behaviour,
                    None,
                    0,
                    cell.unclassified,
                    related,
                    evidence_class=RECORD,
                    survey_quote=str(reported["evidence"]),
                    survey_source=str(reported["source"]),
                    services=cell.services,
                )
            )
        elif cell.state == counting.GAP:
            found.append(Gap("no-behaviour", behaviour, None, 0, None, related))
        else:
            found.append(
                Gap(
                    "behaviour-not-known",
                    behaviour,
                    None,
                    0,
                    cell.unclassified,
                    related,
                    evidence_class=NOT_KNOWN,
                    services=cell.services,
                )
            )

    tiers = gap_cells(
        directory, mask, level, include_all_wales, "service_tier", [MEDIUM_RISK_TIER], documented
    )
    for area_id, row in tiers.items():
        cell = row[MEDIUM_RISK_TIER]
        related = _related(recommendations, "regional consistency")
        if cell.state == counting.GAP and cell.documented is None:
            found.append(
                Gap(
                    "no-medium-risk",
                    MEDIUM_RISK_TIER,
                    area_id,
                    0,
                    None,
                    related,
                    services=cell.services,
                )
            )
        elif cell.state == counting.NOT_KNOWN:
            found.append(
                Gap(
                    "medium-risk-not-known",
                    MEDIUM_RISK_TIER,
                    area_id,
                    0,
                    cell.unclassified,
                    related,
                    evidence_class=NOT_KNOWN,
                    services=cell.services,
                )
            )

    found.extend(_local_findings(directory, mask, recommendations, documented))

    behaviours = counting.breakdown_with_known(directory, mask, "behaviour_focus")[0]
    sexual = int(behaviours.get("sexual violence", 0))
    domestic = int(behaviours.get("domestic abuse", 0))
    if sexual < domestic:
        found.append(
            Gap(
                "thinner-than",
                "sexual violence",
                None,
                sexual,
                domestic,
                _related(recommendations, "sexual violence"),
                evidence_class=RECORD,
            )
        )
    order = {DOCUMENTED: 0, DERIVED: 1, RECORD: 2, NOT_KNOWN: 3}
    return sorted(found, key=lambda gap: order[gap.evidence_class])


def _documented_finding(
    directory: Directory,
    mask: np.ndarray,
    gap: DocumentedGap,
    recommendations: Mapping[str, tuple[int, ...]],
) -> Gap:
    """A documented gap, with how many counted services the directory now records for it."""
    now = _services_filling(directory, mask, gap)
    subject = gap.value
    related = _related(recommendations, subject) or _related(
        recommendations, "regional consistency"
    )
    return Gap(
        "documented",
        subject,
        None,
        now,
        None,
        related,
        evidence_class=DOCUMENTED,
        documented=gap,
    )


def _services_filling(directory: Directory, mask: np.ndarray, gap: DocumentedGap) -> int:
    """Counted services the directory records that would fill a documented gap."""
    if gap.field == "local provision":
        value_mask = ~counting.value_matrix(directory, "service_tier", CRIMINAL_JUSTICE_TIER)
    else:
        value_mask = counting.value_matrix(directory, gap.field, gap.value)
    if gap.level == "wales":
        where = np.ones(directory.size, dtype=bool)
    else:
        level = "la" if gap.level == "la" else "region"
        area_id = slugify(gap.area)
        ids = directory.area_ids[level]
        if area_id not in ids:
            return 0
        where = counting.local_matrix(directory, level)[:, ids.index(area_id)]
    return int(np.count_nonzero(mask & value_mask & where))


def _local_findings(
    directory: Directory,
    mask: np.ndarray,
    recommendations: Mapping[str, tuple[int, ...]],
    documented: Mapping[tuple[str, str, str], DocumentedGap],
) -> list[Gap]:
    """LAs with no counted local service (the record), and those whose classified local
    services are all criminal-justice ones (a derived gap, when every tier is known)."""
    local = counting.local_matrix(directory, "la") & mask[:, None]
    tier_known = counting.known_mask(directory, "service_tier")
    criminal_justice = counting.value_matrix(directory, "service_tier", CRIMINAL_JUSTICE_TIER)
    outside_cj = directory.indicator_arrays["service_tier"].any(axis=1) & ~criminal_justice
    outside_cj &= tier_known
    related = _related(recommendations, "regional consistency")
    found: list[Gap] = []
    no_local: list[str] = []
    for column, area_id in enumerate(directory.area_ids["la"]):
        here = local[:, column]
        if ("local provision", "outside criminal justice", area_id) in documented:
            continue
        if not here.any():
            no_local.append(area_id)
        elif not (here & outside_cj).any() and (here & criminal_justice).any():
            if (here & ~tier_known).any():
                continue  # an unclassified service could be outside criminal justice
            found.append(
                Gap(
                    "only-criminal-justice",
                    CRIMINAL_JUSTICE_TIER,
                    area_id,
                    int(here.sum()),
                    None,
                    related,
                )
            )
    if no_local:
        found.append(
            Gap(
                "no-local",
                "local provision",
                None,
                len(no_local),
                None,
                related,
                areas=tuple(no_local),
                evidence_class=RECORD,
            )
        )
    return found


def survey_reports(survey: pd.DataFrame | None, behaviour: str) -> pd.Series | None:
    """The survey's published finding that reports provision for a behaviour focus, if any.

    A finding reports provision when it names the behaviour (in its measure or breakdown) and
    its value is not zero: "Many interventions address sexual violence and other harmful sexual
    behaviours" reports both sexual violence and harmful sexual behaviour.
    """
    if survey is None:
        return None
    text = (survey["measure"].fillna("") + " " + survey["breakdown"].fillna("")).str.lower()
    named = text.str.contains(behaviour.lower(), regex=False)
    reported = named & (survey["value"].astype(str).str.strip() != "0")
    rows = survey[reported]
    return rows.iloc[0] if len(rows) else None


def _related(recommendations: Mapping[str, tuple[int, ...]], subject: str) -> tuple[str, ...]:
    return tuple(str(number) for number in recommendations.get(subject, ()))


def recommendations_by_subject(frame: pd.DataFrame) -> dict[str, tuple[int, ...]]:
    """``related_gaps`` of the recommendations file, inverted: subject -> recommendation numbers."""
    subjects: dict[str, list[int]] = {}
    for row in frame.itertuples(index=False):
        for subject in vocab.split_list(row.related_gaps):
            subjects.setdefault(subject, []).append(int(row.number))
    return {subject: tuple(sorted(numbers)) for subject, numbers in subjects.items()}
