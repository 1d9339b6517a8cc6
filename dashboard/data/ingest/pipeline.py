"""The whole run over a read table: every response mapped, rejected or merged, and the counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd
import pandera.pandas as pa

from dashboard.data import column_registry, schemas
from dashboard.data.ingest.answers import is_unknown
from dashboard.data.ingest.errors import InputError
from dashboard.data.ingest.headers import match_headers
from dashboard.data.ingest.merge import merge_duplicates
from dashboard.data.ingest.read import Table
from dashboard.data.ingest.records import (
    Record,
    Reject,
    assign_ids,
    build_record,
    finish,
    scrub_contacts,
)
from dashboard.data.ingest.text import clean

#: The compared fields of a wave (:data:`dashboard.data.vocabulary.FACT_FIELDS`) -> the survey
#: questions answering them; the answers are kept as entered, the quotes of a survey's facts.
FACT_QUESTIONS = MappingProxyType(
    {
        "name": ("name",),
        "provider": ("provider",),
        "police_force_areas": ("police",),
        "vawdasv_regions": ("regions",),
        "status": ("status",),
        "evaluation_status": ("evaluated", "evaluated_by"),
        "accreditation": ("accreditation",),
        "funding_model": ("funding_model",),
        "primary_funder": ("primary_funder",),
        "funding_end": ("funding_end",),
    }
)


@dataclass(frozen=True)
class Result:
    """Output rows, rejects and the counts of the summary line."""

    rows: tuple[dict[str, str], ...]
    rejects: tuple[Reject, ...]
    responses: int
    duplicates: int
    #: Each answer as entered behind a compared field of an output row (id, field, source,
    #: answer): what a survey wave's facts quote.
    answers: tuple[dict[str, str], ...] = ()

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
    cells_of: dict[int, tuple[str, ...]] = {}
    answers_of: dict[int, dict[str, str]] = {}
    for number, cells in table.rows:
        padded = (*cells, *([""] * (width - len(cells))))
        cells_of[number] = tuple(padded[:width])
        answers = {question: padded[index] for question, index in match.columns.items()}
        answers_of[number] = answers
        built = build_record(answers, number)
        if isinstance(built, str):
            rejects.append(Reject(row=number, reason=built, cells=cells_of[number]))
        else:
            records.append(built)
    merged, duplicates = merge_duplicates(records)
    rows = [finish(record, file_name, today) for record in merged]
    assign_ids(rows)
    # Whatever is written, the app loads: a row its schema would refuse (which would make it
    # refuse the whole file) is rejected here, with the schema's own reason, for each response.
    refused = refused_by_app(rows)
    kept: list[dict[str, str]] = []
    kept_answers: list[dict[str, str]] = []
    for index, (record, row) in enumerate(zip(merged, rows, strict=True)):
        if index not in refused:
            kept.append(row)
            kept_answers.extend(answers_as_entered(row["id"], record, answers_of, file_name))
            continue
        duplicates -= len(record.rows) - 1
        reason = f"the dashboard would refuse it: {refused[index]}"
        rejects.extend(
            Reject(row=number, reason=reason, cells=cells_of[number]) for number in record.rows
        )
    rejects.sort(key=lambda reject: reject.row)
    return Result(
        rows=tuple(kept),
        rejects=tuple(rejects),
        responses=len(table.rows),
        duplicates=duplicates,
        answers=tuple(kept_answers),
    )


def answers_as_entered(
    row_id: str, record: Record, answers_of: dict[int, dict[str, str]], file_name: str
) -> list[dict[str, str]]:
    """The answers behind one output row's compared fields, one per response and field (contact
    details removed, as in the row)."""
    found = []
    for number in record.rows:
        answers = answers_of.get(number, {})
        for field, questions in FACT_QUESTIONS.items():
            parts = [
                clean(answers.get(question, ""))
                for question in questions
                if not is_unknown(answers.get(question, ""))
            ]
            if not parts:
                continue
            if len(questions) > 1:
                parts = [
                    f"{question.replace('_', ' ')}: {clean(answers[question])}"
                    for question in questions
                    if not is_unknown(answers.get(question, ""))
                ]
            found.append(
                {
                    "id": row_id,
                    "field": field,
                    "source": f"{file_name} row {number}",
                    "answer": scrub_contacts("; ".join(parts)),
                }
            )
    return found


def refused_by_app(rows: list[dict[str, str]]) -> dict[int, str]:
    """Index of each output row the app's interventions schema refuses -> what it breaks.

    The schema is the loader's own (:func:`dashboard.data.schemas.interventions_schema`), so the
    ingest can never write a file the app will not load. Local authorities are never written
    by the ingest, so no codes are needed to check them.
    """
    if not rows:
        return {}
    frame = pd.DataFrame(rows, columns=list(column_registry.file_columns()), dtype=str)
    frame = frame.apply(lambda column: column.str.strip())
    try:
        schemas.interventions_schema(frozenset()).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        reasons: dict[int, str] = {}
        for case in errors.failure_cases.itertuples(index=False):
            if not isinstance(case.index, (int, float)) or pd.isna(case.index):
                continue
            whole_row = getattr(case, "schema_context", "") == "DataFrameSchema"
            column = None if whole_row or not isinstance(case.column, str) else case.column
            what = f"column {column}: {case.check}" if column else str(case.check)
            reasons.setdefault(int(case.index), what)
        return reasons
    return {}
