"""Coverage and currency in words: how the sources describe each area, why areas can or cannot be
compared, what the 2023 survey found about areas, and when the counted services were last
described. Every page, the report and every CSV header take their words from here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

import numpy as np
import pandas as pd

from dashboard.data import vocabulary as vocab
from dashboard.domain import citations, counting, coverage, currency
from dashboard.domain.context import AppContext
from dashboard.domain.coverage import AreaCoverage, Scope
from dashboard.i18n import N_, Locale

#: How a source covers an area, as a phrase with its year and source.
DEPTH_PHRASES: Final = MappingProxyType(
    {
        vocab.REVIEWED_IN_DEPTH: N_("services reviewed in depth, {year} ({source})"),
        vocab.LISTED: N_("programmes listed, {year} ({source})"),
    }
)
PARTIAL_PHRASE: Final = N_("part of the area reviewed in depth, {year} ({source})")
PASSING_PHRASE: Final = N_("services named in passing only")
#: The map's key: one entry per coverage class (:func:`dashboard.domain.coverage.coverage_class`).
CLASS_LABELS: Final = (
    N_("Reviewed in depth"),
    N_("Listed; part reviewed in depth"),
    N_("Listed"),
    N_("Named in passing only"),
)
REASONS: Final = MappingProxyType(
    {
        coverage.UNEVEN: N_(
            "Not ranked: the sources describe these areas unevenly, so a count shows how much was "
            "written about an area, not how much exists. Colours show how each area is described; "
            "numbers are the services named there."
        ),
        coverage.NO_SOURCE: N_(
            "Not ranked: no source lists every service in these areas. The number is the services "
            "named there."
        ),
        coverage.OTHER_LEVEL: N_(
            "Not ranked: {source} lists services by police force area. Choose police force areas "
            "to compare them."
        ),
    }
)
COMPARABLE_SCOPE: Final = N_(
    "Compared within one source: the services {source} lists for every police force area "
    "alike, as at {year}."
)
COMPARABLE_ALL: Final = N_("Every area is described alike by the sources: areas are compared.")
#: What the map can compare instead, offered beside the reason.
COMPARE_OFFER: Final = N_(
    "To compare areas, count only the community programmes {source} lists for each police "
    "force area ({year})."
)
#: The 2023 survey's own findings about areas: its row id and the area (level, id) it names.
SURVEY_AREA_FINDINGS: Final = MappingProxyType(
    {
        "region": ("region-rank-dyfed-powys", "mid-and-west-wales"),
        "force": ("south-wales-police-area-share", "south-wales"),
    }
)
SURVEY_SENTENCES: Final = MappingProxyType(
    {
        "region": N_(
            "The 2023 survey (56 interventions, all of Wales) found the most interventions in "
            "Mid and West Wales (its 'Dyfed Powys' region), followed by services available across "
            "all of Wales."
        ),
        "force": N_(
            "The 2023 survey found 52% of its interventions delivered in the South Wales Police area."
        ),
    }
)
OTHER_WAY: Final = N_(
    "The directory points the other way: it names most services in {area}, because of how "
    "its sources describe it. Trust the survey's count over the directory's."
)


@dataclass(frozen=True)
class Comparison:
    """Whether a view's areas can be compared, and the words beside its map."""

    comparable: bool
    reason: str
    #: A comparison the sources support, offered when this one is not ("" when none).
    offer: str


#: The shipped sources' short titles (``sources.csv``), so that each has its Welsh form in the
#: catalogue (a source's own title stays as published, in English, in every citation).
SOURCE_SHORT_TITLES: Final = (
    N_("Welsh Government"),
    N_("VAWDASV perpetrator work programme"),
    N_("Policing in Wales"),
    N_("Fowler, Karim & Feder"),
)


def directory_note(context: AppContext, locale: Locale) -> str:
    """What the directory is and is not (not the 2023 survey's dataset), for the top of the
    overview, every profile (screen and paper) and every report."""
    survey = context.survey_interventions
    return locale(
        "This directory holds {held} interventions named in {sources}. It is not the "
        "2023 mapping survey's dataset: the survey identified {survey} interventions from 62 "
        "responses, but its individual returns are not public. 'Unknown' means the documents do not "
        "say."
    ).format(
        held=locale.number(context.directory.size),
        survey=locale.number(survey) if survey is not None else "?",
        sources=sources_named(context, locale),
    )


def source_name(context: AppContext, file: str, locale: Locale | None = None) -> str:
    """A source's short title ("Policing in Wales"; in Welsh where the catalogue has it), or its
    file when not in ``sources.csv``."""
    title = context.source_titles.get(file)
    if title is None:
        return file
    return locale(title) if locale is not None else title


def scope_phrase(
    context: AppContext, scope: Scope, locale: Locale, *, partial: bool = False
) -> str:
    phrase = PARTIAL_PHRASE if partial else DEPTH_PHRASES[scope.depth]
    return locale(phrase).format(year=scope.year, source=source_name(context, scope.file, locale))


def area_statement(context: AppContext, area: AreaCoverage, locale: Locale) -> str:
    """How the sources describe one area: "programmes listed, 2023 (Policing in Wales); part of
    the area reviewed in depth, 2020 (Fowler, Karim & Feder)"."""
    parts = [scope_phrase(context, scope, locale) for scope in area.full]
    parts += [scope_phrase(context, scope, locale, partial=True) for scope in area.partial]
    return "; ".join(parts) if parts else locale(PASSING_PHRASE)


def area_statements(context: AppContext, level: str, locale: Locale) -> Mapping[str, str]:
    """area_id -> its coverage statement, for every area of ``level``."""
    return {
        area_id: area_statement(context, area, locale)
        for area_id, area in context.coverage.areas[level].items()
    }


def coverage_classes(context: AppContext, level: str) -> Mapping[str, int]:
    """area_id -> the map's coverage colour class."""
    return {
        area_id: coverage.coverage_class(area)
        for area_id, area in context.coverage.areas[level].items()
    }


def coverage_key(
    context: AppContext, level: str, names: Mapping[str, str], locale: Locale
) -> tuple[tuple[int, str, tuple[str, ...]], ...]:
    """(colour class, coverage statement, area names) per kind of coverage of the level's areas,
    fullest first: the map's key when areas are coloured by coverage."""
    key = []
    for _full, _partial, area_ids in context.coverage.groups(level):
        first = context.coverage.areas[level][area_ids[0]]
        key.append(
            (
                coverage.coverage_class(first),
                area_statement(context, first, locale),
                tuple(names[area] for area in area_ids),
            )
        )
    return tuple(key)


def comparison(context: AppContext, level: str, compare: str | None, locale: Locale) -> Comparison:
    """Can the areas of ``level`` be compared for the services counted, and in words why."""
    status = context.coverage.comparison(level, compare)
    scope = context.coverage.scope(compare) if compare else None
    offers = context.coverage.comparable_scopes()
    if status == coverage.COMPARABLE:
        if scope is None:
            return Comparison(True, locale(COMPARABLE_ALL), "")
        reason = locale(COMPARABLE_SCOPE).format(
            source=source_name(context, scope.file, locale), year=scope.year
        )
        return Comparison(True, reason, "")
    reason = locale(REASONS[status])
    if status == coverage.OTHER_LEVEL and scope is not None:
        reason = reason.format(source=source_name(context, scope.file, locale))
    offer = ""
    if offers and not compare:
        first = offers[0]
        offer = locale(COMPARE_OFFER).format(
            source=source_name(context, first.file, locale), year=first.year
        )
    return Comparison(False, reason, offer)


def survey_finding(
    context: AppContext,
    level: str,
    local_counts: Mapping[str, int],
    names: Mapping[str, str],
    locale: Locale,
) -> tuple[str, str, str]:
    """The survey's finding about the areas of ``level`` (sentence, quote, citation), with a
    sentence when the directory's counts point the other way; ("", "", "") where the survey
    published none for the level."""
    if level not in SURVEY_AREA_FINDINGS:
        return "", "", ""
    row_id, area_id = SURVEY_AREA_FINDINGS[level]
    survey = context.bundle.survey
    row = survey.loc[survey["id"] == row_id]
    if row.empty:
        return "", "", ""
    sentence = locale(SURVEY_SENTENCES[level])
    top = max(local_counts.values(), default=0)
    leaders = [area for area, count in local_counts.items() if count == top and top > 0]
    if leaders and area_id not in leaders:
        sentence += " " + locale(OTHER_WAY).format(
            area=", ".join(names.get(area, area) for area in leaders)
        )
    citation = citations.readable_citation(
        str(row["source"].iloc[0]), every_source(context), locale
    )
    return sentence, str(row["evidence"].iloc[0]), citation


def every_source(context: AppContext) -> pd.DataFrame:
    """The sources of every wave (``sources.csv``'s columns, one row per file). The survey's
    findings are shown in every wave and cite the survey's report, which a wave's own sources
    may not hold: the 2020 review's wave cited it as the bare file name "000_….txt"."""
    if context.waves is None:
        return context.bundle.sources
    frames = [wave_context.bundle.sources for wave_context in context.waves.contexts.values()]
    return pd.concat([context.bundle.sources, *frames], ignore_index=True).drop_duplicates("file")


# -- currency ------------------------------------------------------------------------------------
def described_text(years: Sequence[tuple[int, int]], locale: Locale) -> str:
    """ "last described in 2023 for 20, in 2020 for 15" (latest first)."""
    parts = []
    for year, count in years:
        if year:
            parts.append(locale("in {year} for {n}").format(year=year, n=locale.number(count)))
        else:
            parts.append(locale("with no dated source for {n}").format(n=locale.number(count)))
    if not parts:
        return ""
    return locale("last described {list}").format(list=", ".join(parts))


def currency_text(context: AppContext, mask: np.ndarray, locale: Locale) -> str:
    """When the counted services were last described, and how many are not confirmed since the
    horizon."""
    frame = context.directory.frame
    years = frame["described_year"].to_numpy()[np.asarray(mask, dtype=bool)]
    text = described_text(currency.described_years(years), locale)
    stale = int(np.count_nonzero(currency.stale(years, context.data_date)))
    if stale:
        text += "; " + locale("{n} last described before {year}").format(
            n=locale.number(stale), year=currency.horizon_year(context.data_date)
        )
    return text


def stale_label(year: int, data_date: str, locale: Locale) -> str:
    """ "not confirmed since 2020" for a service last described before the horizon, else ""."""
    if year and currency.stale(np.array([year]), data_date)[0]:
        return locale("not confirmed since {year}").format(year=year)
    return ""


def sources_span(context: AppContext) -> str:
    """ "2020–2024": the years of the documents the directory is drawn from."""
    years = pd.to_numeric(context.bundle.sources["year"], errors="coerce").dropna().astype(int)
    if years.empty:
        return ""
    low, high = int(years.min()), int(years.max())
    return str(low) if low == high else f"{low}–{high}"


def coverage_line(context: AppContext, locale: Locale) -> str:
    """The coverage caveat of a CSV file and of a slide: the wave shown (when the data offers
    several), the documents' dates, and that areas are compared only alike."""
    line = _coverage_words(context, locale)
    if context.wave is None or len(context.wave_ids) < 2:
        return line
    from dashboard.views.wave_names import wave_label

    return locale("{coverage}; as at: {wave} ({date})").format(
        coverage=line,
        wave=wave_label(context.wave, locale)[0],
        date=locale.date(context.wave.as_at),
    )


def _coverage_words(context: AppContext, locale: Locale) -> str:
    span = sources_span(context)
    if not span:
        return locale(
            "Coverage: drawn from documents that describe areas unevenly (not a census); areas "
            "are compared only where their sources cover them alike"
        )
    return locale(
        "Coverage: drawn from documents dated {span} that describe areas unevenly (not a "
        "census); areas are compared only where their sources cover them alike"
    ).format(span=span)


def custody_text(context: AppContext, mask: np.ndarray, locale: Locale) -> str:
    """ "In prisons in Wales: 3 (Building Better Relationships, Horizon, Kaizen)", or ""."""
    in_prison = np.asarray(mask, dtype=bool) & counting.custody_mask(context.directory)
    if not in_prison.any():
        return ""
    names = sorted(context.directory.frame["name"][in_prison], key=str.lower)
    return locale(
        "In prisons in Wales: {n} ({names}). Custody provision, never counted as the community "
        "provision of the area where a prison stands."
    ).format(n=locale.number(len(names)), names=", ".join(names))


def sources_named(context: AppContext, locale: Locale) -> str:
    """What the services of the picture shown are named in: "five public documents", "five
    public documents and 12 public pages read to December 2026", "one public document" (a wave
    of the 2020 review), "the returns of Follow-up review 2025-26" (a survey's wave)."""
    files = [str(file) for file in context.bundle.sources["file"]]
    pages = [file for file in files if file.startswith(vocab.PUBLIC_RECORD_DIR + "/")]
    documents = [file for file in files if file.endswith(".txt") and file not in pages]
    wave = context.wave
    if wave is not None and wave.kind == vocab.SURVEY:
        from dashboard.views.wave_names import wave_label

        return locale("the returns of {wave}").format(wave=wave_label(wave, locale)[0])
    named = (
        locale("five public documents")
        if len(documents) == 5
        else locale("one public document")
        if len(documents) == 1
        else locale("{n} public documents").format(n=locale.number(len(documents)))
    )
    if not pages:
        return named
    read = max(
        (
            str(date)
            for date in context.bundle.sources[vocab.SOURCE_PUBLISHED][
                context.bundle.sources["file"].isin(pages)
            ]
        ),
        default="",
    )
    return locale("{documents} and {n} public pages published to {date}").format(
        documents=named, n=locale.number(len(pages)), date=locale.date(read)
    )


def wave_shown(context: AppContext, locale: Locale) -> str:
    """ "As at: Public record to 2026 (December 2026): services named in five public documents
    and 12 public pages published to November 2026." ("" when the data offers one wave)."""
    if context.wave is None or len(context.wave_ids) < 2:
        return ""
    from dashboard.views.wave_names import wave_label

    return locale("As at: {wave} ({date}): services named in {sources}.").format(
        wave=wave_label(context.wave, locale)[0],
        date=locale.date(context.wave.as_at),
        sources=sources_named(context, locale),
    )
