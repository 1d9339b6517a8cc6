"""The map's measures and geography levels, each named once.

A measure has two names: the control's label (what to choose) and the legend's (what the colour
shows). The URL keys are the measures' keys; :mod:`dashboard.views.url_parsing` accepts only these.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from dashboard import config
from dashboard.i18n import N_


@dataclass(frozen=True)
class Measure:
    key: str
    #: The control's label (a catalogue message).
    label: str
    #: The map legend's and the report heading's label (a catalogue message).
    legend: str


MEASURES: Final = (
    Measure("count", N_("Number of interventions"), N_("Interventions")),
    Measure("per_100k", N_("Per 100,000 aged 16+"), N_("Per 100,000 aged 16+")),
    Measure(
        "quality_share",
        N_("Share externally evaluated or accredited"),
        N_("Share externally evaluated or accredited"),
    ),
    # Named by the band it counts: the high band only (the rule: precarity.RULE_STEPS, shown in
    # the method note); the medium band is shown beside it wherever the share is.
    Measure(
        "precarious_share",
        N_("Share in the high precarity band"),
        N_("Share in the high precarity band"),
    ),
)
MEASURE_BY_KEY: Final = MappingProxyType({measure.key: measure for measure in MEASURES})

#: Each geography level of the map, by its name in the controls (a catalogue message).
LEVEL_LABELS: Final = dict(
    zip(
        config.LEVELS,
        (N_("VAWDASV region"), N_("Police force area"), N_("Local authority")),
        strict=True,
    )
)
