"""Key findings for presenter mode, computed from the data (never typed in).

Slides are shown on a projector and photographed, so each carries what a reader needs to weigh
it away from the dashboard: the documents its numbers come from (by title, as
``data/sources.csv`` names them), the date the data was checked, and how the sources cover what
it shows. Counts are written with the catalogue's plural forms ("1 current intervention has").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.data import vocabulary as vocab
from dashboard.domain import citations, cliff, counting, evidence, gaps, precarity
from dashboard.domain.cells import Cell
from dashboard.domain.context import AppContext
from dashboard.i18n import N_, Locale
from dashboard.views import coverage_text as coverage_words
from dashboard.views import map_labels, overview, state
from dashboard.views.figures import bar_chart
from dashboard.views.overview import OverviewView

#: What a slide's directory counts come from: the directory, and the documents its counted
#: services cite (short title and year, "Policing in Wales (2023)").
DIRECTORY_SOURCE = N_("the dashboard's directory of interventions, from {documents}")
#: The map's labels on a slide, in pixels (the overview's are 11-15 px), and the smallest box
#: (width, height) a slide gives its map, on a 1024x768 screen: the labels are placed for it so
#: that none covers another (on a larger screen they are further apart).
SLIDE_MAP_LABEL = 18
SLIDE_MAP_BOX = (430, 340)
#: What the footer's first line begins with, before the slide's sources.
SOURCES_LABEL = N_("Sources:")
#: The source of the change slide: two waves' pictures, each change with its two dated facts.
DIRECTORY_SOURCE_BY_WAVE = N_(
    "the dashboard's directory of interventions as each wave describes it, every change with its "
    "two dated sources (the What changed page)"
)
#: Changes a slide names before "and N more" (a slide is read at a distance).
SLIDE_CHANGES: Final = 4


@dataclass(frozen=True)
class Slide:
    title: str
    headline: str
    points: tuple[str, ...] = ()
    figure: go.Figure | None = None
    #: The overview's view whose map the slide shows, drawn by the overview's own map code
    #: (:func:`dashboard.views.figures_map.map_parts`), labels and colouring rule included.
    map_view: OverviewView | None = None
    #: What the slide's numbers come from, in the slide's language ("the dashboard's directory
    #: of interventions, from Policing in Wales (2023)").
    sources: tuple[str, ...] = field(default_factory=tuple)
    #: Documents cited by their published (English) author, year and title.
    cited: tuple[str, ...] = field(default_factory=tuple)
    #: When the data was checked ("Data checked 2026-12-07").
    dated: str = ""
    #: How the sources cover what the slide shows (for a map, the overview's words beside it).
    caveat: str = ""
    #: Services the points may name (shown as published, in English, on a Welsh slide).
    names: tuple[str, ...] = field(default_factory=tuple)


def survey_value(survey: pd.DataFrame, measure_id: str) -> str | None:
    row = survey.loc[survey["id"] == measure_id, "value"]
    return str(row.iloc[0]) if len(row) else None


def survey_count(survey: pd.DataFrame, measure_id: str) -> int | None:
    """A survey figure that is a whole number, or None when the survey file lacks it."""
    value = pd.to_numeric(survey_value(survey, measure_id), errors="coerce")
    return None if pd.isna(value) else int(value)


def survey_citation(
    context: AppContext, measure_ids: Sequence[str], locale: Locale
) -> tuple[str, ...]:
    """The documents the survey figures ``measure_ids`` come from, by author, year and title (in
    ``locale``'s language but for the title)."""
    survey = context.bundle.survey
    files = survey.loc[survey["id"].isin(measure_ids), "source"].map(document_file)
    return tuple(
        citations.readable_citation(file, coverage_words.every_source(context), locale)
        for file in dict.fromkeys(files)
    )


def document_file(source: str) -> str:
    """``'002_….txt § Summary'`` -> ``'002_….txt'``: the document a citation names."""
    return str(source).partition(citations.SECTION_MARK)[0].strip()


def documents_cited(context: AppContext, mask: np.ndarray) -> tuple[list[str], int]:
    """The documents of ``sources.csv`` that the services in ``mask`` cite, in its order, and
    how many other sources they cite (an ingested survey return cites its export's row)."""
    cited = set(
        context.directory.frame.loc[np.asarray(mask, dtype=bool), "source"].map(document_file)
    )
    known = [file for file in context.bundle.sources["file"] if file in cited]
    return known, len(cited - set(known))


def directory_source(context: AppContext, mask: np.ndarray, locale: Locale) -> str:
    """The directory as a source, naming by title the documents its counted services come from
    ("Policing in Wales (2023)"), never by file name or route."""
    years = dict(zip(context.bundle.sources["file"], context.bundle.sources["year"], strict=True))
    known, others = documents_cited(context, mask)
    # Public pages are counted, not named: a slide read at a distance lists documents, and the
    # pages' publishers are cited where each fact is shown (the What changed page, the report).
    pages = [file for file in known if file.startswith(vocab.PUBLIC_RECORD_DIR + "/")]
    names = [
        f"{coverage_words.source_name(context, file, locale)} ({years[file]})"
        for file in known
        if file not in pages
    ]
    if pages:
        names.append(
            locale.ngettext("{n} public page", "{n} public pages", len(pages)).format(
                n=locale.number(len(pages))
            )
        )
    if others:
        names.append(
            locale.ngettext("{n} other source", "{n} other sources", others).format(
                n=locale.number(others)
            )
        )
    return locale(DIRECTORY_SOURCE).format(documents="; ".join(names))


def sentence_case(text: str) -> str:
    """The first letter a capital, the rest as written (``str.capitalize`` lowers names)."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Common:
    """What most slides share: the language, the current services, the date and caveat."""

    context: AppContext
    locale: Locale
    current: np.ndarray
    dated: str
    caveat: str
    #: The overview's view of every current service in Wales: its drill-down charts are the
    #: slides' charts.
    wales: OverviewView

    def fmt(self, value: float) -> str:
        return self.locale.number(value)

    def directory(self, mask: np.ndarray | None = None) -> str:
        return directory_source(self.context, self.current if mask is None else mask, self.locale)


def slides(context: AppContext, lang: str, *, today: dt.date | None = None) -> list[Slide]:
    """The presenter's sequence, in order. ``today``: the date funding ends are compared with
    (today when not given), said on the slide."""
    locale = i18n.locale_for(lang)
    # Slides count current provision, like the default of every other page.
    common = Common(
        context=context,
        locale=locale,
        current=counting.provision_mask(context.directory, counting.CURRENT),
        dated=sentence_case(locale("data checked {date}").format(date=context.data_date)),
        caveat=coverage_words.coverage_line(context, locale) + ".",
        wales=overview.compute_view(
            context, state.parse("/", f"?lang={locale.lang}", context.la_slugs).state
        ),
    )
    return [
        opening_slide(common),
        known_slide(common),
        force_slide(common),
        behaviour_slide(common),
        *gap_slides(common),
        evidence_slide(common),
        precarity_slide(common, today or pd.Timestamp.today().date()),
        *change_slides(common),
    ]


def opening_slide(common: Common) -> Slide:
    locale, context = common.locale, common.context
    n = int(common.current.sum())
    return Slide(
        title=locale("Perpetration interventions in Wales"),
        headline=locale("What the public record shows"),
        points=(
            locale.ngettext(
                "{n} current intervention is named in {sources} ({all} with ended and planned "
                "ones).",
                "{n} current interventions are named in {sources} ({all} with ended and planned "
                "ones).",
                n,
            ).format(
                n=common.fmt(n),
                all=common.fmt(context.directory.size),
                sources=coverage_words.sources_named(context, locale),
            ),
            sentence_case(coverage_words.currency_text(context, common.current, locale)) + ".",
            locale(
                "The documents describe areas unevenly (one region reviewed in depth in 2020, "
                "community programmes listed by police force area in 2023), so areas are "
                "compared only within one source."
            ),
        ),
        sources=(common.directory(),),
        dated=common.dated,
        caveat=common.caveat,
    )


def known_slide(common: Common) -> Slide:
    locale, context = common.locale, common.context
    size = context.directory.size
    found = context.survey_interventions
    headline = (
        locale.ngettext(
            "{n} intervention is in the directory; the 2023 survey identified {s}.",
            "{n} interventions are in the directory; the 2023 survey identified {s}.",
            size,
        )
        if found is not None
        else locale.ngettext(
            "{n} intervention is in the directory.", "{n} interventions are in the directory.", size
        )
    ).format(n=common.fmt(size), s=common.fmt(found or 0))
    return Slide(
        title=locale("How much is known"),
        headline=headline,
        points=(
            locale(
                "The survey's individual returns are not public, so the directory is not the "
                "survey's dataset."
            ),
            locale("'Unknown' means the documents do not say."),
        ),
        sources=(common.directory(np.ones(size, dtype=bool)),),
        cited=survey_citation(context, ["interventions-identified"], locale)
        if found is not None
        else (),
        dated=common.dated,
        caveat=common.caveat,
    )


def _south_wales_share(
    context: AppContext, locale: Locale
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The survey's share of interventions in the South Wales Police area, as a slide's point,
    and its citation (neither when the survey does not say)."""
    share = survey_value(context.bundle.survey, "south-wales-police-area-share")
    if not share:
        return (), ()
    point = locale(
        "Survey: {share} of interventions were delivered in the South Wales Police area."
    ).format(share=share)
    return (point,), survey_citation(context, ["south-wales-police-area-share"], locale)


def _force_map_view(context: AppContext, scope_id: str, locale: Locale) -> OverviewView:
    """The overview's view of the police force areas compared within one source's listing,
    its labels placed for the slide's map."""
    view = overview.compute_view(
        context,
        state.parse(
            "/",
            f"?level=force&compare={scope_id}&lang={locale.lang}",
            context.la_slugs,
            context.scope_ids,
        ).state,
    )
    labels = map_labels.named_labels(
        view.map["labels"],
        size=SLIDE_MAP_LABEL,
        extent=context.map_extent("force"),
        width=SLIDE_MAP_BOX[0],
        height=SLIDE_MAP_BOX[1],
    )
    return dataclasses.replace(view, map={**view.map, "labels": labels})


def force_slide(common: Common) -> Slide:
    """Police force areas on the overview's map, compared within one source that lists them
    alike (the programmes Policing in Wales listed in 2023), never on every service named: the
    documents describe the forces unevenly (issue 21)."""
    locale, context = common.locale, common.context
    survey_points, cited = _south_wales_share(context, locale)
    scopes = [
        scope
        for scope in context.coverage.comparable_scopes()
        if scope.level == "force" and context.coverage.comparable("force", scope.id)
    ]
    if not scopes:
        return Slide(
            title=locale("Provision by police force area"),
            headline=locale("The sources describe the police force areas unevenly: not compared."),
            points=survey_points,
            sources=(common.directory(),),
            cited=cited,
            dated=common.dated,
            caveat=common.caveat,
        )
    scope = scopes[0]
    view = _force_map_view(context, scope.id, locale)
    listed = common.current & context.listed[scope.id]
    counts = {area["area_id"]: int(area["count"]) for area in view.areas}
    names = context.names(locale.lang, "force")
    most = max(counts.values(), default=0)
    leaders = [names[area] for area, count in counts.items() if count == most]
    source = coverage_words.source_name(context, scope.file, locale)
    listed_n = int(listed.sum())
    if len(leaders) == 1:
        headline = locale(
            "Of the community programmes {source} listed in {year}, more are in {area} "
            "({count} of {n}) than in any other police force area."
        )
    else:
        headline = locale(
            "Of the community programmes {source} listed in {year}, {area} have the most "
            "({count} each of {n})."
        )
    return Slide(
        title=locale("Provision by police force area"),
        headline=headline.format(
            source=source,
            year=scope.year,
            area=", ".join(leaders),
            count=common.fmt(most),
            n=common.fmt(listed_n),
        ),
        points=(
            *survey_points,
            locale.ngettext(
                "{n} current programme listed; {when}.",
                "{n} current programmes listed; {when}.",
                listed_n,
            ).format(
                n=common.fmt(listed_n),
                when=coverage_words.currency_text(context, listed, locale),
            ),
            locale(
                "Counting every service named would compare how much was written: Cardiff and "
                "the Vale were reviewed in depth in 2020."
            ),
        ),
        map_view=view,
        sources=(common.directory(listed),),
        cited=cited,
        dated=common.dated,
        # The overview's own words beside this map: why these areas may be compared.
        caveat=view.comparison.reason,
    )


def behaviour_slide(common: Common) -> Slide:
    locale, context = common.locale, common.context
    directory = context.directory
    behaviour_counts, behaviour_known, services = counting.breakdown_with_known(
        directory, common.current, "behaviour_focus"
    )
    behaviours = behaviour_counts.drop(labels=[vocab.UNKNOWN])
    # A behaviour the survey reports provision for is never shown as absent from Wales.
    survey = context.bundle.survey
    zeros = [
        locale(b)
        for b, count in behaviours.items()
        if count == 0 and gaps.survey_reports(survey, b) is None
    ]
    complete = counting.none_recorded(behaviour_known, services)
    abuse, violence = int(behaviours["domestic abuse"]), int(behaviours["sexual violence"])
    headline = " ".join(
        (
            locale.ngettext(
                "{n} current service addresses domestic abuse.",
                "{n} current services address domestic abuse.",
                abuse,
            ).format(n=common.fmt(abuse)),
            locale.ngettext(
                "{n} addresses sexual violence.", "{n} address sexual violence.", violence
            ).format(n=common.fmt(violence)),
        )
    )
    absent = (
        locale("None recorded in the directory for: {list}.")
        if complete
        else locale("Not known whether any service addresses: {list}.")
    )
    return Slide(
        title=locale("What behaviour interventions address"),
        headline=headline,
        points=(
            locale.ngettext(
                "Behaviour focus known for {known} of {n} current service.",
                "Behaviour focus known for {known} of {n} current services.",
                services,
            ).format(known=common.fmt(behaviour_known), n=common.fmt(services)),
            *((absent.format(list=", ".join(zeros)),) if zeros else ()),
        ),
        figure=bar_chart(
            behaviours,
            labels={b: locale(b) for b in behaviours.index},
            title=locale("Behaviour focus"),
            locale=locale,
            complete=complete,
        ),
        sources=(common.directory(),),
        dated=common.dated,
        caveat=common.caveat,
    )


#: Where a stated gap's area is, in the order the gap slide lists them: regions, then local
#: authorities, then all of Wales (the slide is about regional provision).
STATED_ORDER = {"region": 0, "force": 0, "la": 1, "wales": 2}
#: Stated gaps a slide quotes (the rest are on /gaps).
STATED_SHOWN = 3


def gap_slides(common: Common) -> tuple[Slide, Slide]:
    """Gaps in regional provision, on two slides: how few gaps hold against every service that
    could fill them, with the gaps the sources state (their year and what later sources name
    there); then the medium-risk tier by region: recorded, derived and not known."""
    from dashboard.views.gap_review import gap_review

    locale, context = common.locale, common.context
    result = gap_review(context, level="region", include_all_wales=False, lang=locale.lang)
    found = result.gaps
    return (
        _stated_gaps_slide(common, found, result.summary),
        _tier_slide(common, found, result.cells["tier"]),
    )


def _stated_gaps_slide(common: Common, found: Sequence[gaps.Gap], summary: gaps.Summary) -> Slide:
    """How few gaps hold against every service that could fill them, and the first of the gaps
    the sources state (their year and what later sources name there)."""
    from dashboard.views.gap_text import gap_sentence

    locale, context = common.locale, common.context
    sources = context.bundle.sources
    stated = sorted(
        (g for g in found if g.kind == "documented" and g.documented is not None),
        key=lambda g: STATED_ORDER.get(g.documented.level, 3),
    )
    years = sorted({g.year for g in stated if g.year})
    dated = (
        " " + locale("(dated {first} to {last})").format(first=years[0], last=years[-1])
        if len(years) > 1
        else (" " + locale("(dated {year})").format(year=years[0]) if years else "")
    )
    shown = stated[:STATED_SHOWN]
    names = tuple(context.directory.frame["name"])
    return Slide(
        title=locale("Gaps in regional provision"),
        headline=locale("Few gaps hold against every service that could fill them."),
        points=(
            locale.ngettext(
                "The directory supports {n} derived gap.",
                "The directory supports {n} derived gaps.",
                summary.derived,
            ).format(n=common.fmt(summary.derived)),
            locale.ngettext(
                "The sources state {n} gap{dated}; the first {shown}:",
                "The sources state {n} gaps{dated}; the first {shown}:",
                len(stated),
            ).format(n=common.fmt(len(stated)), dated=dated, shown=common.fmt(len(shown)))
            if len(stated) > len(shown)
            else locale.ngettext(
                "The sources state {n} gap{dated}:",
                "The sources state {n} gaps{dated}:",
                len(stated),
            ).format(n=common.fmt(len(stated)), dated=dated),
            *(gap_sentence(gap, names={}, _=locale, lang=locale.lang) for gap in shown),
        ),
        sources=(common.directory(),),
        # The documents stating the gaps, by author, year and title.
        cited=tuple(
            dict.fromkeys(
                citations.readable_citation(document_file(g.documented.source), sources, locale)
                for g in shown
                if g.documented
            )
        ),
        dated=common.dated,
        caveat=common.caveat,
        names=names,
    )


def _tier_slide(
    common: Common, found: Sequence[gaps.Gap], tiers: Mapping[str, Mapping[str, Cell]]
) -> Slide:
    """The medium-risk tier by region: where it is recorded, the derived gaps, and where it is
    not known (``tiers``: region -> the medium-risk tier's cell)."""
    locale = common.locale
    region_names = common.context.names(locale.lang, "region")
    derived = [g for g in found if g.kind == "no-medium-risk"]
    recorded = [
        region_names[area_id]
        for area_id, row in tiers.items()
        if row[gaps.MEDIUM_RISK_TIER].state == counting.RECORDED
        and row[gaps.MEDIUM_RISK_TIER].count
    ]
    not_known = [region_names[g.area_id] for g in found if g.kind == "medium-risk-not-known"]
    tier_points = []
    if derived:
        tier_points.append(
            locale(
                "No current medium-risk-tier service, derived from the directory: {areas}."
            ).format(areas=", ".join(region_names[g.area_id] for g in derived))
        )
    if not_known:
        tier_points.append(
            locale(
                "Not known for: {areas} (services with no tier recorded there, or across the "
                "police force area, could fill it)."
            ).format(areas=", ".join(not_known))
        )
    tier_points.append(
        locale(
            "Medium-risk tier is the service tier of Fowler, Karim & Feder (2020), not the risk "
            "level of the people a service accepts; all-Wales services are shown beside each "
            "region, not counted in it."
        )
    )
    return Slide(
        title=locale("Medium-risk tier by region"),
        headline=(
            locale("Current medium-risk-tier services are recorded in: {areas}.").format(
                areas=", ".join(recorded)
            )
            if recorded
            else locale("No region has a current medium-risk-tier service recorded.")
        ),
        points=tuple(tier_points),
        sources=(common.directory(),),
        dated=common.dated,
        caveat=common.caveat,
    )


def evidence_slide(common: Common) -> Slide:
    locale, context = common.locale, common.context
    directory = context.directory
    current = common.current
    n = int(current.sum())
    rungs = directory.frame.loc[current, "evidence_rung"].value_counts()
    quality = int((directory.quality & current).sum())
    quality_known = int((counting.known_mask(directory, "quality") & current).sum())
    not_evaluated = int(rungs.get(evidence.NOT_EVALUATED, 0))
    unknown = int(rungs.get(evidence.NOT_KNOWN, 0))
    share = survey_value(context.bundle.survey, "evaluated-share")
    return Slide(
        title=locale("Evidence and quality"),
        headline=locale.ngettext(
            "{q} of the {k} current services whose evaluation is known is accredited or "
            "externally evaluated (known for {k} of {n}).",
            "{q} of the {k} current services whose evaluation is known are accredited or "
            "externally evaluated (known for {k} of {n}).",
            quality,
        ).format(q=common.fmt(quality), k=common.fmt(quality_known), n=common.fmt(n)),
        points=(
            locale.ngettext(
                "{n} is stated not to have been evaluated.",
                "{n} are stated not to have been evaluated.",
                not_evaluated,
            ).format(n=common.fmt(not_evaluated))
            + " "
            + locale("For {n}, no source says.").format(n=common.fmt(unknown)),
            *(
                (
                    locale(
                        "Survey: {share} of interventions stated they had been evaluated."
                    ).format(share=share),
                )
                if share
                else ()
            ),
        ),
        sources=(common.directory(),),
        figure=overview.panel_figure(common.wales, "evidence"),
        cited=survey_citation(context, ["evaluated-share"], locale) if share else (),
        dated=common.dated,
        caveat=common.caveat,
    )


def precarity_headline(high: int, known: int, total: int, locale: Locale) -> str:
    """ "1 current intervention has high funding precarity (precarity known for 11 of 33).\""""
    return locale.ngettext(
        "{n} current intervention has high funding precarity (precarity known for {k} of {total}).",
        "{n} current interventions have high funding precarity (precarity known for {k} of "
        "{total}).",
        high,
    ).format(n=locale.number(high), k=locale.number(known), total=locale.number(total))


def precarity_slide(common: Common, today: dt.date) -> Slide:
    locale, context = common.locale, common.context
    directory = context.directory
    current = common.current
    bands = directory.frame.loc[current, "precarity"].value_counts()
    precarity_known = int((directory.precarity_known & current).sum())
    horizons = cliff.horizon_counts(cliff.cliff_edge(directory, current, today))
    ended, not_stated = int(horizons[cliff.ENDED]), int(horizons[cliff.NOT_STATED])
    survey = context.bundle.survey
    granted = survey_count(survey, "grant-funded")
    ending = survey_count(survey, "grant-funded-ending-2023-24")
    survey_points = (
        (
            locale.ngettext(
                "Survey: {n} of {total} grant-funded interventions was due to end in 2023 to 2024.",
                "Survey: {n} of {total} grant-funded interventions were due to end in 2023 to 2024.",
                ending,
            ).format(n=common.fmt(ending), total=common.fmt(granted)),
        )
        if granted is not None and ending is not None
        else ()
    )
    return Slide(
        title=locale("Funding precarity"),
        headline=precarity_headline(
            int(bands.get(precarity.HIGH, 0)), precarity_known, int(current.sum()), locale
        ),
        points=(
            locale("{n} had a stated funding end before {date}.").format(
                n=common.fmt(ended), date=today.isoformat()
            )
            + " "
            + locale.ngettext(
                "{n} has no stated funding end.", "{n} have no stated funding end.", not_stated
            ).format(n=common.fmt(not_stated)),
            *survey_points,
        ),
        figure=overview.panel_figure(common.wales, "precarity"),
        sources=(common.directory(),),
        cited=survey_citation(context, ["grant-funded-ending-2023-24"], locale)
        if survey_points
        else (),
        dated=common.dated,
        caveat=common.caveat,
    )


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
    span = locale("From {earlier} ({first}) to {later} ({last}).").format(
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
