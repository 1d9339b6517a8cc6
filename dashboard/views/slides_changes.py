"""The presenter's slide of what changed between the wave before and the wave shown."""

from __future__ import annotations

from typing import Final

from dashboard.i18n import N_
from dashboard.views.slide_parts import Common, Slide

#: The source of the change slide: two waves' pictures, each change with its two dated facts.
DIRECTORY_SOURCE_BY_WAVE = N_(
    "the dashboard's directory of interventions as each wave describes it, every change with its "
    "two dated sources (the What changed page)"
)
#: Changes a slide names before "and N more" (a slide is read at a distance).
SLIDE_CHANGES: Final = 4


def change_slides(common: Common) -> tuple[Slide, ...]:
    """What changed between the wave before and the wave shown (none when the data has one
    wave): counts only where both waves' sources cover the areas alike; otherwise the changes
    named, with the reason in one sentence."""
    from dashboard.views import changes

    locale, context = common.locale, common.context
    summary = changes.change_summary(context, locale.lang)
    if summary is None:
        return ()
    if summary.counts:
        headline = "; ".join(
            f"{label}: {locale.number(count)}" for _category, label, count in summary.counts
        )
    else:
        headline = locale.ngettext(
            "{n} service with a change named, with its sources.",
            "{n} services with a change named, with their sources.",
            len(summary.lines),
        ).format(n=locale.number(len(summary.lines)))
    points = [changes.line_sentence(line, locale) for line in summary.lines[:SLIDE_CHANGES]]
    if len(summary.lines) > SLIDE_CHANGES:
        points.append(
            locale("And {n} more: every change with its two dated sources at {href}.").format(
                n=locale.number(len(summary.lines) - SLIDE_CHANGES), href=summary.href
            )
        )
    points.append(summary.reason)
    span = locale("From “{earlier}” ({first}) to “{later}” ({last}).").format(
        earlier=summary.earlier.label,
        first=summary.earlier.date,
        later=summary.later.label,
        last=summary.later.date,
    )
    return (
        Slide(
            title=locale("What changed"),
            headline=headline,
            points=(span, *points),
            sources=(locale(DIRECTORY_SOURCE_BY_WAVE),),
            dated=common.dated,
            caveat=common.caveat,
            names=tuple(line.name for line in summary.lines)
            + tuple(name for line in summary.lines for name in line.old_names),
        ),
    )
