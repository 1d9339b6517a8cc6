"""The directory's search: each row's searchable text, and what is typed as the grid's quick filter.

The grid (AG Grid's quick filter) keeps a row when every word of the filter is in the row's
searchable text. Words alone cannot tell a place from a longer name that contains it ("Cardiff"
is in "Cardiff and Vale", "Powys" in "Dyfed-Powys"), so a place's name is sent as a token of its
own, and each row carries the tokens of the places it is in (:mod:`dashboard.domain.placement`)
or that its name, other names or provider name. Both sides are folded alike: case, accents,
apostrophes and punctuation do not matter ("Ynys Mon" finds Ynys Môn).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

import numpy as np
import pandas as pd

from dashboard import i18n
from dashboard.data import vocabulary as vocab
from dashboard.domain import placement
from dashboard.domain.context import AppContext

#: What is typed is cut to this many characters (the filter runs over every row on each change).
MAX_TYPED: Final = 200
#: The row fields searched as they are published (English).
NAME_FIELDS: Final = ("name", "aliases", "provider")
#: The row fields searched in the page's language.
VOCABULARY_FIELDS: Final = ("behaviour_focus", "service_tier")
#: Typographic apostrophes (dropped, like plain ones) and dashes (a space, like plain ones) that
#: a word processor or phone types: taken before accents, which would drop them unseen.
_TYPOGRAPHIC: Final = str.maketrans(
    {
        **dict.fromkeys("'\u2018\u2019\u02bc", ""),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", " "),
    }
)
_NOT_WORD: Final = re.compile(r"[^a-z0-9]+")
#: The key of "All Wales" among the places (beside (level, area id)).
ALL_WALES: Final = ("all", "wales")


def fold(text: object) -> str:
    """Text as the search compares it: lower case, no accents, apostrophes dropped, any other
    punctuation a space. ``"Caerdydd a’r Fro"`` -> ``"caerdydd ar fro"``, ``"Ynys Môn"`` ->
    ``"ynys mon"``, ``"Dyfed-Powys"`` -> ``"dyfed powys"``."""
    plain = unicodedata.normalize("NFKD", str(text).translate(_TYPOGRAPHIC))
    return _NOT_WORD.sub(" ", plain.encode("ascii", "ignore").decode("ascii").casefold()).strip()


def place_token(folded_name: str) -> str:
    """A place's token: one word, and no token is part of another (``~cardiff~`` is not in
    ``~cardiff_and_vale~``); folded text has no ``~``, so no typed word is part of a token."""
    return "~" + folded_name.replace(" ", "_") + "~"


@dataclass(frozen=True)
class SearchIndex:
    """The search of one language: every row's searchable text (in the directory's order) and
    the place names it recognises in what is typed."""

    texts: tuple[str, ...]
    #: folded place name -> its token
    tokens: Mapping[str, str]
    #: the place names as whole words, longest first ("cardiff and vale" before "cardiff")
    pattern: re.Pattern[str]

    def quick_filter(self, typed: object) -> str:
        """What is typed -> the grid's quick filter text: each place named in it as its token,
        the other words folded. ``"Newport stalking"`` -> ``"~newport~ stalking"``."""
        text = fold(typed if isinstance(typed, str) else "")[:MAX_TYPED]
        places: list[str] = []

        def token(match: re.Match[str]) -> str:
            places.append(self.tokens[match.group(0)])
            return " "

        words = self.pattern.sub(token, text).split()
        return " ".join([*places, *words])


def place_names(context: AppContext) -> dict[tuple[str, str], tuple[str, ...]]:
    """(level, area id) -> the area's names in English and Welsh, as the maps and the grid give
    them (the police force area "South Wales" is also "Heddlu De Cymru" and "De Cymru");
    ("all", "wales") -> "All Wales" in both languages."""
    translate = {lang: i18n.translator(lang) for lang in i18n.LANGUAGES}
    names: dict[tuple[str, str], tuple[str, ...]] = {}
    for level in placement.LEVELS:
        vocabulary = {
            "region": vocab.VAWDASV_REGIONS,
            "force": vocab.POLICE_FORCE_AREAS,
        }.get(level, ())
        for position, area_id in enumerate(context.directory.area_ids[level]):
            found = [context.names(lang, level)[area_id] for lang in i18n.LANGUAGES]
            if vocabulary:
                found += [translate[lang](vocabulary[position]) for lang in i18n.LANGUAGES]
            names[(level, area_id)] = tuple(dict.fromkeys(found))
    names[ALL_WALES] = tuple(
        dict.fromkeys(translate[lang](vocab.ALL_WALES) for lang in i18n.LANGUAGES)
    )
    return names


def search_index(context: AppContext, lang: str) -> SearchIndex:
    """The search of the page in ``lang``: names, other names and providers as published;
    behaviour focus and service tier in the page's language; the places each service is in, by
    their English and Welsh names (:func:`placement.placed_matrices`); never its sources or
    quotes."""
    directory = context.directory
    frame = directory.frame
    names = place_names(context)
    placed = placement.placed_matrices(directory, context.bundle.lookup)
    areas = {
        (level, area_id): placed[level][:, directory.area_ids[level].index(area_id)]
        for level, area_id in names
        if level in placed
    }
    areas[ALL_WALES] = np.asarray(directory.all_wales)
    folded = {key: tuple(fold(name) for name in area_names) for key, area_names in names.items()}
    tokens = {name: place_token(name) for names_of in folded.values() for name in names_of}
    translate = i18n.translator(lang)
    records = frame.to_dict("records")
    own = [
        " ".join(
            fold(record.get(field, ""))
            for field in NAME_FIELDS
            if record.get(field) != vocab.UNKNOWN
        )
        for record in records
    ]
    words = [
        [
            text,
            *(_vocabulary_words(record.get(field, ""), translate) for field in VOCABULARY_FIELDS),
        ]
        for text, record in zip(own, records, strict=True)
    ]
    row_tokens: list[list[str]] = [[] for _ in records]
    padded = pd.Series(own, dtype=object).map(lambda text: f" {text} ")
    for key, names_of in folded.items():
        for name in names_of:
            named = padded.str.contains(f" {name} ", regex=False).to_numpy(dtype=bool)
            for row in np.flatnonzero(areas[key]):
                words[row].append(name)
            for row in np.flatnonzero(areas[key] | named):
                row_tokens[row].append(tokens[name])
    texts = tuple(
        " ".join(dict.fromkeys(word for word in [*row_words, *row_tokens[row]] if word))
        for row, row_words in enumerate(words)
    )
    alternatives = "|".join(re.escape(name) for name in sorted(tokens, key=len, reverse=True))
    return SearchIndex(
        texts=texts,
        tokens=MappingProxyType(tokens),
        pattern=re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])"),
    )


def _vocabulary_words(cell: object, translate: i18n.Translate) -> str:
    """A vocabulary list cell's values in the page's language, folded; "unknown" is not a
    value anyone searches for, so it is left out."""
    values: Iterable[str] = vocab.split_list(str(cell or ""))
    return " ".join(fold(translate(value)) for value in values if value != vocab.UNKNOWN)
