"""The page comparing two waves (component tree only; the view is
:func:`dashboard.views.changes.changes_view`)."""

from __future__ import annotations

import re
from typing import Final

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.domain import changes as changes_module
from dashboard.domain.context import AppContext
from dashboard.i18n import N_, Locale
from dashboard.views import page_views, url_parsing
from dashboard.views.cache import ViewCache
from dashboard.views.change_lines import FactText, ServiceLine
from dashboard.views.changes import ChangesView
from dashboard.views.wave_names import WaveChoice
from dashboard.web import ids
from dashboard.web.pages import Address, Page
from layouts.components import (
    citation,
    data_table,
    graph_config,
    names_as_published,
    source_note,
    with_names_marked,
    with_settings_notice,
)

#: The categories listed one per line with their facts; the others as a list of names.
DETAILED = (
    changes_module.NEW,
    changes_module.ENDED,
    changes_module.CHANGED,
    changes_module.NOT_IN_LATER,
)


def filled(template: str, **parts) -> list:
    """A translated sentence with components in its ``{placeholders}`` (a wave's name may be
    English on a Welsh page, and is marked so)."""
    found: list = []
    for piece in re.split(r"(\{[a-z_]+\})", template):
        key = piece[1:-1] if piece.startswith("{") and piece.endswith("}") else None
        found.append(parts.get(key, piece) if key else piece)
    return [piece for piece in found if piece != ""]


def wave_name(choice: WaveChoice) -> html.Span:
    """A wave's name: marked English where a Welsh page has no Welsh name for it."""
    return html.Span(choice.label, lang="en") if choice.english else html.Span(choice.label)


def _option(choice: WaveChoice, locale: Locale) -> dict:
    latest = " " + locale("(latest)") if choice.latest else ""
    return {"label": f"{choice.label} ({choice.date}){latest}", "value": choice.id}


def fact_block(fact: FactText, locale: Locale) -> html.Span:
    """One side of a change: the value, then its date, source and quote as published."""
    value = names_as_published(fact.value) if fact.as_published else html.Strong(fact.value)
    parts: list = [value]
    if fact.citation:
        parts += [
            " · ",
            html.Span(fact.date or locale("date not stated"), className="fact-date"),
            " · ",
            citation(fact.citation, class_name="fact-source"),
        ]
    else:
        parts.append(html.Span(" · " + locale("no source states it"), className="fact-date"))
    if fact.quote:
        parts += [html.Br(), html.Q(fact.quote, lang="en", className="quoted-english fact-quote")]
    if fact.address:
        parts += [" ", html.Span(fact.address, className="fact-address", lang="en")]
    return html.Span(parts, className="fact")


def service_item(line: ServiceLine, locale: Locale) -> html.Li:
    """One service: its name as published, its category and each change with both facts."""
    head: list = [
        html.Span(
            line.category_label, className=f"change-tag change-{line.category.replace(' ', '-')}"
        ),
        " ",
        html.Strong(names_as_published(line.name)),
    ]
    if line.relation:
        head += [" (", *with_names_marked(line.relation, line.old_names), ")"]
    body: list = []
    if line.link is not None:
        body.append(
            html.Div(
                [html.Span(locale("Link:"), className="change-side"), fact_block(line.link, locale)]
            )
        )
    for field in line.fields:
        body.append(
            html.Div(
                [
                    html.Div(f"{field.label} ({field.kind})", className="change-field"),
                    html.Div(
                        [
                            html.Span(locale("Before:"), className="change-side"),
                            fact_block(field.before, locale),
                        ],
                        className="change-before",
                    ),
                    html.Div(
                        [
                            html.Span(locale("After:"), className="change-side"),
                            fact_block(field.after, locale),
                        ],
                        className="change-after",
                    ),
                ],
                className="change-detail",
            )
        )
    if line.evidence is not None and not line.fields:
        body.append(
            html.Div(
                [
                    html.Span(locale("Source:"), className="change-side"),
                    fact_block(line.evidence, locale),
                ],
                className="change-detail",
            )
        )
    return html.Li([html.Div(head, className="change-head"), *body], className="change-item")


def area_section(section, locale: Locale) -> html.Section:
    detailed = [line for line in section.lines if line.category in DETAILED]
    others = {}
    for line in section.lines:
        if line.category not in DETAILED:
            others.setdefault(line.category_label, []).append(line.name)
    return html.Section(
        [
            html.H3(section.name, className="change-area"),
            html.Ul([service_item(line, locale) for line in detailed], className="change-list")
            if detailed
            else None,
            *[
                html.P(
                    [html.Strong(label + ": "), names_as_published(sorted(names, key=str.lower))]
                )
                for label, names in others.items()
            ],
        ],
        className="change-section",
    )


def counts_block(view: ChangesView, locale: Locale) -> html.Div:
    """Counts, the table by area and the map of change: only where both waves cover the areas
    alike (the view holds them only then)."""
    headers = [
        view.level_label,
        locale("current services before"),
        locale("current services after"),
        locale("change"),
        *[label for _category, label, _count in view.counts],
    ]
    rows = [
        [row.name, locale.number(row.before), locale.number(row.after), _signed(row.net, locale)]
        + [locale.number(count) for count in row.counts]
        for row in view.area_rows
    ]
    return html.Div(
        [
            html.H2(locale("Counted by area"), className="panel-title"),
            html.Ul(
                [
                    html.Li(f"{label}: {locale.number(count)}")
                    for _category, label, count in view.counts
                ],
                className="change-counts",
                id=ids.CH_COUNTS,
            ),
            dcc.Graph(
                figure=view.map_figure,
                config=graph_config(locale.lang, "changes-map"),
                id=ids.CH_MAP,
                className="change-map",
            ),
            data_table(headers, rows, numeric=range(1, len(headers))),
        ]
    )


def _signed(number: int, locale: Locale) -> str:
    from dashboard.views.change_map import signed

    return signed(number, locale)


def changes_body(view: ChangesView, locale: Locale) -> list:
    """Everything below the controls, redrawn when they change."""
    intro = filled(
        locale("Comparing “{earlier}” ({first}) with “{later}” ({last})."),
        earlier=wave_name(view.earlier),
        first=view.earlier.date,
        later=wave_name(view.later),
        last=view.later.date,
    )
    parts: list = [html.P(intro, className="change-intro")]
    if view.same:
        parts.append(
            dbc.Alert(locale("Choose two different waves to see what changed."), color="info")
        )
        return parts
    parts.append(html.P(view.reason, className="change-reason", id=ids.CH_REASON))
    if view.scope:
        parts.append(html.P(view.scope, className="change-scope"))
    if view.comparable:
        parts.append(counts_block(view, locale))
    parts.append(
        html.H2(locale("By {level}").format(level=view.level_label), className="panel-title")
    )
    parts.append(html.Ul([html.Li(text) for text in view.meanings], className="change-key small"))
    parts.extend(area_section(section, locale) for section in view.sections)
    if view.planned:
        parts.append(html.H2(locale("Planned, not yet in place"), className="panel-title"))
        parts.append(
            html.P(
                locale(
                    "A plan is not provision: these are listed with their source and never applied "
                    "to the picture."
                )
            )
        )
        parts.append(
            html.Ul([service_item(line, locale) for line in view.planned], className="change-list")
        )
    return parts


def changes_page(view: ChangesView, locale: Locale) -> html.Div:
    options = [_option(choice, locale) for choice in view.choices]
    return html.Div(
        [
            dcc.Location(id=ids.CH_URL, refresh=False),
            html.H1(locale("What changed between two waves"), className="page-title"),
            html.P(
                locale(
                    "Each wave is a dated picture of the directory drawn from its own sources. "
                    "Every change below shows the two dated facts behind it: the value, when it "
                    "was described, the source and its words."
                )
            ),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            html.Label(
                                locale("From"), htmlFor=ids.CH_FROM, className="control-label"
                            ),
                            dbc.Select(
                                id=ids.CH_FROM, options=options, value=view.settings.earlier
                            ),
                        ],
                        md=4,
                    ),
                    dbc.Col(
                        [
                            html.Label(locale("To"), htmlFor=ids.CH_TO, className="control-label"),
                            dbc.Select(id=ids.CH_TO, options=options, value=view.settings.later),
                        ],
                        md=4,
                    ),
                    dbc.Col(
                        html.Fieldset(
                            [
                                html.Legend(locale("List by"), className="control-label"),
                                dbc.RadioItems(
                                    id=ids.CH_LEVEL,
                                    value=view.settings.level,
                                    inline=True,
                                    options=[
                                        {"label": locale("VAWDASV region"), "value": "region"},
                                        {"label": locale("Police force area"), "value": "force"},
                                    ],
                                ),
                            ]
                        ),
                        md=4,
                    ),
                ],
                className="controls-inline change-controls",
            ),
            html.Div(changes_body(view, locale), id=ids.CH_BODY, **{"aria-live": "polite"}),
            source_note(view.rule, locale),
        ],
        className="review changes-page",
    )


def page_body(context: AppContext, cache: ViewCache, address: Address, locale: Locale) -> html.Div:
    settings, problems = url_parsing.change_settings(context, address.search)
    page = changes_page(page_views.changes_view(cache, context, settings), locale)
    return with_settings_notice(page, url_parsing.Parsed(address.state, problems), locale)


CHANGES_TITLE: Final = N_("What changed – VAWDASV perpetration interventions in Wales")
PAGE: Final = Page(
    "changes", "/changes", page_body, CHANGES_TITLE, N_("What changed"), shows_waves=False
)
