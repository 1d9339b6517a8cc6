"""Build the files in ``data/`` from the shared originals (one-way: raw -> built).

Run ``python -m dashboard.data.build``. Needs geopandas; the app itself never imports this module.
The originals in ``../shared/data`` are only read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from dashboard import config
from dashboard.data import vocabulary as vocab
from dashboard.data.geo import slugify

P1_CAVEAT = (
    "Official statistics (not accredited). Police recorded crime reflects what is reported to and "
    "recorded by the police, not how much crime happens."
)
P1_SOURCE = (
    "Home Office, Police recorded crime, Table P1, year ending June 2025. Contains public sector "
    "information licensed under the Open Government Licence v3.0."
)
ONS_POPULATION_SOURCE = (
    "ONS mid-2024 population estimates (30 June 2024). Source: Office for National Statistics "
    "licensed under the Open Government Licence v.3.0."
)
POLICE_FORCE_CODES = MappingProxyType(
    {
        "North Wales": "W15000001",
        "Gwent": "W15000002",
        "South Wales": "W15000003",
        "Dyfed-Powys": "W15000004",
    }
)
#: The forces' official Welsh names (shared/i18n/welsh_glossary.csv).
POLICE_FORCE_NAMES_CY = MappingProxyType(
    {
        "North Wales": "Heddlu Gogledd Cymru",
        "Gwent": "Heddlu Gwent",
        "South Wales": "Heddlu De Cymru",
        "Dyfed-Powys": "Heddlu Dyfed-Powys",
    }
)
#: Welsh names of the regions from the Welsh glossary (shared/i18n), where it has them.
REGION_NAMES_CY = MappingProxyType(
    {
        "North Wales": "Gogledd Cymru",
        "Gwent": "Gwent",
        "Cardiff and Vale": "Caerdydd a'r Fro",
        "Cwm Taf Morgannwg": "Cwm Taf Morgannwg",
        "West Glamorgan": "Gorllewin Morgannwg",
        "Mid and West Wales": "Canolbarth a Gorllewin Cymru",
    }
)


def build_lookup(shared_geography: Path) -> pd.DataFrame:
    """The LA lookup with the columns the app uses."""
    lookup = pd.read_csv(shared_geography / "wales_la_lookup.csv", dtype=str)
    return lookup[
        ["la_code", "la_name_en", "la_name_cy", "police_force_area", "vawdasv_region"]
    ].sort_values("la_code")


def build_population(shared_geography: Path, lookup: pd.DataFrame) -> pd.DataFrame:
    """Mid-2024 population (total and 16+) by LA, region, police force area and Wales."""
    la = pd.read_csv(shared_geography / "wales_la_population.csv", dtype={"la_code": str})
    la = la.merge(lookup, on="la_code", how="inner", validate="one_to_one")
    if len(la) != len(lookup):
        raise ValueError("population file does not cover every LA in the lookup")
    frames = [
        pd.DataFrame(
            {
                "level": "la",
                "area_id": la["la_name_en"].map(slugify),
                "area_name": la["la_name_en"],
                "population": la["population"],
                "population_16_plus": la["population_aged_16_plus"],
            }
        )
    ]
    for level, column in (("region", "vawdasv_region"), ("force", "police_force_area")):
        grouped = la.groupby(column, as_index=False)[
            ["population", "population_aged_16_plus"]
        ].sum()
        frames.append(
            pd.DataFrame(
                {
                    "level": level,
                    "area_id": grouped[column].map(slugify),
                    "area_name": grouped[column],
                    "population": grouped["population"],
                    "population_16_plus": grouped["population_aged_16_plus"],
                }
            )
        )
    frames.append(
        pd.DataFrame(
            {
                "level": ["wales"],
                "area_id": ["wales"],
                "area_name": ["Wales"],
                "population": [int(la["population"].sum())],
                "population_16_plus": [int(la["population_aged_16_plus"].sum())],
            }
        )
    )
    population = pd.concat(frames, ignore_index=True)
    population["year"] = "mid-2024"
    population["source"] = ONS_POPULATION_SOURCE
    return population


def build_boundaries(shared_geography: Path, lookup: pd.DataFrame) -> dict:
    """One FeatureCollection per level; regions and forces are dissolved from the LAs."""
    import geopandas as gpd  # only the build needs geopandas

    las = gpd.read_file(shared_geography / "wales_la_boundaries.geojson")
    las = las.merge(lookup, on="la_code", suffixes=("_geo", ""), validate="one_to_one")
    layers: dict[str, dict] = {}
    la_layer = gpd.GeoDataFrame(
        {
            "area_id": las["la_name_en"].map(slugify),
            "code": las["la_code"],
            "name_en": las["la_name_en"],
            "name_cy": las["la_name_cy"],
        },
        geometry=las.geometry,
        crs=las.crs,
    )
    layers["la"] = la_layer
    for level, column, names_cy, codes in (
        ("region", "vawdasv_region", REGION_NAMES_CY, {}),
        ("force", "police_force_area", POLICE_FORCE_NAMES_CY, POLICE_FORCE_CODES),
    ):
        # Dissolving the LA polygons keeps shared edges identical across all three levels.
        dissolved = las[[column, "geometry"]].dissolve(by=column, as_index=False)
        layers[level] = gpd.GeoDataFrame(
            {
                "area_id": dissolved[column].map(slugify),
                "code": dissolved[column].map(lambda name, c=codes: c.get(name, "")),
                "name_en": dissolved[column],
                "name_cy": dissolved[column].map(names_cy),
            },
            geometry=dissolved.geometry,
            crs=las.crs,
        )
    return {level: _rounded_feature_collection(layer) for level, layer in layers.items()}


def _rounded_feature_collection(layer) -> dict:
    """GeoJSON with 5-decimal coordinates (about 1 m), ids set for plotly's featureidkey."""
    import shapely

    layer = layer.copy()
    layer["geometry"] = shapely.set_precision(layer.geometry.values, 0.00001)
    collection = json.loads(layer.to_json(drop_id=True))
    for feature in collection["features"]:
        feature["id"] = feature["properties"]["area_id"]
    return collection


def build_lsoa(shared_geography: Path) -> dict:
    """The 1,917 LSOAs, used only by the benchmark to test map scale."""
    collection = json.loads((shared_geography / "wales_lsoa21_boundaries.geojson").read_text())
    for feature in collection["features"]:
        feature["id"] = feature["properties"]["lsoa21_code"]
    return collection


#: What identifies the figure a quote in ``criminal_justice_quotes.csv`` supports.
QUOTED_FIGURE = ("area", "measure", "period", "unit", "source_url")


def build_criminal_justice(shared_cj: Path, quotes_path: Path | None = None) -> pd.DataFrame:
    """Tidy long table: Home Office P1 first, then the secondary figures with their caveats.

    ``quotes_path`` (``data/criminal_justice_quotes.csv``, curated by hand) gives the words a
    report printed a secondary figure in; each of its rows must name exactly one secondary figure
    (area, measure, period, unit and the report's address), else the build stops. P1 figures are
    table cells and have no quote."""
    p1 = pd.read_csv(shared_cj / "home_office_prc_p1_ye_june_2025.csv", dtype={"value": "Int64"})
    primary = pd.DataFrame(
        {
            "area": p1["area_name"],
            "area_code": p1["area_code"],
            "measure": p1["offence_group"],
            "period": p1["period"],
            "value": p1["value"].astype("float64"),
            "unit": p1["unit"],
            "source_kind": "primary",
            "source": P1_SOURCE,
            "caveat": P1_CAVEAT,
            "quote": "",
        }
    )
    secondary_raw = pd.read_csv(shared_cj / "welsh_pfa_vawdasv_criminal_justice.csv", dtype=str)
    secondary_raw = secondary_raw.assign(
        quote=_quotes_for(secondary_raw, quotes_path) if quotes_path else ""
    )
    area_codes = {**POLICE_FORCE_CODES, "Wales": "W92000004"}
    secondary = pd.DataFrame(
        {
            "area": secondary_raw["police_force_area"],
            "area_code": secondary_raw["police_force_area"].map(area_codes),
            "measure": secondary_raw["measure"],
            "period": secondary_raw["year"],
            "value": pd.to_numeric(secondary_raw["value"], errors="raise"),
            "unit": secondary_raw["unit"],
            "source_kind": "secondary",
            "source": secondary_raw["source_title"]
            + " ("
            + secondary_raw["source_url_or_repo_path"]
            + ")",
            "caveat": vocab.SECONDARY_CAVEAT + " " + secondary_raw["note"].fillna(""),
            "quote": secondary_raw["quote"],
        }
    )
    combined = pd.concat([primary, secondary], ignore_index=True)
    if combined["area_code"].isna().any():
        unknown = sorted(combined.loc[combined["area_code"].isna(), "area"].unique())
        raise ValueError(f"criminal-justice rows with unknown area: {unknown}")
    return combined


def _quotes_for(secondary_raw: pd.DataFrame, quotes_path: Path) -> pd.Series:
    """Each secondary row's quote ("" where none is curated); a quote naming no row, or more
    than one, stops the build with the rows it names."""
    quotes = pd.read_csv(quotes_path, dtype=str, keep_default_na=False)
    keyed = secondary_raw.rename(
        columns={
            "police_force_area": "area",
            "year": "period",
            "source_url_or_repo_path": "source_url",
        }
    )[list(QUOTED_FIGURE)]
    matched = keyed.reset_index().merge(quotes, on=list(QUOTED_FIGURE), how="right")
    counts = matched.groupby(list(QUOTED_FIGURE), dropna=False)["index"].count()
    wrong = counts[counts != 1]
    if len(wrong):
        raise ValueError(
            f"{quotes_path.name}: each quote must name exactly one secondary figure; "
            f"these name {sorted(set(wrong))} rows: {list(wrong.index)}"
        )
    return matched.set_index("index")["quote"].reindex(secondary_raw.index).fillna("")


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write atomically so a failed build never leaves a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    frame.to_csv(tmp, index=False, lineterminator="\n")
    tmp.replace(path)


def write_json(data: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=config.SHARED_DIR)
    parser.add_argument("--out", type=Path, default=config.DATA_DIR)
    parser.add_argument(
        "--quotes", type=Path, default=config.DATA_DIR / "criminal_justice_quotes.csv"
    )
    args = parser.parse_args(argv)
    geography_in = args.shared / "data" / "geography"
    cj_in = args.shared / "data" / "criminal_justice"
    if not geography_in.is_dir() or not cj_in.is_dir():
        print(f"error: shared data not found under {args.shared}", file=sys.stderr)
        return 2
    lookup = build_lookup(geography_in)
    write_csv(lookup, args.out / "geography" / "la_lookup.csv")
    write_csv(
        build_population(geography_in, lookup),
        args.out / "geography" / "population.csv",
    )
    for level, collection in build_boundaries(geography_in, lookup).items():
        write_json(collection, args.out / "geography" / f"{level}.geojson")
    write_json(build_lsoa(geography_in), args.out / "geography" / "lsoa.geojson")
    write_csv(build_criminal_justice(cj_in, args.quotes), args.out / "criminal_justice.csv")
    print(f"built geography, population and criminal-justice files in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
