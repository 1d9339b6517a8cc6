"""Pure builders for the gap review, need and funding views: context and options in, content out."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.cymraeg import fill
from dashboard.data import vocabulary as vocab
from dashboard.domain import cells as cells_module
from dashboard.domain import citations, cliff, counting, gaps, need, precarity
from dashboard.domain.cells import Cell, DocumentedIndex, documented_gap_index, gap_cells
from dashboard.domain.context import AppContext
from dashboard.i18n import N_, Translate
from dashboard.views import coverage_text
from dashboard.views.figures_gaps import gap_heatmap
from dashboard.views.figures_review import (
    cliff_timeline,
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
    #: The services the sentence may name (marked as published in English on the page).
    service_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Words:
    """What a gap's sentence is written with: area names, the translator and the language."""

    names: Mapping[str, str]
    translate: Translate
    lang: str

    def fmt(self, value) -> str:
        return i18n.format_number(value, self.lang)

    def area(self, gap: gaps.Gap) -> str:
        return self.names.get(gap.area_id, gap.area_id) if gap.area_id else ""


def gap_sentence(gap: gaps.Gap, *, names: dict, _: Translate, lang: str = "en") -> str:
    """The finding ``gap`` in one or two sentences (its kind's wording; unknown kinds by name)."""
    write = _GAP_SENTENCES.get(gap.kind)
    return write(gap, _Words(names, _, lang)) if write else gap.kind


def _documented_sentence(gap: gaps.Gap, words: _Words) -> str:
    _ = words.translate
    stated = gap.documented
    text = _(stated.statement) if stated else gap.subject
    return _join(
        text, stated_year_sentence(gap.year, gap.later, _=_, count=gap.count, fmt=words.fmt)
    )


def _survey_reports_sentence(gap: gaps.Gap, words: _Words) -> str:
    _ = words.translate
    return _(
        "The directory holds no current intervention recorded for {behaviour}, but the 2023 "
        "survey reports some."
    ).format(behaviour=_(gap.subject))


def _no_behaviour_sentence(gap: gaps.Gap, words: _Words) -> str:
    _ = words.translate
    return fill(
        _(
            "No current intervention in the directory addresses {behaviour}, and the "
            "behaviour focus of every current service is known."
        ),
        behaviour=_(gap.subject),
    )


def _behaviour_not_known_sentence(gap: gaps.Gap, words: _Words) -> str:
    _, fmt = words.translate, words.fmt
    return _(
        "Not known: no current intervention in the directory is recorded for {behaviour}, "
        "but {n} of {m} current services have no behaviour focus recorded."
    ).format(behaviour=_(gap.subject), n=fmt(gap.compared_with or 0), m=fmt(gap.services))


def _no_medium_risk_sentence(gap: gaps.Gap, words: _Words) -> str:
    _, fmt = words.translate, words.fmt
    text = _(
        "No current medium-risk-tier service is recorded in {area}, and the service tier of "
        "all {m} current services there, and of every service that could serve it from "
        "across its police force area, across Wales or with no area, is known."
    ).format(area=words.area(gap), m=fmt(gap.services))
    return _join(text, derived_year_sentence(gap.year, _=_))


def _medium_risk_not_known_sentence(gap: gaps.Gap, words: _Words) -> str:
    _, fmt, area = words.translate, words.fmt, words.area(gap)
    cell = gap.cell
    if cell is None or cell.reason == cells_module.UNCLASSIFIED:
        return _(
            "Not known whether {area} has a medium-risk-tier service: {n} of its {m} current "
            "services have no service tier recorded."
        ).format(area=area, n=fmt(gap.compared_with or 0), m=fmt(gap.services))
    return _("Not known whether {area} has a medium-risk-tier service: {reason}").format(
        area=area, reason=reason_text(cell, _=_, field=_("service tier"), lang=words.lang)
    )


def _only_criminal_justice_sentence(gap: gaps.Gap, words: _Words) -> str:
    _ = words.translate
    text = fill(
        _(
            "In {area}, every current local service is a criminal-justice one ({n}), and no "
            "service that could serve it from across its region, police force area or "
            "Wales is outside criminal justice."
        ),
        area=words.area(gap),
        n=words.fmt(gap.count),
    )
    return _join(text, derived_year_sentence(gap.year, _=_))


def _only_criminal_justice_placed_sentence(gap: gaps.Gap, words: _Words) -> str:
    _ = words.translate
    text = fill(
        _("In {area}, every current service placed there is a criminal-justice one ({n})."),
        area=words.area(gap),
        n=words.fmt(gap.count),
    )
    cell = gap.cell
    if cell is not None and cell.wider_names:
        return _join(
            text,
            _("Services outside criminal justice could serve it: {names}.").format(
                names=", ".join(cell.wider_names)
            ),
        )
    if cell is not None and cell.wider_unclassified:
        return _join(
            text,
            _(
                "{n} services that could serve it from across its region, police force area "
                "or Wales, or with no area, have no service tier recorded."
            ).format(n=words.fmt(cell.wider_unclassified)),
        )
    return text


def _no_local_sentence(gap: gaps.Gap, words: _Words) -> str:
    _, fmt, names = words.translate, words.fmt, words.names
    beside = dict(zip(gap.areas, gap.beside, strict=False))
    listed = ", ".join(
        names.get(area, area)
        + (
            " (" + _("+{n} across the region").format(n=fmt(beside[area])) + ")"
            if beside.get(area)
            else ""
        )
        for area in gap.areas
    )
    text = _(
        "The directory records no current service placed in {n} local authorities: {areas}."
    ).format(n=fmt(gap.count), areas=listed)
    if gap.across_wales or gap.unlocated:
        text = _join(
            text,
            _(
                "Services available across Wales ({w}) and services with no area recorded "
                "({u}) may reach them."
            ).format(w=fmt(gap.across_wales), u=fmt(gap.unlocated)),
        )
    return text


def _thinner_than_sentence(gap: gaps.Gap, words: _Words) -> str:
    _ = words.translate
    return fill(
        _(
            "Sexual violence provision is thinner: {n} current interventions address sexual "
            "violence, against {m} for domestic abuse."
        ),
        n=words.fmt(gap.count),
        m=words.fmt(gap.compared_with),
    )


#: Each kind of gap's sentence (:attr:`gaps.Gap.kind`).
_GAP_SENTENCES: Final[Mapping[str, Callable[[gaps.Gap, _Words], str]]] = {
    "documented": _documented_sentence,
    "survey-reports": _survey_reports_sentence,
    "no-behaviour": _no_behaviour_sentence,
    "behaviour-not-known": _behaviour_not_known_sentence,
    "no-medium-risk": _no_medium_risk_sentence,
    "medium-risk-not-known": _medium_risk_not_known_sentence,
    "only-criminal-justice": _only_criminal_justice_sentence,
    "only-criminal-justice-placed": _only_criminal_justice_placed_sentence,
    "no-local": _no_local_sentence,
    "thinner-than": _thinner_than_sentence,
}


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def stated_year_sentence(
    year: int | None, later: gaps.Later, *, _: Translate, count: int = 0, fmt=str
) -> str:
    """ "Stated in 2020; later sources name …" (or "Stated in 2020."), with how many current
    services the directory records that would fill it when no later source names any."""
    if year is None:
        return ""
    if later:
        return _("Stated in {year}; later sources name {names}.").format(
            year=year, names=later_names(later, _=_)
        )
    if count:
        return _(
            "Stated in {year}; the directory records {n} current services that may fill it, "
            "none described by a later source."
        ).format(year=year, n=fmt(count))
    return _("Stated in {year}.").format(year=year)


def later_names(later: gaps.Later, *, _: Translate) -> str:
    """The services later sources name, grouped by where they are recorded."""
    parts = []
    if later.here:
        parts.append(", ".join(later.here))
    if later.across:
        parts.append(
            _("{names} (recorded across the area's region or police force area)").format(
                names=", ".join(later.across)
            )
        )
    if later.wales:
        parts.append(_("{names} (available across Wales)").format(names=", ".join(later.wales)))
    return "; ".join(parts)


def derived_year_sentence(year: int | None, *, _: Translate) -> str:
    if year is None:
        return ""
    return _("Derived from the directory; sources to {year}.").format(year=year)


def reason_text(
    cell: Cell,
    *,
    _: Translate,
    field: str,
    lang: str = "en",
    stated: gaps.Stated | None = None,
    cited: str = "",
) -> str:
    """Why a cell is in its state, in words (the gap review's hover and CSV, the scorecard's
    tooltip): "available across Wales: Circles Cymru", "could be served by: Driving Change …",
    "no source lists every service here" ..."""
    fmt = lambda value: i18n.format_number(value, lang)  # noqa: E731
    if cell.state == counting.RECORDED:
        return _recorded_reason(cell, _=_, fmt=fmt)
    if cell.state == counting.GAP:
        return _gap_reason(cell, _=_, fmt=fmt, field=field, stated=stated, cited=cited)
    if cell.state == counting.NOT_KNOWN:
        return _not_known_reason(cell, _=_, fmt=fmt, field=field)
    text = _("No counted service recorded here.")
    if getattr(cell, "wider_unclassified", 0):
        text = _join(
            text,
            _("{n} services that could serve it have no {field} recorded: {names}.").format(
                n=fmt(cell.wider_unclassified),
                field=field,
                names=", ".join(cell.wider_unclassified_names),
            ),
        )
    return text


def _recorded_reason(cell: Cell, *, _: Translate, fmt: Callable[[object], str]) -> str:
    """A recorded cell: the services counted here, or those available across Wales."""
    if getattr(cell, "reason", "") != cells_module.ACROSS_WALES:
        return _("{n} of the {m} counted services here: {names}.").format(
            n=fmt(cell.count), m=fmt(cell.services), names=", ".join(cell.names)
        )
    # wider_names: the all-Wales services first (``across_wales`` of them), then the others.
    beyond = tuple(getattr(cell, "wider_names", ()))
    across = getattr(cell, "across_wales", 0)
    text = _("Available across Wales: {names}.").format(names=", ".join(beyond[:across]))
    if beyond[across:]:
        text = _join(
            text,
            _(
                "Could also be served by (recorded across the region or police force area, "
                "or with no area): {names}."
            ).format(names=", ".join(beyond[across:])),
        )
    return text


def _gap_reason(
    cell: Cell,
    *,
    _: Translate,
    fmt: Callable[[object], str],
    field: str,
    stated: gaps.Stated | None,
    cited: str,
) -> str:
    """A gap: the source that states it (with its year and what later sources name), or why
    it is derived."""
    if cell.documented is None:
        return _join(
            _(
                "None of the {m} counted services here has it, and {field} is known for every "
                "service that could fill it (here, across Wales, across the region or police "
                "force area, or with no area)."
            ).format(m=fmt(cell.services), field=field),
            derived_year_sentence(getattr(cell, "year", None), _=_),
        )
    year = stated.year if stated is not None else None
    text = _("Stated by a source document") + (
        " " + _("({year})").format(year=year) if year else ""
    )
    text += ": " + (cited or cell.documented.source) + "."
    if stated is not None and stated.later:
        text = _join(text, stated_year_sentence(stated.year, stated.later, _=_))
    return text


def _not_known_reason(cell: Cell, *, _: Translate, fmt: Callable[[object], str], field: str) -> str:
    """Not known: why (served only from wider, unclassified there, not listed, or here)."""
    reason = getattr(cell, "reason", "")
    if reason == cells_module.WIDER_HAS:
        return _(
            "None recorded here, but could be served by: {names} (recorded only across the "
            "region or police force area, or with no area)."
        ).format(names=", ".join(getattr(cell, "wider_names", ())))
    if reason == cells_module.WIDER_UNCLASSIFIED:
        return _(
            "None of the {m} counted services here has it, but {n} services that could "
            "serve it (across Wales, across the region or police force area, or with no "
            "area) have no {field} recorded: {names}."
        ).format(
            m=fmt(cell.services),
            n=fmt(cell.wider_unclassified),
            field=field,
            names=", ".join(cell.wider_unclassified_names),
        )
    if reason == cells_module.NOT_ENUMERATED:
        return _(
            "None recorded here, and every service that could fill it is classified, but "
            "no source lists every service here."
        )
    return _("{n} of the {m} counted services here have no {field} recorded.").format(
        n=fmt(cell.unclassified), m=fmt(cell.services), field=field
    )


def cell_label(cell: Cell, *, _: Translate, stated: gaps.Stated | None = None) -> str:
    """A cell's text in the gap matrix: a count, "+1 across Wales", "gap (stated 2020)",
    "gap (derived; sources to 2023)", "not known (…)" or "no record"."""
    reason = getattr(cell, "reason", "")
    if cell.state == counting.RECORDED and reason == cells_module.ACROSS_WALES:
        return _("+{n} across Wales").format(n=cell.across_wales)
    if cell.state == counting.RECORDED:
        return str(cell.count)
    if cell.state == counting.GAP and cell.documented is not None:
        year = stated.year if stated is not None else None
        return _("gap (stated {year})").format(year=year) if year else _("gap (stated)")
    if cell.state == counting.GAP:
        year = getattr(cell, "year", None)
        return (
            _("gap (derived; sources to {year})").format(year=year) if year else _("gap (derived)")
        )
    if cell.state == counting.NOT_KNOWN:
        if reason == cells_module.WIDER_HAS:
            return _("not known ({n} could serve)").format(n=cell.wider)
        if reason == cells_module.WIDER_UNCLASSIFIED:
            return _("not known ({n} beyond unclassified)").format(n=cell.wider_unclassified)
        if reason == cells_module.NOT_ENUMERATED:
            return _("not known (not listed)")
        return _("not known ({n})").format(n=cell.unclassified)
    return _("no record")


def summary_sentence(summary: gaps.Summary, *, _: Translate, lang: str = "en") -> str:
    """One sentence at the top of the gap pages: how few gaps hold, and why the rest is not
    known."""
    fmt = lambda value: i18n.format_number(value, lang)  # noqa: E731
    years = summary.derived_years
    return _(
        "Few gaps can be derived from the directory. Of {cells} cells: derived gaps, {derived}"
        "{years}; gaps stated by a source (with their year), {stated}; provision recorded, "
        "{recorded} ({wales} through services available across Wales); not known, "
        "{not_known} ({beyond} because a service recorded only across the region or police "
        "force area, or with no area, could fill them)."
    ).format(
        cells=fmt(summary.cells),
        derived=fmt(summary.derived),
        years=(" " + _("(sources to {year})").format(year=max(years)) if years else ""),
        stated=fmt(summary.stated),
        recorded=fmt(summary.recorded),
        wales=fmt(summary.across_wales),
        not_known=fmt(summary.not_known),
        beyond=fmt(summary.not_known_beyond),
    )


def documented_gaps(context: AppContext) -> DocumentedIndex:
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
    gap: gaps.Gap,
    *,
    names: dict,
    _: Translate,
    lang: str,
    sources=None,
    service_names: tuple[str, ...] = (),
) -> Finding:
    quote, source = "", ""
    if gap.documented is not None:
        quote, source = gap.documented.evidence, gap.documented.source
    elif gap.survey_quote:
        quote, source = gap.survey_quote, gap.survey_source
    if source and sources is not None:
        from dashboard.domain import citations

        source = citations.readable_citation(source, sources, _)
    return Finding(
        gap_sentence(gap, names=names, _=_, lang=lang),
        gap.related,
        gap.evidence_class,
        quote,
        source,
        service_names,
    )


#: The fields the gap review shows, with the categories of each (unknown left out).
GAP_FIELDS = {
    "behaviour": ("behaviour_focus", vocab.BEHAVIOUR_FOCUSES),
    "tier": ("service_tier", vocab.SERVICE_TIERS),
    "risk": ("risk_level", vocab.RISK_LEVELS),
}
GAP_FIELD_NAMES = {
    "behaviour": N_("behaviour focus"),
    "tier": N_("service tier"),
    "risk": N_("risk level"),
}
GAP_TITLES = {
    "behaviour": "Areas against behaviour focus",
    "tier": "Areas against service tier",
    "risk": "Areas against risk level of people accepted",
}

#: A field's cells: area_id -> category -> cell (:func:`dashboard.domain.cells.gap_cells`).
FieldCells = Mapping[str, Mapping[str, Cell]]


@dataclass(frozen=True)
class GapReview:
    """The gap review of one level, all-Wales choice, provision and language (``/gaps``, its
    CSV downloads and the deck's gap slides)."""

    #: Each field of :data:`GAP_FIELDS` (behaviour, tier, risk) as a heatmap of areas against
    #: its categories, each cell labelled with its state and its reason on hover.
    figures: Mapping[str, go.Figure]
    #: The findings in words, in the order found, each with its evidence class and quote.
    findings: tuple[Finding, ...]
    #: The gaps the findings are written from (:func:`dashboard.domain.gaps.find_gaps`).
    gaps: tuple[gaps.Gap, ...]
    #: Each field's cells, by area and category.
    cells: Mapping[str, FieldCells]
    #: The gaps the sources state, by id: their year and what later sources name there.
    stated: Mapping[str, gaps.Stated]
    #: How many cells are in each state, over the three fields.
    summary: gaps.Summary
    #: :attr:`summary` in one sentence, the page's lead.
    summary_text: str
    #: Each field's cells in long form for its CSV (one row per area and category, in English).
    matrices: Mapping[str, pd.DataFrame]


def gap_review(
    context: AppContext,
    *,
    level: str,
    include_all_wales: bool,
    lang: str,
    provision: str = counting.CURRENT,
) -> GapReview:
    """Cells in three states and the findings for the gap review page."""
    _ = i18n.translator(lang)
    directory = context.directory
    mask = counting.provision_mask(directory, provision)
    documented = documented_gaps(context)
    sources = context.bundle.sources
    coverage = gaps.coverage_by_level(getattr(context, "coverage", None))
    cells = {
        key: gap_cells(
            directory,
            mask,
            level,
            include_all_wales,
            column,
            [v for v in categories if v != vocab.UNKNOWN],
            documented,
            coverage=None if coverage is None else coverage.get(level),
        )
        for key, (column, categories) in GAP_FIELDS.items()
    }
    stated = gaps.stated_gaps(directory, mask, documented, sources)
    found = gaps.find_gaps(
        directory,
        level=level,
        include_all_wales=include_all_wales,
        recommendations=gaps.recommendations_by_subject(context.bundle.recommendations),
        documented=documented,
        survey=context.bundle.survey,
        provision=provision,
        coverage=coverage,
        sources=sources,
    )
    words = _CellWords(translate=_, lang=lang, stated=stated, sources=sources)
    summary = gaps.summarise(cells, stated)
    return GapReview(
        figures=_gap_figures(context, cells, level=level, lang=lang, words=words),
        findings=_findings(context, found, level=level, lang=lang),
        gaps=tuple(found),
        cells=cells,
        stated=stated,
        summary=summary,
        summary_text=summary_sentence(summary, _=_, lang=lang),
        matrices={
            key: gaps.cells_frame(
                cells[key], GAP_FIELDS[key][0], reason_text=words.reason(key), stated=stated
            )
            for key in GAP_FIELDS
        },
    )


def _findings(
    context: AppContext, found: list[gaps.Gap], *, level: str, lang: str
) -> tuple[Finding, ...]:
    """The gaps ``found`` in words, with their quotes and readable citations."""
    names = {
        **dict(context.names(lang, "la")),
        **dict(context.names(lang, "region")),
        **dict(context.names(lang, level)),
    }
    service_names = tuple(context.directory.frame["name"])
    return tuple(
        finding_from_gap(
            gap,
            names=names,
            _=i18n.translator(lang),
            lang=lang,
            sources=context.bundle.sources,
            service_names=service_names,
        )
        for gap in found
    )


@dataclass(frozen=True)
class _CellWords:
    """A gap matrix cell's label and reason in words, with its stated gap's year and citation."""

    translate: Translate
    lang: str
    stated: Mapping[str, gaps.Stated]
    sources: pd.DataFrame

    def label(self, cell: Cell) -> str:
        return cell_label(
            cell,
            _=self.translate,
            stated=self.stated.get(cell.documented.id) if cell.documented else None,
        )

    def reason(self, key: str) -> Callable[[Cell], str]:
        """The reason of a cell of field ``key`` (of :data:`GAP_FIELDS`)."""
        _ = self.translate
        field = _(GAP_FIELD_NAMES[key])

        def reason(cell: Cell) -> str:
            about = self.stated.get(cell.documented.id) if cell.documented else None
            cited = (
                citations.readable_citation(cell.documented.source, self.sources, _)
                if cell.documented
                else ""
            )
            return reason_text(cell, _=_, field=field, lang=self.lang, stated=about, cited=cited)

        return reason


def _gap_figures(
    context: AppContext,
    cells: Mapping[str, FieldCells],
    *,
    level: str,
    lang: str,
    words: _CellWords,
) -> dict[str, go.Figure]:
    """Each field's heatmap of areas against its categories."""
    _ = words.translate
    labels = {
        value: _(value)
        for value in (*vocab.BEHAVIOUR_FOCUSES, *vocab.SERVICE_TIERS, *vocab.RISK_LEVELS)
    }
    return {
        key: gap_heatmap(
            cells[key],
            row_labels=dict(context.names(lang, level)),
            column_labels=labels,
            title=_(GAP_TITLES[key]),
            locale=i18n.locale_for(lang),
            sources=words.sources,
            text=words.label,
            hover=words.reason(key),
        )
        for key in GAP_FIELDS
    }


def force_population(context: AppContext) -> dict[str, int]:
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
    what its callback sends, and a value the view cache can store (:mod:`dashboard.web.view_codec`
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


def need_area_names(context: AppContext, lang: str) -> dict[str, str]:
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


@dataclass(frozen=True)
class FundingView:
    """The funding page (``/funding``) for all of Wales, over the services counted, seen from
    one date."""

    #: When stated funding ends, by year, grouped as the page's control asks.
    timeline: go.Figure
    #: Services by funding-end horizon (:data:`cliff.HORIZONS`, "not stated" included).
    horizons: pd.Series
    #: Services by funder class (:data:`cliff.FUNDER_CLASSES`, unknown included).
    classes: pd.Series
    #: The page's lead: for how many services an end is stated, then what those dates say.
    lead: str
    #: Every funding-precarity band by name, with how many services a band is known for.
    precarity: str
    #: :attr:`horizons` as bars.
    horizon_chart: go.Figure
    #: :attr:`classes` as bars.
    class_chart: go.Figure
    #: One row per service counted with its funding end and funder (the page's CSV).
    table: pd.DataFrame


#: The timeline's groupings -> the directory column each groups by.
FUNDING_GROUP_COLUMNS: Final = {
    "funder": "primary_funder",
    "region": "vawdasv_regions",
    "force": "police_force_areas",
    "class": "funder_class",
}


def funding_view(
    context: AppContext,
    *,
    group: str,
    lang: str,
    as_of: dt.date | None = None,
    provision: str = counting.CURRENT,
) -> FundingView:
    """Cliff-edge timeline and counts for all of Wales, over the services counted (current
    provision by default: a service that has ended has no funding left to end)."""
    _ = i18n.translator(lang)
    directory = context.directory
    as_of = as_of or dt.date.today()
    table = cliff.cliff_edge(directory, counting.provision_mask(directory, provision), as_of)
    horizons = cliff.horizon_counts(table)
    classes = cliff.funder_class_counts(table)
    bands, precarity_known, services = counting.breakdown_with_known(
        directory, counting.provision_mask(directory, provision), "precarity"
    )
    locale = i18n.locale_for(lang)
    return FundingView(
        timeline=funding_timeline(
            table, group=group, lang=lang, current_year=directory.current_year
        ),
        horizons=horizons,
        classes=classes,
        lead=funding_lead(horizons, locale),
        precarity=precarity_sentence(bands, precarity_known, services, locale),
        horizon_chart=simple_bars(
            horizons,
            labels={h: _(h) for h in cliff.HORIZONS},
            title=_("Funding end, seen from {date}").format(date=as_of.isoformat()),
            locale=locale,
            complete=int(horizons[cliff.NOT_STATED]) == 0,
        ),
        class_chart=simple_bars(
            classes,
            labels={c: _(c) for c in cliff.FUNDER_CLASSES},
            title=_("Primary funder: devolved and non-devolved"),
            locale=locale,
            complete=int(classes[vocab.UNKNOWN]) == 0,
        ),
        table=table,
    )


@dataclass(frozen=True)
class FundingTimeline:
    """The funding page's timeline for one grouping, language, provision, wave and date, as
    plotly JSON: what its callback sends, and a value the view cache can store."""

    group: str
    lang: str
    provision: str
    wave: str | None
    #: The date funding ends are seen from (ISO).
    as_of: str
    #: The figure as plotly JSON (``go.Figure.to_json``, read back).
    figure: Mapping[str, Any]


def funding_timeline_view(
    context: AppContext,
    *,
    group: str,
    lang: str,
    provision: str = counting.CURRENT,
    wave: str | None = None,
    as_of: dt.date | None = None,
) -> FundingTimeline:
    """The timeline alone (what the grouping control redraws), without the page's bars."""
    as_of = as_of or dt.date.today()
    directory = context.directory
    table = cliff.cliff_edge(directory, counting.provision_mask(directory, provision), as_of)
    figure = funding_timeline(table, group=group, lang=lang, current_year=directory.current_year)
    return FundingTimeline(
        group, lang, provision, wave, as_of.isoformat(), json.loads(figure.to_json())
    )


def funding_timeline(table: pd.DataFrame, *, group: str, lang: str, current_year: str) -> go.Figure:
    """When stated funding ends, by year, grouped by ``group`` (funder by default)."""
    _ = i18n.translator(lang)
    column = FUNDING_GROUP_COLUMNS.get(group, FUNDING_GROUP_COLUMNS["funder"])
    labels = {
        value: ", ".join(_(part) for part in vocab.split_list(value))
        for value in table[column].unique()
    }
    return cliff_timeline(
        table,
        group_column=column,
        group_labels=labels,
        current_year=current_year,
        title=_("When stated funding ends"),
        locale=i18n.locale_for(lang),
    )


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
