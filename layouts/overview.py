"""Overview page: map of provision with controls, filters and drill-down panels."""

from __future__ import annotations

import functools
import json

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import config, i18n
from dashboard.domain import counting, precarity
from dashboard.domain.context import AppContext
from dashboard.domain.model import FILTERS
from dashboard.i18n import N_, Translate
from dashboard.views.figures import base_map
from dashboard.views.state import ViewState
from dashboard.web import ids
from layouts.shell import data_table, source_note

FILTER_LABELS = {
    "behaviour_focus": "Behaviour focus",
    "purpose": "Purpose",
    "risk_level": "Risk level",
    "service_tier": "Service tier",
    "sector": "Sector",
    "setting": "Setting",
    "status": "Status",
    "evaluation": "Evaluation and accreditation",
    "kind": "Kind of intervention",
}
LEVEL_LABELS = {
    "region": "VAWDASV region",
    "force": "Police force area",
    "la": "Local authority",
}
METRIC_LABELS = {
    "count": "Number of interventions",
    "per_100k": "Per 100,000 aged 16+",
    "quality_share": "Share externally evaluated or accredited",
    "precarious_share": "Share with precarious funding",
}


@functools.cache
def plotly_welsh_locale() -> dict:
    """plotly.js's own Welsh locale (MIT), passed in the graph config: no script to fetch."""
    return json.loads((config.LOCALE_DIR / "plotly-cy.json").read_text(encoding="utf-8"))


def graph_config(lang: str, filename: str) -> dict:
    """Plotly toolbar: PNG download in the browser, no plotly logo, the page's language."""
    locale = {"locales": {"cy": plotly_welsh_locale()}} if lang == "cy" else {}
    return {
        **locale,
        "displaylogo": False,
        "locale": "cy" if lang == "cy" else "en",
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    }


def area_options(context: AppContext, level: str, lang: str, _: Translate) -> list[dict]:
    names = context.names(lang, level)
    return [{"label": _("All of Wales"), "value": ALL_OF_WALES}] + [
        {"label": name, "value": area_id}
        for area_id, name in sorted(names.items(), key=lambda item: item[1])
    ]


def filter_options(key: str, _: Translate) -> list[dict]:
    return [{"label": _(value), "value": value} for value in FILTERS[key][1]]


def filter_group(key: str, state: ViewState, _: Translate) -> html.Details:
    """One filter as a group of checkboxes in a collapsible section (native and keyboard-friendly)."""
    selected = list(state.filters.get(key, ()))
    return html.Details(
        [
            html.Summary(_(FILTER_LABELS[key]), className="filter-summary"),
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


def provision_control(provision: str, _: Translate, component_id: str = ids.PROVISION):
    """Which services count: current provision (the default) or every status."""
    return html.Fieldset(
        [
            html.Legend(_("Services counted"), className="control-label"),
            dbc.RadioItems(
                id=component_id,
                options=[
                    {"label": _("Current provision (active and pilot)"), "value": counting.CURRENT},
                    {
                        "label": _("Include ended and planned services"),
                        "value": counting.ALL_STATUSES,
                    },
                ],
                value=provision,
                className="control-radio",
            ),
        ]
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
            "evaluation. Precarious funding: {rule}"
        ).format(rule=rule)
    )


def controls(context: AppContext, state: ViewState, _: Translate) -> html.Div:
    lang = state.lang
    return html.Div(
        [
            html.Fieldset(
                [
                    html.Legend(_("Map areas"), className="control-label"),
                    dbc.RadioItems(
                        id=ids.LEVEL,
                        options=[
                            {"label": _(label), "value": level}
                            for level, label in LEVEL_LABELS.items()
                        ],
                        value=state.level,
                        className="control-radio",
                    ),
                ]
            ),
            html.Fieldset(
                [
                    html.Legend(_("Measure"), className="control-label"),
                    dbc.RadioItems(
                        id=ids.METRIC,
                        options=[
                            {"label": _(label), "value": metric}
                            for metric, label in METRIC_LABELS.items()
                        ],
                        value=state.metric,
                        className="control-radio",
                    ),
                ]
            ),
            provision_control(state.provision, _),
            dbc.Switch(
                id=ids.ALL_WALES,
                label=_("Add services available across all of Wales into each area"),
                value=state.include_all_wales,
                className="control-switch",
            ),
            html.Label(_("Area (or click the map)"), htmlFor=ids.AREA, className="control-label"),
            dbc.Select(
                id=ids.AREA,
                options=area_options(context, state.level, lang, _),
                value=state.area or ALL_OF_WALES,
            ),
            html.H2(_("Filters"), className="control-heading"),
            *[filter_group(key, state, _) for key in FILTERS],
            dbc.Button(
                _("Clear filters"), id=ids.RESET, color="secondary", outline=True, className="mt-2"
            ),
        ],
        className="controls",
    )


def banner(context: AppContext, _: Translate) -> dbc.Alert:
    held = context.directory.size
    survey = context.survey_interventions
    text = _(
        "This directory holds {held} interventions named in five public documents. It is not the "
        "2023 mapping survey's dataset: the survey identified {survey} interventions from 62 "
        "responses, but its individual returns are not public. 'Unknown' means the documents do not "
        "say."
    ).format(held=held, survey=survey if survey is not None else "?")
    return dbc.Alert(text, color="info", className="honesty-banner", id="ov-banner")


#: The area chooser's value for "no area selected".
ALL_OF_WALES = "all"

PANEL_KEYS = {
    ids.PANEL_BEHAVIOUR: "behaviour",
    ids.PANEL_EVIDENCE: "evidence",
    ids.PANEL_PRECARITY: "precarity",
    ids.PANEL_FUNDING_END: "funding-end",
    ids.PANEL_RISK: "risk",
    ids.PANEL_PURPOSE: "purpose",
    ids.PANEL_TIER: "tier",
    ids.PANEL_SECTOR: "sector",
}


def csv_button(panel: str, _: Translate) -> dbc.Button:
    return dbc.Button(
        _("Download data (CSV)"),
        id={"type": "csv", "page": "overview", "panel": panel},
        color="link",
        size="sm",
        className="csv-button",
    )


def panel(graph_id: str, note: str, _: Translate, lang: str, filename: str) -> html.Div:
    return html.Div(
        [
            html.Div(
                dcc.Graph(
                    id=graph_id, config=graph_config(lang, filename), className="panel-graph"
                ),
                id=f"{graph_id}-figure",
                role="figure",
            ),
            chart_alternative(PANEL_KEYS[graph_id], graph_id, _),
            html.Div(csv_button(PANEL_KEYS[graph_id], _), className="panel-actions"),
            source_note(note, _),
        ],
        className="panel",
    )


def overview_page(context: AppContext, state: ViewState, _: Translate) -> html.Div:
    lang = state.lang
    map_figure = base_map(level=state.level)
    rule = " ".join(_(step) for step in precarity.RULE_STEPS)
    return html.Div(
        [
            dcc.Location(id=ids.OV_URL, refresh=False),
            banner(context, _),
            dbc.Row(
                [
                    dbc.Col(controls(context, state, _), lg=3, md=4, className="controls-col"),
                    dbc.Col(
                        [
                            html.Div(
                                [
                                    html.H1(_("Provision across Wales"), className="page-title"),
                                    html.P(
                                        id=ids.MATCH_COUNT,
                                        className="match-count",
                                        **{"aria-live": "polite"},
                                    ),
                                ],
                                className="title-row",
                            ),
                            dcc.Graph(
                                id=ids.MAP,
                                figure=map_figure,
                                config={
                                    **graph_config(lang, "wales-provision-map"),
                                    "scrollZoom": False,
                                },
                                className="map-graph",
                            ),
                            html.Div(id=ids.MAP_NOTE, className="map-note"),
                            html.Div(
                                [
                                    csv_button("map", _),
                                    dbc.Button(
                                        _("Download this view as a report (HTML)"),
                                        id=ids.EXPORT_REPORT_BUTTON,
                                        color="primary",
                                        size="sm",
                                        className="ms-2",
                                    ),
                                    dcc.Download(id=ids.EXPORT_REPORT),
                                ],
                                className="panel-actions",
                            ),
                            source_note(method_note(_), _),
                        ],
                        lg=9,
                        md=8,
                    ),
                ],
                className="g-4",
            ),
            html.Div(id=ids.FORCE_SECTION),
            html.H2(id=ids.PANEL_TITLE, className="panel-title"),
            dbc.Row(
                [
                    dbc.Col(
                        panel(
                            ids.PANEL_BEHAVIOUR,
                            _(
                                "Each intervention counts once for every behaviour it addresses, so bars can "
                                "add up to more than the number of interventions. Zero means no intervention "
                                "in the directory is recorded for that behaviour here."
                            ),
                            _,
                            lang,
                            "behaviour-focus",
                        ),
                        lg=6,
                    ),
                    dbc.Col(
                        panel(
                            ids.PANEL_EVIDENCE,
                            _(
                                "Each intervention sits on its strongest rung: Respect or CSAAP accreditation; "
                                "an independent or randomised evaluation; the model evaluated elsewhere; an "
                                "internal evaluation; evaluation or accreditation under way; none or unknown."
                            ),
                            _,
                            lang,
                            "evidence-ladder",
                        ),
                        lg=6,
                    ),
                    dbc.Col(
                        panel(
                            ids.PANEL_PRECARITY,
                            _("Funding precarity bands. {rule}").format(rule=rule),
                            _,
                            lang,
                            "funding-precarity",
                        ),
                        lg=6,
                    ),
                    dbc.Col(
                        panel(
                            ids.PANEL_FUNDING_END,
                            _(
                                "When funding is stated to end, by primary funder; the dashed line marks the "
                                "current financial year. Most documents do not give an end date ('unknown')."
                            ),
                            _,
                            lang,
                            "funding-end",
                        ),
                        lg=6,
                    ),
                    dbc.Col(
                        panel(
                            ids.PANEL_RISK,
                            _("Risk level of the people the intervention works with, as stated."),
                            _,
                            lang,
                            "risk-level",
                        ),
                        lg=6,
                    ),
                    dbc.Col(
                        panel(
                            ids.PANEL_PURPOSE,
                            _("Purpose as described in the source documents."),
                            _,
                            lang,
                            "purpose",
                        ),
                        lg=6,
                    ),
                    dbc.Col(
                        panel(
                            ids.PANEL_TIER,
                            _("Service tiers follow Fowler, Karim & Feder (2020)."),
                            _,
                            lang,
                            "service-tier",
                        ),
                        lg=6,
                    ),
                    dbc.Col(
                        panel(
                            ids.PANEL_SECTOR,
                            _("Sector delivering the intervention."),
                            _,
                            lang,
                            "sector",
                        ),
                        lg=6,
                    ),
                ],
                className="g-3 panels",
            ),
            survey_figures(context.bundle.survey, _),
            html.H2(_("Interventions in this view"), className="panel-title"),
            html.Div(csv_button("list", _), className="panel-actions"),
            html.Div(id=ids.PANEL_LIST, className="intervention-list"),
        ],
        className="overview",
    )


def intervention_table(view: dict) -> html.Div:
    """The matching interventions in the selected area, linked to their directory entries."""
    _ = i18n.translator(view["lang"])
    rows = view["rows"]
    if not rows:
        return html.P(_("No interventions match this view."), className="empty")
    suffix = "&lang=cy" if view["lang"] == "cy" else ""
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
        )
    ]
    cells = [
        (
            dcc.Link(row["name"], href=f"/directory?id={row['id']}{suffix}"),
            _(row["provider"]) if row["provider"] == "unknown" else row["provider"],
            ", ".join(_(v) for v in row["police_force_areas"].split(";")),
            ", ".join(_(v) for v in row["vawdasv_regions"].split(";")),
            _(row["status"]),
            _(row["precarity"]),
            _(row["evidence_rung"]),
        )
        for row in rows
    ]
    children = [data_table(headers, cells)]
    if view["rows_total"] > len(rows):
        children.append(
            html.P(
                _("Showing {shown} of {total}; see the directory for all.").format(
                    shown=len(rows), total=view["rows_total"]
                )
            )
        )
    return html.Div(children)


def force_section(summary: dict, _: Translate, lang: str) -> html.Section:
    """The police force area beside Wales, for PCC offices (printable on A4)."""
    name = summary["name"]
    rates = summary["rates"]
    counts = summary["counts"]
    rows = [
        html.Tr(
            [
                html.Td(_(measure)),
                html.Td(
                    i18n.format_number(counts.loc[measure, summary["name_en"]], lang),
                    className="num",
                ),
                html.Td(
                    i18n.format_number(rates.loc[measure, summary["name_en"]], lang, 2),
                    className="num",
                ),
                html.Td(i18n.format_number(rates.loc[measure, "Wales"], lang, 2), className="num"),
            ]
        )
        for measure in rates.index
    ]
    bands = summary["bands"]
    fmt = lambda value: i18n.format_number(value, lang)  # noqa: E731
    rank = summary["rank"]
    return html.Section(
        [
            html.H2(
                _("{force}: summary for the Police and Crime Commissioner's office").format(
                    force=name
                ),
                className="panel-title",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            html.H3(_("Provision"), className="h5"),
                            html.P(
                                _(
                                    "{n} current local interventions recorded in {force}, +{national} available across all of Wales (not added in). Local services: {rate} per 100,000 aged 16+, against {wales} for Wales (local services only), rank {rank} of {total} police force areas."
                                ).format(
                                    n=fmt(summary["local_count"]),
                                    force=name,
                                    national=fmt(summary["all_wales_count"]),
                                    rate=i18n.format_number(summary["per_100k"], lang, 1),
                                    wales=i18n.format_number(summary["wales_per_100k"], lang, 1),
                                    rank=fmt(int(rank)) if pd.notna(rank) else "–",
                                    total=fmt(summary["areas_ranked"]),
                                )
                            ),
                            html.P(
                                _(
                                    "Funding precarity (local services, known for {known} of {n}): {high} high, {medium} medium, {low} low. Funding stated to end within 12 months: {ending} (end known for {end_known} of {n})."
                                ).format(
                                    known=fmt(summary["precarity_known"]),
                                    n=fmt(summary["services"]),
                                    high=fmt(bands.get("high", 0)),
                                    medium=fmt(bands.get("medium", 0)),
                                    low=fmt(bands.get("low", 0)),
                                    ending=fmt(summary["ending_within_12_months"]),
                                    end_known=fmt(summary["funding_end_known"]),
                                )
                            ),
                            html.P(
                                _(
                                    "Medium-risk tier services: {tier}. Services whose risk level of people accepted includes medium: {level} (risk level known for {known} of {n})."
                                ).format(
                                    tier=fmt(summary["medium_risk_tier"]),
                                    level=fmt(summary["medium_risk_level"]),
                                    known=fmt(summary["risk_level_known"]),
                                    n=fmt(summary["services"]),
                                )
                            ),
                            html.H3(_("Service tiers and behaviours"), className="h5"),
                            cell_state_list(summary["tier_cells"], _, lang),
                            cell_state_list(summary["behaviour_cells"], _, lang),
                        ],
                        lg=5,
                    ),
                    dbc.Col(
                        [
                            html.H3(
                                _("Police recorded crime, year ending June 2025, beside Wales"),
                                className="h5",
                            ),
                            html.Table(
                                [
                                    html.Thead(
                                        html.Tr(
                                            [
                                                html.Th(_("Measure"), scope="col"),
                                                html.Th(_("Count"), scope="col"),
                                                html.Th(
                                                    _("{force} per 1,000").format(force=name),
                                                    scope="col",
                                                ),
                                                html.Th(_("Wales per 1,000"), scope="col"),
                                            ]
                                        )
                                    ),
                                    html.Tbody(rows),
                                ],
                                className="table table-sm list-table",
                            ),
                            html.P(
                                _(
                                    "Home Office, Police recorded crime, Table P1 (official statistics); rates use ONS mid-2024 population (all ages)."
                                ),
                                className="small",
                            ),
                        ],
                        lg=7,
                    ),
                ]
            ),
            dbc.Button(
                _("Print this page (A4)"),
                id="ov-print",
                color="secondary",
                outline=True,
                className="print-button",
            ),
        ],
        className="force-section panel",
    )


def cell_state_list(cells: dict, _: Translate, lang: str) -> html.Ul:
    """Categories grouped by their cell state, in words (recorded, gap, not known, no record)."""
    from dashboard.domain import counting

    stated = "stated"
    groups: dict[str, list[str]] = {state: [] for state in (*counting.CELL_STATES, stated)}
    for category, cell in cells.items():
        label = _(category)
        if cell.state == counting.RECORDED:
            label += f" ({i18n.format_number(cell.count, lang)})"
        groups[stated if cell.documented else cell.state].append(label)
    unclassified = next(iter(cells.values())).unclassified if cells else 0
    headings = {
        counting.RECORDED: _("Provision recorded: {list}."),
        stated: _("Gap stated by a source document: {list}."),
        counting.GAP: _("Gap in the directory's record (every service classified): {list}."),
        counting.NOT_KNOWN: _("Not known (unclassified services: {n}): {list}."),
        counting.NO_RECORD: _("No record: {list}."),
    }
    return html.Ul(
        [
            html.Li(
                headings[state].format(
                    list=", ".join(items), n=i18n.format_number(unclassified, lang)
                ),
                className=f"cell-state-{state.replace(' ', '-')}",
            )
            for state, items in groups.items()
            if items
        ],
        className="cell-states",
    )


def chart_alternative(panel_key: str, graph_id: str, _: Translate) -> html.Div:
    """Text alternative of a chart: a one-line summary (filled with the chart) and a "Show as
    table" disclosure whose table is drawn only while it is open (see :func:`chart_table`)."""
    return html.Div(
        [
            html.P(id=f"{graph_id}-alt-text", className="visually-hidden"),
            html.Details(
                [
                    html.Summary(
                        _("Show as table"),
                        id={"type": ids.CHART_TABLE_TOGGLE, "panel": panel_key},
                    ),
                    html.Div(id={"type": ids.CHART_TABLE, "panel": panel_key}),
                ]
            ),
        ],
        className="chart-alt",
    )


def chart_table(header: tuple[str, str], rows: list[tuple[str, str]]) -> html.Table:
    """The numbers of a chart as a two-column table."""
    return data_table(header, rows, numeric={1}, class_name="table table-sm alt-table")


def survey_figures(survey, _: Translate) -> html.Details:
    """The 2023 survey's published headline figures, beside (never mixed into) the directory."""
    headers = [_(label) for label in (N_("Measure"), N_("Breakdown"), N_("Value"), N_("Source"))]
    rows = [
        (row.measure, row.breakdown, row.value, html.Span(row.source, className="small"))
        for row in survey.itertuples()
    ]
    return html.Details(
        [
            html.Summary(
                _("What the 2023 mapping survey published ({n} figures)").format(n=len(rows))
            ),
            html.P(
                _(
                    "These are the survey's own aggregate figures, quoted from its report. They "
                    "cover the 56 interventions the survey identified and are not computed from "
                    "this directory."
                ),
                className="small",
            ),
            data_table(headers, rows, numeric={2}),
        ],
        className="survey-figures panel",
    )
