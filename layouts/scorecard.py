"""The minimum-offer scorecard page (component tree only; the view comes from
:func:`dashboard.domain.scorecard.scorecard_view`)."""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.domain import cells as cells_module
from dashboard.domain import counting
from dashboard.domain.context import AppContext
from dashboard.domain.scorecard import ScorecardCell, ScorecardView
from dashboard.i18n import N_, Locale
from dashboard.views import page_views, url_parsing
from dashboard.views.cache import ViewCache
from dashboard.views.gap_text import stated_year_sentence, summary_sentence
from dashboard.views.scorecard import cell_reason, field_label
from dashboard.web import ids
from dashboard.web.pages import Address, Page
from layouts.components import (
    citation,
    download_button,
    names_as_published,
    quoted_english,
    source_note,
    with_names_marked,
    with_settings_notice,
)

#: The counting rules the method note quotes word for word, in this order.
RULE_KEYS = ("current", "local", "known", "gap", "medium_risk")

STATE_CLASSES = MappingProxyType(
    {
        counting.RECORDED: "sc-recorded",
        counting.GAP: "sc-gap",
        counting.NOT_KNOWN: "sc-not-known",
        counting.NO_RECORD: "sc-no-record",
    }
)


def element_rule(element, locale: Locale) -> str:
    values = locale(" or ").join(locale(value) for value in element.values)
    return f"{field_label(element.field, locale)}: {values}"


def cell_content(cell: ScorecardCell, element, *, locale: Locale) -> html.Td:
    """One cell: symbol, state in words, its reason or year, and a tooltip; colour only repeats
    what the words say."""
    fmt = locale.number
    lines: list = []
    classes = ["sc-cell", STATE_CLASSES[cell.state]]
    reason = cell.reason
    title = cell_reason(cell, element, locale=locale)
    if cell.state == counting.RECORDED and reason == cells_module.ACROSS_WALES:
        lines.append(html.Span("✓ " + locale("across Wales"), className="sc-state"))
    elif cell.state == counting.RECORDED:
        lines.append(html.Span(f"✓ {fmt(cell.count)}", className="sc-state"))
        lines.append(html.Span(locale("recorded"), className="sc-sub"))
    elif cell.state == counting.GAP and cell.documented is not None:
        classes[-1] = "sc-gap-documented"
        lines.append(html.Span("✗ " + locale("gap"), className="sc-state"))
        lines.append(
            html.Span(
                locale("stated in {year}").format(year=cell.stated_year)
                if cell.stated_year
                else locale("stated by a source"),
                className="sc-sub",
            )
        )
        if cell.later:
            before, _names, after = locale("later sources name: {names}").partition("{names}")
            lines.append(
                html.Span(
                    [before, names_as_published(", ".join(cell.later.names)), after],
                    className="sc-sub sc-later",
                )
            )
        title = f"“{cell.documented.evidence}” ({cell.documented_citation}). {title}"
    elif cell.state == counting.GAP:
        lines.append(html.Span("✗ " + locale("gap"), className="sc-state"))
        lines.append(
            html.Span(
                locale("derived; sources to {year}").format(year=cell.year)
                if cell.year
                else locale("in the directory"),
                className="sc-sub",
            )
        )
    elif cell.state == counting.NOT_KNOWN:
        lines.append(html.Span("? " + locale("not known"), className="sc-state"))
        if reason == cells_module.WIDER_HAS:
            sub = locale("(could be served by {n})").format(n=fmt(cell.wider))
        elif reason == cells_module.WIDER_UNCLASSIFIED:
            sub = locale("({n} that could serve it unclassified)").format(
                n=fmt(cell.wider_unclassified)
            )
        elif reason == cells_module.NOT_ENUMERATED:
            sub = locale("(no source lists every service here)")
        else:
            sub = locale("({n} unclassified)").format(n=fmt(cell.unclassified))
        lines.append(html.Span(sub, className="sc-sub"))
    else:
        lines.append(html.Span("– " + locale("no record"), className="sc-state"))
    if cell.all_wales:
        lines.append(
            html.Span(
                locale("+{n} available across Wales").format(n=fmt(cell.all_wales)),
                className="sc-sub",
            )
        )
        if reason != cells_module.ACROSS_WALES:
            title += " " + locale("Available across Wales: {names}.").format(
                names="; ".join(cell.all_wales_names)
            )
    return html.Td(lines, className=" ".join(classes), title=title.strip())


def stated_list(view: ScorecardView, *, locale: Locale) -> html.Div | None:
    """The gaps the sources state, each with its year and what later sources name there: what
    the page leads with."""
    items = []
    for row in view.rows:
        for cell, element in zip(row.cells, view.elements, strict=True):
            if cell.documented is None:
                continue
            sentence = stated_year_sentence(cell.stated_year, cell.later, _=locale)
            items.append(
                html.Li(
                    [
                        html.Strong(f"{row.name}, {element.label}: "),
                        locale(cell.documented.statement),
                        " ",
                        *with_names_marked(sentence, cell.later.names if cell.later else ()),
                        " (",
                        citation(cell.documented_citation),
                        ")",
                    ]
                )
            )
    if not items:
        return None
    return html.Div(
        [
            html.H2(
                locale("Gaps stated by the source documents, with their year"),
                className="panel-title",
            ),
            html.Ul(items, className="sc-stated"),
        ]
    )


def scorecard_table(view: ScorecardView, *, locale: Locale) -> html.Table:
    fmt = locale.number
    level_label = (
        locale("VAWDASV region") if view.level == "region" else locale("Police force area")
    )
    head = html.Tr(
        [
            html.Th(level_label, scope="col"),
            *[
                html.Th(
                    [
                        # A line may break after a slash ("phartneriaid/dioddefwyr" was the
                        # widest word of the Welsh table).
                        element.label.replace("/", "/\u200b"),
                        html.Span(element_rule(element, locale), className="sc-rule"),
                    ],
                    scope="col",
                )
                for element in view.elements
            ],
        ]
    )
    body = []
    for row in view.rows:
        total = locale("meets {k} of {n} elements").format(k=fmt(row.met), n=fmt(row.total))
        unknown = locale("{m} not known").format(m=fmt(row.not_known))
        body.append(
            html.Tr(
                [
                    html.Th(
                        [
                            row.name,
                            html.Span(total, className="sc-total"),
                            html.Span(unknown, className="sc-total"),
                        ],
                        scope="row",
                    ),
                    *[
                        cell_content(cell, element, locale=locale)
                        for cell, element in zip(row.cells, view.elements, strict=True)
                    ],
                ]
            )
        )
    return html.Table(
        [
            html.Caption(
                locale(
                    "Areas against the elements of the draft minimum offer: current services, "
                    "{scope}."
                ).format(
                    scope=locale("services available across all of Wales added")
                    if view.include_all_wales
                    else locale("local services only, services available across Wales beside")
                )
            ),
            html.Thead(head),
            html.Tbody(body),
        ],
        className="scorecard",
    )


def legend(locale: Locale) -> html.Ul:
    items = [
        ("sc-recorded", "✓ 2", locale("recorded (number of services)")),
        (
            "sc-recorded",
            "✓ " + locale("across Wales"),
            locale("a service available across all of Wales meets it"),
        ),
        (
            "sc-gap-documented",
            "✗ " + locale("gap"),
            locale("stated by a source document, in the year shown"),
        ),
        (
            "sc-gap",
            "✗ " + locale("gap"),
            locale(
                "derived: field known for every service that could fill it, none meets it, in "
                "an area a source lists (year of that source)"
            ),
        ),
        (
            "sc-not-known",
            "? " + locale("not known"),
            locale(
                "a service here, or one that could serve it from across the region, police "
                "force area or Wales or with no area, is unclassified or could meet it: not a gap"
            ),
        ),
        ("sc-no-record", "– " + locale("no record"), locale("no current service recorded")),
    ]
    return html.Ul(
        [
            html.Li([html.Span(symbol, className=f"sc-swatch {cls}"), html.Span(text)])
            for cls, symbol, text in items
        ],
        className="sc-legend",
        **{"aria-label": locale("Legend")},
    )


def services_details(view: ScorecardView, *, locale: Locale) -> html.Div:
    """Per area, the services behind each cell (the tooltips' content, readable without a mouse)."""
    blocks = []
    for row in view.rows:
        items = []
        for cell, element in zip(row.cells, view.elements, strict=True):
            parts: list = [html.Strong(element.label + ": ")]
            if cell.names:
                parts.append(names_as_published(cell.names))
            elif cell.documented is not None:
                parts.extend(
                    [
                        locale("gap stated by a source:") + " ",
                        quoted_english(cell.documented.evidence, locale),
                        " (",
                        citation(cell.documented_citation),
                        ") ",
                        *with_names_marked(
                            stated_year_sentence(cell.stated_year, cell.later, _=locale),
                            cell.later.names if cell.later else (),
                        ),
                    ]
                )
            else:
                parts.extend(
                    with_names_marked(
                        locale(cell.state) + ": " + cell_reason(cell, element, locale=locale),
                        (*cell.names, *cell.wider_names, *cell.wider_unclassified_names),
                    )
                )
            if cell.all_wales_names and cell.reason != cells_module.ACROSS_WALES:
                parts.extend(
                    [
                        " · " + locale("available across Wales:") + " ",
                        names_as_published(cell.all_wales_names),
                    ]
                )
            items.append(html.Li(parts))
        blocks.append(
            html.Details(
                [
                    html.Summary(locale("{area}: services behind each cell").format(area=row.name)),
                    html.Ul(items),
                ],
                className="sc-details",
            )
        )
    return html.Div(blocks)


def offer_list(view: ScorecardView, *, locale: Locale) -> html.Ol:
    return html.Ol(
        [
            html.Li(
                [
                    html.Strong(element.label),
                    f" ({element_rule(element, locale)}). ",
                    element.rationale,
                    " ",
                    html.Span(quoted_english(element.evidence, locale), className="sc-quote"),
                    " (",
                    citation(element.citation),
                    ")",
                ]
            )
            for element in view.elements
        ],
        className="sc-offer",
    )


def scorecard_body(view: ScorecardView, *, locale: Locale) -> list:
    """Everything that changes with the controls."""
    notes = [html.P(note, className="small") for note in view.notes]
    summary = summary_sentence(view.summary, _=locale, lang=locale.lang) if view.summary else ""
    stated = stated_list(view, locale=locale)
    return [
        html.P(summary, className="lead-text sc-summary") if summary else None,
        *([stated] if stated is not None else []),
        legend(locale),
        # A region a keyboard can reach and scroll, named, where the table is wider than the page.
        html.Div(
            scorecard_table(view, locale=locale),
            className="scorecard-wrap",
            tabIndex="0",
            role="region",
            **{"aria-label": locale("Minimum-offer scorecard table")},
        ),
        *notes,
        html.H2(locale("Services behind each cell"), className="panel-title"),
        services_details(view, locale=locale),
    ]


def method_text(locale: Locale) -> str:
    rules = " ".join(locale(counting.RULES[key]) for key in RULE_KEYS)
    method = locale(
        "Each cell counts the current services in the area that have any of the element's "
        "values in the field named under the element."
    )
    return f"{method} {rules}"


def scorecard_page(view: ScorecardView, *, locale: Locale) -> html.Div:
    return html.Div(
        [
            dcc.Location(id=ids.SC_URL, refresh=False),
            dcc.Download(id=ids.SC_DOWNLOAD),
            html.H1(
                [
                    locale("Minimum-offer scorecard"),
                    " ",
                    html.Span(locale("Draft"), className="badge bg-warning text-dark sc-badge"),
                ],
                className="page-title",
            ),
            dbc.Alert(
                [
                    html.Strong(locale("Draft for discussion, not adopted policy.") + " "),
                    locale(
                        "Recommendation 2 of the 2023 survey asks the National Partnership "
                        "Board to consider an all-Wales response to tackling perpetration, "
                        "including a minimum level of service provision. The elements below are "
                        "a draft offer to discuss, kept in data/minimum_offer.csv: they can be "
                        "changed without changing the code."
                    ),
                ],
                color="warning",
                className="sc-draft",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            html.Label(
                                locale("Areas"), htmlFor=ids.SC_LEVEL, className="control-label"
                            ),
                            dbc.RadioItems(
                                id=ids.SC_LEVEL,
                                value=view.level,
                                inline=True,
                                options=[
                                    {"label": locale("VAWDASV region"), "value": "region"},
                                    {"label": locale("Police force area"), "value": "force"},
                                ],
                            ),
                        ],
                        md=5,
                        className="sc-level",
                    ),
                    dbc.Col(
                        dbc.Switch(
                            id=ids.SC_ALL_WALES,
                            value=view.include_all_wales,
                            label=locale("Include services available across all of Wales"),
                        ),
                        md=5,
                    ),
                    dbc.Col(download_button(ids.SC_CSV, locale), md=2),
                ],
                className="controls-inline sc-controls",
            ),
            html.Div(scorecard_body(view, locale=locale), id=ids.SC_BODY),
            html.H2(locale("The draft offer"), className="panel-title"),
            offer_list(view, locale=locale),
            source_note(method_text(locale), locale),
        ],
        className="review scorecard-page",
    )


def page_body(context: AppContext, cache: ViewCache, address: Address, locale: Locale) -> html.Div:
    settings, parsed = url_parsing.area_settings_and_problems(address.search, context.wave_ids)
    view = page_views.scorecard_view(cache, context, settings)
    return with_settings_notice(scorecard_page(view, locale=locale), parsed, locale)


SCORECARD_TITLE: Final = N_("Minimum-offer scorecard – VAWDASV perpetration interventions in Wales")
PAGE: Final = Page("scorecard", "/scorecard", page_body, SCORECARD_TITLE, N_("Minimum offer"))
