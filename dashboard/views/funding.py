"""The funding page (``/funding``): when stated funding ends, by whom services are funded, and
how precarious their funding is, for all of Wales."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.data import vocabulary as vocab
from dashboard.domain import cliff, counting, precarity
from dashboard.domain.context import AppContext
from dashboard.views.figures_review import cliff_timeline, simple_bars


@dataclass(frozen=True)
class FundingView:
    """The funding page (``/funding``) for all of Wales, over the services counted, seen from
    one date."""

    #: When stated funding ends, by year, grouped as the page's control asks.
    timeline: go.Figure
    #: Services by funding-end horizon (:data:`cliff.HORIZONS`, "not stated" included).
    horizons: pd.Series
    #: Services by funder class (:data:`cliff.FUNDER_CLASSES`, unknown included).
    classes: pd.Series
    #: The page's lead: for how many services an end is stated, then what those dates say.
    lead: str
    #: Every funding-precarity band by name, with how many services a band is known for.
    precarity: str
    #: :attr:`horizons` as bars.
    horizon_chart: go.Figure
    #: :attr:`classes` as bars.
    class_chart: go.Figure
    #: One row per service counted with its funding end and funder (the page's CSV).
    table: pd.DataFrame


#: The timeline's groupings -> the directory column each groups by.
FUNDING_GROUP_COLUMNS: Final = MappingProxyType(
    {
        "funder": "primary_funder",
        "region": "vawdasv_regions",
        "force": "police_force_areas",
        "class": "funder_class",
    }
)


def funding_view(
    context: AppContext,
    *,
    group: str,
    lang: str,
    as_of: dt.date | None = None,
    provision: str = counting.CURRENT,
) -> FundingView:
    """Cliff-edge timeline and counts for all of Wales, over the services counted (current
    provision by default: a service that has ended has no funding left to end)."""
    _ = i18n.translator(lang)
    directory = context.directory
    as_of = as_of or dt.date.today()
    table = cliff.cliff_edge(directory, counting.provision_mask(directory, provision), as_of)
    horizons = cliff.horizon_counts(table)
    classes = cliff.funder_class_counts(table)
    bands, precarity_known, services = counting.breakdown_with_known(
        directory, counting.provision_mask(directory, provision), "precarity"
    )
    locale = i18n.locale_for(lang)
    return FundingView(
        timeline=funding_timeline(
            table, group=group, lang=lang, current_year=directory.current_year
        ),
        horizons=horizons,
        classes=classes,
        lead=funding_lead(horizons, locale),
        precarity=precarity_sentence(bands, precarity_known, services, locale),
        horizon_chart=simple_bars(
            horizons,
            labels={h: _(h) for h in cliff.HORIZONS},
            title=_("Funding end, seen from {date}").format(date=as_of.isoformat()),
            locale=locale,
            complete=int(horizons[cliff.NOT_STATED]) == 0,
        ),
        class_chart=simple_bars(
            classes,
            labels={c: _(c) for c in cliff.FUNDER_CLASSES},
            title=_("Primary funder: devolved and non-devolved"),
            locale=locale,
            complete=int(classes[vocab.UNKNOWN]) == 0,
        ),
        table=table,
    )


@dataclass(frozen=True)
class FundingTimeline:
    """The funding page's timeline for one grouping, language, provision, wave and date, as
    plotly JSON: what its callback sends, and a value the view cache can store."""

    group: str
    lang: str
    provision: str
    wave: str | None
    #: The date funding ends are seen from (ISO).
    as_of: str
    #: The figure as plotly JSON (``go.Figure.to_json``, read back).
    figure: Mapping[str, Any]


def funding_timeline_view(
    context: AppContext,
    *,
    group: str,
    lang: str,
    provision: str = counting.CURRENT,
    wave: str | None = None,
    as_of: dt.date | None = None,
) -> FundingTimeline:
    """The timeline alone (what the grouping control redraws), without the page's bars."""
    as_of = as_of or dt.date.today()
    directory = context.directory
    table = cliff.cliff_edge(directory, counting.provision_mask(directory, provision), as_of)
    figure = funding_timeline(table, group=group, lang=lang, current_year=directory.current_year)
    return FundingTimeline(
        group, lang, provision, wave, as_of.isoformat(), json.loads(figure.to_json())
    )


def funding_timeline(table: pd.DataFrame, *, group: str, lang: str, current_year: str) -> go.Figure:
    """When stated funding ends, by year, grouped by ``group`` (funder by default)."""
    _ = i18n.translator(lang)
    column = FUNDING_GROUP_COLUMNS.get(group, FUNDING_GROUP_COLUMNS["funder"])
    labels = {
        value: ", ".join(_(part) for part in vocab.split_list(value))
        for value in table[column].unique()
    }
    return cliff_timeline(
        table,
        group_column=column,
        group_labels=labels,
        current_year=current_year,
        title=_("When stated funding ends"),
        locale=i18n.locale_for(lang),
    )


def funding_lead(horizons: pd.Series, locale: i18n.Locale) -> str:
    """The funding page's lead: for how many services an end date is stated, then only what
    those dates say. With no end date known, nothing is said to end within 12 months (never a
    reassuring zero: rule ``none_recorded``)."""
    services = int(horizons.sum())
    stated = cliff.end_stated(horizons)
    fmt = locale.number
    lead = locale("End date stated for {known} of {n} interventions counted.").format(
        known=fmt(stated), n=fmt(services)
    )
    if stated == 0:
        return (
            lead
            + " "
            + locale(
                "No document states when their funding ends, so how many end within 12 months "
                "is not known."
            )
        )
    lead += " " + locale(
        "Of those with a stated end, {within} end within 12 months, {later} end later and "
        "{ended} had an end that has passed."
    ).format(
        within=fmt(int(horizons[cliff.WITHIN_12_MONTHS])),
        later=fmt(int(horizons[cliff.LATER])),
        ended=fmt(int(horizons[cliff.ENDED])),
    )
    if stated < services:
        lead += " " + locale("For the other {n}, when funding ends is not known.").format(
            n=fmt(services - stated)
        )
    return lead


def precarity_sentence(bands: pd.Series, known: int, services: int, locale: i18n.Locale) -> str:
    """Every funding-precarity band by name, with how many services a band is known for (the
    rule itself is the page's method note: ``precarity.RULE_STEPS``)."""
    fmt = locale.number
    return locale(
        "Funding precarity, every band: high {high}, medium {medium}, low {low}, unknown "
        "{unknown} (band known for {known} of {n})."
    ).format(
        high=fmt(int(bands.get(precarity.HIGH, 0))),
        medium=fmt(int(bands.get(precarity.MEDIUM, 0))),
        low=fmt(int(bands.get(precarity.LOW, 0))),
        unknown=fmt(int(bands.get(vocab.UNKNOWN, 0))),
        known=fmt(known),
        n=fmt(services),
    )
