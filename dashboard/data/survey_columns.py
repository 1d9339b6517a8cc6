"""The survey template's questions: how each is answered, the answers it offers (derived from
the ingest's tables and the vocabulary, in the template's language), its heading and the input
message shown when a cell of its column is selected (:mod:`dashboard.data.survey_template` builds
the workbook from them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from dashboard.data import column_registry
from dashboard.data import vocabulary as vocab
from dashboard.data.ingest import answers, areas, evaluation
from dashboard.data.ingest.headers import QUESTION_LABELS
from dashboard.i18n import N_, Locale

#: Excel refuses a workbook whose input message is longer than this (title: 32).
MAX_PROMPT: Final = 255

#: How a question is answered.
ONE: Final = "one"  # one answer, from a drop-down
SUGGESTED: Final = "suggested"  # a drop-down of suggestions; other text is kept as written
SEVERAL: Final = "several"  # one or more answers, separated by LIST_SEPARATOR
TEXT: Final = "text"  # free text
#: What a respondent types between two answers; the ingest also splits on commas and new lines,
#: but ";" is the directory's own separator and never occurs inside an answer.
SEPARATOR: Final = vocab.LIST_SEPARATOR

SHEET_RESPONSES: Final = N_("Responses")
SHEET_INSTRUCTIONS: Final = N_("Instructions")
SHEET_LISTS: Final = N_("Lists")

#: What each question asks, shown when a cell of its column is selected (with its answers).
QUESTION_HINTS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "name": N_("Required. The intervention's name as your organisation uses it."),
        "provider": N_("The organisation that delivers the intervention."),
        "sector": N_("The sector of the organisation that delivers it."),
        "regions": N_(
            "The VAWDASV regions where it is delivered. Give a region or a police area, or both."
        ),
        "police": N_(
            "The police force areas where it is delivered. Give a police area or a region, or both."
        ),
        "setting": N_("Where it is delivered: in the community, in custody or both."),
        "behaviour": N_("The forms of VAWDASV the intervention addresses."),
        "purpose": N_("What the intervention is for."),
        "risk": N_("The risk levels of the people it works with."),
        "cohort": N_("Who the intervention works with."),
        "attendance": N_("Whether taking part is voluntary or mandated."),
        "referral": N_("How people are referred to it, in your own words."),
        "evaluated": N_("Has the intervention been evaluated?"),
        "evaluated_by": N_(
            "Who evaluated it: name the body (for example a university or an independent "
            "evaluator), or write in-house."
        ),
        "accreditation": N_("The accreditation it holds or is working towards."),
        "funding_model": N_("How the intervention is funded."),
        "primary_funder": N_("The body that provides most of its funding."),
        "funding_period": N_("How long its current funding is for."),
        "funding_end": N_(
            "When its current funding ends: a financial year such as 2026-27, or a date such as "
            "31/03/2027."
        ),
        "status": N_("Its status now."),
    }
)


@dataclass(frozen=True)
class TemplateColumn:
    """One column of the Responses sheet: its question, heading, how it is answered, the answers
    offered (in the template's language) and what each means to the ingest (same order)."""

    question: str
    heading: str
    answered: str
    answers: tuple[str, ...]
    meanings: tuple[str, ...]
    hint: str


def question_meanings() -> Mapping[str, tuple[str, tuple[str, ...]]]:
    """Question -> (how it is answered, the values its answers may mean), from the ingest's
    tables: the vocabulary of the directory column each question fills, the template's answers to
    "evaluated" (yes, no, in progress) with ``unknown``, and the funding terms the funding period
    is read into, suggested (a period in words is read too). Other questions are free text.
    """
    single = {question: column for column, question in answers.single_answers().items()}
    several = {question: column for column, question in answers.list_answers().items()}
    several.update(areas.question_columns())
    found: dict[str, tuple[str, tuple[str, ...]]] = {}
    for question in QUESTION_LABELS:
        if question in single:
            found[question] = (ONE, column_registry.single_columns()[single[question]])
        elif question in several:
            found[question] = (SEVERAL, column_registry.list_columns()[several[question]])
        elif question == "evaluated":
            found[question] = (ONE, (*evaluation.TEMPLATE_ANSWERS, vocab.UNKNOWN))
        elif question == "funding_period":  # read into funding_term (and months) by the ingest
            found[question] = (SUGGESTED, vocab.FUNDING_TERMS)
        else:
            found[question] = (TEXT, ())
    return MappingProxyType(found)


def _answer_word(meaning: str, question: str, locale: Locale) -> str:
    """What the template offers for a value: the catalogue's word in the template's language."""
    if question == "evaluated" and meaning in evaluation.TEMPLATE_ANSWERS:
        return evaluation.template_answer(locale(evaluation.TEMPLATE_ANSWERS[meaning]))
    return locale(meaning)


def heading(question: str, locale: Locale) -> str:
    """A question's column heading: its label in the template's language, first letter capital."""
    label = locale(QUESTION_LABELS[question])
    return label[:1].upper() + label[1:]


def template_columns(locale: Locale) -> tuple[TemplateColumn, ...]:
    """The Responses sheet's columns, in the ingest's question order."""
    columns = []
    for question, (answered, meanings) in question_meanings().items():
        columns.append(
            TemplateColumn(
                question=question,
                heading=heading(question, locale),
                answered=answered,
                answers=tuple(_answer_word(meaning, question, locale) for meaning in meanings),
                meanings=meanings,
                hint=locale(QUESTION_HINTS[question]),
            )
        )
    return tuple(columns)


def joined(values: Sequence[str]) -> str:
    return f"{SEPARATOR} ".join(values)


def prompt(column: TemplateColumn, locale: Locale) -> str:
    """The input message of a column: what it asks, then how to answer (the answers themselves
    where they fit in Excel's :data:`MAX_PROMPT` characters, else where they are listed)."""
    if column.answered == SEVERAL:
        how = locale("One or more of: {answers}. Separate them with ; (a semicolon).").format(
            answers=joined(column.answers)
        )
        if len(column.hint) + 1 + len(how) > MAX_PROMPT:
            how = locale(
                "One or more of the answers listed for this column on the {sheet} sheet. "
                "Separate them with ; (a semicolon)."
            ).format(sheet=locale(SHEET_INSTRUCTIONS))
    elif column.answered == ONE:
        how = locale("Choose one from the list ({unknown} if not known).").format(
            unknown=locale(vocab.UNKNOWN)
        )
    elif column.answered == SUGGESTED:
        how = locale(
            "Choose from the list where an answer fits, or write the period in words "
            "(kept as written)."
        )
    else:
        how = ""
    return f"{column.hint} {how}".strip()
