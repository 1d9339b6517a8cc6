"""The page comparing two waves (``/changes?from=…&to=…&level=…``), its slide and report section:
a typed view in the page's language, built from :func:`dashboard.domain.changes.compare`.

Every change is shown with the two dated facts behind it (value, date, source and quote for each
side). Counts, the table by area and the map of change are in the view only when the two waves'
sources cover the areas alike (:func:`dashboard.domain.coverage.waves_alike`); otherwise the view
carries the one sentence that says why not, and the changes are listed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import plotly.graph_objects as go

from dashboard.data import vocabulary as vocab
from dashboard.domain import changes as changes_module
from dashboard.domain import citations, counting, coverage
from dashboard.domain.changes import FieldChange, ServiceChange, Side, WaveChanges
from dashboard.domain.context import AppContext
from dashboard.domain.waves import Wave
from dashboard.i18n import N_, Locale, locale_for
from dashboard.views import figure_parts, figures_map, map_labels, theme
from dashboard.views.state import ChangeSettings

#: The shipped waves' names, so that each has its Welsh form in the catalogue (a wave loaded by
#: the ingest gives its own, ``name_cy`` in ``waves.csv``).
WAVE_NAMES: Final = (
    N_("As described in the 2020 review"),
    N_("As described in the 2023 documents"),
    N_("Public record to 2026"),
    N_("The directory"),
)
CATEGORY_LABELS: Final = {
    changes_module.NEW: N_("New"),
    changes_module.ENDED: N_("Ended"),
    changes_module.CHANGED: N_("Changed"),
    changes_module.CONTINUING: N_("Continuing"),
    changes_module.NOT_IN_LATER: N_("Not named in the later wave"),
    changes_module.ENDED_BEFORE: N_("Ended before the earlier wave"),
    vocab.PLANNED: N_("Planned"),
}
#: What each category means, in one sentence (the page's key).
CATEGORY_MEANINGS: Final = {
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
KIND_LABELS: Final = {
    changes_module.VALUE_CHANGED: N_("changed"),
    changes_module.NOW_STATED: N_("now stated"),
    changes_module.NO_LONGER_STATED: N_("no longer stated"),
}
FIELD_LABELS: Final = {
    "status": N_("status"),
    "police_force_areas": N_("police force areas"),
    "vawdasv_regions": N_("VAWDASV regions"),
    "local_authorities": N_("local authorities"),
    "evaluation_status": N_("evaluation"),
    "accreditation": N_("accreditation"),
    "funding_model": N_("funding model"),
    "primary_funder": N_("primary funder"),
    "funding_end": N_("funding end"),
    "provider": N_("provider"),
    "name": N_("name"),
    vocab.EXISTS: N_("running"),
}
RELATION_LABELS: Final = {
    vocab.RENAMED: N_("renamed from {names}"),
    vocab.MERGED: N_("merged from {names}"),
}
#: Why counts of change are (or are not) shown, in one sentence.
REASONS: Final = {
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
#: The rule of waves, as the method notes show it (one definition: ``counting.RULES``).
WAVES_RULE: Final = counting.RULES["waves"]
#: Where services recorded in no area of the level, or across Wales, are listed.
PLACE_LABELS: Final = {
    changes_module.NO_AREA: N_("No area of this level recorded"),
    changes_module.ACROSS_WALES: N_("Across Wales"),
}


def wave_label(wave: Wave, locale: Locale) -> tuple[str, bool]:
    """A wave's name in the page's language, and whether it is English shown on a Welsh page
    (a wave loaded without a Welsh name): the catalogue's form, else ``name_cy``, else as given."""
    if locale.lang == "en":
        return wave.name, False
    translated = locale(wave.name)
    if translated != wave.name:
        return translated, False
    if wave.name_cy:
        return wave.name_cy, False
    return wave.name, True


@dataclass(frozen=True)
class WaveChoice:
    """One wave as offered: its id, its name and date in words, and whether the name is
    English on a Welsh page."""

    id: str
    label: str
    date: str
    english: bool = False
    latest: bool = False


def wave_choice(context: AppContext, wave: Wave, locale: Locale) -> WaveChoice:
    label, english = wave_label(wave, locale)
    latest = context.waves is not None and context.waves.default == wave.id
    return WaveChoice(wave.id, label, locale.date(wave.as_at), english, latest)


def wave_choices(context: AppContext, locale: Locale) -> tuple[WaveChoice, ...]:
    if context.waves is None:
        return ()
    return tuple(wave_choice(context, wave, locale) for wave in context.waves.waves)


@dataclass(frozen=True)
class FactText:
    """One side of a change in words: the value, the date the fact describes, its source (a
    readable citation, as published) and quote, and a page's address."""

    value: str
    #: The value is a name as published (a service's or a provider's): shown in English.
    as_published: bool = False
    date: str = ""
    citation: str = ""
    quote: str = ""
    address: str = ""


@dataclass(frozen=True)
class FieldLine:
    label: str
    kind: str
    before: FactText
    after: FactText


@dataclass(frozen=True)
class ServiceLine:
    """One service's line in a list: its name (as published), category and what changed."""

    key: str
    name: str
    category: str
    category_label: str
    status: str
    relation: str = ""
    old_names: tuple[str, ...] = ()
    link: FactText | None = None
    fields: tuple[FieldLine, ...] = ()
    evidence: FactText | None = None


@dataclass(frozen=True)
class AreaSection:
    area_id: str
    name: str
    lines: tuple[ServiceLine, ...]


@dataclass(frozen=True)
class AreaRow:
    """One area's counts of change (only where the waves cover the areas alike)."""

    area_id: str
    name: str
    before: int
    after: int
    net: int
    counts: tuple[int, ...]


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


def value_text(
    context: AppContext, field_name: str, value: str, locale: Locale
) -> tuple[str, bool]:
    """A field's value in words, and whether it is a name as published (English)."""
    if field_name in ("name", "provider"):
        return (value, True) if value not in vocab.NOT_STATED else (locale("not stated"), False)
    if value in vocab.NOT_STATED:
        return locale("not stated"), False
    if field_name == "local_authorities":
        return citations.la_names(value, context.bundle.lookup, locale.lang), False
    if field_name == "funding_end":
        return value, False
    return ", ".join(locale(item) for item in vocab.split_list(value)), False


def fact_text(context: AppContext, field_name: str, side: Side, locale: Locale) -> FactText:
    """One dated fact in words, its citation read from the wave's own sources."""
    value, published = value_text(context, field_name, side.value, locale)
    if not side.source:
        return FactText(value, published)
    sources = context.bundle.sources
    address = ""
    file = side.source.split(" § ")[0].strip()
    if sources is not None and not sources.empty and vocab.PUBLIC_RECORD_DIR in file:
        found = sources.loc[sources["file"] == file, "url"]
        address = str(found.iloc[0]) if len(found) else ""
    return FactText(
        value,
        published,
        locale.date(side.describes) if side.describes else "",
        citations.readable_citation(side.source, sources, locale),
        side.quote,
        address,
    )


def field_line(
    earlier: AppContext, later: AppContext, change: FieldChange, locale: Locale
) -> FieldLine:
    return FieldLine(
        label=locale(FIELD_LABELS.get(change.field, change.field)),
        kind=locale(KIND_LABELS[change.kind]),
        before=fact_text(earlier, change.field, change.before, locale),
        after=fact_text(later, change.field, change.after, locale),
    )


def service_line(
    earlier: AppContext, later: AppContext, change: ServiceChange, locale: Locale
) -> ServiceLine:
    relation = ""
    link = None
    if change.relation:
        others = [name for name in change.old_names if name != change.name] or list(
            change.old_names
        )
        relation = locale(RELATION_LABELS[change.relation]).format(names="; ".join(others))
        link = fact_text(
            later, "name", Side(change.name, "", change.link_source, change.link_quote), locale
        )
    evidence = None
    if change.evidence is not None:
        side_context = earlier if change.category == changes_module.NOT_IN_LATER else later
        evidence_field = "status" if change.category == changes_module.ENDED else "name"
        evidence = fact_text(side_context, evidence_field, change.evidence, locale)
    return ServiceLine(
        key=change.key,
        name=change.name,
        category=change.category,
        category_label=locale(CATEGORY_LABELS[change.category]),
        status=locale(change.status),
        relation=relation,
        old_names=change.old_names,
        link=link,
        fields=tuple(field_line(earlier, later, item, locale) for item in change.fields),
        evidence=evidence,
    )


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


def change_map(
    context: AppContext, rows: tuple[AreaRow, ...], level: str, locale: Locale
) -> figure_parts.FigureJSON:
    """A map of the change in current provision per area (labels say each number), as plotly
    JSON."""
    points = context.label_points[level]
    nets = [row.net for row in rows]
    reach = max((abs(net) for net in nets), default=0) or 1
    hover = [
        locale("{area}: {before} to {after} current services ({net})").format(
            area=row.name, before=row.before, after=row.after, net=signed(row.net, locale)
        )
        for row in rows
    ]
    figure = go.Figure(
        layout={
            "template": theme.template(),
            "geo": figures_map.geo_layout(),
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "height": 420,
            "showlegend": False,
            "dragmode": False,
        }
    )
    figure.add_trace(
        go.Choropleth(
            geojson=figures_map.geometry_url(level),
            featureidkey="id",
            locationmode="geojson-id",
            locations=[row.area_id for row in rows],
            z=nets,
            zmin=-reach,
            zmax=reach,
            colorscale=theme.scale(theme.CHANGE_SCALE),
            marker={"line": {"color": theme.COVERAGE_OUTLINE, "width": 1}},
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            colorbar={
                "thickness": 14,
                "len": 0.6,
                "x": 0.98,
                "outlinewidth": 0,
                "title": {"text": locale("Change in current services")},
            },
        )
    )
    figure.add_trace(
        go.Scattergeo(
            lon=[points[row.area_id][0] for row in rows],
            lat=[points[row.area_id][1] for row in rows],
            text=[f"{row.name}<br>{signed(row.net, locale)}" for row in rows],
            mode="text",
            textfont=map_labels.LABEL_FONT,
            hoverinfo="skip",
        )
    )
    return figure_parts.plain(figure)


def signed(number: int, locale: Locale) -> str:
    """+2, −1, 0: a change with its sign."""
    if number > 0:
        return "+" + locale.number(number)
    if number < 0:
        return "−" + locale.number(-number)
    return locale.number(0)


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
