"""The directory as fast, read-only indicator matrices, and the pure queries the views need.

Built once per process from the validated frame. Every query takes a boolean ``mask`` of matching
interventions, so filtering and aggregation are numpy operations whatever the directory's size.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

import numpy as np
import pandas as pd

from dashboard.data import column_registry
from dashboard.data import vocabulary as vocab
from dashboard.data.geo import slugify
from dashboard.domain import currency, evidence, precarity

#: The values of the derived columns' vocabularies (``columns.toml`` names them; the rules that
#: derive the columns are the domain's).
DERIVED_VALUES: Final = MappingProxyType(
    {"evidence rungs": evidence.RUNGS, "precarity bands": precarity.BANDS}
)
#: Filter values of earlier versions that old links may still carry -> the values they became
#: (an old link keeps showing the same services).
FORMER_FILTER_VALUES: Final = MappingProxyType({"evaluation": evidence.FORMER_RUNGS})


def column_values(column: str) -> tuple[str, ...]:
    """The allowed values of a directory column in display order, derived columns' included (a
    text column, such as the funding end's financial years, has none: an open set)."""
    entry = column_registry.column(column)
    if entry.origin == column_registry.DERIVED and entry.vocabulary:
        return DERIVED_VALUES[entry.vocabulary]
    return column_registry.values(entry)


@functools.cache
def offered_filters() -> Mapping[str, tuple[str, tuple[str, ...]]]:
    """Filters offered in the app, in order: key -> (directory column, allowed values in display
    order). Declared in ``columns.toml``."""
    return MappingProxyType(
        {
            entry.filter.key: (entry.name, column_values(entry.name))
            for entry in column_registry.filter_columns()
            if entry.filter
        }
    )


@functools.cache
def breakdowns() -> Mapping[str, tuple[str, ...]]:
    """Breakdowns the drill-down panels may draw: column -> its values (``columns.toml``)."""
    return MappingProxyType(
        {entry.name: column_values(entry.name) for entry in column_registry.breakdown_columns()}
    )


LEVEL_COLUMNS: Final = MappingProxyType(
    {"region": "vawdasv_regions", "force": "police_force_areas"}
)


@dataclass(frozen=True)
class Directory:
    """Read-only matrices over the intervention directory."""

    frame: pd.DataFrame
    indicators: Mapping[str, pd.DataFrame]
    membership: Mapping[str, np.ndarray]
    area_ids: Mapping[str, tuple[str, ...]]
    all_wales: np.ndarray
    quality: np.ndarray
    precarious: np.ndarray
    precarity_known: np.ndarray
    current_year: str
    #: Derived once so that queries stay numpy operations whatever the directory's size:
    #: each indicator table as a read-only array, each level's membership with all-Wales
    #: services added, whether each intervention is placed in any area of a level, and the
    #: order of the interventions by name.
    indicator_arrays: Mapping[str, np.ndarray]
    membership_all_wales: Mapping[str, np.ndarray]
    placed: Mapping[tuple[str, bool], np.ndarray]
    name_order: np.ndarray
    #: (interventions x LAs): recorded in the LA itself (community provision only). A region- or
    #: force-wide service is beside an LA's count (``wider``), never inside it.
    la_local: np.ndarray
    #: level -> (interventions x areas): recorded more broadly than the area (across its region
    #: or its police force area, with the area itself not stated), so it may serve the area.
    #: All-Wales, unlocated and custody-only services are not in it.
    wider: Mapping[str, np.ndarray]
    #: Community services recorded in no area at all (and not across all of Wales): they may
    #: serve any area.
    unlocated: np.ndarray
    #: Services delivered only in custody: never anyone's community provision.
    custody_only: np.ndarray
    #: Services delivered in at least one prison in Wales (``custody_sites.csv``).
    in_prison: np.ndarray

    @property
    def size(self) -> int:
        return len(self.frame)


def _normalise_list(column: pd.Series) -> pd.Series:
    # Work on the distinct cells only: a large directory repeats a few hundred combinations.
    codes, uniques = pd.factorize(column)
    normalised = np.array(
        [vocab.LIST_SEPARATOR.join(vocab.split_list(cell)) for cell in uniques], dtype=object
    )
    return pd.Series(normalised[codes], index=column.index, name=column.name, dtype=column.dtype)


def _indicator(column: pd.Series, allowed: Sequence[str]) -> pd.DataFrame:
    """One boolean column per vocabulary value: does the cell's ';' list hold it?

    Same result as ``column.str.get_dummies(sep=';')`` restricted to ``allowed`` (or all values
    found, sorted, when ``allowed`` is empty), computed once per distinct cell.
    """
    codes, uniques = pd.factorize(column)
    items = [set(str(cell).split(vocab.LIST_SEPARATOR)) - {""} for cell in uniques]
    columns = list(allowed) if allowed else sorted(set().union(*items))
    small = np.array([[value in cell for value in columns] for cell in items], dtype=bool)
    small = small.reshape(len(items), len(columns))
    return pd.DataFrame(small[codes], index=column.index, columns=pd.Index(columns, dtype="str"))


def _readonly(array: np.ndarray) -> np.ndarray:
    array = np.ascontiguousarray(array)
    array.flags.writeable = False
    return array


def _derived_frame(
    interventions: pd.DataFrame,
    current_year: int,
    custody_sites: pd.DataFrame | None,
    evidence_rows: pd.DataFrame | None,
    sources: pd.DataFrame | None,
) -> pd.DataFrame:
    """A copy of the directory's rows with normalised lists and the derived columns: precarity,
    prisons, when and by which document each service was last described, its evidence rung,
    and its kind ("unknown" in older files without the column)."""
    frame = interventions.copy()
    for column in column_registry.list_columns():
        frame[column] = _normalise_list(frame[column])
    frame["local_authorities"] = _normalise_list(frame["local_authorities"])
    frame["precarity"] = precarity.precarity_bands(frame, current_year)
    frame["prisons"] = currency.prisons(frame["id"], custody_sites)
    frame["described_year"], frame["described_by"] = currency.last_described(
        frame, evidence_rows, sources
    )
    frame["evidence_rung"] = evidence.evidence_rungs(frame)
    # The kind of intervention (programme, multi-agency mechanism, court order ...): a filter
    # and a minimum-offer element; older directory files without the column still load.
    if "kind" not in frame.columns:
        frame["kind"] = vocab.UNKNOWN
    return frame


def _indicators(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """column -> one boolean column per allowed value, for every column that can be counted."""
    indicators = {
        column: _indicator(frame[column], allowed) for column, allowed in breakdowns().items()
    }
    indicators["setting"] = _indicator(frame["setting"], vocab.SETTINGS)
    # Every other vocabulary column is indexed too, so that any of them can be counted (the
    # minimum offer's elements name a column and values) without a second index elsewhere.
    for column, allowed in column_registry.column_vocabularies().items():
        if column not in indicators and column in frame.columns:
            indicators[column] = _indicator(frame[column], allowed)
    indicators["status"] = _indicator(frame["status"], vocab.STATUSES)
    return indicators


def _membership(
    frame: pd.DataFrame, lookup: pd.DataFrame, custody_only: np.ndarray
) -> tuple[dict[str, np.ndarray], dict[str, tuple[str, ...]]]:
    """(level -> services x areas: placed in the area, custody-only services never; level ->
    the areas' ids in the matrices' column order)."""
    membership: dict[str, np.ndarray] = {}
    area_ids: dict[str, tuple[str, ...]] = {}
    for level, column in LEVEL_COLUMNS.items():
        names = vocab.VAWDASV_REGIONS if level == "region" else vocab.POLICE_FORCE_AREAS
        matrix = _indicator(frame[column], names)
        membership[level] = _readonly(matrix.to_numpy() & ~custody_only[:, None])
        area_ids[level] = tuple(slugify(name) for name in names)
    la_codes = tuple(lookup["la_code"])
    la_matrix = _indicator(frame["local_authorities"], la_codes)
    membership["la"] = _readonly(la_matrix.to_numpy() & ~custody_only[:, None])
    area_ids["la"] = tuple(slugify(name) for name in lookup["la_name_en"])
    return membership, area_ids


def build_directory(
    interventions: pd.DataFrame,
    lookup: pd.DataFrame,
    *,
    as_of: dt.date | None = None,
    custody_sites: pd.DataFrame | None = None,
    evidence_rows: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
) -> Directory:
    """Derive precarity, evidence rungs, prisons and currency, and build the indicator matrices.

    ``custody_sites`` (prisons where a service runs), ``evidence_rows`` (every quote's citation)
    and ``sources`` (each document's year) are optional: without them no service is in a prison
    and a service's currency is its own citation's year, when known.
    """
    current_year = vocab.financial_year(as_of or dt.date.today())
    frame = _derived_frame(interventions, current_year, custody_sites, evidence_rows, sources)
    indicators = _indicators(frame)
    # A service delivered only in custody is custody provision: never counted as the community
    # provision of the area where its prison stands (issue 21).
    custody_only = (frame["setting"] == "custody").to_numpy()
    membership, area_ids = _membership(frame, lookup, custody_only)

    all_wales = frame["vawdasv_regions"].str.contains(vocab.ALL_WALES, regex=False) | frame[
        "police_force_areas"
    ].str.contains(vocab.ALL_WALES, regex=False)
    all_wales_array = all_wales.to_numpy()
    with_all_wales = {
        level: _readonly(matrix | all_wales_array[:, None]) for level, matrix in membership.items()
    }
    placed = {
        (level, include): _readonly(
            (with_all_wales[level] if include else membership[level]).any(axis=1)
        )
        for level in membership
        for include in (False, True)
    }
    wider = _wider(frame, membership, lookup)
    unlocated = ~(
        membership["region"].any(axis=1)
        | membership["force"].any(axis=1)
        | membership["la"].any(axis=1)
        | all_wales_array
        | custody_only
    )
    # A stable sort, so interventions with the same name keep their directory order.
    name_order = np.argsort(frame["name"].str.lower().to_numpy(dtype=object), kind="stable")
    return Directory(
        frame=frame,
        indicators=MappingProxyType(indicators),
        membership=MappingProxyType(membership),
        area_ids=MappingProxyType(area_ids),
        all_wales=_readonly(all_wales.to_numpy()),
        quality=_readonly(frame["evidence_rung"].isin(evidence.QUALITY_RUNGS).to_numpy()),
        precarious=_readonly((frame["precarity"] == precarity.HIGH).to_numpy()),
        precarity_known=_readonly((frame["precarity"] != vocab.UNKNOWN).to_numpy()),
        current_year=current_year,
        indicator_arrays=MappingProxyType(
            {column: _readonly(table.to_numpy()) for column, table in indicators.items()}
        ),
        membership_all_wales=MappingProxyType(with_all_wales),
        placed=MappingProxyType(placed),
        name_order=_readonly(name_order),
        la_local=membership["la"],
        wider=MappingProxyType({level: _readonly(matrix) for level, matrix in wider.items()}),
        unlocated=_readonly(unlocated),
        custody_only=_readonly(custody_only),
        in_prison=_readonly((frame["prisons"] != "").to_numpy()),
    )


def _wider(
    frame: pd.DataFrame, membership: Mapping[str, np.ndarray], lookup: pd.DataFrame
) -> dict[str, np.ndarray]:
    """level -> (services x areas): recorded more broadly than the area, so it may serve it.

    A region may be served by a service recorded across its police force area when the service
    names none of that force's regions, or names some and "unknown" (other, unnamed parts). A
    local authority may be served by a service recorded across its region that names none of
    the region's authorities, or by one that may serve its region. A police force area is the
    broadest level short of Wales: nothing is wider there but all-Wales and unlocated services.
    """
    regions = list(vocab.VAWDASV_REGIONS)
    forces = list(vocab.POLICE_FORCE_AREAS)
    region_force = lookup.drop_duplicates("vawdasv_region").set_index("vawdasv_region")[
        "police_force_area"
    ]
    unknown_region = frame["vawdasv_regions"].str.contains(vocab.UNKNOWN, regex=False).to_numpy()
    by_region = np.zeros_like(membership["region"])
    for index, region in enumerate(regions):
        force = forces.index(region_force[region])
        siblings = [
            regions.index(r) for r in region_force.index[region_force == region_force[region]]
        ]
        names_none = ~membership["region"][:, siblings].any(axis=1)
        by_region[:, index] = (
            membership["force"][:, force]
            & ~membership["region"][:, index]
            & (names_none | unknown_region)
        )
    la_region = [regions.index(region) for region in lookup["vawdasv_region"]]
    by_la = np.zeros_like(membership["la"])
    for index, region in enumerate(la_region):
        same_region = [i for i, r in enumerate(la_region) if r == region]
        names_no_la = ~membership["la"][:, same_region].any(axis=1)
        by_la[:, index] = ~membership["la"][:, index] & (
            (membership["region"][:, region] & names_no_la) | by_region[:, region]
        )
    return {
        "region": by_region,
        "force": np.zeros_like(membership["force"]),
        "la": by_la,
    }


def filter_mask(directory: Directory, filters: Mapping[str, Sequence[str]]) -> np.ndarray:
    """Interventions matching every filter; within one filter any selected value matches."""
    mask = np.ones(directory.size, dtype=bool)
    for key, selected in filters.items():
        if not selected or key not in offered_filters():
            continue
        column = offered_filters()[key][0]
        table = directory.indicators[column]
        positions = [table.columns.get_loc(value) for value in selected if value in table.columns]
        if positions:
            mask &= directory.indicator_arrays[column][:, positions].any(axis=1)
        else:
            mask &= False
    return mask


def breakdown(directory: Directory, mask: np.ndarray, column: str) -> pd.Series:
    """Count per vocabulary value, zeros kept, in vocabulary order (a list cell counts once per item)."""
    table = directory.indicators[column]
    counts = np.count_nonzero(directory.indicator_arrays[column][mask], axis=0).astype(np.int64)
    return pd.Series(counts, index=table.columns, name="count")


def funding_end_by_funder(directory: Directory, mask: np.ndarray) -> pd.DataFrame:
    """Matching interventions by financial year funding ends (rows) and primary funder (columns)."""
    # Each intervention has exactly one end year and one primary funder, so the cross-tabulation
    # is one matrix product of the two indicator tables over the matching rows.
    ends = directory.indicators["funding_end"]
    funders_table = directory.indicators["primary_funder"]
    end_rows = directory.indicator_arrays["funding_end"][mask].astype(np.int64)
    funder_rows = directory.indicator_arrays["primary_funder"][mask].astype(np.int64)
    counts = end_rows.T @ funder_rows
    present_years = [year for year, n in zip(ends.columns, counts.sum(axis=1), strict=True) if n]
    present_funders = {
        f for f, n in zip(funders_table.columns, counts.sum(axis=0), strict=True) if n
    }
    years = sorted(year for year in present_years if year != vocab.UNKNOWN)
    if vocab.UNKNOWN in present_years:
        years.append(vocab.UNKNOWN)
    funders = [funder for funder in vocab.PRIMARY_FUNDERS if funder in present_funders]
    table = pd.DataFrame(counts, index=ends.columns, columns=funders_table.columns)
    table = table.loc[years, funders].astype(np.int64)
    table.index.name = "funding_end"
    table.columns.name = "primary_funder"
    return table


def matching_rows(
    directory: Directory, mask: np.ndarray, columns: Sequence[str], limit: int | None = None
) -> pd.DataFrame:
    """The matching interventions (the first ``limit`` of them), only the columns asked for,
    sorted by name (case-insensitive)."""
    order = directory.name_order[mask[directory.name_order]]
    if limit is not None:
        order = order[:limit]
    return directory.frame.iloc[order][list(columns)]
