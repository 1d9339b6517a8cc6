"""The overview's drill-down panels, each declared once.

One :class:`Panel` per chart drives everything about it: the layout (its graph, text alternative,
CSV button and source note, in this order on the page), its component ids, the callback outputs
that draw it, the counts the view builder computes for it, its table alternative and its download.
To add a panel, add one entry here (and, for a breakdown, make sure its column is in the
directory): nothing else lists the panels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from dashboard.i18n import N_
from dashboard.web import ids


@dataclass(frozen=True)
class Panel:
    """One drill-down chart."""

    #: Short key used in URLs of downloads, pattern-matching ids and the view.
    key: str
    #: Title (a catalogue message): the chart's heading and the first column of its table.
    title: str
    #: The "Source and method" note under the chart (a catalogue message; ``{rule}`` is replaced
    #: by the precarity rule).
    note: str
    #: File name (without extension) of the chart's PNG download.
    filename: str
    #: The directory column counted, or ``None`` for the funding-end chart (years by funder).
    column: str | None = None
    #: The chart's own title when it says more than :attr:`title` (a catalogue message).
    chart_title: str | None = None

    @property
    def graph_id(self) -> str:
        return ids.panel_graph(self.key)


FUNDING_END: Final = "funding-end"

PANELS: Final = (
    Panel(
        key="behaviour",
        column="behaviour_focus",
        title=N_("Behaviour focus"),
        chart_title=N_("Behaviour focus (* a gap named by the 2023 survey)"),
        note=N_(
            "Each intervention counts once for every behaviour it addresses, so bars can "
            "add up to more than the number of interventions. Zero means no intervention "
            "in the directory is recorded for that behaviour here."
        ),
        filename="behaviour-focus",
    ),
    Panel(
        key="evidence",
        column="evidence_rung",
        title=N_("Evaluation and accreditation"),
        note=N_(
            "Each intervention sits on its strongest rung: Respect or CSAAP accreditation; "
            "an independent or randomised evaluation; the model evaluated elsewhere; an "
            "internal evaluation; evaluation or accreditation under way; none or unknown."
        ),
        filename="evidence-ladder",
    ),
    Panel(
        key="precarity",
        column="precarity",
        title=N_("Funding precarity"),
        note=N_("Funding precarity bands. {rule}"),
        filename="funding-precarity",
    ),
    Panel(
        key=FUNDING_END,
        title=N_("When funding ends, by funder"),
        note=N_(
            "When funding is stated to end, by primary funder; the dashed line marks the "
            "current financial year. Most documents do not give an end date ('unknown')."
        ),
        filename="funding-end",
    ),
    Panel(
        key="risk",
        column="risk_level",
        title=N_("Risk level"),
        note=N_("Risk level of the people the intervention works with, as stated."),
        filename="risk-level",
    ),
    Panel(
        key="purpose",
        column="purpose",
        title=N_("Purpose"),
        note=N_("Purpose as described in the source documents."),
        filename="purpose",
    ),
    Panel(
        key="tier",
        column="service_tier",
        title=N_("Service tier"),
        note=N_("Service tiers follow Fowler, Karim & Feder (2020)."),
        filename="service-tier",
    ),
    Panel(
        key="sector",
        column="sector",
        title=N_("Sector"),
        note=N_("Sector delivering the intervention."),
        filename="sector",
    ),
)

#: The panels that count one directory column (all but the funding-end chart).
BREAKDOWN_PANELS: Final = tuple(panel for panel in PANELS if panel.column)
PANEL_BY_KEY: Final = {panel.key: panel for panel in PANELS}
