"""The files that declare the waves and date the directory's facts, loaded and checked once:
``waves.csv`` (each wave a named, dated set of sources with its scope), ``wave_links.csv`` (one
service under another identifier in a later wave), ``document_facts.csv`` (what a seed document
states where the directory now holds a later value) and each survey wave's rows and answers
(``waves/<id>.csv``, ``waves/<id>.answers.csv``, written by the ingest).

Every file is optional: a data folder without ``waves.csv`` has one wave, its directory.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import MappingProxyType
from typing import Final

import pandas as pd

from dashboard.data import column_registry, schemas, wave_schemas
from dashboard.data import vocabulary as vocab
from dashboard.data.public_record import with_la_codes
from dashboard.data.reading import DataError, empty_frame, read_text_csv, validate

WAVES_FILE: Final = "waves.csv"
LINKS_FILE: Final = "wave_links.csv"
DOCUMENT_FACTS_FILE: Final = "document_facts.csv"
ANSWERS_SUFFIX: Final = ".answers.csv"


@dataclass(frozen=True)
class WaveFiles:
    """The waves declared and what they need besides the directory and the public record."""

    waves: pd.DataFrame = field(default_factory=partial(empty_frame, vocab.WAVE_COLUMNS))
    links: pd.DataFrame = field(default_factory=partial(empty_frame, vocab.WAVE_LINK_COLUMNS))
    document_facts: pd.DataFrame = field(
        default_factory=partial(empty_frame, vocab.DOCUMENT_FACT_COLUMNS)
    )
    #: survey wave id -> its rows (the directory's columns) and its answers as entered.
    survey_rows: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    survey_answers: Mapping[str, pd.DataFrame] = field(default_factory=dict)


def _read(path: Path, columns: tuple[str, ...], schema) -> pd.DataFrame:
    if not path.exists():
        return empty_frame(columns)
    frame = read_text_csv(path, expected=columns)[list(columns)]
    frame = frame.apply(lambda column: column.str.strip())
    return validate(frame, schema, path).reset_index(drop=True)


def answers_path(rows_path: Path) -> Path:
    """Where the ingest writes a survey wave's answers: beside its rows."""
    return rows_path.with_name(rows_path.name.removesuffix(".csv") + ANSWERS_SUFFIX)


def load_wave_files(
    data_dir: Path, lookup: pd.DataFrame, sources: pd.DataFrame, directory_ids: frozenset[str]
) -> WaveFiles:
    """Everything the waves need, validated; a folder without ``waves.csv`` has none of it."""
    la_names = frozenset(lookup["la_name_en"])
    waves = _read(data_dir / WAVES_FILE, vocab.WAVE_COLUMNS, wave_schemas.waves_schema(la_names))
    known_files = set(sources["file"])
    problems = []
    for number, row in enumerate(waves.itertuples(index=False), start=2):
        if row.kind != vocab.DOCUMENTS:
            continue
        unknown = [item for item in vocab.split_list(row.sources) if item not in known_files]
        if unknown:
            problems.append(
                f"{data_dir / WAVES_FILE} row {number} (id {row.id!r}): source(s) "
                f"{', '.join(unknown)} not in sources.csv"
            )
    if problems:
        raise DataError("\n".join(problems))
    survey_rows: dict[str, pd.DataFrame] = {}
    survey_answers: dict[str, pd.DataFrame] = {}
    la_codes = frozenset(lookup["la_code"])
    for row in waves.itertuples(index=False):
        if row.kind != vocab.SURVEY:
            continue
        path = data_dir / row.sources
        frame = read_text_csv(path, expected=column_registry.file_columns())
        frame = frame[list(column_registry.file_columns())].apply(lambda column: column.str.strip())
        frame = validate(frame, schemas.interventions_schema(la_codes), path)
        if frame.empty:
            raise DataError(f"{path}: no interventions; a survey's wave needs at least one.")
        survey_rows[row.id] = frame.reset_index(drop=True)
        answers = _read(answers_path(path), vocab.ANSWER_COLUMNS, wave_schemas.answers_schema())
        survey_answers[row.id] = answers[answers["id"].isin(set(frame["id"]))].reset_index(
            drop=True
        )
    document_facts = _read(
        data_dir / DOCUMENT_FACTS_FILE,
        vocab.DOCUMENT_FACT_COLUMNS,
        wave_schemas.facts_schema(la_codes, la_names, cited_by="source"),
    )
    document_facts = with_la_codes(document_facts, lookup)
    unknown = sorted(set(document_facts["intervention_id"]) - directory_ids)
    if unknown:
        raise DataError(
            f"{data_dir / DOCUMENT_FACTS_FILE}: intervention_id(s) {', '.join(unknown)} are not "
            "in the directory."
        )
    return WaveFiles(
        waves=waves,
        links=_read(
            data_dir / LINKS_FILE, vocab.WAVE_LINK_COLUMNS, wave_schemas.wave_links_schema()
        ),
        document_facts=document_facts,
        survey_rows=MappingProxyType(survey_rows),
        survey_answers=MappingProxyType(survey_answers),
    )
