"""Welsh mutations after the words a template puts before a value (dashboard/cymraeg.py): one
Welsh example, at least, for each rule the dashboard uses."""

from __future__ import annotations

import re

import pytest

from dashboard import cymraeg


@pytest.mark.parametrize(
    ("radical", "mutated"),
    [
        ("Powys", "Bowys"),  # p > b
        ("Torfaen", "Dorfaen"),  # t > d
        ("Caerdydd", "Gaerdydd"),  # c > g
        ("Blaenau Gwent", "Flaenau Gwent"),  # b > f
        ("Dyfed-Powys", "Ddyfed-Powys"),  # d > dd
        ("Gwent", "Went"),  # g dropped, the capital moves on
        ("Gogledd Cymru", "Ogledd Cymru"),
        ("Merthyr Tudful", "Ferthyr Tudful"),  # m > f
        ("Llanelli", "Lanelli"),  # ll > l
        ("Rhondda Cynon Taf", "Rondda Cynon Taf"),  # rh > r
        ("Abertawe", "Abertawe"),  # vowels do not mutate
        ("Sir Benfro", "Sir Benfro"),
        ("Heddlu Gwent", "Heddlu Gwent"),
        ("Ffos", "Ffos"),
        ("theatr", "theatr"),  # th, ch, ph never mutate
    ],
)
def test_soft_mutation(radical, mutated):
    assert cymraeg.soft(radical) == mutated


@pytest.mark.parametrize(
    ("radical", "mutated"),
    [
        ("trais rhywiol", "thrais rhywiol"),
        ("cam-drin domestig", "cham-drin domestig"),
        ("priodas dan orfod", "phriodas dan orfod"),
        ("stelcio", "stelcio"),  # s is not affected
        ("ymddygiad", "ymddygiad"),
    ],
)
def test_aspirate_mutation(radical, mutated):
    assert cymraeg.aspirate(radical) == mutated


@pytest.mark.parametrize(
    ("place", "phrase"),
    [
        ("Caerdydd", "yng Nghaerdydd"),  # c > ngh, yn > yng
        ("Gwent", "yng Ngwent"),  # g > ng
        ("Gogledd Cymru", "yng Ngogledd Cymru"),
        ("Cwm Taf Morgannwg", "yng Nghwm Taf Morgannwg"),
        ("Powys", "ym Mhowys"),  # p > mh, yn > ym
        ("Pen-y-bont ar Ogwr", "ym Mhen-y-bont ar Ogwr"),
        ("Bro Morgannwg", "ym Mro Morgannwg"),  # b > m
        ("Merthyr Tudful", "ym Merthyr Tudful"),  # no mutation, but ym before m
        ("Torfaen", "yn Nhorfaen"),  # t > nh
        ("De Cymru", "yn Ne Cymru"),  # d > n
        ("Abertawe", "yn Abertawe"),
        ("Wrecsam", "yn Wrecsam"),
        ("Sir Benfro", "yn Sir Benfro"),
        ("2023", "yn 2023"),  # a figure is written as it is
    ],
)
def test_yn_nasal_mutation(place, phrase):
    assert cymraeg.yn(place) == phrase


@pytest.mark.parametrize(
    ("word", "phrase"),
    [
        ("trais rhywiol", "â thrais rhywiol"),
        ("cam-drin domestig", "â cham-drin domestig"),
        ("priodas dan orfod", "â phriodas dan orfod"),
        ("ymddygiad rhywiol niweidiol", "ag ymddygiad rhywiol niweidiol"),
        ("anffurfio organau cenhedlu benywod", "ag anffurfio organau cenhedlu benywod"),
        ("stelcio", "â stelcio"),
        ("22", "â 22"),  # dau ddeg dau
        ("8", "ag 8"),  # wyth
        ("11", "ag 11"),  # un deg un
        ("1", "ag 1"),  # un
        ("1,000", "â 1,000"),  # mil
        ("80", "ag 80"),  # wyth deg
        ("3.2", "â 3.2"),  # tri pwynt dau
    ],
)
def test_a_ag_with_the_aspirate_mutation(word, phrase):
    assert cymraeg.a_ag(word) == phrase


@pytest.mark.parametrize(
    ("word", "phrase"),
    [
        ("cam-drin", "a cham-drin"),
        ("trais", "a thrais"),
        ("ymddygiad", "ac ymddygiad"),
        ("8", "ac 8"),
        ("Gwent", "a Gwent"),
    ],
)
def test_a_ac_with_the_aspirate_mutation(word, phrase):
    assert cymraeg.a_ac(word) == phrase


@pytest.mark.parametrize(
    ("word", "phrase"),
    [
        ("8", "yr 8"),
        ("7", "y 7"),
        ("ardal", "yr ardal"),
        ("haen", "yr haen"),
        ("cyllid", "y cyllid"),
    ],
)
def test_article(word, phrase):
    assert cymraeg.article(word) == phrase


def test_soft_mutating_prepositions():
    assert cymraeg.with_word("i", "Caerdydd") == "i Gaerdydd"
    assert cymraeg.with_word("o", "Gwent") == "o Went"
    assert cymraeg.with_word("gyda", "cyllid") == "gyda chyllid"


def test_fill_puts_the_named_word_before_the_value_in_its_form():
    assert cymraeg.fill("Ymyriadau {area:yn}", area="Caerdydd") == "Ymyriadau yng Nghaerdydd"
    assert cymraeg.fill("mynd i'r afael {b:â}.", b="ymddygiad") == "mynd i'r afael ag ymddygiad."
    # A capitalised word starts a sentence.
    assert cymraeg.fill("{area:Yn}, mae", area="Powys") == "Ym Mhowys, mae"
    # Other specs are str.format's own; English templates format as str.format does.
    assert cymraeg.fill("{n:,} in {area}", n=1000, area="Cardiff") == "1,000 in Cardiff"


def test_an_unknown_word_is_named_with_the_allowed_ones():
    with pytest.raises(ValueError, match=r"unknown Welsh word.*'ynn'.*allowed: .*yn"):
        cymraeg.with_word("ynn", "Caerdydd")


def welsh_specs():
    """(msgid, placeholder, spec, locations) for every placeholder of a Welsh msgstr with a spec."""
    from babel.messages.pofile import read_po

    from dashboard import catalogue

    with catalogue.po_path("cy").open("rb") as handle:
        welsh = read_po(handle, locale="cy")
    return [
        (message.id, name, spec, message.locations)
        for message in welsh
        if message.id
        for form in catalogue.forms(message.string)
        for name, spec in re.findall(r"\{([a-z_]+):([^{}]*)\}", form)
    ]


def test_every_welsh_spec_names_a_known_word():
    unknown = [
        (msgid, spec)
        for msgid, _name, spec, _ in welsh_specs()
        if spec.lower() not in cymraeg.WORDS
    ]
    assert unknown == []


def test_a_welsh_spec_is_only_in_a_message_that_is_filled():
    """str.format would stop at "{area:yn}" (an unknown format spec): each message whose Welsh
    names a word must be formatted by cymraeg.fill wherever the code uses it."""
    from dashboard import config

    unfilled = []
    for msgid, _name, _spec, locations in welsh_specs():
        for filename, line in locations:
            lines = (config.PROJECT_ROOT / filename).read_text(encoding="utf-8").splitlines()
            if not any("fill(" in text for text in lines[max(0, line - 4) : line]):
                unfilled.append((msgid, f"{filename}:{line}"))
    assert unfilled == []


@pytest.mark.parametrize(
    ("mutated", "radical"),
    [
        ("Nghymru", "Cymru"),
        ("Chymru", "Cymru"),
        ("wasanaethau", "gwasanaethau"),
        ("phartneriaid", "partneriaid"),
        ("mhob", "pob"),
        ("rieni", "rhieni"),
        ("flynedd", "blynedd"),
        ("hariannu", "ariannu"),
    ],
)
def test_radicals_undo_each_mutation(mutated, radical):
    assert cymraeg.radicals(mutated)[0] == mutated
    assert radical in cymraeg.radicals(mutated)
