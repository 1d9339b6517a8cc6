"""The gap review's cells summed up: counts by state and reason, the cells in long form for
CSV, the year each gap rests on, and each level's coverage index the cells are built against.

The cells come from :mod:`dashboard.domain.cells`; a stated gap's year and later services from
:mod:`dashboard.domain.stated_gaps`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from dashboard.domain import cells as cells_module
from dashboard.domain import counting
from dashboard.domain.cells import Cell, CoverageIndex
from dashboard.domain.coverage import Coverage
from dashboard.domain.stated_gaps import Stated


def cells_frame(
    cells: Mapping[str, Mapping[str, Cell]],
    field: str,
    *,
    reason_text: Callable[[Cell], str] | None = None,
    stated: Mapping[str, Stated] | None = None,
) -> pd.DataFrame:
    """Cells in long form, for CSV: one row per area and category with its state, the reason
    for it (a code, and in words with ``reason_text``), the year of a derived gap's source or of
    a stated gap's document, and what could fill it from beyond the area."""
    stated = stated or {}
    rows = []
    for area_id, row in cells.items():
        for category, cell in row.items():
            about = stated.get(cell.documented.id) if cell.documented else None
            rows.append(
                {
                    "area_id": area_id,
                    "field": field,
                    "category": category,
                    "state": cell.state,
                    "reason": cell.reason,
                    "reason_text": reason_text(cell) if reason_text else "",
                    "year": cell_year(cell, about) or "",
                    "count": cell.count,
                    "services_counted": cell.services,
                    "unclassified": cell.unclassified,
                    "services": "; ".join(cell.names),
                    "all_wales_available": cell.across_wales,
                    "wider_available": cell.wider,
                    "wider_unclassified": cell.wider_unclassified,
                    "could_be_served_by": "; ".join(cell.wider_names),
                    "unclassified_beyond": "; ".join(cell.wider_unclassified_names),
                    "documented_source": cell.documented.source if cell.documented else "",
                    "documented_quote": cell.documented.evidence if cell.documented else "",
                    "later_sources_name": "; ".join(about.later.names) if about else "",
                }
            )
    return pd.DataFrame(rows)


def cell_year(cell: Cell, stated: Stated | None = None) -> int | None:
    """The year a gap rests on: its source document's (stated) or the latest source listing the
    area's services (derived); None for any other cell."""
    if cell.state != counting.GAP:
        return None
    if stated is not None:
        return stated.year
    return cell.year


def coverage_by_level(coverage: Coverage | None) -> Mapping[str, CoverageIndex] | None:
    """level -> area_id -> the year of the latest source listing the area's services (None when
    no coverage is given: every area then counts as listed, a census)."""
    if coverage is None:
        return None
    return {level: cells_module.coverage_index(coverage, level) for level in coverage.areas}


@dataclass(frozen=True)
class Summary:
    """What a set of cells holds: the states, and the reasons the pages lead with."""

    cells: int
    recorded: int
    #: Provision recorded only because a service available across Wales has the value.
    across_wales: int
    stated: int
    derived: int
    not_known: int
    #: Not known because a service recorded only more broadly, or with no area, has the value
    #: or is unclassified.
    not_known_beyond: int
    #: Not known because a service in the area is unclassified.
    not_known_here: int
    #: Not known because no source lists every service in the area.
    not_enumerated: int
    no_record: int
    #: The years of the derived gaps' sources, and of the stated gaps' documents.
    derived_years: tuple[int, ...] = ()
    stated_years: tuple[int, ...] = ()


def summarise(
    all_cells: Mapping[str, Mapping[str, Cell]] | list,
    stated: Mapping[str, Stated] | None = None,
) -> Summary:
    """Counts of the cells by state and reason (``all_cells``: area -> key -> cell, or any list
    of such mappings or of cells)."""
    stated = stated or {}
    flat = list(_flatten(all_cells))
    reasons = Counter((cell.state, cell.reason) for cell in flat)
    states = Counter(cell.state for cell in flat)
    derived_years = sorted(
        {cell.year for cell in flat if cell.reason == cells_module.DERIVED and cell.year}
    )
    stated_years = sorted(
        {
            stated[cell.documented.id].year
            for cell in flat
            if cell.documented is not None
            and cell.documented.id in stated
            and stated[cell.documented.id].year
        }
    )
    return Summary(
        cells=len(flat),
        recorded=states[counting.RECORDED],
        across_wales=reasons[(counting.RECORDED, cells_module.ACROSS_WALES)],
        stated=reasons[(counting.GAP, cells_module.STATED)],
        derived=reasons[(counting.GAP, cells_module.DERIVED)],
        not_known=states[counting.NOT_KNOWN],
        not_known_beyond=reasons[(counting.NOT_KNOWN, cells_module.WIDER_HAS)]
        + reasons[(counting.NOT_KNOWN, cells_module.WIDER_UNCLASSIFIED)],
        not_known_here=reasons[(counting.NOT_KNOWN, cells_module.UNCLASSIFIED)],
        not_enumerated=reasons[(counting.NOT_KNOWN, cells_module.NOT_ENUMERATED)],
        no_record=states[counting.NO_RECORD],
        derived_years=tuple(derived_years),
        stated_years=tuple(stated_years),
    )


def _flatten(value):
    if isinstance(value, Cell):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _flatten(item)
    else:
        for item in value:
            yield from _flatten(item)
