"""Presenter mode: one large slide at a time, arrow keys to move."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.domain.context import AppContext
from dashboard.i18n import Locale
from dashboard.views import findings
from dashboard.views.state import slide_index
from dashboard.web import ids
from layouts.components import citation, graph_config, with_names_marked


def slide_view(slide: findings.Slide, number: int, total: int, locale: Locale) -> html.Section:
    """Slide ``number`` of ``total``: title, headline, points, figure and sources."""
    body = [
        html.P(
            locale("Slide {n} of {total}").format(n=number, total=total), className="slide-count"
        ),
        html.H1(slide.title, className="slide-title"),
        html.P(slide.headline, className="slide-headline"),
        html.Ul(
            [html.Li(with_names_marked(point, slide.names)) for point in slide.points],
            className="slide-points",
        )
        if slide.points
        else None,
    ]
    if slide.figure is not None:
        figure = slide.figure
        figure.update_layout(font={"size": 20}, title={"font": {"size": 22}})
        body.append(
            dcc.Graph(
                figure=figure,
                config={**graph_config(locale.lang, f"slide-{number}"), "displayModeBar": False},
                className="slide-figure",
            )
        )
    body.append(
        html.Footer(
            [
                html.Span(locale("Source: ")),
                html.Span(" · ".join(slide.sources)),
                *(
                    part
                    for cited in slide.cited
                    for part in (" · ", citation(cited))
                ),
            ],
            className="slide-source",
        )
    )
    return html.Section(
        body, className="slide", **{"aria-roledescription": "slide", "aria-label": slide.title}
    )


def present_page(context: AppContext, search: object, locale: Locale) -> html.Div:
    """The slide the query names (``?slide=3``) with buttons to move and go full screen."""
    deck = findings.slides(context, locale.lang)
    index = slide_index(search, len(deck))
    return html.Div(
        [
            dcc.Location(id=ids.PRESENT_URL, refresh=False),
            html.Div(
                slide_view(deck[index], index + 1, len(deck), locale),
                id=ids.PRESENT_SLIDE,
                **{"aria-live": "polite"},
            ),
            html.Div(
                [
                    dbc.Button(
                        "← " + locale("Previous"),
                        id=ids.PRESENT_PREV,
                        color="secondary",
                        className="me-2",
                    ),
                    dbc.Button(
                        locale("Next") + " →",
                        id=ids.PRESENT_NEXT,
                        color="primary",
                        className="me-2",
                    ),
                    dbc.Button(
                        locale("Full screen"),
                        id=ids.PRESENT_FULLSCREEN,
                        color="secondary",
                        outline=True,
                    ),
                ],
                className="slide-controls",
            ),
        ],
        className="present",
        tabIndex="-1",
    )
