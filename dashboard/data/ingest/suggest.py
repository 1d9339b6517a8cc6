"""Suggestions ("did you mean ..."): the accepted spelling closest to one not recognised.

The standard library's :func:`difflib.get_close_matches` is enough here: it compares one answer
with a few hundred short spellings in well under a millisecond, and a typo of a word or two is
what it is good at; a fuzzy-matching package would add a dependency for no visible gain.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from typing import Final

from dashboard.data.ingest.text import normalise_answer

#: How alike (0 to 1, compared as normal forms) a spelling must be to be suggested: one or two
#: letters wrong in a word ("Gwnet" -> "Gwent", "Organsation" -> "organisation") pass, while a
#: name that merely shares letters ("Narnia", "Made up sector", "Cardiff" the local authority)
#: gets no suggestion.
CUTOFF: Final = 0.8


def closest(
    text: str, spellings: Iterable[str], normalise: Callable[[str], str] = normalise_answer
) -> str | None:
    """The accepted spelling (as written) nearest to ``text``, or None when none is close."""
    by_key: dict[str, str] = {}
    for spelling in spellings:
        by_key.setdefault(normalise(spelling), spelling)
    key = normalise(text)
    if not key or key in by_key:
        return None
    match = difflib.get_close_matches(key, by_key, n=1, cutoff=CUTOFF)
    return by_key[match[0]] if match else None


def did_you_mean(
    parts: Sequence[str],
    spellings: Iterable[str],
    normalise: Callable[[str], str] = normalise_answer,
    *,
    name_parts: bool = False,
) -> str:
    """``" (did you mean 'x'?)"`` for the parts that have a close spelling, else ``""``.

    With several parts, or ``name_parts``, each suggestion says which part it is for:
    ``" (did you mean 'x' for 'y'?)"``.
    """
    spellings = tuple(spellings)
    pairs = [(part, found) for part in parts if (found := closest(part, spellings, normalise))]
    if not pairs:
        return ""
    if len(parts) == 1 and not name_parts:
        return f" (did you mean {pairs[0][1]!r}?)"
    return " (did you mean " + ", ".join(f"{found!r} for {part!r}" for part, found in pairs) + "?)"
