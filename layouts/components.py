"""Small components every page uses: chart toolbar settings, CSV buttons, source notes, plain
tables, radio groups and the "services counted" controls."""

from __future__ import annotations

import functools
import json
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import config
from dashboard.domain import citations, counting
from dashboard.i18n import N_, Locale
from dashboard.views import figures_map, theme, url_parsing
from dashboard.views import state as view_state
from dashboard.views.state import ViewState
from dashboard.web import ids

if TYPE_CHECKING:
    from dashboard.domain.context import AppContext


@functools.cache
def plotly_welsh_locale() -> dict:
    """plotly.js's own Welsh locale (MIT), passed in the graph config: no script to fetch."""
    return json.loads((config.LOCALE_DIR / "plotly-cy.json").read_text(encoding="utf-8"))


def graph_config(lang: str, filename: str) -> dict:
    """Plotly toolbar: PNG download in the browser, no plotly logo, the page's language; the
    world topojson that plotly's geo maps ask for comes from the app itself."""
    locales = {"locales": {"cy": plotly_welsh_locale()}} if lang == "cy" else {}
    return {
        **locales,
        "topojsonURL": figures_map.TOPOJSON_URL,
        "displaylogo": False,
        "locale": "cy" if lang == "cy" else "en",
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "modeBarButtonsToRemove": list(theme.REMOVED_TOOLBAR_BUTTONS),
    }


def download_button(component_id: str | dict, locale: Locale) -> dbc.Button:
    """A quiet "Download data (CSV)" button."""
    return dbc.Button(
        locale("Download data (CSV)"),
        id=component_id,
        color="link",
        size="sm",
        className="csv-button",
    )


def csv_button(panel: str, locale: Locale, *, page: str) -> dbc.Button:
    """The CSV button of one panel of a page; ``callbacks.review`` serves every one."""
    return download_button({"type": "csv", "page": page, "panel": panel}, locale)


#: The visible label of English quoted from a source document on a Welsh page.
QUOTED_ENGLISH_LABEL = N_("original English text")


def quoted_english(text: str, locale: Locale, *, label: bool = True) -> html.Span:
    """Words quoted from an English source document, as published: marked ``lang="en"`` (screen
    readers read them as English; the Welsh-screen test skips exactly these) and, on a Welsh page,
    labelled as quoted English so no one takes them for an untranslated screen. ``label=False``
    where the heading above already says so (a list of names as published)."""
    quote = html.Q(text, lang="en", className="quoted-english")
    if locale.lang == "en" or not label:
        return html.Span(quote)
    return html.Span(
        [html.Span(locale(QUOTED_ENGLISH_LABEL) + ": ", className="quoted-english-label"), quote]
    )


def citation(text: str, *, class_name: str | None = None) -> html.Cite:
    """A readable citation (:func:`dashboard.domain.citations.readable_citation`) in the page's
    language, its document's title, as published in English, marked ``lang="en"``."""
    before, title, after = citations.title_parts(text)
    parts = (
        [before, html.Span(title, lang="en", className="cited-title"), after] if title else [text]
    )
    return html.Cite([part for part in parts if part], className=class_name)


def names_as_published(names: Iterable[str] | str) -> html.Span:
    """Names of services and providers as the English source documents give them (proper names,
    never translated): marked ``lang="en"`` for screen readers and the Welsh-screen test."""
    text = names if isinstance(names, str) else "; ".join(names)
    return html.Span(text, lang="en", className="names-as-published")


def with_names_marked(text: str, names: Iterable[str]) -> list:
    """``text`` with each service name in it marked as published in English (``lang="en"``):
    a sentence in the page's language that names services, as the gap findings do."""
    return [
        names_as_published(part) if is_name else part
        for part, is_name in citations.name_parts(text, names)
    ]


def source_note(text: str, locale: Locale) -> html.Details:
    """A short, collapsible "source and method" note under a panel."""
    return html.Details(
        [html.Summary(locale("Source and method")), html.P(text)], className="source-note"
    )


def data_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    numeric: Collection[int] = (),
    class_name: str = "table table-sm list-table",
) -> html.Table:
    """A plain HTML table with column headers; ``numeric`` columns are right-aligned."""
    return html.Table(
        [
            html.Thead(html.Tr([html.Th(header, scope="col") for header in headers])),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td(cell, className="num" if index in numeric else None)
                            for index, cell in enumerate(row)
                        ]
                    )
                    for row in rows
                ]
            ),
        ],
        className=class_name,
    )


def figure_panel(
    figure, *, page: str, panel: str, note: str, locale: Locale, graph_id: str | None = None
) -> html.Div:
    """A chart with its CSV button and source note."""
    graph = dcc.Graph(
        figure=figure,
        config=graph_config(locale.lang, f"{page}-{panel}"),
        **({"id": graph_id} if graph_id else {}),
    )
    return html.Div(
        [
            graph,
            html.Div([csv_button(panel, locale, page=page)], className="panel-actions"),
            source_note(note, locale),
        ],
        className="panel",
    )


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


def provision_options(locale: Locale) -> tuple[tuple[str, str], ...]:
    """Which services count, as (value, label) pairs: current provision first (the default)."""
    return (
        (counting.CURRENT, locale("Current provision (active and pilot)")),
        (counting.ALL_STATUSES, locale("Include ended and planned services")),
    )


def radio_fieldset(
    legend: str, component_id: str, value: str, options: Sequence[tuple[str, str]]
) -> html.Fieldset:
    """A control panel's group of radio buttons under a legend: ``options`` are (value, label)."""
    return html.Fieldset(
        [
            html.Legend(legend, className="control-label"),
            dbc.RadioItems(
                id=component_id,
                options=[{"label": label, "value": key} for key, label in options],
                value=value,
                className="control-radio",
            ),
        ]
    )


def provision_control(
    provision: str, locale: Locale, component_id: str = ids.PROVISION
) -> html.Fieldset:
    """Which services count, as a control: current provision (the default) or every status."""
    return radio_fieldset(
        locale("Services counted"), component_id, provision, provision_options(locale)
    )


def provision_links(path: str, state: ViewState, locale: Locale) -> html.Nav:
    """The status control of pages without a control panel: two links that keep the rest of
    the page's settings and change only which services are counted."""
    links: list[Any] = [html.Span(locale("Services counted:"), className="control-label me-2")]
    for provision, label in provision_options(locale):
        chosen = provision == state.provision
        # The chosen option says so in words too (dcc.Link takes no aria-current).
        text = (
            [label, html.Span(" " + locale("(shown)"), className="visually-hidden")]
            if chosen
            else label
        )
        links.append(
            dcc.Link(
                text,
                href=view_state.provision_href(path, state, provision),
                className="provision-link" + (" active" if chosen else ""),
            )
        )
    return html.Nav(
        links, className="provision-links", **{"aria-label": locale("Services counted")}
    )


def wave_links_children(context: AppContext, path: str, search: str, locale: Locale) -> list:
    """ "As at": one link per wave (the page and its settings kept, only the wave changed), the
    wave shown marked, and a link to what changed between it and the wave before it; nothing
    when the data offers one wave."""

    if len(context.wave_ids) < 2:
        return []
    return [
        html.Nav(
            _wave_link_items(context, path, search, locale),
            className="provision-links wave-links",
            **{"aria-label": locale("As at")},
        )
    ]


def _wave_link_items(context: AppContext, path: str, search: str, locale: Locale) -> list:
    from dashboard.views.wave_names import wave_choices

    waves = context.waves
    chosen = url_parsing.wave_of(context, search) or (waves.default if waves else None)
    items: list[Any] = [html.Span(locale("As at:"), className="control-label me-2")]
    for choice in wave_choices(context, locale):
        shown = choice.id == chosen
        label: list[Any] = [
            html.Span(choice.label, lang="en") if choice.english else choice.label,
            f" ({choice.date})",
        ]
        if shown:
            label.append(html.Span(" " + locale("(shown)"), className="visually-hidden"))
        # A whole new page (not a dcc.Link): every part of it shows the other wave's picture,
        # and the router renders a page again only when its path changes.
        items.append(
            html.A(
                label,
                href=view_state.wave_href(path, search, None if choice.latest else choice.id),
                className="wave-link provision-link" + (" active" if shown else ""),
                **({"aria-current": "page"} if shown else {}),
            )
        )
    before = waves.before(chosen) if waves is not None and chosen else None
    if before is not None:
        items.append(
            dcc.Link(
                locale("What changed?"),
                href=view_state.changes_href(before.id, chosen, locale.lang),
                className="wave-changes-link",
            )
        )
    return items


def wave_links(context: AppContext, path: str, search: str, locale: Locale) -> html.Div:
    """The "as at" control of every page: which wave's picture the page shows."""
    return html.Div(wave_links_children(context, path, search, locale), id=ids.WAVE_LINKS)


def settings_notice(messages: list[str], locale: Locale) -> dbc.Alert:
    """A page's own link settings that were not recognised, each in words with the value given
    (:func:`dashboard.views.url_parsing.problem_texts`)."""
    return dbc.Alert(
        [
            html.Strong(locale("Some link settings were not recognised:")),
            html.Ul([html.Li(message) for message in messages]),
        ],
        color="warning",
        className="notice",
    )


def with_settings_notice(page: Any, parsed: url_parsing.Parsed, locale: Locale) -> Any:
    """``page``, under the notice of its link settings that were not recognised, if any."""
    messages = url_parsing.problem_texts(parsed, locale)
    return html.Div([settings_notice(messages, locale), page]) if messages else page
