"""Pure builders for the gap review, need and funding views: context and options in, content out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import cliff, gaps, i18n, model, need
from dashboard import vocabulary as vocab
from dashboard.context import AppContext
from dashboard.figures_review import (
    cliff_timeline,
    gap_heatmap,
    need_bars,
    need_scatter,
    simple_bars,
)
from dashboard.i18n import Translate


@dataclass(frozen=True)
class Finding:
    text: str
    recommendations: tuple[str, ...]


def gap_sentence(gap: gaps.Gap, *, names: dict, _: Translate) -> str:
    area = names.get(gap.area_id, gap.area_id) if gap.area_id else ""
    if gap.kind == "no-behaviour":
        return _("No intervention in the directory addresses {behaviour}.").format(
            behaviour=_(gap.subject)
        )
    if gap.kind == "no-medium-risk":
        return _("No medium-risk intervention is recorded in {area}.").format(area=area)
    if gap.kind == "only-criminal-justice":
        return _(
            "In {area}, every intervention recorded for the local authority itself is a criminal-justice one ({n})."
        ).format(area=area, n=gap.count)
    if gap.kind == "no-local":
        listed = ", ".join(names.get(area, area) for area in gap.areas)
        return _(
            "No local intervention is recorded in {n} local authorities (only all-Wales services reach them): {areas}."
        ).format(n=gap.count, areas=listed)
    if gap.kind == "thinner-than":
        return _(
            "Sexual violence provision is thinner: {n} interventions address sexual violence, against {m} for domestic abuse."
        ).format(n=gap.count, m=gap.compared_with)
    return gap.kind


def la_regions(context: AppContext) -> tuple[str, ...]:
    """Each LA's region slug, in the directory's LA order."""
    from dashboard.geo import slugify

    lookup = context.bundle.lookup
    by_la = dict(
        zip(lookup["la_name_en"].map(slugify), lookup["vawdasv_region"].map(slugify), strict=True)
    )
    return tuple(by_la[area] for area in context.directory.area_ids["la"])


def gap_review(context: AppContext, *, level: str, include_all_wales: bool, lang: str) -> dict:
    """Matrices and findings for the gap review page."""
    _ = i18n.translator(lang)
    directory = context.directory
    current = gaps.current_mask(directory)
    names = dict(context.names(lang, level))
    labels = {
        value: _(value)
        for value in (*vocab.BEHAVIOUR_FOCUSES, *vocab.SERVICE_TIERS, *vocab.RISK_LEVELS)
    }
    behaviour = gaps.area_matrix(
        directory,
        current,
        level,
        include_all_wales,
        "behaviour_focus",
        [v for v in vocab.BEHAVIOUR_FOCUSES if v != vocab.UNKNOWN],
    )
    tiers = gaps.area_matrix(
        directory,
        current,
        level,
        include_all_wales,
        "service_tier",
        [v for v in vocab.SERVICE_TIERS if v != vocab.UNKNOWN],
    )
    risks = gaps.area_matrix(
        directory,
        current,
        level,
        include_all_wales,
        "risk_level",
        [v for v in vocab.RISK_LEVELS if v != vocab.UNKNOWN],
    )
    recommendations = gaps.recommendations_by_subject(context.bundle.recommendations)
    found = gaps.find_gaps(
        directory,
        level=level,
        include_all_wales=include_all_wales,
        recommendations=recommendations,
        la_regions=la_regions(context),
    )
    all_names = {**dict(context.names(lang, "la")), **names}
    findings = [Finding(gap_sentence(gap, names=all_names, _=_), gap.related) for gap in found]
    return {
        "behaviour": gap_heatmap(
            behaviour,
            row_labels=names,
            column_labels=labels,
            title=_("Areas against behaviour focus"),
            _=_,
        ),
        "tier": gap_heatmap(
            tiers,
            row_labels=names,
            column_labels=labels,
            title=_("Areas against service tier"),
            _=_,
        ),
        "risk": gap_heatmap(
            risks, row_labels=names, column_labels=labels, title=_("Areas against risk level"), _=_
        ),
        "findings": findings,
        "matrices": {"behaviour": behaviour, "tier": tiers, "risk": risks},
    }


def force_population(context: AppContext) -> dict[str, int]:
    population = context.bundle.population
    forces = population[population["level"].isin(["force", "wales"])]
    return dict(zip(forces["area_name"], forces["population"].astype(int), strict=True))


def need_view(context: AppContext, *, measure: str, lang: str) -> dict:
    """Indicators, per-measure rate bars and the need-against-provision scatter."""
    _ = i18n.translator(lang)
    indicators = need.primary_indicators(context.bundle.criminal_justice, force_population(context))
    names = {name: _(name) for name in (*vocab.POLICE_FORCE_AREAS, "Wales", "England and Wales")}
    force_names = dict(context.names(lang, "force"))
    slug_to_name = {area.area_id: area.name_en for area in context.bundle.areas["force"]}
    names.update({slug_to_name[slug]: label for slug, label in force_names.items()})
    directory = context.directory
    table = model.area_table(
        directory, np.ones(directory.size, bool), "force", True, context.population_16_plus["force"]
    )
    provision = {slug_to_name[row.area_id]: (row.per_100k, row.count) for row in table.itertuples()}
    chosen = indicators[
        (indicators["measure"] == measure) & indicators["area"].isin(vocab.POLICE_FORCE_AREAS)
    ]
    points = pd.DataFrame(
        {
            "label": [names[a] for a in chosen["area"]],
            "need": chosen["rate_per_1000"].to_numpy(),
            "provision": [provision[a][0] for a in chosen["area"]],
            "count": [int(provision[a][1]) for a in chosen["area"]],
        }
    )
    wales_need = indicators[(indicators["measure"] == measure) & (indicators["area"] == "Wales")]
    wales_total = int(context.directory.size)
    wales_provision = wales_total / context.population_16_plus["wales"]["wales"] * 100_000
    period = need.P1_PERIOD
    bars = {
        m: need_bars(
            indicators,
            measure=m,
            _=_,
            lang=lang,
            names=names,
            title=_("{measure}, {period}: rate per 1,000 people").format(
                measure=_(m), period=_(period)
            ),
        )
        for m in need.NEED_MEASURES
    }
    scatter = need_scatter(
        points,
        x_label=_("{measure} per 1,000 people ({period})").format(
            measure=_(measure), period=_(period)
        ),
        y_label=_("Interventions per 100,000 aged 16+ (directory)"),
        title=_("Need beside provision, by police force area"),
        wales_x=float(wales_need["rate_per_1000"].iloc[0]) if len(wales_need) else None,
        wales_y=wales_provision,
        _=_,
        lang=lang,
    )
    return {"indicators": indicators, "bars": bars, "scatter": scatter, "names": names}


def funding_view(
    context: AppContext, *, group: str, lang: str, as_of: dt.date | None = None
) -> dict:
    """Cliff-edge timeline and counts for all of Wales."""
    _ = i18n.translator(lang)
    directory = context.directory
    as_of = as_of or dt.date.today()
    table = cliff.cliff_edge(directory, np.ones(directory.size, bool), as_of)
    column = {
        "funder": "primary_funder",
        "region": "vawdasv_regions",
        "force": "police_force_areas",
        "class": "funder_class",
    }.get(group, "primary_funder")
    labels = {
        value: ", ".join(_(part) for part in vocab.split_list(value))
        for value in table[column].unique()
    }
    timeline = cliff_timeline(
        table,
        group_column=column,
        group_labels=labels,
        current_year=directory.current_year,
        title=_("When stated funding ends"),
        _=_,
    )
    horizons = cliff.horizon_counts(table)
    classes = cliff.funder_class_counts(table)
    return {
        "timeline": timeline,
        "horizons": horizons,
        "classes": classes,
        "horizon_chart": simple_bars(
            horizons,
            labels={h: _(h) for h in cliff.HORIZONS},
            title=_("Funding end, seen from {date}").format(date=as_of.isoformat()),
            _=_,
            lang=lang,
        ),
        "class_chart": simple_bars(
            classes,
            labels={c: _(c) for c in cliff.FUNDER_CLASSES},
            title=_("Primary funder: devolved and non-devolved"),
            _=_,
            lang=lang,
        ),
        "table": table,
    }


def empty_figure(message: str) -> go.Figure:
    figure = go.Figure()
    figure.add_annotation(text=message, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    figure.update_layout(xaxis={"visible": False}, yaxis={"visible": False}, height=200)
    return figure


def force_summary(context: AppContext, *, area_id: str, lang: str) -> dict:
    """A police force area beside Wales: indicators, gaps and funding, for the force page."""
    _ = i18n.translator(lang)
    areas = {area.area_id: area for area in context.bundle.areas["force"]}
    force = areas[area_id]
    indicators = need.primary_indicators(context.bundle.criminal_justice, force_population(context))
    both = indicators[indicators["area"].isin([force.name_en, "Wales"])]
    comparison = both.pivot(index="measure", columns="area", values="rate_per_1000").reindex(
        list(need.NEED_MEASURES)
    )
    counts = both.pivot(index="measure", columns="area", values="count").reindex(
        list(need.NEED_MEASURES)
    )
    directory = context.directory
    here = model.area_mask(directory, "force", area_id, True)
    behaviours = model.breakdown(directory, here, "behaviour_focus").drop(labels=[vocab.UNKNOWN])
    medium = gaps.medium_risk_mask(directory) & here
    bands = model.breakdown(directory, here, "precarity")
    table = model.area_table(
        directory, np.ones(directory.size, bool), "force", True, context.population_16_plus["force"]
    )
    row = table.set_index("area_id").loc[area_id]
    wales_rate = directory.size / context.population_16_plus["wales"]["wales"] * 100_000
    return {
        "name": context.names(lang, "force")[area_id],
        "name_en": force.name_en,
        "rates": comparison,
        "counts": counts,
        "missing_behaviours": [b for b, n in behaviours.items() if n == 0],
        "medium_risk": int(medium.sum()),
        "bands": bands.to_dict(),
        "count": int(row["count"]),
        "per_100k": float(row["per_100k"]),
        "wales_per_100k": wales_rate,
    }
