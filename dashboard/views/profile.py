"""An area's profile (``/force/<area>``, ``/region/<area>``): its summary, counted by the counting
model, and its own map of the local authorities it covers.

The summary counts the area's current local services with the services available across all of
Wales apart (never added in), tiers and behaviours in the cells' states, precarity and funding
end over the services where they are known, and the area's rank among the areas of its level. A
police force area also has the Home Office's recorded-crime indicators beside Wales and England
and Wales, and its domestic abuse-related crime (:func:`need.domestic_abuse_indicator`); a VAWDASV
region has none (the statistics are published by police force area).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

import numpy as np
import pandas as pd

from dashboard import i18n
from dashboard.data import vocabulary as vocab
from dashboard.data.geo import slugify
from dashboard.domain import cells as cells_module
from dashboard.domain import cliff, counting, need, precarity
from dashboard.domain.cells import Cell, gap_cells
from dashboard.domain.context import AppContext
from dashboard.views import coverage_text as coverage_words
from dashboard.views import figures_map, map_labels, panel_registry
from dashboard.views import overview as overview_view
from dashboard.views.figure_parts import FigureJSON
from dashboard.views.gap_review import documented_gaps
from dashboard.views.need import force_population
from dashboard.views.overview import OverviewView

#: The lookup's column naming each local authority's area of a level.
LOOKUP_COLUMN: Final = MappingProxyType({"force": "police_force_area", "region": "vawdasv_region"})
#: The profile map's height on screen (pixels); print CSS scales it to the page.
MAP_HEIGHT: Final = 430


def area_las(context: AppContext, level: str, area_id: str) -> list[str]:
    """The local authorities (their map ids) of one force area or region, from the lookup."""
    lookup = context.bundle.lookup
    inside = lookup[lookup[LOOKUP_COLUMN[level]].map(slugify) == area_id]
    return [slugify(name) for name in inside["la_name_en"]]


@dataclass(frozen=True)
class RecordedCrime:
    """A police force area's recorded-crime indicators beside Wales and England and Wales
    (Home Office Table P1), one period."""

    #: Recorded offences: measure (in :data:`need.NEED_MEASURES` order) x area (English name).
    counts: pd.DataFrame
    #: Offences per 1,000 people, shaped as :attr:`counts` (NaN where no population is held).
    rates: pd.DataFrame
    #: The period every figure is for.
    period: str
    #: The sources the figures are read from.
    sources: tuple[str, ...]


def _crime(context: AppContext, name_en: str) -> RecordedCrime:
    """The force's recorded-crime indicators beside Wales and England and Wales."""
    indicators = need.primary_indicators(context.bundle.criminal_justice, force_population(context))
    wanted = indicators[indicators["area"].isin([name_en, "Wales", "England and Wales"])]
    order = list(need.NEED_MEASURES)
    counts = wanted.pivot(index="measure", columns="area", values="count").reindex(order)
    rates = wanted.pivot(index="measure", columns="area", values="rate_per_1000").reindex(order)
    sources = tuple(wanted["source"].dropna().unique().tolist())
    return RecordedCrime(counts=counts, rates=rates, period=need.P1_PERIOD, sources=sources)


@dataclass(frozen=True)
class AreaSummary:
    """One force area or region beside Wales, as its profile's summary shows it, counted by the
    counting model over the services of one provision (current by default)."""

    #: "force" or "region".
    level: str
    #: The area's name in the page's language, and in English (as the statistics name it).
    name: str
    name_en: str
    #: Which services are counted (:data:`counting.CURRENT` or every status).
    provision: str
    #: Services counted that are recorded in the area itself (local services).
    local_count: int
    #: Recorded here but not counted (ended, planned, unknown status): said beside the count,
    #: never added in (0 when every status is counted).
    not_counted: int
    #: Services counted that are available across all of Wales: shown apart, never added in.
    all_wales_count: int
    #: Services counted recorded only across a wider area (region, force area, or no area).
    wider_count: int
    #: The area's rank by local services among the areas of its level (1 = most); None where
    #: the areas are not compared (their coverage differs) or it has no rank.
    rank: int | None
    #: How many areas of the level are ranked.
    areas_ranked: int
    #: Whether the areas of the level can be compared, why (or why not), and a comparison the
    #: sources support when this one is not ("" when none).
    comparable: bool
    comparison_reason: str
    comparison_offer: str
    #: How the sources describe the area, in words.
    coverage: str
    #: When the counted services were last described, in words ("" when not known).
    currency: str
    #: (service, prison) for the counted services delivered in prisons in the area.
    custody: tuple[tuple[str, str], ...]
    #: Each source file's year (for the cells' years).
    source_years: Mapping[str, int]
    #: Local services per 100,000 aged 16+, here and for Wales, and Wales's count.
    per_100k: float
    wales_per_100k: float
    wales_count: int
    #: Service tiers and behaviours: category -> the area's cell (in its state).
    tier_cells: Mapping[str, Cell]
    behaviour_cells: Mapping[str, Cell]
    #: Local services in the medium-risk tier, and for how many the tier is known (a service
    #: with no stated tier is not known to be outside it).
    medium_risk_tier: int
    tier_known: int
    #: Local services accepting medium-risk people, and for how many the risk level is known.
    medium_risk_level: int
    risk_level_known: int
    #: Local services by funding-precarity band (unknown included), for how many a band is
    #: known, and how many services that is over.
    bands: Mapping[str, int]
    precarity_known: int
    services: int
    #: Local services whose stated funding ends within 12 months, and for how many an end is
    #: stated.
    ending_within_12_months: int
    funding_end_known: int
    #: For a police force area, its recorded-crime indicators (None for a region).
    crime: RecordedCrime | None
    #: For a police force area, domestic abuse-related crime (secondary figures, one period;
    #: see need.py), or None.
    domestic_abuse: need.DomesticAbuseIndicator | None


def area_summary(
    context: AppContext,
    *,
    level: str,
    area_id: str,
    lang: str,
    provision: str = counting.CURRENT,
    as_of: dt.date | None = None,
) -> AreaSummary:
    """One force area or region beside Wales, counted by the counting model: local services
    with all-Wales services apart, tiers and behaviours in their cell states, precarity over
    known values, funding ending within 12 months, rank among the areas of the level; for a force
    area, its recorded-crime indicators (``crime``; None for a region)."""
    area = next(each for each in context.bundle.areas[level] if each.area_id == area_id)
    directory = context.directory
    mask = counting.provision_mask(directory, provision)
    column = directory.area_ids[level].index(area_id)
    recorded_here = counting.local_matrix(directory, level)[:, column]
    local = recorded_here & mask
    locale = i18n.locale_for(lang)
    standing = _standing(context, mask, level, area_id, locale)
    compared, wales = standing.compared, standing.wales
    tier_cells = _area_cells(context, mask, level, area_id, "service_tier", vocab.SERVICE_TIERS)
    medium_tier = tier_cells[counting.MEDIUM_RISK_TIER]
    medium_level, risk_known = _risk_level_counts(context, local)
    funding = _funding_counts(context, local, as_of)
    return AreaSummary(
        level=level,
        name=context.names(lang, level)[area_id],
        name_en=area.name_en,
        provision=provision,
        local_count=int(local.sum()),
        not_counted=int(np.count_nonzero(recorded_here & ~mask)),
        all_wales_count=int(np.count_nonzero(counting.national_mask(directory) & mask)),
        wider_count=int(
            np.count_nonzero(counting.wider_matrix(directory, level)[:, column] & mask)
        ),
        rank=standing.rank,
        areas_ranked=standing.areas_ranked,
        comparable=compared.comparable,
        comparison_reason=compared.reason,
        comparison_offer=compared.offer,
        coverage=coverage_words.area_statement(
            context, context.coverage.areas[level][area_id], locale
        ),
        currency=coverage_words.currency_text(context, local, locale),
        custody=_custody_here(context, level, area_id, mask),
        source_years={
            source.file: int(source.year)
            for source in context.bundle.sources.itertuples(index=False)
        },
        per_100k=standing.per_100k,
        wales_per_100k=wales.per_100k,
        wales_count=wales.count,
        tier_cells=tier_cells,
        behaviour_cells=_area_cells(
            context, mask, level, area_id, "behaviour_focus", vocab.BEHAVIOUR_FOCUSES
        ),
        medium_risk_tier=medium_tier.count,
        tier_known=medium_tier.services - medium_tier.unclassified,
        medium_risk_level=medium_level,
        risk_level_known=risk_known,
        bands=funding.bands,
        precarity_known=funding.precarity_known,
        services=funding.services,
        ending_within_12_months=funding.ending_within_12_months,
        funding_end_known=funding.funding_end_known,
        crime=_crime(context, area.name_en) if level == "force" else None,
        domestic_abuse=(
            need.domestic_abuse_indicator(context.bundle.criminal_justice, area.name_en)
            if level == "force"
            else None
        ),
    )


@dataclass(frozen=True)
class _Standing:
    """An area among the areas of its level: its rank and rate, and Wales beside it."""

    compared: coverage_words.Comparison
    #: None where the areas are not compared or the area has no rank.
    rank: int | None
    areas_ranked: int
    per_100k: float
    wales: counting.Comparator


def _standing(
    context: AppContext, mask: np.ndarray, level: str, area_id: str, locale: i18n.Locale
) -> _Standing:
    """The area's rank by local services and its rate per 100,000 aged 16+, beside Wales."""
    directory = context.directory
    compared = coverage_words.comparison(context, level, None, locale)
    table = counting.area_counts(
        directory,
        mask,
        level,
        False,
        context.population_16_plus[level],
        comparable=compared.comparable,
    )
    row = table.set_index("area_id").loc[area_id]
    # Ranked only where the areas' coverage is alike (issue 21): else None, with the reason.
    rank = row.get("count_rank") if compared.comparable else None
    return _Standing(
        compared=compared,
        rank=None if rank is None or pd.isna(rank) else int(rank),
        areas_ranked=len(table),
        per_100k=float(row["per_100k"]),
        wales=counting.wales_comparator(
            directory, mask, level, False, context.population_16_plus["wales"]["wales"]
        ),
    )


def _area_cells(
    context: AppContext,
    mask: np.ndarray,
    level: str,
    area_id: str,
    column: str,
    values: tuple[str, ...],
) -> Mapping[str, Cell]:
    """The area's cell of each value of ``column`` (unknown left out), in its state."""
    wanted = [value for value in values if value != vocab.UNKNOWN]
    coverage_index = cells_module.coverage_index(context.coverage, level)
    return gap_cells(
        context.directory,
        mask,
        level,
        False,
        column,
        wanted,
        documented_gaps(context),
        coverage_index,
    )[area_id]


def _risk_level_counts(context: AppContext, local: np.ndarray) -> tuple[int, int]:
    """How many ``local`` services accept medium-risk people, and for how many the risk level
    is known."""
    directory = context.directory
    medium_level = counting.value_matrix(directory, "risk_level", counting.MEDIUM_RISK_LEVEL)
    known = counting.known_mask(directory, "risk_level")
    return int(np.count_nonzero(local & medium_level)), int(np.count_nonzero(local & known))


@dataclass(frozen=True)
class _Funding:
    """The precarity and funding-end fields of :class:`AreaSummary`."""

    bands: Mapping[str, int]
    precarity_known: int
    services: int
    ending_within_12_months: int
    funding_end_known: int


def _funding_counts(context: AppContext, local: np.ndarray, as_of: dt.date | None) -> _Funding:
    """Precarity bands and funding ends over the ``local`` services."""
    directory = context.directory
    bands, precarity_known, services = counting.breakdown_with_known(directory, local, "precarity")
    ending = cliff.horizon_counts(cliff.cliff_edge(directory, local, as_of or dt.date.today()))
    return _Funding(
        bands={str(band): int(count) for band, count in bands.items()},
        precarity_known=int(precarity_known),
        services=int(services),
        ending_within_12_months=int(ending[cliff.WITHIN_12_MONTHS]),
        funding_end_known=int(services - ending[cliff.NOT_STATED]),
    )


def _custody_here(
    context: AppContext, level: str, area_id: str, mask: np.ndarray
) -> tuple[tuple[str, str], ...]:
    """(service, prison) for the counted services delivered in prisons in the area: custody
    provision, shown apart from the area's community count."""
    sites = context.bundle.custody_sites
    if sites.empty:
        return ()
    lookup = context.bundle.lookup
    inside = set(lookup.loc[lookup[LOOKUP_COLUMN[level]].map(slugify) == area_id, "la_code"])
    frame = context.directory.frame
    counted = set(frame["id"][np.asarray(mask, dtype=bool)])
    names = dict(zip(frame["id"], frame["name"], strict=True))
    rows = sites[sites["local_authority"].isin(inside) & sites["id"].isin(counted)]
    return tuple(sorted({(names[row.id], row.prison) for row in rows.itertuples(index=False)}))


#: Type size of the profile map's labels (the overview's local-authority labels are 11).
PROFILE_LABEL_SIZE: Final = 13
#: The profile map's plot area on A4 (pixels, width x height), measured in Chromium: 62% of the
#: 190 mm column, 0.68 times as high (assets/30-profile.css, assets/profile-print.js), less the
#: colour bar's width when it stood at the side (a map with a colour bar now has it at its foot:
#: :func:`map_labels.map_height`).
PRINTED_MAP_SIZE: Final = (335, 296)


def area_map(context: AppContext, la_view: OverviewView, level: str, area_id: str) -> FigureJSON:
    """The area's own map (plotly JSON): ``la_view``'s local-authority map (the overview's view of the same
    settings at local-authority level), labelled, restricted to the local authorities of the area
    (the others are not drawn; the geo map fits the areas drawn)."""
    keep = set(area_las(context, level, area_id))
    view_map = figures_map.only_locations(la_view.map, keep)
    extent = context.map_extent("la", keep)
    view_map["frame"] = figures_map.frame(extent)
    # Zoomed in on a few local authorities, each has room for its name; placed for the map as
    # printed (the smallest it is drawn: the same places are further apart on screen).
    view_map["labels"] = map_labels.named_labels(
        view_map["labels"],
        size=PROFILE_LABEL_SIZE,
        extent=extent,
        height=map_labels.map_height(
            PRINTED_MAP_SIZE[1], colour_bar=view_map["values"]["showscale"]
        ),
        width=PRINTED_MAP_SIZE[0],
        ground=context.area_shapes["la"].only(keep),
    )
    return figures_map.filled_map(view_map, level="la", height=MAP_HEIGHT)


@dataclass(frozen=True)
class PrintedPanel:
    """A drill-down as it is printed: the chart's own title and coverage over its numbers as a
    two-column table (on A4 a table of eight charts takes a third of the room, and no label is
    clipped), with its source note in full."""

    key: str
    title: str
    coverage: str
    header: tuple[str, str]
    rows: tuple[tuple[str, str], ...]
    note: str


def printed_panel(view: OverviewView, key: str) -> PrintedPanel:
    """Panel ``key`` on paper. The numbers are the chart's text alternative
    (:func:`overview_view.panel_alternative`); a bar's label is the chart's own (the behaviours
    the survey names as gaps keep their asterisk, which the title explains)."""
    locale = view.locale
    panel = panel_registry.panel(key)
    _summary, header, rows = overview_view.panel_alternative(view, key)
    if key == panel_registry.FUNDING_END:
        # On screen a dashed line marks the current year; on paper the year is said.
        coverage = locale("Current financial year {year}").format(year=view.current_year)
    else:
        breakdown = view.breakdowns[key]
        series, labels, _title = overview_view.chart_inputs(panel, breakdown, locale)
        rows = [
            (labels[category], number)
            for category, (_label, number) in zip(series.index, rows, strict=True)
        ]
        coverage = overview_view.coverage_text(breakdown, locale)
    rule = " ".join(locale(step) for step in precarity.RULE_STEPS)
    return PrintedPanel(
        key=key,
        title=locale(panel.chart_title or panel.title),
        coverage=coverage,
        header=header,
        rows=tuple(rows),
        note=locale(panel.note).format(rule=rule),
    )
