"""The whole run over a read table: every response mapped, rejected or merged, and the counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dashboard.data.ingest.errors import InputError
from dashboard.data.ingest.headers import match_headers
from dashboard.data.ingest.merge import merge_duplicates
from dashboard.data.ingest.read import Table
from dashboard.data.ingest.records import Record, Reject, assign_ids, build_record, finish


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
