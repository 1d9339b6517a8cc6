"""Every user-visible string goes through here.

Catalogues are gettext ``.po`` files under ``dashboard/locales`` managed with Babel; the compiled
``.mo`` files are built from them by ``python -m dashboard.i18n compile`` (the test run and the app
start both compile when a ``.po`` is newer). English source strings are the message ids.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Final

from babel import numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from dashboard import config

LANGUAGES: Final = ("en", "cy")
DEFAULT_LANGUAGE: Final = "en"
BABEL_LOCALES: Final = {"en": "en_GB", "cy": "cy_GB"}
DOMAIN: Final = "messages"

Translate = Callable[[str], str]


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, do not translate yet"
    """Mark a string for the catalogue where it is defined; it is translated where shown."""
    return message


def normalise_language(lang: object) -> str:
    """Any input -> a supported language code (the default when not recognised)."""
    return lang if isinstance(lang, str) and lang in LANGUAGES else DEFAULT_LANGUAGE


def compile_catalogues() -> None:
    """Compile each ``.po`` to ``.mo`` where the ``.mo`` is missing or older."""
    for po_path in config.LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        tmp = mo_path.with_suffix(".mo.tmp")
        with tmp.open("wb") as handle:
            write_mo(handle, catalog)
        tmp.replace(mo_path)


@functools.cache
def _translations(lang: str) -> NullTranslations:
    compile_catalogues()
    return Translations.load(str(config.LOCALE_DIR), [lang], DOMAIN)


def translator(lang: object) -> Translate:
    """The ``_`` function for one language."""
    return _translations(normalise_language(lang)).gettext


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


if __name__ == "__main__":
    compile_catalogues()
    print(f"compiled catalogues under {config.LOCALE_DIR}")
