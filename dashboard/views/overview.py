"""The overview's view: one typed value per URL state, and the text and tables drawn from it.

:func:`compute_view` is the only place the overview counts anything, through
:mod:`dashboard.domain.counting`: the provision scope (current by default), local services with
all-Wales services beside them unless added, shares over known values. The server computes a view
once per state and data (see :mod:`dashboard.views.page_views`); callbacks ask for it by the state's
URL and draw from it. The rest of this module turns a view into the words and tables on the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from dashboard import i18n
from dashboard.data import vocabulary as vocab
from dashboard.domain import counting, currency, model
from dashboard.domain.context import AppContext
from dashboard.views import coverage_text as coverage_words
from dashboard.views import figures, panel_registry
from dashboard.views.coverage_text import Comparison
from dashboard.views.map_values import area_state_lines, map_values
from dashboard.views.panel_registry import FUNDING_END, Panel
from dashboard.views.state import ViewState, to_url

#: Most rows the overview lists (the directory page has them all, in a virtualised grid). Every
#: row is eight components that dash-renderer re-renders on each update: at 200 rows a browser spent
#: 24 s drawing one update (benchmark, 1,000 interventions); 50 covers the whole shipped directory.
LIST_LIMIT: Final = 50
LIST_COLUMNS: Final = (
    "id",
    "name",
    "provider",
    "police_force_areas",
    "vawdasv_regions",
    "status",
    "precarity",
    "evidence_rung",
    "described_year",
)


@dataclass(frozen=True)
class Breakdown:
    """One drill-down's counts, and how many counted services have its attribute known."""

    counts: Mapping[str, int]
    known: int
    services: int

    @property
    def complete(self) -> bool:
        """Every counted service is classified: a zero is "none recorded", else "not known"."""
        return counting.none_recorded(self.known, self.services)


@dataclass(frozen=True)
class FundingEnd:
    """Interventions by the financial year their funding ends (rows) and funder (columns)."""

    years: tuple[str, ...]
    funders: tuple[str, ...]
    values: tuple[tuple[int, ...], ...]

    def table(self) -> pd.DataFrame:
        values = np.array(self.values, dtype=int).reshape(len(self.years), len(self.funders))
        return pd.DataFrame(values, index=list(self.years), columns=list(self.funders))


@dataclass(frozen=True)
class WalesFigure:
    """The Wales comparator, counted the same way as the areas."""

    count: int
    per_100k: float
    includes_all_wales: bool


@dataclass(frozen=True)
class OverviewView:
    """Everything the overview draws for one state."""

    state: ViewState
    area_name: str
    #: Services in the provision scope that match the filters.
    matching: int
    #: Services in the provision scope.
    total: int
    directory_size: int
    not_current: int
    #: Matching services counted in the selected area (all matching when none is selected).
    selected: int
    unplaced: int
    all_wales_matching: int
    wales: WalesFigure
    #: The map's trace properties (:func:`dashboard.views.map_values.map_values`).
    map: Mapping[str, Any]
    breakdowns: Mapping[str, Breakdown]
    kinds: Mapping[str, int]
    funding_end: FundingEnd
    current_year: str
    #: One record per area of the level: the counts behind the map (its CSV).
    areas: tuple[Mapping[str, Any], ...]
    rows: tuple[Mapping[str, Any], ...]
    rows_total: int
    #: Whether the areas can be compared (ranked, coloured on one scale, set against Wales), and
    #: the words beside the map.
    comparison: Comparison
    #: The map's coverage key: (class label, area names) per kind of coverage shown, when the
    #: areas are coloured by coverage.
    coverage_key: tuple[tuple[int, str, tuple[str, ...]], ...]
    #: The 2023 survey's finding about this level's areas: sentence, quote, citation.
    survey_finding: tuple[str, str, str]
    #: When the counted services were last described ("last described in 2023 for 20, ...").
    currency: str
    #: Services delivered in prisons in Wales, apart from the areas' counts.
    custody: str
    #: The data date (the latest check of any row): the base of the currency horizon.
    data_date: str = ""

    @property
    def lang(self) -> str:
        return self.state.lang

    @property
    def locale(self) -> i18n.Locale:
        return i18n.locale_for(self.state.lang)

    @property
    def level(self) -> str:
        return self.state.level

    @property
    def area(self) -> str | None:
        return self.state.area

    @property
    def provision(self) -> str:
        return self.state.provision

    @property
    def include_all_wales(self) -> bool:
        return self.state.include_all_wales

    @property
    def key(self) -> str:
        """The state's canonical URL: what the browser keeps, and what the view is cached by."""
        path, search = to_url(self.state)
        return path + search


def compute_view(context: AppContext, state: ViewState) -> OverviewView:
    """The overview's view of ``state`` (a valid state: see :mod:`dashboard.views.state`)."""
    directory = context.directory
    locale = i18n.locale_for(state.lang)
    scope = counting.provision_mask(directory, state.provision)
    if state.compare and state.compare in context.listed:
        scope = scope & context.listed[state.compare]
    matching = model.filter_mask(directory, state.filters) & scope
    compared = coverage_words.comparison(context, state.level, state.compare, locale)
    statements = coverage_words.area_statements(context, state.level, locale)
    table = _area_table(context, state, matching, compared.comparable, statements, locale)
    wales = counting.wales_comparator(
        directory,
        matching,
        state.level,
        state.include_all_wales,
        context.population_16_plus["wales"]["wales"],
    )
    names = context.names(state.lang, state.level)
    map_update = map_values(
        table,
        level=state.level,
        metric=state.metric,
        names=names,
        selected=state.area,
        locale=locale,
        points=context.label_points[state.level],
        extent=context.map_extent(state.level),
        coverage_classes=None
        if compared.comparable
        else coverage_words.coverage_classes(context, state.level),
        coverage=statements,
        ground=context.area_shapes[state.level],
    )
    selection = matching & selected_services(directory, state)
    rows = model.matching_rows(directory, selection, LIST_COLUMNS, limit=LIST_LIMIT)
    return OverviewView(
        state=state,
        area_name=names.get(state.area, "") if state.area else "",
        matching=int(matching.sum()),
        total=int(scope.sum()),
        directory_size=directory.size,
        not_current=int((~counting.current_mask(directory)).sum()),
        selected=int(selection.sum()),
        unplaced=counting.unplaced(directory, matching, state.level, state.include_all_wales),
        all_wales_matching=int((matching & counting.national_mask(directory)).sum()),
        wales=WalesFigure(
            count=wales.count,
            per_100k=wales.per_100k,
            includes_all_wales=wales.includes_all_wales,
        ),
        map=map_update,
        breakdowns=_breakdowns(directory, selection),
        # Every kind is counted unless filtered out; the note under the map says how many of each.
        kinds={
            kind: int(count)
            for kind, count in model.breakdown(directory, matching, "kind").items()
            if count
        },
        funding_end=_funding_end(directory, selection),
        current_year=directory.current_year,
        areas=tuple(table.assign(area_name=table["area_id"].map(names)).to_dict("records")),
        rows=tuple(rows.to_dict("records")),
        rows_total=int(selection.sum()),
        comparison=compared,
        coverage_key=()
        if compared.comparable
        else coverage_words.coverage_key(context, state.level, names, locale),
        survey_finding=coverage_words.survey_finding(
            context,
            state.level,
            dict(zip(table["area_id"], table["local_count"].astype(int), strict=True)),
            names,
            locale,
        ),
        currency=coverage_words.currency_text(context, matching, locale),
        custody=coverage_words.custody_text(context, matching, locale),
        data_date=context.data_date,
    )


def _area_table(
    context: AppContext,
    state: ViewState,
    matching: np.ndarray,
    comparable: bool,
    statements: Mapping[str, str],
    locale: i18n.Locale,
) -> pd.DataFrame:
    """The counts of ``matching`` services in each area of the level (the map's values and its
    CSV), with each area's coverage statement and when its counted services were described."""
    directory = context.directory
    table = counting.area_counts(
        directory,
        matching,
        state.level,
        state.include_all_wales,
        context.population_16_plus[state.level],
        comparable=comparable,
    )
    table["coverage"] = table["area_id"].map(statements)
    years = directory.frame["described_year"].to_numpy()
    local = counting.local_matrix(directory, state.level) & matching[:, None]
    table["last_described"] = [
        coverage_words.described_text(currency.described_years(years[local[:, index]]), locale)
        for index in range(local.shape[1])
    ]
    return table


def _breakdowns(directory: model.Directory, selection: np.ndarray) -> dict[str, Breakdown]:
    """Each drill-down panel's counts of the selected services, with how many are known."""
    breakdowns = {}
    for panel in panel_registry.breakdown_panels():
        counts, known, services = counting.breakdown_with_known(directory, selection, panel.column)
        breakdowns[panel.key] = Breakdown(
            counts={key: int(value) for key, value in counts.items()},
            known=int(known),
            services=int(services),
        )
    return breakdowns


def _funding_end(directory: model.Directory, selection: np.ndarray) -> FundingEnd:
    """The selected services by the year their funding ends and their funder."""
    funding = model.funding_end_by_funder(directory, selection)
    return FundingEnd(
        years=tuple(str(year) for year in funding.index),
        funders=tuple(funding.columns),
        values=tuple(tuple(int(value) for value in row) for row in funding.to_numpy()),
    )


def selected_services(directory: model.Directory, state: ViewState) -> np.ndarray:
    """The services counted in the selected area (all of Wales, national included, if none)."""
    area_ids = directory.area_ids.get(state.level, ())
    if not state.area or state.area not in area_ids:
        return np.ones(directory.size, dtype=bool)
    column = area_ids.index(state.area)
    return counting.counted_matrix(directory, state.level, state.include_all_wales)[:, column]


# -- drill-down charts ---------------------------------------------------------------------------
def coverage_text(breakdown: Breakdown, locale: i18n.Locale) -> str:
    """ "known for 4 of 13": how many of the counted services have the panel's attribute."""
    return locale("known for {known} of {services}").format(
        known=locale.number(breakdown.known), services=locale.number(breakdown.services)
    )


def value_labels(locale: i18n.Locale, values) -> Mapping[str, str]:
    return {value: locale(value) for value in values}


def chart_inputs(
    panel: Panel, breakdown: Breakdown, locale: i18n.Locale
) -> tuple[pd.Series, Mapping[str, str], str]:
    """The counts, bar labels and title of one drill-down bar chart."""
    series = pd.Series(dict(breakdown.counts), dtype="int64")
    if panel.key == "behaviour":
        # Gaps are the point: the behaviours the survey names as gaps are always listed.
        labels = {
            value: locale(value) + (" *" if value in vocab.GAP_BEHAVIOUR_FOCUSES else "")
            for value in series.index
        }
    else:
        labels = value_labels(locale, series.index)
    title = locale(panel.chart_title or panel.title)
    # The coverage on a line of its own, so that long (Welsh) titles stay clear of the toolbar.
    title = f"{title}<br><span style='font-size:13px'>{coverage_text(breakdown, locale)}</span>"
    return series, labels, title


def bar_figure(panel: Panel, breakdown: Breakdown, locale: i18n.Locale):
    """One drill-down bar chart, built with plotly's validated objects."""
    series, labels, title = chart_inputs(panel, breakdown, locale)
    return figures.bar_chart(
        series, labels=labels, title=title, locale=locale, complete=breakdown.complete
    )


def funding_figure(funding_end: FundingEnd, current_year: str, locale: i18n.Locale):
    """The funding-end chart, built with plotly's validated objects."""
    return figures.funding_end_chart(
        funding_end.table(),
        current_year=current_year,
        labels=value_labels(locale, funding_end.funders),
        title=locale(panel_registry.panel(FUNDING_END).title),
        locale=locale,
    )


def panel_figure(view: OverviewView, key: str):
    """Panel ``key``'s chart for ``view`` (validated objects; the page uses the fast path)."""
    if key == FUNDING_END:
        return funding_figure(view.funding_end, view.current_year, view.locale)
    return bar_figure(panel_registry.panel(key), view.breakdowns[key], view.locale)


# -- words under the map -------------------------------------------------------------------------
def provision_label(view: OverviewView) -> str:
    """Which services the figures count, in words (shown wherever a count is)."""
    if view.provision == counting.ALL_STATUSES:
        return view.locale("All statuses: ended and planned services included")
    return view.locale("Current provision: active and pilot services")


def match_text(view: OverviewView) -> str:
    locale = view.locale
    if view.provision == counting.ALL_STATUSES:
        text = locale("{matching} of {total} interventions (all statuses) match the filters.")
    else:
        text = locale("{matching} of {total} current interventions match the filters.")
    text = text.format(matching=locale.number(view.matching), total=locale.number(view.total))
    if view.area:
        text += " " + locale("{selected} of them in {area}.").format(
            selected=locale.number(view.selected), area=view.area_name
        )
    return text


def _not_counted_line(view: OverviewView, *, for_file: bool) -> str:
    """How many services are not current provision, so not counted, and how to count them."""
    locale = view.locale
    not_counted = (
        locale(
            "{n} ended, planned or unknown-status services are not counted: they are not "
            "current provision. A report made with 'Include ended and planned services' on "
            "counts them."
        )
        if for_file
        else locale(
            "{n} ended, planned or unknown-status services are not counted; choose "
            "'Include ended and planned services' to see them."
        )
    )
    return not_counted.format(n=locale.number(view.not_current))


def _all_wales_line(view: OverviewView) -> str:
    """Whether the services available across all of Wales are counted in the areas."""
    locale = view.locale
    n = locale.number(view.all_wales_matching)
    if view.include_all_wales:
        return locale(
            "Includes {n} services available across all of Wales, counted in every area; "
            "the Wales comparison includes them too."
        ).format(n=n)
    return locale(
        "Local services only: +{n} available across all of Wales, not added into any "
        "area; the Wales comparison counts local services only."
    ).format(n=n)


def map_note_lines(view: OverviewView, *, for_file: bool = False) -> list[str]:
    """Plain-text notes under the map: what is counted, areas with none, too little known,
    all-Wales services, what is not placed. ``for_file``: for the report, a file with no controls,
    which says what it does not count without asking the reader to choose anything."""
    locale = view.locale
    lines = [provision_label(view) + "."]
    if view.provision != counting.ALL_STATUSES and view.not_current:
        lines.append(_not_counted_line(view, for_file=for_file))
    lines.extend(area_state_lines(view.map, locale))
    lines.append(_all_wales_line(view))
    if view.kinds:
        lines.append(
            locale("Kinds counted: {list}.").format(
                list="; ".join(
                    f"{locale(kind)} {locale.number(count)}" for kind, count in view.kinds.items()
                )
            )
        )
    if view.comparison.comparable:
        lines.append(
            locale("Wales: {count} services, {rate} per 100,000 aged 16+.").format(
                count=locale.number(view.wales.count), rate=locale.number(view.wales.per_100k, 1)
            )
        )
    if view.currency:
        lines.append(locale("Counted services: {currency}.").format(currency=view.currency))
    if view.level == "la":
        lines.append(
            locale(
                "A local authority counts only the services placed in it; services recorded "
                "across its region or police force area are shown beside its count (hover), "
                "not added into it."
            )
        )
    if view.custody:
        lines.append(view.custody)
    if view.unplaced:
        lines.append(
            locale(
                "{n} matching interventions have no recorded area at this level (the area is unknown, "
                "or recorded only more broadly) and are not on this map."
            ).format(n=view.unplaced)
        )
    return lines


# -- tables: downloads and text alternatives -----------------------------------------------------
def panel_table(view: OverviewView, panel: str) -> pd.DataFrame | None:
    """The data behind one overview panel, as drawn, for CSV download (None when unknown)."""
    if panel in view.breakdowns:
        breakdown = view.breakdowns[panel]
        return pd.DataFrame(
            {
                "category": list(breakdown.counts),
                "interventions": list(breakdown.counts.values()),
                # The coverage travels with the numbers: how many counted services have the
                # attribute known, out of how many, and which services were counted.
                "known_for": breakdown.known,
                "services_counted": breakdown.services,
                "provision": view.provision,
                "all_wales_services_added": view.include_all_wales,
            }
        )
    if panel == FUNDING_END:
        return view.funding_end.table().rename_axis("funding_end").reset_index()
    if panel == "map":
        return pd.DataFrame(list(view.areas))
    if panel == "list":
        return pd.DataFrame(list(view.rows))
    return None


def panel_alternative(
    view: OverviewView, key: str
) -> tuple[str, tuple[str, str], list[tuple[str, str]]]:
    """Summary sentence, table header and rows for one panel (the chart's text alternative)."""
    locale = view.locale
    if key == FUNDING_END:
        data = view.funding_end
        rows = [
            # A year is "unknown" where no end date is stated: translated like the chart's axis.
            (f"{locale(year)} · {locale(funder)}", locale.number(data.values[i][j]))
            for i, year in enumerate(data.years)
            for j, funder in enumerate(data.funders)
            if data.values[i][j]
        ]
        total = sum(sum(row) for row in data.values)
        summary = locale(
            "When funding ends, by funder: {n} interventions in {k} year and funder groups."
        ).format(n=total, k=len(rows))
        return summary, (locale("Financial year and funder"), locale("Interventions")), rows
    title = locale(panel_registry.panel(key).title)
    breakdown = view.breakdowns[key]
    rows = [
        (locale(category), figures.count_text(count, complete=breakdown.complete, locale=locale))
        for category, count in breakdown.counts.items()
    ]
    listed = "; ".join(f"{label} {value}" for label, value in rows)
    summary = locale("{title}: {list}.").format(title=title, list=listed)
    return summary, (title, locale("Interventions")), rows
