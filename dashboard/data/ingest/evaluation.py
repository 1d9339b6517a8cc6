"""The "evaluated" and "evaluated by" answers -> the evaluation status of the vocabulary.

The evaluator is classed by keywords (university, external, in-house ...) because respondents
name evaluators in free text; an evaluator that fits no class stays ``unknown`` and is noted.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

from dashboard.data import vocabulary as vocab
from dashboard.data.ingest.answers import is_unknown
from dashboard.data.ingest.synonyms import SynonymsError
from dashboard.data.ingest.text import NOTE_SEPARATOR, normalise_answer
from dashboard.data.ingest.translations import translations
from dashboard.i18n import N_

#: The answers the survey template offers to "evaluated", by what each means (a key of
#: :func:`answer_classes`). The answer is the text before " ("; the bracket tells a translator
#: which question it answers, since Welsh answers yes and no with the question's verb ("do",
#: "naddo"). The catalogue's Welsh answers are read as well.
TEMPLATE_ANSWERS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "yes": N_("yes (has it been evaluated?)"),
        "no": N_("no (has it been evaluated?)"),
        "in progress": N_("in progress (has it been evaluated?)"),
    }
)

#: "ie" and "do" are Welsh for yes; "na" is not listed as no because it is also "n/a".
_YES: Final = frozenset({"yes", "y", "true", "evaluated", "completed", "ie", "do"})
_NO: Final = frozenset({"no", "n", "false", "not evaluated", "none", "never", "planned"})
_IN_PROGRESS: Final = frozenset(
    {
        "in progress",
        "ongoing",
        "underway",
        "under way",
        "being evaluated",
        "currently being evaluated",
        "evaluation in progress",
        "yes in progress",
    }
)
#: Words naming each kind of evaluator, also in Welsh (the Welsh template's respondents write
#: in Welsh): "prifysgol" university, "annibynnol" independent, "allanol" external, "mewnol"
#: internal ("yn fewnol", internally).
_EVALUATOR_KEYWORDS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    (
        "randomised or quasi-experimental evaluation",
        ("randomised", "randomized", "rct", "quasi experimental", "controlled trial"),
    ),
    (
        "independent evaluation",
        (
            "university",
            "prifysgol",
            "annibynnol",
            "allanol",
            "uni",
            "independent",
            "independently",
            "external",
            "externally",
            "academic",
            "college",
            "consultant",
            "consultancy",
            "consulting",
            "research",
            "institute",
        ),
    ),
    ("model evaluated elsewhere", ("elsewhere", "national evaluation", "evaluated in england")),
    (
        "internal evaluation",
        (
            "internal",
            "internally",
            "in house",
            "inhouse",
            "self",
            "ourselves",
            "our own",
            "staff",
            "mewnol",
            "fewnol",
        ),
    ),
)


def template_answer(message: str) -> str:
    """A template answer's message (English or translated) -> the answer: the text before " ("."""
    return message.split(" (", 1)[0]


@functools.cache
def answer_classes() -> Mapping[str, frozenset[str]]:
    """Each meaning (yes, no, in progress) -> the normalised answers meaning it: the English ones
    above and the catalogue's Welsh for the template's answers. A Welsh answer meaning two things
    stops the run."""
    classes = {"yes": set(_YES), "no": set(_NO), "in progress": set(_IN_PROGRESS)}
    for meaning, message in TEMPLATE_ANSWERS.items():
        for word in (template_answer(welsh) for welsh in translations(message)):
            key = normalise_answer(word)
            clash = [other for other, keys in classes.items() if other != meaning and key in keys]
            if clash or is_unknown(word):
                raise SynonymsError(
                    f"the catalogue's Welsh {word!r} for evaluated {meaning!r} already means "
                    f"{(clash or ['unknown'])[0]!r}; change it in the catalogue"
                )
            classes[meaning].add(key)
    return MappingProxyType({meaning: frozenset(keys) for meaning, keys in classes.items()})


def _has_keyword(text: str, keywords: Iterable[str]) -> bool:
    padded = f" {text} "
    return any(f" {keyword} " in padded for keyword in keywords)


def map_evaluation(evaluated_raw: str, evaluated_by_raw: str) -> tuple[str, str, str | None]:
    """(evaluated, evaluated by) -> (evaluation_status, evaluation_note, problem or None).

    yes + an independent evaluator (university, independent, external...) -> independent
    evaluation; yes + internal -> internal evaluation; in progress -> evaluation under way;
    no -> not evaluated; yes with no or an unclassifiable evaluator -> unknown (noted).
    """
    answer = normalise_answer(evaluated_raw)
    by_raw = evaluated_by_raw.strip()
    parts = []
    if evaluated_raw.strip():
        parts.append(f"evaluated: {evaluated_raw.strip()}")
    if by_raw:
        parts.append(f"evaluated by: {by_raw}")
    note = NOTE_SEPARATOR.join(parts)
    if answer.startswith("yes ") and answer not in _IN_PROGRESS:
        # "Yes - Cardiff University": the rest of the answer names the evaluator.
        rest = re.sub(r"^\W*yes\W*", "", evaluated_raw.strip(), flags=re.IGNORECASE)
        by_raw = by_raw or rest
        answer = "yes"
    by = normalise_answer(by_raw) if not is_unknown(by_raw) else ""
    classes = answer_classes()
    if answer in classes["in progress"]:
        return "evaluation under way", note, None
    if answer in classes["no"]:
        return "not evaluated", note, None
    if answer in classes["yes"] or (is_unknown(answer) and by):
        if not by:
            return vocab.UNKNOWN, note, "evaluated: yes, but evaluator not stated"
        for status, keywords in _EVALUATOR_KEYWORDS:
            if _has_keyword(by, keywords):
                return status, note, None
        return vocab.UNKNOWN, note, f"evaluator {by_raw!r} not classed as internal or independent"
    if is_unknown(answer):
        return vocab.UNKNOWN, note, None
    return vocab.UNKNOWN, note, f"evaluated {evaluated_raw.strip()!r} not recognised"
