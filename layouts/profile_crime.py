"""An area's crime on its profile: for a police force area, its police recorded crime beside
Wales and England and Wales, and its domestic abuse-related crime (published figures, each with
its source and quote); for a region, why there is no recorded crime (printable on A4)."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.data import vocabulary as vocab
from dashboard.domain import need
from dashboard.domain.need import DomesticAbuseIndicator, PublishedFigure
from dashboard.i18n import Locale
from dashboard.views.profile import AreaSummary
from layouts.components import names_as_published, quoted_english


def crime_section(summary: AreaSummary, locale: Locale) -> html.Div:
    """Recorded crime in the force area beside Wales and England and Wales, or for a region,
    why there is none."""
    _ = locale
    crime = summary.crime
    if crime is None:
        return html.Div(
            html.P(
                _(
                    "Police recorded crime is published by police force area, not by VAWDASV region, so this profile shows none; see the profile of each police force area."
                ),
                className="small",
            ),
            className="profile-crime",
        )
    name, name_en = summary.name, summary.name_en
    counts, rates, period = crime.counts, crime.rates, crime.period

    def value(table, measure, area, digits=0):
        number = table.loc[measure, area] if area in table.columns else float("nan")
        return "–" if pd.isna(number) else locale.number(number, digits)

    header = (
        _("Measure"),
        _("{area}: count").format(area=name),
        _("{area} per 1,000").format(area=name),
        _("Wales per 1,000"),
        _("England and Wales: count"),
    )
    rows = [
        html.Tr(
            [
                html.Td(_(measure)),
                html.Td(value(counts, measure, name_en), className="num"),
                html.Td(value(rates, measure, name_en, 2), className="num"),
                html.Td(value(rates, measure, "Wales", 2), className="num"),
                html.Td(value(counts, measure, "England and Wales"), className="num"),
            ]
        )
        for measure in rates.index
    ]
    return html.Div(
        [
            html.H3(
                _("Police recorded crime, {period}").format(period=_(period)),
                className="h5",
            ),
            html.Table(
                [
                    html.Thead(html.Tr([html.Th(text, scope="col") for text in header])),
                    html.Tbody(rows),
                ],
                className="table table-sm list-table",
            ),
            html.P(
                _(
                    "Home Office, Police recorded crime, Table P1 (official statistics); rates use ONS mid-2024 population (all ages). England and Wales has a count only: the dashboard holds no population for it."
                ),
                className="small",
            ),
        ],
        className="profile-crime",
    )


def domestic_abuse_section(
    indicator: DomesticAbuseIndicator, name: str, locale: Locale
) -> html.Div:
    """The force's domestic abuse-related crime with its period, source, quote and caveat: beside
    Wales and England and Wales in a table where one year has a rate for all four forces; else
    one sentence saying so, and the force's latest figure (with Wales's and England and Wales's
    of the same year, where held)."""
    _ = locale
    period = period_label(indicator.period, locale)
    if indicator.complete:
        body = [
            html.P(_("{period}; rates per 1,000 people as published.").format(period=period)),
            _da_table(indicator, name, locale),
        ]
    else:
        body = [
            html.P(
                _(
                    "No year in the sources held has a published rate for all four Welsh police force areas (the latest, {period}, has none for {areas}), so the four are not compared here."
                ).format(
                    period=indicator.latest or "–",
                    areas=", ".join(_(force) for force in indicator.missing),
                ),
                className="da-incomplete",
            ),
            html.P(
                [
                    html.Strong(
                        _("Latest figure for {area}, {period}:").format(area=name, period=period)
                    ),
                    " ",
                    figures_text(indicator.force, locale),
                ],
                className="da-latest",
            ),
            html.P(_beside_text(indicator, locale)),
        ]
    return html.Div(
        [
            html.H3(_(need.DA_CRIMES_HEADING), className="h5"),
            *body,
            _da_sources(indicator.figures, locale),
        ],
        className="profile-da",
    )


def period_label(period: str, locale: Locale) -> str:
    """ "2021/22 (April 2021 to March 2022)": a financial year in words."""
    end = need.financial_year_end(period)
    if end is None:
        return period
    return locale("{period} (April {start} to March {end})").format(
        period=period, start=end - 1, end=end
    )


def figures_text(figures: tuple[PublishedFigure, ...], locale: Locale) -> str:
    """ "16.5 per 1,000 people; 9,681 crimes": each figure as published, the rate first."""
    _ = locale
    parts = []
    for figure in figures:
        if figure.measure == need.DA_CRIMES_RATE:
            digits = 0 if figure.value.is_integer() else 1
            parts.append(
                _("{rate} per 1,000 people").format(rate=locale.number(figure.value, digits))
            )
        else:
            parts.append(_("{count} crimes").format(count=locale.number(figure.value)))
    if not any(figure.measure == need.DA_CRIMES_RATE for figure in figures):
        parts.append(_("no published rate per 1,000 people is held"))
    return "; ".join(parts) + "."


def _beside_text(indicator: DomesticAbuseIndicator, locale: Locale) -> str:
    """Wales and England and Wales in the same year, where a figure is held; else say so."""
    _ = locale
    sentences = []
    if indicator.wales:
        combined = any(f.measure == need.DA_CRIMES_WALES for f in indicator.wales)
        label = _("Wales (the four forces combined)") if combined else _("Wales")
        sentences.append(
            _("{area}, same year: {figures}").format(
                area=label, figures=figures_text(indicator.wales, locale)
            )
        )
    if indicator.england_and_wales:
        sentences.append(
            _("{area}, same year: {figures}").format(
                area=_("England and Wales"),
                figures=figures_text(indicator.england_and_wales, locale),
            )
        )
    if not sentences:
        sentences.append(
            _("No Wales or England and Wales figure for {period} is held.").format(
                period=indicator.period
            )
        )
    return " ".join(sentences)


def _da_table(indicator: DomesticAbuseIndicator, name: str, locale: Locale) -> html.Table:
    """Force, Wales and England and Wales in one year: the rate and the count as published."""
    _ = locale

    def value(figures, measures, digits):
        chosen = [f.value for f in figures if f.measure in measures]
        return locale.number(chosen[0], digits) if chosen else "–"

    rows = [
        (
            label,
            value(figures, (need.DA_CRIMES_RATE,), 1),
            value(figures, (need.DA_CRIMES, need.DA_CRIMES_WALES), 0),
        )
        for label, figures in (
            (name, indicator.force),
            (_("Wales"), indicator.wales),
            (_("England and Wales"), indicator.england_and_wales),
        )
        if figures
    ]
    header = (_("Area"), _("Per 1,000 people"), _("Crimes"))
    return html.Table(
        [
            html.Thead(html.Tr([html.Th(text, scope="col") for text in header])),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td(label),
                            html.Td(rate, className="num"),
                            html.Td(count, className="num"),
                        ]
                    )
                    for label, rate, count in rows
                ]
            ),
        ],
        className="table table-sm list-table",
    )


def _da_sources(figures: tuple[PublishedFigure, ...], locale: Locale) -> html.P:
    """Each source once (as published, English), its quotes, and the secondary-source caveat."""
    _ = locale
    parts: list = []
    if any(figure.source_kind == "secondary" for figure in figures):
        parts.append(html.Strong(_(vocab.SECONDARY_CAVEAT)))
    for source in dict.fromkeys(figure.source for figure in figures):
        quotes = dict.fromkeys(f.quote for f in figures if f.source == source and f.quote)
        parts += [" ", _("Source:"), " ", names_as_published(source)]
        for quote in quotes:
            # On screen and in the report; on paper the source is named (a page has no room).
            parts += [" ", html.Span(quoted_english(quote, locale), className="da-quote")]
    return html.P(parts, className="small da-source")
