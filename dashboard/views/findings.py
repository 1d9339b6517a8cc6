"""Key findings for presenter mode, computed from the data (never typed in): the slides in
order, and the slides of the directory as a whole (what is known, behaviour, evidence, funding).

Each slide's kind is its own module: the police force areas on the map
(:mod:`dashboard.views.slides_force`), the gaps (:mod:`dashboard.views.slides_gaps`) and what
changed between waves (:mod:`dashboard.views.slides_changes`); what every slide is made of is in
:mod:`dashboard.views.slide_parts`. Counts are written with the catalogue's plural forms
("1 current intervention has").
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from dashboard import i18n
from dashboard.data import vocabulary as vocab
from dashboard.domain import cliff, counting, evidence, gaps, precarity
from dashboard.domain.context import AppContext
from dashboard.i18n import Locale
from dashboard.views import coverage_text as coverage_words
from dashboard.views import overview, url_parsing
from dashboard.views.figures import bar_chart
from dashboard.views.slide_parts import (
    Common,
    Slide,
    sentence_case,
    survey_citation,
    survey_count,
    survey_value,
)
from dashboard.views.slides_changes import change_slides
from dashboard.views.slides_force import force_slide
from dashboard.views.slides_gaps import gap_slides


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
            context, url_parsing.parse("/", f"?lang={locale.lang}", context.la_slugs).state
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
