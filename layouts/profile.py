"""An area's profile, for PCC offices (``/force/<area>``) and the Board's regional advisers
(``/region/<area>``): the area's name, its own map of its local authorities, its summary, then
its drill-downs and interventions. Drawn once with the page (no callback), so it prints on A4
as it shows: the print CSS (``assets/30-profile.css``) hides the buttons and navigation and
repeats the source and data date at the foot of every printed page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType
from typing import Any, Final

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.domain.context import AppContext
from dashboard.i18n import N_, Locale
from dashboard.views import coverage_text, figure_parts, page_views, panel_registry
from dashboard.views import profile as profile_view
from dashboard.views import state as view_state
from dashboard.views.cache import ViewCache
from dashboard.views.figures_map import metric_label
from dashboard.views.overview import OverviewView
from dashboard.views.profile import AreaSummary
from dashboard.views.state import ViewState
from dashboard.web import ids
from dashboard.web.pages import Address, Page
from layouts.components import data_table, graph_config
from layouts.drilldown import chart_table, intervention_table, panels_grid
from layouts.overview import PAGE as OVERVIEW_PAGE
from layouts.profile_crime import crime_section, domestic_abuse_section
from layouts.profile_summary import cells_section, key_figures

INDEX_TITLE = MappingProxyType({"force": N_("Police force areas"), "region": N_("VAWDASV regions")})
KIND_OF_AREA = MappingProxyType(
    {"force": N_("Police force area profile"), "region": N_("VAWDASV region profile")}
)


def profile_page(
    *,
    summary: AreaSummary,
    map_figure,
    la_rows: Sequence[Mapping[str, Any]],
    view: OverviewView,
    data_date: str,
    directory_note: str,
    locale: Locale,
    report_href: str | None = None,
) -> html.Table:
    """The profile of ``summary``'s area; ``view`` is the overview's view of it (the drill-downs
    and the list) and ``la_rows`` its local authorities' rows of the map's table;
    ``directory_note`` says what the directory is not (the 2023 survey's dataset), on screen and
    on the first printed page. With no ``report_href`` the profile is drawn for its report, a
    static file: without the links and buttons a file cannot use."""
    return print_frame(
        [
            title_row(summary, view, data_date, locale, report_href),
            html.P(directory_note, className="profile-directory-note"),
            profile_top(summary, map_figure, la_rows, view, locale),
            crime_section(summary, locale),
            *drill_down_section(summary.name, view, locale, deferred=report_href is not None),
        ],
        print_footer(data_date, locale),
        className=f"profile profile-{summary.level}",
    )


def title_row(
    summary: AreaSummary,
    view: OverviewView,
    data_date: str,
    locale: Locale,
    report_href: str | None,
) -> html.Div:
    """The area's name, the kind of profile and the data's date; beside them, on the page, the
    links and buttons (see :func:`profile_actions`)."""
    _ = locale
    return html.Div(
        [
            html.Div(
                [
                    html.H1(summary.name, className="page-title"),
                    html.P(
                        _(KIND_OF_AREA[summary.level])
                        + " · "
                        + _("Data last checked: {date}").format(date=data_date),
                        className="profile-kind",
                    ),
                ]
            ),
            profile_actions(summary, view, locale, report_href) if report_href else None,
        ],
        className="title-row",
    )


def profile_actions(
    summary: AreaSummary, view: OverviewView, locale: Locale, report_href: str
) -> html.Div:
    """The area on the overview's map, the profile as a report, and the print button."""
    _ = locale
    level = summary.level
    overview_href = view_state.href("/", locale.lang, level=level, area=view.area)
    return html.Div(
        [
            dcc.Link(
                _("See {area} on the map of Wales, with filters").format(area=summary.name),
                href=overview_href,
            ),
            html.A(
                _("Download this profile as a report (HTML, opens offline)"),
                href=report_href,
                download=f"vawdasv-{level}-{view.area}-profile.html",
            ),
            print_button(locale),
        ],
        className="profile-actions",
    )


def profile_top(
    summary: AreaSummary,
    map_figure,
    la_rows: Sequence[Mapping[str, Any]],
    view: OverviewView,
    locale: Locale,
) -> html.Div:
    """The area's map, its local authorities' table and its summary."""
    name = summary.name
    # Three cells of a grid (assets/30-profile.css): on screen the map over its table beside the
    # summary; on paper the map beside its table, over the summary, so the map takes most of the
    # page's width (a wide area is drawn legibly).
    return html.Div(
        [
            html.Div(area_map(map_figure, view, name, locale), className="profile-map-cell"),
            html.Div(area_las_table(la_rows, locale), className="profile-las-cell"),
            html.Div(
                [
                    html.H2(locale("Summary"), className="panel-title"),
                    key_figures(summary, locale),
                    # Beside the key figures on paper: the domestic abuse indicator a PCC office
                    # reads first (force areas; whole, on page 1), then the tiers and behaviours
                    # (their lists may run on to page 2).
                    html.Div(
                        [
                            domestic_abuse_section(summary.domestic_abuse, name, locale)
                            if summary.domestic_abuse
                            else None,
                            cells_section(summary, locale),
                        ],
                        className="profile-summary-side",
                    ),
                ],
                className="profile-summary",
            ),
        ],
        className="profile-top",
    )


def drill_down_section(
    name: str, view: OverviewView, locale: Locale, *, deferred: bool = False
) -> list:
    """The drill-downs (charts on screen, their tables on paper) and the list of interventions;
    a link's filters apply to them, and are said to. ``deferred`` (the page, not its report): the
    charts come with the page but are mounted once its map is drawn (:func:`deferred_panels`)."""
    _ = locale
    grid = panels_grid(locale, lambda filename: graph_config(locale.lang, filename), view)
    return [
        html.H2(_("Drill-down: {area}").format(area=name), className="panel-title profile-drill"),
        html.P(
            _(
                "The link's filters apply to the drill-downs and the list below, not to the summary."
            ),
            className="profile-filters",
        )
        if view.state.filters
        else None,
        deferred_panels(grid) if deferred else grid,
        printed_panels(view),
        html.H2(_("Interventions in {area}").format(area=name), className="panel-title"),
        html.Div(intervention_table(view), className="intervention-list"),
    ]


def deferred_panels(grid: Component) -> html.Div:
    """The drill-down charts' place, filled in the browser once the profile's map is drawn
    (``mountPanels`` in ``assets/profile-callbacks.js``) with ``grid``, sent with the page as
    JSON. Plotted with the page, the eight charts (below the fold) held the map back: plotly drew
    them while the map waited for its boundaries."""
    return html.Div(
        [
            # No reserved height (the overview's place has one): the charts are below the fold,
            # and a height would take room on paper, where they are not printed.
            html.Div(id=ids.PROFILE_PANELS),
            dcc.Store(id=ids.PROFILE_PANELS_LAYOUT, data=figure_parts.plain(grid)),
        ]
    )


def print_frame(children: list, footer: html.Div, className: str) -> html.Table:
    """The page in a one-cell table whose footer holds ``footer``: on paper, Chromium repeats a
    table's footer at the foot of every page the table spans (it prints no @page margin boxes),
    and the footer takes its own room, so it never covers the content. On screen the table is
    laid out as plain blocks and its footer hidden (see ``assets/30-profile.css``)."""
    return html.Table(
        [
            html.Tfoot(html.Tr(html.Td(footer))),
            html.Tbody(html.Tr(html.Td(children))),
        ],
        className=f"print-frame {className}",
    )


def area_map(figure, view: OverviewView, name: str, locale: Locale) -> html.Div:
    """The area's own map of its local authorities."""
    _ = locale
    return html.Div(
        dcc.Graph(
            id=ids.PROFILE_MAP,
            figure=figure,
            config={**graph_config(locale.lang, f"{view.area}-map"), "scrollZoom": False},
            className="map-graph profile-map",
        ),
        role="figure",
        **{
            "aria-label": _("Map of the local authorities in {area}: {measure}.").format(
                area=name, measure=metric_label(view.state.metric, locale)
            )
        },
    )


def area_las_table(la_rows: Sequence[Mapping[str, Any]], locale: Locale) -> html.Table:
    """The map's numbers, for paper and screen readers: each local authority's count, or "not
    known" where the map says so (its row's ``not_known``)."""
    _ = locale
    rows = [
        (
            row["area_name"],
            _("not known") if row.get("not_known") else locale.number(int(row["local_count"])),
        )
        for row in sorted(la_rows, key=lambda row: row["area_name"])
    ]
    return data_table(
        (_("Local authority"), _("Local interventions")),
        rows,
        numeric={1},
        class_name="table table-sm list-table profile-las",
    )


def printed_panels(view: OverviewView) -> html.Div:
    """The drill-downs on paper, in place of the charts (hidden on screen, where the charts
    are): each chart's numbers as its table, three to a row (see
    :func:`profile_view.printed_panel`)."""
    return html.Div(
        [
            printed_panel(profile_view.printed_panel(view, panel.key))
            for panel in panel_registry.panels()
        ],
        className="print-panels",
    )


def printed_panel(panel: profile_view.PrintedPanel) -> html.Div:
    return html.Div(
        [
            html.H3(panel.title, className="print-panel-title"),
            html.P(panel.coverage, className="print-panel-coverage"),
            chart_table(panel.header, list(panel.rows)),
            html.P(panel.note, className="print-panel-note"),
        ],
        className=f"panel print-panel print-panel-{panel.key}",
    )


def print_button(locale: Locale) -> dbc.Button:
    """The browser's print dialog (the button is not printed)."""
    return dbc.Button(
        locale("Print this page (A4)"),
        id=ids.PROFILE_PRINT,
        color="dark",
        outline=True,
        size="sm",
        className="print-button",
    )


def print_footer(data_date: str, locale: Locale) -> html.Div:
    """The source and data date, at the foot of every printed page (see :func:`print_frame`)."""
    return html.Div(
        locale(
            "Source: directory of VAWDASV perpetration interventions in Wales, curated from five public documents; Home Office, Police recorded crime, Table P1; ONS. Data last checked: {date}."
        ).format(date=data_date),
        className="print-footer",
    )


def area_index(level: str, names: Mapping[str, str], locale: Locale) -> html.Div:
    """The areas of ``level``, each linked to its profile (an address naming no known area)."""
    _ = locale
    return html.Div(
        [
            html.H1(_(INDEX_TITLE[level]), className="page-title"),
            html.Ul(
                [
                    html.Li(
                        dcc.Link(
                            names[area], href=view_state.profile_href(level, area, locale.lang)
                        )
                    )
                    for area in sorted(names, key=names.get)
                ]
            ),
        ],
        className="profile",
    )


def page_body(context: AppContext, cache: ViewCache, address: Address, locale: Locale) -> html.Div:
    """An area's profile; the overview's settings in the query (filters, measure) apply."""
    state = address.state
    if not state.area:
        return area_index(state.level, context.names(locale.lang, state.level), locale)
    report_href = view_state.profile_report_href(replace(state, lang=locale.lang))
    return area_profile_page(context, cache, state, locale, report_href=report_href)


def area_profile_page(
    context: AppContext,
    cache: ViewCache,
    state: ViewState,
    locale: Locale,
    *,
    report_href: str | None,
) -> html.Table:
    """The profile of ``state``'s area in ``locale``'s language, as the page draws it or, with no
    ``report_href``, as its report does (a static file: ``app.create_app`` gives this function
    to :func:`dashboard.web.report_route.add_report_route`); its views through ``cache``."""
    level = state.level
    view = page_views.overview_view(cache, context, state)
    la_view = page_views.overview_view(cache, context, replace(state, level="la", area=None))
    las = set(profile_view.area_las(context, level, state.area))
    return profile_page(
        summary=page_views.area_summary(cache, context, replace(state, lang=locale.lang)),
        map_figure=profile_view.area_map(context, la_view, level, state.area),
        la_rows=_with_not_known(la_view, las),
        view=view,
        data_date=context.data_date,
        directory_note=coverage_text.directory_note(context, locale),
        locale=locale,
        report_href=report_href,
    )


def _with_not_known(la_view: OverviewView, las: set[str]) -> list[dict[str, Any]]:
    """The area's local authorities' rows of the map's table, each marked ``not_known`` where
    the map says so (none counted, no source listing the authority in full: rule ``coverage``)."""
    not_known = set(la_view.map.get("not_known_names", ()))
    return [
        {**row, "not_known": row["area_name"] in not_known}
        for row in la_view.areas
        if row["area_id"] in las
    ]


REGION_TITLE: Final = N_(
    "{area} (VAWDASV region) – Profile – VAWDASV perpetration interventions in Wales"
)
FORCE_TITLE: Final = N_(
    "{area} (police force area) – Profile – VAWDASV perpetration interventions in Wales"
)
#: The titles of an address naming no known area (the index of the level's areas).
AREA_INDEX_TITLES: Final = MappingProxyType(
    {
        "region": N_("VAWDASV regions – VAWDASV perpetration interventions in Wales"),
        "force": N_("Police force areas – VAWDASV perpetration interventions in Wales"),
    }
)


def area_profile(level: str, title: str) -> Page:
    """The profile of one area of ``level``: ``/region/<area>``, ``/force/<area>``."""
    return Page(
        level,
        f"/{level}/<area>",
        page_body,
        title,
        None,
        within=OVERVIEW_PAGE.name,
        area_level=level,
        index_title=AREA_INDEX_TITLES[level],
    )


REGION_PAGE: Final = area_profile("region", REGION_TITLE)
FORCE_PAGE: Final = area_profile("force", FORCE_TITLE)
