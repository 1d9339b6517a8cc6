"""The gap review (``/gaps``, its CSV downloads, the deck's gap slides): each field's cells in
three states as heatmaps and long tables, and the gaps found, in words."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.data import vocabulary as vocab
from dashboard.domain import cell_summary, citations, counting, gaps, stated_gaps
from dashboard.domain.cells import Cell, DocumentedIndex, documented_gap_index, gap_cells
from dashboard.domain.context import AppContext
from dashboard.i18n import N_, Translate
from dashboard.views.figures_gaps import gap_heatmap
from dashboard.views.gap_text import cell_label, gap_sentence, reason_text, summary_sentence


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
GAP_FIELDS = MappingProxyType(
    {
        "behaviour": ("behaviour_focus", vocab.BEHAVIOUR_FOCUSES),
        "tier": ("service_tier", vocab.SERVICE_TIERS),
        "risk": ("risk_level", vocab.RISK_LEVELS),
    }
)
GAP_FIELD_NAMES = MappingProxyType(
    {
        "behaviour": N_("behaviour focus"),
        "tier": N_("service tier"),
        "risk": N_("risk level"),
    }
)
GAP_TITLES = MappingProxyType(
    {
        "behaviour": "Areas against behaviour focus",
        "tier": "Areas against service tier",
        "risk": "Areas against risk level of people accepted",
    }
)

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
    stated: Mapping[str, stated_gaps.Stated]
    #: How many cells are in each state, over the three fields.
    summary: cell_summary.Summary
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
    coverage = cell_summary.coverage_by_level(getattr(context, "coverage", None))
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
    stated = stated_gaps.stated_gaps(directory, mask, documented, sources)
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
    summary = cell_summary.summarise(cells, stated)
    return GapReview(
        figures=_gap_figures(context, cells, level=level, lang=lang, words=words),
        findings=_findings(context, found, level=level, lang=lang),
        gaps=tuple(found),
        cells=cells,
        stated=stated,
        summary=summary,
        summary_text=summary_sentence(summary, _=_, lang=lang),
        matrices={
            key: cell_summary.cells_frame(
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
    stated: Mapping[str, stated_gaps.Stated]
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
