"""Load full survey returns (one row per response) into the directory's model.

Run as ``python -m dashboard.data.ingest INPUT --out OUTPUT.csv [--rejects REJECTS.csv]``. INPUT is a
CSV or XLSX export with one column per survey question; every answer is mapped to the controlled
vocabulary in :mod:`dashboard.domain.vocabulary`, duplicate responses are merged and rows that cannot be
placed on the map are rejected with a reason. The rules are documented in ``docs/INGEST.md``.

INPUT is only ever opened for reading; outputs are written to a temporary file and renamed, so a
failure never leaves a half-written file behind.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from dashboard.data.geo import slugify
from dashboard.domain import vocabulary as vocab
from dashboard.domain.precarity import financial_year

SUPPORTED_SUFFIXES: Final = (".csv", ".xlsx")
NOTE_SEPARATOR: Final = "; "
MAX_NAME: Final = 200
#: How many non-empty rows at the top of a file are searched for the header row (title rows).
HEADER_SEARCH_ROWS: Final = 10


class InputError(Exception):
    """INPUT cannot be read as a survey export. The message is one line, for people."""


# --------------------------------------------------------------------------------------------
# Questions (input columns) and their header spellings
# --------------------------------------------------------------------------------------------

#: Survey question key -> (label used in messages and docs, accepted header spellings).
QUESTIONS: Final[Mapping[str, tuple[str, tuple[str, ...]]]] = {
    "name": (
        "intervention name",
        (
            "intervention name",
            "name of intervention",
            "intervention",
            "intervention title",
            "programme name",
            "program name",
            "service name",
        ),
    ),
    "provider": (
        "organisation",
        (
            "organisation",
            "organization",
            "organisation name",
            "organization name",
            "provider",
            "provider organisation",
            "delivery organisation",
            "delivering organisation",
            "lead organisation",
            "delivered by",
        ),
    ),
    "sector": ("sector", ("sector", "delivery sector", "sector delivering", "organisation type")),
    "regions": (
        "VAWDASV region(s)",
        (
            "vawdasv region(s)",
            "vawdasv region",
            "region(s)",
            "region",
            "vawdasv area",
            "regional partnership",
        ),
    ),
    "police": (
        "police area(s)",
        (
            "police area(s)",
            "police area",
            "police force area(s)",
            "police force area",
            "police force",
            "force area",
            "force",
            "pfa",
        ),
    ),
    "setting": ("setting", ("setting", "delivery setting", "community or custody")),
    "behaviour": (
        "behaviour focus",
        (
            "behaviour focus",
            "behavior focus",
            "behaviour",
            "behavior",
            "behaviours addressed",
            "behaviour type",
            "type of abuse",
            "focus",
        ),
    ),
    "purpose": ("purpose", ("purpose", "purpose of intervention", "intervention purpose", "aim")),
    "risk": ("risk profile", ("risk profile", "risk level", "risk category", "risk")),
    "cohort": ("cohort", ("cohort", "target cohort", "client group", "target group")),
    "attendance": ("attendance", ("attendance", "attendance type", "voluntary or mandated")),
    "referral": (
        "referral route",
        ("referral route", "referral routes", "referral pathway", "referral", "how referred"),
    ),
    "evaluated": (
        "evaluated",
        ("evaluated", "evaluation", "evaluation status", "been evaluated", "has it been evaluated"),
    ),
    "evaluated_by": ("evaluated by", ("evaluated by", "evaluator", "evaluation by")),
    "accreditation": (
        "accreditation",
        ("accreditation", "accredited", "accreditation status", "accredited by"),
    ),
    "funding_model": (
        "funding model",
        ("funding model", "funding type", "funding mechanism", "funding arrangement"),
    ),
    "primary_funder": (
        "primary funder",
        ("primary funder", "main funder", "lead funder", "funder", "funded by"),
    ),
    "funding_period": (
        "funding period",
        (
            "funding period",
            "funding length",
            "length of funding",
            "funding duration",
            "duration of funding",
            "funding longevity",
        ),
    ),
    "funding_end": (
        "funding end",
        (
            "funding end",
            "funding end date",
            "funding ends",
            "end of funding",
            "funding end year",
            "funded until",
        ),
    ),
    "status": ("status", ("status", "current status", "intervention status", "service status")),
}
REQUIRED_QUESTION: Final = "name"
AREA_QUESTIONS: Final = ("regions", "police")


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def normalise_header(header: str) -> str:
    """Header text -> lookup key: case, accents, ``(s)``, punctuation, plurals and "Q3." dropped.

    ``"  Police_Area(s) "`` -> ``"police area"``; ``"Q4. Organisation:"`` -> ``"organisation"``.
    """
    text = unicodedata.normalize("NFKD", str(header)).encode("ascii", "ignore").decode("ascii")
    text = text.casefold().replace("(s)", "s").replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = re.sub(r"^(?:q(?:uestion)? ?\d+[a-z]?|\d+[a-z]?) ", "", text)
    return " ".join(_singular(word) for word in text.split())


#: Normalised header -> question key.
HEADER_SYNONYMS: Final[Mapping[str, str]] = {
    normalise_header(spelling): question
    for question, (_label, spellings) in QUESTIONS.items()
    for spelling in spellings
}


@dataclass(frozen=True)
class HeaderMatch:
    """Which input column answers which question, and which columns were not recognised."""

    columns: Mapping[str, int]
    ignored: tuple[str, ...]


def match_headers(headers: Sequence[str]) -> HeaderMatch:
    """Map header cells to question keys; raise :class:`InputError` on a missing or doubled one."""
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, header in enumerate(headers):
        key = normalise_header(header)
        if not key:
            continue
        question = HEADER_SYNONYMS.get(key)
        if question is None:
            ignored.append(str(header).strip())
        elif question in columns:
            first = headers[columns[question]]
            raise InputError(
                f"columns {str(first).strip()!r} and {str(header).strip()!r} both mean "
                f"{QUESTIONS[question][0]!r}; keep one"
            )
        else:
            columns[question] = index
    if REQUIRED_QUESTION not in columns:
        raise InputError(f'missing required column "{QUESTIONS[REQUIRED_QUESTION][0]}"')
    if not any(question in columns for question in AREA_QUESTIONS):
        raise InputError('missing required column: one of "VAWDASV region(s)" or "police area(s)"')
    return HeaderMatch(columns=columns, ignored=tuple(ignored))


# --------------------------------------------------------------------------------------------
# Answers: normalisation and synonym tables keyed to the vocabulary
# --------------------------------------------------------------------------------------------


def normalise_answer(text: str) -> str:
    """Answer text -> lookup key: case, accents, apostrophes, ``&`` and punctuation normalised.

    ``"Cardiff & Vale"`` -> ``"cardiff and vale"``; ``"Caerdydd a'r Fro"`` -> ``"caerdydd ar fro"``.
    """
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    text = text.casefold().replace("'", "").replace("&", " and ").replace("+", " plus ")
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


#: Answers meaning "not known" in any question (after :func:`normalise_answer`).
UNKNOWN_ANSWERS: Final = frozenset(
    normalise_answer(text)
    for text in (
        "unknown",
        "don't know",
        "do not know",
        "dont know",
        "not known",
        "not sure",
        "unsure",
        "n/k",
        "tbc",
        "tbd",
        "n/a",
        "na",
        "not applicable",
        "none given",
        "not stated",
        "prefer not to say",
        "ddim yn gwybod",
        "anhysbys",
        "?",
        "-",
    )
)

_POLICE: Final[Mapping[str, tuple[str, ...]]] = {
    "North Wales": (
        "north wales police",
        "nwp",
        "gogledd cymru",
        "heddlu gogledd cymru",
    ),
    "Gwent": ("gwent police", "heddlu gwent"),
    "South Wales": ("south wales police", "swp", "de cymru", "heddlu de cymru"),
    "Dyfed-Powys": (
        "dyfed powys",
        "dyfed powys police",
        "heddlu dyfed powys",
        "dpp",
    ),
}
_REGIONS: Final[Mapping[str, tuple[str, ...]]] = {
    "North Wales": ("gogledd cymru", "north wales region"),
    "Gwent": ("gwent region",),
    "Cardiff and Vale": (
        "cardiff & vale",
        "cardiff and the vale",
        "cardiff and vale of glamorgan",
        "cardiff and the vale of glamorgan",
        "cardiff & the vale of glamorgan",
        "caerdydd a'r fro",
        "caerdydd a bro morgannwg",
        "cav",
    ),
    "Cwm Taf Morgannwg": ("cwm taf", "ctm"),
    "West Glamorgan": ("western bay", "gorllewin morgannwg"),
    "Mid and West Wales": (
        "mid & west wales",
        "dyfed powys",
        "dyfed-powys region",
        "canolbarth a gorllewin cymru",
        "mid and west",
        "mww",
    ),
}
_ALL_WALES: Final = (
    "all wales",
    "all-wales",
    "all of wales",
    "wales-wide",
    "wales wide",
    "whole of wales",
    "pan-wales",
    "national",
    "wales",
    "cymru",
    "cymru gyfan",
    "ledled cymru",
)


def _table(
    synonyms: Mapping[str, Iterable[str]], canonical: Iterable[str]
) -> dict[str, tuple[str, ...]]:
    """Normalised answer -> vocabulary values. Canonical values always map to themselves.

    A key may hold several values separated by ``|`` (``"medium|high"``), for answers such as
    "medium to high" that name more than one vocabulary value.
    """
    table = {normalise_answer(value): (value,) for value in canonical if value != vocab.UNKNOWN}
    for target, spellings in synonyms.items():
        for spelling in spellings:
            table[normalise_answer(spelling)] = tuple(target.split("|"))
    return table


def _area_table(
    synonyms: Mapping[str, tuple[str, ...]], canonical: Iterable[str]
) -> dict[str, tuple[str, ...]]:
    return _table({**synonyms, vocab.ALL_WALES: _ALL_WALES}, (*canonical, vocab.ALL_WALES))


#: Police force area answers -> vocabulary (``"Dyfed Powys"`` is the force here).
POLICE_SYNONYMS: Final = _area_table(_POLICE, vocab.POLICE_FORCE_AREAS)
#: VAWDASV region answers -> vocabulary (``"Dyfed Powys"`` is Mid and West Wales here).
REGION_SYNONYMS: Final = _area_table(_REGIONS, vocab.VAWDASV_REGIONS)

#: Regions lying wholly inside one police force area (the force is derived from the region).
REGION_TO_FORCE: Final[Mapping[str, str]] = {
    "North Wales": "North Wales",
    "Gwent": "Gwent",
    "Cardiff and Vale": "South Wales",
    "Cwm Taf Morgannwg": "South Wales",
    "West Glamorgan": "South Wales",
    "Mid and West Wales": "Dyfed-Powys",
}
#: Forces covering exactly one region (South Wales covers three, so it derives nothing).
FORCE_TO_REGION: Final[Mapping[str, str]] = {
    force: region
    for region, force in REGION_TO_FORCE.items()
    if list(REGION_TO_FORCE.values()).count(force) == 1
}

#: Answer synonyms per output column (the column's vocabulary values are accepted as they are).
ANSWER_SYNONYMS: Final[Mapping[str, dict[str, tuple[str, ...]]]] = {
    "sector": _table(
        {
            "specialist sector": (
                "specialist",
                "specialist vawdasv",
                "specialist vawdasv sector",
                "specialist domestic abuse",
                "specialist domestic abuse service",
                "specialist services",
            ),
            "third sector": (
                "charity",
                "voluntary sector",
                "voluntary",
                "third",
                "third sector organisation",
                "not for profit",
                "non profit",
                "community organisation",
            ),
            "HMPPS": (
                "his majestys prison and probation service",
                "her majestys prison and probation service",
                "prison and probation service",
                "probation",
                "probation service",
                "prison service",
                "prison",
                "hmpps wales",
            ),
            "police": ("police force", "heddlu"),
            "police and crime commissioner": (
                "pcc",
                "opcc",
                "office of the police and crime commissioner",
            ),
            "local authority": ("council", "local government", "la", "social services"),
            "health": ("health board", "local health board", "nhs", "public health wales"),
            "education": ("school", "schools", "university", "college", "further education"),
            "youth justice": ("youth justice service", "yjs", "youth offending service", "yos"),
            "multi-agency": ("multi agency partnership", "partnership", "multiagency"),
        },
        vocab.SECTORS,
    ),
    "setting": _table(
        {
            "community": ("in the community", "community based"),
            "custody": ("custodial", "prison", "in custody", "secure estate"),
            "both": ("community and custody", "custody and community", "community/custody"),
        },
        vocab.SETTINGS,
    ),
    "behaviour_focus": _table(
        {
            "domestic abuse": (
                "da",
                "domestic violence",
                "dv",
                "domestic violence and abuse",
                "dva",
                "intimate partner violence",
                "ipv",
                "intimate partner abuse",
            ),
            "sexual violence": ("sv", "sexual abuse", "sexual offending", "rape"),
            "stalking": ("stalking and harassment",),
            "harmful sexual behaviour": ("hsb", "harmful sexual behaviours"),
            "online child sexual abuse": (
                "online csa",
                "ocsa",
                "online sexual abuse of children",
                "indecent images of children",
                "iioc",
            ),
            "honour-based abuse": (
                "hba",
                "honour based violence",
                "hbv",
                "so called honour based abuse",
            ),
            "forced marriage": ("fm",),
            "female genital mutilation": ("fgm",),
            "child to adult parental violence and abuse": (
                "capva",
                "child to parent violence",
                "child to parent violence and abuse",
                "adolescent to parent violence",
                "apva",
            ),
        },
        vocab.BEHAVIOUR_FOCUSES,
    ),
    "purpose": _table(
        {
            "prevention": ("prevent", "primary prevention", "preventative"),
            "early intervention": ("early help",),
            "behaviour change": ("change behaviour", "behavioural change"),
            "risk reduction": ("reduce risk", "reducing risk"),
            "risk management": ("manage risk", "managing risk"),
            "accountability": (
                "holding to account",
                "hold to account",
                "hold perpetrators to account",
            ),
        },
        vocab.PURPOSES,
    ),
    "risk_level": _table(
        {
            "standard": ("standard risk", "low", "low risk"),
            "medium": ("medium risk", "moderate", "moderate risk"),
            "high": ("high risk",),
            "very high": ("very high risk",),
            "any": ("all", "all risk levels", "any risk", "any risk level", "all levels"),
            "medium|high": ("medium to high", "medium high", "medium to high risk"),
            "high|very high": ("high to very high", "high very high"),
        },
        vocab.RISK_LEVELS,
    ),
    "cohort": _table(
        {
            "adult male": ("adult men", "male adults", "men", "adult males"),
            "adult female": ("adult women", "female adults", "women", "adult females"),
            "adult mixed": ("adults mixed", "adult all genders", "mixed adults"),
            "young people": (
                "young person",
                "youth",
                "adolescents",
                "teenagers",
                "under 18s",
                "young people under 18",
            ),
            "children": ("child", "under 11s"),
            "family": ("families", "whole family"),
            "couples": ("couple",),
        },
        vocab.COHORTS,
    ),
    "attendance": _table(
        {
            "voluntary": ("self referral", "optional", "voluntary attendance"),
            "mandated": (
                "mandatory",
                "court mandated",
                "court ordered",
                "compulsory",
                "statutory",
                "required",
            ),
            "mixed": ("both", "voluntary and mandated", "mandated and voluntary", "either"),
            "not applicable": ("n/a", "na"),
        },
        vocab.ATTENDANCES,
    ),
    "accreditation": _table(
        {
            "Respect": ("respect accredited", "respect accreditation", "respect standard"),
            "CSAAP": (
                "csaap accredited",
                "correctional services accreditation and advice panel",
                "hmpps accredited",
                "accredited programme",
            ),
            "in progress": (
                "in progress",
                "pending",
                "applied",
                "applying",
                "working towards",
                "working towards accreditation",
                "working towards respect accreditation",
                "respect accreditation in progress",
                "respect in progress",
            ),
            "none stated": ("none", "no", "not accredited", "nil", "no accreditation"),
        },
        vocab.ACCREDITATIONS,
    ),
    "funding_model": _table(
        {
            "grant": ("grant funded", "grant funding", "grants"),
            "commissioned": ("commissioning", "commission", "contract", "contracted", "tender"),
            "core": ("core funding", "core funded", "core budget", "mainstream", "mainstreamed"),
            "spot purchase": ("spot purchasing", "spot purchased", "per referral", "fee per place"),
            "mixed": ("multiple", "combination", "various", "mixed funding"),
        },
        vocab.FUNDING_MODELS,
    ),
    "primary_funder": _table(
        {
            "PCC": (
                "police and crime commissioner",
                "police and crime commissioners",
                "opcc",
                "office of the police and crime commissioner",
            ),
            "local authority": ("council", "local authorities", "la"),
            "Welsh Government": ("wg", "welsh govt", "llywodraeth cymru"),
            "regional VAWDASV partners": (
                "regional partnership",
                "regional vawdasv partnership",
                "regional partners",
                "vawdasv region",
                "regional partnership board",
            ),
            "HMPPS": ("probation", "probation service", "prison and probation service"),
            "Home Office": ("ho",),
            "Ministry of Justice": ("moj",),
            "health": ("health board", "local health board", "nhs"),
            "charitable": (
                "charity",
                "charitable trust",
                "trust",
                "foundation",
                "lottery",
                "national lottery",
                "national lottery community fund",
                "comic relief",
            ),
            "other": ("self funded", "own funds"),
        },
        vocab.PRIMARY_FUNDERS,
    ),
    "status": _table(
        {
            "active": ("running", "live", "operational", "current", "ongoing", "open"),
            "pilot": ("piloting", "pilot phase", "trial"),
            "planned": ("in development", "proposed", "not yet started", "due to start"),
            "under review": ("review", "being reviewed", "paused"),
            "decommissioned": (
                "ended",
                "closed",
                "ceased",
                "stopped",
                "no longer running",
                "no longer delivered",
                "decommissioned",
            ),
        },
        vocab.STATUSES,
    ),
}
#: Output columns taking several values (``;`` lists) among those mapped from answers.
LIST_ANSWER_COLUMNS: Final = ("behaviour_focus", "purpose", "risk_level", "cohort", "accreditation")
#: Value used when a list column is blank (accreditation has no ``unknown``).
LIST_BLANK: Final[Mapping[str, str]] = {
    column: ("none stated" if column == "accreditation" else vocab.UNKNOWN)
    for column in LIST_ANSWER_COLUMNS
}

_SPLIT: Final = re.compile(r"[;,\n\r]+")
#: "Adult; Male" (the survey's own answer format) must stay one answer.
_ADULT_PAIR: Final = re.compile(
    r"\badults?\s*[;,:/\-–]\s*(male|female|mixed|men|women)\b", re.IGNORECASE
)


def split_answers(raw: str) -> list[str]:
    """Split a multi-select answer on ``;``, ``,`` or new lines; keeps "Adult; Male" together."""
    joined = _ADULT_PAIR.sub(lambda match: f"adult {match.group(1)}", str(raw))
    return [part.strip() for part in _SPLIT.split(joined) if part.strip()]


def is_unknown(raw: str) -> bool:
    """Blank or a "don't know" answer."""
    key = normalise_answer(raw)
    return not key or key in UNKNOWN_ANSWERS


def map_answer(column: str, raw: str) -> tuple[tuple[str, ...], list[str]]:
    """One answer cell -> vocabulary values of ``column`` and the parts not recognised.

    Blank and "don't know" give ``()``; unrecognised parts are returned for the note.
    """
    table = ANSWER_SYNONYMS[column]
    whole = normalise_answer(raw)
    if whole in table:  # the whole answer is one value, e.g. "Adult, Male" or "medium, high"
        return table[whole], []
    values: list[str] = []
    unrecognised: list[str] = []
    for part in split_answers(raw):
        key = normalise_answer(part)
        if key in table:
            values.extend(value for value in table[key] if value not in values)
        elif not key or key in UNKNOWN_ANSWERS:
            continue
        else:
            unrecognised.append(part)
    return tuple(values), unrecognised


def map_single(column: str, raw: str) -> tuple[str, str | None]:
    """An answer for a one-value column -> (value, problem for the note or None).

    Several recognised values collapse by column: sector -> multi-agency, setting community and
    custody -> both, funding model -> mixed; otherwise the first is kept and the rest noted.
    """
    values, unrecognised = map_answer(column, raw)
    label = column.replace("_", " ")
    problem = f"{label} {raw.strip()!r} not recognised" if unrecognised else None
    if not values:
        return vocab.UNKNOWN, problem
    if len(values) == 1:
        return values[0], problem
    if column == "setting" and set(values) >= {"community", "custody"}:
        return "both", problem
    combined = {"sector": "multi-agency", "funding_model": "mixed", "attendance": "mixed"}.get(
        column
    )
    if combined:
        return combined, f"{label}: several answers ({raw.strip()}) read as {combined}"
    return values[0], f"{label}: several answers ({raw.strip()}), first kept"


def map_list(column: str, raw: str) -> tuple[list[str], str | None]:
    """An answer for a list column -> (values, problem for the note or None)."""
    values, unrecognised = map_answer(column, raw)
    problem = None
    if unrecognised:
        label = column.replace("_", " ")
        problem = f"{label}: {', '.join(repr(part) for part in unrecognised)} not recognised"
    if column == "accreditation" and len(values) > 1 and "none stated" in values:
        values = tuple(value for value in values if value != "none stated")
    return list(values) or [LIST_BLANK[column]], problem


# --------------------------------------------------------------------------------------------
# Areas
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Areas:
    """Police force areas and regions of one response, or why it cannot be placed."""

    police: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    error: str | None = None


def _collapse_all_wales(values: list[str]) -> list[str]:
    return [vocab.ALL_WALES] if vocab.ALL_WALES in values else values


def parse_areas(regions_raw: str, police_raw: str) -> Areas:
    """Map the region and police-area answers; derive the other dimension where it is certain.

    A police area written in the region column (or a region in the police column) is moved to
    its own dimension and noted. Any part that is neither is an error, as is no area at all.
    """
    found: dict[str, list[str]] = {"regions": [], "police": []}
    notes: list[str] = []
    tables = {"regions": REGION_SYNONYMS, "police": POLICE_SYNONYMS}
    labels = {"regions": "VAWDASV region(s)", "police": "police area(s)"}
    singular = {"regions": "VAWDASV region", "police": "police area"}
    for own, raw in (("regions", regions_raw), ("police", police_raw)):
        other = "police" if own == "regions" else "regions"
        for part in split_answers(raw):
            key = normalise_answer(part)
            if not key or key in UNKNOWN_ANSWERS:
                continue
            if key in tables[own]:
                dimension = own
            elif key in tables[other]:
                dimension = other
                notes.append(f"{part!r} in {labels[own]} read as a {singular[other]}")
            else:
                return Areas(error=f"area {part!r} in {labels[own]} is not a recognised area")
            for value in tables[dimension][key]:
                if value not in found[dimension]:
                    found[dimension].append(value)
    regions = _collapse_all_wales(found["regions"])
    police = _collapse_all_wales(found["police"])
    if len(regions) < len(found["regions"]) or len(police) < len(found["police"]):
        notes.append("All Wales given with named areas; kept as All Wales")
    if not regions and not police:
        return Areas(error="no area given (VAWDASV region or police area)")
    if regions and not police:
        derived = [REGION_TO_FORCE.get(region, region) for region in regions]
        police = list(dict.fromkeys(derived))
        notes.append("police area derived from region")
    elif police and not regions:
        if all(force in FORCE_TO_REGION or force == vocab.ALL_WALES for force in police):
            regions = list(dict.fromkeys(FORCE_TO_REGION.get(force, force) for force in police))
            notes.append("region derived from police area")
        else:
            regions = [vocab.UNKNOWN]
    else:
        mismatched = [
            region
            for region in regions
            if region in REGION_TO_FORCE
            and REGION_TO_FORCE[region] not in police
            and vocab.ALL_WALES not in police
        ]
        if mismatched:
            notes.append(f"region(s) {', '.join(mismatched)} outside the police area(s) given")
    return Areas(police=tuple(police), regions=tuple(regions), notes=tuple(notes))


# --------------------------------------------------------------------------------------------
# Evaluation, funding period and funding end
# --------------------------------------------------------------------------------------------

#: "ie" and "do" are Welsh for yes; "na" is not listed as no because it is also "n/a".
_YES: Final = frozenset({"yes", "y", "true", "evaluated", "completed", "ie", "do"})
_NO: Final = frozenset({"no", "n", "false", "not evaluated", "none", "never", "planned"})
_IN_PROGRESS: Final = frozenset(
    {
        "in progress",
        "ongoing",
        "underway",
        "under way",
        "being evaluated",
        "currently being evaluated",
        "evaluation in progress",
        "yes in progress",
    }
)
_EVALUATOR_KEYWORDS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    (
        "randomised or quasi-experimental evaluation",
        ("randomised", "randomized", "rct", "quasi experimental", "controlled trial"),
    ),
    (
        "independent evaluation",
        (
            "university",
            "prifysgol",
            "uni",
            "independent",
            "independently",
            "external",
            "externally",
            "academic",
            "college",
            "consultant",
            "consultancy",
            "consulting",
            "research",
            "institute",
        ),
    ),
    ("model evaluated elsewhere", ("elsewhere", "national evaluation", "evaluated in england")),
    (
        "internal evaluation",
        ("internal", "internally", "in house", "inhouse", "self", "ourselves", "our own", "staff"),
    ),
)


def _has_keyword(text: str, keywords: Iterable[str]) -> bool:
    padded = f" {text} "
    return any(f" {keyword} " in padded for keyword in keywords)


def map_evaluation(evaluated_raw: str, evaluated_by_raw: str) -> tuple[str, str, str | None]:
    """(evaluated, evaluated by) -> (evaluation_status, evaluation_note, problem or None).

    yes + an independent evaluator (university, independent, external...) -> independent
    evaluation; yes + internal -> internal evaluation; in progress -> evaluation under way;
    no -> not evaluated; yes with no or an unclassifiable evaluator -> unknown (noted).
    """
    answer = normalise_answer(evaluated_raw)
    by_raw = evaluated_by_raw.strip()
    parts = []
    if evaluated_raw.strip():
        parts.append(f"evaluated: {evaluated_raw.strip()}")
    if by_raw:
        parts.append(f"evaluated by: {by_raw}")
    note = NOTE_SEPARATOR.join(parts)
    if answer.startswith("yes ") and answer not in _IN_PROGRESS:
        # "Yes - Cardiff University": the rest of the answer names the evaluator.
        rest = re.sub(r"^\W*yes\W*", "", evaluated_raw.strip(), flags=re.IGNORECASE)
        by_raw = by_raw or rest
        answer = "yes"
    by = normalise_answer(by_raw) if not is_unknown(by_raw) else ""
    if answer in _IN_PROGRESS:
        return "evaluation under way", note, None
    if answer in _NO:
        return "not evaluated", note, None
    if answer in _YES or ((not answer or answer in UNKNOWN_ANSWERS) and by):
        if not by:
            return vocab.UNKNOWN, note, "evaluated: yes, but evaluator not stated"
        for status, keywords in _EVALUATOR_KEYWORDS:
            if _has_keyword(by, keywords):
                return status, note, None
        return vocab.UNKNOWN, note, f"evaluator {by_raw!r} not classed as internal or independent"
    if not answer or answer in UNKNOWN_ANSWERS:
        return vocab.UNKNOWN, note, None
    return vocab.UNKNOWN, note, f"evaluated {evaluated_raw.strip()!r} not recognised"


_NUMBER_WORDS: Final[Mapping[str, int]] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
    "twenty four": 24,
    "thirty six": 36,
}
_UNIT: Final = r"(months?|mths?|mos?|years?|yrs?|year)"
_RANGE: Final = re.compile(
    rf"(\d+(?:\.\d+)?)\s*(?:{_UNIT}\s*)?(?:-|–|to|and)\s*(\d+(?:\.\d+)?)\s*{_UNIT}"
)
_SINGLE: Final = re.compile(rf"(\d+(?:\.\d+)?)\+?\s*(?:-\s*)?{_UNIT}")
_ANNUAL_WORDS: Final = (
    "annual",
    "annually",
    "yearly",
    "per annum",
    "year to year",
    "each year",
    "a year",
)
_UPPER_ONLY: Final = re.compile(r"less than|\bunder\b|\bup ?to\b|<|fewer than|\bmaximum\b")


def _months(number: str, unit: str) -> float:
    return float(number) * (12 if unit.startswith("y") else 1)


def parse_funding_period(raw: str) -> tuple[int | None, str]:
    """Funding period text -> (lower-bound whole months or None, funding term).

    The rule: the smallest number of months the text commits to. "12 months" -> 12,
    "12-24 months" -> 12, "annual" -> 12, "3 years" -> 36, "18 months to 2 years" -> 18;
    "up to"/"less than" give no lower bound. The term follows the same text: a range within
    12 to 24 months -> "12 to 24 months"; otherwise a lower bound of at most 12 months -> annual,
    up to 24 -> "12 to 24 months", more -> multi-year; "one-off", "ongoing"/"core" and
    "multi-year" are read as such. Anything else -> (None, "unknown").
    """
    text = str(raw).casefold().replace("–", "-").replace("—", "-")
    for word, number in _NUMBER_WORDS.items():
        text = re.sub(rf"\b{word.replace(' ', '[ -]')}\b", str(number), text)
    text = re.sub(r"\s+", " ", text).strip()
    if not text or is_unknown(text):
        return None, vocab.UNKNOWN
    if re.search(r"\bone[ -]?off\b|\b1[ -]off\b|\bsingle payment\b", text):
        term = "one-off"
    elif re.search(
        r"\b(ongoing|permanent|recurrent|recurring|indefinite|core|no end date)\b", text
    ):
        return None, "ongoing"
    elif re.search(r"\bmulti[ -]?year\b", text) and not re.search(r"\d", text):
        return None, "multi-year"
    else:
        term = ""
    lower: float | None = None
    upper: float | None = None
    range_match = _RANGE.search(text)
    single_match = _SINGLE.search(text)
    if range_match and (not single_match or range_match.start() <= single_match.start()):
        first_unit = range_match.group(2) or range_match.group(4)
        lower = _months(range_match.group(1), first_unit)
        upper = _months(range_match.group(3), range_match.group(4))
    elif single_match:
        lower = _months(single_match.group(1), single_match.group(2))
    elif any(re.search(rf"\b{re.escape(word)}\b", text) for word in _ANNUAL_WORDS):
        lower = 12
    if lower is not None and _UPPER_ONLY.search(text):
        return None, term or vocab.UNKNOWN
    if lower is None or not 1 <= lower <= 240 or lower != int(lower):
        return None, term or vocab.UNKNOWN
    months = int(lower)
    if term:
        return months, term
    if upper is not None and months >= 12 and upper <= 24:
        return months, "12 to 24 months"
    if months <= 12:
        return months, "annual"
    if months <= 24:
        return months, "12 to 24 months"
    return months, "multi-year"


_MONTHS: Final[Mapping[str, int]] = {
    **{
        name: number
        for number, names in enumerate(
            (
                ("january", "jan", "ionawr"),
                ("february", "feb", "chwefror"),
                ("march", "mar", "mawrth"),
                ("april", "apr", "ebrill"),
                ("may", "mai"),
                ("june", "jun", "mehefin"),
                ("july", "jul", "gorffennaf"),
                ("august", "aug", "awst"),
                ("september", "sep", "sept", "medi"),
                ("october", "oct", "hydref"),
                ("november", "nov", "tachwedd"),
                ("december", "dec", "rhagfyr"),
            ),
            start=1,
        )
        for name in names
    }
}
_ISO_DATE: Final = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_UK_DATE: Final = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\b")
_FY_LONG: Final = re.compile(r"\b(\d{4}) ?(?:/|-|to) ?(\d{4}|\d{2})\b")
_ISO_MONTH: Final = re.compile(r"\b(\d{4})-(\d{1,2})\b")
_MONTH_YEAR: Final = re.compile(r"\b([a-z]+)\.?,? (\d{4})\b")
_NUMERIC_MONTH_YEAR: Final = re.compile(r"\b(\d{1,2})[/.\-](\d{4})\b")
_FY_SHORT: Final = re.compile(r"\b(?:fy ?)?(\d{2}) ?(?:/|-|to) ?(\d{2})\b")


def _year_label(start: int, end: int) -> str | None:
    """Start and end year of a financial year -> ``"YYYY-YY"``; None unless consecutive."""
    if end < 100:
        end += start - start % 100 + (100 if end < start % 100 else 0)
    return f"{start}-{end % 100:02d}" if end == start + 1 else None


def _date_year(year: int, month: int, day: int = 1) -> str | None:
    try:
        return financial_year(dt.date(year, month, day))
    except ValueError:
        return None


def _month_year(match: re.Match[str]) -> str | None:
    month = _MONTHS.get(match.group(1))
    return _date_year(int(match.group(2)), month) if month else None


#: Date and year patterns, most specific first; a match never reuses text an earlier one took.
_END_PATTERNS: Final = (
    (_ISO_DATE, lambda m: _date_year(int(m.group(1)), int(m.group(2)), int(m.group(3)))),
    (_UK_DATE, lambda m: _date_year(int(m.group(3)), int(m.group(2)), int(m.group(1)))),
    (_FY_LONG, lambda m: _year_label(int(m.group(1)), int(m.group(2)))),
    (_ISO_MONTH, lambda m: _date_year(int(m.group(1)), int(m.group(2)))),
    (_MONTH_YEAR, _month_year),
    (_NUMERIC_MONTH_YEAR, lambda m: _date_year(int(m.group(2)), int(m.group(1)))),
    (_FY_SHORT, lambda m: _year_label(2000 + int(m.group(1)), 2000 + int(m.group(2)))),
)


def parse_funding_end(raw: str) -> str | None:
    """Funding end text -> UK financial year ``"YYYY-YY"``, or None when it cannot be read.

    Accepts dates ("31/03/2025", "2025-03-31"), a month and year ("March 2024", "Mawrth 2024",
    "03/2024") and financial years ("2023/24", "2023-2024", "2023 to 2024", "FY23/24"). When the
    text holds several ("April 2023 to March 2025") the last one, the end, is used. A year on its
    own ("2024") is ambiguous (January to March or April to December) and is not read.
    """
    text = re.sub(r"\s+", " ", str(raw).casefold().replace("–", "-").replace("—", "-")).strip()
    taken: list[tuple[int, int, str]] = []
    for pattern, convert in _END_PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end, _ in taken):
                continue
            value = convert(match)
            if value is not None:
                taken.append((match.start(), match.end(), value))
    return max(taken)[2] if taken else None


# --------------------------------------------------------------------------------------------
# Records and merging
# --------------------------------------------------------------------------------------------


@dataclass
class Record:
    """One accepted response (or several merged), with output values and provenance."""

    values: dict[str, str | list[str]]
    rows: list[int]
    notes: list[str] = field(default_factory=list)

    def key(self) -> tuple[str, str, frozenset[str], frozenset[str]]:
        """Duplicate key: normalised name and provider, police area set and region set."""
        return (
            normalise_answer(str(self.values["name"])),
            normalise_answer(str(self.values["provider"])),
            frozenset(self.values["police_force_areas"]),
            frozenset(self.values["vawdasv_regions"]),
        )


@dataclass(frozen=True)
class Reject:
    """A response that cannot be placed: its row number, one reason and its original cells."""

    row: int
    reason: str
    cells: tuple[str, ...]


_LIST_OUTPUT: Final = frozenset({*vocab.LIST_COLUMNS, "aliases", "local_authorities"})
#: Columns that follow another column's choice when merging (they are derived from it).
_FOLLOWS: Final[Mapping[str, str]] = {
    "funding_period_months": "funding_longevity",
    "funding_term": "funding_longevity",
}
_NOT_MERGED: Final = frozenset(
    {"id", "name", "provider", "source", "evidence", "last_verified", "note"}
)
_NOT_KNOWN: Final = frozenset({"", vocab.UNKNOWN})


def _is_known(value: str | list[str]) -> bool:
    if isinstance(value, list):
        return any(item not in _NOT_KNOWN and item != "none stated" for item in value)
    return value not in _NOT_KNOWN


def merge_group(group: Sequence[Record]) -> Record:
    """Merge responses about the same intervention into the first.

    List values are unioned (``unknown``/``none stated`` dropped when anything is known); for a
    single value the first known one is kept and a differing later value is noted as a conflict.
    """
    first = group[0]
    values = {
        column: (list(value) if isinstance(value, list) else value)
        for column, value in first.values.items()
    }
    rows = [row for record in group for row in record.rows]
    notes = list(first.notes)
    chosen: dict[str, int] = {}
    for column in first.values:
        if column in _NOT_MERGED or column in _FOLLOWS:
            continue
        if column in _LIST_OUTPUT:
            merged: list[str] = []
            for record in group:
                merged.extend(item for item in record.values[column] if item not in merged)
            known = [item for item in merged if item not in _NOT_KNOWN and item != "none stated"]
            values[column] = known or merged[:1]
            continue
        index = next((i for i, record in enumerate(group) if _is_known(record.values[column])), 0)
        chosen[column] = index
        values[column] = group[index].values[column]
        for record in group[index + 1 :]:
            other = record.values[column]
            if _is_known(other) and other != values[column]:
                notes.append(
                    f"conflict in {column}: {values[column]!r} (row {group[index].rows[0]}) "
                    f"vs {other!r} (row {record.rows[0]}), first kept"
                )
    for column, leader in _FOLLOWS.items():
        values[column] = group[chosen.get(leader, 0)].values[column]
    for record in group[1:]:
        notes.extend(note for note in record.notes if note not in notes)
    notes.append(f"merged {len(group)} duplicate responses (rows {'; '.join(map(str, rows))})")
    return Record(values=values, rows=rows, notes=notes)


def merge_duplicates(records: Sequence[Record]) -> tuple[list[Record], int]:
    """Group records by :meth:`Record.key` (first appearance order) and merge each group.

    Returns the merged records and how many responses were merged into another.
    """
    groups: dict[tuple, list[Record]] = {}
    for record in records:
        groups.setdefault(record.key(), []).append(record)
    merged = [group[0] if len(group) == 1 else merge_group(group) for group in groups.values()]
    return merged, len(records) - len(merged)


# --------------------------------------------------------------------------------------------
# One response -> record or reject
# --------------------------------------------------------------------------------------------

_EMAIL: Final = re.compile(r"[^\s@<>()]+@[^\s@<>()]+")
_PHONE: Final = re.compile(r"(?<!\d)(?:\+44\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)")
_FREE_TEXT: Final = (
    "name",
    "provider",
    "referral_route",
    "evaluation_note",
    "funding_longevity",
    "evidence",
    "note",
)


def scrub_contacts(text: str) -> str:
    """Replace e-mail addresses and phone numbers (personal contact details are never kept)."""
    return _PHONE.sub("[contact removed]", _EMAIL.sub("[contact removed]", text))


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def build_record(answers: Mapping[str, str], row: int) -> Record | str:
    """One response's answers (question key -> cell text) -> a record, or the reject reason."""

    def answer(question: str) -> str:
        return answers.get(question, "")

    name = _clean(answer("name"))
    if is_unknown(name):
        return "no intervention name"
    if len(name) > MAX_NAME:
        return f"intervention name longer than {MAX_NAME} characters"
    areas = parse_areas(answer("regions"), answer("police"))
    if areas.error:
        return areas.error
    notes = list(areas.notes)
    provider = _clean(answer("provider"))
    if len(provider) > MAX_NAME:
        notes.append(f"organisation longer than {MAX_NAME} characters, kept as unknown")
    values: dict[str, str | list[str]] = dict.fromkeys(vocab.INTERVENTION_COLUMNS, vocab.UNKNOWN)
    values.update(
        name=name,
        aliases=[],
        provider=provider if not is_unknown(provider) and len(provider) <= MAX_NAME else "unknown",
        police_force_areas=list(areas.police),
        vawdasv_regions=list(areas.regions),
        local_authorities=[],
        service_tier=[vocab.UNKNOWN],
        evidence=name,
        note="",
    )
    for column, question in (
        ("sector", "sector"),
        ("setting", "setting"),
        ("attendance", "attendance"),
        ("funding_model", "funding_model"),
        ("primary_funder", "primary_funder"),
        ("status", "status"),
    ):
        values[column], problem = map_single(column, answer(question))
        if problem:
            notes.append(problem)
    for column, question in (
        ("behaviour_focus", "behaviour"),
        ("purpose", "purpose"),
        ("risk_level", "risk"),
        ("cohort", "cohort"),
        ("accreditation", "accreditation"),
    ):
        values[column], problem = map_list(column, answer(question))
        if problem:
            notes.append(problem)
    referral = _clean(answer("referral"))
    values["referral_route"] = referral if not is_unknown(referral) else vocab.UNKNOWN
    status, evaluation_note, problem = map_evaluation(answer("evaluated"), answer("evaluated_by"))
    values["evaluation_status"], values["evaluation_note"] = status, _clean(evaluation_note)
    if problem:
        notes.append(problem)
    period_raw = _clean(answer("funding_period"))
    months, term = parse_funding_period(period_raw)
    values["funding_longevity"] = period_raw if not is_unknown(period_raw) else vocab.UNKNOWN
    values["funding_period_months"] = str(months) if months is not None else ""
    values["funding_term"] = term
    if not is_unknown(period_raw) and months is None and term == vocab.UNKNOWN:
        notes.append(f"funding period {period_raw!r} not understood")
    end_raw = _clean(answer("funding_end"))
    if not is_unknown(end_raw):
        year = parse_funding_end(end_raw)
        values["funding_end"] = year or vocab.UNKNOWN
        if year is None:
            notes.append(f"funding end {end_raw!r} not understood")
    return Record(values=values, rows=[row], notes=notes)


def finish(record: Record, file_name: str, today: dt.date) -> dict[str, str]:
    """A record -> one output row of text cells (source, last_verified, note; contacts removed)."""
    rows = record.rows
    source = (
        f"{file_name} row {rows[0]}"
        if len(rows) == 1
        else (f"{file_name} rows {'; '.join(map(str, rows))}")
    )
    out: dict[str, str] = {}
    for column in vocab.INTERVENTION_COLUMNS:
        value = record.values.get(column, vocab.UNKNOWN)
        out[column] = vocab.LIST_SEPARATOR.join(value) if isinstance(value, list) else str(value)
    out["source"] = source
    out["last_verified"] = today.isoformat()
    out["note"] = NOTE_SEPARATOR.join(record.notes)
    scrubbed = False
    for column in _FREE_TEXT:
        clean = scrub_contacts(out[column])
        scrubbed |= clean != out[column]
        out[column] = clean
    if scrubbed:
        out["note"] = NOTE_SEPARATOR.join(filter(None, (out["note"], "contact details removed")))
    return out


def assign_ids(rows: list[dict[str, str]]) -> None:
    """Give every row a unique slug id from name and provider, suffixed -2, -3... if needed."""
    used: set[str] = set()
    for row in rows:
        parts = [row["name"]] + ([row["provider"]] if row["provider"] != vocab.UNKNOWN else [])
        base = slugify(" ".join(parts))[:80].strip("-") or "intervention"
        candidate, number = base, 2
        while candidate in used:
            candidate, number = f"{base}-{number}", number + 1
        used.add(candidate)
        row["id"] = candidate


# --------------------------------------------------------------------------------------------
# Reading INPUT
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """The header cells and the data rows (with their row numbers as a spreadsheet shows them)."""

    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)  # as entered; answers are trimmed when they are mapped


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: not valid UTF-16 text") from None
    if b"\x00" in raw:
        raise InputError(f"{name}: contains NUL bytes; it is not a text CSV file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name}: not UTF-8 text (byte {error.start}); save it as 'CSV UTF-8' or as .xlsx"
        ) from None


def read_csv_rows(path: Path) -> list[tuple[int, tuple[str, ...]]]:
    """CSV records as (row number, cells); the delimiter (``,``, ``;`` or tab) is read from line 1."""
    with path.open("rb") as handle:  # read-only
        text = _decode(handle.read(), path.name)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise InputError(f"{path.name}: not a readable CSV file ({error})") from None
    return [
        (number, tuple(_cell_text(cell) for cell in record))
        for number, record in enumerate(records, start=1)
    ]


def read_xlsx_rows(path: Path) -> list[tuple[int, tuple[str, ...]]]:
    """Rows of the first worksheet holding an "intervention name" header, as (row number, cells)."""
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise InputError(
            f"{path.name}: not a readable .xlsx workbook ({type(error).__name__})"
        ) from None
    try:
        sheets = []
        for sheet in workbook.worksheets:
            rows = [
                (number, tuple(_cell_text(value) for value in row))
                for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
            ]
            sheets.append(rows)
            if _find_header(rows) is not None:
                return rows
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as error:
        raise InputError(f"{path.name}: not a readable .xlsx workbook ({error})") from None
    finally:
        workbook.close()
    return sheets[0] if sheets else []


def _is_blank(cells: Sequence[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def _find_header(rows: Sequence[tuple[int, tuple[str, ...]]]) -> int | None:
    non_empty = [index for index, (_number, cells) in enumerate(rows) if not _is_blank(cells)]
    for index in non_empty[:HEADER_SEARCH_ROWS]:
        keys = {HEADER_SYNONYMS.get(normalise_header(cell)) for cell in rows[index][1]}
        if REQUIRED_QUESTION in keys:
            return index
    return None


def read_table(path: Path) -> Table:
    """Read INPUT (read-only) into header and data rows; :class:`InputError` says what is wrong."""
    if not path.exists():
        raise InputError(f"{path}: file not found")
    if not path.is_file():
        raise InputError(f"{path}: not a file")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(
            f"{path.name}: unsupported file type {path.suffix or '(none)'!r} "
            f"(allowed: {', '.join(SUPPORTED_SUFFIXES)})"
        )
    try:
        rows = read_csv_rows(path) if suffix == ".csv" else read_xlsx_rows(path)
    except PermissionError:
        raise InputError(f"{path}: permission denied; cannot read the file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None
    if all(_is_blank(cells) for _number, cells in rows):
        raise InputError(f"{path.name}: the file is empty; a header row is required")
    header_index = _find_header(rows)
    if header_index is None:
        first = next(cells for _number, cells in rows if not _is_blank(cells))
        try:
            match_headers(first)  # raises the specific message (e.g. missing "intervention name")
        except InputError as error:
            raise InputError(f"{path.name}: no header row found: {error}") from None
        raise InputError(f"{path.name}: no header row found")  # pragma: no cover
    headers = rows[header_index][1]
    data = tuple(
        (number, cells) for number, cells in rows[header_index + 1 :] if not _is_blank(cells)
    )
    return Table(headers=tuple(headers), rows=data)


# --------------------------------------------------------------------------------------------
# The whole run
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """Output rows, rejects and the counts of the summary line."""

    rows: tuple[dict[str, str], ...]
    rejects: tuple[Reject, ...]
    responses: int
    duplicates: int

    def summary(self) -> str:
        """The one summary line; accepted + rejected + merged always equals the responses."""
        return (
            f"accepted {len(self.rows)}, rejected {len(self.rejects)}, "
            f"duplicates merged {self.duplicates}"
        )


def ingest_table(table: Table, file_name: str, today: dt.date) -> Result:
    """Map, reject and merge every response of ``table``; pure apart from its arguments."""
    try:
        match = match_headers(table.headers)
    except InputError as error:
        raise InputError(f"{file_name}: {error}") from None
    records: list[Record] = []
    rejects: list[Reject] = []
    width = len(table.headers)
    for number, cells in table.rows:
        padded = (*cells, *([""] * (width - len(cells))))
        answers = {question: padded[index] for question, index in match.columns.items()}
        built = build_record(answers, number)
        if isinstance(built, str):
            rejects.append(Reject(row=number, reason=built, cells=tuple(padded[:width])))
        else:
            records.append(built)
    merged, duplicates = merge_duplicates(records)
    rows = [finish(record, file_name, today) for record in merged]
    assign_ids(rows)
    return Result(
        rows=tuple(rows), rejects=tuple(rejects), responses=len(table.rows), duplicates=duplicates
    )


def _write_atomically(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> Path:
    """Write a CSV to a temporary file beside ``path``; return it (the caller renames it)."""
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
        umask = os.umask(0)
        os.umask(umask)
        temporary.chmod(0o666 & ~umask)  # mkstemp makes the file private; use the usual mode
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def write_outputs(result: Result, headers: Sequence[str], out: Path, rejects: Path | None) -> None:
    """Write the output (and rejects) CSV: all temporary files first, then rename each."""
    temporary: list[tuple[Path, Path]] = []
    try:
        temporary.append(
            (
                _write_atomically(
                    out,
                    vocab.INTERVENTION_COLUMNS,
                    ([row[column] for column in vocab.INTERVENTION_COLUMNS] for row in result.rows),
                ),
                out,
            )
        )
        if rejects is not None:
            temporary.append(
                (
                    _write_atomically(
                        rejects,
                        ("row", "reason", *headers),
                        (
                            (str(reject.row), reject.reason, *reject.cells)
                            for reject in result.rejects
                        ),
                    ),
                    rejects,
                )
            )
        for temp, final in temporary:
            temp.replace(final)
    finally:
        for temp, _final in temporary:
            temp.unlink(missing_ok=True)


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.data.ingest",
        description="Map full survey returns (CSV or XLSX, one row per response) to the "
        "intervention directory's columns and vocabulary. See docs/INGEST.md.",
    )
    parser.add_argument("input", type=Path, metavar="INPUT", help="survey export (.csv or .xlsx)")
    parser.add_argument("--out", type=Path, required=True, help="output CSV (directory columns)")
    parser.add_argument("--rejects", type=Path, help="CSV of rows that could not be placed")
    parser.add_argument(
        "--today", type=_parse_date, default=None, help="last_verified date (default: today)"
    )
    return parser


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; 0 when it ran (rejects included), 1 with a one-line message otherwise."""
    args = build_parser().parse_args(argv)
    today: dt.date = args.today or dt.date.today()
    outputs = [args.out, *([args.rejects] if args.rejects else [])]
    for output in outputs:
        if _same_file(output, args.input):
            print(f"error: {output} is INPUT; choose another output file", file=sys.stderr)
            return 1
        if not output.parent.is_dir():
            print(f"error: {output}: folder {output.parent} does not exist", file=sys.stderr)
            return 1
    if args.rejects and _same_file(args.out, args.rejects):
        print("error: --out and --rejects must be different files", file=sys.stderr)
        return 1
    try:
        table = read_table(args.input)
        result = ingest_table(table, args.input.name, today)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        write_outputs(result, table.headers, args.out, args.rejects)
    except OSError as error:
        print(
            f"error: cannot write {error.filename or args.out}: {error.strerror}", file=sys.stderr
        )
        return 1
    ignored = match_headers(table.headers).ignored
    if ignored:
        print(f"note: column(s) not used: {', '.join(ignored)}", file=sys.stderr)
    if result.rejects and not args.rejects:
        print("note: pass --rejects FILE.csv to see why rows were rejected", file=sys.stderr)
    print(result.summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
