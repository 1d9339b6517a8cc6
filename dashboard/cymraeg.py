"""Welsh initial mutations, for the words a template puts after a preposition, a conjunction or
the article.

A Welsh catalogue entry says which word comes before a value by naming it as the value's format
spec: ``"Ymyriadau {area:yn}"`` gives "Ymyriadau yng Nghaerdydd", "Ymyriadau ym Mhowys",
"Ymyriadau yn Abertawe"; ``"yn mynd i'r afael {behaviour:â}"`` gives "â thrais rhywiol", "â
cham-drin domestig", "ag ymddygiad rhywiol niweidiol". The translator keeps the choice of words; this
module only spells the pair right. :func:`fill` is ``str.format`` with these specs (see
:data:`WORDS`); English templates use none, so they format exactly as ``str.format`` does.

The rules are those of the standard grammars, cited by topic so a reviewer can check them
(section numbers differ between editions): Peter Wynn Thomas, *Gramadeg y Gymraeg* (Gwasg
Prifysgol Cymru, 1996), on the mutations ("treigladau": meddal, llaes, trwynol) and the words that
cause them; Gareth King, *Modern Welsh: A Comprehensive Grammar* (Routledge, 2nd ed. 2003), the
chapter on mutations and the entries for the prepositions, ``a``/``ac`` and ``â``/``ag``.

Not handled, because no template of the dashboard needs it yet (add the rule, with its test,
before a template does): the
mutation of a feminine singular noun after the article or after ``un``, the ``h`` before a vowel
after ``ei`` (her), ``ein``, ``eu``, and the mutations after numerals (counts are phrased
"{n} ymyriad" with a vowel-initial noun, or "{n} o wasanaethau", which need none).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from types import MappingProxyType
from typing import Final

#: Welsh vowels (with their circumflexed and other accented forms) for ``a/ac``, ``â/ag``,
#: ``y/yr``. ``w`` is left out: as the first letter of the names the dashboard shows (Wrecsam)
#: it is read as a consonant, and "â Wrecsam" is the form in use.
VOWELS: Final = frozenset("aeiouyâêîôûŷàèìòùẁỳáéíóúẃýäëïöüẅÿ")


def _case_like(mutated: str, original_first: str) -> str:
    """The mutated opening in the case of the original's first letter (Caerdydd -> Nghaerdydd)."""
    if original_first.isupper():
        return mutated[0].upper() + mutated[1:]
    return mutated


def _mutate(word: str, table: tuple[tuple[str, str], ...]) -> str:
    """Replace the word's opening by the first entry of ``table`` it starts with (case-blind)."""
    lower = word.lower()
    for radical, mutated in table:
        if lower.startswith(radical):
            rest = word[len(radical) :]
            if not mutated:
                # g drops under soft mutation: the next letter takes the capital (Gwent -> Went).
                return _case_like(rest, word[0]) if rest else rest
            return _case_like(mutated, word[0]) + rest
    return word


# Gramadeg y Gymraeg, the soft mutation (treiglad meddal) p>b, t>d, c>g, b>f,
# d>dd, g>(dropped), m>f, ll>l, rh>r. The digraphs come first so that "ll" is not read as "l",
# "rh" as "r", and "ch", "ph", "th" (which never mutate) are left alone.
SOFT: Final = (
    ("ch", "ch"),
    ("ph", "ph"),
    ("th", "th"),
    ("ll", "l"),
    ("rh", "r"),
    ("p", "b"),
    ("t", "d"),
    ("c", "g"),
    ("b", "f"),
    ("d", "dd"),
    ("g", ""),
    ("m", "f"),
)
# The aspirate mutation (treiglad llaes): c>ch, p>ph, t>th only.
ASPIRATE: Final = (
    ("ch", "ch"),
    ("ph", "ph"),
    ("th", "th"),
    ("c", "ch"),
    ("p", "ph"),
    ("t", "th"),
)
# The nasal mutation (treiglad trwynol): p>mh, t>nh, c>ngh, b>m, d>n, g>ng.
NASAL: Final = (
    ("ch", "ch"),
    ("ph", "ph"),
    ("th", "th"),
    ("dd", "dd"),
    ("p", "mh"),
    ("t", "nh"),
    ("c", "ngh"),
    ("b", "m"),
    ("d", "n"),
    ("g", "ng"),
)


def soft(word: str) -> str:
    """Soft mutation of a word or phrase's first word: "Caerdydd" -> "Gaerdydd", "Gwent" ->
    "Went", "Llanelli" -> "Lanelli"; vowels, ff, s, n, h and the rest are unchanged."""
    return word if _is_number(word) else _mutate(word, SOFT)


def aspirate(word: str) -> str:
    """Aspirate mutation: "trais" -> "thrais", "cam-drin" -> "cham-drin", "priodas" ->
    "phriodas"; any other opening is unchanged."""
    return word if _is_number(word) else _mutate(word, ASPIRATE)


def nasal(word: str) -> str:
    """Nasal mutation: "Caerdydd" -> "Nghaerdydd", "Powys" -> "Mhowys", "Torfaen" ->
    "Nhorfaen", "Gwent" -> "Ngwent", "Dyfed" -> "Nyfed", "Bro" -> "Mro"."""
    return word if _is_number(word) else _mutate(word, NASAL)


def radicals(word: str) -> list[str]:
    """The forms ``word`` may be a mutation of, itself first: "Nghymru" -> "Cymru", "wasanaeth"
    -> "gwasanaeth", "phartneriaid" -> "partneriaid", "hariannu" -> "ariannu" (the h before a
    vowel after "ei" (her), "ein", "eu"). For a dictionary that lists only the radical forms."""
    forms = [word]
    lower = word.lower()
    for table in (SOFT, ASPIRATE, NASAL):
        for radical, mutated in table:
            if radical == mutated:
                continue
            if not mutated:
                # g dropped: only before a vowel, w, l or r (gwasanaeth, glas, gras) is it missed.
                if lower[:1] in VOWELS or lower[:1] in ("w", "l", "r"):
                    forms.append(_case_like("g", word[0]) + lower)
            elif lower.startswith(mutated):
                forms.append(_case_like(radical, word[0]) + word[len(mutated) :])
    if len(lower) > 1 and lower[0] == "h" and lower[1] in VOWELS:
        forms.append(_case_like(word[1], word[0]) + word[2:])
    return list(dict.fromkeys(forms))


_NUMBER = re.compile(r"^[0-9][0-9,.\s\u00a0]*%?$")


def _is_number(text: str) -> bool:
    """Digits (as the dashboard writes counts, rates and shares): written figures never mutate."""
    return bool(_NUMBER.match(text.strip()))


def _spoken_number_starts_with_vowel(text: str) -> bool:
    """Whether a figure is read aloud starting with a vowel (un, wyth): "ag 8", "ac 11", "ag 80".

    Figures are read in the decimal system (un deg un for 11); the leading group of three digits
    decides: a group of 1 alone before thousands is "mil"/"miliwn" (consonant), 1 is "un", 8... is
    "wyth", 11-19 are "un deg ..." (vowels); anything else opens with a consonant (dau, tri, pedwar,
    pump, chwech, saith, naw, deg, cant).
    """
    digits = re.sub(r"[^0-9,]", "", text.split(".", maxsplit=1)[0])
    groups = [group for group in digits.split(",") if group] or [digits]
    if len(groups) == 1 and len(digits) > 3:
        # No thousands separator: split into groups of three from the right.
        head = len(digits) % 3 or 3
        groups = [digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))]
    lead = groups[0].lstrip("0") or "0"
    if lead.startswith("8"):
        return True
    if lead == "1":
        return len(groups) == 1  # 1 is "un"; 1,000 is "mil"
    return len(lead) == 2 and lead.startswith("1") and lead != "10"


def _starts_with_vowel(text: str) -> bool:
    if _is_number(text):
        return _spoken_number_starts_with_vowel(text)
    return bool(text) and text[0].lower() in VOWELS


def yn(word: str) -> str:
    """The preposition "yn" (in) with its nasal mutation (Gramadeg y Gymraeg,
    the nasal mutation after "yn"; King, "Mutations", nasal mutation): "yng Nghaerdydd", "yng
    Ngwent", "ym Mhowys", "ym Mro Morgannwg", "ym Merthyr Tudful", "yn Nhorfaen", "yn Abertawe".
    "yn" becomes "ym" before m and "yng" before ng. Not the predicative "yn" (which soft-mutates:
    "yn wasanaeth"). A figure stays as written: "yn 2023"."""
    if _is_number(word):
        return "yn " + word
    mutated = nasal(word)
    lower = mutated.lower()
    if lower.startswith("ng"):
        return "yng " + mutated
    if lower.startswith("m"):
        return "ym " + mutated
    return "yn " + mutated


#: The words that take "ac" although they open with a consonant (King, on "a/ac"; Gramadeg y
#: Gymraeg, on the conjunction): "ac mae", "ac nid", "ac fel".
AC_BEFORE: Final = frozenset(("mae", "mai", "mor", "fel", "felly", "meddai", "megis", "nid", "na"))


def a_ac(word: str) -> str:
    """The conjunction "a" (and): "ac" before a vowel and the words of :data:`AC_BEFORE`,
    otherwise "a" with the aspirate mutation (King, the chapter on "a/ac"; Gramadeg y Gymraeg,
    the aspirate mutation after "a"): "a thrais", "a cham-drin", "ac ymddygiad", "ac 8", "ac
    mae"."""
    if _starts_with_vowel(word) or word.split(" ", 1)[0].lower() in AC_BEFORE:
        return "ac " + word
    return "a " + aspirate(word)


def a_ag(word: str) -> str:
    """The preposition "â" (with): "ag" before a vowel, otherwise "â" with the aspirate mutation
    (King, the chapter on "â/ag"; Gramadeg y Gymraeg, the aspirate mutation after "â"): "â thrais rhywiol", "â cham-drin domestig", "â phriodas dan orfod", "ag ymddygiad
    rhywiol niweidiol", "ag anffurfio organau cenhedlu benywod", "ag 8", "â 22"."""
    if _starts_with_vowel(word):
        return "ag " + word
    return "â " + aspirate(word)


def gyda(word: str) -> str:
    """ "gyda" (with) and the aspirate mutation: "gyda chyllid", "gyda phartneriaid"."""
    return "gyda " + aspirate(word)


def article(word: str) -> str:
    """The article: "yr" before a vowel (and h), "y" before a consonant: "yr 8 ffigur", "y 7
    ffigur", "yr ardal", "y gwasanaeth". (A feminine singular noun's soft mutation after the
    article is not done here: the word's gender is not known. Gramadeg y Gymraeg, on the article, "y fannod".)"""
    if _starts_with_vowel(word) or (not _is_number(word) and word[:1].lower() == "h"):
        return "yr " + word
    return "y " + word


def _with_soft(preposition: str) -> Callable[[str], str]:
    return lambda word: f"{preposition} {soft(word)}"


#: The prepositions that cause the soft mutation (Gramadeg y Gymraeg, the soft mutation; King,
#: "Mutations", soft mutation after the simple prepositions am, ar, at, dan, dros, drwy, gan,
#: heb, hyd, i, o, wrth): "i Gaerdydd", "o Went", "ar draws".
SOFT_PREPOSITIONS: Final = (
    "am",
    "ar",
    "at",
    "dan",
    "dros",
    "drwy",
    "gan",
    "heb",
    "hyd",
    "i",
    "o",
    "wrth",
)

#: The words a Welsh template may name as a value's format spec, and what each does to it.
WORDS: Final[dict[str, Callable[[str], str]]] = MappingProxyType(
    {
        "yn": yn,
        "a": a_ac,
        "â": a_ag,
        "gyda": gyda,
        "y": article,
        "soft": soft,
        "aspirate": aspirate,
        "nasal": nasal,
        **{preposition: _with_soft(preposition) for preposition in SOFT_PREPOSITIONS},
    }
)


def with_word(spec: str, value: str) -> str:
    """``value`` after the word ``spec`` names, mutated as that word requires. A capitalised
    spec ("Yn", "Â") capitalises the result, for the start of a sentence: "Yng Nghaerdydd"."""
    rule = WORDS.get(spec.lower()) if spec else None
    if rule is None:
        raise ValueError(
            f"unknown Welsh word in a format spec: {spec!r}; allowed: {', '.join(sorted(WORDS))}"
        )
    text = rule(value)
    return text[0].upper() + text[1:] if spec[0].isupper() and text else text


class _Formatter(string.Formatter):
    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec and format_spec.lower() in WORDS:
            return with_word(format_spec, str(value))
        return super().format_field(value, format_spec)


_FORMATTER: Final = _Formatter()


def fill(template: str, /, **values: object) -> str:
    """``template.format(**values)``, where a spec naming a Welsh word (see :data:`WORDS`)
    puts that word before the value, mutated as the word requires."""
    return _FORMATTER.format(template, **values)
