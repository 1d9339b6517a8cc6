"""The minimum-offer scorecard: areas against the elements of a (draft) minimum offer.

Recommendation 2 of the 2023 survey asks the National Partnership Board to consider "an all-Wales
response to tackling perpetration (including minimum level of service provision)". The elements
of the offer live in ``data/minimum_offer.csv`` (a draft for discussion, not adopted policy); each
names a directory column and the values that meet it. Every cell is counted through
:mod:`dashboard.domain.counting`, in one of its four states, so that "not known" is never read as "gap".

Pure: the context and the options in, a frozen :class:`ScorecardView` out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from dashboard import i18n
from dashboard.domain import counting
from dashboard.domain import vocabulary as vocab
from dashboard.domain.context import AppContext
from dashboard.domain.model import Directory

LEVELS: Final = ("region", "force")

#: Short readable titles of the seed documents, for citations (file name prefix -> title).
SOURCE_TITLES: Final = {
    "000": "Welsh Government, VAWDASV Blueprint perpetration intervention mapping survey (2024)",
    "001": "Welsh Government, VAWDASV perpetrator work programme",
    "002": "Policing in Wales, submission to the Equality and Social Justice Committee (2023)",
    "003": "Welsh Government, Progress against the Blueprint High Level Action Plan (2023)",
    "004": "Fowler, Karim and Feder, A Review of Domestic Abuse and Sexual Violence Perpetrator "
    "Services in Cardiff and The Vale of Glamorgan (2020)",
}


def cite(source: str) -> str:
    """``004_….txt § 4.3 Medium-risk services`` -> the document's title and section."""
    document, _sep, section = source.partition(" § ")
    title = SOURCE_TITLES.get(document[:3], document)
    return f"{title}, § {section}" if section else title


# ------------------------------------------------------------------------------ the view


@dataclass(frozen=True)
class Element:
    """One element of the offer: met by a counted service with any of ``values`` in ``field``."""

    id: str
    label: str
    field: str
    values: tuple[str, ...]
    rationale: str
    source: str
    evidence: str
    #: False when the directory has no such column yet: every cell is then "not known".
    available: bool


@dataclass(frozen=True)
class ScorecardCell:
    """One area and one element, in one of :data:`counting.CELL_STATES`."""

    element_id: str
    state: str
    #: Counted services that meet the element (local, plus all-Wales ones when added).
    count: int
    #: Counted services whose ``field`` is unknown (all of them when the field is missing).
    unclassified: int
    #: Counted services in the area.
    services: int
    names: tuple[str, ...] = ()
    documented: counting.DocumentedGap | None = None
    #: Current all-Wales services that meet the element, shown beside (0 when they are added).
    all_wales: int = 0
    all_wales_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScorecardRow:
    """One area: a cell per element and the totals ("meets k of N elements, m not known")."""

    area_id: str
    name: str
    cells: tuple[ScorecardCell, ...]
    services: int
    met: int
    gaps: int
    not_known: int
    no_record: int

    @property
    def total(self) -> int:
        return len(self.cells)


@dataclass(frozen=True)
class ScorecardView:
    level: str
    include_all_wales: bool
    lang: str
    elements: tuple[Element, ...]
    rows: tuple[ScorecardRow, ...]
    #: Current all-Wales services (shown beside each area unless added).
    all_wales_services: int
    #: Sentences about the data behind the table (for example a field the directory lacks).
    notes: tuple[str, ...]

    def table(self) -> pd.DataFrame:
        """The table as shown, one row per area, for the CSV download."""
        records = []
        for row in self.rows:
            record: dict[str, object] = {
                "area_id": row.area_id,
                "area": row.name,
                "elements_met": row.met,
                "elements": row.total,
                "elements_not_known": row.not_known,
                "elements_gap": row.gaps,
                "elements_no_record": row.no_record,
                "current_services": row.services,
                "includes_all_wales": self.include_all_wales,
            }
            for element, cell in zip(self.elements, row.cells, strict=True):
                record[f"{element.id}_state"] = cell.state
                record[f"{element.id}_count"] = cell.count
                record[f"{element.id}_unclassified"] = cell.unclassified
                record[f"{element.id}_services"] = "; ".join(cell.names)
                record[f"{element.id}_all_wales_beside"] = cell.all_wales
                record[f"{element.id}_documented_gap"] = (
                    cell.documented.evidence if cell.documented else ""
                )
            records.append(record)
        return pd.DataFrame.from_records(records)


# ------------------------------------------------------------------------ the counting


def element_cells(
    directory: Directory,
    mask: np.ndarray,
    level: str,
    include_all_wales: bool,
    field: str,
    values: Sequence[str],
    documented: Mapping[tuple[str, str, str], counting.DocumentedGap] | None = None,
) -> dict[str, counting.Cell]:
    """area_id -> :class:`counting.Cell` for one element: met by any of ``values``.

    The same rule as :func:`counting.gap_cells`, whose result it equals for a single value, built
    from its primitives. A documented gap applies when every value has one for the area.
    """
    documented = documented or {}
    counted = counting.counted_matrix(directory, level, include_all_wales) & mask[:, None]
    unknown = ~counting.known_mask(directory, field)
    meets = np.zeros(directory.size, dtype=bool)
    for value in values:
        meets |= counting.value_matrix(directory, field, value)
    names = directory.frame["name"].to_numpy(dtype=object)
    cells: dict[str, counting.Cell] = {}
    for index, area_id in enumerate(directory.area_ids[level]):
        here = counted[:, index]
        services = int(np.count_nonzero(here))
        unclassified = int(np.count_nonzero(here & unknown))
        with_value = here & meets
        count = int(np.count_nonzero(with_value))
        stated = [
            documented.get((field, value, area_id)) or documented.get((field, value, "wales"))
            for value in values
        ]
        gap = stated[0] if stated and all(stated) else None
        cells[area_id] = counting.Cell(
            state=counting.classify(count, unclassified, services, gap),
            count=count,
            unclassified=unclassified,
            services=services,
            names=tuple(sorted(names[with_value], key=str.lower)),
            documented=gap if count == 0 else None,
        )
    return cells


def _missing_field_cells(
    directory: Directory, mask: np.ndarray, level: str, include_all_wales: bool
) -> dict[str, counting.Cell]:
    """A field the directory does not have: every counted service is unclassified."""
    counted = counting.counted_matrix(directory, level, include_all_wales) & mask[:, None]
    cells = {}
    for index, area_id in enumerate(directory.area_ids[level]):
        services = int(np.count_nonzero(counted[:, index]))
        state = counting.NO_RECORD if services == 0 else counting.NOT_KNOWN
        cells[area_id] = counting.Cell(state, 0, services, services)
    return cells


def documented_index(
    context: AppContext, level: str
) -> dict[tuple[str, str, str], counting.DocumentedGap]:
    """Documented gaps that apply to the areas of ``level``: stated for the area itself or for
    all of Wales. Gwent and North Wales are both a region and a force area with the same
    boundary, so a gap stated for either applies to both."""
    frame = getattr(context.bundle, "documented_gaps", None)
    if frame is None or len(frame) == 0:
        return {}
    areas = context.bundle.areas[level]
    slugs = {area.name_en: area.area_id for area in areas}
    if level == "force":
        applies = frame["level"].isin(("force", "wales")) | (
            (frame["level"] == "region") & frame["area"].isin(vocab.POLICE_FORCE_AREAS)
        )
    else:
        applies = frame["level"].isin((level, "wales"))
    return counting.documented_gap_index(frame[applies], slugs)


def _elements(offer: pd.DataFrame, directory: Directory, _) -> tuple[Element, ...]:
    return tuple(
        Element(
            id=row.id,
            label=_(row.element),
            field=row.field,
            values=tuple(vocab.split_list(row.values)),
            rationale=_(row.rationale),
            source=row.source,
            evidence=row.evidence,
            available=row.field in directory.indicators and row.field in directory.frame.columns,
        )
        for row in offer.itertuples(index=False)
    )


def scorecard_view(
    context: AppContext, *, level: str, include_all_wales: bool, lang: str
) -> ScorecardView:
    """Areas of ``level`` ("region" or "force") against the elements of the minimum offer.

    Current provision only (:data:`counting.CURRENT`); all-Wales services are shown beside each
    cell unless ``include_all_wales`` adds them into the areas' counts.
    """
    level = level if level in LEVELS else "region"
    include_all_wales = bool(include_all_wales)
    lang = i18n.normalise_language(lang)
    _ = i18n.translator(lang)
    offer = context.bundle.minimum_offer
    directory = context.directory
    elements = _elements(offer, directory, _)
    mask = counting.provision_mask(directory, counting.CURRENT)
    national = counting.national_mask(directory) & mask
    documented = documented_index(context, level)
    names = directory.frame["name"].to_numpy(dtype=object)

    columns: list[dict[str, counting.Cell]] = []
    beside: list[tuple[int, tuple[str, ...]]] = []
    notes: list[str] = []
    for element in elements:
        if not element.available:
            columns.append(_missing_field_cells(directory, mask, level, include_all_wales))
            beside.append((0, ()))
            notes.append(
                _(
                    "The directory does not record '{field}' yet, so whether any service "
                    "meets '{element}' is not known in every area."
                ).format(field=element.field, element=element.label)
            )
            continue
        if len(element.values) == 1:
            cells = counting.gap_cells(
                directory,
                mask,
                level,
                include_all_wales,
                element.field,
                element.values,
                documented,
            )
            columns.append({area: row[element.values[0]] for area, row in cells.items()})
        else:
            columns.append(
                element_cells(
                    directory,
                    mask,
                    level,
                    include_all_wales,
                    element.field,
                    element.values,
                    documented,
                )
            )
        if include_all_wales:
            beside.append((0, ()))
        else:
            meets = np.zeros(directory.size, dtype=bool)
            for value in element.values:
                meets |= counting.value_matrix(directory, element.field, value)
            national_meets = national & meets
            beside.append(
                (
                    int(np.count_nonzero(national_meets)),
                    tuple(sorted(names[national_meets], key=str.lower)),
                )
            )

    area_names = context.names(lang, level)
    rows = []
    for area_id in directory.area_ids[level]:
        cells = tuple(
            ScorecardCell(
                element_id=element.id,
                state=column[area_id].state,
                count=column[area_id].count,
                unclassified=column[area_id].unclassified,
                services=column[area_id].services,
                names=column[area_id].names,
                documented=column[area_id].documented,
                all_wales=extra[0],
                all_wales_names=extra[1],
            )
            for element, column, extra in zip(elements, columns, beside, strict=True)
        )
        states = [cell.state for cell in cells]
        rows.append(
            ScorecardRow(
                area_id=area_id,
                name=area_names.get(area_id, area_id),
                cells=cells,
                services=cells[0].services if cells else 0,
                met=states.count(counting.RECORDED),
                gaps=states.count(counting.GAP),
                not_known=states.count(counting.NOT_KNOWN),
                no_record=states.count(counting.NO_RECORD),
            )
        )
    return ScorecardView(
        level=level,
        include_all_wales=include_all_wales,
        lang=lang,
        elements=elements,
        rows=tuple(rows),
        all_wales_services=int(np.count_nonzero(national)),
        notes=tuple(notes),
    )
