"""Gaps and gap cells in words: each gap found (the gap review's findings, the slides), when a
gap was stated or derived, a cell's label and why it is in its state (the gap review's hover and
CSV, the scorecard's tooltip), and the cells' states summed up in one sentence."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from dashboard import i18n
from dashboard.cymraeg import fill
from dashboard.domain import cell_summary, counting, gaps, stated_gaps
from dashboard.domain import cells as cells_module
from dashboard.domain.cells import Cell
from dashboard.i18n import Translate


@dataclass(frozen=True)
class _Words:
    """What a gap's sentence is written with: area names, the translator and the language."""

    names: Mapping[str, str]
    translate: Translate
    lang: str

    def fmt(self, value) -> str:
        return i18n.format_number(value, self.lang)

    def area(self, gap: gaps.Gap) -> str:
        return self.names.get(gap.area_id, gap.area_id) if gap.area_id else ""


def gap_sentence(gap: gaps.Gap, *, names: dict, _: Translate, lang: str = "en") -> str:
    """The finding ``gap`` in one or two sentences (its kind's wording; unknown kinds by name)."""
    write = _GAP_SENTENCES.get(gap.kind)
    return write(gap, _Words(names, _, lang)) if write else gap.kind


def _documented_sentence(gap: gaps.Gap, words: _Words) -> str:
    _ = words.translate
    stated = gap.documented
    text = _(stated.statement) if stated else gap.subject
    return _join(
        text, stated_year_sentence(gap.year, gap.later, _=_, count=gap.count, fmt=words.fmt)
    )


def _survey_reports_sentence(gap: gaps.Gap, words: _Words) -> str:
    _ = words.translate
    return _(
        "The directory holds no current intervention recorded for {behaviour}, but the 2023 "
        "survey reports some."
    ).format(behaviour=_(gap.subject))


def _no_behaviour_sentence(gap: gaps.Gap, words: _Words) -> str:
    _ = words.translate
    return fill(
        _(
            "No current intervention in the directory addresses {behaviour}, and the "
            "behaviour focus of every current service is known."
        ),
        behaviour=_(gap.subject),
    )


def _behaviour_not_known_sentence(gap: gaps.Gap, words: _Words) -> str:
    _, fmt = words.translate, words.fmt
    return _(
        "Not known: no current intervention in the directory is recorded for {behaviour}, "
        "but {n} of {m} current services have no behaviour focus recorded."
    ).format(behaviour=_(gap.subject), n=fmt(gap.compared_with or 0), m=fmt(gap.services))


def _no_medium_risk_sentence(gap: gaps.Gap, words: _Words) -> str:
    _, fmt = words.translate, words.fmt
    text = _(
        "No current medium-risk-tier service is recorded in {area}, and the service tier of "
        "all {m} current services there, and of every service that could serve it from "
        "across its police force area, across Wales or with no area, is known."
    ).format(area=words.area(gap), m=fmt(gap.services))
    return _join(text, derived_year_sentence(gap.year, _=_))


def _medium_risk_not_known_sentence(gap: gaps.Gap, words: _Words) -> str:
    _, fmt, area = words.translate, words.fmt, words.area(gap)
    cell = gap.cell
    if cell is None or cell.reason == cells_module.UNCLASSIFIED:
        return _(
            "Not known whether {area} has a medium-risk-tier service: {n} of its {m} current "
            "services have no service tier recorded."
        ).format(area=area, n=fmt(gap.compared_with or 0), m=fmt(gap.services))
    return _("Not known whether {area} has a medium-risk-tier service: {reason}").format(
        area=area, reason=reason_text(cell, _=_, field=_("service tier"), lang=words.lang)
    )


def _only_criminal_justice_sentence(gap: gaps.Gap, words: _Words) -> str:
    _ = words.translate
    text = fill(
        _(
            "In {area}, every current local service is a criminal-justice one ({n}), and no "
            "service that could serve it from across its region, police force area or "
            "Wales is outside criminal justice."
        ),
        area=words.area(gap),
        n=words.fmt(gap.count),
    )
    return _join(text, derived_year_sentence(gap.year, _=_))


def _only_criminal_justice_placed_sentence(gap: gaps.Gap, words: _Words) -> str:
    _ = words.translate
    text = fill(
        _("In {area}, every current service placed there is a criminal-justice one ({n})."),
        area=words.area(gap),
        n=words.fmt(gap.count),
    )
    cell = gap.cell
    if cell is not None and cell.wider_names:
        return _join(
            text,
            _("Services outside criminal justice could serve it: {names}.").format(
                names=", ".join(cell.wider_names)
            ),
        )
    if cell is not None and cell.wider_unclassified:
        return _join(
            text,
            _(
                "{n} services that could serve it from across its region, police force area "
                "or Wales, or with no area, have no service tier recorded."
            ).format(n=words.fmt(cell.wider_unclassified)),
        )
    return text


def _no_local_sentence(gap: gaps.Gap, words: _Words) -> str:
    _, fmt, names = words.translate, words.fmt, words.names
    beside = dict(zip(gap.areas, gap.beside, strict=False))
    listed = ", ".join(
        names.get(area, area)
        + (
            " (" + _("+{n} across the region").format(n=fmt(beside[area])) + ")"
            if beside.get(area)
            else ""
        )
        for area in gap.areas
    )
    text = _(
        "The directory records no current service placed in {n} local authorities: {areas}."
    ).format(n=fmt(gap.count), areas=listed)
    if gap.across_wales or gap.unlocated:
        text = _join(
            text,
            _(
                "Services available across Wales ({w}) and services with no area recorded "
                "({u}) may reach them."
            ).format(w=fmt(gap.across_wales), u=fmt(gap.unlocated)),
        )
    return text


def _thinner_than_sentence(gap: gaps.Gap, words: _Words) -> str:
    _ = words.translate
    return fill(
        _(
            "Sexual violence provision is thinner: {n} current interventions address sexual "
            "violence, against {m} for domestic abuse."
        ),
        n=words.fmt(gap.count),
        m=words.fmt(gap.compared_with),
    )


#: Each kind of gap's sentence (:attr:`gaps.Gap.kind`).
_GAP_SENTENCES: Final[Mapping[str, Callable[[gaps.Gap, _Words], str]]] = MappingProxyType(
    {
        "documented": _documented_sentence,
        "survey-reports": _survey_reports_sentence,
        "no-behaviour": _no_behaviour_sentence,
        "behaviour-not-known": _behaviour_not_known_sentence,
        "no-medium-risk": _no_medium_risk_sentence,
        "medium-risk-not-known": _medium_risk_not_known_sentence,
        "only-criminal-justice": _only_criminal_justice_sentence,
        "only-criminal-justice-placed": _only_criminal_justice_placed_sentence,
        "no-local": _no_local_sentence,
        "thinner-than": _thinner_than_sentence,
    }
)


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def stated_year_sentence(
    year: int | None, later: stated_gaps.Later, *, _: Translate, count: int = 0, fmt=str
) -> str:
    """ "Stated in 2020; later sources name …" (or "Stated in 2020."), with how many current
    services the directory records that would fill it when no later source names any."""
    if year is None:
        return ""
    if later:
        return _("Stated in {year}; later sources name {names}.").format(
            year=year, names=later_names(later, _=_)
        )
    if count:
        return _(
            "Stated in {year}; the directory records {n} current services that may fill it, "
            "none described by a later source."
        ).format(year=year, n=fmt(count))
    return _("Stated in {year}.").format(year=year)


def later_names(later: stated_gaps.Later, *, _: Translate) -> str:
    """The services later sources name, grouped by where they are recorded."""
    parts = []
    if later.here:
        parts.append(", ".join(later.here))
    if later.across:
        parts.append(
            _("{names} (recorded across the area's region or police force area)").format(
                names=", ".join(later.across)
            )
        )
    if later.wales:
        parts.append(_("{names} (available across Wales)").format(names=", ".join(later.wales)))
    return "; ".join(parts)


def derived_year_sentence(year: int | None, *, _: Translate) -> str:
    if year is None:
        return ""
    return _("Derived from the directory; sources to {year}.").format(year=year)


def reason_text(
    cell: Cell,
    *,
    _: Translate,
    field: str,
    lang: str = "en",
    stated: stated_gaps.Stated | None = None,
    cited: str = "",
) -> str:
    """Why a cell is in its state, in words (the gap review's hover and CSV, the scorecard's
    tooltip): "available across Wales: Circles Cymru", "could be served by: Driving Change …",
    "no source lists every service here" ..."""
    fmt = lambda value: i18n.format_number(value, lang)  # noqa: E731
    if cell.state == counting.RECORDED:
        return _recorded_reason(cell, _=_, fmt=fmt)
    if cell.state == counting.GAP:
        return _gap_reason(cell, _=_, fmt=fmt, field=field, stated=stated, cited=cited)
    if cell.state == counting.NOT_KNOWN:
        return _not_known_reason(cell, _=_, fmt=fmt, field=field)
    text = _("No counted service recorded here.")
    if getattr(cell, "wider_unclassified", 0):
        text = _join(
            text,
            _("{n} services that could serve it have no {field} recorded: {names}.").format(
                n=fmt(cell.wider_unclassified),
                field=field,
                names=", ".join(cell.wider_unclassified_names),
            ),
        )
    return text


def _recorded_reason(cell: Cell, *, _: Translate, fmt: Callable[[object], str]) -> str:
    """A recorded cell: the services counted here, or those available across Wales."""
    if getattr(cell, "reason", "") != cells_module.ACROSS_WALES:
        return _("{n} of the {m} counted services here: {names}.").format(
            n=fmt(cell.count), m=fmt(cell.services), names=", ".join(cell.names)
        )
    # wider_names: the all-Wales services first (``across_wales`` of them), then the others.
    beyond = tuple(getattr(cell, "wider_names", ()))
    across = getattr(cell, "across_wales", 0)
    text = _("Available across Wales: {names}.").format(names=", ".join(beyond[:across]))
    if beyond[across:]:
        text = _join(
            text,
            _(
                "Could also be served by (recorded across the region or police force area, "
                "or with no area): {names}."
            ).format(names=", ".join(beyond[across:])),
        )
    return text


def _gap_reason(
    cell: Cell,
    *,
    _: Translate,
    fmt: Callable[[object], str],
    field: str,
    stated: stated_gaps.Stated | None,
    cited: str,
) -> str:
    """A gap: the source that states it (with its year and what later sources name), or why
    it is derived."""
    if cell.documented is None:
        return _join(
            _(
                "None of the {m} counted services here has it, and {field} is known for every "
                "service that could fill it (here, across Wales, across the region or police "
                "force area, or with no area)."
            ).format(m=fmt(cell.services), field=field),
            derived_year_sentence(getattr(cell, "year", None), _=_),
        )
    year = stated.year if stated is not None else None
    text = _("Stated by a source document") + (
        " " + _("({year})").format(year=year) if year else ""
    )
    text += ": " + (cited or cell.documented.source) + "."
    if stated is not None and stated.later:
        text = _join(text, stated_year_sentence(stated.year, stated.later, _=_))
    return text


def _not_known_reason(cell: Cell, *, _: Translate, fmt: Callable[[object], str], field: str) -> str:
    """Not known: why (served only from wider, unclassified there, not listed, or here)."""
    reason = getattr(cell, "reason", "")
    if reason == cells_module.WIDER_HAS:
        return _(
            "None recorded here, but could be served by: {names} (recorded only across the "
            "region or police force area, or with no area)."
        ).format(names=", ".join(getattr(cell, "wider_names", ())))
    if reason == cells_module.WIDER_UNCLASSIFIED:
        return _(
            "None of the {m} counted services here has it, but {n} services that could "
            "serve it (across Wales, across the region or police force area, or with no "
            "area) have no {field} recorded: {names}."
        ).format(
            m=fmt(cell.services),
            n=fmt(cell.wider_unclassified),
            field=field,
            names=", ".join(cell.wider_unclassified_names),
        )
    if reason == cells_module.NOT_ENUMERATED:
        return _(
            "None recorded here, and every service that could fill it is classified, but "
            "no source lists every service here."
        )
    return _("{n} of the {m} counted services here have no {field} recorded.").format(
        n=fmt(cell.unclassified), m=fmt(cell.services), field=field
    )


def cell_label(cell: Cell, *, _: Translate, stated: stated_gaps.Stated | None = None) -> str:
    """A cell's text in the gap matrix: a count, "+1 across Wales", "gap (stated 2020)",
    "gap (derived; sources to 2023)", "not known (…)" or "no record"."""
    reason = getattr(cell, "reason", "")
    if cell.state == counting.RECORDED and reason == cells_module.ACROSS_WALES:
        return _("+{n} across Wales").format(n=cell.across_wales)
    if cell.state == counting.RECORDED:
        return str(cell.count)
    if cell.state == counting.GAP and cell.documented is not None:
        year = stated.year if stated is not None else None
        return _("gap (stated {year})").format(year=year) if year else _("gap (stated)")
    if cell.state == counting.GAP:
        year = getattr(cell, "year", None)
        return (
            _("gap (derived; sources to {year})").format(year=year) if year else _("gap (derived)")
        )
    if cell.state == counting.NOT_KNOWN:
        if reason == cells_module.WIDER_HAS:
            return _("not known ({n} could serve)").format(n=cell.wider)
        if reason == cells_module.WIDER_UNCLASSIFIED:
            return _("not known ({n} beyond unclassified)").format(n=cell.wider_unclassified)
        if reason == cells_module.NOT_ENUMERATED:
            return _("not known (not listed)")
        return _("not known ({n})").format(n=cell.unclassified)
    return _("no record")


def summary_sentence(summary: cell_summary.Summary, *, _: Translate, lang: str = "en") -> str:
    """One sentence at the top of the gap pages: how few gaps hold, and why the rest is not
    known."""
    fmt = lambda value: i18n.format_number(value, lang)  # noqa: E731
    years = summary.derived_years
    return _(
        "Few gaps can be derived from the directory. Of {cells} cells: derived gaps, {derived}"
        "{years}; gaps stated by a source (with their year), {stated}; provision recorded, "
        "{recorded} ({wales} through services available across Wales); not known, "
        "{not_known} ({beyond} because a service recorded only across the region or police "
        "force area, or with no area, could fill them)."
    ).format(
        cells=fmt(summary.cells),
        derived=fmt(summary.derived),
        years=(" " + _("(sources to {year})").format(year=max(years)) if years else ""),
        stated=fmt(summary.stated),
        recorded=fmt(summary.recorded),
        wales=fmt(summary.across_wales),
        not_known=fmt(summary.not_known),
        beyond=fmt(summary.not_known_beyond),
    )
