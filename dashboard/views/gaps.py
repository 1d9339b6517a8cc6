"""The gap review for a page's settings: what its page, its callbacks and its CSV all ask for."""

from __future__ import annotations

from dashboard.domain.context import AppContext
from dashboard.views import gap_review as gap_review_view
from dashboard.views.state import AreaSettings


def gap_review(context: AppContext, settings: AreaSettings, lang: str) -> gap_review_view.GapReview:
    """The gap review of ``settings``' wave, level, all-Wales choice and provision."""
    return gap_review_view.gap_review(
        context.at(settings.wave),
        level=settings.level,
        include_all_wales=settings.include_all_wales,
        lang=lang,
        provision=settings.provision,
    )
