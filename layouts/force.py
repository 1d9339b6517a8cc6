"""The police force area's summary beside Wales, for PCC offices (printable on A4)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard.domain import counting
from dashboard.i18n import Locale


def force_section(summary: dict, locale: Locale) -> html.Section:
    """The police force area beside Wales, for PCC offices (printable on A4)."""
    _ = locale
    name = summary["name"]
    rates = summary["rates"]
    counts = summary["counts"]
    rows = [
        html.Tr(
            [
                html.Td(_(measure)),
                html.Td(
                    locale.number(counts.loc[measure, summary["name_en"]]),
                    className="num",
                ),
                html.Td(
                    locale.number(rates.loc[measure, summary["name_en"]], 2),
                    className="num",
                ),
                html.Td(locale.number(rates.loc[measure, "Wales"], 2), className="num"),
            ]
        )
        for measure in rates.index
    ]
    bands = summary["bands"]
    fmt = locale.number
    rank = summary["rank"]
    return html.Section(
        [
            html.H2(
                _("{force}: summary for the Police and Crime Commissioner's office").format(
                    force=name
                ),
                className="panel-title",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            html.H3(_("Provision"), className="h5"),
                            html.P(
                                _(
                                    "{n} current local interventions recorded in {force}, +{national} available across all of Wales (not added in). Local services: {rate} per 100,000 aged 16+, against {wales} for Wales (local services only), rank {rank} of {total} police force areas."
                                ).format(
                                    n=fmt(summary["local_count"]),
                                    force=name,
                                    national=fmt(summary["all_wales_count"]),
                                    rate=locale.number(summary["per_100k"], 1),
                                    wales=locale.number(summary["wales_per_100k"], 1),
                                    rank=fmt(int(rank)) if pd.notna(rank) else "–",
                                    total=fmt(summary["areas_ranked"]),
                                )
                            ),
                            html.P(
                                _(
                                    "Funding precarity (local services, known for {known} of {n}): {high} high, {medium} medium, {low} low. Funding stated to end within 12 months: {ending} (end known for {end_known} of {n})."
                                ).format(
                                    known=fmt(summary["precarity_known"]),
                                    n=fmt(summary["services"]),
                                    high=fmt(bands.get("high", 0)),
                                    medium=fmt(bands.get("medium", 0)),
                                    low=fmt(bands.get("low", 0)),
                                    ending=fmt(summary["ending_within_12_months"]),
                                    end_known=fmt(summary["funding_end_known"]),
                                )
                            ),
                            html.P(
                                _(
                                    "Medium-risk tier services: {tier}. Services whose risk level of people accepted includes medium: {level} (risk level known for {known} of {n})."
                                ).format(
                                    tier=fmt(summary["medium_risk_tier"]),
                                    level=fmt(summary["medium_risk_level"]),
                                    known=fmt(summary["risk_level_known"]),
                                    n=fmt(summary["services"]),
                                )
                            ),
                            html.H3(_("Service tiers and behaviours"), className="h5"),
                            cell_state_list(summary["tier_cells"], locale),
                            cell_state_list(summary["behaviour_cells"], locale),
                        ],
                        lg=5,
                    ),
                    dbc.Col(
                        [
                            html.H3(
                                _("Police recorded crime, year ending June 2025, beside Wales"),
                                className="h5",
                            ),
                            html.Table(
                                [
                                    html.Thead(
                                        html.Tr(
                                            [
                                                html.Th(_("Measure"), scope="col"),
                                                html.Th(_("Count"), scope="col"),
                                                html.Th(
                                                    _("{force} per 1,000").format(force=name),
                                                    scope="col",
                                                ),
                                                html.Th(_("Wales per 1,000"), scope="col"),
                                            ]
                                        )
                                    ),
                                    html.Tbody(rows),
                                ],
                                className="table table-sm list-table",
                            ),
                            html.P(
                                _(
                                    "Home Office, Police recorded crime, Table P1 (official statistics); rates use ONS mid-2024 population (all ages)."
                                ),
                                className="small",
                            ),
                        ],
                        lg=7,
                    ),
                ]
            ),
            dbc.Button(
                _("Print this page (A4)"),
                id="ov-print",
                color="secondary",
                outline=True,
                className="print-button",
            ),
        ],
        className="force-section panel",
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
                headings[state].format(
                    list=", ".join(items), n=locale.number(unclassified)
                ),
                className=f"cell-state-{state.replace(' ', '-')}",
            )
            for state, items in groups.items()
            if items
        ],
        className="cell-states",
    )


