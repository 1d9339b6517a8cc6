"""The minimum-offer scorecard for a page's settings, and why each cell is in its state in words:
what its page, its callbacks and its CSV all show."""

from __future__ import annotations

from types import MappingProxyType

from dashboard.domain.context import AppContext
from dashboard.domain.scorecard import ScorecardCell, ScorecardView, scorecard_view
from dashboard.domain.stated_gaps import Stated
from dashboard.i18n import N_, Locale
from dashboard.views.gap_text import reason_text
from dashboard.views.state import AreaSettings

#: Field names as shown in the column headers.
FIELD_LABELS = MappingProxyType(
    {
        "service_tier": N_("service tier"),
        "behaviour_focus": N_("behaviour focus"),
        "kind": N_("kind"),
        "purpose": N_("purpose"),
        "setting": N_("setting"),
        "risk_level": N_("risk level"),
        "cohort": N_("cohort"),
        "sector": N_("sector"),
    }
)


def scorecard_for(context: AppContext, settings: AreaSettings) -> ScorecardView:
    """The scorecard of ``settings``' wave, level, all-Wales choice and language."""
    return scorecard_view(
        context.at(settings.wave),
        level=settings.level,
        include_all_wales=settings.include_all_wales,
        lang=settings.lang,
    )


def field_label(field: str, locale: Locale) -> str:
    return locale(FIELD_LABELS[field]) if field in FIELD_LABELS else field.replace("_", " ")


def cell_reason(cell: ScorecardCell, element, *, locale: Locale) -> str:
    """Why a cell is in its state, in words (its tooltip, and the CSV's ``reason_text``)."""
    return reason_text(
        cell,
        _=locale,
        field=field_label(element.field, locale),
        lang=locale.lang,
        stated=_stated(cell),
        cited=cell.documented_citation,
    )


def _stated(cell: ScorecardCell) -> Stated | None:
    if cell.documented is None:
        return None
    return Stated(cell.documented, cell.stated_year, cell.later)
