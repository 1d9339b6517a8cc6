"""Gap review, need beside provision and funding cliff-edge pages (component trees only)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import i18n
from dashboard.domain import cliff, need
from dashboard.i18n import N_, Translate
from dashboard.web import ids
from layouts.overview import graph_config
from layouts.shell import data_table, source_note


def radio_group(label: str, component_id: str, value: str, options: list[tuple[str, str]]) -> list:
    """A labelled, inline group of radio buttons: ``options`` are (value, label) pairs."""
    return [
        html.Label(label, htmlFor=component_id, className="control-label"),
        dbc.RadioItems(
            id=component_id,
            value=value,
            inline=True,
            options=[{"label": text, "value": key} for key, text in options],
        ),
    ]


def csv_button(page: str, panel: str, _: Translate) -> dbc.Button:
    return dbc.Button(
        _("Download data (CSV)"),
        id={"type": "csv", "page": page, "panel": panel},
        color="link",
        size="sm",
        className="csv-button",
    )


def figure_panel(
    figure, *, page: str, panel: str, note: str, _: Translate, lang: str, graph_id=None
):
    graph = dcc.Graph(
        figure=figure,
        config=graph_config(lang, f"{page}-{panel}"),
        **({"id": graph_id} if graph_id else {}),
    )
    return html.Div(
        [
            graph,
            html.Div([csv_button(page, panel, _)], className="panel-actions"),
            source_note(note, _),
        ],
        className="panel",
    )


#: Headings of the findings, in the order shown: documented gaps lead.
FINDING_GROUPS = (
    ("documented", N_("Gaps stated by the source documents")),
    ("derived", N_("Gaps derived from the directory (every counted service classified)")),
    ("record", N_("What the directory records")),
    ("not known", N_("Not known: too many services unclassified to claim a gap")),
)


def findings_list(findings, _: Translate) -> html.Div:
    """The findings in their groups, each with its recommendations and, where a source states
    it, the quote and its citation."""
    groups = []
    for evidence_class, heading in FINDING_GROUPS:
        items = []
        for finding in findings:
            if getattr(finding, "evidence_class", "derived") != evidence_class:
                continue
            links = [
                html.A(
                    _("Recommendation {n}").format(n=number),
                    href=f"#rec-{number}",
                    className="rec-link",
                )
                for number in finding.recommendations
            ]
            quote = (
                [
                    html.Blockquote(
                        [
                            html.Span(f"“{finding.quote}”", lang="en"),
                            html.Footer(finding.source, className="small"),
                        ],
                        className="finding-quote",
                    )
                ]
                if getattr(finding, "quote", "")
                else []
            )
            items.append(html.Li([finding.text, " ", *_join(links), *quote]))
        if items:
            groups.append(
                html.Section(
                    [html.H3(_(heading), className="findings-heading"), html.Ul(items)],
                    className=f"findings-group findings-{evidence_class.replace(' ', '-')}",
                )
            )
    if not groups:
        groups.append(html.P(_("No gaps found by the rules.")))
    return html.Div(groups, id=ids.GAPS_FINDINGS, className="findings")


def _join(links):
    out = []
    for index, link in enumerate(links):
        if index:
            out.append(", ")
        out.append(link)
    return [html.Span(["(", *out, ")"])] if out else []


def recommendations_list(frame: pd.DataFrame, _: Translate) -> html.Div:
    return html.Div(
        [
            html.H2(_("The 2023 survey's recommendations"), className="panel-title"),
            html.Ol(
                [
                    html.Li(html.Span(row.text), id=f"rec-{row.number}", value=int(row.number))
                    for row in frame.sort_values("number").itertuples()
                ],
                className="recommendations",
            ),
            html.P(
                _(
                    "Source: Welsh Government, VAWDASV Blueprint perpetration intervention mapping survey, Recommendations."
                ),
                className="small",
            ),
        ]
    )


def gaps_page(
    review: dict,
    recommendations: pd.DataFrame,
    *,
    level: str,
    include_all_wales: bool,
    _: Translate,
    lang: str,
    provision: str = "current",
) -> html.Div:
    from dashboard.domain import counting
    from layouts.overview import provision_control

    return html.Div(
        [
            dcc.Location(id=ids.GAPS_URL, refresh=False),
            html.H1(_("Gap review"), className="page-title"),
            html.P(
                _(
                    "Each cell is provision recorded (a count), a gap (stated by a source, or "
                    "derived where every counted service is classified), not known (some "
                    "services unclassified) or no record. Findings are computed from the data "
                    "and the source documents by fixed rules, not typed in."
                ),
                className="lead-text",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        radio_group(
                            _("Areas"),
                            ids.GAPS_LEVEL,
                            level,
                            [("region", _("VAWDASV region")), ("force", _("Police force area"))],
                        ),
                        md=6,
                    ),
                    dbc.Col(
                        provision_control(provision, _, ids.GAPS_PROVISION),
                        md=3,
                    ),
                    dbc.Col(
                        dbc.Switch(
                            id=ids.GAPS_ALL_WALES,
                            value=include_all_wales,
                            label=_("Add services available across all of Wales into each area"),
                        ),
                        md=3,
                    ),
                ],
                className="controls-inline",
            ),
            html.H2(_("Gaps and what is not known"), className="panel-title"),
            html.Div(findings_list(review["findings"], _), id="gaps-findings-box"),
            source_note(" ".join(_(rule) for rule in counting.RULES.values()), _),
            html.Div(id="gaps-figures", children=gap_figures(review, _=_, lang=lang)),
            recommendations_list(recommendations, _),
        ],
        className="review",
    )


def gap_figures(review: dict, *, _: Translate, lang: str) -> list:
    note = _(
        "Each intervention counts once in every area where it is recorded and once for every category it covers."
    )
    return [
        figure_panel(
            review["behaviour"],
            page="gaps",
            panel="behaviour",
            note=note,
            _=_,
            lang=lang,
            graph_id=ids.GAPS_BEHAVIOUR,
        ),
        figure_panel(
            review["tier"],
            page="gaps",
            panel="tier",
            note=note,
            _=_,
            lang=lang,
            graph_id=ids.GAPS_TIER,
        ),
        figure_panel(
            review["risk"],
            page="gaps",
            panel="risk",
            note=note,
            _=_,
            lang=lang,
            graph_id=ids.GAPS_RISK,
        ),
    ]


def indicators_table(indicators: pd.DataFrame, names: dict, _: Translate, lang: str) -> html.Table:
    headers = [
        _(label)
        for label in (
            N_("Area"),
            N_("Measure"),
            N_("Period"),
            N_("Count"),
            N_("Per 1,000 people"),
            N_("Population (mid-2024)"),
        )
    ]
    rows = [
        (
            names.get(row.area, row.area),
            _(row.measure),
            _(row.period),
            i18n.format_number(row.count, lang),
            i18n.format_number(row.rate_per_1000, lang, 2)
            if row.rate_per_1000 == row.rate_per_1000
            else _("not available"),
            i18n.format_number(row.population, lang)
            if row.population == row.population
            else _("not in the data"),
        )
        for row in indicators.itertuples()
    ]
    return data_table(headers, rows, numeric={3, 4, 5})


def need_page(
    view: dict, secondary: pd.DataFrame, *, measure: str, _: Translate, lang: str
) -> html.Div:
    indicators = view["indicators"]
    caveat = indicators["caveat"].iloc[0] if len(indicators) else ""
    note = _(
        "Home Office, Police recorded crime, Table P1, {period} (official statistics). Rates per 1,000 people use the ONS mid-2024 population estimates (all ages) summed over each force's local authorities. England and Wales has no rate here because the project holds no England and Wales population. {caveat}"
    ).format(period=_(need.P1_PERIOD), caveat=_(caveat))
    return html.Div(
        [
            html.H1(_("Need beside provision"), className="page-title"),
            html.P(
                _(
                    "Criminal-justice indicators by police force area beside interventions per 100,000 people aged 16 and over. Each chart names its period and source; figures from different periods never share a series."
                ),
                className="lead-text",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            html.Label(
                                _("Indicator for the scatter"),
                                htmlFor=ids.NEED_SCATTER_MEASURE,
                                className="control-label",
                            ),
                            dbc.Select(
                                id=ids.NEED_SCATTER_MEASURE,
                                value=measure,
                                options=[{"label": _(m), "value": m} for m in need.NEED_MEASURES],
                            ),
                        ],
                        md=6,
                    ),
                ]
            ),
            dbc.Row(
                [
                    dbc.Col(
                        figure_panel(
                            view["scatter"],
                            page="need",
                            panel="scatter",
                            note=note
                            + " "
                            + _(
                                "Provision: interventions in the directory recorded in each force area, including all-Wales services, per 100,000 aged 16+ (ONS mid-2024)."
                            ),
                            _=_,
                            lang=lang,
                            graph_id=ids.NEED_SCATTER,
                        ),
                        lg=12,
                    ),
                    *[
                        dbc.Col(
                            figure_panel(
                                figure,
                                page="need",
                                panel=f"bars-{index}",
                                note=note,
                                _=_,
                                lang=lang,
                            ),
                            lg=6,
                        )
                        for index, figure in enumerate(view["bars"].values())
                    ],
                ],
                className="g-3",
            ),
            html.H2(_("Indicators (official statistics)"), className="panel-title"),
            html.Div(
                [
                    indicators_table(indicators, view["names"], _, lang),
                    csv_button("need", "indicators", _),
                ],
                className="intervention-list",
            ),
            html.H2(
                _("Secondary figures (read in reports, not official tables)"),
                className="panel-title",
            ),
            dbc.Alert(
                _(
                    "These figures were copied from news reports, a charity press release and other publications that quote official statistics. Periods differ; each series below is one measure for one period. Read the caveat on every row."
                ),
                color="warning",
            ),
            html.Details(
                [
                    html.Summary(
                        _("Show the {n} secondary figures with their sources and caveats").format(
                            n=len(secondary)
                        )
                    ),
                    html.Div(
                        [secondary_table(secondary, view["names"], _, lang)],
                        className="intervention-list",
                    ),
                ],
                className="secondary-details",
            ),
            csv_button("need", "secondary", _),
        ],
        className="review",
    )


def secondary_table(secondary: pd.DataFrame, names: dict, _: Translate, lang: str) -> html.Table:
    headers = [
        _(label)
        for label in (
            N_("Area"),
            N_("Measure"),
            N_("Period"),
            N_("Value"),
            N_("Unit"),
            N_("Source"),
            N_("Caveat"),
        )
    ]
    rows = [
        (
            names.get(row.area, row.area),
            row.measure,
            row.period,
            i18n.format_number(row.value, lang, 0 if float(row.value).is_integer() else 1),
            row.unit,
            html.Span(row.source, className="small"),
            html.Span(row.caveat, className="small"),
        )
        for row in secondary.itertuples()
    ]
    return data_table(headers, rows, numeric={3}, class_name="table table-sm list-table secondary")


def funding_page(view: dict, *, group: str, _: Translate, lang: str, current_year: str) -> html.Div:
    horizons = view["horizons"]
    classes = view["classes"]
    summary = _(
        "{within} interventions' stated funding ends within 12 months; {ended} had a stated end that has passed; {unknown} have no stated end date."
    ).format(
        within=int(horizons[cliff.WITHIN_12_MONTHS]),
        ended=int(horizons[cliff.ENDED]),
        unknown=int(horizons[cliff.NOT_STATED]),
    )
    return html.Div(
        [
            html.H1(_("Funding cliff-edge"), className="page-title"),
            dbc.Alert(summary, color="warning", id="funding-summary"),
            html.P(
                _(
                    "The 2023 survey found 14 of 21 grant-funded interventions due to end in the 2023 to 2024 financial year. Dates here are the funding ends stated in the public documents; the current financial year is {year}."
                ).format(year=current_year),
                className="lead-text",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        radio_group(
                            _("Group by"),
                            ids.FUNDING_GROUP,
                            group,
                            [
                                ("funder", _("Primary funder")),
                                ("class", _("Devolved or not")),
                                ("region", _("VAWDASV region")),
                                ("force", _("Police force area")),
                            ],
                        )
                    )
                ]
            ),
            figure_panel(
                view["timeline"],
                page="funding",
                panel="timeline",
                graph_id=ids.FUNDING_TIMELINE,
                note=_(
                    "One marker per intervention with a stated funding end, at the financial year it ends. The dashed line is the current financial year."
                ),
                _=_,
                lang=lang,
            ),
            dbc.Row(
                [
                    dbc.Col(
                        figure_panel(
                            view["horizon_chart"],
                            page="funding",
                            panel="horizons",
                            note=_(
                                "'Within 12 months': the financial year ends (31 March) within a year of the date shown."
                            ),
                            _=_,
                            lang=lang,
                        ),
                        lg=6,
                    ),
                    dbc.Col(
                        figure_panel(
                            view["class_chart"],
                            page="funding",
                            panel="classes",
                            note=_(
                                "Devolved: local authorities, Welsh Government, health. Non-devolved: PCCs, HMPPS, Home Office, Ministry of Justice (the survey's split). Pooled or other: regional VAWDASV partnerships, charitable and other funders. Survey (not this directory): a slight majority of interventions funded by non-devolved bodies."
                            ),
                            _=_,
                            lang=lang,
                        ),
                        lg=6,
                    ),
                ],
                className="g-3",
            ),
            html.P(
                _("Devolved {d}, non-devolved {n}, pooled or other {p}, unknown {u}.").format(
                    d=int(classes[cliff.DEVOLVED]),
                    n=int(classes[cliff.NON_DEVOLVED]),
                    p=int(classes[cliff.POOLED_OR_OTHER]),
                    u=int(classes["unknown"]),
                )
            ),
        ],
        className="review",
    )
