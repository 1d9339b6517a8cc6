"""The counting model: what counts as provision in an area, and what is known about it.

Every page, panel, slide, report and CSV counts through this module, so that the same question
always gets the same number. Each rule is defined here once, and :data:`RULES` states it in the
words the method notes show (translated through the catalogue, word for word).

- *Current provision* is a service whose status is active or pilot. Planned, under review,
  decommissioned and unknown-status services are counted only when the user asks for them.
- *Local* provision is a service recorded in the area itself. A service available across all of
  Wales is reported beside an area's count ("+5 available across Wales"), not added into it,
  unless the user adds them; comparisons with Wales then include them on both sides.
- *Known*: a share is taken over the services whose attribute is known, and always says so.
- *Too little known*: a share resting on fewer than :data:`MIN_SERVICES` services, or known for
  under half of them, is drawn as too little known, never as a low value.
- *Gap*: a gap is derived from the directory only when the attribute is known for every current
  service that could fill it; otherwise the cell is "not known". The four states a cell can be in
  are declared here beside the rule; the cells themselves are built in
  :mod:`dashboard.domain.cells`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

import numpy as np
import pandas as pd

from dashboard.data import vocabulary as vocab
from dashboard.domain import evidence, precarity
from dashboard.domain.model import Directory
from dashboard.i18n import N_

CURRENT_STATUSES: Final = ("active", "pilot")
#: Provision scopes: current provision (the default) or every status, ended and planned included.
CURRENT: Final = "current"
ALL_STATUSES: Final = "all"
PROVISIONS: Final = (CURRENT, ALL_STATUSES)
#: A share needs at least this many services behind it ...
MIN_SERVICES: Final = 3
#: ... and the attribute known for at least this share of them.
MIN_KNOWN_SHARE: Final = 0.5

#: The two fields that both speak of "medium risk", each with its own name everywhere.
MEDIUM_RISK_TIER: Final = "medium risk"  # service_tier: the tier of the typology
MEDIUM_RISK_LEVEL: Final = "medium"  # risk_level: the risk of the people a service accepts

#: Cell states of a gap matrix, the minimum-offer scorecard and the gap sentences.
RECORDED: Final = "recorded"
GAP: Final = "gap"
NOT_KNOWN: Final = "not known"
NO_RECORD: Final = "no record"
CELL_STATES: Final = (RECORDED, GAP, NOT_KNOWN, NO_RECORD)

#: The rules in words, for the method notes; each is one catalogue message, shown as it is.
RULES: Final = MappingProxyType(
    {
        "current": N_(
            "Current provision: services whose status is active or pilot. Planned, under review, "
            "decommissioned and unknown-status services are not current provision; they are "
            "counted only when you choose 'Include ended and planned services', and are then "
            "labelled."
        ),
        "local": N_(
            "Local provision: services recorded in the area itself. A local authority counts "
            "only the services placed in it; services recorded across its VAWDASV region or "
            "police force area are shown beside its count ('+3 across the region'), not added "
            "into it. Services available across all of Wales are shown beside each area's "
            "count, not added into it, unless you choose to add them; comparisons with Wales "
            "then add them on both sides."
        ),
        "custody": N_(
            "Custody: a service delivered in prisons is custody provision ('in prisons in "
            "Wales: 2'), never the community provision of the local authority where the prison "
            "stands. A service run both in prisons and in the community counts in the community "
            "areas where a source places it."
        ),
        "coverage": N_(
            "Coverage: the directory holds the services that a few documents name, and they "
            "describe areas unevenly (one region reviewed in depth in 2020, community "
            "programmes listed by police force area in 2023, passing mentions elsewhere). Areas "
            "are coloured on one scale, ranked or set against Wales only where their services "
            "come from sources of the same coverage; otherwise the map colours each area by its "
            "coverage and shows what is named, with no rank. There, an area that no source lists "
            "in full, with none counted, is shown on the map as 'not known', not 'none recorded'."
        ),
        "currency": N_(
            "Currency: a service is as current as the latest document that describes it. Every "
            "count says in which year its services were last described; a service not "
            "described in the 3 years before the data date is marked 'not confirmed since' "
            "that year."
        ),
        "known": N_(
            "Known values: a share is taken over the services for which the attribute is known, "
            "and says so ('known for 4 of 13'). Unknown never counts as zero or as absence."
        ),
        "too_little": N_(
            "Too little known: a share that rests on fewer than 3 services, or on an attribute "
            "known for under half of them, is drawn white with a dark outline and labelled "
            "'too little known', never coloured as if low."
        ),
        "medium_risk": N_(
            "Service tier and risk level are two fields. 'Medium-risk tier' is the service tier "
            "of Fowler, Karim and Feder's typology (2020); 'risk level: medium' is the risk of "
            "the people a service accepts. Each is named in full wherever it is shown."
        ),
        "gap": N_(
            "Gaps: a cell is 'provision recorded' when a counted service there, or a service "
            "available across all of Wales, has the value; 'gap' when a source states the gap "
            "(with its year), or when every service that could fill it is classified and none "
            "has it, and a source that lists the area's services covers it; 'not known' when a "
            "service there is unclassified, or a service recorded only across the police force "
            "area or region, or with no area, could fill it; 'no record' when no service is "
            "counted there. Custody services bear only on custody provision."
        ),
        "waves": N_(
            "Waves: a wave is a named, dated set of sources with its scope (the 2020 review, the "
            "2023 documents, the public record read later, a survey's returns). Every page shows "
            "the latest picture unless you choose another. Two waves are matched by each "
            "service's identifier, or by a reviewed link (renamed or merged) with its source; a "
            "service named by only one wave is new or not named, never ended unless a source "
            "says so. Changes are counted by area only where both waves' sources cover every "
            "area alike."
        ),
        "none_recorded": N_(
            "None and not known: a zero is 'none recorded' only when every counted service is "
            "classified for that field; otherwise it is 'not known'. 'Not evaluated' (a source "
            "says so) and 'not known' (no source says) are separate categories."
        ),
    }
)


def none_recorded(known: int, services: int) -> bool:
    """Whether a zero among ``services`` counted services is "none recorded" (every one is
    classified for the field: ``known == services``) rather than "not known" (rule
    ``none_recorded``)."""
    return known >= services


# ---------------------------------------------------------------------------------- masks


def current_mask(directory: Directory) -> np.ndarray:
    """Services that are provision today: status active or pilot."""
    statuses = directory.indicator_arrays["status"]
    columns = directory.indicators["status"].columns
    positions = [columns.get_loc(status) for status in CURRENT_STATUSES]
    return statuses[:, positions].any(axis=1)


def provision_mask(directory: Directory, provision: str) -> np.ndarray:
    """The services a view counts: current provision, or every status when asked."""
    if provision == ALL_STATUSES:
        return np.ones(directory.size, dtype=bool)
    return current_mask(directory)


def national_mask(directory: Directory) -> np.ndarray:
    """Services available across all of Wales."""
    return np.asarray(directory.all_wales)


def local_matrix(directory: Directory, level: str) -> np.ndarray:
    """(services x areas): recorded in the area itself; all-Wales services are not local, and
    a region- or force-wide service is not local to a local authority (it is ``wider``)."""
    return np.asarray(directory.membership[level])


def wider_matrix(directory: Directory, level: str) -> np.ndarray:
    """(services x areas): recorded across the area's region or police force area without the
    area itself: shown beside the area's count ("+3 across the region"), never inside it."""
    return np.asarray(directory.wider[level])


def custody_mask(directory: Directory) -> np.ndarray:
    """Services delivered in at least one prison in Wales (custody provision)."""
    return np.asarray(directory.in_prison)


def placed_in_wales(directory: Directory) -> np.ndarray:
    """Services recorded in at least one area of any level (community provision)."""
    membership = directory.membership
    return (
        membership["region"].any(axis=1)
        | membership["force"].any(axis=1)
        | membership["la"].any(axis=1)
    )


def counted_matrix(directory: Directory, level: str, include_all_wales: bool) -> np.ndarray:
    """(services x areas) counted in each area: local, plus all-Wales services when added."""
    local = local_matrix(directory, level)
    if include_all_wales:
        return local | national_mask(directory)[:, None]
    return local


def locally_placed(directory: Directory, level: str) -> np.ndarray:
    """Services recorded locally in at least one area of ``level``."""
    return local_matrix(directory, level).any(axis=1)


def unplaced(directory: Directory, mask: np.ndarray, level: str, include_all_wales: bool) -> int:
    """Counted services that appear in no area of ``level``: the area is unknown, or recorded
    only more broadly (all-Wales services too, unless they are added into every area)."""
    placed = locally_placed(directory, level)
    if include_all_wales:
        placed = placed | national_mask(directory)
    return int(np.count_nonzero(mask & ~placed))


def value_matrix(directory: Directory, column: str, value: str) -> np.ndarray:
    """Services whose ``column`` holds ``value``."""
    table = directory.indicators[column]
    if value not in table.columns:
        return np.zeros(directory.size, dtype=bool)
    return directory.indicator_arrays[column][:, table.columns.get_loc(value)]


def any_value_mask(directory: Directory, column: str, values: Sequence[str]) -> np.ndarray:
    """Services whose ``column`` holds any of ``values``."""
    meets = np.zeros(directory.size, dtype=bool)
    for value in values:
        meets |= value_matrix(directory, column, value)
    return meets


#: Attributes whose "known" share the views report: name -> how "known" is decided.
def known_mask(directory: Directory, attribute: str) -> np.ndarray:
    """Services for which ``attribute`` is known.

    ``quality``: the evaluation status is stated ("not evaluated" included) or an accreditation
    is recorded, i.e. the evidence rung is not "not known";
    ``precarity``: the precarity rule could place the service in a band; a directory column with
    a vocabulary: its value is not ``unknown``.
    """
    frame = directory.frame
    if attribute == "quality":
        # Stated (a source gives an evaluation status, "not evaluated" included) or an
        # accreditation recorded: every rung but "not known".
        return (frame["evidence_rung"] != evidence.NOT_KNOWN).to_numpy()
    if attribute == "precarity":
        return np.asarray(directory.precarity_known)
    table = directory.indicators[attribute]
    if vocab.UNKNOWN in table.columns:
        unknown = directory.indicator_arrays[attribute][:, table.columns.get_loc(vocab.UNKNOWN)]
        return ~unknown & directory.indicator_arrays[attribute].any(axis=1)
    return directory.indicator_arrays[attribute].any(axis=1)


def too_little_known(counted: np.ndarray, known: np.ndarray) -> np.ndarray:
    """Areas whose share rests on too little: under 3 services, or known for under half."""
    counted = np.asarray(counted)
    known = np.asarray(known)
    return (counted < MIN_SERVICES) | (known < MIN_KNOWN_SHARE * counted)


def share(part: np.ndarray, known: np.ndarray) -> np.ndarray:
    """Part over known, NaN where nothing is known."""
    part = np.asarray(part, dtype=float)
    known = np.asarray(known, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(known > 0, part / known, np.nan)


def ranks(values: Sequence[float]) -> list[int | None]:
    """Competition rank, highest first ("1st of 4"); NaN gets no rank; ties share a rank."""
    array = np.asarray(values, dtype=float)
    result: list[int | None] = []
    for value in array:
        if np.isnan(value):
            result.append(None)
        else:
            result.append(int(np.count_nonzero(array[~np.isnan(array)] > value)) + 1)
    return result


# ------------------------------------------------------------------------- area counts


@dataclass(frozen=True)
class Comparator:
    """Wales as a comparator, counted like the areas it is compared with."""

    count: int
    per_100k: float
    includes_all_wales: bool


def wales_comparator(
    directory: Directory,
    mask: np.ndarray,
    level: str,
    include_all_wales: bool,
    wales_population_16_plus: int,
) -> Comparator:
    """Wales counted like its areas: local services only, or with all-Wales services added.

    One figure per question, whatever the level: every service recorded in some area of Wales
    (at any level), counted once. ``level`` is kept for the callers' symmetry and not used.
    """
    del level
    placed = placed_in_wales(directory)
    counted = mask & (placed | national_mask(directory)) if include_all_wales else mask & placed
    count = int(np.count_nonzero(counted))
    return Comparator(count, count / wales_population_16_plus * 100_000, include_all_wales)


def area_counts(
    directory: Directory,
    mask: np.ndarray,
    level: str,
    include_all_wales: bool,
    population_16_plus: Mapping[str, int],
    rate_per: int = 100_000,
    *,
    comparable: bool = False,
) -> pd.DataFrame:
    """Per area: counted services, all-Wales and wider services beside them, rates and shares
    with their known denominators, whether a share rests on too little, and, only where the
    areas' coverage is ``comparable`` (:mod:`dashboard.domain.coverage`), ranks.

    ``mask`` is the services the view counts (provision scope and filters already applied).
    """
    local = local_matrix(directory, level)[mask]
    national = int(np.count_nonzero(national_mask(directory) & mask))
    counted_rows = local | national_mask(directory)[mask][:, None] if include_all_wales else local
    local_count = np.count_nonzero(local, axis=0).astype(np.int64)
    count = np.count_nonzero(counted_rows, axis=0).astype(np.int64)

    def column_count(rows_mask: np.ndarray) -> np.ndarray:
        return np.count_nonzero(counted_rows[rows_mask[mask]], axis=0).astype(np.int64)

    quality_known = column_count(known_mask(directory, "quality"))
    quality = column_count(np.asarray(directory.quality))
    precarity_known = column_count(known_mask(directory, "precarity"))
    precarious = column_count(np.asarray(directory.precarious))
    # The share counts the high band only; the medium band is reported beside it, so that an
    # area whose services are all funded year by year never reads as simply "0%".
    precarity_medium = column_count((directory.frame["precarity"] == precarity.MEDIUM).to_numpy())
    ids = directory.area_ids[level]
    population = np.array([population_16_plus[area] for area in ids], dtype=float)
    table = pd.DataFrame(
        {
            "area_id": ids,
            "count": count,
            "local_count": local_count,
            "wider_available": np.count_nonzero(
                wider_matrix(directory, level)[mask], axis=0
            ).astype(np.int64),
            "all_wales_available": national,
            "includes_all_wales": bool(include_all_wales),
            "population_16_plus": population.astype(int),
            "per_100k": count / population * rate_per,
            "quality_count": quality,
            "quality_known": quality_known,
            "quality_share": share(quality, quality_known),
            "quality_too_little": too_little_known(count, quality_known),
            "precarious_count": precarious,
            "precarity_known": precarity_known,
            "precarious_share": share(precarious, precarity_known),
            "precarity_medium_count": precarity_medium,
            "precarious_too_little": too_little_known(count, precarity_known),
        }
    )
    if comparable:
        table["count_rank"] = ranks(table["count"])
        table["per_100k_rank"] = ranks(table["per_100k"])
        for metric in ("quality", "precarious"):
            usable = table[f"{metric}_share"].where(~table[f"{metric}_too_little"])
            table[f"{metric}_share_rank"] = ranks(usable)
    return table


#: The "too little known" flag and the rank column that go with each map metric.
TOO_LITTLE_COLUMN: Final = MappingProxyType(
    {
        "count": None,
        "per_100k": None,
        "quality_share": "quality_too_little",
        "precarious_share": "precarious_too_little",
    }
)
RANK_COLUMN: Final = MappingProxyType(
    {
        "count": "count_rank",
        "per_100k": "per_100k_rank",
        "quality_share": "quality_share_rank",
        "precarious_share": "precarious_share_rank",
    }
)


def breakdown_with_known(
    directory: Directory, mask: np.ndarray, column: str
) -> tuple[pd.Series, int, int]:
    """A breakdown's counts, with how many services have the attribute known, and how many
    services there are (the denominator every caption states)."""
    table = directory.indicators[column]
    counts = np.count_nonzero(directory.indicator_arrays[column][mask], axis=0).astype(np.int64)
    if column in ("precarity",):
        known = int(np.count_nonzero(known_mask(directory, "precarity") & mask))
    elif column == "evidence_rung":
        known = int(np.count_nonzero(known_mask(directory, "quality") & mask))
    else:
        known = int(np.count_nonzero(known_mask(directory, column) & mask))
    return pd.Series(counts, index=table.columns, name="count"), known, int(np.count_nonzero(mask))
