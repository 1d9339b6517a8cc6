"""The minimum-offer scorecard: areas against the elements of a (draft) minimum offer.

Recommendation 2 of the 2023 survey asks the National Partnership Board to consider "an all-Wales
response to tackling perpetration (including minimum level of service provision)". The elements
of the offer live in ``data/minimum_offer.csv`` (a draft for discussion, not adopted policy); each
names a directory column and the values that meet it. Every cell is classified by
:mod:`dashboard.domain.cells`, in one of the counting model's four states, so that "not known" is
never read as "gap"; citations read as :mod:`dashboard.domain.citations` words them everywhere.

Pure: the context and the options in, a frozen :class:`ScorecardView` out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Final

import numpy as np
import pandas as pd

from dashboard import i18n
from dashboard.data import vocabulary as vocab
from dashboard.domain import cell_summary, citations, counting, stated_gaps
from dashboard.domain.cells import (
    Cell,
    CoverageIndex,
    DocumentedGap,
    any_value_cells,
    coverage_index,
    documented_gap_index,
    unrecorded_field_cells,
)
from dashboard.domain.context import AppContext
from dashboard.domain.model import Directory

LEVELS: Final = ("region", "force")

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
    #: ``source`` as people read it (:func:`dashboard.domain.citations.readable_citation`).
    citation: str = ""


@dataclass(frozen=True)
class ScorecardCell(Cell):
    """One area and one element: its :class:`~dashboard.domain.cells.Cell` (counted services that
    meet the element, local plus all-Wales ones when added), with the current all-Wales services
    that meet it shown beside (0 when they are added)."""

    element_id: str = ""
    all_wales: int = 0
    all_wales_names: tuple[str, ...] = ()
    #: The documented gap's source as people read it ("" when there is none).
    documented_citation: str = ""
    #: A stated gap: its document's year, and the current services later sources name there.
    stated_year: int | None = None
    later: stated_gaps.Later = field(default_factory=stated_gaps.Later)


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
    """The scorecard as shown: the offer's elements, a row per area, and the options it is for."""

    elements: tuple[Element, ...]
    rows: tuple[ScorecardRow, ...]
    #: Current all-Wales services (shown beside each area unless added).
    all_wales_services: int
    #: Sentences about the data behind the table (for example a field the directory lacks).
    notes: tuple[str, ...]
    level: str
    include_all_wales: bool
    lang: str
    #: The cells' states and reasons, counted (what the page's first sentence says).
    summary: cell_summary.Summary | None = None

    def table(
        self, describe: Callable[[ScorecardCell, Element], str] | None = None
    ) -> pd.DataFrame:
        """The table as shown, one row per area, for the CSV download; ``describe`` words each
        cell's reason (:func:`dashboard.views.gap_text.reason_text`)."""
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
                record[f"{element.id}_reason"] = cell.reason
                record[f"{element.id}_reason_text"] = describe(cell, element) if describe else ""
                record[f"{element.id}_year"] = (
                    cell.stated_year if cell.documented else cell_summary.cell_year(cell)
                ) or ""
                record[f"{element.id}_count"] = cell.count
                record[f"{element.id}_unclassified"] = cell.unclassified
                record[f"{element.id}_services"] = "; ".join(cell.names)
                record[f"{element.id}_all_wales_beside"] = cell.all_wales
                record[f"{element.id}_could_be_served_by"] = "; ".join(cell.wider_names)
                record[f"{element.id}_unclassified_beyond"] = "; ".join(
                    cell.wider_unclassified_names
                )
                record[f"{element.id}_documented_gap"] = (
                    cell.documented.evidence if cell.documented else ""
                )
                record[f"{element.id}_later_sources_name"] = "; ".join(cell.later.names)
            records.append(record)
        return pd.DataFrame.from_records(records)


# ------------------------------------------------------------------------ the counting


def documented_index(
    context: AppContext, level: str
) -> Mapping[tuple[str, str, str], DocumentedGap]:
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
    return documented_gap_index(frame[applies], slugs)


def _elements(
    offer: pd.DataFrame, directory: Directory, sources: pd.DataFrame, _
) -> tuple[Element, ...]:
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
            citation=citations.readable_citation(row.source, sources, _),
        )
        for row in offer.itertuples(index=False)
    )


def _scorecard_cell(
    element_id: str,
    cell: Cell,
    beside: tuple[int, tuple[str, ...]],
    sources: pd.DataFrame | None,
    stated: stated_gaps.Stated | None = None,
    translate: Callable[[str], str] = str,
) -> ScorecardCell:
    """A counted cell, with the all-Wales services shown beside it, its citation as read, and
    a stated gap's year and what later sources name there."""
    return ScorecardCell(
        **{name.name: getattr(cell, name.name) for name in fields(Cell)},
        element_id=element_id,
        all_wales=beside[0],
        all_wales_names=beside[1],
        documented_citation=(
            citations.readable_citation(cell.documented.source, sources, translate)
            if cell.documented
            else ""
        ),
        stated_year=stated.year if stated is not None else None,
        later=stated.later if stated is not None else stated_gaps.Later(),
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
    directory = context.directory
    sources = context.bundle.sources
    elements = _elements(context.bundle.minimum_offer, directory, sources, _)
    mask = counting.provision_mask(directory, counting.CURRENT)
    # Custody-only services are community provision nowhere (rule "custody").
    national = counting.national_mask(directory) & mask & ~np.asarray(directory.custody_only)
    documented = documented_index(context, level)
    stated = stated_gaps.stated_gaps(directory, mask, documented, sources)
    area_coverage = getattr(context, "coverage", None)
    coverage = None if area_coverage is None else coverage_index(area_coverage, level)
    columns, beside, notes = _element_columns(
        directory,
        mask,
        national,
        elements,
        level=level,
        include_all_wales=include_all_wales,
        documented=documented,
        coverage=coverage,
        translate=_,
    )
    rows = _scorecard_rows(
        directory.area_ids[level],
        context.names(lang, level),
        elements,
        columns,
        beside,
        sources,
        stated,
        _,
    )
    return ScorecardView(
        level=level,
        include_all_wales=include_all_wales,
        lang=lang,
        elements=elements,
        rows=rows,
        all_wales_services=int(np.count_nonzero(national)),
        notes=tuple(notes),
        summary=cell_summary.summarise([row.cells for row in rows], stated),
    )


#: One element's cells by area, the all-Wales services meeting it (count, names) and any note.
ElementColumns = tuple[list[dict[str, Cell]], list[tuple[int, tuple[str, ...]]], list[str]]


def _element_columns(
    directory: Directory,
    mask: np.ndarray,
    national: np.ndarray,
    elements: tuple[Element, ...],
    *,
    level: str,
    include_all_wales: bool,
    documented: dict[tuple[str, str, str], DocumentedGap],
    coverage: CoverageIndex | None,
    translate: Callable[[str], str],
) -> ElementColumns:
    """For each element: its cells (area -> cell), the all-Wales services (``national``) that
    meet it shown beside them (none when they are counted in), and a note where the directory lacks its
    field (then every cell is not known)."""
    _ = translate
    names = directory.frame["name"].to_numpy(dtype=object)
    columns: list[dict[str, Cell]] = []
    beside: list[tuple[int, tuple[str, ...]]] = []
    notes: list[str] = []
    for element in elements:
        if not element.available:
            columns.append(unrecorded_field_cells(directory, mask, level, include_all_wales))
            beside.append((0, ()))
            notes.append(
                _(
                    "The directory does not record '{field}' yet, so whether any service "
                    "meets '{element}' is not known in every area."
                ).format(field=element.field, element=element.label)
            )
            continue
        columns.append(
            any_value_cells(
                directory,
                mask,
                level,
                include_all_wales,
                element.field,
                element.values,
                documented,
                coverage=coverage,
            )
        )
        if include_all_wales:
            beside.append((0, ()))
        else:
            national_meets = national & counting.any_value_mask(
                directory, element.field, element.values
            )
            beside.append(
                (
                    int(np.count_nonzero(national_meets)),
                    tuple(sorted(names[national_meets], key=str.lower)),
                )
            )
    return columns, beside, notes


def _scorecard_rows(
    area_ids: tuple[str, ...],
    area_names: Mapping[str, str],
    elements: tuple[Element, ...],
    columns: list[dict[str, Cell]],
    beside: list[tuple[int, tuple[str, ...]]],
    sources: pd.DataFrame | None,
    stated: Mapping[str, stated_gaps.Stated],
    translate: Callable[[str], str],
) -> tuple[ScorecardRow, ...]:
    """One row per area: its cell for each element and the counts of their states."""
    rows = []
    for area_id in area_ids:
        cells = tuple(
            _scorecard_cell(
                element.id,
                column[area_id],
                extra,
                sources,
                stated.get(column[area_id].documented.id) if column[area_id].documented else None,
                translate,
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
    return tuple(rows)
