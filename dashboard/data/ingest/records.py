"""One response -> a record of directory values (or the reason it is rejected) -> an output row."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from dashboard.data import column_registry
from dashboard.data import vocabulary as vocab
from dashboard.data.csv_safety import looks_like_formula
from dashboard.data.geo import slugify
from dashboard.data.ingest.answers import (
    is_unknown,
    list_answers,
    map_list,
    map_single,
    single_answers,
)
from dashboard.data.ingest.areas import parse_areas
from dashboard.data.ingest.evaluation import map_evaluation
from dashboard.data.ingest.funding import parse_funding_period, read_funding_end
from dashboard.data.ingest.headers import QUESTION_LABELS
from dashboard.data.ingest.text import NOTE_SEPARATOR, clean, normalise_answer

MAX_NAME: Final = 200
#: Output columns of free text, where contact details are scrubbed.
_FREE_TEXT: Final = (
    "name",
    "provider",
    "referral_route",
    "evaluation_note",
    "funding_longevity",
    "evidence",
    "note",
)

_EMAIL: Final = re.compile(r"[^\s@<>()]+@[^\s@<>()]+")
_PHONE: Final = re.compile(r"(?<!\d)(?:\+44\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)")


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


def scrub_contacts(text: str) -> str:
    """Replace e-mail addresses and phone numbers (personal contact details are never kept)."""
    return _PHONE.sub("[contact removed]", _EMAIL.sub("[contact removed]", text))


def _known_or_unknown(text: str) -> str:
    return text if not is_unknown(text) else vocab.UNKNOWN


def _funding(answer_period: str, answer_end: str, values: dict, notes: list[str]) -> None:
    """Fill the funding columns from the funding period and funding end answers."""
    period_raw = clean(answer_period)
    months, term = parse_funding_period(period_raw)
    values["funding_longevity"] = _known_or_unknown(period_raw)
    values["funding_period_months"] = str(months) if months is not None else ""
    values["funding_term"] = term
    if not is_unknown(period_raw) and months is None and term == vocab.UNKNOWN:
        notes.append(f"funding period {period_raw!r} not understood")
    end_raw = clean(answer_end)
    if not is_unknown(end_raw):
        year, refused = read_funding_end(end_raw)
        values["funding_end"] = year or vocab.UNKNOWN
        if refused:
            notes.append(f"funding end {end_raw!r} refused: {refused}")
        elif year is None:
            notes.append(f"funding end {end_raw!r} not understood")


def formula_problem(answers: Mapping[str, str]) -> str | None:
    """The reject reason when an answer looks like a spreadsheet formula, else None.

    Such an answer (``=HYPERLINK(...)``, ``@SUM(A1)``, ``-2+3``) would run in the spreadsheet of
    whoever opens the directory's CSV, so the response is refused rather than guessed at; the
    rule is :func:`dashboard.data.csv_safety.looks_like_formula`. "Don't know" answers such as a
    lone ``-`` are not carried into the output and are not refused.
    """
    for question, raw in answers.items():
        if is_unknown(raw) or not (looks_like_formula(raw) or looks_like_formula(raw.strip())):
            continue
        shown = raw.strip()
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        label = QUESTION_LABELS.get(question, question)
        return (
            f"answer to {label} looks like a spreadsheet formula ({shown!r}); an answer may not "
            "begin with =, +, -, @, a tab or a carriage return unless it is a number"
        )
    return None


def build_record(answers: Mapping[str, str], row: int) -> Record | str:
    """One response's answers (question key -> cell text) -> a record, or the reject reason."""

    def answer(question: str) -> str:
        return answers.get(question, "")

    formula = formula_problem(answers)
    if formula:
        return formula
    name = clean(answer("name"))
    if is_unknown(name):
        return "no intervention name"
    if len(name) > MAX_NAME:
        return f"intervention name longer than {MAX_NAME} characters"
    areas = parse_areas(answer("regions"), answer("police"))
    if areas.error:
        return areas.error
    notes = list(areas.notes)
    provider = clean(answer("provider"))
    if len(provider) > MAX_NAME:
        notes.append(f"organisation longer than {MAX_NAME} characters, kept as unknown")
    values: dict[str, str | list[str]] = dict.fromkeys(
        column_registry.file_columns(), vocab.UNKNOWN
    )
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
    mapped = [(column, map_single(column, answer(q))) for column, q in single_answers().items()]
    mapped += [(column, map_list(column, answer(q))) for column, q in list_answers().items()]
    for column, (value, problem) in mapped:
        values[column] = value
        if problem:
            notes.append(problem)
    values["referral_route"] = _known_or_unknown(clean(answer("referral")))
    status, evaluation_note, problem = map_evaluation(answer("evaluated"), answer("evaluated_by"))
    values["evaluation_status"], values["evaluation_note"] = status, clean(evaluation_note)
    if problem:
        notes.append(problem)
    _funding(answer("funding_period"), answer("funding_end"), values, notes)
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
    for column in column_registry.file_columns():
        value = record.values.get(column, vocab.UNKNOWN)
        out[column] = vocab.LIST_SEPARATOR.join(value) if isinstance(value, list) else str(value)
    out["source"] = source
    out["last_verified"] = today.isoformat()
    out["note"] = NOTE_SEPARATOR.join(record.notes)
    scrubbed = False
    for column in _FREE_TEXT:
        clean_text = scrub_contacts(out[column])
        scrubbed |= clean_text != out[column]
        out[column] = clean_text
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
