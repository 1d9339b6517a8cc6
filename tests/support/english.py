"""English words on a Welsh screen: the words of the English catalogue, less a reviewed list.

The English catalogue's messages are what the dashboard would show in English, so each of their
words seen on a Welsh page is English left untranslated. Some of those words are Welsh too
("data", "map", "grant"), names, acronyms or values a person types in a URL: those are in
``welsh_screen_allowed.txt`` beside this file, each with its reason, so the list is reviewed
rather than computed (subtracting the Welsh catalogue's words would hide English that a Welsh
message left untranslated).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path

from babel.messages.pofile import read_po

from dashboard import config

ALLOWED_PATH = Path(__file__).with_name("welsh_screen_allowed.txt")
#: A word: letters (with the Welsh accented vowels) and inner apostrophes or hyphens.
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
#: Placeholders of a message ("{area}") and of a plotly hover template ("%{x}", "%{y:.0f}").
PLACEHOLDER = re.compile(r"%?\{[^}]*\}")
#: Addresses, file names and URL values ("/directory", "per_100k", "https://..."): not words.
CODE = re.compile(r"\S*[/_@]\S*")
#: Words shorter than this are left out: too many are Welsh as well ("a", "at", "i", "o").
MIN_LENGTH = 3


def words_of(text: str) -> set[str]:
    """The lower-cased words of ``text``, its placeholders and markup left out."""
    text = CODE.sub(" ", PLACEHOLDER.sub(" ", re.sub(r"<[^>]*>", " ", text)))
    return {word.lower() for word in WORD.findall(text) if len(word) >= MIN_LENGTH}


def allowed_words(path: Path = ALLOWED_PATH) -> dict[str, str]:
    """The reviewed words (``word  # reason`` per line) and their reasons."""
    allowed: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        entry, _, reason = line.partition("#")
        word = entry.strip().lower()
        if word:
            if not reason.strip():
                raise ValueError(f"{path.name}: {word!r} has no reason after '#'")
            allowed[word] = reason.strip()
    return allowed


@functools.cache
def english_words() -> frozenset[str]:
    """Every word of the English catalogue's messages, less the reviewed allowed words."""
    with (config.LOCALE_DIR / "en" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    found: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in texts:
            found |= words_of(text or "")
    return frozenset(found - set(allowed_words()))


def english_in(texts: Iterable[str]) -> list[str]:
    """The English words (:func:`english_words`) found in ``texts``, sorted."""
    english = english_words()
    return sorted({word for text in texts for word in words_of(text) if word in english})
