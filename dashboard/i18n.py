"""Every user-visible string goes through here.

Catalogues are gettext ``.po`` files under ``dashboard/locales`` managed with Babel
(``python -m dashboard.catalogue``). Each process compiles them in memory when a language is first
used, so nothing is ever written into the source tree at run time. English source strings are the
message ids.

A :class:`Locale` is what travels where a translation function and a language travel together:
call it to translate (``locale("Overview")``), and ask it for ``lang`` and number formats.
"""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

from babel import numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from dashboard import config

LANGUAGES: Final = ("en", "cy")
DEFAULT_LANGUAGE: Final = "en"
BABEL_LOCALES: Final = MappingProxyType({"en": "en_GB", "cy": "cy_GB"})
DOMAIN: Final = "messages"

Translate = Callable[[str], str]
#: ``ngettext(singular, plural, n)``: the form of a message for the number ``n``.
TranslatePlural = Callable[[str, str, int], str]


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, do not translate yet"
    """Mark a string for the catalogue where it is defined; it is translated where shown."""
    return message


def normalise_language(lang: object) -> str:
    """Any input -> a supported language code (the default when not recognised)."""
    return lang if isinstance(lang, str) and lang in LANGUAGES else DEFAULT_LANGUAGE


@functools.cache
def _translations(lang: str) -> NullTranslations:
    po_path = config.LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_path.is_file():
        return NullTranslations()
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def translator(lang: object) -> Translate:
    """The ``_`` function for one language."""
    return _translations(normalise_language(lang)).gettext


def plural_translator(lang: object) -> TranslatePlural:
    """The ``ngettext`` function for one language: the catalogue's form for a count (Welsh has
    five, chosen by the catalogue's ``Plural-Forms``; English two)."""
    return _translations(normalise_language(lang)).ngettext


def format_number(value: float, lang: object, decimals: int = 0) -> str:
    """Locale-aware number; ``"–"`` for missing values, never a fake zero."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return _format_decimal(value, normalise_language(lang), decimals)


# Babel parses the pattern and the locale on every call; panels format the same few small counts
# over and over, so the formatted text is memoised (bounded, and the same for every user).
@functools.lru_cache(maxsize=8192)
def _format_decimal(value: float, lang: str, decimals: int) -> str:
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return numbers.format_decimal(value, format=pattern, locale=BABEL_LOCALES[lang])


def format_percent(share: float, lang: object) -> str:
    """0.456 -> ``"46%"``; ``"–"`` when the share is undefined (no interventions)."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    return numbers.format_percent(
        share, format="#,##0%", locale=BABEL_LOCALES[normalise_language(lang)]
    )


@dataclass(frozen=True)
class Locale:
    """One language's translation function and number formats, passed as one value.

    Calling it translates, so code written for a plain ``_`` works unchanged with a Locale.
    """

    lang: str
    gettext: Translate = field(repr=False, compare=False)
    plural: TranslatePlural = field(repr=False, compare=False)

    def __call__(self, message: str) -> str:
        return self.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The message's form for the count ``n`` ("1 current intervention has", "2 current
        interventions have"), with ``{n}`` left for the caller to fill."""
        return self.plural(singular, plural, int(n))

    @property
    def other(self) -> str:
        """The other language of the language switch."""
        return "cy" if self.lang == "en" else "en"

    def number(self, value: float, decimals: int = 0) -> str:
        return format_number(value, self.lang, decimals)

    def percent(self, share: float) -> str:
        return format_percent(share, self.lang)

    def date(self, text: str) -> str:
        return format_partial_date(text, self.lang)


def format_partial_date(text: str, lang: object) -> str:
    """``2020`` -> "2020", ``2020-11`` -> "November 2020" ("Tachwedd 2020"), ``2023-11-17`` ->
    "17 November 2023"; anything else as it is. The dates of facts and waves are often only a
    year or a month, and say no more than they know."""
    import datetime as dt

    from babel import dates

    parts = str(text).split("-")
    if not all(part.isdigit() for part in parts) or len(parts[0]) != 4 or len(parts) > 3:
        return str(text)
    try:
        day = dt.date(
            int(parts[0]),
            int(parts[1]) if len(parts) > 1 else 1,
            int(parts[2]) if len(parts) > 2 else 1,
        )
    except ValueError:
        return str(text)
    locale = BABEL_LOCALES[normalise_language(lang)]
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return dates.format_date(day, format="MMMM y", locale=locale)
    return dates.format_date(day, format="d MMMM y", locale=locale)


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale(lang=lang, gettext=translator(lang), plural=plural_translator(lang))


def locale_for(lang: object) -> Locale:
    """The :class:`Locale` of a language code (the default language when not recognised)."""
    return _locale(normalise_language(lang))
