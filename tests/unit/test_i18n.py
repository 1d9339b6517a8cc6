"""Catalogues complete in both languages, placeholders intact, Welsh names and formats used."""

from __future__ import annotations

import re

import pytest
from babel import numbers
from babel.messages.pofile import read_po

from dashboard import catalogue, i18n

#: A placeholder's name; a Welsh one may name the word before it as its spec ("{area:yn}",
#: dashboard/cymraeg.py), so the names are compared, not the specs.
PLACEHOLDER = re.compile(r"\{([a-z_]+)(?::[^{}]*)?\}")


@pytest.fixture(scope="module")
def expected_ids():
    return [message.id for message in catalogue.template() if message.id]


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_every_message_is_translated(expected_ids, lang):
    assert catalogue.missing(lang, expected_ids) == []


def test_catalogue_template_is_up_to_date(expected_ids):
    with catalogue.POT_PATH.open("rb") as handle:
        shipped = {message.id for message in read_po(handle) if message.id}
    assert set(expected_ids) == shipped, "run: python -m dashboard.catalogue update"


def test_placeholders_survive_translation():
    with catalogue.po_path("cy").open("rb") as handle:
        welsh = read_po(handle, locale="cy")
    # A message with plural forms: each Welsh form keeps the singular's placeholders.
    broken = [
        message.id
        for message in welsh
        if message.id
        for form in catalogue.forms(message.string)
        if sorted(PLACEHOLDER.findall(catalogue.forms(message.id)[0]))
        != sorted(PLACEHOLDER.findall(form))
    ]
    assert broken == []


def test_welsh_text_and_glossary_terms():
    _ = i18n.translator("cy")
    assert _("Overview") != "Overview"
    assert _("domestic abuse") == "cam-drin domestig"
    assert _("sexual violence") == "trais rhywiol"


def test_numbers_are_written_as_welsh_readers_expect():
    # Written by hand, not computed: Welsh groups thousands with a comma and marks decimals with a
    # point, exactly as English does, and puts the percent sign straight after the number.
    assert i18n.format_number(1234567, "cy") == "1,234,567"
    assert i18n.format_number(1234.5, "cy", 1) == "1,234.5"
    assert i18n.locale_for("cy").number(0.25, 2) == "0.25"
    assert i18n.format_percent(0.456, "cy") == "46%"
    assert i18n.format_number(float("nan"), "cy") == "–"
    assert i18n.format_percent(float("nan"), "cy") == "–"
    assert i18n.format_number(1234567, "en") == "1,234,567"
    assert i18n.format_percent(0.456, "en") == "46%"


def test_numbers_are_formatted_in_the_readers_locale(monkeypatch):
    """Because cy_GB and en_GB write numbers the same way (in Babel's CLDR data too), no Welsh
    output can show that the language reached Babel; so what Babel is asked for is recorded."""
    asked = []
    format_decimal, format_percent = numbers.format_decimal, numbers.format_percent

    def recording(format_function):
        def record(value, **options):
            asked.append(options["locale"])
            return format_function(value, **options)

        return record

    monkeypatch.setattr(numbers, "format_decimal", recording(format_decimal))
    monkeypatch.setattr(numbers, "format_percent", recording(format_percent))
    # Values no other test formats: the formatted text is memoised.
    assert i18n.format_number(9876.54321, "cy", 3) == "9,876.543"
    assert i18n.locale_for("cy").percent(0.0123) == "1%"
    assert i18n.format_number(9876.54321, "en", 3) == "9,876.543"
    assert i18n.format_number(9876.54321, "fr", 2) == "9,876.54"
    assert asked == ["cy_GB", "cy_GB", "en_GB", "en_GB"]


def test_unknown_language_falls_back_to_english():
    assert i18n.normalise_language("fr") == "en"
    assert i18n.translator("<script>")("Overview") == "Overview"
