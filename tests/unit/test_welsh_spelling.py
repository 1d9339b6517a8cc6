"""Issue 14: every Welsh string of the catalogue passes a Welsh spelling check.

The check is GNU Aspell with Debian's ``aspell-cy`` dictionary (``aspell --lang=cy list``;
installed by scripts/ensure_test_tools.sh). That dictionary lists radical forms only, so a word it
does not know is also looked up as the radical it may be a mutation of (``dashboard.cymraeg.radicals``:
"Nghymru" is "Cymru", "wasanaethau" is "gwasanaethau"), and the clitics of Welsh ("mae'r", "wedi'i",
"sy'n") are read as the word before the apostrophe. What neither knows must be in the reviewed word
list, dashboard/locales/cy_wordlist.txt (names, acronyms, glossary terms, and the Welsh words the
dictionary lacks). Placeholders, HTML, addresses, file names, figures and the values a URL
setting takes (quoted as typed) are left out before the check.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from babel.messages.pofile import read_po

from dashboard import catalogue, config, cymraeg, i18n
from dashboard.domain import counting
from dashboard.views import state

WORDLIST = config.LOCALE_DIR / "cy_wordlist.txt"
LETTERS = "A-Za-zÀ-ÖØ-öø-ÿŴŵŶŷẀ-ẅỲỳ"
WORD = re.compile(rf"[{LETTERS}]+(?:['’][{LETTERS}]+)*")
#: What follows an apostrophe in Welsh: the article, "yn", and the pronouns after a vowel.
CLITICS = frozenset(("r", "n", "i", "u", "w", "m", "th", "ch", "ch", "ei"))
NOT_WORDS = (
    re.compile(r"\{[^{}]*\}"),  # {placeholder}
    re.compile(r"%\([a-z_]+\)[sd]"),  # %(placeholder)s
    re.compile(r"<[^>]+>"),  # HTML
    re.compile(r"https?://\S+"),  # addresses
    re.compile(r"(?<!\w)/[\w/.-]+"),  # paths: /directory
    re.compile(r"\S+\.(?:csv|py|txt|json|toml|html)\b"),  # file names
    re.compile(r"\S*_\S*"),  # identifiers: per_100k
    re.compile(r"[0-9]+"),
)
#: Values of the URL's settings, quoted as typed ("allowed: region, force, la").
URL_VALUES = frozenset((*i18n.LANGUAGES, *state.LEVELS, *counting.PROVISIONS, *state.METRICS))


def reviewed_words() -> set[str]:
    lines = WORDLIST.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def words_of(message_id: str, welsh: str) -> list[str]:
    """The words of a Welsh msgstr to check (see the module's docstring)."""
    for pattern in NOT_WORDS:
        welsh = pattern.sub(" ", welsh)
    kept = {value for value in URL_VALUES if re.search(rf"(?<!\w){value}(?!\w)", message_id)}
    words = []
    for token in WORD.findall(welsh):
        parts = re.split(r"['’]", token)
        # "mae'r" -> "mae"; "i'w" -> "i"; a clitic alone is not a word to check.
        words.extend(part for part in [parts[0], *parts[1:]] if part and part not in CLITICS)
    return [word for word in words if word not in kept]


def unknown_to_aspell(words: set[str]) -> set[str]:
    aspell = shutil.which("aspell")
    if aspell is None:
        pytest.fail("aspell with its Welsh dictionary is needed: run scripts/ensure_test_tools.sh")
    result = subprocess.run(
        [aspell, "--lang=cy", "--encoding=utf-8", "list"],
        input="\n".join(sorted(words)),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"aspell --lang=cy failed (is aspell-cy installed?): {result.stderr.strip()}")
    return set(result.stdout.split())


def misspelt(words: set[str], reviewed: set[str]) -> set[str]:
    """The words neither the dictionary (as written or as a radical) nor the list knows."""
    reviewed_lower = {word.lower() for word in reviewed}

    def listed(word: str) -> bool:
        return word in reviewed or word.lower() in reviewed_lower

    unknown = {word for word in unknown_to_aspell(words) if not listed(word)}
    candidates = {word: cymraeg.radicals(word)[1:] for word in unknown}
    unknown_radicals = unknown_to_aspell({form for forms in candidates.values() for form in forms})
    return {
        word
        for word, forms in candidates.items()
        if not any(form not in unknown_radicals or listed(form) for form in forms)
    }


def welsh_messages() -> list[tuple[str, str]]:
    with catalogue.po_path("cy").open("rb") as handle:
        welsh = read_po(handle, locale="cy")
    # Each plural form on its own, under the message's singular.
    return [
        (catalogue.forms(message.id)[0], form)
        for message in welsh
        if message.id
        for form in catalogue.forms(message.string)
        if form
    ]


def test_every_welsh_string_is_spelt_right():
    messages = welsh_messages()
    words = {message_id: words_of(message_id, text) for message_id, text in messages}
    wrong = misspelt({word for found in words.values() for word in found}, reviewed_words())
    problems = sorted(
        f"{message_id!r}: {word!r}"
        for message_id, found in words.items()
        for word in dict.fromkeys(found)
        if word in wrong
    )
    assert problems == [], (
        "misspelt (or add to dashboard/locales/cy_wordlist.txt if reviewed):\n"
        + "\n".join(problems)
    )


def test_a_misspelling_fails_and_is_named():
    """The check finds a misspelt word, and a mutated form of a known one is not one."""
    assert misspelt({"gwasanaeth", "wasanaeth", "Nghymru", "gwasanaetth"}, set()) == {"gwasanaetth"}


def test_the_words_checked_leave_out_placeholders_values_and_clitics():
    assert words_of(
        "Unknown geography level; allowed: region, force, la.",
        "Lefel anhysbys; caniateir: region, force, la. Mae'r {area} yn /directory per_100k 12",
    ) == ["Lefel", "anhysbys", "caniateir", "Mae", "yn"]


def test_the_word_list_says_what_belongs_in_it():
    header = WORDLIST.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert "NOT" in header and "misspelling" in header
