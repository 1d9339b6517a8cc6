"""Maintain the gettext catalogues: ``python -m dashboard.catalogue update|check``.

Messages come from two places: literal ``_("...")`` and ``N_("...")`` calls found by Babel's
extractor, and the controlled vocabularies and labels that the code translates by value (these
are listed by :func:`dynamic_messages`, with the texts of the data files that the pages show). ``update`` rewrites ``messages.pot``, merges it into each
language's ``.po`` (English msgstr = msgid) and compiles; translators then edit
``dashboard/locales/cy/LC_MESSAGES/messages.po`` with any PO editor. ``check`` exits non-zero when
a message is missing or untranslated in either language.
"""

from __future__ import annotations

import copy
import csv
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from dashboard import config

SOURCE_DIRS = ("dashboard", "layouts", "callbacks")
#: ``locale("...")`` translates too: a :class:`dashboard.i18n.Locale` is called like ``_``;
#: ``locale.ngettext(singular, plural, n)`` gives a message with its plural forms.
KEYWORDS = {"_": None, "N_": None, "locale": None, "ngettext": (1, 2)}
#: A message's id: its text, or (singular, plural) for a message with plural forms.
MessageId = str | tuple[str, str]
POT_PATH = config.LOCALE_DIR / "messages.pot"


def po_path(lang: str) -> Path:
    return config.LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"


def dynamic_messages() -> list[str]:
    """Strings the code passes to ``_`` by value: vocabularies, labels, rule text, constants."""
    from dashboard.data import build, column_registry
    from dashboard.data import vocabulary as vocab
    from dashboard.domain import cliff, evidence, need, precarity
    from dashboard.views import findings, gap_review, measures, panel_registry

    messages: list[str] = []
    for values in (
        vocab.SECTORS,
        vocab.SETTINGS,
        vocab.BEHAVIOUR_FOCUSES,
        vocab.PURPOSES,
        vocab.RISK_LEVELS,
        vocab.SERVICE_TIERS,
        vocab.COHORTS,
        vocab.ATTENDANCES,
        vocab.EVALUATION_STATUSES,
        vocab.ACCREDITATIONS,
        vocab.FUNDING_MODELS,
        vocab.PRIMARY_FUNDERS,
        vocab.FUNDING_TERMS,
        vocab.STATUSES,
        vocab.KINDS,
        vocab.POLICE_FORCE_AREAS,
        vocab.VAWDASV_REGIONS,
        (vocab.ALL_WALES,),
        evidence.RUNGS,
        precarity.BANDS,
        precarity.RULE_STEPS,
        cliff.HORIZONS,
        cliff.FUNDER_CLASSES,
        need.NEED_MEASURES,
        (need.P1_PERIOD, build.P1_CAVEAT, "Wales", "England and Wales"),
        (findings.DIRECTORY_SOURCE, findings.SOURCES_LABEL),
        tuple(measures.LEVEL_LABELS.values()),
        tuple(label for measure in measures.MEASURES for label in (measure.label, measure.legend)),
        # The directory's columns: labels, the grid's shorter headers, the CSV's headers.
        column_registry.labels(),
        tuple(
            text
            for panel in panel_registry.panels()
            for text in (panel.title, panel.note, panel.chart_title)
            if text
        ),
        tuple(gap_review.GAP_TITLES.values()),
    ):
        messages.extend(values)
    messages.extend(data_texts())
    return list(dict.fromkeys(messages))


#: Columns of the data files whose text the pages show through ``_`` (only in the rows where a
#: third item's column has its value, when there is one; a documented gap's
#: statement in the gap review and the slides, the survey's recommendations, shown in Welsh as an
#: unofficial rendering, a minimum-offer element's name and rationale on the scorecard). Quotes
#: are not here: they stay in their source's words.
DATA_TEXT_COLUMNS: Final = (
    ("documented_gaps.csv", "statement"),
    ("survey_2023_recommendations.csv", "text"),
    ("minimum_offer.csv", "element"),
    ("minimum_offer.csv", "rationale"),
    # /need's secondary figures: what each measures, its unit and its period.
    ("criminal_justice.csv", "measure", ("source_kind", "secondary")),
    ("criminal_justice.csv", "unit", ("source_kind", "secondary")),
    ("criminal_justice.csv", "period", ("source_kind", "secondary")),
)


def data_texts(data_dir: Path = config.DATA_DIR) -> list[str]:
    """The texts of :data:`DATA_TEXT_COLUMNS`, in file order (absent files give none), then the
    sections every data file's ``source`` column cites (a citation names its section in the
    page's language: :func:`dashboard.domain.citations.readable_citation`)."""
    from dashboard.domain import citations

    texts: list[str] = []
    for filename, column, *only in DATA_TEXT_COLUMNS:
        path = data_dir / filename
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as handle:
                texts.extend(
                    row[column]
                    for row in csv.DictReader(handle)
                    if row[column] and all(row[key] == value for key, value in only)
                )
    cited: list[str] = []
    for path in sorted(data_dir.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if "source" in (reader.fieldnames or ()):
                cited.extend(row["source"] for row in reader)
    return texts + citations.section_names(cited)


def forms(text: str | tuple[str, ...] | None) -> tuple[str, ...]:
    """A message's id or translation as its forms: one for most messages, each plural form for
    a message with plural forms (``msgid_plural``, ``msgstr[n]``)."""
    if isinstance(text, tuple | list):
        return tuple(form or "" for form in text)
    return (text or "",)


def extracted_messages(root: Path = config.PROJECT_ROOT) -> list[tuple[MessageId, str, int]]:
    """(message, file, line) for every literal ``_``/``N_``/``ngettext`` call in the source
    folders (a plural message as its (singular, plural))."""
    found = []
    for folder in SOURCE_DIRS:
        for filename, lineno, message, _comments, _context in extract_from_dir(
            root / folder, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            if isinstance(message, tuple) and len(message) == 2 and all(message):
                found.append((tuple(message), f"{folder}/{filename}", lineno))
            elif isinstance(message, str) and message:
                found.append((message, f"{folder}/{filename}", lineno))
    return found


def template() -> Catalog:
    catalog = Catalog(project="vawdasv-perpetration-dashboard", charset="utf-8")
    for message, filename, lineno in extracted_messages():
        catalog.add(message, locations=[(filename, lineno)])
    for message in dynamic_messages():
        if message not in catalog:
            catalog.add(
                message, auto_comments=["controlled vocabulary or label, translated by value"]
            )
    return catalog


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, sort_output=True)
    tmp.replace(path)


def _read(path: Path, lang: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=lang, charset="utf-8")
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def update() -> None:
    pot = template()
    _write(pot, POT_PATH)
    for lang in ("en", "cy"):
        catalog = _read(po_path(lang), lang)
        # Catalog.update shares Message objects with the template: give each language its own.
        catalog.update(copy.deepcopy(pot), no_fuzzy_matching=True)
        if lang == "en":
            for message in catalog:
                if message.id:
                    message.string = message.id
        # Obsolete entries are dropped: the code no longer shows them.
        catalog.obsolete.clear()
        _write(catalog, po_path(lang))


def missing(lang: str, expected: Iterable[MessageId]) -> list[MessageId]:
    """Messages absent, empty (in any of their plural forms) or fuzzy in one language's
    catalogue."""
    catalog = _read(po_path(lang), lang)
    problems = []
    for message_id in expected:
        message = catalog.get(message_id)
        if message is None or message.fuzzy or not all(forms(message.string)):
            problems.append(message_id)
            continue
        # A plural message needs every form the language's Plural-Forms has.
        if isinstance(message_id, tuple) and len(forms(message.string)) < catalog.num_plurals:
            problems.append(message_id)
    return problems


def main(argv: list[str] | None = None) -> int:
    command = (argv or sys.argv[1:] or ["check"])[0]
    if command == "update":
        update()
        print(f"updated {POT_PATH} and the en, cy catalogues")
        return 0
    expected = [message.id for message in template() if message.id]
    failures = {lang: missing(lang, expected) for lang in ("en", "cy")}
    for lang, problems in failures.items():
        for message_id in problems:
            print(f"{lang}: missing or untranslated: {message_id!r}", file=sys.stderr)
    return 1 if any(failures.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
