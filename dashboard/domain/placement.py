"""Which services a place's name finds in the directory's search.

A search for an area is not a count: it finds every service a source places there, custody
services included, and every service recorded across a wider area that may serve it (the model's
``wider`` rule, the one the maps show beside a count). A service named only in another local
authority of the same region is not found: it is placed there, not across the region.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

import numpy as np
import pandas as pd

from dashboard.data import vocabulary as vocab
from dashboard.domain import counting
from dashboard.domain.model import Directory

#: Levels of area, broadest last: an area of one level lies inside one area of each later level.
LEVELS = ("la", "region", "force")


def _listed(column: pd.Series, names: Sequence[str]) -> np.ndarray:
    """(services x names): does the service's ';' list name it?"""
    # Worked out once per distinct cell: a large directory repeats a few hundred of them.
    codes, cells = pd.factorize(column.fillna(""))
    listed = [set(vocab.split_list(cell)) for cell in cells]
    table = np.array([[name in cell for name in names] for cell in listed], dtype=bool)
    return table.reshape(len(listed), len(names))[codes]


def _inside(
    lookup: pd.DataFrame, narrow: str, names: Sequence[str], broad: str, broad_names: Sequence[str]
) -> np.ndarray:
    """(narrow areas x broad areas): which broad area each narrow one lies in (the lookup's
    columns ``narrow`` and ``broad``)."""
    pairs = set(zip(lookup[narrow], lookup[broad], strict=True))
    return np.array(
        [[(name, broad_name) in pairs for broad_name in broad_names] for name in names],
        dtype=bool,
    ).reshape(len(names), len(broad_names))


def placed_matrices(directory: Directory, lookup: pd.DataFrame) -> Mapping[str, np.ndarray]:
    """level -> (services x areas, in ``directory.area_ids[level]`` order): the services placed
    in each area. A service is placed in an area when its row names the area or an area inside
    it (a local authority of the region, a region of the police force area), or when it is
    recorded across a wider area that may serve it (:func:`counting.wider_matrix`)."""
    frame = directory.frame
    names = {
        "la": tuple(lookup["la_code"]),
        "region": vocab.VAWDASV_REGIONS,
        "force": vocab.POLICE_FORCE_AREAS,
    }
    columns = {
        "la": "local_authorities",
        "region": "vawdasv_regions",
        "force": "police_force_areas",
    }
    lookup_columns = {"la": "la_code", "region": "vawdasv_region", "force": "police_force_area"}
    listed = {level: _listed(frame[columns[level]], names[level]) for level in LEVELS}
    for position, broad in enumerate(LEVELS[1:], start=1):
        for narrow in LEVELS[:position]:
            inside = _inside(
                lookup, lookup_columns[narrow], names[narrow], lookup_columns[broad], names[broad]
            )
            listed[broad] = listed[broad] | ((listed[narrow].astype(np.int64) @ inside) > 0)
    return MappingProxyType(
        {
            level: listed[level] | counting.wider_matrix(directory, level).astype(bool)
            for level in LEVELS
        }
    )
