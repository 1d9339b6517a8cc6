"""Dated facts: every value of the directory as a statement of one source, with the date it
describes.

A fact is one field of one service, its value, the date it describes, its source and the quote
that says so. The directory's facts come from its evidence (each quote supports the values of the
columns it names, dated by its document's publication date), from ``document_facts.csv`` (what an
earlier document states where the directory now holds a later value: CLEAR was a pilot in 2020),
from the public record's ``facts.csv``, and from a survey's answers. A wave's picture is built
from the facts of its sources (:mod:`dashboard.domain.waves`), and each change between two waves
is traced to the two facts behind it (:mod:`dashboard.domain.changes`).
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from typing import Final

import pandas as pd

from dashboard.data import column_registry
from dashboard.data import vocabulary as vocab

#: The columns of every fact frame.
COLUMNS: Final = (
    "intervention_id",
    "field",
    "value",
    "describes",
    "source",
    "quote",
    "origin",
    "finding",
)
#: Where a fact comes from, in the order a tie on the same date is settled (the directory's
#: curated value first).
DIRECTORY: Final = "directory"
DOCUMENT: Final = "document"
RECORD: Final = "public record"
RETURNS: Final = "survey"
#: The finding of a fact the directory's evidence gives: a source states the value.
STATED: Final = "stated"


def empty() -> pd.DataFrame:
    return pd.DataFrame(columns=list(COLUMNS), dtype=str)


def document_file(citation: str) -> str:
    """The document a citation names: its seed file, its page's excerpt file, or the survey
    export (``returns.csv row 3`` -> ``returns.csv``)."""
    text = str(citation).split(" § ")[0].strip()
    for marker in (" rows ", " row "):
        head, found, _tail = text.partition(marker)
        if found and head.endswith((".csv", ".xlsx")):
            return head
    return text


def publication_dates(sources: pd.DataFrame | None) -> Mapping[str, str]:
    """document file -> its publication date (``sources.csv`` ``published``, else its year)."""
    if sources is None or sources.empty:
        return {}
    column = vocab.SOURCE_PUBLISHED if vocab.SOURCE_PUBLISHED in sources.columns else "year"
    return {
        str(file): str(published or year)
        for file, published, year in zip(
            sources["file"], sources[column], sources["year"], strict=True
        )
    }


def date_start(date: str) -> tuple[int, int, int]:
    """The first day a date ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` may mean; (0, 0, 0) when
    unknown."""
    parts = str(date).split("-")
    if not parts[0].isdigit():
        return (0, 0, 0)
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1
    day = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 1
    return (year, month, day)


def date_end(date: str) -> tuple[int, int, int]:
    """The last day a date may mean ("2023" -> 31 December 2023); (0, 0, 0) when unknown."""
    parts = str(date).split("-")
    if not parts[0].isdigit():
        return (0, 0, 0)
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 12
    last = calendar.monthrange(year, month)[1]
    day = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else last
    return (year, month, day)


def known_before(date: str, other: str) -> bool:
    """Whether ``date`` is known to be before ``other``: its last possible day is before the
    first possible day of ``other`` ("2023" is not known to be before "2023-11-17")."""
    return date_end(date) < date_start(other)


def directory_facts(
    interventions: pd.DataFrame,
    evidence_rows: pd.DataFrame | None,
    sources: pd.DataFrame | None,
    document_facts: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The directory's facts: each evidence quote dated by its document's publication date and
    holding the directory's value of each column it supports; each row's name from its own
    citation; and the earlier values ``document_facts`` states."""
    dates = publication_dates(sources)
    values = interventions.set_index("id")
    rows: list[tuple[str, ...]] = []
    for row in interventions.itertuples(index=False):
        file = document_file(row.source)
        rows.append(
            (
                row.id,
                "name",
                row.name,
                dates.get(file, ""),
                row.source,
                row.evidence,
                DIRECTORY,
                STATED,
            )
        )
    if evidence_rows is not None and not evidence_rows.empty:
        for row in evidence_rows.itertuples(index=False):
            if row.id not in values.index:
                continue
            date = dates.get(document_file(row.source), "")
            for field in vocab.split_list(row.fields):
                if field not in column_registry.evidenced_columns():
                    continue
                rows.append(
                    (
                        row.id,
                        field,
                        str(values.at[row.id, field]),
                        date,
                        row.source,
                        row.quote,
                        DIRECTORY,
                        STATED,
                    )
                )
    if document_facts is not None and not document_facts.empty:
        for row in document_facts.itertuples(index=False):
            rows.append(
                (
                    row.intervention_id,
                    row.field,
                    row.value,
                    row.describes,
                    row.source,
                    row.quote,
                    DOCUMENT,
                    row.finding,
                )
            )
    return pd.DataFrame(rows, columns=list(COLUMNS), dtype=str)


def record_facts(facts: pd.DataFrame, citation: callable) -> pd.DataFrame:
    """The public record's facts in the common frame (``citation`` turns a page's source_id into
    its citation)."""
    if facts is None or facts.empty:
        return empty()
    return (
        pd.DataFrame(
            {
                "intervention_id": facts["intervention_id"],
                "field": facts["field"],
                "value": facts["value"],
                "describes": facts["describes"],
                "source": facts["source_id"].map(citation),
                "quote": facts["quote"],
                "origin": RECORD,
                "finding": facts["finding"],
            },
            columns=list(COLUMNS),
        )
        .astype(str)
        .reset_index(drop=True)
    )


def survey_facts(rows: pd.DataFrame, answers: pd.DataFrame | None, as_at: str) -> pd.DataFrame:
    """A survey wave's facts: each compared field of each return, dated by the wave, quoting
    the answer as entered where the ingest kept it."""
    quoted: dict[tuple[str, str], str] = {}
    if answers is not None and not answers.empty:
        for row in answers.itertuples(index=False):
            key = (row.id, row.field)
            quoted[key] = f"{quoted[key]} | {row.answer}" if key in quoted else row.answer
    out = []
    for row in rows.itertuples(index=False):
        record = row._asdict()
        for field in (*vocab.FACT_FIELDS[:-1],):
            value = str(record.get(field, ""))
            if value in vocab.NOT_STATED and field != "name":
                continue
            out.append(
                (
                    row.id,
                    field,
                    value,
                    as_at,
                    row.source,
                    quoted.get((row.id, field), ""),
                    RETURNS,
                    STATED,
                )
            )
    return pd.DataFrame(out, columns=list(COLUMNS), dtype=str)


def latest(facts: pd.DataFrame) -> pd.DataFrame:
    """Per service and field, the fact that holds: the latest date (its first possible day),
    the directory's own value on a tie."""
    if facts.empty:
        return facts
    order = {DIRECTORY: 0, RETURNS: 1, DOCUMENT: 2, RECORD: 3}
    keyed = facts.assign(
        _start=facts["describes"].map(date_start),
        _origin=facts["origin"].map(lambda origin: -order.get(origin, 9)),
    )
    keyed = keyed.sort_values(["_start", "_origin"], kind="stable")
    chosen = keyed.groupby(["intervention_id", "field"], sort=False).tail(1)
    return chosen.drop(columns=["_start", "_origin"]).reset_index(drop=True)
