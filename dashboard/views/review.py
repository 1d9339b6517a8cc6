"""Pure builders for the gap review, need and funding views: context and options in, content out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.cymraeg import fill
from dashboard.data import vocabulary as vocab
from dashboard.domain import cliff, counting, gaps, need, precarity
from dashboard.domain.cells import documented_gap_index, gap_cells
from dashboard.domain.context import AppContext
from dashboard.i18n import Translate
from dashboard.views.figures_review import (
    cliff_timeline,
    gap_heatmap,
    need_bars,
    need_scatter,
    simple_bars,
)


@dataclass(frozen=True)
class Finding:
    text: str
    recommendations: tuple[str, ...]
    #: documented / derived / record / not known (:mod:`dashboard.domain.gaps`)
    evidence_class: str = gaps.DERIVED
    quote: str = ""
    source: str = ""


def gap_sentence(gap: gaps.Gap, *, names: dict, _: Translate, lang: str = "en") -> str:
    area = names.get(gap.area_id, gap.area_id) if gap.area_id else ""
    fmt = lambda value: i18n.format_number(value, lang)  # noqa: E731
    if gap.kind == "documented":
        stated = gap.documented
        text = _(stated.statement) if stated else gap.subject
        if gap.count:
            text += " " + _(
                "The directory now records {n} current services that may fill it."
            ).format(n=fmt(gap.count))
        return text
    if gap.kind == "survey-reports":
        return _(
            "The directory holds no current intervention recorded for {behaviour}, but the 2023 "
            "survey reports some."
        ).format(behaviour=_(gap.subject))
    if gap.kind == "no-behaviour":
        return fill(
            _(
                "No current intervention in the directory addresses {behaviour}, and the "
                "behaviour focus of every current service is known."
            ),
            behaviour=_(gap.subject),
        )
    if gap.kind == "behaviour-not-known":
        return _(
            "Not known: no current intervention in the directory is recorded for {behaviour}, "
            "but {n} of {m} current services have no behaviour focus recorded."
        ).format(behaviour=_(gap.subject), n=fmt(gap.compared_with or 0), m=fmt(gap.services))
    if gap.kind == "no-medium-risk":
        return _(
            "No current medium-risk-tier service is recorded in {area}, and the service tier of "
            "all {m} current services there is known."
        ).format(area=area, m=fmt(gap.services))
    if gap.kind == "medium-risk-not-known":
        return _(
            "Not known whether {area} has a medium-risk-tier service: {n} of its {m} current "
            "services have no service tier recorded."
        ).format(area=area, n=fmt(gap.compared_with or 0), m=fmt(gap.services))
    if gap.kind == "only-criminal-justice":
        return fill(
            _("In {area}, every current local service is a criminal-justice one ({n})."),
            area=area,
            n=fmt(gap.count),
        )
    if gap.kind == "no-local":
        listed = ", ".join(names.get(area, area) for area in gap.areas)
        return _(
            "The directory records no current local service in {n} local authorities (services "
            "available across Wales may reach them): {areas}."
        ).format(n=fmt(gap.count), areas=listed)
    if gap.kind == "thinner-than":
        return fill(
            _(
                "Sexual violence provision is thinner: {n} current interventions address sexual "
                "violence, against {m} for domestic abuse."
            ),
            n=fmt(gap.count),
            m=fmt(gap.compared_with),
        )
    return gap.kind


def documented_gaps(context: AppContext) -> dict:
    """(field, value, area_id) -> documented gap, from ``data/documented_gaps.csv``."""
    from dashboard.data.geo import slugify

    frame = getattr(context.bundle, "documented_gaps", None)
    slugs = {
        area.name_en: area.area_id
        for level in ("region", "la")
        for area in context.bundle.areas[level]
    }
    slugs.update({name: slugify(name) for name in slugs})
    return documented_gap_index(frame, slugs)


def finding_from_gap(
    gap: gaps.Gap, *, names: dict, _: Translate, lang: str, sources=None
) -> Finding:
    quote, source = "", ""
    if gap.documented is not None:
        quote, source = gap.documented.evidence, gap.documented.source
    elif gap.survey_quote:
        quote, source = gap.survey_quote, gap.survey_source
    if source and sources is not None:
        from dashboard.domain import citations

        source = citations.readable_citation(source, sources)
    return Finding(
        gap_sentence(gap, names=names, _=_, lang=lang),
        gap.related,
        gap.evidence_class,
        quote,
        source,
    )


#: The fields the gap review shows, with the categories of each (unknown left out).
GAP_FIELDS = {
    "behaviour": ("behaviour_focus", vocab.BEHAVIOUR_FOCUSES),
    "tier": ("service_tier", vocab.SERVICE_TIERS),
    "risk": ("risk_level", vocab.RISK_LEVELS),
}
GAP_TITLES = {
    "behaviour": "Areas against behaviour focus",
    "tier": "Areas against service tier",
    "risk": "Areas against risk level of people accepted",
}


def gap_review(
    context: AppContext,
    *,
    level: str,
    include_all_wales: bool,
    lang: str,
    provision: str = counting.CURRENT,
) -> dict:
    """Cells in three states and the findings for the gap review page."""
    _ = i18n.translator(lang)
    directory = context.directory
    mask = counting.provision_mask(directory, provision)
    names = dict(context.names(lang, level))
    documented = documented_gaps(context)
    labels = {
        value: _(value)
        for value in (*vocab.BEHAVIOUR_FOCUSES, *vocab.SERVICE_TIERS, *vocab.RISK_LEVELS)
    }
    cells = {
        key: gap_cells(
            directory,
            mask,
            level,
            include_all_wales,
            column,
            [v for v in categories if v != vocab.UNKNOWN],
            documented,
        )
        for key, (column, categories) in GAP_FIELDS.items()
    }
    recommendations = gaps.recommendations_by_subject(context.bundle.recommendations)
    found = gaps.find_gaps(
        directory,
        level=level,
        include_all_wales=include_all_wales,
        recommendations=recommendations,
        documented=documented,
        survey=context.bundle.survey,
        provision=provision,
    )
    all_names = {**dict(context.names(lang, "la")), **dict(context.names(lang, "region")), **names}
    sources = getattr(context.bundle, "sources", None)
    findings = [
        finding_from_gap(gap, names=all_names, _=_, lang=lang, sources=sources) for gap in found
    ]
    result = {
        key: gap_heatmap(
            cells[key],
            row_labels=names,
            column_labels=labels,
            title=_(GAP_TITLES[key]),
            locale=i18n.locale_for(lang),
            sources=sources,
        )
        for key in GAP_FIELDS
    }
    result["findings"] = findings
    result["cells"] = cells
    result["matrices"] = {
        key: gaps.cells_frame(cells[key], GAP_FIELDS[key][0]) for key in GAP_FIELDS
    }
    return result


def force_population(context: AppContext) -> dict[str, int]:
    population = context.bundle.population
    forces = population[population["level"].isin(["force", "wales"])]
    return dict(zip(forces["area_name"], forces["population"].astype(int), strict=True))


def need_view(
    context: AppContext, *, measure: str, lang: str, provision: str = counting.CURRENT
) -> dict:
    """Indicators, per-measure rate bars and the need-against-provision scatter."""
    _ = i18n.translator(lang)
    indicators = need.primary_indicators(context.bundle.criminal_justice, force_population(context))
    names = {name: _(name) for name in (*vocab.POLICE_FORCE_AREAS, "Wales", "England and Wales")}
    force_names = dict(context.names(lang, "force"))
    slug_to_name = {area.area_id: area.name_en for area in context.bundle.areas["force"]}
    names.update({slug_to_name[slug]: label for slug, label in force_names.items()})
    directory = context.directory
    # Like with like: local services per force against local services for Wales.
    mask = counting.provision_mask(directory, provision)
    table = counting.area_counts(
        directory, mask, "force", False, context.population_16_plus["force"]
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
    wales_provision = wales.per_100k
    period = need.P1_PERIOD
    bars = {
        m: need_bars(
            indicators,
            measure=m,
            locale=i18n.locale_for(lang),
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
        y_label=_("Current local interventions per 100,000 aged 16+ (directory)"),
        title=_("Need beside provision, by police force area"),
        wales_x=float(wales_need["rate_per_1000"].iloc[0]) if len(wales_need) else None,
        wales_y=wales_provision,
        locale=i18n.locale_for(lang),
    )
    return {"indicators": indicators, "bars": bars, "scatter": scatter, "names": names}


def funding_view(
    context: AppContext,
    *,
    group: str,
    lang: str,
    as_of: dt.date | None = None,
    provision: str = counting.CURRENT,
) -> dict:
    """Cliff-edge timeline and counts for all of Wales, over the services counted (current
    provision by default: a service that has ended has no funding left to end)."""
    _ = i18n.translator(lang)
    directory = context.directory
    as_of = as_of or dt.date.today()
    table = cliff.cliff_edge(directory, counting.provision_mask(directory, provision), as_of)
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
        locale=i18n.locale_for(lang),
    )
    horizons = cliff.horizon_counts(table)
    classes = cliff.funder_class_counts(table)
    bands, precarity_known, services = counting.breakdown_with_known(
        directory, counting.provision_mask(directory, provision), "precarity"
    )
    locale = i18n.locale_for(lang)
    return {
        "timeline": timeline,
        "horizons": horizons,
        "classes": classes,
        "lead": funding_lead(horizons, locale),
        "precarity": precarity_sentence(bands, precarity_known, services, locale),
        "horizon_chart": simple_bars(
            horizons,
            labels={h: _(h) for h in cliff.HORIZONS},
            title=_("Funding end, seen from {date}").format(date=as_of.isoformat()),
            locale=locale,
            complete=int(horizons[cliff.NOT_STATED]) == 0,
        ),
        "class_chart": simple_bars(
            classes,
            labels={c: _(c) for c in cliff.FUNDER_CLASSES},
            title=_("Primary funder: devolved and non-devolved"),
            locale=locale,
            complete=int(classes[vocab.UNKNOWN]) == 0,
        ),
        "table": table,
    }


def funding_lead(horizons: pd.Series, locale: i18n.Locale) -> str:
    """The funding page's lead: for how many services an end date is stated, then only what
    those dates say. With no end date known, nothing is said to end within 12 months (never a
    reassuring zero: rule ``none_recorded``)."""
    services = int(horizons.sum())
    stated = cliff.end_stated(horizons)
    fmt = locale.number
    lead = locale("End date stated for {known} of {n} interventions counted.").format(
        known=fmt(stated), n=fmt(services)
    )
    if stated == 0:
        return (
            lead
            + " "
            + locale(
                "No document states when their funding ends, so how many end within 12 months "
                "is not known."
            )
        )
    lead += " " + locale(
        "Of those with a stated end, {within} end within 12 months, {later} end later and "
        "{ended} had an end that has passed."
    ).format(
        within=fmt(int(horizons[cliff.WITHIN_12_MONTHS])),
        later=fmt(int(horizons[cliff.LATER])),
        ended=fmt(int(horizons[cliff.ENDED])),
    )
    if stated < services:
        lead += " " + locale("For the other {n}, when funding ends is not known.").format(
            n=fmt(services - stated)
        )
    return lead


def precarity_sentence(bands: pd.Series, known: int, services: int, locale: i18n.Locale) -> str:
    """Every funding-precarity band by name, with how many services a band is known for (the
    rule itself is the page's method note: ``precarity.RULE_STEPS``)."""
    fmt = locale.number
    return locale(
        "Funding precarity, every band: high {high}, medium {medium}, low {low}, unknown "
        "{unknown} (band known for {known} of {n})."
    ).format(
        high=fmt(int(bands.get(precarity.HIGH, 0))),
        medium=fmt(int(bands.get(precarity.MEDIUM, 0))),
        low=fmt(int(bands.get(precarity.LOW, 0))),
        unknown=fmt(int(bands.get(vocab.UNKNOWN, 0))),
        known=fmt(known),
        n=fmt(services),
    )


def empty_figure(message: str) -> go.Figure:
    figure = go.Figure()
    figure.add_annotation(text=message, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    figure.update_layout(xaxis={"visible": False}, yaxis={"visible": False}, height=200)
    return figure
