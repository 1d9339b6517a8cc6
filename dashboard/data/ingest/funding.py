"""Funding period and funding end answers -> lower-bound months, funding term and financial year."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from dashboard.data import vocabulary as vocab
from dashboard.data.ingest.answers import is_unknown
from dashboard.data.ingest.text import normalise_answer, plain
from dashboard.data.ingest.translations import translations
from dashboard.data.vocabulary import financial_year

_NUMBER_WORDS: Final[Mapping[str, int]] = MappingProxyType(
    {
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "eighteen": 18,
        "twenty four": 24,
        "thirty six": 36,
    }
)
_UNIT: Final = r"(months?|mths?|mos?|years?|yrs?|year)"
_RANGE: Final = re.compile(
    rf"(\d+(?:\.\d+)?)\s*(?:{_UNIT}\s*)?(?:-|–|to|and)\s*(\d+(?:\.\d+)?)\s*{_UNIT}"
)
_SINGLE: Final = re.compile(rf"(\d+(?:\.\d+)?)\+?\s*(?:-\s*)?{_UNIT}")
_ANNUAL_WORDS: Final = (
    "annual",
    "annually",
    "yearly",
    "per annum",
    "year to year",
    "each year",
    "a year",
)
_UPPER_ONLY: Final = re.compile(r"less than|\bunder\b|\bup ?to\b|<|fewer than|\bmaximum\b")


@functools.cache
def welsh_terms() -> Mapping[str, str]:
    """The catalogue's Welsh for each funding term (normalised) -> the term, so the Welsh survey
    template's suggested answers ("12 i 24 mis") are read as the English ones."""
    return MappingProxyType(
        {
            normalise_answer(word): term
            for term in vocab.FUNDING_TERMS
            if term != vocab.UNKNOWN
            for word in translations(term)
        }
    )


def _months(number: str, unit: str) -> float:
    return float(number) * (12 if unit.startswith("y") else 1)


def parse_funding_period(raw: str) -> tuple[int | None, str]:
    """Funding period text -> (lower-bound whole months or None, funding term).

    The rule: the smallest number of months the text commits to. "12 months" -> 12,
    "12-24 months" -> 12, "annual" -> 12, "3 years" -> 36, "18 months to 2 years" -> 18;
    "up to"/"less than" give no lower bound. The term follows the same text: a range within
    12 to 24 months -> "12 to 24 months"; otherwise a lower bound of at most 12 months -> annual,
    up to 24 -> "12 to 24 months", more -> multi-year; "one-off", "ongoing"/"core" and
    "multi-year" are read as such, and so is each term in the catalogue's Welsh. Anything else ->
    (None, "unknown").
    """
    text = plain(welsh_terms().get(normalise_answer(str(raw)), str(raw))).casefold()
    for word, number in _NUMBER_WORDS.items():
        text = re.sub(rf"\b{word.replace(' ', '[ -]')}\b", str(number), text)
    text = re.sub(r"\s+", " ", text).strip()
    if not text or is_unknown(text):
        return None, vocab.UNKNOWN
    if re.search(r"\bone[ -]?off\b|\b1[ -]off\b|\bsingle payment\b", text):
        term = "one-off"
    elif re.search(
        r"\b(ongoing|permanent|recurrent|recurring|indefinite|core|no end date)\b", text
    ):
        return None, "ongoing"
    elif re.search(r"\bmulti[ -]?year\b", text) and not re.search(r"\d", text):
        return None, "multi-year"
    else:
        term = ""
    lower: float | None = None
    upper: float | None = None
    range_match = _RANGE.search(text)
    single_match = _SINGLE.search(text)
    if range_match and (not single_match or range_match.start() <= single_match.start()):
        first_unit = range_match.group(2) or range_match.group(4)
        lower = _months(range_match.group(1), first_unit)
        upper = _months(range_match.group(3), range_match.group(4))
    elif single_match:
        lower = _months(single_match.group(1), single_match.group(2))
    elif any(re.search(rf"\b{re.escape(word)}\b", text) for word in _ANNUAL_WORDS):
        lower = 12
    if lower is not None and _UPPER_ONLY.search(text):
        return None, term or vocab.UNKNOWN
    if lower is None or not 1 <= lower <= 240 or lower != int(lower):
        return None, term or vocab.UNKNOWN
    months = int(lower)
    if term:
        return months, term
    if upper is not None and months >= 12 and upper <= 24:
        return months, "12 to 24 months"
    if months <= 12:
        return months, "annual"
    if months <= 24:
        return months, "12 to 24 months"
    return months, "multi-year"


_MONTHS: Final[Mapping[str, int]] = MappingProxyType(
    {
        **{
            name: number
            for number, names in enumerate(
                (
                    ("january", "jan", "ionawr"),
                    ("february", "feb", "chwefror"),
                    ("march", "mar", "mawrth"),
                    ("april", "apr", "ebrill"),
                    ("may", "mai"),
                    ("june", "jun", "mehefin"),
                    ("july", "jul", "gorffennaf"),
                    ("august", "aug", "awst"),
                    ("september", "sep", "sept", "medi"),
                    ("october", "oct", "hydref"),
                    ("november", "nov", "tachwedd"),
                    ("december", "dec", "rhagfyr"),
                ),
                start=1,
            )
            for name in names
        }
    }
)
_ISO_DATE: Final = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_UK_DATE: Final = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\b")
_FY_LONG: Final = re.compile(r"\b(\d{4}) ?(?:/|-|to) ?(\d{4}|\d{2})\b")
_ISO_MONTH: Final = re.compile(r"\b(\d{4})-(\d{1,2})\b")
_MONTH_YEAR: Final = re.compile(r"\b([a-z]+)\.?,? (\d{4})\b")
_NUMERIC_MONTH_YEAR: Final = re.compile(r"\b(\d{1,2})[/.\-](\d{4})\b")
_FY_SHORT: Final = re.compile(r"\b(?:fy ?)?(\d{2}) ?(?:/|-|to) ?(\d{2})\b")


#: The funding ends read: financial years 1989-90 to 2098-99. A date outside (``9999-12-31``,
#: a placeholder some forms fill in) is no funding end; ``9999`` would even come out as the
#: meaningless label ``9999-00``.
EARLIEST_FUNDING_END: Final = dt.date(1989, 4, 1)
LATEST_FUNDING_END: Final = dt.date(2099, 3, 31)


class _Impossible(str):
    """Why a date-shaped match is no date (``2025-02-30``) or out of range (``9999-12-31``)."""


def _out_of_range(shown: str) -> _Impossible:
    return _Impossible(
        f"{shown} is outside the funding ends read ({EARLIEST_FUNDING_END:%B %Y} to "
        f"{LATEST_FUNDING_END:%B %Y})"
    )


def _in_range(start_year: int, shown: str) -> str | _Impossible:
    if not EARLIEST_FUNDING_END.year <= start_year < LATEST_FUNDING_END.year:
        return _out_of_range(shown)
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def _year_label(start: int, end: int) -> str | _Impossible | None:
    """Start and end year of a financial year -> ``"YYYY-YY"``; None unless consecutive."""
    if end < 100:
        end += start - start % 100 + (100 if end < start % 100 else 0)
    return _in_range(start, f"{start}-{end % 100:02d}") if end == start + 1 else None


def _date_year(year: int, month: int, day: int | None = None) -> str | _Impossible:
    """The financial year of a date (or of a month, ``day`` None); an impossible date, such as
    30 February or month 13, is a reason, never a looser reading of part of it."""
    try:
        date = dt.date(year, month, day or 1)
    except ValueError:
        shown = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")
        return _Impossible(f"{shown} is not a real date")
    shown = date.isoformat() if day is not None else f"{year:04d}-{month:02d}"
    if not EARLIEST_FUNDING_END <= date <= LATEST_FUNDING_END:
        return _out_of_range(shown)
    return financial_year(date)


def _month_year(match: re.Match[str]) -> str | _Impossible | None:
    month = _MONTHS.get(match.group(1))
    return _date_year(int(match.group(2)), month) if month else None


#: Date and year patterns, most specific first; a match never reuses text an earlier one took
#: (an impossible date too: ``2025-02-30`` is not read as its prefix ``2025-02``).
_END_PATTERNS: Final = (
    (_ISO_DATE, lambda m: _date_year(int(m.group(1)), int(m.group(2)), int(m.group(3)))),
    (_UK_DATE, lambda m: _date_year(int(m.group(3)), int(m.group(2)), int(m.group(1)))),
    (_FY_LONG, lambda m: _year_label(int(m.group(1)), int(m.group(2)))),
    (_ISO_MONTH, lambda m: _date_year(int(m.group(1)), int(m.group(2)))),
    (_MONTH_YEAR, _month_year),
    (_NUMERIC_MONTH_YEAR, lambda m: _date_year(int(m.group(2)), int(m.group(1)))),
    (_FY_SHORT, lambda m: _year_label(2000 + int(m.group(1)), 2000 + int(m.group(2)))),
)


def read_funding_end(raw: str) -> tuple[str | None, str | None]:
    """Funding end text -> (UK financial year ``"YYYY-YY"`` or None, why a date in it was
    refused or None).

    Accepts dates ("31/03/2025", "2025-03-31"), a month and year ("March 2024", "Mawrth 2024",
    "03/2024") and financial years ("2023/24", "2023-2024", "2023 to 2024", "FY23/24"). When the
    text holds several ("April 2023 to March 2025") the last one, the end, is used. A year on its
    own ("2024") is ambiguous (January to March or April to December) and is not read. A date
    that does not exist (``2025-02-30``, month 13) or lies outside 1989-90 to 2098-99
    (``9999-12-31``) makes the whole answer unread, with the reason.
    """
    text = re.sub(r"\s+", " ", plain(str(raw)).casefold()).strip()
    taken: list[tuple[int, int, str]] = []
    for pattern, convert in _END_PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end, _ in taken):
                continue
            value = convert(match)
            if isinstance(value, _Impossible):
                return None, str(value)
            if value is not None:
                taken.append((match.start(), match.end(), value))
    return (max(taken)[2] if taken else None), None


def parse_funding_end(raw: str) -> str | None:
    """Funding end text -> UK financial year ``"YYYY-YY"``, or None when it cannot be read
    (:func:`read_funding_end` without the reason)."""
    return read_funding_end(raw)[0]
