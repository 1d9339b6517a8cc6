"""Key findings for presenter mode, computed from the data (never typed in)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.data import vocabulary as vocab
from dashboard.domain import citations, cliff, counting, evidence, gaps, precarity
from dashboard.domain.context import AppContext
from dashboard.i18n import N_
from dashboard.views import coverage_text as coverage_words
from dashboard.views.figures import bar_chart

DIRECTORY_SOURCE = "Directory of interventions curated from five public documents (see /directory)"
DIRECTORY_SOURCE_BY_WAVE = N_(
    "Each wave's picture of the directory, every change with its two dated sources (see /changes)"
)
SURVEY_SOURCE = (
    "Welsh Government (2024), VAWDASV Blueprint perpetration intervention mapping survey"
)


@dataclass(frozen=True)
class Slide:
    title: str
    headline: str
    points: tuple[str, ...] = ()
    figure: go.Figure | None = None
    sources: tuple[str, ...] = field(default_factory=tuple)
    #: Documents cited by their published (English) author, year, title and section.
    cited: tuple[str, ...] = field(default_factory=tuple)
    #: Services the points may name (shown as published, in English, on a Welsh slide).
    names: tuple[str, ...] = field(default_factory=tuple)


def survey_value(survey: pd.DataFrame, measure_id: str) -> str | None:
    row = survey.loc[survey["id"] == measure_id, "value"]
    return str(row.iloc[0]) if len(row) else None


def slides(context: AppContext, lang: str) -> list[Slide]:
    """The presenter's sequence, in order."""
    _ = i18n.translator(lang)
    directory = context.directory
    # Slides count current provision, like the default of every other page.
    everything = counting.provision_mask(directory, counting.CURRENT)
    n = int(everything.sum())
    fmt = lambda value: i18n.format_number(value, lang)  # noqa: E731
    survey = context.bundle.survey
    survey_src = _(SURVEY_SOURCE)
    directory_src = (
        _(DIRECTORY_SOURCE) + " · " + _("data checked {date}").format(date=context.data_date)
    )
    deck: list[Slide] = []
    locale = i18n.locale_for(lang)

    deck.append(
        Slide(
            title=_("Perpetration interventions in Wales"),
            headline=_("What the public record shows"),
            points=(
                _(
                    "{n} current interventions named in {sources} ({all} with ended and planned ones)."
                ).format(
                    n=fmt(n),
                    all=fmt(directory.size),
                    sources=coverage_words.sources_named(context, locale),
                ),
                sentence_case(coverage_words.currency_text(context, everything, locale)) + ".",
                _(
                    "The documents describe areas unevenly (one region reviewed in depth in 2020, "
                    "community programmes listed by police force area in 2023), so areas are "
                    "compared only within one source."
                ),
                _("Use the arrow keys to move between slides."),
            ),
            sources=(directory_src,),
        )
    )

    survey_count = context.survey_interventions
    deck.append(
        Slide(
            title=_("How much is known"),
            headline=_(
                "{n} interventions in the directory; the 2023 survey identified {s}."
            ).format(n=fmt(directory.size), s=survey_count if survey_count is not None else "?"),
            points=(
                _(
                    "The survey's individual returns are not public, so the directory is not the survey's dataset."
                ),
                _("'Unknown' means the documents do not say."),
            ),
            sources=(directory_src, survey_src),
        )
    )

    deck.append(force_slide(context, lang, everything, directory_src, survey_src))

    behaviour_counts, behaviour_known, services = counting.breakdown_with_known(
        directory, everything, "behaviour_focus"
    )
    behaviours = behaviour_counts.drop(labels=[vocab.UNKNOWN])
    # A behaviour the survey reports provision for is never shown as absent from Wales.
    reported = {
        b
        for b, count in behaviours.items()
        if count == 0 and gaps.survey_reports(survey, b) is not None
    }
    zeros = [_(b) for b, count in behaviours.items() if count == 0 and b not in reported]
    deck.append(
        Slide(
            title=_("What behaviour interventions address"),
            headline=_("{da} address domestic abuse; {sv} address sexual violence.").format(
                da=fmt(int(behaviours["domestic abuse"])),
                sv=fmt(int(behaviours["sexual violence"])),
            ),
            points=(
                _("Behaviour focus known for {known} of {n} current services.").format(
                    known=fmt(behaviour_known), n=fmt(services)
                ),
                *(
                    (
                        (
                            _("None recorded in the directory for: {list}.")
                            if counting.none_recorded(behaviour_known, services)
                            else _("Not known whether any service addresses: {list}.")
                        ).format(list=", ".join(zeros)),
                    )
                    if zeros
                    else ()
                ),
            ),
            figure=bar_chart(
                behaviours,
                labels={b: _(b) for b in behaviours.index},
                title=_("Behaviour focus"),
                locale=i18n.locale_for(lang),
                complete=counting.none_recorded(behaviour_known, services),
                height=330,
            ),
            sources=(directory_src,),
        )
    )

    deck.append(gap_slide(context, lang, directory_src))

    rungs = directory.frame.loc[everything, "evidence_rung"].value_counts()
    quality = int((directory.quality & everything).sum())
    quality_known = int((counting.known_mask(directory, "quality") & everything).sum())
    deck.append(
        Slide(
            title=_("Evidence and quality"),
            headline=_(
                "{q} of the {k} current services whose evaluation is known are accredited or externally evaluated (known for {k} of {n})."
            ).format(q=fmt(quality), k=fmt(quality_known), n=fmt(n)),
            points=(
                _("{e} are stated not to have been evaluated; for {u}, no source says.").format(
                    e=fmt(int(rungs.get(evidence.NOT_EVALUATED, 0))),
                    u=fmt(int(rungs.get(evidence.NOT_KNOWN, 0))),
                ),
                _("Survey: {share} of interventions stated they had been evaluated.").format(
                    share=survey_value(survey, "evaluated-share") or "45%"
                ),
            ),
            sources=(directory_src, survey_src),
        )
    )

    bands = directory.frame.loc[everything, "precarity"].value_counts()
    precarity_known = int((directory.precarity_known & everything).sum())
    table = cliff.cliff_edge(directory, everything, pd.Timestamp.today().date())
    horizons = cliff.horizon_counts(table)
    deck.append(
        Slide(
            title=_("Funding precarity"),
            headline=_(
                "{h} current interventions have high funding precarity (precarity known for {k} of {n})."
            ).format(h=fmt(int(bands.get(precarity.HIGH, 0))), k=fmt(precarity_known), n=fmt(n)),
            points=(
                _(
                    "{e} had a stated funding end that has now passed; {u} have no stated end."
                ).format(e=fmt(int(horizons[cliff.ENDED])), u=fmt(int(horizons[cliff.NOT_STATED]))),
                _("Survey: 14 of 21 grant-funded interventions were due to end in 2023 to 2024."),
            ),
            sources=(directory_src, survey_src),
        )
    )
    changed = change_slide(context, lang)
    if changed is not None:
        deck.append(changed)
    return deck


#: Points a slide of changes names before "and N more" (a slide is read at a distance).
SLIDE_CHANGES: Final = 4


def change_slide(context: AppContext, lang: str) -> Slide | None:
    """What changed between the wave before and the wave shown: counts only where both waves'
    sources cover the areas alike; otherwise the changes named, with the reason in one sentence."""
    from dashboard.views import changes

    _ = i18n.translator(lang)
    summary = changes.change_summary(context, lang)
    if summary is None:
        return None
    locale = i18n.locale_for(lang)
    if summary.counts:
        headline = "; ".join(
            f"{label}: {locale.number(count)}" for _category, label, count in summary.counts
        )
    else:
        headline = locale("{n} services with a change named, with its sources.").format(
            n=locale.number(len(summary.lines))
        )
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
    return Slide(
        title=locale("What changed"),
        headline=headline,
        points=(span, *points),
        sources=(_(DIRECTORY_SOURCE_BY_WAVE),),
        names=tuple(line.name for line in summary.lines)
        + tuple(name for line in summary.lines for name in line.old_names),
    )


#: Where a stated gap's area is, in the order the gap slide lists them: regions, then local
#: authorities, then all of Wales (the slide is about regional provision).
STATED_ORDER = {"region": 0, "force": 0, "la": 1, "wales": 2}


def sentence_case(text: str) -> str:
    """The first letter a capital, the rest as written (``str.capitalize`` lowers names)."""
    return text[:1].upper() + text[1:]


def force_slide(
    context: AppContext,
    lang: str,
    current: np.ndarray,
    directory_src: str,
    survey_src: str,
) -> Slide:
    """Police force areas compared within one source that lists them alike (the programmes
    Policing in Wales listed in 2023), never on every service named: the documents describe
    the forces unevenly (issue 21)."""
    _ = i18n.translator(lang)
    locale = i18n.locale_for(lang)
    directory = context.directory
    fmt = lambda value: i18n.format_number(value, lang)  # noqa: E731
    names = context.names(lang, "force")
    survey_share = _(
        "Survey: {share} of interventions were delivered in the South Wales Police area."
    ).format(share=survey_value(context.bundle.survey, "south-wales-police-area-share") or "52%")
    scopes = [
        scope
        for scope in context.coverage.comparable_scopes()
        if scope.level == "force" and context.coverage.comparable("force", scope.id)
    ]
    if not scopes:
        return Slide(
            title=_("Provision by police force area"),
            headline=_("The sources describe the police force areas unevenly: not compared."),
            points=(survey_share,),
            sources=(directory_src, survey_src),
        )
    scope = scopes[0]
    listed = current & context.listed[scope.id]
    table = counting.area_counts(
        directory, listed, "force", False, context.population_16_plus["force"], comparable=True
    )
    counts = pd.Series({names[row.area_id]: int(row.count) for row in table.itertuples()})
    source = coverage_words.source_name(context, scope.file, locale)
    return Slide(
        title=_("Provision by police force area"),
        headline=_(
            "Of the community programmes {source} listed in {year}, most are in {area}."
        ).format(source=source, year=scope.year, area=counts.idxmax()),
        points=(
            survey_share,
            _(
                "Compared within one source, which lists every police force area alike; counting "
                "every service named would compare how much was written (Cardiff and the Vale "
                "were reviewed in depth in 2020)."
            ),
            _("{n} current programmes listed; {when}.").format(
                n=fmt(int(listed.sum())), when=coverage_words.currency_text(context, listed, locale)
            ),
        ),
        figure=bar_chart(
            counts,
            labels={},
            title=_(
                "Current community programmes listed by {source} ({year}), by police force area"
            ).format(source=source, year=scope.year),
            locale=locale,
            complete=True,
            height=300,
        ),
        sources=(directory_src, survey_src),
    )


def gap_slide(context: AppContext, lang: str, directory_src: str) -> Slide:
    """Gaps in regional provision: one sentence on how few gaps hold against every service that
    could fill them, then the gaps the sources state (with their year and what later sources
    name there), what the directory records, and, in one line, what is not known."""
    from dashboard.views import review

    _ = i18n.translator(lang)
    fmt = lambda value: i18n.format_number(value, lang)  # noqa: E731
    sources = getattr(context.bundle, "sources", None)
    result = review.gap_review(context, level="region", include_all_wales=False, lang=lang)
    found = result["gaps"]
    region_names = context.names(lang, "region")
    summary = result["summary"]
    stated = sorted(
        (g for g in found if g.kind == "documented" and g.documented is not None),
        key=lambda g: STATED_ORDER.get(g.documented.level, 3),
    )
    derived = [g for g in found if g.kind == "no-medium-risk"]
    tiers = result["cells"]["tier"]
    recorded = [
        region_names[area_id]
        for area_id, row in tiers.items()
        if row[gaps.MEDIUM_RISK_TIER].state == counting.RECORDED
        and row[gaps.MEDIUM_RISK_TIER].count
    ]
    not_known = [region_names[g.area_id] for g in found if g.kind == "medium-risk-not-known"]
    years = sorted({g.year for g in stated if g.year})
    headline = _(
        "Few gaps hold against every service that could fill them: the directory supports "
        "{derived} derived gaps; the sources state {stated} gaps{years}."
    ).format(
        derived=fmt(summary.derived),
        stated=fmt(len(stated)),
        years=(
            " " + _("(dated {first} to {last})").format(first=years[0], last=years[-1])
            if len(years) > 1
            else (" " + _("(dated {year})").format(year=years[0]) if years else "")
        ),
    )
    points = [review.gap_sentence(gap, names={}, _=_, lang=lang) for gap in stated[:3]]
    if recorded:
        points.append(
            _("Current medium-risk-tier services are recorded in: {areas}.").format(
                areas=", ".join(recorded)
            )
        )
    if derived:
        points.append(
            _("No current medium-risk-tier service, derived from the directory: {areas}.").format(
                areas=", ".join(region_names[g.area_id] for g in derived)
            )
        )
    if not_known:
        points.append(
            _(
                "Not known for: {areas} (services with no tier recorded there, or across the "
                "police force area, could fill it)."
            ).format(areas=", ".join(not_known))
        )
    points.append(
        _(
            "Medium-risk tier is the service tier of Fowler, Karim & Feder (2020), not the risk "
            "level of the people a service accepts; all-Wales services are shown beside each "
            "region, not counted in it."
        )
    )
    return Slide(
        title=_("Gaps in regional provision"),
        headline=headline,
        points=tuple(points),
        sources=(directory_src,),
        names=tuple(context.directory.frame["name"]),
        # Readable citations (the seed file's name meant nothing to an audience).
        cited=tuple(
            sorted(
                {
                    citations.readable_citation(g.documented.source, sources)
                    for g in stated[:3]
                    if g.documented
                }
            )
        ),
    )
