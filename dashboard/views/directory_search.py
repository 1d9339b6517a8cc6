"""The directory's search: each row's searchable text, and what is typed as the grid's quick filter.

The grid (AG Grid's quick filter) keeps a row when every word of the filter is in the row's
searchable text. Words alone cannot tell a place from a longer name that contains it ("Cardiff"
is in "Cardiff and Vale", "Powys" in "Dyfed-Powys"), so a place's name is sent as a token of its
own, and each row carries the tokens of the places it is in (:mod:`dashboard.domain.placement`)
or that its name, other names or provider name. Both sides are folded alike: case, accents,
apostrophes and punctuation do not matter ("Ynys Mon" finds Ynys Môn).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

import numpy as np

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


def place_names(context: AppContext) -> Mapping[tuple[str, str], tuple[str, ...]]:
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
    keys = list(names)
    placed_columns = np.column_stack(
        [
            directory.all_wales
            if key == ALL_WALES
            else placed[key[0]][:, directory.area_ids[key[0]].index(key[1])]
            for key in keys
        ]
    ).astype(bool)
    folded = {key: tuple(fold(name) for name in names[key]) for key in keys}
    tokens = {name: place_token(name) for names_of in folded.values() for name in names_of}
    # Rows placed in the same areas share their places' words: worked out once per combination
    # (a few dozen, whatever the directory's size).
    packed = np.ascontiguousarray(np.packbits(placed_columns, axis=1))
    _, first_row, combination_of = np.unique(
        packed.view(np.dtype((np.void, packed.shape[1]))).ravel(),
        return_index=True,
        return_inverse=True,
    )
    combinations = placed_columns[first_row]
    place_words = [
        tuple(
            word
            for key, here in zip(keys, combination, strict=True)
            if here
            for name in folded[key]
            for word in (name, tokens[name])
        )
        for combination in combinations
    ]
    # A place named in a service's name, other names or provider: looked up by its first word.
    by_first_word: dict[str, list[str]] = {}
    for name in tokens:
        by_first_word.setdefault(name.split()[0], []).append(name)
    translate = i18n.translator(lang)
    vocabulary_words = functools.cache(lambda cell: _vocabulary_words(cell, translate))
    folded_text = functools.cache(fold)
    columns = [frame[field].tolist() for field in (*NAME_FIELDS, *VOCABULARY_FIELDS)]
    texts = []
    for row, values in enumerate(zip(*columns, strict=True)):
        own = " ".join(
            folded_text(value) for value in values[: len(NAME_FIELDS)] if value != vocab.UNKNOWN
        )
        named = [
            tokens[name]
            for word in dict.fromkeys(own.split())
            for name in by_first_word.get(word, ())
            if f" {name} " in f" {own} "
        ]
        parts = [
            own,
            *(vocabulary_words(cell) for cell in values[len(NAME_FIELDS) :]),
            *place_words[combination_of[row]],
            *named,
        ]
        texts.append(" ".join(dict.fromkeys(part for part in parts if part)))
    alternatives = "|".join(re.escape(name) for name in sorted(tokens, key=len, reverse=True))
    return SearchIndex(
        texts=tuple(texts),
        tokens=MappingProxyType(tokens),
        pattern=re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])"),
    )


def _vocabulary_words(cell: object, translate: i18n.Translate) -> str:
    """A vocabulary list cell's values in the page's language, folded; "unknown" is not a
    value anyone searches for, so it is left out."""
    values: Iterable[str] = vocab.split_list(str(cell or ""))
    return " ".join(fold(translate(value)) for value in values if value != vocab.UNKNOWN)
