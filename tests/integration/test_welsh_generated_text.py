"""Issue 14: the Welsh that the dashboard assembles from parts is correct Welsh for every area and
category the data produces.

Rendered in Welsh through the page table (``callbacks.shell.render``): the overview at every level
and with each force area and region selected; the gap review and the scorecard at every level,
with and without all-Wales services, current and all provision; every police force area's and
region's profile (its area summary); every presenter slide. Beside them,
every gap sentence for every behaviour focus and every area of every level (more than today's data
produces, so a change to the data cannot bring an unchecked pair). Each text is read for the
pairs a template gets wrong when it puts a value after a word without mutating it, for leftover
placeholders, and for English sentences of the catalogue left untranslated.
"""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from dashboard import catalogue, cymraeg, i18n
from dashboard.data import vocabulary as vocab
from dashboard.domain import gaps
from dashboard.views import findings
from dashboard.views.cache import ViewCache
from dashboard.views.gap_text import gap_sentence
from tests.support.texts import screen_texts

VOWEL = "aeiouyâêîôûŷAEIOUYÂÊÎÔÛŶ"
#: Pairs that are never correct Welsh, each with what is wrong (Gramadeg y Gymraeg; King,
#: Modern Welsh; the rules are those of dashboard/cymraeg.py).
FORBIDDEN = (
    (re.compile(rf"(?<!\w)â (?=[{VOWEL}])"), "'â' before a vowel: 'ag'"),
    (
        re.compile(r"(?<!\w)â [cptCPT](?!h)"),
        "no aspirate mutation after 'â' (â thrais, â cham-drin)",
    ),
    (re.compile(r"(?<!\w)a [cpt](?!h)"), "no mutation after 'a' (a thrais, a gyfrifir)"),
    (re.compile(rf"(?<!\w)ag (?=[^{VOWEL}\d])"), "'ag' before a consonant: 'â'"),
    (
        re.compile(rf"(?<!\w)ac (?!(?:{'|'.join(sorted(cymraeg.AC_BEFORE))})\b)(?=[^{VOWEL}\d])"),
        "'ac' before a consonant: 'a'",
    ),
    (re.compile(r"[{}]"), "a placeholder left in the text"),
)
#: "a", "ac", "â", "ag" before a figure: "ag" and "ac" where it is read with a vowel (un, wyth).
BEFORE_FIGURE = re.compile(r"(?<!\w)(a|ac|â|ag) ([0-9][0-9,.]*[0-9]|[0-9])(?![0-9])")


def figure_problems(text: str) -> list[str]:
    expected = {"a": cymraeg.a_ac, "ac": cymraeg.a_ac, "â": cymraeg.a_ag, "ag": cymraeg.a_ag}
    return [
        f"{found.group(0)!r} should be {expected[found.group(1)](found.group(2))!r}"
        for found in BEFORE_FIGURE.finditer(text)
        if expected[found.group(1)](found.group(2)) != found.group(0)
    ]


def place_rules(context) -> list[tuple[re.Pattern, str, str]]:
    """A Welsh place name unmutated after "yn" (yng Nghaerdydd, ym Mhowys), or after "i" or
    "o" (i Gaerdydd, o Went), for every area name the data holds; each rule with the name, which
    a text must hold for the rule to find anything in it."""
    rules = []
    for level in ("region", "force", "la"):
        for name in context.names("cy", level).values():
            if cymraeg.yn(name) != "yn " + name:
                rules.append(
                    (
                        re.compile(rf"(?<!\w)[Yy]n {re.escape(name)}"),
                        f"{name!r} after 'yn': {cymraeg.yn(name)!r}",
                        name,
                    )
                )
            if cymraeg.soft(name) != name:
                rules.append(
                    (
                        re.compile(rf"(?<!\w)[io] {re.escape(name)}"),
                        f"{name!r} unmutated after 'i'/'o': {cymraeg.soft(name)!r}",
                        name,
                    )
                )
    return rules


def untranslated_sentences() -> list[str]:
    """English sentences of the catalogue (five words or more) whose Welsh differs: one of them on
    a Welsh page is English left on it."""
    with catalogue.po_path("cy").open("rb") as handle:
        welsh = read_po(handle, locale="cy")
    # A message with plural forms gives each of its English forms.
    return [
        english
        for message in welsh
        if message.id and any(catalogue.forms(message.string))
        for english in catalogue.forms(message.id)
        if english not in catalogue.forms(message.string)
        and "{" not in english
        and len(english.split()) >= 5
    ]


def welsh_pages(context) -> dict[str, tuple[str, object]]:
    """Each rendered Welsh page's title and layout, by its address."""
    from callbacks.shell import render

    addresses = []
    for level in ("region", "force", "la"):
        for all_wales in ("0", "1"):
            for provision in ("current", "all"):
                query = f"?lang=cy&level={level}&all_wales={all_wales}&provision={provision}"
                addresses += [("/gaps", query), ("/scorecard", query)]
    addresses.append(("/", "?lang=cy&level=la"))
    for level in ("region", "force"):
        addresses.append(("/", f"?lang=cy&level={level}"))
        addresses += [
            ("/", f"?lang=cy&level={level}&area={area.area_id}")
            for area in context.bundle.areas[level]
        ]
    for level in ("force", "region"):
        for area in context.bundle.areas[level]:
            for provision in ("current", "all"):
                addresses.append((f"/{level}/{area.area_id}", f"?lang=cy&provision={provision}"))
    slides = len(findings.slides(context, "cy"))
    addresses += [("/present", f"?lang=cy&slide={number}") for number in range(1, slides + 1)]
    # One cache for every page, as the app keeps one for all its requests.
    cache = ViewCache()
    pages = {}
    for path, query in addresses:
        layout, _page, title = render(context, cache, path, query)
        pages[path + query] = (title, layout)
    return pages


def texts(page: tuple[str, object], leaf=str) -> list[str]:
    """A rendered page's title and texts (each string of its tree mapped by ``leaf``)."""
    title, layout = page
    return [leaf(title), *screen_texts(layout, leaf)]


def every_gap_sentence(context) -> list[str]:
    """Every kind of gap sentence for every behaviour focus and every area of every level."""
    _ = i18n.translator("cy")
    names = {
        area_id: name
        for level in ("region", "force", "la")
        for area_id, name in context.names("cy", level).items()
    }
    made = []
    for behaviour in vocab.BEHAVIOUR_FOCUSES:
        if behaviour == vocab.UNKNOWN:
            continue
        for kind in ("no-behaviour", "behaviour-not-known", "survey-reports"):
            made.append(gaps.Gap(kind, behaviour, None, 0, 3, (), services=35))
    for area_id in names:
        for kind in ("no-medium-risk", "medium-risk-not-known", "only-criminal-justice"):
            made.append(gaps.Gap(kind, gaps.MEDIUM_RISK_TIER, area_id, 2, 1, (), services=4))
    made.append(gaps.Gap("no-local", "", None, len(names), None, (), areas=tuple(names)))
    for count, compared in ((1, 8), (8, 11), (9, 22), (11, 80), (2, 1000)):
        made.append(gaps.Gap("thinner-than", "sexual violence", None, count, compared, ()))
    return [gap_sentence(gap, names=names, _=_, lang="cy") for gap in made]


@pytest.fixture(scope="module")
def rendered_trees(real_context) -> dict[str, tuple[str, object]]:
    """Each Welsh page's title and layout (:func:`welsh_pages`), rendered once for the module's
    tests, which read them in two ways."""
    return welsh_pages(real_context)


@pytest.fixture(scope="module")
def rendered(rendered_trees, real_context) -> dict[str, list[str]]:
    pages = {address: texts(tree) for address, tree in rendered_trees.items()}
    pages["every gap sentence"] = every_gap_sentence(real_context)
    return pages


@pytest.fixture(scope="module")
def rendered_welsh(rendered_trees, real_context) -> dict[str, list[str]]:
    """As :func:`rendered`, with quotes and English strings left out (see :func:`welsh_part`)."""
    pages = {address: texts(tree, leaf=welsh_part) for address, tree in rendered_trees.items()}
    pages["every gap sentence"] = [welsh_part(text) for text in every_gap_sentence(real_context)]
    return pages


#: A source's words, quoted (they stay in the source's language, by design).
QUOTED = re.compile(r"“[^”]*”")
ENGLISH_WORDS = re.compile(r"(?<!\w)(?:the|and|of|for|with|is|are|to|in)(?!\w)")
WELSH_WORDS = re.compile(r"(?<!\w)(?:yn|y|yr|o|a|mae|ar|gyfer|i'r|nid|wedi|sydd|heb)(?!\w)")


def welsh_part(text: str) -> str:
    """A string of the page without its quotes; empty when what is left reads as English (a
    service's name, or data not translated: the mutation rules are Welsh rules, and English left
    on a Welsh page is for the test of English sentences to find)."""
    text = QUOTED.sub("“”", text)
    english, welsh = len(ENGLISH_WORDS.findall(text)), len(WELSH_WORDS.findall(text))
    return "" if english > welsh else text


def test_the_welsh_pages_have_no_unmutated_pairs_or_placeholders(real_context, rendered_welsh):
    # Each rule with what a text must hold for it to match: the place rules' names (a test of
    # the name is much quicker than the pattern's search, over the pages' five million characters).
    rules = [
        *((pattern, problem, "") for pattern, problem in FORBIDDEN),
        *place_rules(real_context),
    ]
    welsh = rendered_welsh
    problems = sorted(
        {
            f"{where}: {problem}: …{text[max(0, found.start() - 30) : found.end() + 30]}…"
            for where, texts in welsh.items()
            for text in texts
            for pattern, problem, needed in rules
            if needed in text
            for found in pattern.finditer(text)
        }
        | {
            f"{where}: {problem}"
            for where, texts in welsh.items()
            for text in texts
            for problem in figure_problems(text)
        }
    )
    assert problems == [], "\n".join(problems)


def test_the_welsh_pages_have_no_english_sentence_of_the_catalogue(rendered):
    english = untranslated_sentences()
    problems = sorted(
        {
            f"{where}: {sentence!r}"
            for where, texts in rendered.items()
            for text in texts
            for sentence in english
            if sentence in text
        }
    )
    assert problems == [], "\n".join(problems)


def test_the_gap_sentences_use_the_mutated_forms(real_context):
    """Written by hand: the forms a Welsh reader expects in the sentences that had them wrong."""
    sentences = "\n".join(every_gap_sentence(real_context))
    for expected in (
        "yn mynd i'r afael â thrais rhywiol",
        "yn mynd i'r afael â cham-drin domestig",
        "yn mynd i'r afael â phriodas dan orfod",
        "yn mynd i'r afael ag ymddygiad rhywiol niweidiol",
        "yn mynd i'r afael ag anffurfio organau cenhedlu benywod",
        "Yng Nghaerdydd, mae pob gwasanaeth lleol",
        "Ym Mhowys, mae pob gwasanaeth lleol",
        "Yn Nhorfaen, mae pob gwasanaeth lleol",
        "o'i gymharu ag 8 ar gyfer cam-drin domestig",
        "o'i gymharu ag 11 ar gyfer cam-drin domestig",
        "o'i gymharu â 22 ar gyfer cam-drin domestig",
    ):
        assert expected in sentences
