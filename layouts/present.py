"""Presenter mode: one slide at a time, filling the window (assets/40-slides.css); the arrow keys,
Page Up/Down, Home and End move (assets/present.js). The same slides, offline in one file:
``/present/deck.html`` (:mod:`dashboard.views.deck`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.domain.context import AppContext
from dashboard.i18n import N_, Locale
from dashboard.views import deck, findings, page_views, slide_parts
from dashboard.views import state as view_state
from dashboard.views.cache import ViewCache
from dashboard.views.url_parsing import slide_index
from dashboard.web import ids
from dashboard.web.pages import Address, Page
from layouts.components import citation, graph_config, with_names_marked


def slide_footer(slide: slide_parts.Slide, number: int, total: int, locale: Locale) -> html.Footer:
    """What a photograph of the slide must carry: its sources (documents by title, as published),
    the date the data was checked and how the sources cover what it shows; and its number."""
    # Each citation in the page's language, only its document's English title marked lang="en".
    cited = [part for text in slide.cited for part in ("; ", citation(text))]
    return html.Footer(
        [
            html.Div(
                [
                    html.P(
                        [
                            locale(slide_parts.SOURCES_LABEL) + " ",
                            "; ".join(slide.sources),
                            *cited,
                            ".",
                        ],
                        className="slide-sources",
                    ),
                    html.P(f"{slide.dated}. {slide.caveat}", className="slide-caveat"),
                ],
                className="slide-footer-text",
            ),
            html.P(
                locale("Slide {n} of {total}").format(n=number, total=total),
                className="slide-count",
            ),
        ],
        className="slide-footer",
    )


def slide_view(slide: slide_parts.Slide, number: int, total: int, locale: Locale) -> html.Section:
    """Slide ``number`` of ``total``: title, headline, points, chart or map, and its footer."""
    text = html.Div(
        [
            html.P(slide.headline, className="slide-headline"),
            html.Ul(
                [html.Li(with_names_marked(point, slide.names)) for point in slide.points],
                className="slide-points",
            )
            if slide.points
            else None,
        ],
        className="slide-text",
    )
    body = [text]
    figure = deck.slide_figure(slide)
    if figure is not None:
        body.append(
            html.Div(
                dcc.Graph(
                    figure=figure,
                    config={
                        **graph_config(locale.lang, f"slide-{number}"),
                        "displayModeBar": False,
                        "scrollZoom": False,
                    },
                    responsive=True,
                    style={"height": "100%"},
                ),
                className="slide-figure "
                + ("slide-map" if slide.map_view is not None else "slide-chart"),
            )
        )
    return html.Section(
        [
            html.H1(slide.title, className="slide-title"),
            html.Div(body, className="slide-body"),
            slide_footer(slide, number, total, locale),
        ],
        id=f"slide-{number}",
        className="slide",
        **{"aria-roledescription": locale("slide"), "aria-label": slide.title},
    )


def present_page(slides: Sequence[findings.Slide], search: object, locale: Locale) -> html.Div:
    """The slide the query names (``?slide=3``) of ``slides`` with buttons to move, go full
    screen and take the whole deck offline."""
    index = slide_index(search, len(slides))
    return html.Div(
        [
            dcc.Location(id=ids.PRESENT_URL, refresh=False),
            html.Div(
                slide_view(slides[index], index + 1, len(slides), locale),
                id=ids.PRESENT_SLIDE,
                **{"aria-live": "polite"},
            ),
            html.Div(
                [
                    dbc.Button("← " + locale("Previous"), id=ids.PRESENT_PREV, color="secondary"),
                    dbc.Button(locale("Next") + " →", id=ids.PRESENT_NEXT, color="primary"),
                    dbc.Button(
                        locale("Full screen"),
                        id=ids.PRESENT_FULLSCREEN,
                        color="secondary",
                        outline=True,
                    ),
                    # Home and End press these (assets/present.js); a pointer has Previous/Next.
                    html.Button(id=ids.PRESENT_FIRST, hidden=True),
                    html.Button(id=ids.PRESENT_LAST, hidden=True),
                    html.A(
                        locale("Download the slides for offline use (HTML)"),
                        href=view_state.href(deck.DECK_PATH, locale.lang),
                        download=deck.file_name(locale.lang),
                        id=ids.PRESENT_DECK,
                        className="deck-link",
                    ),
                ],
                className="slide-controls",
            ),
        ],
        className="present",
        tabIndex="-1",
    )


def page_body(context: AppContext, cache: ViewCache, address: Address, locale: Locale) -> html.Div:
    return present_page(page_views.slides(cache, context, locale.lang), address.search, locale)


PRESENT_TITLE: Final = N_("Presenter mode – VAWDASV perpetration interventions in Wales")
PAGE: Final = Page("present", "/present", page_body, PRESENT_TITLE, N_("Present"), framed=False)
