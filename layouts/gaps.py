"""The gap review page: findings in their evidence groups, the gap matrices, recommendations."""

from __future__ import annotations

from typing import Final

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.domain import counting
from dashboard.domain.context import AppContext
from dashboard.i18n import N_, Locale
from dashboard.views import page_views, url_parsing
from dashboard.views.cache import ViewCache
from dashboard.views.gap_review import GapReview
from dashboard.views.state import AreaSettings
from dashboard.web import ids
from dashboard.web.pages import Address, Page
from layouts.components import (
    citation,
    figure_panel,
    provision_control,
    quoted_english,
    radio_group,
    source_note,
    with_names_marked,
    with_settings_notice,
)

#: Headings of the findings, in the order shown: the gaps sources state (with their year) and
#: what the directory records lead; what is not known comes last, folded.
FINDING_GROUPS = (
    ("documented", N_("Gaps stated by the source documents, with their year")),
    ("record", N_("What the directory records")),
    (
        "derived",
        N_(
            "Gaps derived from the directory (every service that could fill them classified, "
            "in an area a source lists)"
        ),
    ),
    ("not known", N_("Not known: services that could fill the gap are unclassified")),
)
#: The group shown folded, so that the page never leads with a wall of "not known".
FOLDED_GROUP = "not known"
#: The gap matrices drawn, each with the id its figure is updated by.
GAP_FIGURES = (
    ("behaviour", ids.GAPS_BEHAVIOUR),
    ("tier", ids.GAPS_TIER),
    ("risk", ids.GAPS_RISK),
)


def findings_list(findings, locale: Locale) -> html.Div:
    """The findings in their groups, each with its recommendations and, where a source states
    it, the quote and its citation."""
    groups = []
    for evidence_class, heading in FINDING_GROUPS:
        items = [
            finding_item(finding, locale)
            for finding in findings
            if getattr(finding, "evidence_class", "derived") == evidence_class
        ]
        if not items:
            continue
        class_name = f"findings-group findings-{evidence_class.replace(' ', '-')}"
        if evidence_class == FOLDED_GROUP:
            groups.append(
                html.Details(
                    [
                        html.Summary(
                            html.H3(
                                f"{locale(heading)} ({locale.number(len(items))})",
                                className="findings-heading",
                            )
                        ),
                        html.Ul(items),
                    ],
                    className=class_name,
                )
            )
        else:
            groups.append(
                html.Section(
                    [html.H3(locale(heading), className="findings-heading"), html.Ul(items)],
                    className=class_name,
                )
            )
    if not groups:
        groups.append(html.P(locale("No gaps found by the rules.")))
    return html.Div(groups, id=ids.GAPS_FINDINGS, className="findings")


def finding_item(finding, locale: Locale) -> html.Li:
    """One finding: its text, links to its recommendations and any quote with its source."""
    links = [
        html.A(
            locale("Recommendation {n}").format(n=number),
            href=f"#rec-{number}",
            className="rec-link",
        )
        for number in finding.recommendations
    ]
    quote = (
        [
            html.Blockquote(
                [
                    quoted_english(finding.quote, locale),
                    html.Footer(citation(finding.source), className="small"),
                ],
                className="finding-quote",
            )
        ]
        if getattr(finding, "quote", "")
        else []
    )
    text = with_names_marked(finding.text, getattr(finding, "service_names", ()))
    return html.Li([*text, " ", *_join(links), *quote])


def _join(links):
    out = []
    for index, link in enumerate(links):
        if index:
            out.append(", ")
        out.append(link)
    return [html.Span(["(", *out, ")"])] if out else []


def recommendation_text(text: str, locale: Locale) -> list:
    """One recommendation: in English as published; in Welsh, our rendering flagged as
    unofficial (the survey was published in English only), with the English original one click
    away."""
    if locale.lang == "en":
        return [html.Span(text)]
    return [
        html.Span(locale(text)),
        " ",
        html.Span(locale("Unofficial translation"), className="unofficial-flag badge"),
        html.Details(
            [
                html.Summary(locale("See the original English text")),
                html.P(text, lang="en", className="quoted-english"),
            ],
            className="original-english",
        ),
    ]


def recommendations_list(frame: pd.DataFrame, locale: Locale) -> html.Div:
    return html.Div(
        [
            html.H2(locale("The 2023 survey's recommendations"), className="panel-title"),
            html.Ol(
                [
                    html.Li(
                        recommendation_text(str(row.text).strip(), locale),
                        id=f"rec-{row.number}",
                        value=int(row.number),
                    )
                    for row in frame.sort_values("number").itertuples()
                ],
                className="recommendations",
            ),
            html.P(
                locale(
                    "Source: Welsh Government, VAWDASV Blueprint perpetration intervention mapping survey, Recommendations."
                ),
                className="small",
            ),
        ]
    )


def gaps_page(
    review: GapReview, recommendations: pd.DataFrame, *, settings: AreaSettings, locale: Locale
) -> html.Div:
    """The whole page for one level, all-Wales choice and provision."""
    return html.Div(
        [
            dcc.Location(id=ids.GAPS_URL, refresh=False),
            html.H1(locale("Gap review"), className="page-title"),
            html.P(
                review.summary_text,
                id="gaps-summary",
                className="lead-text gaps-summary",
            ),
            html.P(
                locale(
                    "Each cell is provision recorded (a count, or a service available across "
                    "Wales), a gap (stated by a source, with its year, or derived where every "
                    "service that could fill it is classified, with its source's year), not "
                    "known (with its reason) or no record. Findings are computed from the data "
                    "and the source documents by fixed rules, not typed in."
                ),
                className="small",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        radio_group(
                            locale("Areas"),
                            ids.GAPS_LEVEL,
                            settings.level,
                            [
                                ("region", locale("VAWDASV region")),
                                ("force", locale("Police force area")),
                            ],
                        ),
                        md=6,
                    ),
                    dbc.Col(
                        provision_control(settings.provision, locale, ids.GAPS_PROVISION), md=3
                    ),
                    dbc.Col(
                        dbc.Switch(
                            id=ids.GAPS_ALL_WALES,
                            value=settings.include_all_wales,
                            label=locale(
                                "Add services available across all of Wales into each area"
                            ),
                        ),
                        md=3,
                    ),
                ],
                className="controls-inline",
            ),
            html.H2(locale("Gaps and what is not known"), className="panel-title"),
            html.Div(findings_list(review.findings, locale), id="gaps-findings-box"),
            source_note(" ".join(locale(rule) for rule in counting.RULES.values()), locale),
            html.Div(id="gaps-figures", children=gap_figures(review, locale)),
            recommendations_list(recommendations, locale),
        ],
        className="review",
    )


def gap_figures(review: GapReview, locale: Locale) -> list:
    note = locale(
        "Each intervention counts once in every area where it is recorded and once for every category it covers."
    )
    return [
        figure_panel(
            review.figures[panel],
            page="gaps",
            panel=panel,
            note=note,
            locale=locale,
            graph_id=graph_id,
        )
        for panel, graph_id in GAP_FIGURES
    ]


def page_body(context: AppContext, cache: ViewCache, address: Address, locale: Locale) -> html.Div:
    settings, parsed = url_parsing.area_settings_and_problems(address.search, context.wave_ids)
    result = page_views.gap_review(cache, context, settings, locale.lang)
    page = gaps_page(result, context.bundle.recommendations, settings=settings, locale=locale)
    return with_settings_notice(page, parsed, locale)


GAPS_TITLE: Final = N_("Gap review – VAWDASV perpetration interventions in Wales")
PAGE: Final = Page("gaps", "/gaps", page_body, GAPS_TITLE, N_("Gap review"))
