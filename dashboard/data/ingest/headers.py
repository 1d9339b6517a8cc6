"""Which input column answers which survey question, from the header spellings in synonyms.csv
and the catalogue's Welsh question labels (the Welsh survey template's headers)."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from dashboard.data.ingest import synonyms
from dashboard.data.ingest.errors import InputError
from dashboard.data.ingest.suggest import closest, did_you_mean
from dashboard.data.ingest.text import normalise_header
from dashboard.data.ingest.translations import translations
from dashboard.i18n import N_

#: Survey question key -> its label in messages and docs, and the heading of its column in the
#: survey template (:mod:`dashboard.data.survey_template`); the catalogue's Welsh for it heads the
#: Welsh template's column and is read as a header too. A ``header`` row of synonyms.csv names
#: one of these keys; the code reads the answers by key, so a new question needs code too.
QUESTION_LABELS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "name": N_("intervention name"),
        "provider": N_("organisation"),
        "sector": N_("sector"),
        "regions": N_("VAWDASV region(s)"),
        "police": N_("police area(s)"),
        "setting": N_("setting"),
        "behaviour": N_("behaviour focus"),
        "purpose": N_("purpose"),
        "risk": N_("risk profile"),
        "cohort": N_("cohort"),
        "attendance": N_("attendance"),
        "referral": N_("referral route"),
        "evaluated": N_("evaluated"),
        "evaluated_by": N_("evaluated by"),
        "accreditation": N_("accreditation"),
        "funding_model": N_("funding model"),
        "primary_funder": N_("primary funder"),
        "funding_period": N_("funding period"),
        "funding_end": N_("funding end"),
        "status": N_("status"),
    }
)
REQUIRED_QUESTION: Final = "name"
AREA_QUESTIONS: Final = ("regions", "police")


@functools.cache
def questions() -> Mapping[str, tuple[str, tuple[str, ...]]]:
    """Question key -> (label, accepted header spellings: synonyms.csv's as written, then the
    catalogue's Welsh for the label)."""
    rows = synonyms.of_kind("header")
    for row in rows:
        if row.value not in QUESTION_LABELS:
            raise row.fail(
                f"header names question {row.value!r}; known: {', '.join(QUESTION_LABELS)}"
            )
    spellings = synonyms.spellings_by_value(rows)
    return MappingProxyType(
        {
            key: (label, (*spellings.get(key, ()), *translations(label)))
            for key, label in QUESTION_LABELS.items()
        }
    )


@functools.cache
def header_synonyms() -> Mapping[str, str]:
    """Normalised header -> question key; a spelling naming two questions stops the run."""
    table: dict[str, str] = {}
    for question, (_label, spellings) in questions().items():
        for spelling in spellings:
            known = table.setdefault(normalise_header(spelling), question)
            if known != question:
                raise synonyms.SynonymsError(
                    f"header {spelling!r} names both {QUESTION_LABELS[known]!r} and "
                    f"{QUESTION_LABELS[question]!r} (synonyms.csv or the catalogue's Welsh "
                    "question labels); keep one"
                )
    return MappingProxyType(table)


def question_of(header: str) -> str | None:
    """The question a header cell names, or None."""
    return header_synonyms().get(normalise_header(header))


def _spellings(questions_left: Sequence[str]) -> tuple[str, ...]:
    table = questions()
    return tuple(spelling for key in questions_left for spelling in table[key][1])


@dataclass(frozen=True)
class HeaderMatch:
    """Which input column answers which question, and which columns were not recognised.

    ``suggestions`` holds, for an ignored header close to a spelling of a question that no other
    column answers, that spelling ("did you mean ...").
    """

    columns: Mapping[str, int]
    ignored: tuple[str, ...]
    suggestions: Mapping[str, str]

    def describe_ignored(self) -> str:
        """The ignored headers for the command's note, each with its suggestion if any."""
        described = []
        for header in self.ignored:
            suggestion = self.suggestions.get(header)
            described.append(f"{header} (did you mean {suggestion!r}?)" if suggestion else header)
        return ", ".join(described)


def match_headers(headers: Sequence[str]) -> HeaderMatch:
    """Map header cells to question keys; raise :class:`InputError` on a missing or doubled one."""
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, header in enumerate(headers):
        if not normalise_header(header):
            continue
        question = question_of(header)
        if question is None:
            ignored.append(str(header).strip())
        elif question in columns:
            first = headers[columns[question]]
            raise InputError(
                f"columns {str(first).strip()!r} and {str(header).strip()!r} both mean "
                f"{QUESTION_LABELS[question]!r}; keep one"
            )
        else:
            columns[question] = index
    unanswered = _spellings([key for key in QUESTION_LABELS if key not in columns])
    suggestions = {
        header: found
        for header in ignored
        if (found := closest(header, unanswered, normalise_header)) is not None
    }
    if REQUIRED_QUESTION not in columns:
        hint = did_you_mean(
            ignored, _spellings([REQUIRED_QUESTION]), normalise_header, name_parts=True
        )
        raise InputError(f'missing required column "{QUESTION_LABELS[REQUIRED_QUESTION]}"{hint}')
    if not any(question in columns for question in AREA_QUESTIONS):
        hint = did_you_mean(ignored, _spellings(AREA_QUESTIONS), normalise_header, name_parts=True)
        raise InputError(
            f'missing required column: one of "VAWDASV region(s)" or "police area(s)"{hint}'
        )
    return HeaderMatch(
        columns=MappingProxyType(columns),
        ignored=tuple(ignored),
        suggestions=MappingProxyType(suggestions),
    )
