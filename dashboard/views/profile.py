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
from typing import Any, Final

import numpy as np

from dashboard import i18n
from dashboard.data import vocabulary as vocab
from dashboard.data.geo import slugify
from dashboard.domain import cells as cells_module
from dashboard.domain import cliff, counting, need, precarity
from dashboard.domain.cells import gap_cells
from dashboard.domain.context import AppContext
from dashboard.views import coverage_text as coverage_words
from dashboard.views import figures_map, map_labels, panel_registry
from dashboard.views import overview as overview_view
from dashboard.views.overview import OverviewView
from dashboard.views.review import documented_gaps, force_population

#: The lookup's column naming each local authority's area of a level.
LOOKUP_COLUMN: Final = {"force": "police_force_area", "region": "vawdasv_region"}
#: The profile map's height on screen (pixels); print CSS scales it to the page.
MAP_HEIGHT: Final = 430


def area_las(context: AppContext, level: str, area_id: str) -> list[str]:
    """The local authorities (their map ids) of one force area or region, from the lookup."""
    lookup = context.bundle.lookup
    inside = lookup[lookup[LOOKUP_COLUMN[level]].map(slugify) == area_id]
    return [slugify(name) for name in inside["la_name_en"]]


def _crime(context: AppContext, name_en: str) -> dict:
    """The force's recorded-crime indicators beside Wales and England and Wales."""
    indicators = need.primary_indicators(context.bundle.criminal_justice, force_population(context))
    wanted = indicators[indicators["area"].isin([name_en, "Wales", "England and Wales"])]
    order = list(need.NEED_MEASURES)
    counts = wanted.pivot(index="measure", columns="area", values="count").reindex(order)
    rates = wanted.pivot(index="measure", columns="area", values="rate_per_1000").reindex(order)
    sources = wanted["source"].dropna().unique().tolist()
    return {
        "counts": counts,
        "rates": rates,
        "period": need.P1_PERIOD,
        "sources": sources,
    }


def area_summary(
    context: AppContext,
    *,
    level: str,
    area_id: str,
    lang: str,
    provision: str = counting.CURRENT,
    as_of: dt.date | None = None,
) -> dict:
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
    national = counting.national_mask(directory) & mask
    locale = i18n.locale_for(lang)
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
    wales = counting.wales_comparator(
        directory, mask, level, False, context.population_16_plus["wales"]["wales"]
    )
    documented = documented_gaps(context)
    area_coverage = context.coverage.areas[level][area_id]
    coverage_index = cells_module.coverage_index(context.coverage, level)

    def cells(column_name: str, values: tuple[str, ...]) -> Mapping[str, Any]:
        wanted = [value for value in values if value != vocab.UNKNOWN]
        return gap_cells(
            directory, mask, level, False, column_name, wanted, documented, coverage_index
        )[area_id]

    tier_cells = cells("service_tier", vocab.SERVICE_TIERS)
    behaviour_cells = cells("behaviour_focus", vocab.BEHAVIOUR_FOCUSES)
    bands, precarity_known, services = counting.breakdown_with_known(directory, local, "precarity")
    ending = cliff.horizon_counts(cliff.cliff_edge(directory, local, as_of or dt.date.today()))
    medium_level = counting.value_matrix(directory, "risk_level", counting.MEDIUM_RISK_LEVEL)
    return {
        "level": level,
        "name": context.names(lang, level)[area_id],
        "name_en": area.name_en,
        "provision": provision,
        "local_count": int(local.sum()),
        # Recorded here but not current provision (ended, planned, unknown status): said beside
        # the count, never added in (0 when every status is counted).
        "not_counted": int(np.count_nonzero(recorded_here & ~mask)),
        "all_wales_count": int(national.sum()),
        # Ranked only where the areas' coverage is alike (issue 21): else None, with the reason.
        "rank": row.get("count_rank") if compared.comparable else None,
        "areas_ranked": len(table),
        "comparable": compared.comparable,
        "comparison_reason": compared.reason,
        "comparison_offer": compared.offer,
        "coverage": coverage_words.area_statement(context, area_coverage, locale),
        "currency": coverage_words.currency_text(context, local, locale),
        "wider_count": int(
            np.count_nonzero(counting.wider_matrix(directory, level)[:, column] & mask)
        ),
        "custody": _custody_here(context, level, area_id, mask),
        "source_years": {
            row.file: int(row.year) for row in context.bundle.sources.itertuples(index=False)
        },
        "per_100k": float(row["per_100k"]),
        "wales_per_100k": wales.per_100k,
        "wales_count": wales.count,
        "tier_cells": tier_cells,
        "behaviour_cells": behaviour_cells,
        "medium_risk_tier": tier_cells[counting.MEDIUM_RISK_TIER].count,
        # A service with no stated tier is not known to be outside the medium-risk tier.
        "tier_known": tier_cells[counting.MEDIUM_RISK_TIER].services
        - tier_cells[counting.MEDIUM_RISK_TIER].unclassified,
        "medium_risk_level": int(np.count_nonzero(local & medium_level)),
        "risk_level_known": int(
            np.count_nonzero(local & counting.known_mask(directory, "risk_level"))
        ),
        "bands": bands.to_dict(),
        "precarity_known": precarity_known,
        "services": services,
        "ending_within_12_months": int(ending[cliff.WITHIN_12_MONTHS]),
        "funding_end_known": int(services - ending[cliff.NOT_STATED]),
        "crime": _crime(context, area.name_en) if level == "force" else None,
        # Domestic abuse-related crime (secondary figures, one period; see need.py), or None.
        "domestic_abuse": (
            need.domestic_abuse_indicator(context.bundle.criminal_justice, area.name_en)
            if level == "force"
            else None
        ),
    }


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


def area_map(context: AppContext, la_view: OverviewView, level: str, area_id: str) -> dict:
    """The area's own map: ``la_view``'s local-authority map (the overview's view of the same
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
