"""The shipped data: provenance, vocabularies, geography and population (issue: data layer)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard import config
from dashboard.data import build, column_registry, schema_checks
from dashboard.data import vocabulary as vocab
from dashboard.data.loader import load_bundle

SEEDS_PRESENT = config.SEEDS_DIR.is_dir()
SHARED_PRESENT = config.SHARED_GEOGRAPHY_DIR.is_dir()


@pytest.fixture(scope="module")
def bundle():
    return load_bundle(config.DATA_DIR)


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.skipif(not SEEDS_PRESENT, reason="../shared/seeds is not beside the repository")
@pytest.mark.parametrize(
    "filename",
    [
        "interventions.csv",
        "survey_2023_published.csv",
        "survey_2023_recommendations.csv",
        "evidence.csv",
        "documented_gaps.csv",
        "document_facts.csv",
    ],
)
def test_every_evidence_quote_is_verbatim_in_its_cited_seed(filename):
    frame = pd.read_csv(config.DATA_DIR / filename, dtype=str, keep_default_na=False)
    texts: dict[str, str] = {}
    failures = []
    for row in frame.itertuples(index=False):
        seed = row.source.split(" § ")[0]
        path = config.SEEDS_DIR / seed
        assert path.is_file(), f"{filename}: source file {seed} does not exist"
        if seed not in texts:
            texts[seed] = collapse(path.read_text(encoding="utf-8"))
        quote = getattr(row, "quote", None) or row.evidence
        if collapse(quote) not in texts[seed]:
            failures.append((getattr(row, "id", getattr(row, "number", "?")), quote[:80]))
    assert failures == []


def test_interventions_use_the_vocabulary(bundle):
    frame = bundle.interventions
    assert list(frame.columns) == list(column_registry.file_columns())
    for column, allowed in column_registry.single_columns().items():
        assert set(frame[column]) <= set(allowed), column
    for column, allowed in column_registry.list_columns().items():
        items = {item for cell in frame[column] for item in vocab.split_list(cell)}
        assert items <= set(allowed), column
    assert frame["id"].is_unique
    assert len(frame) >= 40


def test_no_personal_contact_details(bundle):
    text = bundle.interventions.to_csv()
    assert "@" not in text
    assert not re.search(r"\b0\d{3,4} ?\d{3} ?\d{3,4}\b", text)
    # The seed documents name people (e.g. the report's author); none of them is in the data.
    for person in ("Ian Roberts", "Emma Wools", "Jenny Rathbone", "Amanda Blakeman"):
        assert person not in text


def test_geography_has_22_las_4_forces_6_regions(bundle):
    lookup = bundle.lookup
    assert len(lookup) == 22 and lookup["la_code"].is_unique
    assert set(lookup["police_force_area"]) == set(vocab.POLICE_FORCE_AREAS)
    assert set(lookup["vawdasv_region"]) == set(vocab.VAWDASV_REGIONS)
    assert lookup.groupby("la_code")["police_force_area"].nunique().eq(1).all()
    assert lookup.groupby("la_code")["vawdasv_region"].nunique().eq(1).all()
    assert {level: len(areas) for level, areas in bundle.areas.items()} == {
        "region": 6,
        "force": 4,
        "la": 22,
    }


def test_population_totals_add_up(bundle):
    population = bundle.population
    totals = population.groupby("level")[["population", "population_16_plus"]].sum()
    for level in ("la", "region", "force"):
        assert totals.loc[level, "population"] == 3_186_581
        assert totals.loc[level, "population_16_plus"] == 2_640_220
    wales = population[population["level"] == "wales"].iloc[0]
    assert (wales["population"], wales["population_16_plus"]) == (3_186_581, 2_640_220)


def test_criminal_justice_forces_sum_to_wales(bundle):
    p1 = bundle.criminal_justice
    p1 = p1[p1["source_kind"] == "primary"]
    forces = p1[p1["area"].isin(vocab.POLICE_FORCE_AREAS)].groupby("measure")["value"].sum()
    wales = p1[p1["area"] == "Wales"].set_index("measure")["value"]
    assert (forces.sort_index() == wales.sort_index()).all()
    secondary = bundle.criminal_justice
    secondary = secondary[secondary["source_kind"] == "secondary"]
    assert secondary["caveat"].str.startswith("Secondary source").all()


@pytest.mark.skipif(not SHARED_PRESENT, reason="../shared/data is not beside the repository")
def test_build_reproduces_the_shipped_files(tmp_path):
    assert build.main(["--out", str(tmp_path)]) == 0
    for name in (
        "geography/la_lookup.csv",
        "geography/population.csv",
        "criminal_justice.csv",
        "geography/region.geojson",
        "geography/force.geojson",
        "geography/la.geojson",
    ):
        assert (tmp_path / name).read_bytes() == (config.DATA_DIR / name).read_bytes(), name


def test_regions_and_forces_are_dissolved_from_the_las(bundle):
    import json

    import shapely.geometry

    las = json.loads(bundle.geometry["la"])
    regions = json.loads(bundle.geometry["region"])
    la_shapes = {f["id"]: shapely.geometry.shape(f["geometry"]) for f in las["features"]}
    lookup = bundle.lookup.assign(
        slug=bundle.lookup["la_name_en"].str.lower().str.replace(r"[^a-z0-9]+", "-", regex=True)
    )
    for feature in regions["features"]:
        region = shapely.geometry.shape(feature["geometry"])
        members = lookup[
            lookup["vawdasv_region"].map(lambda n: n.lower().replace(" ", "-")) == feature["id"]
        ]
        union = shapely.union_all([la_shapes[slug] for slug in members["slug"]])
        assert region.symmetric_difference(union).area < 1e-6, feature["id"]


def test_schema_sources_name_one_seed_file(bundle):
    pattern = re.compile(schema_checks.SOURCE.pattern)
    assert bundle.interventions["source"].map(lambda s: bool(pattern.match(s))).all()


def _seed_texts() -> dict[str, str]:
    return {
        path.name: collapse(path.read_text(encoding="utf-8"))
        for path in config.SEEDS_DIR.glob("*.txt")
    }


@pytest.mark.skipif(not SEEDS_PRESENT, reason="../shared/seeds is not beside the repository")
def test_documented_gaps_quote_their_source_verbatim(bundle):
    gaps = bundle.documented_gaps
    assert len(gaps) >= 7
    texts = _seed_texts()
    failures = [
        (row.id, row.evidence[:60])
        for row in gaps.itertuples(index=False)
        if collapse(row.evidence) not in texts[row.source.split(" § ")[0]]
    ]
    assert failures == []


def test_documented_gaps_hold_the_issue_10_findings(bundle):
    gaps = bundle.documented_gaps
    found = set(zip(gaps["field"], gaps["value"], gaps["level"], gaps["area"], strict=True))
    for value in ("honour-based abuse", "female genital mutilation", "forced marriage"):
        assert ("behaviour_focus", value, "wales", "Wales") in found
    assert ("behaviour_focus", "child to adult parental violence and abuse", "wales", "Wales") in (
        found
    )
    assert ("service_tier", "medium risk", "la", "Cardiff") in found
    assert ("local provision", "outside criminal justice", "la", "Vale of Glamorgan") in found
    # The survey reports interventions addressing harmful sexual behaviour: never a gap.
    assert "harmful sexual behaviour" not in set(gaps["value"])
    assert gaps["statement"].str.len().le(160).all()


def test_sources_name_every_cited_seed(bundle):
    sources = bundle.sources
    cited = {
        source.split(" § ")[0]
        for frame in (bundle.interventions, bundle.documented_gaps, bundle.evidence)
        for source in frame["source"]
    }
    assert cited <= set(sources["file"])
    if SEEDS_PRESENT:
        assert set(sources["file"]) == {path.name for path in config.SEEDS_DIR.glob("*.txt")}


def test_every_stated_value_has_a_quote_naming_its_column(bundle):
    evidence = bundle.evidence
    named: dict[str, set[str]] = {}
    for row in evidence.itertuples(index=False):
        named.setdefault(row.id, set()).update(vocab.split_list(row.fields))
    missing = [
        (row["id"], column, row[column])
        for _, row in bundle.interventions.iterrows()
        for column in column_registry.evidenced_columns()
        if row[column] not in vocab.NOT_STATED and column not in named.get(row["id"], set())
    ]
    assert missing == []


def test_evidence_ids_and_fields_are_real():
    evidence = pd.read_csv(config.DATA_DIR / "evidence.csv", dtype=str, keep_default_na=False)
    ids = set(
        pd.read_csv(config.DATA_DIR / "interventions.csv", dtype=str, keep_default_na=False)["id"]
    )
    assert set(evidence["id"]) <= ids
    fields = {item for cell in evidence["fields"] for item in vocab.split_list(cell)}
    assert fields <= set(column_registry.file_columns())
    assert evidence["quote"].str.len().le(schema_checks.MAX_QUOTE).all()
    assert evidence["source"].map(lambda s: bool(schema_checks.SEED_SOURCE.match(s))).all()


def test_every_kind_is_used_and_issue_10_rows_are_present(bundle):
    frame = bundle.interventions.set_index("id")
    # The seeds never say what DAPO is (issue 21 independent review), so no row is a court order
    # and DAPO and the Swansea hub have no stated kind.
    assert set(frame["kind"]) == set(vocab.KINDS) - {"court order or legal power"}
    assert frame.loc["dapo-gwent", "kind"] == vocab.UNKNOWN
    assert frame.loc["marac", "kind"] == "multi-agency risk management"
    assert frame.loc["mosovo-south-wales", "kind"] == "multi-agency risk management"
    assert frame.loc["rise-cardiff-clear-partner-support", "kind"] == "partner/victim liaison"
    assert frame.loc["phoenix-das-opcc-commissioned-gwent", "status"] == "decommissioned"
    assert frame.loc["phoenix-das-gwent", "funding_model"] == "spot purchase"
    assert frame.loc["intervention-hub-north-wales", "funding_end"] == "2023-24"
    assert frame.loc["online-support-pilot-flintshire-blaenau-gwent", "status"] not in (
        "active",
        "pilot",
    )
    assert frame.loc["cara-gwent-south-wales", "risk_level"] == "unknown"
    assert frame.loc["dapo-gwent", "attendance"] == "unknown"
