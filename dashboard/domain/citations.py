"""Readable citations and local-authority names for the screens (pure functions, no I/O).

Every curated row cites ``<seed file> § <section>``; people should see the document's author,
year, title and section instead of a file name, and local authorities by name instead of code.
A citation is in the page's language but for the document's own title, which stays as
published (English) between :data:`TITLE_OPEN` and :data:`TITLE_CLOSE`: the screens mark that
part, and only that part, as English (:func:`title_parts`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Final

import pandas as pd

from dashboard.data import vocabulary as vocab
from dashboard.i18n import N_

SECTION_MARK = " § "
#: The quotation marks round a document's title in a citation (assets/grid-pages.js reads them
#: too, to mark the title in the directory's grid).
TITLE_OPEN = "“"
TITLE_CLOSE = "”"


def _same(text: str) -> str:
    return text


#: Publishers of the public record's pages that publish their own Welsh name: a citation names
#: them in the page's language (the catalogue holds their Welsh). Every other publisher (a
#: newspaper, a journal's publisher) is a name as published, cited as it is.
PUBLISHERS_WITH_WELSH_NAMES: Final = (
    N_("Office of the Police and Crime Commissioner for Gwent"),
    N_("Office of the Police and Crime Commissioner for Dyfed-Powys"),
    N_("South Wales Police and Crime Commissioner"),
    N_("Social Care Wales (Insight Collective project finder)"),
)


#: How the ingest cites a survey return (``dashboard/data/ingest/``): the export's file name, then
#: its row, or its rows when duplicate returns were merged ("returns.csv rows 3; 12").
SURVEY_ROW: Final = re.compile(
    r"^(?P<file>[^§]+?\.(?:csv|xlsx)) (?P<plural>rows?) (?P<row>[0-9]+(?:; [0-9]+)*)$"
)
SURVEY_ROW_TEXT: Final = N_("{file}, row {row}")
SURVEY_ROWS_TEXT: Final = N_("{file}, rows {row}")


def readable_citation(
    source: str, sources: pd.DataFrame, translate: Callable[[str], str] = _same
) -> str:
    """``'004_….txt § 4.3 Medium-risk services'`` -> ``'Fowler, Karim & Feder (2020), “A Review
    of …”, § 4.3 Medium-risk services'``.

    ``sources`` is ``DataBundle.sources`` (columns file, short_title, title, publisher, year,
    url). ``translate`` (the page's translator) gives the author or publisher and the section in
    the page's language; the title stays as published, in quotation marks. A source that names
    no known seed file is returned unchanged, but for an ingested survey return
    (``'<export>.csv row 12'``, as the ingest cites it), given as "“<export>.csv”, row 12".
    """
    text = str(source).strip()
    file_name, mark, section = text.partition(SECTION_MARK)
    survey_row = SURVEY_ROW.match(text)
    if survey_row is not None:
        # An ingested return: its export's name as given (quoted, like a title), the row in
        # the page's language.
        wording = SURVEY_ROWS_TEXT if survey_row["plural"] == "rows" else SURVEY_ROW_TEXT
        return translate(wording).format(
            file=f"{TITLE_OPEN}{survey_row['file']}{TITLE_CLOSE}", row=survey_row["row"]
        )
    if sources is None or sources.empty or "file" not in sources.columns:
        return text
    match = sources[sources["file"] == file_name.strip()]
    if match.empty:
        return text
    row = match.iloc[0]
    author = str(row["short_title"]).strip() or str(row["publisher"]).strip()
    year = str(row["year"]).strip()
    author = translate(author) if author else author
    lead = f"{author} ({year})" if year else author
    title = str(row["title"]).strip()
    parts = [lead, f"{TITLE_OPEN}{title}{TITLE_CLOSE}" if title else ""]
    # A public page's section is the heading of its excerpt in the repository (the service it is
    # about, in English), which the citation stands beside: the page is cited by its publisher,
    # year and title alone.
    public_page = file_name.strip().startswith(vocab.PUBLIC_RECORD_DIR + "/")
    if mark and section.strip() and not public_page:
        parts.append(f"§ {translate(section.strip())}")
    return ", ".join(part for part in parts if part)


def title_parts(citation: str) -> tuple[str, str, str]:
    """A readable citation as (before its title, the title with its quotation marks, after):
    ("", "", citation) when it quotes no title."""
    start = citation.find(TITLE_OPEN)
    end = citation.find(TITLE_CLOSE, start + 1) if start >= 0 else -1
    if start < 0 or end < 0:
        return "", "", citation
    return citation[:start], citation[start : end + 1], citation[end + 1 :]


def section_names(citations: Iterable[str]) -> list[str]:
    """The sections the citations name (``'<file> § <section>'``), in order, once each: the
    catalogue lists each, so that a citation names its section in the page's language."""
    found = [
        str(citation).partition(SECTION_MARK)[2].strip()
        for citation in citations
        if SECTION_MARK in str(citation)
    ]
    return list(dict.fromkeys(name for name in found if name))


def la_names(codes: str, lookup: pd.DataFrame, lang: str = "en") -> str:
    """A ';' list of LA codes -> their names, joined by ', ' (Welsh names when ``lang`` is cy).

    Codes not in the lookup are shown as they are; an empty cell gives an empty string.
    """
    column = "la_name_cy" if str(lang).lower().startswith("cy") else "la_name_en"
    names = dict(zip(lookup["la_code"], lookup[column], strict=True))
    return ", ".join(names.get(code, code) for code in vocab.split_list(codes))


def name_parts(text: str, names: Iterable[str]) -> list[tuple[str, bool]]:
    """``text`` cut into its parts, each with whether it is one of ``names`` (services' names as
    published, in English, marked so on a Welsh page); the longest name wins where names
    overlap."""
    wanted = sorted({name for name in names if name and name in text}, key=len, reverse=True)
    if not wanted:
        return [(text, False)]
    pattern = re.compile("|".join(re.escape(name) for name in wanted))
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            parts.append((text[position : match.start()], False))
        parts.append((match.group(0), True))
        position = match.end()
    if position < len(text):
        parts.append((text[position:], False))
    return parts
