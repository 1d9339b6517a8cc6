"""The overview's drill-down: one panel per entry of the panel registry, their text
alternatives, the survey's own figures and the list of interventions in the view."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.domain import precarity
from dashboard.i18n import N_, Locale
from dashboard.views import overview as overview_view
from dashboard.views import panel_registry, panels
from dashboard.views import state as view_state
from dashboard.views.directory import described_cell
from dashboard.views.overview import OverviewView
from dashboard.views.panel_registry import Panel
from dashboard.web import ids
from layouts.components import csv_button, data_table, names_as_published, source_note


def panel_block(
    panel: Panel, locale: Locale, graph_config: dict, view: OverviewView, *, overview: bool
) -> html.Div:
    """One drill-down drawn for ``view``: its chart, text alternative and source note.

    On the overview (mounted once the map is drawn, then updated by the overview's callbacks)
    the chart is named by its one-line summary, so that a new view updates one text, its table
    is drawn only while open, and it has a CSV button. On a page drawn once (an area's profile)
    its table is drawn here, and its ids are its own."""
    rule = " ".join(locale(step) for step in precarity.RULE_STEPS)
    summary, header, rows = overview_view.panel_alternative(view, panel.key)
    graph_id = ids.panel_graph(panel.key) if overview else ids.profile_graph(panel.key)
    figure_id = f"ov-panel-{panel.key}" if overview else graph_id
    graph = dcc.Graph(
        id=graph_id,
        figure=panels.full_figure(view, panel.key),
        config=graph_config,
        className="panel-graph",
    )
    if overview:
        alternative = chart_alternative(panel, locale, summary)
        actions = [
            html.Div(csv_button(panel.key, locale, page="overview"), className="panel-actions")
        ]
        label = {"aria-labelledby": ids.panel_name(panel.key)}
    else:
        alternative = html.Div(
            [
                html.P(summary, className="visually-hidden"),
                html.Details([html.Summary(locale("Show as table")), chart_table(header, rows)]),
            ],
            className="chart-alt",
        )
        actions = []
        label = {"aria-label": summary}
    return html.Div(
        [
            html.Div(graph, id=f"{figure_id}-figure", role="figure", **label),
            alternative,
            *actions,
            source_note(locale(panel.note).format(rule=rule), locale),
        ],
        className="panel",
    )


def panels_grid(
    locale: Locale, graph_config, view: OverviewView, *, overview: bool = False
) -> dbc.Row:
    """Every registered panel drawn for ``view``, two to a row on wide screens.
    ``graph_config(filename)`` gives each chart's toolbar settings; ``overview``: see
    :func:`panel_block`."""
    return dbc.Row(
        [
            dbc.Col(
                panel_block(panel, locale, graph_config(panel.filename), view, overview=overview),
                lg=6,
            )
            for panel in panel_registry.panels()
        ],
        className="g-3 panels",
    )


def chart_alternative(panel: Panel, locale: Locale, summary: str) -> html.Div:
    """Text alternative of a chart: a one-line summary and a "Show as table" disclosure whose
    table is drawn only while it is open (see :func:`chart_table`)."""
    return html.Div(
        [
            html.Div(
                html.P(summary, id=ids.panel_summary(panel.key)),
                id=ids.panel_name(panel.key),
                className="visually-hidden",
            ),
            html.Details(
                [
                    html.Summary(
                        locale("Show as table"),
                        id={"type": ids.CHART_TABLE_TOGGLE, "panel": panel.key},
                    ),
                    html.Div(id={"type": ids.CHART_TABLE, "panel": panel.key}),
                ]
            ),
        ],
        className="chart-alt",
    )


def chart_table(header: tuple[str, str], rows: list[tuple[str, str]]) -> html.Table:
    """The numbers of a chart as a two-column table."""
    return data_table(header, rows, numeric={1}, class_name="table table-sm alt-table")


def survey_figures(survey, locale: Locale) -> html.Details:
    """The 2023 survey's published headline figures, beside (never mixed into) the directory.
    The table is drawn only while the disclosure is open (see :func:`survey_figures_table`)."""
    _ = locale
    return html.Details(
        [
            html.Summary(
                _("What the 2023 mapping survey published ({n} figures)").format(n=len(survey)),
                id=ids.SURVEY_TOGGLE,
            ),
            html.P(
                _(
                    "These are the survey's own aggregate figures, quoted from its report. They "
                    "cover the 56 interventions the survey identified and are not computed from "
                    "this directory."
                ),
                className="small",
            ),
            html.Div(id=ids.SURVEY_TABLE),
        ],
        className="survey-figures panel",
    )


def survey_figures_table(survey, locale: Locale) -> html.Table:
    """The survey's figures as a table: measure, breakdown, value and source."""
    _ = locale
    headers = [_(label) for label in (N_("Measure"), N_("Breakdown"), N_("Value"), N_("Source"))]
    rows = [
        (row.measure, row.breakdown, row.value, html.Span(row.source, className="small"))
        for row in survey.itertuples()
    ]
    return data_table(headers, rows, numeric={2})


def drill_down_title(view: OverviewView) -> str:
    """The drill-down's heading: the area it shows."""
    if view.area:
        return view.locale("Drill-down: {area}").format(area=view.area_name)
    return view.locale("Drill-down: all of Wales")


def list_summary(view: OverviewView) -> str:
    """The list's disclosure text: how many interventions it holds."""
    if not view.rows_total:
        return view.locale("No interventions match this view.")
    return view.locale("Show the list ({n})").format(n=view.locale.number(view.rows_total))


def intervention_table(view: OverviewView) -> html.Div:
    """The matching interventions in the selected area, linked to their directory entries."""
    _ = view.locale
    rows = view.rows
    if not rows:
        return html.P(_("No interventions match this view."), className="empty")
    headers = [
        _(label)
        for label in (
            N_("Intervention"),
            N_("Provider"),
            N_("Police force areas"),
            N_("VAWDASV regions"),
            N_("Status"),
            N_("Funding precarity"),
            N_("Evaluation and accreditation"),
            N_("Last described"),
        )
    ]
    data_date = str(view.data_date)
    cells = [
        (
            dcc.Link(
                names_as_published(row["name"]),
                href=view_state.directory_href(row["id"], view.lang),
            ),
            _(row["provider"])
            if row["provider"] == "unknown"
            else names_as_published(row["provider"]),
            ", ".join(_(v) for v in row["police_force_areas"].split(";")),
            ", ".join(_(v) for v in row["vawdasv_regions"].split(";")),
            _(row["status"]),
            _(row["precarity"]),
            _(row["evidence_rung"]),
            described_cell(row, data_date, view.locale),
        )
        for row in rows
    ]
    children = [data_table(headers, cells)]
    if view.rows_total > len(rows):
        children.append(
            html.P(
                _("Showing {shown} of {total}; see the directory for all.").format(
                    shown=len(rows), total=view.rows_total
                )
            )
        )
    return html.Div(children)
