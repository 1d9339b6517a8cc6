"""The presenter's slides of gaps in regional provision: the gaps that hold and the gaps the
sources state, then the medium-risk tier by region."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from dashboard.domain import citations, counting, gaps
from dashboard.domain.cell_summary import Summary
from dashboard.domain.cells import Cell
from dashboard.views.slide_parts import Common, Slide, document_file

#: Where a stated gap's area is, in the order the gap slide lists them: regions, then local
#: authorities, then all of Wales (the slide is about regional provision).
STATED_ORDER = MappingProxyType({"region": 0, "force": 0, "la": 1, "wales": 2})
#: Stated gaps a slide quotes (the rest are on /gaps).
STATED_SHOWN = 3


def gap_slides(common: Common) -> tuple[Slide, Slide]:
    """Gaps in regional provision, on two slides: how few gaps hold against every service that
    could fill them, with the gaps the sources state (their year and what later sources name
    there); then the medium-risk tier by region: recorded, derived and not known."""
    from dashboard.views.gap_review import gap_review

    locale, context = common.locale, common.context
    result = gap_review(context, level="region", include_all_wales=False, lang=locale.lang)
    found = result.gaps
    return (
        _stated_gaps_slide(common, found, result.summary),
        _tier_slide(common, found, result.cells["tier"]),
    )


def _stated_gaps_slide(common: Common, found: Sequence[gaps.Gap], summary: Summary) -> Slide:
    """How few gaps hold against every service that could fill them, and the first of the gaps
    the sources state (their year and what later sources name there)."""
    from dashboard.views.gap_text import gap_sentence

    locale, context = common.locale, common.context
    sources = context.bundle.sources
    stated = sorted(
        (g for g in found if g.kind == "documented" and g.documented is not None),
        key=lambda g: STATED_ORDER.get(g.documented.level, 3),
    )
    years = sorted({g.year for g in stated if g.year})
    dated = (
        " " + locale("(dated {first} to {last})").format(first=years[0], last=years[-1])
        if len(years) > 1
        else (" " + locale("(dated {year})").format(year=years[0]) if years else "")
    )
    shown = stated[:STATED_SHOWN]
    names = tuple(context.directory.frame["name"])
    return Slide(
        title=locale("Gaps in regional provision"),
        headline=locale("Few gaps hold against every service that could fill them."),
        points=(
            locale.ngettext(
                "The directory supports {n} derived gap.",
                "The directory supports {n} derived gaps.",
                summary.derived,
            ).format(n=common.fmt(summary.derived)),
            locale.ngettext(
                "The sources state {n} gap{dated}; the first {shown}:",
                "The sources state {n} gaps{dated}; the first {shown}:",
                len(stated),
            ).format(n=common.fmt(len(stated)), dated=dated, shown=common.fmt(len(shown)))
            if len(stated) > len(shown)
            else locale.ngettext(
                "The sources state {n} gap{dated}:",
                "The sources state {n} gaps{dated}:",
                len(stated),
            ).format(n=common.fmt(len(stated)), dated=dated),
            *(gap_sentence(gap, names={}, _=locale, lang=locale.lang) for gap in shown),
        ),
        sources=(common.directory(),),
        # The documents stating the gaps, by author, year and title.
        cited=tuple(
            dict.fromkeys(
                citations.readable_citation(document_file(g.documented.source), sources, locale)
                for g in shown
                if g.documented
            )
        ),
        dated=common.dated,
        caveat=common.caveat,
        names=names,
    )


def _tier_slide(
    common: Common, found: Sequence[gaps.Gap], tiers: Mapping[str, Mapping[str, Cell]]
) -> Slide:
    """The medium-risk tier by region: where it is recorded, the derived gaps, and where it is
    not known (``tiers``: region -> the medium-risk tier's cell)."""
    locale = common.locale
    region_names = common.context.names(locale.lang, "region")
    derived = [g for g in found if g.kind == "no-medium-risk"]
    recorded = [
        region_names[area_id]
        for area_id, row in tiers.items()
        if row[gaps.MEDIUM_RISK_TIER].state == counting.RECORDED
        and row[gaps.MEDIUM_RISK_TIER].count
    ]
    not_known = [region_names[g.area_id] for g in found if g.kind == "medium-risk-not-known"]
    tier_points = []
    if derived:
        tier_points.append(
            locale(
                "No current medium-risk-tier service, derived from the directory: {areas}."
            ).format(areas=", ".join(region_names[g.area_id] for g in derived))
        )
    if not_known:
        tier_points.append(
            locale(
                "Not known for: {areas} (services with no tier recorded there, or across the "
                "police force area, could fill it)."
            ).format(areas=", ".join(not_known))
        )
    tier_points.append(
        locale(
            "Medium-risk tier is the service tier of Fowler, Karim & Feder (2020), not the risk "
            "level of the people a service accepts; all-Wales services are shown beside each "
            "region, not counted in it."
        )
    )
    return Slide(
        title=locale("Medium-risk tier by region"),
        headline=(
            locale("Current medium-risk-tier services are recorded in: {areas}.").format(
                areas=", ".join(recorded)
            )
            if recorded
            else locale("No region has a current medium-risk-tier service recorded.")
        ),
        points=tuple(tier_points),
        sources=(common.directory(),),
        dated=common.dated,
        caveat=common.caveat,
    )
