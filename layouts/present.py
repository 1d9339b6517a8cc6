"""Presenter mode: one large slide at a time, arrow keys to move."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.domain.context import AppContext
from dashboard.i18n import Translate
from dashboard.views import findings
from dashboard.web import ids
from layouts.overview import graph_config


def slide_index(search: object, total: int) -> int:
    from urllib.parse import parse_qs

    query = parse_qs(search.lstrip("?")) if isinstance(search, str) else {}
    raw = (query.get("slide") or ["1"])[0]
    number = int(raw) if raw.isdigit() else 1
    return min(max(number, 1), total) - 1


def slide_view(
    slide: findings.Slide, number: int, total: int, _: Translate, lang: str
) -> html.Section:
    body = [
        html.P(_("Slide {n} of {total}").format(n=number, total=total), className="slide-count"),
        html.H1(slide.title, className="slide-title"),
        html.P(slide.headline, className="slide-headline"),
        html.Ul([html.Li(point) for point in slide.points], className="slide-points")
        if slide.points
        else None,
    ]
    if slide.figure is not None:
        figure = slide.figure
        figure.update_layout(font={"size": 20}, title={"font": {"size": 22}})
        body.append(
            dcc.Graph(
                figure=figure,
                config={**graph_config(lang, f"slide-{number}"), "displayModeBar": False},
                className="slide-figure",
            )
        )
    body.append(
        html.Footer(
            [html.Span(_("Source: ")), html.Span(" · ".join(slide.sources))],
            className="slide-source",
        )
    )
    return html.Section(
        body, className="slide", **{"aria-roledescription": "slide", "aria-label": slide.title}
    )


def present_page(context: AppContext, search: object, *, _: Translate, lang: str) -> html.Div:
    deck = findings.slides(context, lang)
    index = slide_index(search, len(deck))
    return html.Div(
        [
            dcc.Location(id=ids.PRESENT_URL, refresh=False),
            html.Div(
                slide_view(deck[index], index + 1, len(deck), _, lang),
                id=ids.PRESENT_SLIDE,
                **{"aria-live": "polite"},
            ),
            html.Div(
                [
                    dbc.Button(
                        "← " + _("Previous"),
                        id=ids.PRESENT_PREV,
                        color="secondary",
                        className="me-2",
                    ),
                    dbc.Button(
                        _("Next") + " →", id=ids.PRESENT_NEXT, color="primary", className="me-2"
                    ),
                    dbc.Button(
                        _("Full screen"), id=ids.PRESENT_FULLSCREEN, color="secondary", outline=True
                    ),
                ],
                className="slide-controls",
            ),
        ],
        className="present",
        tabIndex="-1",
    )
