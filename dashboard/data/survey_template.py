"""The survey template of the 2025-26 follow-up review: an .xlsx workbook in English or Welsh.

The 2023 mapping survey's Recommendation 10 asks for a follow-up review in the 2025 to 2026
financial year. This is the workbook respondents fill in, one row per intervention, and it is
loaded by ``python -m dashboard.data.ingest`` as it comes back, with no mapping:

- the **Responses** sheet (first, so the ingest finds its header) is headed with the ingest's own
  question labels (:data:`dashboard.data.ingest.headers.QUESTION_LABELS`); the Welsh template's
  headings are the catalogue's Welsh for them, which the ingest reads too;
- every allowed answer is the vocabulary value the ingest maps the question into
  (:mod:`dashboard.data.vocabulary`, through the ingest's question -> column tables), or the
  catalogue's Welsh for it: derived, never copied, so the lists follow the vocabulary;
- one-answer questions get a drop-down fed by the hidden **Lists** sheet; questions taking several
  answers get an input message saying the separator and, where Excel's 255 characters allow, the
  answers; the **Instructions** sheet (open when the workbook opens) says what an intervention is,
  how to fill the sheet, every column's answers, and each local authority's region and police force
  area (the survey asks for those, not for local authorities).

No cell holds a formula (every text is checked with :func:`dashboard.data.csv_safety.looks_like_formula`),
and the same language and local authorities give the same bytes: the workbook's dates and the
zip entries' times are fixed.

``python -m dashboard.data.survey_template [--lang cy] OUT.xlsx`` writes it to a file; the
dashboard serves it at ``/download/survey-template.xlsx`` (``?lang=cy``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import math
import os
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from dashboard import config, i18n
from dashboard.data import vocabulary as vocab
from dashboard.data.csv_safety import looks_like_formula
from dashboard.data.ingest.headers import REQUIRED_QUESTION
from dashboard.data.survey_columns import (
    ONE,
    SEVERAL,
    SHEET_INSTRUCTIONS,
    SHEET_LISTS,
    SHEET_RESPONSES,
    SUGGESTED,
    TEXT,
    TemplateColumn,
    joined,
    prompt,
    template_columns,
)
from dashboard.i18n import Locale

if TYPE_CHECKING:
    import pandas as pd
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

#: Rows below the header that carry the drop-downs and input messages (the 2023 survey had 62
#: responses; a region or a sector collecting for many providers fits in one sheet).
RESPONSE_ROWS: Final = 1000
FIRST_RESPONSE_ROW: Final = 2
LAST_RESPONSE_ROW: Final = FIRST_RESPONSE_ROW + RESPONSE_ROWS - 1
#: The workbook's created and modified dates, fixed so that the same inputs give the same bytes:
#: the first day of the 2025-26 financial year of the review.
TEMPLATE_DATE: Final = dt.datetime(2025, 4, 1)
#: The time of every zip entry (the earliest a zip can hold), for the same reason.
ZIP_TIME: Final = (1980, 1, 1, 0, 0, 0)
MEDIA_TYPE: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Excel refuses a workbook whose input message title is longer than this (the message:
#: :data:`dashboard.data.survey_columns.MAX_PROMPT`).
MAX_PROMPT_TITLE: Final = 32

# -- building the workbook --------------------------------------------------------------------


def _text(sheet: Worksheet, row: int, column: int, text: str) -> None:
    """Write a text cell; our own text never begins like a formula (it would run)."""
    if looks_like_formula(text):
        raise ValueError(f"template text would run as a spreadsheet formula: {text!r}")
    sheet.cell(row=row, column=column, value=text)


def _responses_sheet(workbook: Workbook, columns: Sequence[TemplateColumn], locale: Locale) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = workbook.active
    sheet.title = locale(SHEET_RESPONSES)
    lists_name = quote_sheetname(locale(SHEET_LISTS))
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1D3557")
    sources = list_letters(columns)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        _text(sheet, 1, index, column.heading)
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill = header_font, header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        width = 40 if column.question == REQUIRED_QUESTION else 24
        sheet.column_dimensions[letter].width = width
        # Text format: "12-24" stays text rather than becoming a date, "=..." stays text.
        sheet.column_dimensions[letter].number_format = "@"
        title = column.heading[:MAX_PROMPT_TITLE]
        if column.answered in (ONE, SUGGESTED):
            source, last = sources[column.question], len(column.answers) + 1
            strict = column.answered == ONE
            validation = DataValidation(
                type="list",
                formula1=f"{lists_name}!${source}$2:${source}${last}",
                allow_blank=True,
                showErrorMessage=True,
                # A suggestion list only informs: the answer typed is kept.
                errorStyle="stop" if strict else "information",
                errorTitle=locale("Not in the list")[:MAX_PROMPT_TITLE],
                error=(
                    locale("Choose an answer from the list ({unknown} if not known).").format(
                        unknown=locale(vocab.UNKNOWN)
                    )
                    if strict
                    else locale("Not one of the suggested answers: it is kept as written.")
                ),
            )
        else:  # any text, with its input message
            validation = DataValidation(allow_blank=True)
        validation.showInputMessage = True
        validation.promptTitle = title
        validation.prompt = prompt(column, locale)
        validation.add(f"{letter}{FIRST_RESPONSE_ROW}:{letter}{LAST_RESPONSE_ROW}")
        sheet.add_data_validation(validation)
    sheet.row_dimensions[1].height = 32
    sheet.freeze_panes = "B2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"


def list_letters(columns: Sequence[TemplateColumn]) -> dict[str, str]:
    """Question -> its column on the Lists sheet: every question with answers to list (one-answer
    and several-answer alike), in the Responses sheet's order."""
    from openpyxl.utils import get_column_letter

    listed = [column.question for column in columns if column.answered != TEXT]
    return {question: get_column_letter(index) for index, question in enumerate(listed, start=1)}


def _lists_sheet(workbook: Workbook, columns: Sequence[TemplateColumn], locale: Locale) -> None:
    """The hidden sheet the drop-downs read, one column per question with answers to list."""
    from openpyxl.styles import Font
    from openpyxl.utils import column_index_from_string

    sheet = workbook.create_sheet(locale(SHEET_LISTS))
    sheet.sheet_state = "hidden"
    letters = list_letters(columns)
    for column in columns:
        if column.question not in letters:
            continue
        letter = letters[column.question]
        index = column_index_from_string(letter)
        _text(sheet, 1, index, column.heading)
        sheet.cell(row=1, column=index).font = Font(bold=True)
        for row, answer in enumerate(column.answers, start=2):
            _text(sheet, row, index, answer)
        sheet.column_dimensions[letter].width = 32


#: Widths of the Instructions sheet's three columns (characters); paragraphs span all three.
_INSTRUCTION_WIDTHS: Final = (30, 30, 74)


def _lines_needed(text: str, width: int) -> int:
    """How many lines a wrapped text of ``width`` characters takes (rows do not fit merged
    cells themselves, so the row is given this height)."""
    return sum(max(1, math.ceil(len(line) / (width * 0.92))) for line in text.split("\n"))


def _instruction_texts(locale: Locale) -> dict[str, str]:
    unknown = locale(vocab.UNKNOWN)
    behaviours = [locale(value) for value in vocab.BEHAVIOUR_FOCUSES[:2]]
    return {
        "title": locale("Perpetration interventions in Wales: follow-up review 2025-26"),
        "subtitle": locale(
            "Survey template: one row per intervention on the {sheet} sheet."
        ).format(sheet=locale(SHEET_RESPONSES)),
        "why": locale(
            "The 2023 mapping survey of interventions that address perpetration of violence against "
            "women, domestic abuse and sexual violence (VAWDASV) in Wales recommended a follow-up "
            "review in the 2025 to 2026 financial year, to understand how provision has developed since"
            " (Recommendation 10). This workbook asks the 2023 survey's questions, so that the answers "
            "can be set beside it, and the dashboard of perpetration interventions loads it as it is."
        ),
        "definition": locale(
            "The 2023 survey defined an intervention as any service or mechanism designed to do "
            "any of the following:"
        ),
        "prevent": locale("Prevent perpetration in the first instance or from happening again."),
        "account": locale("Hold perpetrators to account for their behaviour."),
        "change": locale("Support perpetrators to change their behaviour."),
        "risk": locale("Manage the risk posed by perpetrators."),
        "scope": locale(
            "It covers every form of VAWDASV, interventions in the community and in custody, "
            "and every sector."
        ),
        "one_row": locale(
            "One row per intervention. An intervention delivered in several areas is one row "
            "that lists every area."
        ),
        "headings": locale(
            "Keep the headings of the first row as they are and add nothing above them: the "
            "dashboard reads each column by its heading."
        ),
        "dropdown": locale(
            "Questions with one answer show a drop-down list when a cell is selected: choose "
            "one answer from it."
        ),
        "several": locale(
            "Questions that take one or more answers (below) have no drop-down: type each answer "
            "as it is written below, separated by ; (a semicolon), for example: {example}"
        ).format(example=joined(behaviours)),
        "unknown": locale(
            "If you do not know an answer, choose or type {unknown}. A blank cell is read as not "
            "known, never as none or zero."
        ).format(unknown=unknown),
        "areas": locale(
            "Give at least one VAWDASV region or police force area: a row with neither cannot be "
            "placed and is not loaded."
        ),
        "contacts": locale(
            "Do not enter personal contact details: e-mail addresses and telephone numbers are "
            "removed when the workbook is loaded."
        ),
        "formulas": locale(
            "An answer may not begin with =, +, - or @ (a spreadsheet would run it as a "
            "formula): such a row is not loaded."
        ),
        "columns": locale("The columns of the {sheet} sheet").format(sheet=locale(SHEET_RESPONSES)),
        "local_authorities": locale(
            "Local authorities: their VAWDASV region and police force area"
        ),
        "la_note": locale(
            "The survey asks for VAWDASV regions and police force areas, not local authorities: "
            "this table gives the ones each local authority lies in."
        ),
    }


def _answered_words(column: TemplateColumn, locale: Locale) -> str:
    if column.answered == ONE:
        return locale("one answer, from the drop-down")
    if column.answered == SUGGESTED:
        return locale("one answer, from the drop-down or in your own words")
    if column.answered == SEVERAL:
        return locale("one or more answers, separated by ;")
    if column.question == REQUIRED_QUESTION:
        return locale("text (required)")
    return locale("text")


@dataclass(frozen=True)
class _Paragraph:
    """A paragraph of the Instructions sheet, across its three columns (bold at ``size`` when
    ``bold``; ``lines`` high, else as many as its wrapped text needs)."""

    text: str
    bold: bool = False
    size: float | None = None
    lines: int | None = None


@dataclass(frozen=True)
class _TableRow:
    """A row of one of the Instructions sheet's tables, one text per column."""

    cells: tuple[str, ...]
    bold: bool = False


#: An empty row between the Instructions sheet's sections.
_GAP: Final = None
_Block = _Paragraph | _TableRow | None


def _instruction_blocks(
    columns: Sequence[TemplateColumn], lookup: pd.DataFrame, locale: Locale
) -> list[_Block]:
    """What the Instructions sheet says, in order: why and how to answer, each column's
    answers, and each local authority's region and police force area."""
    words = _instruction_texts(locale)
    blocks: list[_Block] = [
        _Paragraph(words["title"], bold=True, size=14, lines=2),
        _Paragraph(words["subtitle"]),
        _GAP,
        _Paragraph(words["why"]),
        _GAP,
        _Paragraph(words["definition"], bold=True),
        *(_Paragraph("• " + words[key]) for key in ("prevent", "account", "change", "risk")),
        _Paragraph(words["scope"]),
        _GAP,
        *(
            _Paragraph("• " + words[key])
            for key in (
                "one_row",
                "headings",
                "dropdown",
                "several",
                "unknown",
                "areas",
                "contacts",
            )
        ),
        _Paragraph("• " + words["formulas"]),
        _GAP,
        _Paragraph(words["columns"], bold=True, size=12),
        _TableRow(
            (locale("Column"), locale("How to answer"), locale("Answers, or what to write")),
            bold=True,
        ),
    ]
    for column in columns:
        shown = joined(column.answers) if column.answers else column.hint
        blocks.append(_TableRow((column.heading, _answered_words(column, locale), shown)))
    blocks += [
        _GAP,
        _Paragraph(words["local_authorities"], bold=True, size=12),
        _Paragraph(words["la_note"]),
        _TableRow(
            (locale("Local authority"), locale("VAWDASV region"), locale("Police force area")),
            bold=True,
        ),
    ]
    blocks.extend(_TableRow(row) for row in local_authority_rows(lookup, locale))
    return blocks


def _instructions_sheet(
    workbook: Workbook,
    columns: Sequence[TemplateColumn],
    lookup: pd.DataFrame,
    locale: Locale,
) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(locale(SHEET_INSTRUCTIONS))
    # Printed one page wide (the paragraphs span the three columns), as many pages long as needed.
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    for index, width in enumerate(_INSTRUCTION_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    span = sum(_INSTRUCTION_WIDTHS)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row, block in enumerate(_instruction_blocks(columns, lookup, locale), start=1):
        if isinstance(block, _Paragraph):
            _text(sheet, row, 1, block.text)
            cell = sheet.cell(row=row, column=1)
            cell.alignment = wrap
            if block.bold:
                cell.font = Font(bold=True, size=block.size)
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
            lines = block.lines or _lines_needed(block.text, span)
            sheet.row_dimensions[row].height = 15 * lines + 3
        elif isinstance(block, _TableRow):
            for index, text in enumerate(block.cells, start=1):
                _text(sheet, row, index, text)
                cell = sheet.cell(row=row, column=index)
                cell.alignment = wrap
                if block.bold:
                    cell.font = Font(bold=True)
            lines = max(
                _lines_needed(text, width)
                for text, width in zip(block.cells, _INSTRUCTION_WIDTHS, strict=False)
            )
            sheet.row_dimensions[row].height = 15 * lines + 3


def local_authority_rows(lookup: pd.DataFrame, locale: Locale) -> list[tuple[str, str, str]]:
    """Each local authority (its name in the template's language, from the lookup) with its
    region and police force area (the catalogue's words, as the lists offer them), by name."""
    name_column = "la_name_cy" if locale.lang == "cy" else "la_name_en"
    rows = [
        (str(name), locale(str(region)), locale(str(force)))
        for name, region, force in zip(
            lookup[name_column], lookup["vawdasv_region"], lookup["police_force_area"], strict=True
        )
    ]
    return sorted(rows, key=lambda row: row[0].casefold())


def build_workbook(lang: str, lookup: pd.DataFrame) -> Workbook:
    """The template as an openpyxl workbook (Responses, Instructions, Lists; Instructions open)."""
    from openpyxl import Workbook

    locale = i18n.locale_for(lang)
    columns = template_columns(locale)
    workbook = Workbook()
    _responses_sheet(workbook, columns, locale)
    _instructions_sheet(workbook, columns, lookup, locale)
    _lists_sheet(workbook, columns, locale)
    workbook.active = 1
    for index, sheet in enumerate(workbook.worksheets):
        sheet.sheet_view.tabSelected = index == 1  # one selected tab: no grouped sheets
    properties = workbook.properties
    properties.title = _instruction_texts(locale)["title"]
    properties.creator = properties.lastModifiedBy = "VAWDASV perpetration interventions dashboard"
    properties.language = i18n.BABEL_LOCALES[locale.lang].replace("_", "-")
    properties.created = properties.modified = TEMPLATE_DATE
    return workbook


def template_bytes(lang: str, lookup: pd.DataFrame) -> bytes:
    """The template's .xlsx bytes; the same language and lookup always give the same bytes."""
    from openpyxl.writer.excel import ExcelWriter

    workbook = build_workbook(lang, lookup)
    buffer = io.BytesIO()
    # Not openpyxl's save_workbook, which stamps the time of saving as the modified date.
    ExcelWriter(workbook, _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return buffer.getvalue()


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose entries carry :data:`ZIP_TIME`, not the time of writing: openpyxl writes some
    entries from text (``writestr``) and the worksheets from temporary files (``write``, which
    would take the file's time)."""

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):  # type: ignore[override]
        name = arcname if arcname is not None else os.fspath(filename)
        self.writestr(name, Path(filename).read_bytes(), compress_type, compresslevel)

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):  # type: ignore[override]
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=ZIP_TIME)
            zinfo_or_arcname.compress_type = self.compression
            zinfo_or_arcname.create_system = 3  # as written on Unix, wherever it is written
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)


def file_name(lang: str) -> str:
    """The file name the template is offered under."""
    return f"vawdasv-follow-up-survey-2025-26-{i18n.normalise_language(lang)}.xlsx"


# -- the command ------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.data.survey_template",
        description="Write the survey template of the 2025-26 follow-up review (.xlsx), which "
        "python -m dashboard.data.ingest reads as it is. See docs/INGEST.md.",
    )
    parser.add_argument("out", type=Path, metavar="OUT.xlsx", help="the workbook to write")
    parser.add_argument(
        "--lang", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE, help="language (en, cy)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Write the template; 0 with one line on stdout, or 1 with a one-line message on stderr."""
    from dashboard.data.loader import load_lookup
    from dashboard.data.reading import DataError

    args = build_parser().parse_args(argv)
    out: Path = args.out
    if out.suffix.lower() != ".xlsx":
        print(f"error: {out}: the file name must end in .xlsx", file=sys.stderr)
        return 1
    if not out.parent.is_dir():
        print(f"error: {out}: folder {out.parent} does not exist", file=sys.stderr)
        return 1
    try:
        content = template_bytes(args.lang, load_lookup(config.GEOGRAPHY_DIR / "la_lookup.csv"))
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    # Written beside the target and renamed, so a failure leaves no half-written workbook.
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        Path(temporary).replace(out)
    except OSError as error:
        print(f"error: cannot write {out}: {error.strerror}", file=sys.stderr)
        return 1
    finally:  # gone once renamed; otherwise (an error, Ctrl-C) removed
        Path(temporary).unlink(missing_ok=True)
    print(f"wrote {out} ({args.lang}, {len(content):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
