"""Gap review: the gaps the area-by-category cells support, as findings.

Cells come from :mod:`dashboard.domain.cells` and rules from :mod:`dashboard.domain.counting`; a
stated gap's year and later services from :mod:`dashboard.domain.stated_gaps`; the cells' counts
and CSV rows are :mod:`dashboard.domain.cell_summary`'s. This module only decides which findings
to state. Documented gaps (stated by a source document, with
their quote and the document's year) lead, with any provision later sources name in the area;
gaps derived from the directory are claimed only where every current service that could fill
them (the area's own, those available across Wales, those recorded only across the region or
police force area or with no area) is classified, inside a source that lists the area's
services, and carry that source's year; what is not known is listed as not known, with its
reason, never as absence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dashboard.data import vocabulary as vocab
from dashboard.domain import counting
from dashboard.domain.cells import (
    Cell,
    CoverageIndex,
    DocumentedGap,
    any_value_cells,
    gap_cells,
    wales_cell,
)
from dashboard.domain.model import Directory
from dashboard.domain.stated_gaps import (
    CRIMINAL_JUSTICE_TIER,
    OUTSIDE_CRIMINAL_JUSTICE,
    Later,
    stated_gap,
)

MEDIUM_RISK_TIER = counting.MEDIUM_RISK_TIER
#: Which findings a kind of gap is: stated by a source, derived from the data, not known, or a
#: statement about the directory's record.
DOCUMENTED = "documented"
DERIVED = "derived"
NOT_KNOWN = "not known"
RECORD = "record"
#: The levels whose coverage the findings need: the level shown, and local authorities.
CoverageByLevel = Mapping[str, CoverageIndex]


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
    #: The cell behind an area finding (its reason, what could fill it), when there is one.
    cell: Cell | None = None
    #: A derived gap: the year of the source listing the area's services; a documented one:
    #: its source document's year.
    year: int | None = None
    #: A documented gap: the current services later sources name that would fill it.
    later: Later = field(default_factory=Later)
    #: "no-local": per area (in ``areas``' order), the services recorded across its region or
    #: police force area; and the services available across Wales or with no area recorded.
    beside: tuple[int, ...] = ()
    across_wales: int = 0
    unlocated: int = 0


def find_gaps(
    directory: Directory,
    *,
    level: str,
    include_all_wales: bool,
    recommendations: Mapping[str, tuple[int, ...]],
    documented: Mapping[tuple[str, str, str], DocumentedGap] | None = None,
    survey: pd.DataFrame | None = None,
    provision: str = counting.CURRENT,
    coverage: CoverageByLevel | None = None,
    sources: pd.DataFrame | None = None,
) -> list[Gap]:
    """Every finding the rules support, documented gaps first, in a stable order.

    Rules (each stated in :data:`dashboard.domain.counting.RULES`):
    - a documented gap is shown with its quote and its document's year (``sources``), and says
      which current services later sources name in its area;
    - a behaviour focus with no counted service anywhere in Wales is a gap only when every
      counted service's behaviour focus is known; before that sentence is shown it is checked
      against the survey's published findings, and where the survey reports provision the
      sentence says so; otherwise it is "not known";
    - an area with no medium-risk-tier service (the *service tier*, not the risk level of the
      people accepted) is a gap only when the service tier of every service that could fill it
      is known (the area's own, those available across Wales, those recorded only across its
      region or police force area or with no area), inside a source that lists the area's
      services (``coverage``: level -> area -> year; None counts every area as listed);
      otherwise "not known", with its reason;
    - local authorities with no counted local service are stated as the directory's record,
      with the services recorded across their region or police force area beside them;
    - a local authority whose classified local services are all criminal-justice ones: a gap
      only when no service that could serve it is outside criminal justice or unclassified,
      else the record of what is placed there;
    - sexual-violence provision beside domestic-abuse provision.
    """
    documented = documented or {}
    mask = counting.provision_mask(directory, provision)
    found: list[Gap] = [
        _documented_finding(directory, mask, gap, recommendations, sources)
        for gap in {id(item): item for item in documented.values()}.values()
    ]
    found.extend(_behaviour_findings(directory, mask, recommendations, documented, survey))
    found.extend(
        _medium_risk_findings(
            directory,
            mask,
            level,
            include_all_wales,
            recommendations,
            documented,
            None if coverage is None else coverage.get(level),
        )
    )
    found.extend(
        _local_findings(
            directory,
            mask,
            recommendations,
            documented,
            None if coverage is None else coverage.get("la"),
        )
    )
    found.extend(_sexual_violence_findings(directory, mask, recommendations))
    order = {DOCUMENTED: 0, RECORD: 1, DERIVED: 2, NOT_KNOWN: 3}
    return sorted(found, key=lambda gap: order[gap.evidence_class])


def _behaviour_findings(
    directory: Directory,
    mask: np.ndarray,
    recommendations: Mapping[str, tuple[int, ...]],
    documented: Mapping[tuple[str, str, str], DocumentedGap],
    survey: pd.DataFrame | None,
) -> list[Gap]:
    """Each behaviour focus no counted service in Wales is recorded with: what the survey
    reports of it, a gap (every counted service's focus known), or not known."""
    found: list[Gap] = []
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
    return found


def _medium_risk_findings(
    directory: Directory,
    mask: np.ndarray,
    level: str,
    include_all_wales: bool,
    recommendations: Mapping[str, tuple[int, ...]],
    documented: Mapping[tuple[str, str, str], DocumentedGap],
    coverage: CoverageIndex | None,
) -> list[Gap]:
    """Each area of ``level`` with no medium-risk-tier service: a derived gap where every
    service that could fill it is classified (and not already a stated gap), else not known."""
    tiers = gap_cells(
        directory,
        mask,
        level,
        include_all_wales,
        "service_tier",
        [MEDIUM_RISK_TIER],
        documented,
        coverage=coverage,
    )
    found: list[Gap] = []
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
                    cell=cell,
                    year=cell.year,
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
                    cell=cell,
                )
            )
    return found


def _sexual_violence_findings(
    directory: Directory, mask: np.ndarray, recommendations: Mapping[str, tuple[int, ...]]
) -> list[Gap]:
    """Sexual-violence provision beside domestic-abuse provision, where it is thinner."""
    behaviours = counting.breakdown_with_known(directory, mask, "behaviour_focus")[0]
    sexual = int(behaviours.get("sexual violence", 0))
    domestic = int(behaviours.get("domestic abuse", 0))
    if sexual >= domestic:
        return []
    return [
        Gap(
            "thinner-than",
            "sexual violence",
            None,
            sexual,
            domestic,
            _related(recommendations, "sexual violence"),
            evidence_class=RECORD,
        )
    ]


def _documented_finding(
    directory: Directory,
    mask: np.ndarray,
    gap: DocumentedGap,
    recommendations: Mapping[str, tuple[int, ...]],
    sources: pd.DataFrame | None = None,
) -> Gap:
    """A documented gap, with its document's year, how many counted services the directory now
    records that would fill it, and those a later source names."""
    stated = stated_gap(directory, mask, gap, sources)
    subject = gap.value
    related = _related(recommendations, subject) or _related(
        recommendations, "regional consistency"
    )
    return Gap(
        "documented",
        subject,
        None,
        stated.filling,
        None,
        related,
        evidence_class=DOCUMENTED,
        documented=gap,
        year=stated.year,
        later=stated.later,
    )


def _local_findings(
    directory: Directory,
    mask: np.ndarray,
    recommendations: Mapping[str, tuple[int, ...]],
    documented: Mapping[tuple[str, str, str], DocumentedGap],
    coverage: CoverageIndex | None = None,
) -> list[Gap]:
    """LAs with no counted local service (the record, with what is recorded across their region
    or police force area beside), and those whose classified local services are all
    criminal-justice ones: a derived gap when every service that could serve the LA (across
    Wales, across its region or force area, or with no area) is classified and none is outside
    criminal justice; otherwise the record of what is placed there."""
    local = counting.local_matrix(directory, "la") & mask[:, None]
    community = mask & ~np.asarray(directory.custody_only)
    wider = counting.wider_matrix(directory, "la") & community[:, None]
    across_wales = int(np.count_nonzero(counting.national_mask(directory) & community))
    unlocated = int(np.count_nonzero(np.asarray(directory.unlocated) & community))
    tier_known = counting.known_mask(directory, "service_tier")
    outside_tiers = counting.any_value_mask(directory, "service_tier", OUTSIDE_CRIMINAL_JUSTICE)
    outside = any_value_cells(
        directory, mask, "la", False, "service_tier", OUTSIDE_CRIMINAL_JUSTICE, coverage=coverage
    )
    related = _related(recommendations, "regional consistency")
    found: list[Gap] = []
    no_local: list[str] = []
    beside: list[int] = []
    for column, area_id in enumerate(directory.area_ids["la"]):
        here = local[:, column]
        if ("local provision", "outside criminal justice", area_id) in documented:
            continue
        if not here.any():
            no_local.append(area_id)
            beside.append(int(np.count_nonzero(wider[:, column])))
            continue
        if (here & ~tier_known).any() or (here & outside_tiers).any():
            continue  # an unclassified service could be outside criminal justice, or one is
        cell = outside[area_id]
        derived = cell.state == counting.GAP
        found.append(
            Gap(
                "only-criminal-justice" if derived else "only-criminal-justice-placed",
                CRIMINAL_JUSTICE_TIER,
                area_id,
                int(here.sum()),
                None,
                related,
                evidence_class=DERIVED if derived else RECORD,
                cell=cell,
                year=cell.year if derived else None,
                services=cell.services,
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
                beside=tuple(beside),
                across_wales=across_wales,
                unlocated=unlocated,
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


def recommendations_by_subject(frame: pd.DataFrame) -> Mapping[str, tuple[int, ...]]:
    """``related_gaps`` of the recommendations file, inverted: subject -> recommendation numbers."""
    subjects: dict[str, list[int]] = {}
    for row in frame.itertuples(index=False):
        for subject in vocab.split_list(row.related_gaps):
            subjects.setdefault(subject, []).append(int(row.number))
    return {subject: tuple(sorted(numbers)) for subject, numbers in subjects.items()}
