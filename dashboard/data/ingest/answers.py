"""Answers -> the directory's controlled vocabulary, through the answer synonyms in synonyms.csv.

A column's own vocabulary values are always accepted, in English and as the catalogue writes them
in Welsh (the Welsh survey template's answers); ``answer`` rows of the file add other spellings.
An answer that is not recognised is never guessed: it becomes ``unknown`` and is quoted in the
row's note, with a "did you mean ..." where an accepted spelling is close.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from dashboard.data import column_registry
from dashboard.data import vocabulary as vocab
from dashboard.data.ingest import synonyms
from dashboard.data.ingest.suggest import did_you_mean
from dashboard.data.ingest.text import normalise_answer, split_answers
from dashboard.data.ingest.translations import translations

#: Area columns: their synonyms live in the same file, and :mod:`.areas` reads them.
AREA_COLUMNS: Final = ("police_force_areas", "vawdasv_regions")


def single_answers() -> Mapping[str, str]:
    """Directory column holding one value -> the survey question answering it (``columns.toml``)."""
    return column_registry.questions(column_registry.ONE)


def list_answers() -> Mapping[str, str]:
    """Directory column holding a ``;`` list -> the survey question answering it, areas aside
    (``columns.toml``)."""
    return MappingProxyType(
        {
            column: question
            for column, question in column_registry.questions(column_registry.LIST).items()
            if column not in AREA_COLUMNS
        }
    )


def list_blank(column: str) -> str:
    """Value used when a list column is blank (accreditation has no ``unknown``)."""
    return "none stated" if column == "accreditation" else vocab.UNKNOWN


def allowed_values(column: str) -> tuple[str, ...]:
    """The vocabulary a synonym of ``column`` may map to (blank column: every question)."""
    if not column:
        return (vocab.UNKNOWN,)
    return {**column_registry.single_columns(), **column_registry.list_columns()}[column]


@dataclass(frozen=True)
class AnswerTable:
    """One column's lookup (normalised answer -> values) and its accepted spellings as written."""

    lookup: Mapping[str, tuple[str, ...]]
    spellings: tuple[str, ...]


@functools.cache
def answer_tables() -> Mapping[str, AnswerTable]:
    """Every answered column and area column -> its table; checks every answer row of the file."""
    columns = (*single_answers(), *list_answers(), *AREA_COLUMNS)
    rows = synonyms.of_kind("answer")
    for row in rows:
        if row.field and row.field not in columns:
            raise row.fail(f"field {row.field!r} is not answered by a survey question")
        wrong = [value for value in row.values() if value not in allowed_values(row.field)]
        if wrong:
            raise row.fail(
                f"{', '.join(map(repr, wrong))} is not a value of {row.field or 'every question'}"
                f"; allowed: {', '.join(allowed_values(row.field))}"
            )
    tables = {}
    for column in columns:
        canonical = [value for value in allowed_values(column) if value != vocab.UNKNOWN]
        # Canonical values map to themselves; a synonym row may name two values ("medium|high").
        lookup = {normalise_answer(value): (value,) for value in canonical}
        written = list(canonical)
        for row in rows:
            if row.field == column:
                lookup[normalise_answer(row.synonym)] = row.values()
                written.append(row.synonym)
        for value in canonical:
            for word in translations(value):
                known = lookup.setdefault(normalise_answer(word), (value,))
                if known != (value,):
                    raise synonyms.SynonymsError(
                        f"the catalogue's Welsh {word!r} for {column} {value!r} is already an "
                        f"answer meaning {'|'.join(known)!r} (synonyms.csv); change one of them"
                    )
                written.append(word)
        tables[column] = AnswerTable(MappingProxyType(lookup), tuple(written))
    return MappingProxyType(tables)


def table(column: str) -> AnswerTable:
    """The answer table of one directory column (an answered column or an area column)."""
    return answer_tables()[column]


def answer_synonyms() -> Mapping[str, Mapping[str, tuple[str, ...]]]:
    """Directory column -> (normalised answer -> vocabulary values), areas excepted."""
    return MappingProxyType(
        {column: answer_tables()[column].lookup for column in (*single_answers(), *list_answers())}
    )


@functools.cache
def unknown_answers() -> frozenset[str]:
    """Normalised answers meaning "not known" in any question (rows with a blank field, and the
    catalogue's Welsh for ``unknown``)."""
    spellings = [row.synonym for row in synonyms.of_kind("answer") if not row.field]
    return frozenset(normalise_answer(word) for word in (*spellings, *translations(vocab.UNKNOWN)))


def is_unknown(raw: str) -> bool:
    """Blank or a "don't know" answer."""
    key = normalise_answer(raw)
    return not key or key in unknown_answers()


def map_answer(column: str, raw: str) -> tuple[tuple[str, ...], list[str]]:
    """One answer cell -> vocabulary values of ``column`` and the parts not recognised.

    Blank and "don't know" give ``()``; unrecognised parts are returned for the note.
    """
    lookup = table(column).lookup
    whole = normalise_answer(raw)
    if whole in lookup:  # the whole answer is one value, e.g. "Adult, Male" or "medium, high"
        return lookup[whole], []
    values: list[str] = []
    unrecognised: list[str] = []
    for part in split_answers(raw):
        key = normalise_answer(part)
        if key in lookup:
            values.extend(value for value in lookup[key] if value not in values)
        elif not is_unknown(part):
            unrecognised.append(part)
    return tuple(values), unrecognised


def _hint(column: str, unrecognised: list[str], *, name_parts: bool) -> str:
    return did_you_mean(unrecognised, table(column).spellings, name_parts=name_parts)


def map_single(column: str, raw: str) -> tuple[str, str | None]:
    """An answer for a one-value column -> (value, problem for the note or None).

    Several recognised values collapse by column: sector -> multi-agency, setting community and
    custody -> both, funding model -> mixed; otherwise the first is kept and the rest noted.
    """
    values, unrecognised = map_answer(column, raw)
    label = column.replace("_", " ")
    problem = None
    if unrecognised:
        whole = unrecognised == [raw.strip()]
        hint = _hint(column, unrecognised, name_parts=not whole)
        problem = f"{label} {raw.strip()!r} not recognised{hint}"
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
        hint = _hint(column, unrecognised, name_parts=False)
        problem = f"{label}: {', '.join(repr(part) for part in unrecognised)} not recognised{hint}"
    if column == "accreditation" and len(values) > 1 and "none stated" in values:
        values = tuple(value for value in values if value != "none stated")
    return list(values) or [list_blank(column)], problem
