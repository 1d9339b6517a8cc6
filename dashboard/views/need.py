"""The need page (``/need``): criminal-justice indicators beside provision, by police force
area."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.data import vocabulary as vocab
from dashboard.domain import counting, need
from dashboard.domain.context import AppContext
from dashboard.i18n import Translate
from dashboard.views import coverage_text
from dashboard.views.figures_review import need_bars, need_scatter


def force_population(context: AppContext) -> Mapping[str, int]:
    population = context.bundle.population
    forces = population[population["level"].isin(["force", "wales"])]
    return dict(zip(forces["area_name"], forces["population"].astype(int), strict=True))


@dataclass(frozen=True)
class NeedView:
    """The need page (``/need``): criminal-justice indicators beside provision, by police force
    area, in one language and for one provision."""

    #: The primary indicators (Home Office Table P1), one row per area and measure, with counts,
    #: rates per 1,000, period, source and caveat (also the page's indicators CSV).
    indicators: pd.DataFrame
    #: Each measure of :data:`need.NEED_MEASURES` as bars of its rate by area, in that order.
    bars: Mapping[str, go.Figure]
    #: The measure the page opens on, against provision per 100,000 aged 16+, by force.
    scatter: go.Figure
    #: English area name (as the indicators name it) -> its name in the page's language.
    names: Mapping[str, str]
    #: What the scatter's provision axis counts, in words.
    provision_note: str


@dataclass(frozen=True)
class NeedScatter:
    """The need page's scatter for one measure, language, provision and wave, as plotly JSON:
    what its callback sends, and a value the view cache can store (:mod:`dashboard.views.view_codec`
    says plain data, not figure objects)."""

    measure: str
    lang: str
    provision: str
    wave: str | None
    #: The figure as plotly JSON (``go.Figure.to_json``, read back).
    figure: Mapping[str, Any]


def need_view(
    context: AppContext, *, measure: str, lang: str, provision: str = counting.CURRENT
) -> NeedView:
    """Indicators, per-measure rate bars and the need-against-provision scatter."""
    _ = i18n.translator(lang)
    indicators = need.primary_indicators(context.bundle.criminal_justice, force_population(context))
    names = need_area_names(context, lang)
    bars = {
        m: need_bars(
            indicators,
            measure=m,
            locale=i18n.locale_for(lang),
            names=names,
            title=_("{measure}, {period}: rate per 1,000 people").format(
                measure=_(m), period=_(need.P1_PERIOD)
            ),
        )
        for m in need.NEED_MEASURES
    }
    return NeedView(
        indicators=indicators,
        bars=bars,
        scatter=need_scatter_figure(
            context, indicators, names, measure=measure, lang=lang, provision=provision
        ),
        names=names,
        provision_note=provision_label(context, force_comparison_scope(context), _),
    )


def need_scatter_view(
    context: AppContext,
    *,
    measure: str,
    lang: str,
    provision: str = counting.CURRENT,
    wave: str | None = None,
) -> NeedScatter:
    """The scatter alone (what the measure control redraws), without the page's bars."""
    indicators = need.primary_indicators(context.bundle.criminal_justice, force_population(context))
    figure = need_scatter_figure(
        context,
        indicators,
        need_area_names(context, lang),
        measure=measure,
        lang=lang,
        provision=provision,
    )
    return NeedScatter(measure, lang, provision, wave, json.loads(figure.to_json()))


def need_area_names(context: AppContext, lang: str) -> Mapping[str, str]:
    """English area name (as the indicators name it) -> its name in ``lang``."""
    _ = i18n.translator(lang)
    names = {name: _(name) for name in (*vocab.POLICE_FORCE_AREAS, "Wales", "England and Wales")}
    slug_to_name = {area.area_id: area.name_en for area in context.bundle.areas["force"]}
    names.update(
        {slug_to_name[slug]: label for slug, label in dict(context.names(lang, "force")).items()}
    )
    return names


def need_scatter_figure(
    context: AppContext,
    indicators: pd.DataFrame,
    names: Mapping[str, str],
    *,
    measure: str,
    lang: str,
    provision: str,
) -> go.Figure:
    """``measure``'s rate per 1,000 against provision per 100,000 aged 16+, by police force
    area, with Wales as a whole marked."""
    _ = i18n.translator(lang)
    directory = context.directory
    slug_to_name = {area.area_id: area.name_en for area in context.bundle.areas["force"]}
    # Like with like: local services per force against local services for Wales, counted within
    # the one source that lists every police force area alike (issue 21): every service named
    # would set the forces side by side on how much was written about each.
    mask = counting.provision_mask(directory, provision)
    scope = force_comparison_scope(context)
    if scope is not None:
        mask = mask & context.listed[scope.id]
    table = counting.area_counts(
        directory, mask, "force", False, context.population_16_plus["force"], comparable=True
    )
    wales = counting.wales_comparator(
        directory, mask, "force", False, context.population_16_plus["wales"]["wales"]
    )
    provided = {slug_to_name[row.area_id]: (row.per_100k, row.count) for row in table.itertuples()}
    chosen = indicators[
        (indicators["measure"] == measure) & indicators["area"].isin(vocab.POLICE_FORCE_AREAS)
    ]
    points = pd.DataFrame(
        {
            "label": [names[a] for a in chosen["area"]],
            "need": chosen["rate_per_1000"].to_numpy(),
            "provision": [provided[a][0] for a in chosen["area"]],
            "count": [int(provided[a][1]) for a in chosen["area"]],
        }
    )
    wales_need = indicators[(indicators["measure"] == measure) & (indicators["area"] == "Wales")]
    period = need.P1_PERIOD
    return need_scatter(
        points,
        x_label=_("{measure} per 1,000 people ({period})").format(
            measure=_(measure), period=_(period)
        ),
        y_label=provision_label(context, scope, _),
        title=_("Need beside provision, by police force area"),
        wales_x=float(wales_need["rate_per_1000"].iloc[0]) if len(wales_need) else None,
        wales_y=wales.per_100k,
        locale=i18n.locale_for(lang),
    )


def force_comparison_scope(context: AppContext):
    """The source that lists every police force area alike, whose services the forces are
    compared on (None when no source does: the forces are then not compared)."""
    for scope in context.coverage.comparable_scopes():
        if scope.level == "force" and context.coverage.comparable("force", scope.id):
            return scope
    return None


def provision_label(context: AppContext, scope, _: Translate) -> str:
    """What the provision axis counts, in words."""
    if scope is None:
        return _(
            "Current local interventions per 100,000 aged 16+ (every service named: the sources "
            "describe the forces unevenly)"
        )
    name = coverage_text.source_name(context, scope.file, _)
    return _("Community programmes listed by {source} ({year}) per 100,000 aged 16+").format(
        source=name, year=scope.year
    )
