"""The draft minimum offer (data/minimum_offer.csv): validated like every other data file."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest

from dashboard import config
from dashboard.data import loader, schemas
from dashboard.data import vocabulary as vocab

OFFER = config.DATA_DIR / loader.MINIMUM_OFFER_FILE


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_shipped_offer_loads_and_is_a_draft():
    offer = loader.load_minimum_offer(OFFER)
    assert len(offer) >= 9
    assert offer["rationale"].str.startswith("DRAFT for discussion, not adopted policy").all()
    tiers = set(offer.loc[offer["field"] == "service_tier", "values"])
    assert tiers == set(vocab.SERVICE_TIERS) - {vocab.UNKNOWN}  # every tier of the typology
    assert "stalking" in set(offer.loc[offer["field"] == "behaviour_focus", "values"])
    assert "partner/victim liaison" in set(offer.loc[offer["field"] == "kind", "values"])


@pytest.mark.skipif(not config.SEEDS_DIR.is_dir(), reason="../shared/seeds is not present")
def test_every_offer_quote_is_verbatim_in_its_cited_seed():
    offer = pd.read_csv(OFFER, dtype=str, keep_default_na=False)
    failures = []
    for row in offer.itertuples(index=False):
        seed, _sep, section = row.source.partition(" § ")
        text = (config.SEEDS_DIR / seed).read_text(encoding="utf-8")
        if collapse(row.evidence) not in collapse(text) or section not in text:
            failures.append(row.id)
    assert failures == []


def test_the_bundle_carries_the_offer():
    bundle = loader.load_bundle(config.DATA_DIR)
    assert list(bundle.minimum_offer["id"]) == list(loader.load_minimum_offer(OFFER)["id"])


def corrupted_copy(tmp_path, changes):
    frame = pd.read_csv(OFFER, dtype=str, keep_default_na=False)
    for (row, column), value in changes.items():
        frame.loc[row, column] = value
    path = tmp_path / loader.MINIMUM_OFFER_FILE
    frame.to_csv(path, index=False)
    return path


def test_unknown_field_and_unknown_value_are_named(tmp_path):
    path = corrupted_copy(
        tmp_path, {(1, "field"): "colour", (2, "values"): "medium risk;very medium"}
    )
    with pytest.raises(loader.DataError) as raised:
        loader.load_minimum_offer(path)
    message = str(raised.value)
    print(message)
    assert "2 problem(s) found; nothing was loaded" in message
    assert "row 3 (id 'early-intervention'), column field: bad value 'colour'" in message
    assert "a directory column with a vocabulary" in message
    assert "row 4 (id 'medium-risk'): values for field service_tier" in message
    assert "medium risk" in message and "very medium" in message


def test_unknown_is_not_an_offer_value(tmp_path):
    path = corrupted_copy(tmp_path, {(0, "values"): "unknown"})
    with pytest.raises(loader.DataError, match="values for field service_tier"):
        loader.load_minimum_offer(path)


def test_a_bad_offer_stops_the_whole_bundle(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(config.GEOGRAPHY_DIR, folder / "geography")
    for name in (
        "interventions.csv",
        "criminal_justice.csv",
        "survey_2023_published.csv",
        "survey_2023_recommendations.csv",
    ):
        shutil.copy(config.DATA_DIR / name, folder / name)
    for extra in config.DATA_DIR.glob("*.csv"):  # files other engineers add (documented gaps ...)
        if not (folder / extra.name).exists():
            shutil.copy(extra, folder / extra.name)
    corrupted_copy(folder, {(0, "field"): "vawdasv_regions"})
    with pytest.raises(loader.DataError, match=r"minimum_offer\.csv: 1 problem"):
        loader.load_bundle(folder)


def test_schema_fields_have_vocabularies():
    fields = schemas.minimum_offer_fields()
    assert "kind" in fields and "partner/victim liaison" in fields["kind"]
    assert "vawdasv_regions" not in fields and "police_force_areas" not in fields
