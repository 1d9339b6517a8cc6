"""The ingest command's output, loaded by the real loader from a data folder, is what the app shows.

Counted by hand from ``tests/fixtures/messy_survey.csv`` (see ``tests/unit/test_ingest.py``):
16 responses, 3 rejected (rows 8, 9, 10), rows 6 and 14 merged into rows 2 and 3, so 11
interventions. Placed locally by police force area: South Wales 6 (rows 2+6, 4, 11, 13, 15, 18),
Gwent 2 (rows 12, 16), North Wales 1 (row 5), Dyfed-Powys 1 (rows 3+14); row 7 is All Wales. By
region: Cardiff and Vale 3 (rows 2+6, 11, 15), Gwent 2, North Wales 1, Mid and West Wales 1,
West Glamorgan 1 (row 18), Cwm Taf Morgannwg 0; rows 4 and 13 name only the South Wales force,
which spans three regions, so their region is unknown. Stalking: 3 (rows 2+6, 3+14, 18).
"""

from __future__ import annotations

import datetime as dt
import shutil

import numpy as np
import pytest

from app import create_app
from dashboard import config
from dashboard.data import ingest
from dashboard.data.loader import load_bundle
from dashboard.domain import counting, model
from dashboard.domain.context import build_context
from dashboard.web import ids

FIXTURE = config.PROJECT_ROOT / "tests" / "fixtures" / "messy_survey.csv"
TODAY = "2025-01-15"
MERGED_ID = "change-that-lasts-perpetrator-programme-safer-futures"


@pytest.fixture(scope="module")
def context(mini_data_dir, tmp_path_factory):
    """A copy of the shared test data folder with the ingested directory as interventions.csv."""
    folder = tmp_path_factory.mktemp("ingested") / "data"
    shutil.copytree(mini_data_dir, folder)
    out = folder / "interventions.csv"  # in place of the six-row directory
    assert ingest.main([str(FIXTURE), "--out", str(out), "--today", TODAY]) == 0
    return build_context(load_bundle(folder), as_of=dt.date.fromisoformat(TODAY))


def local_counts(context, level: str) -> dict[str, int]:
    directory = context.directory
    table = counting.area_counts(
        directory,
        np.ones(directory.size, dtype=bool),
        level,
        False,
        context.population_16_plus[level],
    )
    return dict(zip(table["area_id"], table["local_count"].astype(int), strict=True))


def test_every_accepted_response_is_one_intervention(context):
    assert context.bundle.interventions_source == "interventions.csv"
    assert context.directory.size == 11
    assert context.data_date == TODAY
    names = list(context.bundle.interventions["name"])
    assert names.count("Change That Lasts Perpetrator Programme") == 2  # another provider
    assert "Mystery Programme" not in names  # rejected: no area


def test_interventions_are_placed_in_the_areas_counted_by_hand(context):
    assert local_counts(context, "force") == {
        "dyfed-powys": 1,
        "gwent": 2,
        "north-wales": 1,
        "south-wales": 6,
    }
    assert local_counts(context, "region") == {
        "north-wales": 1,
        "gwent": 2,
        "cardiff-and-vale": 3,
        "cwm-taf-morgannwg": 0,
        "west-glamorgan": 1,
        "mid-and-west-wales": 1,
    }
    assert int(np.count_nonzero(counting.national_mask(context.directory))) == 1


def test_a_merged_response_is_one_row_with_the_union_of_its_answers(context):
    frame = context.bundle.interventions.set_index("id")
    merged = frame.loc[MERGED_ID]
    assert merged["source"] == "messy_survey.csv rows 2; 6"
    assert merged["behaviour_focus"] == "domestic abuse;stalking;sexual violence"
    assert merged["risk_level"] == "medium;high"
    assert merged["sector"] == "specialist sector"  # row 2's, over row 6's third sector
    everything = np.ones(context.directory.size, dtype=bool)
    behaviours = model.breakdown(context.directory, everything, "behaviour_focus")
    assert behaviours["stalking"] == 3
    assert behaviours["sexual violence"] == 2  # the merged row and rows 3+14


def test_the_directory_page_counts_the_ingested_interventions(context):
    client = create_app(context).server.test_client()
    response = client.post(
        "/_dash-update-component",
        json={
            "output": f"{ids.GRID_COUNT}.children",
            "outputs": {"id": ids.GRID_COUNT, "property": "children"},
            "inputs": [{"id": ids.GRID, "property": "virtualRowData", "value": None}],
            "state": [{"id": ids.URL, "property": "search", "value": ""}],
            "changedPropIds": [],
        },
    )
    assert response.status_code == 200
    shown = response.get_json()["response"][ids.GRID_COUNT]["children"]
    assert shown == "11 of 11 interventions shown"
