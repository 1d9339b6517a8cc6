"""Overview page: map of provision with controls, filters and drill-down panels."""

from __future__ import annotations

from dataclasses import replace
from typing import Final

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.data import column_registry
from dashboard.domain import counting, precarity
from dashboard.domain.context import AppContext
from dashboard.domain.model import offered_filters
from dashboard.i18n import N_, Locale, Translate
from dashboard.views import coverage_text, page_views
from dashboard.views import overview as overview_view
from dashboard.views import state as view_state
from dashboard.views.cache import ViewCache
from dashboard.views.figures_map import filled_map
from dashboard.views.measures import LEVEL_LABELS, MEASURES
from dashboard.views.overview import OverviewView
from dashboard.views.state import ALL_AREAS, ViewState
from dashboard.views.theme import COVERAGE_COLOURS
from dashboard.web import ids
from dashboard.web.pages import Address, Page
from layouts.components import (
    citation,
    csv_button,
    graph_config,
    provision_control,
    radio_fieldset,
    source_note,
)
from layouts.drilldown import drill_down_title, list_summary, survey_figures


def area_options(context: AppContext, level: str, locale: Locale) -> list[dict]:
    names = context.names(locale.lang, level)
    return [{"label": locale("All of Wales"), "value": ALL_AREAS}] + [
        {"label": name, "value": area_id}
        for area_id, name in sorted(names.items(), key=lambda item: item[1])
    ]


def filter_label(key: str) -> str:
    """A filter's heading (English msgid): its column's label in ``columns.toml``."""
    return column_registry.column(offered_filters()[key][0]).label


def filter_options(key: str, _: Translate) -> list[dict]:
    return [{"label": _(value), "value": value} for value in offered_filters()[key][1]]


def filter_group(key: str, state: ViewState, _: Translate) -> html.Details:
    """One filter as a group of checkboxes in a collapsible section (native and keyboard-friendly)."""
    selected = list(state.filters.get(key, ()))
    return html.Details(
        [
            html.Summary(_(filter_label(key)), className="filter-summary"),
            dbc.Checklist(
                id=ids.filter_id(key),
                options=filter_options(key, _),
                value=selected,
                className="filter-options",
            ),
        ],
        open=bool(selected),
        className="filter",
    )


def method_note(_: Translate) -> str:
    """The counting rules, word for word, then the metric definitions."""
    rule = " ".join(_(step) for step in precarity.RULE_STEPS)
    rules = " ".join(_(text) for text in counting.RULES.values())
    return (
        rules
        + " "
        + _(
            "Rates use the ONS mid-2024 population aged 16 and over. 'Externally evaluated or "
            "accredited' means Respect or CSAAP accreditation, or an independent or randomised "
            "evaluation. Funding precarity bands (the share in the high precarity band counts "
            "the high band only): {rule}"
        ).format(rule=rule)
    )


def controls(context: AppContext, state: ViewState, locale: Locale) -> html.Div:
    _ = locale
    return html.Div(
        [
            radio_fieldset(
                _("Map areas"),
                ids.LEVEL,
                state.level,
                [(level, _(label)) for level, label in LEVEL_LABELS.items()],
            ),
            radio_fieldset(
                _("Measure"),
                ids.METRIC,
                state.metric,
                [(measure.key, _(measure.label)) for measure in MEASURES],
            ),
            compare_control(context, state, locale),
            provision_control(state.provision, locale),
            dbc.Switch(
                id=ids.ALL_WALES,
                label=_("Add services available across all of Wales into each area"),
                value=state.include_all_wales,
                className="control-switch",
            ),
            html.Label(_("Area (or click the map)"), htmlFor=ids.AREA, className="control-label"),
            dbc.Select(
                id=ids.AREA,
                options=area_options(context, state.level, locale),
                value=state.area or ALL_AREAS,
            ),
            html.H2(_("Filters"), className="control-heading"),
            *[filter_group(key, state, _) for key in offered_filters()],
            dbc.Button(
                _("Clear filters"), id=ids.RESET, color="secondary", outline=True, className="mt-2"
            ),
        ],
        className="controls",
    )


#: The compare control's value for "every service named" (no one source's list).
EVERY_SERVICE = "named"


def compare_control(context: AppContext, state: ViewState, locale: Locale) -> html.Fieldset:
    """Which services the map counts: every service the documents name (areas not compared),
    or only those one source lists alike for every area (compared)."""
    options = [(EVERY_SERVICE, locale("Every service the documents name"))]
    for scope in context.coverage.comparable_scopes():
        options.append(
            (
                scope.id,
                locale("Only the programmes {source} lists ({year}): compared").format(
                    source=coverage_text.source_name(context, scope.file, locale), year=scope.year
                ),
            )
        )
    return radio_fieldset(
        locale("Services on the map"), ids.COMPARE, state.compare or EVERY_SERVICE, options
    )


def coverage_aside(context: AppContext, view: OverviewView) -> list:
    """Beside the map: whether its areas are compared and why; the coverage key; what the 2023
    survey found about these areas, visible without opening anything."""
    locale = view.locale
    children: list = [
        html.H2(locale("How the sources cover these areas"), className="aside-title"),
        html.P(view.comparison.reason, className="comparison-reason"),
    ]
    sentence, quote, source = view.survey_finding
    if sentence:
        children += [
            html.H3(locale("What the 2023 survey found"), className="aside-subtitle"),
            html.P(sentence),
            html.Blockquote(
                [
                    html.Span(f"“{quote}”", lang="en"),
                    " ",
                    citation(source, class_name="small"),
                ],
                className="survey-quote",
            ),
        ]
    if view.coverage_key:
        children.append(
            html.Ul(
                [
                    html.Li(
                        [
                            html.Span(
                                className="coverage-swatch",
                                style={"backgroundColor": COVERAGE_COLOURS[klass]},
                                **{"aria-hidden": "true"},
                            ),
                            html.Strong(", ".join(areas)),
                            f": {statement}.",
                        ]
                    )
                    for klass, statement, areas in view.coverage_key
                ],
                className="coverage-key",
            )
        )
    if view.comparison.offer:
        scope = context.coverage.comparable_scopes()[0]
        target = view_state.to_url(
            replace(view.state, level=scope.level, compare=scope.id, area=None)
        )
        children.append(
            html.P(
                dcc.Link(view.comparison.offer, href=target[0] + target[1]),
                className="compare-offer",
            )
        )
    return children


def banner(context: AppContext, locale: Locale) -> dbc.Alert:
    text = coverage_text.directory_note(context, locale)
    return dbc.Alert(text, color="info", className="honesty-banner", id="ov-banner")


def overview_heading(context: AppContext, state: ViewState, locale: Locale) -> str:
    """The overview's heading: the selected area's name, or Wales."""
    name = context.names(locale.lang, state.level).get(state.area or "")
    return name or locale("Provision across Wales")


def map_notes(view: OverviewView) -> html.Ul:
    """What the map shows and leaves out, a line each."""
    return html.Ul([html.Li(line) for line in overview_view.map_note_lines(view)])


def profile_link(view: OverviewView) -> dcc.Link | None:
    """A link to the selected area's profile (force areas and regions have one), or nothing."""
    target = view_state.profile_href(view.level, view.area, view.lang) if view.area else None
    if target is None:
        return None
    return dcc.Link(
        view.locale("Open the profile of {area} (for printing)").format(area=view.area_name),
        href=target,
    )


def overview_page(context: AppContext, view: OverviewView, pathname: str, search: str) -> html.Div:
    """The overview of ``view``, opened at ``pathname`` and ``search``: controls, the map drawn
    with its notes, the drill-down's heading, the place of its panels and the list's. The page
    comes drawn for its view, so no callback runs when it opens (its Location starts at the
    address the browser shows, so it reports no change); the panels are mounted once the map is
    drawn, and callbacks draw everything again when the view changes."""
    return html.Div(
        [
            dcc.Location(id=ids.OV_URL, refresh=False, pathname=pathname, search=search),
            banner(context, view.locale),
            dbc.Row(
                [
                    dbc.Col(
                        controls(context, view.state, view.locale),
                        lg=3,
                        md=4,
                        className="controls-col",
                    ),
                    dbc.Col(map_section(context, view), lg=9, md=8),
                ],
                className="g-4",
            ),
            *drill_down_section(context, view),
        ],
        className="overview",
    )


def map_section(context: AppContext, view: OverviewView) -> list:
    """Beside the controls: the heading and count, the profile link, the map with the coverage
    beside it, its notes, its downloads and the method."""
    locale = view.locale
    return [
        html.Div(
            [
                html.H1(
                    overview_heading(context, view.state, locale),
                    id=ids.OV_TITLE,
                    className="page-title",
                ),
                html.P(
                    overview_view.match_text(view),
                    id=ids.MATCH_COUNT,
                    className="match-count",
                    **{"aria-live": "polite"},
                ),
            ],
            className="title-row",
        ),
        html.Div(profile_link(view), id=ids.PROFILE_LINK, className="profile-link"),
        # The key of the view the map shows, so that it is not drawn twice.
        dcc.Store(id=ids.MAP_DRAWN, data=view.key),
        map_and_coverage(context, view),
        html.Div(map_notes(view), id=ids.MAP_NOTE, className="map-note"),
        map_downloads(locale),
        source_note(method_note(locale), locale),
    ]


def map_and_coverage(context: AppContext, view: OverviewView) -> dbc.Row:
    """The map drawn for its view, and beside it how the sources cover its areas."""
    return dbc.Row(
        [
            dbc.Col(
                dcc.Graph(
                    id=ids.MAP,
                    figure=filled_map(view.map, level=view.state.level),
                    config={
                        **graph_config(view.locale.lang, "wales-provision-map"),
                        "scrollZoom": False,
                    },
                    className="map-graph",
                ),
                xl=8,
                lg=7,
            ),
            dbc.Col(
                html.Aside(
                    coverage_aside(context, view),
                    id=ids.COVERAGE_NOTE,
                    className="coverage-aside",
                ),
                xl=4,
                lg=5,
            ),
        ],
        className="g-2",
    )


def map_downloads(locale: Locale) -> html.Div:
    """The map's numbers as CSV, and the view as a report."""
    return html.Div(
        [
            csv_button("map", locale, page="overview"),
            dbc.Button(
                locale("Download this view as a report (HTML)"),
                id=ids.EXPORT_REPORT_BUTTON,
                color="primary",
                size="sm",
                className="ms-2",
            ),
            dcc.Download(id=ids.EXPORT_REPORT),
        ],
        className="panel-actions",
    )


def drill_down_section(context: AppContext, view: OverviewView) -> list:
    """Under the map: the drill-down's heading and the place of its panels (with the stores that
    mount them), the survey's figures and the list of interventions."""
    locale = view.locale
    return [
        dcc.Store(id=ids.PANELS_READY),
        dcc.Store(id=ids.PANEL_CHARTS_MOUNTED),
        dcc.Store(id=ids.CHARTS_SHOWN),
        dcc.Store(id=ids.PENDING_CHARTS),
        html.H2(drill_down_title(view), id=ids.PANEL_TITLE, className="panel-title"),
        # Filled once the map is drawn (see callbacks.overview): rendered first, the panels
        # held the map back.
        html.Div(id=ids.PANELS, className="panels-place"),
        survey_figures(context.bundle.survey, locale),
        html.H2(locale("Interventions in this view"), className="panel-title"),
        html.Div(csv_button("list", locale, page="overview"), className="panel-actions"),
        # Drawn only while open (see callbacks.overview): closed, its few hundred cells are not
        # re-rendered on every click, which kept the panels waiting.
        html.Details(
            [
                html.Summary(list_summary(view), id=ids.PANEL_LIST_TOGGLE),
                html.Div(id=ids.PANEL_LIST, className="intervention-list"),
            ],
            className="intervention-list-details",
        ),
    ]


def page_body(context: AppContext, cache: ViewCache, address: Address, locale: Locale) -> html.Div:
    # The view the page opens on, computed once for the page and every callback after it.
    view = page_views.overview_view(cache, context, address.state)
    return overview_page(context, view, address.pathname, address.search)


def overview_key(context: AppContext, cache: ViewCache, address: Address) -> str:
    """The key of the view the overview opens on (see :func:`page_body`)."""
    return page_views.overview_view(cache, context, address.state).key


OVERVIEW_TITLE: Final = N_("Overview – VAWDASV perpetration interventions in Wales")
PAGE: Final = Page(
    "overview",
    "/",
    page_body,
    OVERVIEW_TITLE,
    N_("Overview"),
    follows_url=True,
    view_key=overview_key,
)
