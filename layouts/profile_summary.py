"""An area's summary on its profile: its key figures (provision, rate and rank, precarity and
funding ending, medium risk) and its tiers and behaviours in their cell states (printable on A4).
Its crime figures are :mod:`layouts.profile_crime`'s."""

from __future__ import annotations

from types import MappingProxyType

from dash import html

from dashboard.cymraeg import fill
from dashboard.domain import cells as cells_module
from dashboard.domain import counting
from dashboard.i18n import N_, Locale
from dashboard.views.profile import AreaSummary
from layouts.components import names_as_published

#: The rank sentence of each level, whole, so that a translator writes each one (Welsh counts
#: them "o ardaloedd heddlu" but "o ranbarthau", with the soft mutation after "o").
RANK_SENTENCES = MappingProxyType(
    {
        "force": N_("{rank} of {total} police force areas (1 = most)"),
        "region": N_("{rank} of {total} VAWDASV regions (1 = most)"),
    }
)


def key_figures(summary: AreaSummary, locale: Locale) -> html.Dl:
    """The area's figures in a short list, each with what it is counted over."""
    entries = [
        *provision_entries(summary, locale),
        *comparison_entries(summary, locale),
        *funding_and_risk_entries(summary, locale),
    ]
    return html.Dl(
        [part for term, value in entries for part in (html.Dt(term), html.Dd(value))],
        className="key-figures",
    )


def provision_entries(summary: AreaSummary, locale: Locale) -> list[tuple[str, object]]:
    """How the sources cover the area, and its services: local, across Wales, wider, in
    prisons, and when they were last described."""
    _ = locale
    fmt = locale.number
    name = summary.name
    current = summary.provision == counting.CURRENT
    return [
        (_("How the sources cover {area}").format(area=name), summary.coverage),
        (
            _("Local services in {area}").format(area=name),
            (
                _("{n} current interventions recorded in the area")
                if current
                else _("{n} interventions recorded in the area (all statuses)")
            ).format(n=fmt(summary.local_count))
            + (
                # What is left out, said in words a printed page or a file can use.
                "; "
                + _("{n} more, ended, planned or of unknown status, not counted").format(
                    n=fmt(summary.not_counted)
                )
                if summary.not_counted
                else ""
            ),
        ),
        (
            _("Available across all of Wales"),
            _("{n} more, shown apart (not added in)").format(n=fmt(summary.all_wales_count)),
        ),
        *(
            [
                (
                    _("Recorded across the police force area, region not stated"),
                    _("{n} more, which may serve it, shown apart (not added in)").format(
                        n=fmt(summary.wider_count)
                    ),
                )
            ]
            if summary.wider_count
            else []
        ),
        *(
            [
                (
                    _("In prisons here (custody provision)"),
                    custody_text(summary.custody),
                )
            ]
            if summary.custody
            else []
        ),
        (_("When last described"), summary.currency or "–"),
    ]


def funding_and_risk_entries(summary: AreaSummary, locale: Locale) -> list[tuple[str, str]]:
    """Funding precarity and funding ends over the services where they are known, then the
    medium-risk services."""
    _ = locale
    fmt = locale.number
    bands = summary.bands
    return [
        (
            _("Funding precarity"),
            _("{high} high, {medium} medium, {low} low (known for {known} of {n})").format(
                high=fmt(bands.get("high", 0)),
                medium=fmt(bands.get("medium", 0)),
                low=fmt(bands.get("low", 0)),
                known=fmt(summary.precarity_known),
                n=fmt(summary.services),
            ),
        ),
        (
            _("When funding ends"),
            (
                _("End date stated for {known} of {n}; {ending} of them within 12 months")
                if summary.funding_end_known
                else _("End date stated for none of {n}: when their funding ends is not known")
            ).format(
                ending=fmt(summary.ending_within_12_months),
                known=fmt(summary.funding_end_known),
                n=fmt(summary.services),
            ),
        ),
        (
            _("Medium-risk services"),
            _(
                "Medium-risk tier services: {tier} (tier known for {tier_known} of {n}). Services whose risk level of people accepted includes medium: {level} (risk level known for {known} of {n})."
            ).format(
                tier=fmt(summary.medium_risk_tier),
                tier_known=fmt(summary.tier_known),
                level=fmt(summary.medium_risk_level),
                known=fmt(summary.risk_level_known),
                n=fmt(summary.services),
            ),
        ),
    ]


def custody_text(custody) -> list:
    """ "Horizon: HMP Parc, HMP Usk and Prescoed; Kaizen: HMP Parc": each service once, its
    name and its prisons' names as published (English)."""
    prisons: dict[str, list[str]] = {}
    for service, prison in custody:
        prisons.setdefault(service, []).append(prison)
    parts: list = []
    for index, (service, names) in enumerate(prisons.items()):
        if index:
            parts.append("; ")
        parts += [names_as_published(service), ": ", names_as_published(", ".join(names))]
    return parts


def comparison_entries(summary: AreaSummary, locale: Locale) -> list[tuple[str, str]]:
    """The rate beside Wales and the rank, where the areas' coverage is alike; else why not."""
    _ = locale
    fmt = locale.number
    if not summary.comparable:
        # The reason in full is beside the overview's map; here, on paper, the short form.
        return [
            (
                _("Compared with other areas"),
                _("Not ranked: the sources describe the areas unevenly."),
            )
        ]
    rank = summary.rank
    return [
        (
            _("Per 100,000 people aged 16+"),
            fill(
                _("{rate} here, against {wales} for Wales (local services only)"),
                rate=locale.number(summary.per_100k, 1),
                wales=locale.number(summary.wales_per_100k, 1),
            ),
        ),
        (
            _("Rank by local services"),
            _(RANK_SENTENCES[summary.level]).format(
                rank=fmt(rank) if rank is not None else "–",
                total=fmt(summary.areas_ranked),
            ),
        ),
    ]


def cells_section(summary: AreaSummary, locale: Locale) -> html.Div:
    """Service tiers and behaviours in the three states of the counting model."""
    _ = locale
    return html.Div(
        [
            html.H3(_("Service tiers"), className="h5"),
            cell_state_list(summary.tier_cells, locale, summary.source_years),
            html.H3(_("Behaviours addressed"), className="h5"),
            cell_state_list(summary.behaviour_cells, locale, summary.source_years),
        ],
        className="profile-cells",
    )


def cell_state_list(cells: dict, locale: Locale, source_years=None) -> html.Ul:
    """Categories grouped by their cell state and its reason, in words: recorded there or across
    Wales, stated gaps with their year, derived gaps, not known (and why), no record."""
    _ = locale
    source_years = source_years or {}
    groups: dict[str, list[str]] = {}
    texts: dict[str, str] = {}
    for category, cell in cells.items():
        label = _(category)
        key, text = _cell_group(cell, locale, source_years)
        if cell.state == counting.RECORDED:
            label += f" ({locale.number(cell.count or cell.across_wales)})"
        groups.setdefault(key, []).append(label)
        texts[key] = text
    return html.Ul(
        [
            html.Li(
                texts[key].format(list=", ".join(items)),
                className=f"cell-state-{key.split(':')[0].replace(' ', '-')}",
            )
            for key, items in groups.items()
        ],
        className="cell-states",
    )


def _cell_group(cell, locale: Locale, source_years) -> tuple[str, str]:
    """(group key, sentence with a {list} place) for one cell: its state, and why."""
    _ = locale
    if cell.state == counting.RECORDED:
        if cell.reason == cells_module.ACROSS_WALES:
            return "recorded:wales", _("Available across all of Wales only: {list}.")
        return "recorded", _("Provision recorded: {list}.")
    if cell.state == counting.GAP and cell.documented is not None:
        file = cell.documented.source.split(" § ")[0]
        year = source_years.get(file)
        if year:
            # {list} is filled by the caller, once the group is complete.
            sentence = _("Gap stated by a source document in {year}: {list}.")
            return f"gap:stated:{year}", sentence.replace("{year}", str(year))
        return "gap:stated", _("Gap stated by a source document: {list}.")
    if cell.state == counting.GAP:
        sentence = _(
            "Gap (every service that could fill it is classified, within a list of {year}): {list}."
        )
        return "gap", sentence.replace("{year}", str(cell.year or "–"))
    if cell.state == counting.NOT_KNOWN:
        sentences = {
            cells_module.WIDER_HAS: _(
                "Not known: services recorded across the wider area or with no area may provide "
                "it: {list}."
            ),
            cells_module.UNCLASSIFIED: _("Not known: some services here are unclassified: {list}."),
            cells_module.WIDER_UNCLASSIFIED: _(
                "Not known: services recorded across the wider area or with no area are "
                "unclassified: {list}."
            ),
            cells_module.NOT_ENUMERATED: _(
                "Not known: no source lists every service here: {list}."
            ),
        }
        return f"not known:{cell.reason}", sentences.get(cell.reason, _("Not known: {list}."))
    return "no record", _("No record: {list}.")
