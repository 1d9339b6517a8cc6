"""Controlled vocabularies of the intervention directory.

One place defines every allowed value (:data:`VOCABULARIES`); which columns hold them is declared
in ``columns.toml`` (:mod:`dashboard.data.column_registry`), so the curated CSV, the schema, the
ingest command and the dashboard's filters can never disagree. ``UNKNOWN`` is a value in its own right: the documents did
not say, and the dashboard shows it as not known rather than guessing.
"""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from typing import Final

from dashboard.i18n import N_

UNKNOWN: Final = "unknown"
LIST_SEPARATOR: Final = ";"

POLICE_FORCE_AREAS: Final = ("Dyfed-Powys", "Gwent", "North Wales", "South Wales")
VAWDASV_REGIONS: Final = (
    "North Wales",
    "Gwent",
    "Cardiff and Vale",
    "Cwm Taf Morgannwg",
    "West Glamorgan",
    "Mid and West Wales",
)
ALL_WALES: Final = "All Wales"

#: The first words of every secondary criminal-justice figure's caveat (``criminal_justice.csv``),
#: shown translated wherever such a figure is (the rest of the caveat is the report's own note).
SECONDARY_CAVEAT: Final = N_(
    "Secondary source: figure as printed in a report, not the official table."
)

#: What kind of intervention a row is, so that users can include or exclude each kind (issue 10).
#: The survey's definition (000) covers "any service or mechanism", so mechanisms and legal powers
#: are interventions too; "partner/victim liaison" is support to partners linked to a programme.
KINDS: Final = (
    "programme",
    "multi-agency risk management",
    "court order or legal power",
    "partner/victim liaison",
    "prevention or training initiative",
    UNKNOWN,
)

SECTORS: Final = (
    "specialist sector",
    "third sector",
    "HMPPS",
    "police",
    "police and crime commissioner",
    "local authority",
    "health",
    "education",
    "youth justice",
    "multi-agency",
    "other",
    UNKNOWN,
)
SETTINGS: Final = ("community", "custody", "both", UNKNOWN)

BEHAVIOUR_FOCUSES: Final = (
    "domestic abuse",
    "sexual violence",
    "stalking",
    "harmful sexual behaviour",
    "online child sexual abuse",
    "honour-based abuse",
    "forced marriage",
    "female genital mutilation",
    "child to adult parental violence and abuse",
    UNKNOWN,
)
#: Forms of VAWDASV that the 2023 survey (000, Recommendation 5) names as gaps; the dashboard
#: always shows them, as explicit zeros where nothing is recorded.
GAP_BEHAVIOUR_FOCUSES: Final = (
    "sexual violence",
    "honour-based abuse",
    "forced marriage",
    "female genital mutilation",
    "child to adult parental violence and abuse",
)

PURPOSES: Final = (
    "prevention",
    "early intervention",
    "behaviour change",
    "risk reduction",
    "risk management",
    "accountability",
    UNKNOWN,
)
RISK_LEVELS: Final = ("standard", "medium", "high", "very high", "any", UNKNOWN)
SERVICE_TIERS: Final = (
    "preventative",
    "early intervention",
    "medium risk",
    "high harm",
    "criminal justice",
    "family",
    "sexual violence",
    UNKNOWN,
)
COHORTS: Final = (
    "adult male",
    "adult female",
    "adult mixed",
    "young people",
    "children",
    "family",
    "couples",
    UNKNOWN,
)
ATTENDANCES: Final = ("voluntary", "mandated", "mixed", "not applicable", UNKNOWN)

EVALUATION_STATUSES: Final = (
    "randomised or quasi-experimental evaluation",
    "independent evaluation",
    "model evaluated elsewhere",
    "internal evaluation",
    "evaluation under way",
    "not evaluated",
    UNKNOWN,
)
ACCREDITATIONS: Final = ("Respect", "CSAAP", "in progress", "none stated")

FUNDING_MODELS: Final = (
    "grant",
    "commissioned",
    "core",
    "spot purchase",
    "mixed",
    UNKNOWN,
)
PRIMARY_FUNDERS: Final = (
    "PCC",
    "local authority",
    "Welsh Government",
    "regional VAWDASV partners",
    "HMPPS",
    "Home Office",
    "Ministry of Justice",
    "health",
    "charitable",
    "other",
    UNKNOWN,
)
#: The survey (000, "Summary of findings") splits funders into devolved and non-devolved bodies.
#: Regional VAWDASV partnerships pool both, so they are neither.
DEVOLVED_FUNDERS: Final = ("local authority", "Welsh Government", "health")
NON_DEVOLVED_FUNDERS: Final = ("PCC", "HMPPS", "Home Office", "Ministry of Justice")

#: How long funding is committed for, as the documents describe it. Feeds the precarity rule.
FUNDING_TERMS: Final = (
    "one-off",
    "annual",
    "12 to 24 months",
    "multi-year",
    "ongoing",
    UNKNOWN,
)

STATUSES: Final = (
    "active",
    "pilot",
    "planned",
    "under review",
    "decommissioned",
    UNKNOWN,
)

#: Every vocabulary a directory column may hold, by the name ``dashboard/data/columns.toml``
#: gives it (which columns hold which vocabulary is declared there, and only there).
VOCABULARIES: Final = MappingProxyType(
    {
        "kinds": KINDS,
        "sectors": SECTORS,
        "settings": SETTINGS,
        "police force areas or all Wales": (*POLICE_FORCE_AREAS, ALL_WALES, UNKNOWN),
        "VAWDASV regions or all Wales": (*VAWDASV_REGIONS, ALL_WALES, UNKNOWN),
        "behaviour focuses": BEHAVIOUR_FOCUSES,
        "purposes": PURPOSES,
        "risk levels": RISK_LEVELS,
        "service tiers": SERVICE_TIERS,
        "cohorts": COHORTS,
        "attendances": ATTENDANCES,
        "evaluation statuses": EVALUATION_STATUSES,
        "accreditations": ACCREDITATIONS,
        "funding models": FUNDING_MODELS,
        "primary funders": PRIMARY_FUNDERS,
        "funding terms": FUNDING_TERMS,
        "statuses": STATUSES,
    }
)
#: Vocabularies of the columns the dashboard derives from the directory: their values are the
#: domain's (:data:`dashboard.domain.evidence.RUNGS`, :data:`dashboard.domain.precarity.BANDS`,
#: by :data:`dashboard.domain.model.DERIVED_VALUES`).
DERIVED_VOCABULARIES: Final = ("evidence rungs", "precarity bands")

NOT_STATED: Final = (UNKNOWN, "", "none stated")

#: Columns of data/evidence.csv: one quote per row, naming the directory columns it supports.
EVIDENCE_COLUMNS: Final = ("id", "fields", "source", "quote")

#: data/documented_gaps.csv: gaps that a source document states in so many words.
#: What a documented gap claims: that there is none ("absence": the cell is a gap) or that
#: there is too little ("shortfall": listed with its quote, never drawn as none).
DOCUMENTED_GAP_CLAIMS: Final = ("absence", "shortfall")
DOCUMENTED_GAP_COLUMNS: Final = (
    "id",
    "field",
    "value",
    "claim",
    "level",
    "area",
    "statement",
    "source",
    "evidence",
    "note",
)
LOCAL_PROVISION: Final = "local provision"
#: The value of a "local provision" gap: no programme outside criminal-justice services.
OUTSIDE_CRIMINAL_JUSTICE: Final = "outside criminal justice"
DOCUMENTED_GAP_FIELDS: Final = MappingProxyType(
    {
        "behaviour_focus": BEHAVIOUR_FOCUSES,
        "service_tier": SERVICE_TIERS,
        LOCAL_PROVISION: (OUTSIDE_CRIMINAL_JUSTICE,),
    }
)
DOCUMENTED_GAP_LEVELS: Final = ("wales", "region", "la")

#: data/sources.csv: readable titles of the seed documents cited in every ``source`` column.
SOURCE_COLUMNS: Final = ("file", "short_title", "title", "publisher", "year", "url", "published")


def split_list(value: str) -> list[str]:
    """Split a semicolon list cell into trimmed, non-empty items."""
    return [item.strip() for item in str(value).split(LIST_SEPARATOR) if item.strip()]


# -- financial years: the directory's labels for funding periods and ends --------------------
def financial_year(day: dt.date) -> str:
    """UK financial year containing ``day``: 2026-11-25 -> ``"2026-27"``, 2027-03-31 -> same."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def financial_year_start(label: str) -> int | None:
    """``"2023-24"`` -> 2023; ``"unknown"`` or anything else -> None."""
    if len(label) == 7 and label[:4].isdigit() and label[4] == "-":
        return int(label[:4])
    return None


#: data/source_scopes.csv: what each source enumerates, where, as at when, and how fully.
SCOPE_COLUMNS: Final = (
    "id",
    "file",
    "enumerates",
    "kinds",
    "behaviours",
    "depth",
    "level",
    "areas",
    "as_at",
    "exhaustive",
    "listing",
    "listing_field",
    "source",
    "quote",
    "note",
)
#: How a source describes the areas it covers, fullest first. Only the first two enumerate an
#: area's services (a list that sets out to name them); the others name services in passing or
#: publish totals only, and so cover no area.
REVIEWED_IN_DEPTH: Final = "reviewed in depth"
LISTED: Final = "listed"
NAMED_IN_PASSING: Final = "named in passing"
AGGREGATES_ONLY: Final = "aggregates only"
SCOPE_DEPTHS: Final = (REVIEWED_IN_DEPTH, LISTED, NAMED_IN_PASSING, AGGREGATES_ONLY)
ENUMERATING_DEPTHS: Final = (REVIEWED_IN_DEPTH, LISTED)
SCOPE_LEVELS: Final = ("wales", "region", "force", "la")
SCOPE_EXHAUSTIVE: Final = ("yes", "no", "not stated")

#: data/custody_sites.csv: the prisons in Wales where a service is delivered (custody provision,
#: never the community provision of the local authority where the prison stands).
CUSTODY_COLUMNS: Final = ("id", "prison", "local_authority", "source", "quote")

# -- dated facts, waves and the public record (issue 24) ------------------------------------------
#: data/sources.csv's publication date of each document (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``):
#: the date its facts describe unless a fact states another. Older files without the column load,
#: each document then dated by its year.
SOURCE_PUBLISHED: Final = "published"

#: data/waves.csv: each wave is a named, dated set of sources with its scope (not a date cut).
WAVE_COLUMNS: Final = (
    "id",
    "name",
    "name_cy",
    "as_at",
    "kind",
    "sources",
    "based_on",
    "level",
    "areas",
    "depth",
    "note",
)
#: What a wave is drawn from: seed documents (the curated directory's facts from those documents
#: only), the public record (pages read later, applied on top of the wave it is ``based_on``), or
#: the returns of a survey loaded through the ingest (its own directory file).
DOCUMENTS: Final = "documents"
PUBLIC_RECORD: Final = "public record"
SURVEY: Final = "survey"
WAVE_KINDS: Final = (DOCUMENTS, PUBLIC_RECORD, SURVEY)
#: The folder under data/ holding the public record, and where surveys' waves are written.
PUBLIC_RECORD_DIR: Final = "public_record"
WAVES_DIR: Final = "waves"

#: data/wave_links.csv: the same service under another identifier in a later wave.
WAVE_LINK_COLUMNS: Final = ("old_id", "new_id", "relation", "source", "quote", "note")
RENAMED: Final = "renamed"
MERGED: Final = "merged"
LINK_RELATIONS: Final = (RENAMED, MERGED)

#: data/public_record/pages.csv: one row per public page read.
PAGE_COLUMNS: Final = (
    "source_id",
    "address",
    "publisher",
    "title",
    "published",
    "read",
    "kind",
    "scope",
    "note",
)
PAGE_KINDS: Final = ("primary", "secondary")
#: The header lines of an excerpt file (``excerpts/<source_id>.txt``), before the ``---`` line.
EXCERPT_HEADERS: Final = ("address", "publisher", "title", "published", "read")
EXCERPT_SEPARATOR: Final = "---"

#: data/public_record/facts.csv (and data/document_facts.csv, which has ``source`` instead of
#: ``source_id``): one dated statement about one field of one service.
FACT_COLUMNS: Final = (
    "fact_id",
    "intervention_id",
    "finding",
    "field",
    "value",
    "describes",
    "source_id",
    "quote",
    "note",
)
DOCUMENT_FACT_COLUMNS: Final = (
    "fact_id",
    "intervention_id",
    "finding",
    "field",
    "value",
    "describes",
    "source",
    "quote",
    "note",
)
CONFIRMED: Final = "confirmed"
CHANGED: Final = "changed"
ENDED: Final = "ended"
NEW: Final = "new"
PLANNED: Final = "planned"
FACT_FINDINGS: Final = (CONFIRMED, CHANGED, ENDED, NEW, PLANNED)
#: ``exists``: yes (the service runs) or no (it does not, or no longer).
EXISTS: Final = "exists"
EXISTS_VALUES: Final = ("yes", "no")
FACT_FIELDS: Final = (
    "status",
    "police_force_areas",
    "vawdasv_regions",
    "local_authorities",
    "evaluation_status",
    "accreditation",
    "funding_model",
    "primary_funder",
    "funding_end",
    "provider",
    "name",
    EXISTS,
)
#: data/public_record/decisions.csv: what the search of the public record found for each service.
DECISION_COLUMNS: Final = (
    "intervention_id",
    "name",
    "latest_fact_before",
    "decision",
    "latest_public_date",
    "fact_ids",
    "searched",
)
#: data/waves/<wave>.answers.csv, written by the ingest beside a survey wave's rows: each answer
#: as entered, behind one field of one service (its quote).
ANSWER_COLUMNS: Final = ("id", "field", "source", "answer")
