"""The two area answers -> police force areas and VAWDASV regions, each derived where certain."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from dashboard.data import column_registry
from dashboard.data import vocabulary as vocab
from dashboard.data.ingest import answers
from dashboard.data.ingest.suggest import did_you_mean
from dashboard.data.ingest.text import normalise_answer, split_answers

#: Regions lying wholly inside one police force area (the force is derived from the region).
REGION_TO_FORCE: Final[Mapping[str, str]] = MappingProxyType(
    {
        "North Wales": "North Wales",
        "Gwent": "Gwent",
        "Cardiff and Vale": "South Wales",
        "Cwm Taf Morgannwg": "South Wales",
        "West Glamorgan": "South Wales",
        "Mid and West Wales": "Dyfed-Powys",
    }
)
#: Forces covering exactly one region (South Wales covers three, so it derives nothing).
FORCE_TO_REGION: Final[Mapping[str, str]] = MappingProxyType(
    {
        force: region
        for region, force in REGION_TO_FORCE.items()
        if list(REGION_TO_FORCE.values()).count(force) == 1
    }
)


def question_columns() -> Mapping[str, str]:
    """Area question -> the directory column it fills (``columns.toml``)."""
    return MappingProxyType(
        {
            question: column
            for column, question in column_registry.questions(column_registry.LIST).items()
            if column in answers.AREA_COLUMNS
        }
    )


_LABEL: Final = MappingProxyType({"regions": "VAWDASV region(s)", "police": "police area(s)"})
_SINGULAR: Final = MappingProxyType({"regions": "VAWDASV region", "police": "police area"})


def police_synonyms() -> Mapping[str, tuple[str, ...]]:
    """Police force area answers -> vocabulary (``"Dyfed Powys"`` is the force here)."""
    return answers.table("police_force_areas").lookup


def region_synonyms() -> Mapping[str, tuple[str, ...]]:
    """VAWDASV region answers -> vocabulary (``"Dyfed Powys"`` is Mid and West Wales here)."""
    return answers.table("vawdasv_regions").lookup


@dataclass(frozen=True)
class Areas:
    """Police force areas and regions of one response, or why it cannot be placed."""

    police: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    error: str | None = None


def _collapse_all_wales(values: list[str]) -> list[str]:
    return [vocab.ALL_WALES] if vocab.ALL_WALES in values else values


def _not_an_area(part: str, own: str) -> str:
    """The reject reason for a part that is no area, with the closest spelling of either kind."""
    other = "police" if own == "regions" else "regions"
    spellings = (
        *answers.table(question_columns()[own]).spellings,
        *answers.table(question_columns()[other]).spellings,
    )
    hint = did_you_mean([part], spellings)
    return f"area {part!r} in {_LABEL[own]} is not a recognised area{hint}"


def _derive(regions: list[str], police: list[str], notes: list[str]) -> tuple[list[str], list[str]]:
    """Fill the dimension not given from the other where geography makes it certain."""
    if regions and not police:
        police = list(dict.fromkeys(REGION_TO_FORCE.get(region, region) for region in regions))
        notes.append("police area derived from region")
    elif police and not regions:
        if all(force in FORCE_TO_REGION or force == vocab.ALL_WALES for force in police):
            regions = list(dict.fromkeys(FORCE_TO_REGION.get(force, force) for force in police))
            notes.append("region derived from police area")
        else:
            regions = [vocab.UNKNOWN]
    else:
        mismatched = [
            region
            for region in regions
            if region in REGION_TO_FORCE
            and REGION_TO_FORCE[region] not in police
            and vocab.ALL_WALES not in police
        ]
        if mismatched:
            notes.append(f"region(s) {', '.join(mismatched)} outside the police area(s) given")
    return regions, police


def parse_areas(regions_raw: str, police_raw: str) -> Areas:
    """Map the region and police-area answers; derive the other dimension where it is certain.

    A police area written in the region column (or a region in the police column) is moved to
    its own dimension and noted. Any part that is neither is an error, as is no area at all.
    """
    found: dict[str, list[str]] = {"regions": [], "police": []}
    notes: list[str] = []
    for own, raw in (("regions", regions_raw), ("police", police_raw)):
        other = "police" if own == "regions" else "regions"
        for part in split_answers(raw):
            key = normalise_answer(part)
            if answers.is_unknown(part):
                continue
            if key in answers.table(question_columns()[own]).lookup:
                dimension = own
            elif key in answers.table(question_columns()[other]).lookup:
                dimension = other
                notes.append(f"{part!r} in {_LABEL[own]} read as a {_SINGULAR[other]}")
            else:
                return Areas(error=_not_an_area(part, own))
            for value in answers.table(question_columns()[dimension]).lookup[key]:
                if value not in found[dimension]:
                    found[dimension].append(value)
    regions = _collapse_all_wales(found["regions"])
    police = _collapse_all_wales(found["police"])
    if len(regions) < len(found["regions"]) or len(police) < len(found["police"]):
        notes.append("All Wales given with named areas; kept as All Wales")
    if not regions and not police:
        return Areas(error="no area given (VAWDASV region or police area)")
    regions, police = _derive(regions, police, notes)
    return Areas(police=tuple(police), regions=tuple(regions), notes=tuple(notes))
