"""The "evaluated" and "evaluated by" answers -> the evaluation status of the vocabulary.

The evaluator is classed by keywords (university, external, in-house ...) because respondents
name evaluators in free text; an evaluator that fits no class stays ``unknown`` and is noted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from dashboard.data import vocabulary as vocab
from dashboard.data.ingest.answers import is_unknown
from dashboard.data.ingest.text import NOTE_SEPARATOR, normalise_answer

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
        ("internal", "internally", "in house", "inhouse", "self", "ourselves", "our own", "staff"),
    ),
)


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
    if answer in _IN_PROGRESS:
        return "evaluation under way", note, None
    if answer in _NO:
        return "not evaluated", note, None
    if answer in _YES or (is_unknown(answer) and by):
        if not by:
            return vocab.UNKNOWN, note, "evaluated: yes, but evaluator not stated"
        for status, keywords in _EVALUATOR_KEYWORDS:
            if _has_keyword(by, keywords):
                return status, note, None
        return vocab.UNKNOWN, note, f"evaluator {by_raw!r} not classed as internal or independent"
    if is_unknown(answer):
        return vocab.UNKNOWN, note, None
    return vocab.UNKNOWN, note, f"evaluated {evaluated_raw.strip()!r} not recognised"
