"""Issue 24, item 5: the survey template of the 2025-26 follow-up review (English and Welsh .xlsx).

What is checked: the ingest reads the template's header row with no mapping, in both languages;
three responses typed into the template the way a respondent would (answers picked from its own
lists, one in two regions, one all ``unknown``) come out of the ingest as the values they stand
for; every answer the template offers is read as its vocabulary value; the lists equal the
vocabulary (derived here from vocabulary.py and the ingest's question tables, not from the
template's code); the drop-downs cover every response row; no cell would run as a formula; the
same inputs give the same bytes. On the old code the module did not exist, and the ingest read no
Welsh heading or answer.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils import range_boundaries

from dashboard import config
from dashboard.data import column_registry, survey_template
from dashboard.data import vocabulary as vocab
from dashboard.data.csv_safety import FORMULA_PREFIXES
from dashboard.data.ingest import answers, areas, evaluation, funding, headers, synonyms
from dashboard.data.ingest.cli import main as ingest_main
from dashboard.data.ingest.read import read_table
from dashboard.i18n import locale_for

LANGUAGES = ("en", "cy")
TODAY = "2026-01-15"
#: The questions whose answers are vocabulary values, and the directory column each fills (from
#: the ingest's own tables, as the ingest reads them).
SINGLE = {question: column for column, question in answers.single_answers().items()}
SEVERAL = {
    **{question: column for column, question in answers.list_answers().items()},
    **areas.question_columns(),
}


@pytest.fixture(scope="module", params=LANGUAGES)
def lang(request):
    return request.param


@pytest.fixture(scope="module")
def template(lang, lookup):
    return survey_template.template_bytes(lang, lookup)


def workbook(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def heading(question: str, lang: str) -> str:
    """The heading a respondent sees: the ingest's label in the language, first letter capital."""
    label = locale_for(lang)(headers.QUESTION_LABELS[question])
    return label[0].upper() + label[1:]


def offered(book: openpyxl.Workbook, question: str, lang: str) -> list[str]:
    """The answers the template's Lists sheet offers for a question (what a drop-down shows)."""
    lists = book.worksheets[2]
    for column in lists.iter_cols(values_only=True):
        if column[0] == heading(question, lang):
            return [value for value in column[1:] if value is not None]
    raise AssertionError(f"no list for {question}")


def expected_lists(lang: str) -> dict[str, list[str]]:
    """Question -> the vocabulary of the column it fills, in the language: what the lists must be."""
    locale = locale_for(lang)
    lists = {
        question: column_registry.single_columns()[column] for question, column in SINGLE.items()
    }
    lists.update(
        {question: column_registry.list_columns()[column] for question, column in SEVERAL.items()}
    )
    lists["funding_period"] = vocab.FUNDING_TERMS
    found = {question: [locale(value) for value in values] for question, values in lists.items()}
    found["evaluated"] = [
        locale(message).split(" (")[0] for message in evaluation.TEMPLATE_ANSWERS.values()
    ] + [locale(vocab.UNKNOWN)]
    return found


# -- the header row ---------------------------------------------------------------------------


def test_header_row_is_every_question_read_without_mapping(template, lang, tmp_path):
    path = tmp_path / "template.xlsx"
    path.write_bytes(template)
    table = read_table(path)  # finds the header on the first sheet, Responses
    match = headers.match_headers(table.headers)
    assert match.ignored == ()
    assert dict(match.columns) == {
        question: index for index, question in enumerate(headers.QUESTION_LABELS)
    }
    assert list(table.headers) == [heading(question, lang) for question in headers.QUESTION_LABELS]
    assert table.rows == ()


def test_welsh_headings_are_welsh():
    """Every Welsh heading is the catalogue's Welsh, not the English label left as it was."""
    english = [heading(question, "en") for question in headers.QUESTION_LABELS]
    welsh = [heading(question, "cy") for question in headers.QUESTION_LABELS]
    same = [en for en, cy in zip(english, welsh, strict=True) if en == cy]
    assert same == ["Sector"]  # the same word in Welsh
    assert "Enw'r ymyrraeth" in welsh


# -- three responses through the ingest ------------------------------------------------------


def fill(template: bytes, lang: str, path: Path) -> None:
    """Type three responses into the template as a respondent would, picking from its lists."""
    book = workbook(template)
    sheet = book.worksheets[0]

    def pick(question: str, index: int) -> str:
        return offered(book, question, lang)[index]

    unknown = locale_for(lang)(vocab.UNKNOWN)
    responses = [
        {
            "name": "Drive",
            "provider": "Safer Wales",
            "sector": pick("sector", 1),  # third sector
            "regions": f"{pick('regions', 2)}; {pick('regions', 3)}",  # two regions
            "police": pick("police", 3),  # South Wales
            "behaviour": f"{pick('behaviour', 0)}; {pick('behaviour', 2)}",
            "evaluated": pick("evaluated", 0),  # yes
            "evaluated_by": "Cardiff University",
            "funding_period": pick("funding_period", 2),  # 12 to 24 months
            "funding_end": "2026-27",
            "status": pick("status", 0),  # active
        },
        {
            "name": "Not much known",
            "regions": pick("regions", 0),  # North Wales
            **dict.fromkeys(("provider", "sector", "behaviour", "evaluated", "status"), unknown),
        },
        {
            "name": "Custody programme",
            "police": pick("police", 4),  # All Wales
            "setting": pick("setting", 1),  # custody
            "accreditation": pick("accreditation", 1),  # CSAAP
            "funding_model": pick("funding_model", 0),  # grant
            "primary_funder": pick("primary_funder", 0),  # PCC
            "evaluated": pick("evaluated", 2),  # in progress
        },
    ]
    columns = list(headers.QUESTION_LABELS)
    for row, response in enumerate(responses, start=survey_template.FIRST_RESPONSE_ROW):
        for question, answer in response.items():
            sheet.cell(row=row, column=columns.index(question) + 1, value=answer)
    book.save(path)


def test_three_responses_are_read_with_the_values_they_stand_for(template, lang, tmp_path, capsys):
    filled, out = tmp_path / f"returns-{lang}.xlsx", tmp_path / "out.csv"
    fill(template, lang, filled)
    code = ingest_main([str(filled), "--out", str(out), "--today", TODAY])
    captured = capsys.readouterr()
    assert (code, captured.out) == (0, "accepted 3, rejected 0, duplicates merged 0\n")
    assert "not used" not in captured.err  # every column was read
    rows = pd.read_csv(out, dtype=str, keep_default_na=False).set_index("name")
    drive = rows.loc["Drive"]
    assert drive["provider"] == "Safer Wales"
    assert drive["sector"] == "third sector"
    assert drive["vawdasv_regions"] == "Cardiff and Vale;Cwm Taf Morgannwg"
    assert drive["police_force_areas"] == "South Wales"
    assert drive["behaviour_focus"] == "domestic abuse;stalking"
    assert drive["evaluation_status"] == "independent evaluation"
    assert (drive["funding_term"], drive["funding_period_months"]) == ("12 to 24 months", "12")
    assert (drive["funding_end"], drive["status"]) == ("2026-27", "active")
    assert drive["note"] == ""  # nothing unrecognised
    unknown = rows.loc["Not much known"]
    for column in ("provider", "sector", "behaviour_focus", "evaluation_status", "status"):
        assert unknown[column] == vocab.UNKNOWN, column
    assert (unknown["vawdasv_regions"], unknown["police_force_areas"]) == (
        "North Wales",
        "North Wales",  # derived from the region
    )
    assert "not recognised" not in unknown["note"]
    custody = rows.loc["Custody programme"]
    assert (custody["police_force_areas"], custody["vawdasv_regions"]) == ("All Wales", "All Wales")
    assert (custody["setting"], custody["accreditation"]) == ("custody", "CSAAP")
    assert (custody["funding_model"], custody["primary_funder"]) == ("grant", "PCC")
    assert custody["evaluation_status"] == "evaluation under way"


def test_every_offered_answer_is_read_as_what_it_stands_for(lang):
    """All of them, not only the three responses': each list's answers in the language."""
    locale = locale_for(lang)
    for question, column in SINGLE.items():
        for value in column_registry.single_columns()[column]:
            assert answers.map_single(column, locale(value)) == (value, None), (question, value)
    for column, question in answers.list_answers().items():
        for value in column_registry.list_columns()[column]:
            mapped, problem = answers.map_list(column, locale(value))
            blank = answers.list_blank(column)
            assert (mapped, problem) == ([value if value != vocab.UNKNOWN else blank], None), (
                question,
                value,
            )
    for question, column in areas.question_columns().items():
        for value in column_registry.list_columns()[column]:
            raw = {"regions": "", "police": ""} | {question: locale(value)}
            parsed = areas.parse_areas(raw["regions"], raw["police"])
            if value == vocab.UNKNOWN:
                assert parsed.error == "no area given (VAWDASV region or police area)"
                continue
            own = parsed.regions if question == "regions" else parsed.police
            assert (parsed.error, own) == (None, (value,)), (question, value)
    statuses = ("independent evaluation", "not evaluated", "evaluation under way")
    for (meaning, message), status in zip(
        evaluation.TEMPLATE_ANSWERS.items(), statuses, strict=True
    ):
        answer = locale(message).split(" (")[0]
        assert evaluation.map_evaluation(answer, "Swansea University")[0] == status, meaning
    for term in vocab.FUNDING_TERMS:
        assert funding.parse_funding_period(locale(term))[1] == term, term


# -- the lists and the drop-downs ------------------------------------------------------------


def test_lists_equal_the_vocabulary(template, lang):
    book = workbook(template)
    found = {question: offered(book, question, lang) for question in expected_lists(lang)}
    assert found == expected_lists(lang)
    # One list per question with answers, nothing else.
    assert book.worksheets[2].max_column == len(expected_lists(lang))
    assert book.worksheets[2].sheet_state == "hidden"


def test_local_authorities_are_the_lookups_by_name(template, lang, lookup):
    book = workbook(template)
    names = set(lookup["la_name_cy" if lang == "cy" else "la_name_en"])
    assert len(names) == 22
    cells = {row[0] for row in book.worksheets[1].iter_rows(values_only=True)}
    assert names <= cells


def validations(sheet) -> dict[str, object]:
    """Column letter -> the data validation over it."""
    found = {}
    for validation in sheet.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            min_col, _, max_col, _ = range_boundaries(cell_range.coord)
            assert min_col == max_col
            found[openpyxl.utils.get_column_letter(min_col)] = validation
    return found


def test_dropdowns_cover_every_response_row(template, lang):
    book = workbook(template)
    responses, lists = book.worksheets[0], book.worksheets[2]
    by_column = validations(responses)
    strict = set(SINGLE) | {"evaluated"}
    for index, question in enumerate(headers.QUESTION_LABELS, start=1):
        letter = openpyxl.utils.get_column_letter(index)
        validation = by_column[letter]
        (cell_range,) = validation.sqref.ranges
        assert cell_range.coord == f"{letter}2:{letter}{survey_template.LAST_RESPONSE_ROW}"
        assert survey_template.LAST_RESPONSE_ROW >= 1001  # a thousand responses at least
        assert validation.showInputMessage and validation.prompt, question
        assert len(validation.prompt) <= 255 and len(validation.promptTitle) <= 32, question
        if question in strict or question == "funding_period":
            assert validation.type == "list", question
            sheet_name, _, cells = validation.formula1.partition("!")
            assert sheet_name.strip("'") == lists.title
            values = [cell.value for row in lists[cells.replace("$", "")] for cell in row]
            assert values == expected_lists(lang)[question], question
            assert validation.errorStyle == ("stop" if question in strict else "information")
        else:
            assert validation.type is None, question  # any text: no drop-down
        if question in SEVERAL:
            assert "; (" in validation.prompt, question  # says the separator


def test_the_instructions_say_what_an_intervention_is_and_that_blank_is_not_zero(template, lang):
    book = workbook(template)
    assert book.active.title == book.worksheets[1].title  # the workbook opens at them
    assert [sheet.sheet_view.tabSelected for sheet in book.worksheets] == [False, True, False]
    text = "\n".join(
        str(cell) for row in book.worksheets[1].iter_rows(values_only=True) for cell in row if cell
    )
    locale = locale_for(lang)
    for words in (
        "The 2023 survey defined an intervention as any service or mechanism designed to do any "
        "of the following:",
        "Hold perpetrators to account for their behaviour.",
        "Manage the risk posed by perpetrators.",
        "One row per intervention. An intervention delivered in several areas is one row that "
        "lists every area.",
    ):
        assert locale(words) in text
    assert locale(vocab.UNKNOWN) in text


# -- safety and determinism ------------------------------------------------------------------


def test_no_cell_begins_like_a_formula(template):
    book = workbook(template)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_PREFIXES), (
                        sheet.title,
                        cell.coordinate,
                    )


def test_our_own_text_may_not_begin_like_a_formula():
    sheet = openpyxl.Workbook().active
    with pytest.raises(ValueError, match="would run as a spreadsheet formula"):
        survey_template._text(sheet, 1, 1, "=HYPERLINK(1)")


def test_same_inputs_give_the_same_bytes(template, lang, lookup):
    assert survey_template.template_bytes(lang, lookup) == template
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        assert {info.date_time for info in archive.infolist()} == {survey_template.ZIP_TIME}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2025-04-01T00:00:00Z") == 2  # created and modified
    assert survey_template.template_bytes("cy" if lang == "en" else "en", lookup) != template


# -- the command -----------------------------------------------------------------------------


def test_command_writes_the_template(tmp_path, capsys, lookup):
    out = tmp_path / "template.xlsx"
    assert survey_template.main(["--lang", "cy", str(out)]) == 0
    assert out.read_bytes() == survey_template.template_bytes("cy", lookup)
    assert capsys.readouterr().out.startswith(f"wrote {out} (cy, ")
    assert [path.name for path in tmp_path.iterdir()] == ["template.xlsx"]  # no temporary left


@pytest.mark.parametrize(
    ("name", "message"),
    [("template.csv", "must end in .xlsx"), ("missing/template.xlsx", "does not exist")],
)
def test_command_refuses_a_wrong_output(tmp_path, capsys, name, message):
    assert survey_template.main([str(tmp_path / name)]) == 1
    assert message in capsys.readouterr().err


# -- the ingest's Welsh, defined once in the catalogue ---------------------------------------


def test_a_welsh_word_meaning_two_things_stops_the_run(monkeypatch):
    """If the catalogue gave a question label the Welsh of another question's spelling, a
    header would be read as the wrong question: the run stops naming both."""
    monkeypatch.setattr(
        headers, "translations", lambda label: ("provider",) if label == "sector" else ()
    )
    headers.questions.cache_clear()
    headers.header_synonyms.cache_clear()
    try:
        with pytest.raises(synonyms.SynonymsError, match="names both 'organisation' and 'sector'"):
            headers.header_synonyms()
    finally:
        monkeypatch.undo()
        headers.questions.cache_clear()
        headers.header_synonyms.cache_clear()


def test_the_docs_list_each_welsh_heading():
    """docs/INGEST.md's table of input columns names the Welsh template's heading of each
    question, as the catalogue has it (a changed Welsh word shows up here)."""
    doc = (config.PROJECT_ROOT / "docs" / "INGEST.md").read_text(encoding="utf-8")
    welsh = locale_for("cy")
    for key, label in headers.QUESTION_LABELS.items():
        assert f"| {label} | `{key}` |" in doc and f" `{welsh(label)}` |" in doc, key
