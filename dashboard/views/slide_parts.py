"""What every presenter slide is made of: the :class:`Slide`, what most slides share
(:class:`Common`), and the words of their sources.

Slides are shown on a projector and photographed, so each carries what a reader needs to weigh
it away from the dashboard: the documents its numbers come from (by title, as
``data/sources.csv`` names them), the date the data was checked, and how the sources cover what
it shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.data import vocabulary as vocab
from dashboard.domain import citations
from dashboard.domain.context import AppContext
from dashboard.i18n import N_, Locale
from dashboard.views import coverage_text as coverage_words
from dashboard.views.overview import OverviewView

#: What a slide's directory counts come from: the directory, and the documents its counted
#: services cite (short title and year, "Policing in Wales (2023)").
DIRECTORY_SOURCE = N_("the dashboard's directory of interventions, from {documents}")
#: What the footer's first line begins with, before the slide's sources.
SOURCES_LABEL = N_("Sources:")


@dataclass(frozen=True)
class Slide:
    title: str
    headline: str
    points: tuple[str, ...] = ()
    figure: go.Figure | None = None
    #: The overview's view whose map the slide shows, drawn by the overview's own map code
    #: (:func:`dashboard.views.figures_map.map_parts`), labels and colouring rule included.
    map_view: OverviewView | None = None
    #: What the slide's numbers come from, in the slide's language ("the dashboard's directory
    #: of interventions, from Policing in Wales (2023)").
    sources: tuple[str, ...] = field(default_factory=tuple)
    #: Documents cited by their published (English) author, year and title.
    cited: tuple[str, ...] = field(default_factory=tuple)
    #: When the data was checked ("Data checked 2026-12-07").
    dated: str = ""
    #: How the sources cover what the slide shows (for a map, the overview's words beside it).
    caveat: str = ""
    #: Services the points may name (shown as published, in English, on a Welsh slide).
    names: tuple[str, ...] = field(default_factory=tuple)


def survey_value(survey: pd.DataFrame, measure_id: str) -> str | None:
    row = survey.loc[survey["id"] == measure_id, "value"]
    return str(row.iloc[0]) if len(row) else None


def survey_count(survey: pd.DataFrame, measure_id: str) -> int | None:
    """A survey figure that is a whole number, or None when the survey file lacks it."""
    value = pd.to_numeric(survey_value(survey, measure_id), errors="coerce")
    return None if pd.isna(value) else int(value)


def survey_citation(
    context: AppContext, measure_ids: Sequence[str], locale: Locale
) -> tuple[str, ...]:
    """The documents the survey figures ``measure_ids`` come from, by author, year and title (in
    ``locale``'s language but for the title)."""
    survey = context.bundle.survey
    files = survey.loc[survey["id"].isin(measure_ids), "source"].map(document_file)
    return tuple(
        citations.readable_citation(file, coverage_words.every_source(context), locale)
        for file in dict.fromkeys(files)
    )


def document_file(source: str) -> str:
    """``'002_….txt § Summary'`` -> ``'002_….txt'``: the document a citation names."""
    return str(source).partition(citations.SECTION_MARK)[0].strip()


def documents_cited(context: AppContext, mask: np.ndarray) -> tuple[list[str], int]:
    """The documents of ``sources.csv`` that the services in ``mask`` cite, in its order, and
    how many other sources they cite (an ingested survey return cites its export's row)."""
    cited = set(
        context.directory.frame.loc[np.asarray(mask, dtype=bool), "source"].map(document_file)
    )
    known = [file for file in context.bundle.sources["file"] if file in cited]
    return known, len(cited - set(known))


def directory_source(context: AppContext, mask: np.ndarray, locale: Locale) -> str:
    """The directory as a source, naming by title the documents its counted services come from
    ("Policing in Wales (2023)"), never by file name or route."""
    years = dict(zip(context.bundle.sources["file"], context.bundle.sources["year"], strict=True))
    known, others = documents_cited(context, mask)
    # Public pages are counted, not named: a slide read at a distance lists documents, and the
    # pages' publishers are cited where each fact is shown (the What changed page, the report).
    pages = [file for file in known if file.startswith(vocab.PUBLIC_RECORD_DIR + "/")]
    names = [
        f"{coverage_words.source_name(context, file, locale)} ({years[file]})"
        for file in known
        if file not in pages
    ]
    if pages:
        names.append(
            locale.ngettext("{n} public page", "{n} public pages", len(pages)).format(
                n=locale.number(len(pages))
            )
        )
    if others:
        names.append(
            locale.ngettext("{n} other source", "{n} other sources", others).format(
                n=locale.number(others)
            )
        )
    return locale(DIRECTORY_SOURCE).format(documents="; ".join(names))


def sentence_case(text: str) -> str:
    """The first letter a capital, the rest as written (``str.capitalize`` lowers names)."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Common:
    """What most slides share: the language, the current services, the date and caveat."""

    context: AppContext
    locale: Locale
    current: np.ndarray
    dated: str
    caveat: str
    #: The overview's view of every current service in Wales: its drill-down charts are the
    #: slides' charts.
    wales: OverviewView

    def fmt(self, value: float) -> str:
        return self.locale.number(value)

    def directory(self, mask: np.ndarray | None = None) -> str:
        return directory_source(self.context, self.current if mask is None else mask, self.locale)
