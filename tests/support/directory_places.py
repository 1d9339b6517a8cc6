"""What the directory's search should find for a local authority's name, worked out from the data
row by row, without the app's code (``dashboard.domain.placement``, ``views.directory_search``).

The rule, as the search's hint and the method notes state it: a service is placed in a local
authority when its row names the authority; or names the authority's VAWDASV region but no
authority of that region (it is recorded across the region); or names the authority's police
force area but not its region, and names none of that force's regions or also an unknown one
(recorded across the force area). A service delivered only in custody is found where its row
names the authority, never through a wider area. A service whose name, other names or provider
contain the place's name is found too.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd


def _items(cell: object) -> set[str]:
    return {item.strip() for item in str(cell or "").split(";") if item.strip()}


def plain_words(text: object) -> str:
    """Lower case, accents and apostrophes dropped, other punctuation a space."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(re.split(r"[^a-z0-9]+", ascii_text.lower().replace("'", ""))).strip()


def services_placed_in(frame: pd.DataFrame, lookup: pd.DataFrame, la_code: str) -> set[str]:
    """The ids of the services placed in local authority ``la_code`` (the rule above)."""
    authorities = lookup.set_index("la_code")
    region = authorities.at[la_code, "vawdasv_region"]
    force = authorities.at[la_code, "police_force_area"]
    region_las = set(authorities.index[authorities["vawdasv_region"] == region])
    force_regions = set(
        authorities.loc[authorities["police_force_area"] == force, "vawdasv_region"]
    )
    found = set()
    for row in frame.itertuples():
        las, regions = _items(row.local_authorities), _items(row.vawdasv_regions)
        forces = _items(row.police_force_areas)
        named_here = la_code in las
        across_region = region in regions and not las & region_las
        across_force = (
            force in forces
            and region not in regions
            and (not regions & force_regions or "unknown" in regions)
        )
        custody_only = row.setting == "custody"
        if named_here or (not custody_only and (across_region or across_force)):
            found.add(row.id)
    return found


def services_named(frame: pd.DataFrame, place: str) -> set[str]:
    """The ids of the services whose name, other names or provider contain ``place`` as words."""
    wanted = f" {plain_words(place)} "
    return {
        row.id
        for row in frame.itertuples()
        if wanted in f" {plain_words(' '.join([row.name, row.aliases, row.provider]))} "
    }


def services_found_by(
    frame: pd.DataFrame, lookup: pd.DataFrame, la_code: str, name: str
) -> set[str]:
    """What typing ``name``, one of ``la_code``'s names, into the search should show."""
    return services_placed_in(frame, lookup, la_code) | services_named(frame, name)
