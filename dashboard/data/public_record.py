"""The public record: pages read after the seed documents, each with its excerpt, and the dated
facts they state (``data/public_record/``), loaded and checked once, or refused.

A page is a source like a seed document: its address, publisher, publication date, the date it
was read, and an excerpt file (``excerpts/<source_id>.txt``: header lines, ``---``, then the
passages read) that keeps every quote checkable offline. Every quote of a fact, of a new service
and of its evidence must appear in its page's excerpt (whitespace collapsed), or nothing loads.
The folder is optional: without it there is no public-record wave.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Final

import pandas as pd

from dashboard.data import column_registry, schemas, wave_schemas
from dashboard.data import vocabulary as vocab
from dashboard.data.reading import (
    MAX_DATA_FILE_BYTES,
    MAX_REPORTED_PROBLEMS,
    DataError,
    empty_frame,
    read_text_csv,
    validate,
)
from dashboard.data.schema_checks import PUBLIC_RECORD_SOURCE

PAGES_FILE: Final = "pages.csv"
FACTS_FILE: Final = "facts.csv"
NEW_INTERVENTIONS_FILE: Final = "new_interventions.csv"
NEW_EVIDENCE_FILE: Final = "new_evidence.csv"
DECISIONS_FILE: Final = "decisions.csv"
EXCERPTS_DIR: Final = "excerpts"


@dataclass(frozen=True)
class Excerpt:
    """One page's excerpt file: its header lines and the passages read, as written."""

    source_id: str
    headers: Mapping[str, str]
    body: str


@dataclass(frozen=True)
class PublicRecord:
    """Everything under ``data/public_record/``, validated and checked against each other."""

    pages: pd.DataFrame
    excerpts: Mapping[str, Excerpt]
    #: One dated statement per row; local authorities given by name are turned into codes.
    facts: pd.DataFrame
    new_interventions: pd.DataFrame
    new_evidence: pd.DataFrame
    decisions: pd.DataFrame


def collapse(text: str) -> str:
    """Whitespace collapsed to single spaces: how a quote is compared with its source."""
    return re.sub(r"\s+", " ", text).strip()


def citation_of(source_id: str) -> str:
    """The citation of a page, as the ``source`` columns write it."""
    return f"{vocab.PUBLIC_RECORD_DIR}/{source_id}.txt"


def cited_page(citation: str) -> str | None:
    """``public_record/<source_id>.txt[ § …]`` -> ``source_id``; None for any other citation."""
    match = PUBLIC_RECORD_SOURCE.match(str(citation).strip())
    return match.group(1) if match else None


def read_excerpt(path: Path, source_id: str) -> Excerpt:
    """An excerpt file: ``key: value`` header lines, a ``---`` line, then the passages read."""
    if not path.is_file():
        raise DataError(f"{path}: file not found; every page in {PAGES_FILE} needs its excerpt.")
    if path.stat().st_size > MAX_DATA_FILE_BYTES:
        raise DataError(f"{path}: larger than {MAX_DATA_FILE_BYTES // 1_048_576} MB.")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(f"{path}: not valid UTF-8; save the excerpt as UTF-8 text.") from None
    lines = text.splitlines()
    try:
        separator = next(
            number for number, line in enumerate(lines) if line.strip() == vocab.EXCERPT_SEPARATOR
        )
    except StopIteration:
        raise DataError(
            f"{path}: no '{vocab.EXCERPT_SEPARATOR}' line; an excerpt is header lines "
            f"({', '.join(f'{name}:' for name in vocab.EXCERPT_HEADERS)}), then "
            f"'{vocab.EXCERPT_SEPARATOR}', then the passages read."
        ) from None
    headers: dict[str, str] = {}
    for line in lines[:separator]:
        key, colon, value = line.partition(":")
        if colon and key.strip():
            headers[key.strip().lower()] = value.strip()
    missing = [name for name in vocab.EXCERPT_HEADERS if name not in headers]
    if missing:
        raise DataError(
            f"{path}: header line(s) {', '.join(f'{name}:' for name in missing)} missing above "
            f"'{vocab.EXCERPT_SEPARATOR}'."
        )
    body = "\n".join(lines[separator + 1 :])
    if not body.strip():
        raise DataError(f"{path}: no passage below '{vocab.EXCERPT_SEPARATOR}'.")
    return Excerpt(source_id=source_id, headers=MappingProxyType(headers), body=body)


def _optional(path: Path, columns: tuple[str, ...], schema) -> pd.DataFrame:
    if not path.exists():
        return empty_frame(columns)
    frame = read_text_csv(path, expected=columns)[list(columns)]
    frame = frame.apply(lambda column: column.str.strip())
    return validate(frame, schema, path).reset_index(drop=True)


def _raise(path: Path, problems: list[str]) -> None:
    if not problems:
        return
    shown = problems[:MAX_REPORTED_PROBLEMS]
    if len(problems) > MAX_REPORTED_PROBLEMS:
        shown.append(f"  ... and {len(problems) - MAX_REPORTED_PROBLEMS} more")
    raise DataError(
        f"{path}: {len(problems)} problem(s) found; nothing was loaded.\n" + "\n".join(shown)
    )


def quote_problem(quote: str, excerpt: Excerpt | None) -> str | None:
    """Why ``quote`` cannot be checked against its page's excerpt, or None when it is in it."""
    if excerpt is None:
        return "its page has no excerpt"
    if collapse(quote) not in collapse(excerpt.body):
        shown = quote if len(quote) <= 60 else quote[:57] + "..."
        return f"quote {shown!r} is not in excerpts/{excerpt.source_id}.txt"
    return None


def load_public_record(
    folder: Path, lookup: pd.DataFrame, directory_ids: frozenset[str]
) -> PublicRecord | None:
    """``data/public_record/`` loaded and cross-checked; None when there is no such folder."""
    if not folder.is_dir():
        return None
    pages = validate(
        read_text_csv(folder / PAGES_FILE, expected=vocab.PAGE_COLUMNS)[
            list(vocab.PAGE_COLUMNS)
        ].apply(lambda column: column.str.strip()),
        wave_schemas.page_schema(),
        folder / PAGES_FILE,
    ).reset_index(drop=True)
    excerpts = {
        source_id: read_excerpt(folder / EXCERPTS_DIR / f"{source_id}.txt", source_id)
        for source_id in pages["source_id"]
    }
    problems = [
        f"  page {row.source_id!r}: its excerpt says address {excerpts[row.source_id].headers['address']!r}, "
        f"pages.csv {row.address!r}"
        for row in pages.itertuples(index=False)
        if excerpts[row.source_id].headers["address"].rstrip("/") != row.address.rstrip("/")
    ]
    _raise(folder / EXCERPTS_DIR, problems)

    la_codes = frozenset(lookup["la_code"])
    la_names = frozenset(lookup["la_name_en"])
    facts = validate(
        read_text_csv(folder / FACTS_FILE, expected=vocab.FACT_COLUMNS)[
            list(vocab.FACT_COLUMNS)
        ].apply(lambda column: column.str.strip()),
        wave_schemas.facts_schema(la_codes, la_names),
        folder / FACTS_FILE,
    ).reset_index(drop=True)
    facts = with_la_codes(facts, lookup)

    new_interventions = _optional(
        folder / NEW_INTERVENTIONS_FILE,
        column_registry.file_columns(),
        schemas.interventions_schema(la_codes),
    )
    new_evidence = _optional(
        folder / NEW_EVIDENCE_FILE, vocab.EVIDENCE_COLUMNS, wave_schemas.record_evidence_schema()
    )
    decisions = _optional(
        folder / DECISIONS_FILE, vocab.DECISION_COLUMNS, wave_schemas.decisions_schema()
    )

    new_ids = frozenset(new_interventions["id"])
    known_ids = directory_ids | new_ids
    problems = _fact_problems(facts, excerpts, known_ids, new_ids)
    problems.extend(
        _added_problems(
            new_interventions, new_evidence, decisions, excerpts, directory_ids, new_ids
        )
    )
    _raise(folder, problems)
    return PublicRecord(
        pages=pages,
        excerpts=MappingProxyType(excerpts),
        facts=facts,
        new_interventions=new_interventions,
        new_evidence=new_evidence,
        decisions=decisions,
    )


def _fact_problems(
    facts: pd.DataFrame,
    excerpts: Mapping[str, Excerpt],
    known_ids: frozenset[str],
    new_ids: frozenset[str],
) -> list[str]:
    """What is wrong with each fact: a page not listed, a quote not in its excerpt, a service
    neither in the directory nor new, a new service not listed as one."""
    problems = []
    for number, row in enumerate(facts.itertuples(index=False), start=2):
        where = f"  {FACTS_FILE} row {number} (fact {row.fact_id!r})"
        if row.source_id not in excerpts:
            problems.append(f"{where}: source_id {row.source_id!r} is not a page of {PAGES_FILE}")
            continue
        problem = quote_problem(row.quote, excerpts[row.source_id])
        if problem:
            problems.append(f"{where}: {problem}")
        if row.intervention_id not in known_ids:
            problems.append(
                f"{where}: intervention_id {row.intervention_id!r} is neither in the directory "
                f"nor in {NEW_INTERVENTIONS_FILE}"
            )
        if row.finding == vocab.NEW and row.intervention_id not in new_ids:
            problems.append(
                f"{where}: a new service must be a row of {NEW_INTERVENTIONS_FILE} "
                f"({row.intervention_id!r} is not)"
            )
    return problems


def _added_problems(
    new_interventions: pd.DataFrame,
    new_evidence: pd.DataFrame,
    decisions: pd.DataFrame,
    excerpts: Mapping[str, Excerpt],
    directory_ids: frozenset[str],
    new_ids: frozenset[str],
) -> list[str]:
    """What is wrong with the new services, their evidence and the decisions: ids already in the
    directory, quotes not in their page's excerpt, ids that are not services."""
    known_ids = directory_ids | new_ids
    problems: list[str] = []
    clashing = sorted(new_ids & directory_ids)
    if clashing:
        problems.append(
            f"  {NEW_INTERVENTIONS_FILE}: id(s) {', '.join(clashing)} already in the directory"
        )
    for name, frame, quote_column in (
        (NEW_INTERVENTIONS_FILE, new_interventions, "evidence"),
        (NEW_EVIDENCE_FILE, new_evidence, "quote"),
    ):
        for number, row in enumerate(frame.itertuples(index=False), start=2):
            page = cited_page(row.source)
            if page is None:
                continue  # a seed document: checked by the test of every seed quote
            problem = quote_problem(getattr(row, quote_column), excerpts.get(page))
            if problem:
                problems.append(f"  {name} row {number} (id {row.id!r}): {problem}")
        unknown = sorted(set(frame["id"]) - known_ids)
        if unknown and name == NEW_EVIDENCE_FILE:
            problems.append(f"  {name}: id(s) {', '.join(unknown)} are not services")
    unknown = sorted(set(decisions["intervention_id"]) - known_ids)
    if unknown:
        problems.append(f"  {DECISIONS_FILE}: id(s) {', '.join(unknown)} are not services")
    return problems


def with_la_codes(facts: pd.DataFrame, lookup: pd.DataFrame) -> pd.DataFrame:
    """Facts with their values as the directory writes them: local authorities by code (a fact
    may name them by their English names)."""
    codes = dict(zip(lookup["la_name_en"], lookup["la_code"], strict=True))

    def value(row: pd.Series) -> str:
        if row["field"] != "local_authorities":
            return row["value"]
        items = vocab.split_list(row["value"])
        return vocab.LIST_SEPARATOR.join(codes.get(item, item) for item in items)

    if facts.empty:
        return facts
    return facts.assign(value=facts.apply(value, axis=1))
