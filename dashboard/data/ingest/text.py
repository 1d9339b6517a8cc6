"""Answer and header text as lookup keys: normalising, splitting multi-select answers, trimming.

Every table in the ingest package is keyed by these normal forms, so a spelling in
``synonyms.csv`` matches however a respondent typed it (case, accents, punctuation).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

#: Joins the notes of one row (and the parts of a note that lists several answers).
NOTE_SEPARATOR: Final = "; "

_SPLIT: Final = re.compile(r"[;,\n\r]+")
#: "Adult; Male" (the survey's own answer format) must stay one answer.
_ADULT_PAIR: Final = re.compile(
    r"\badults?\s*[;,:/\-–—]\s*(male|female|mixed|men|women)\b", re.IGNORECASE
)


#: Typographic variants a word processor or phone types for a plain character: dashes (hyphen,
#: non-breaking hyphen, figure, en and em dash, minus), curly and modifier apostrophes, curly
#: quotes, and invisible joiners. Without this, ``Dyfed–Powys`` (en dash) lost its dash when
#: reduced to ASCII and became the unknown ``dyfedpowys``. (Non-breaking and other spaces are
#: already spaces after NFKD.)
TYPOGRAPHIC: Final = str.maketrans(
    {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4\u0060\uff07", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\uff02", '"'),
        **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),
    }
)


def plain(text: str) -> str:
    """Typographic dashes, apostrophes and quotes as their plain ASCII characters."""
    return str(text).translate(TYPOGRAPHIC)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", plain(text)).encode("ascii", "ignore").decode("ascii")


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def normalise_header(header: str) -> str:
    """Header text -> lookup key: case, accents, ``(s)``, punctuation, plurals and "Q3." dropped.

    ``"  Police_Area(s) "`` -> ``"police area"``; ``"Q4. Organisation:"`` -> ``"organisation"``.
    """
    text = _ascii(header).casefold().replace("(s)", "s").replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = re.sub(r"^(?:q(?:uestion)? ?\d+[a-z]?|\d+[a-z]?) ", "", text)
    return " ".join(_singular(word) for word in text.split())


def normalise_answer(text: str) -> str:
    """Answer text -> lookup key: case, accents, apostrophes, ``&`` and punctuation normalised.

    ``"Cardiff & Vale"`` -> ``"cardiff and vale"``; ``"Caerdydd a'r Fro"`` -> ``"caerdydd ar fro"``.
    """
    text = _ascii(text).casefold().replace("'", "").replace("&", " and ").replace("+", " plus ")
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def split_answers(raw: str) -> list[str]:
    """Split a multi-select answer on ``;``, ``,`` or new lines; keeps "Adult; Male" together."""
    joined = _ADULT_PAIR.sub(lambda match: f"adult {match.group(1)}", str(raw))
    return [part.strip() for part in _SPLIT.split(joined) if part.strip()]


def clean(text: str) -> str:
    """Free text with runs of white space (also non-breaking spaces) made one space, trimmed."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
