"""The presenter's slide of the police force areas: provision on the overview's map, compared
within one source that lists the areas alike, never on every service named."""

from __future__ import annotations

import dataclasses

from dashboard.domain.context import AppContext
from dashboard.i18n import Locale
from dashboard.views import coverage_text as coverage_words
from dashboard.views import map_labels, overview, url_parsing
from dashboard.views.overview import OverviewView
from dashboard.views.slide_parts import Common, Slide, survey_citation, survey_value

#: The map's labels on a slide, in pixels (the overview's are 11-15 px), and the smallest box
#: (width, height) a slide gives its map, on a 1024x768 screen: the labels are placed for it so
#: that none covers another (on a larger screen they are further apart).
SLIDE_MAP_LABEL = 18
SLIDE_MAP_BOX = (430, 340)


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
        url_parsing.parse(
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
