"""The catalogue's Welsh for what the ingest reads, so a Welsh survey template is read as it is.

The Welsh survey template (:mod:`dashboard.data.survey_template`) heads its columns with the
catalogue's Welsh for each question label and offers the catalogue's Welsh for each vocabulary
value. Those words are defined once, in the catalogue
(``dashboard/locales/cy/LC_MESSAGES/messages.po``): the template writes them, the dashboard shows
them, and the ingest reads them through this module, beside the English spellings of
``synonyms.csv``. A word the catalogue leaves as the English is already read as English.

If a translator changes a Welsh word after templates have gone out, the returns keep the old word:
add it to ``synonyms.csv`` (docs/INGEST.md says how), as for any other spelling.
"""

from __future__ import annotations

from typing import Final

from dashboard import i18n

#: The catalogue's languages besides English; the ingest reads their words as well.
OTHER_LANGUAGES: Final = tuple(lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT_LANGUAGE)


def translations(text: str) -> tuple[str, ...]:
    """``text`` as each other language of the catalogue writes it, where that differs from it."""
    found = (i18n.translator(lang)(text) for lang in OTHER_LANGUAGES)
    return tuple(dict.fromkeys(word for word in found if word != text))
