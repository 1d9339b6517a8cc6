"""The overview's drill-down panels, each declared once, in ``panels.toml``.

One :class:`Panel` per chart drives everything about it: the layout (its graph, text alternative,
CSV button and source note, in this order on the page), its component ids, the callback outputs
that draw it, the counts the view builder computes for it, its table alternative and its
download. To add a panel, add one ``[[panel]]`` to ``panels.toml`` (for a breakdown, naming a
directory column) and translate its texts: nothing else lists the panels.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from dashboard.data import column_registry

PANELS_FILE: Final = Path(__file__).with_name("panels.toml")
FUNDING_END: Final = "funding-end"


@dataclass(frozen=True)
class Panel:
    """One drill-down chart (the fields are described in ``panels.toml``)."""

    key: str
    title: str
    note: str
    filename: str
    column: str | None = None
    chart_title: str | None = None


@functools.cache
def panels() -> tuple[Panel, ...]:
    """Every panel, in page order; a panel counting a column that is not a breakdown of
    ``columns.toml`` (nothing indexes it for counting) is refused, naming both files."""
    with PANELS_FILE.open("rb") as handle:
        found = tuple(Panel(**entry) for entry in tomllib.load(handle)["panel"])
    breakdowns = {column.name for column in column_registry.breakdown_columns()}
    for each in found:
        if each.column and each.column not in breakdowns:
            raise ValueError(
                f"{PANELS_FILE.name}: panel {each.key!r} counts column {each.column!r}, which is "
                f"not a breakdown in {column_registry.COLUMNS_FILE.name}; breakdowns: "
                f"{', '.join(sorted(breakdowns))}"
            )
    return found


def breakdown_panels() -> tuple[Panel, ...]:
    """The panels that count one directory column (all but the funding-end chart)."""
    return tuple(panel for panel in panels() if panel.column)


def panel(key: str) -> Panel | None:
    """The panel with this key, or None."""
    return next((each for each in panels() if each.key == key), None)
