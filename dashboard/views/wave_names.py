"""Waves by name in the page's language: each wave as the pages offer it (its id, name, date,
whether it is the latest), for ``/changes``, the "as at" links and the coverage sentences."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from dashboard.domain.context import AppContext
from dashboard.domain.waves import Wave
from dashboard.i18n import N_, Locale

#: The shipped waves' names, so that each has its Welsh form in the catalogue (a wave loaded by
#: the ingest gives its own, ``name_cy`` in ``waves.csv``).
WAVE_NAMES: Final = (
    N_("As described in the 2020 review"),
    N_("As described in the 2023 documents"),
    N_("Public record to 2026"),
    N_("The directory"),
)


def wave_label(wave: Wave, locale: Locale) -> tuple[str, bool]:
    """A wave's name in the page's language, and whether it is English shown on a Welsh page
    (a wave loaded without a Welsh name): the catalogue's form, else ``name_cy``, else as given."""
    if locale.lang == "en":
        return wave.name, False
    translated = locale(wave.name)
    if translated != wave.name:
        return translated, False
    if wave.name_cy:
        return wave.name_cy, False
    return wave.name, True


@dataclass(frozen=True)
class WaveChoice:
    """One wave as offered: its id, its name and date in words, and whether the name is
    English on a Welsh page."""

    id: str
    label: str
    date: str
    english: bool = False
    latest: bool = False


def wave_choice(context: AppContext, wave: Wave, locale: Locale) -> WaveChoice:
    label, english = wave_label(wave, locale)
    latest = context.waves is not None and context.waves.default == wave.id
    return WaveChoice(wave.id, label, locale.date(wave.as_at), english, latest)


def wave_choices(context: AppContext, locale: Locale) -> tuple[WaveChoice, ...]:
    if context.waves is None:
        return ()
    return tuple(wave_choice(context, wave, locale) for wave in context.waves.waves)
