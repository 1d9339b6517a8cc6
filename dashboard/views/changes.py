"""The page comparing two waves (``/changes?from=…&to=…&level=…``), its slide and report section:
a typed view in the page's language, built from :func:`dashboard.domain.changes.compare`.

Every change is shown with the two dated facts behind it (value, date, source and quote for each
side). Counts, the table by area and the map of change are in the view only when the two waves'
sources cover the areas alike (:func:`dashboard.domain.coverage.waves_alike`); otherwise the view
carries the one sentence that says why not, and the changes are listed. Each change in words is
:mod:`dashboard.views.change_lines`', the map :mod:`dashboard.views.change_map`'s, and the waves'
names :mod:`dashboard.views.wave_names`'.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from dashboard.domain import changes as changes_module
from dashboard.domain import counting, coverage
from dashboard.domain.changes import WaveChanges
from dashboard.domain.context import AppContext
from dashboard.domain.waves import Wave
from dashboard.i18n import N_, Locale, locale_for
from dashboard.views.change_lines import CATEGORY_LABELS, ServiceLine, service_line
from dashboard.views.change_map import AreaRow, change_map
from dashboard.views.state import ChangeSettings
from dashboard.views.wave_names import WaveChoice, wave_choice, wave_choices, wave_label

#: What each category means, in one sentence (the page's key).
CATEGORY_MEANINGS: Final = MappingProxyType(
    {
        changes_module.NEW: N_(
            "New: named by the later wave and not by the earlier (which may not have described it)."
        ),
        changes_module.ENDED: N_(
            "Ended: the later wave describes it as decommissioned; the earlier did not."
        ),
        changes_module.CHANGED: N_(
            "Changed: its status, areas, evaluation, accreditation, funding, provider or name "
            "differ, or are stated now and were not before; or it was renamed or merged."
        ),
        changes_module.CONTINUING: N_("Continuing: named by both waves, nothing compared differs."),
        changes_module.NOT_IN_LATER: N_(
            "Not named in the later wave: never counted as ended, since a source that does not name "
            "a service does not say it ended."
        ),
        changes_module.ENDED_BEFORE: N_("Ended before the earlier wave: decommissioned in both."),
    }
)
#: Why counts of change are (or are not) shown, in one sentence.
REASONS: Final = MappingProxyType(
    {
        coverage.COMPARABLE: N_(
            "Both waves' sources cover every area alike, so the changes are counted by area."
        ),
        coverage.PASSING: N_(
            "The public record names services in passing and lists no area's services, so its "
            "changes are listed here and never counted by area."
        ),
        coverage.UNEVEN: N_(
            "The sources of at least one of these waves describe the areas unevenly, so the changes "
            "are listed here and not counted by area."
        ),
        coverage.NO_SOURCE: N_(
            "No source of at least one of these waves lists the services of every area, so the "
            "changes are listed here and not counted by area."
        ),
        coverage.DIFFERENT: N_(
            "The two waves' sources cover the areas in different ways, so the changes are listed "
            "here and not counted by area."
        ),
    }
)
#: The rule of waves, as the method notes show it (one definition: ``counting.RULES``).
WAVES_RULE: Final = counting.RULES["waves"]
#: Where services recorded in no area of the level, or across Wales, are listed.
PLACE_LABELS: Final = MappingProxyType(
    {
        changes_module.NO_AREA: N_("No area of this level recorded"),
        changes_module.ACROSS_WALES: N_("Across Wales"),
    }
)


@dataclass(frozen=True)
class AreaSection:
    area_id: str
    name: str
    lines: tuple[ServiceLine, ...]


@dataclass(frozen=True)
class ChangesView:
    """Everything ``/changes`` shows for its settings."""

    settings: ChangeSettings
    choices: tuple[WaveChoice, ...]
    earlier: WaveChoice
    later: WaveChoice
    same: bool
    comparable: bool
    reason: str
    scope: str
    #: (category, label, count): only where the waves cover the areas alike.
    counts: tuple[tuple[str, str, int], ...]
    area_rows: tuple[AreaRow, ...]
    map_figure: dict | None
    sections: tuple[AreaSection, ...]
    planned: tuple[ServiceLine, ...]
    meanings: tuple[str, ...]
    rule: str
    level_label: str


def _sections(
    context: AppContext,
    lines: Mapping[str, ServiceLine],
    found: WaveChanges,
    level: str,
    locale: Locale,
) -> tuple[AreaSection, ...]:
    names = context.names(locale.lang, level)
    order = [
        *context.directory.area_ids[level],
        changes_module.ACROSS_WALES,
        changes_module.NO_AREA,
    ]
    sections = []
    for area_id in order:
        members = tuple(
            lines[change.key] for change in found.changes if area_id in change.areas.get(level, ())
        )
        if not members:
            continue
        name = names.get(area_id) or locale(PLACE_LABELS[area_id])
        sections.append(AreaSection(area_id, name, members))
    return tuple(sections)


def changes_view(context: AppContext, settings: ChangeSettings) -> ChangesView:
    """The comparison the settings ask for (waves validated by :func:`change_settings`)."""
    locale = locale_for(settings.lang)
    earlier = context.at(settings.earlier)
    later = context.at(settings.later)
    found = changes_module.compare(earlier, later)
    level = settings.level
    comparable = found.comparable(level)
    lines = {change.key: service_line(earlier, later, change, locale) for change in found.changes}
    counts: tuple[tuple[str, str, int], ...] = ()
    area_rows: tuple[AreaRow, ...] = ()
    figure = None
    if comparable:
        by_category = found.by_category()
        counts = tuple(
            (category, locale(CATEGORY_LABELS[category]), by_category[category])
            for category in changes_module.CATEGORIES
        )
        names = context.names(locale.lang, level)
        area_rows = tuple(
            AreaRow(
                area.area_id,
                names[area.area_id],
                area.current_before,
                area.current_after,
                area.net,
                tuple(area.counts[category] for category in changes_module.CATEGORIES),
            )
            for area in changes_module.area_changes(found, earlier, later, level)
        )
        figure = change_map(context, area_rows, level, locale)
    earlier_wave = earlier.wave if earlier.wave is not None else context.waves.wave(None)
    later_wave = later.wave if later.wave is not None else context.waves.wave(None)
    return ChangesView(
        settings=settings,
        choices=wave_choices(context, locale),
        earlier=wave_choice(context, earlier_wave, locale),
        later=wave_choice(context, later_wave, locale),
        same=settings.earlier == settings.later,
        comparable=comparable,
        reason=locale(REASONS[found.alike[level]]),
        scope=scope_sentence(context, earlier_wave, later_wave, locale),
        counts=counts,
        area_rows=area_rows,
        map_figure=figure,
        sections=_sections(context, lines, found, level, locale),
        planned=tuple(service_line(earlier, later, change, locale) for change in found.planned),
        meanings=tuple(
            locale(CATEGORY_MEANINGS[category]) for category in changes_module.CATEGORIES
        ),
        rule=locale(WAVES_RULE),
        level_label=locale("VAWDASV region") if level == "region" else locale("Police force area"),
    )


def scope_sentence(context: AppContext, earlier: Wave, later: Wave, locale: Locale) -> str:
    """Which services are compared when one wave's scope is narrower than the other's."""
    narrower = [wave for wave in (earlier, later) if wave.level != "wales"]
    if not narrower:
        return ""
    wave = narrower[0]
    level_names = {
        "region": context.names(locale.lang, "region"),
        "force": context.names(locale.lang, "force"),
    }
    from dashboard.data.geo import slugify

    areas = ", ".join(
        level_names.get(wave.level, {}).get(slugify(area), area) for area in wave.areas
    )
    return locale(
        "Compared within {areas} (the scope of “{wave}”): what the other wave names elsewhere is "
        "neither new nor gone."
    ).format(areas=areas, wave=wave_label(wave, locale)[0])


def summary_counts(found: WaveChanges) -> Mapping[str, int]:
    """The number of services in each category (for the slide and the report's section,
    which say whether they are counted by area)."""
    return found.by_category()


@dataclass(frozen=True)
class ChangeSummary:
    """What changed between the wave shown and the wave before it, for a slide or a report:
    the services that did not simply continue, and counts only where they may be shown."""

    earlier: WaveChoice
    later: WaveChoice
    comparable: bool
    reason: str
    counts: tuple[tuple[str, str, int], ...]
    lines: tuple[ServiceLine, ...]
    planned: tuple[ServiceLine, ...]
    href: str


def change_summary(
    context: AppContext,
    lang: str,
    *,
    level: str = "region",
    area: str | None = None,
) -> ChangeSummary | None:
    """The summary for the wave ``context`` shows (None when no earlier wave is offered); with
    ``area``, only the services recorded in that area of ``level``."""
    from dashboard.views.state import changes_href

    if context.waves is None or context.wave is None:
        return None
    before = context.waves.before(context.wave.id)
    if before is None:
        return None
    locale = locale_for(lang)
    earlier = context.at(before.id)
    found = changes_module.compare(earlier, context)
    chosen = [
        change
        for change in found.changes
        if change.category not in (changes_module.CONTINUING, changes_module.ENDED_BEFORE)
        and (area is None or area in change.areas.get(level, ()))
    ]
    counts: tuple[tuple[str, str, int], ...] = ()
    if found.comparable(level) and area is None:
        by_category = found.by_category()
        counts = tuple(
            (category, locale(CATEGORY_LABELS[category]), by_category[category])
            for category in changes_module.CATEGORIES
        )
    return ChangeSummary(
        earlier=wave_choice(context, before, locale),
        later=wave_choice(context, context.wave, locale),
        comparable=found.comparable(level),
        reason=locale(REASONS[found.alike[level]]),
        counts=counts,
        lines=tuple(service_line(earlier, context, change, locale) for change in chosen),
        planned=tuple(
            service_line(earlier, context, change, locale)
            for change in found.planned
            if area is None or area in change.areas.get(level, ())
        ),
        href=changes_href(before.id, context.wave.id, lang, level),
    )


def line_sentence(line: ServiceLine, locale: Locale) -> str:
    """One service's change in one sentence: "Changed: DAPO: status planned → active (November
    2024)"; a service with no field changed carries its evidence's date in brackets: "New:
    Break 4 Change (25 March 2021)" (a colon before a bracket alone read as a missing value)."""
    details = [
        f"{field.label} {field.before.value} → {field.after.value}"
        + (f" ({field.after.date})" if field.after.date else "")
        for field in line.fields
    ]
    text = f"{line.category_label}: {line.name}"
    if line.relation:
        text += f" ({line.relation})"
    if not details and line.evidence is not None and line.evidence.date:
        return f"{text} ({line.evidence.date})"
    return text + (": " + "; ".join(details) if details else "")
