"""Each change between two waves in words: a service's line (its category, what changed, its
relation to the services it was), and each side of a change as a dated fact (value, date,
citation read from the wave's own sources, quote, a page's address)."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from dashboard.data import vocabulary as vocab
from dashboard.domain import changes as changes_module
from dashboard.domain import citations
from dashboard.domain.changes import FieldChange, ServiceChange, Side
from dashboard.domain.context import AppContext
from dashboard.i18n import N_, Locale

CATEGORY_LABELS: Final = MappingProxyType(
    {
        changes_module.NEW: N_("New"),
        changes_module.ENDED: N_("Ended"),
        changes_module.CHANGED: N_("Changed"),
        changes_module.CONTINUING: N_("Continuing"),
        changes_module.NOT_IN_LATER: N_("Not named in the later wave"),
        changes_module.ENDED_BEFORE: N_("Ended before the earlier wave"),
        vocab.PLANNED: N_("Planned"),
    }
)
KIND_LABELS: Final = MappingProxyType(
    {
        changes_module.VALUE_CHANGED: N_("changed"),
        changes_module.NOW_STATED: N_("now stated"),
        changes_module.NO_LONGER_STATED: N_("no longer stated"),
    }
)
FIELD_LABELS: Final = MappingProxyType(
    {
        "status": N_("status"),
        "police_force_areas": N_("police force areas"),
        "vawdasv_regions": N_("VAWDASV regions"),
        "local_authorities": N_("local authorities"),
        "evaluation_status": N_("evaluation"),
        "accreditation": N_("accreditation"),
        "funding_model": N_("funding model"),
        "primary_funder": N_("primary funder"),
        "funding_end": N_("funding end"),
        "provider": N_("provider"),
        "name": N_("name"),
        vocab.EXISTS: N_("running"),
    }
)
RELATION_LABELS: Final = MappingProxyType(
    {
        vocab.RENAMED: N_("renamed from {names}"),
        vocab.MERGED: N_("merged from {names}"),
    }
)


@dataclass(frozen=True)
class FactText:
    """One side of a change in words: the value, the date the fact describes, its source (a
    readable citation, as published) and quote, and a page's address."""

    value: str
    #: The value is a name as published (a service's or a provider's): shown in English.
    as_published: bool = False
    date: str = ""
    citation: str = ""
    quote: str = ""
    address: str = ""


@dataclass(frozen=True)
class FieldLine:
    label: str
    kind: str
    before: FactText
    after: FactText


@dataclass(frozen=True)
class ServiceLine:
    """One service's line in a list: its name (as published), category and what changed."""

    key: str
    name: str
    category: str
    category_label: str
    status: str
    relation: str = ""
    old_names: tuple[str, ...] = ()
    link: FactText | None = None
    fields: tuple[FieldLine, ...] = ()
    evidence: FactText | None = None


def value_text(
    context: AppContext, field_name: str, value: str, locale: Locale
) -> tuple[str, bool]:
    """A field's value in words, and whether it is a name as published (English)."""
    if field_name in ("name", "provider"):
        return (value, True) if value not in vocab.NOT_STATED else (locale("not stated"), False)
    if value in vocab.NOT_STATED:
        return locale("not stated"), False
    if field_name == "local_authorities":
        return citations.la_names(value, context.bundle.lookup, locale.lang), False
    if field_name == "funding_end":
        return value, False
    return ", ".join(locale(item) for item in vocab.split_list(value)), False


def fact_text(context: AppContext, field_name: str, side: Side, locale: Locale) -> FactText:
    """One dated fact in words, its citation read from the wave's own sources."""
    value, published = value_text(context, field_name, side.value, locale)
    if not side.source:
        return FactText(value, published)
    sources = context.bundle.sources
    address = ""
    file = side.source.split(" § ")[0].strip()
    if sources is not None and not sources.empty and vocab.PUBLIC_RECORD_DIR in file:
        found = sources.loc[sources["file"] == file, "url"]
        address = str(found.iloc[0]) if len(found) else ""
    return FactText(
        value,
        published,
        locale.date(side.describes) if side.describes else "",
        citations.readable_citation(side.source, sources, locale),
        side.quote,
        address,
    )


def field_line(
    earlier: AppContext, later: AppContext, change: FieldChange, locale: Locale
) -> FieldLine:
    return FieldLine(
        label=locale(FIELD_LABELS.get(change.field, change.field)),
        kind=locale(KIND_LABELS[change.kind]),
        before=fact_text(earlier, change.field, change.before, locale),
        after=fact_text(later, change.field, change.after, locale),
    )


def service_line(
    earlier: AppContext, later: AppContext, change: ServiceChange, locale: Locale
) -> ServiceLine:
    relation = ""
    link = None
    if change.relation:
        others = [name for name in change.old_names if name != change.name] or list(
            change.old_names
        )
        relation = locale(RELATION_LABELS[change.relation]).format(names="; ".join(others))
        link = fact_text(
            later, "name", Side(change.name, "", change.link_source, change.link_quote), locale
        )
    evidence = None
    if change.evidence is not None:
        side_context = earlier if change.category == changes_module.NOT_IN_LATER else later
        evidence_field = "status" if change.category == changes_module.ENDED else "name"
        evidence = fact_text(side_context, evidence_field, change.evidence, locale)
    return ServiceLine(
        key=change.key,
        name=change.name,
        category=change.category,
        category_label=locale(CATEGORY_LABELS[change.category]),
        status=locale(change.status),
        relation=relation,
        old_names=change.old_names,
        link=link,
        fields=tuple(field_line(earlier, later, item, locale) for item in change.fields),
        evidence=evidence,
    )
