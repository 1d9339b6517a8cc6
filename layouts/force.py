"""An area's summary on its profile: provision, tiers and behaviours in their cell states,
precarity and funding ending, rank; for a police force area, recorded crime beside Wales and
England and Wales (printable on A4)."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.cymraeg import fill
from dashboard.domain import counting
from dashboard.i18n import N_, Locale

#: The rank sentence of each level, whole, so that a translator writes each one (Welsh counts
#: them "o ardaloedd heddlu" but "o ranbarthau", with the soft mutation after "o").
RANK_SENTENCES = {
    "force": N_("{rank} of {total} police force areas (1 = most)"),
    "region": N_("{rank} of {total} VAWDASV regions (1 = most)"),
}


def key_figures(summary: dict, locale: Locale) -> html.Dl:
    """The area's figures in a short list, each with what it is counted over."""
    _ = locale
    fmt = locale.number
    name = summary["name"]
    bands = summary["bands"]
    current = summary["provision"] == counting.CURRENT
    entries = [
        (_("How the sources cover {area}").format(area=name), summary["coverage"]),
        (
            _("Local services in {area}").format(area=name),
            (
                _("{n} current interventions recorded in the area")
                if current
                else _("{n} interventions recorded in the area (all statuses)")
            ).format(n=fmt(summary["local_count"])),
        ),
        (
            _("Available across all of Wales"),
            _("{n} more, shown apart (not added in)").format(n=fmt(summary["all_wales_count"])),
        ),
        *(
            [
                (
                    _("Recorded across the police force area, region not stated"),
                    _("{n} more, which may serve it, shown apart (not added in)").format(
                        n=fmt(summary["wider_count"])
                    ),
                )
            ]
            if summary["wider_count"]
            else []
        ),
        *(
            [
                (
                    _("In prisons here (custody provision)"),
                    "; ".join(f"{service}, {prison}" for service, prison in summary["custody"]),
                )
            ]
            if summary["custody"]
            else []
        ),
        (_("When last described"), summary["currency"] or "–"),
        *comparison_entries(summary, locale),
        (
            _("Funding precarity"),
            _("{high} high, {medium} medium, {low} low (known for {known} of {n})").format(
                high=fmt(bands.get("high", 0)),
                medium=fmt(bands.get("medium", 0)),
                low=fmt(bands.get("low", 0)),
                known=fmt(summary["precarity_known"]),
                n=fmt(summary["services"]),
            ),
        ),
        (
            _("Funding stated to end within 12 months"),
            _("{ending} (end known for {known} of {n})").format(
                ending=fmt(summary["ending_within_12_months"]),
                known=fmt(summary["funding_end_known"]),
                n=fmt(summary["services"]),
            ),
        ),
        (
            _("Medium-risk services"),
            _(
                "Medium-risk tier services: {tier} (tier known for {tier_known} of {n}). Services whose risk level of people accepted includes medium: {level} (risk level known for {known} of {n})."
            ).format(
                tier=fmt(summary["medium_risk_tier"]),
                tier_known=fmt(summary["tier_known"]),
                level=fmt(summary["medium_risk_level"]),
                known=fmt(summary["risk_level_known"]),
                n=fmt(summary["services"]),
            ),
        ),
    ]
    return html.Dl(
        [part for term, value in entries for part in (html.Dt(term), html.Dd(value))],
        className="key-figures",
    )


def comparison_entries(summary: dict, locale: Locale) -> list[tuple[str, str]]:
    """The rate beside Wales and the rank, where the areas' coverage is alike; else why not."""
    _ = locale
    fmt = locale.number
    if not summary["comparable"]:
        return [(_("Compared with other areas"), summary["comparison_reason"])]
    rank = summary["rank"]
    return [
        (
            _("Per 100,000 people aged 16+"),
            fill(
                _("{rate} here, against {wales} for Wales (local services only)"),
                rate=locale.number(summary["per_100k"], 1),
                wales=locale.number(summary["wales_per_100k"], 1),
            ),
        ),
        (
            _("Rank by local services"),
            _(RANK_SENTENCES[summary["level"]]).format(
                rank=fmt(int(rank)) if pd.notna(rank) else "–",
                total=fmt(summary["areas_ranked"]),
            ),
        ),
    ]


def cells_section(summary: dict, locale: Locale) -> html.Div:
    """Service tiers and behaviours in the three states of the counting model."""
    _ = locale
    return html.Div(
        [
            html.H3(_("Service tiers"), className="h5"),
            cell_state_list(summary["tier_cells"], locale),
            html.H3(_("Behaviours addressed"), className="h5"),
            cell_state_list(summary["behaviour_cells"], locale),
        ],
        className="profile-cells",
    )


def crime_section(summary: dict, locale: Locale) -> html.Div:
    """Recorded crime in the force area beside Wales and England and Wales, or for a region,
    why there is none."""
    _ = locale
    crime = summary["crime"]
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
    name, name_en = summary["name"], summary["name_en"]
    counts, rates, period = crime["counts"], crime["rates"], crime["period"]

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


def cell_state_list(cells: dict, locale: Locale) -> html.Ul:
    """Categories grouped by their cell state, in words (recorded, gap, not known, no record)."""
    _ = locale
    stated = "stated"
    groups: dict[str, list[str]] = {state: [] for state in (*counting.CELL_STATES, stated)}
    for category, cell in cells.items():
        label = _(category)
        if cell.state == counting.RECORDED:
            label += f" ({locale.number(cell.count)})"
        groups[stated if cell.documented else cell.state].append(label)
    unclassified = next(iter(cells.values())).unclassified if cells else 0
    headings = {
        counting.RECORDED: _("Provision recorded: {list}."),
        stated: _("Gap stated by a source document: {list}."),
        counting.GAP: _("Gap in the directory's record (every service classified): {list}."),
        counting.NOT_KNOWN: _("Not known (unclassified services: {n}): {list}."),
        counting.NO_RECORD: _("No record: {list}."),
    }
    return html.Ul(
        [
            html.Li(
                headings[state].format(list=", ".join(items), n=locale.number(unclassified)),
                className=f"cell-state-{state.replace(' ', '-')}",
            )
            for state, items in groups.items()
            if items
        ],
        className="cell-states",
    )
