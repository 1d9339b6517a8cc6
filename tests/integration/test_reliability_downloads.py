"""Issue 13, downloads: no formula reaches a spreadsheet, every CSV has a stable URL, the buttons
give the same bytes as the URL, and each file says where its numbers come from.

The app here serves the six-row fixture directory with hostile text in two rows (a provider and
a name a spreadsheet would run as formulas), as a survey or an editor could put there.
"""

from __future__ import annotations

import csv
import io
import json
import shutil

import pandas as pd
import pytest

from app import create_app
from bench.dashclient import Session, flask_transport
from dashboard.data.loader import load_bundle
from dashboard.domain.context import build_context
from dashboard.web import ids
from tests.support.reference import AS_OF, MINI_CSV

UPDATE = "/_dash-update-component"
HYPERLINK = '=HYPERLINK("http://x")'
COMMAND = "+cmd|' /C calc'!A0"
SUM = "-2+3"


@pytest.fixture(scope="module")
def app(mini_data_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(mini_data_dir, folder)
    with MINI_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["name"] = HYPERLINK  # a-drive, South Wales, active
    rows[1]["provider"] = COMMAND  # b-choices
    rows[2]["provider"] = SUM
    with (folder / "interventions.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    context = build_context(load_bundle(folder), as_of=AS_OF)
    return create_app(context)


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def table_of(content: bytes | str) -> pd.DataFrame:
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    return pd.read_csv(io.StringIO(text), comment="#", dtype=str, keep_default_na=False)


def header_lines(content: bytes) -> list[str]:
    return [line for line in content.decode("utf-8").splitlines() if line.startswith("# ")]


def every_cell(frame: pd.DataFrame) -> list[str]:
    return [cell for column in frame.columns for cell in frame[column]]


@pytest.mark.parametrize(
    "url",
    [
        "/download/directory/interventions.csv",
        "/download/overview/list.csv",
        "/download/funding/timeline.csv?provision=all",
    ],
)
def test_no_download_writes_a_formula_cell(client, url):
    """``=HYPERLINK(...)`` and ``+cmd|...`` were written as they are (the directory's export,
    the overview list, the funding table)."""
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    cells = every_cell(table_of(response.data))
    assert "'" + HYPERLINK in cells
    assert HYPERLINK not in cells
    if "directory" in url:
        assert "'" + COMMAND in cells and "'" + SUM in cells
        assert COMMAND not in cells and SUM not in cells


def test_numbers_stay_numbers_and_are_rounded_as_on_screen(client):
    response = client.get("/download/overview/map.csv?level=force&metric=per_100k")
    assert response.status_code == 200
    table = table_of(response.data)
    assert all(cell.isdigit() for cell in table["count"])
    assert all(len(cell.split(".")[1]) == 1 for cell in table["per_100k"])
    assert all(cell.isdigit() for cell in table["population_16_plus"])


def test_every_download_says_its_source_data_date_period_and_settings(client):
    response = client.get("/download/overview/behaviour.csv?level=force&behaviour_focus=stalking")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="vawdasv-overview-behaviour.csv"'
    )
    lines = header_lines(response.data)
    assert [line.split(":")[0] for line in lines] == [
        "# Source",
        "# Data checked",
        "# Coverage",
        "# Period",
        "# Settings",
    ]
    assert "interventions.csv" in lines[0]
    assert lines[1] == "# Data checked: 2026-11-25"
    assert lines[2].startswith("# Coverage: drawn from documents")
    assert "financial year 2026-27" in lines[3]
    assert lines[4] == (
        "# Settings: /download/overview/behaviour.csv?level=force&behaviour_focus=stalking"
    )


def test_welsh_download_header_is_in_welsh(client):
    lines = header_lines(client.get("/download/overview/list.csv?lang=cy").data)
    assert not lines[0].startswith("# Source:")


def button_body(page: str, panel: str, search: str, view_key: str | None) -> dict:
    button = {"type": "csv", "page": page, "panel": panel}
    return {
        "output": f"{ids.EXPORT_CSV}.data",
        "outputs": {"id": ids.EXPORT_CSV, "property": "data"},
        "inputs": [[{"id": button, "property": "n_clicks", "value": 1}]],
        "state": [
            {"id": ids.URL, "property": "search", "value": search},
            {"id": ids.VIEW_KEY, "property": "data", "value": view_key},
        ],
        "changedPropIds": [json.dumps(button, sort_keys=True, separators=(",", ":")) + ".n_clicks"],
    }


def press(client, body: dict) -> dict:
    response = client.post(UPDATE, json=body)
    assert response.status_code == 200, response.data
    return response.get_json()["response"][ids.EXPORT_CSV]["data"]


@pytest.mark.parametrize(
    ("page", "panel", "search", "view_key", "url"),
    [
        ("overview", "map", "", "/?level=force", "/download/overview/map.csv?level=force"),
        ("overview", "behaviour", "", "/", "/download/overview/behaviour.csv"),
        ("gaps", "risk", "?level=force", None, "/download/gaps/risk.csv?level=force"),
        ("need", "indicators", "", None, "/download/need/indicators.csv"),
        (
            "funding",
            "classes",
            "?provision=all",
            None,
            "/download/funding/classes.csv?provision=all",
        ),
    ],
)
def test_the_button_gives_the_same_bytes_as_the_stable_url(
    client, page, panel, search, view_key, url
):
    # The overview's view must be in this process's memo, as after the page drew it.
    if view_key:
        assert client.get(url).status_code == 200
    download = press(client, button_body(page, panel, search, view_key))
    assert download["filename"] == f"vawdasv-{page}-{panel}.csv"
    assert download["content"].encode("utf-8") == client.get(url).data


def test_the_directory_button_downloads_the_shown_rows_defused(client):
    """The grid's client-side export wrote cells as they are; it is now built on the server."""
    body = {
        "output": f"{ids.GRID_DOWNLOAD}.data",
        "outputs": {"id": ids.GRID_DOWNLOAD, "property": "data"},
        "inputs": [{"id": ids.GRID_EXPORT, "property": "n_clicks", "value": 1}],
        "state": [
            {
                "id": ids.GRID,
                "property": "virtualRowData",
                "value": [{"id": "b-choices", "name": "forged"}, {"id": "a-drive"}],
            },
            {"id": ids.URL, "property": "search", "value": ""},
        ],
        "changedPropIds": [f"{ids.GRID_EXPORT}.n_clicks"],
    }
    response = client.post(UPDATE, json=body)
    assert response.status_code == 200, response.data
    download = response.get_json()["response"][ids.GRID_DOWNLOAD]["data"]
    assert download["filename"] == "vawdasv-interventions.csv"
    table = table_of(download["content"])
    assert list(table["id"]) == ["b-choices", "a-drive"]  # the shown rows, in the shown order
    assert list(table["name"]) == ["B Choices", "'" + HYPERLINK]  # the server's cells
    assert "'" + COMMAND in list(table["provider"])
    url_lines = header_lines(client.get("/download/directory/interventions.csv").data)
    assert header_lines(download["content"].encode("utf-8")) == url_lines


def test_unknown_download_is_a_clear_404(client):
    for url in ("/download/nowhere/map.csv", "/download/overview/nothing.csv"):
        response = client.get(url)
        assert response.status_code == 404
        text = response.get_data(as_text=True)
        assert "No download at" in text and "overview" in text


def test_bad_download_query_is_a_clear_400(client):
    response = client.get("/download/overview/map.csv?level=moon")
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "not recognised" in text and "moon" in text


@pytest.mark.parametrize(
    "url", ["/download/scorecard/minimum-offer.csv", "/download/gaps/tier.csv"]
)
def test_an_area_page_asked_for_local_authorities_refuses_instead_of_answering_regions(client, url):
    # The gaps and scorecard pages compare regions and police force areas only: their files
    # at ?level=la were regions' files under a local-authority link.
    response = client.get(url + "?level=la")
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Unknown level for this page; allowed: region, force. (la)" in text
    assert client.get(url + "?level=force").status_code == 200
    # The overview counts local authorities: its files answer.
    assert client.get("/download/overview/map.csv?level=la").status_code == 200


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/scorecard?level=la", "Unknown level for this page; allowed: region, force. (la)"),
        (
            "/gaps?level=la&lang=cy",
            "Lefel anhysbys ar gyfer y dudalen hon; caniateir: region, force. (la)",
        ),
        ("/scorecard?level=moon", "Unknown geography level"),
    ],
)
def test_an_area_page_says_which_link_settings_it_did_not_recognise(mini_context, path, expected):
    # Both pages showed the regions at ?level=la (and at ?level=moon) without a word.
    session = Session(*flask_transport(create_app(mini_context).server.test_client()))
    session.open(path)
    page = json.dumps(session.props[(ids.PAGE, "children")], ensure_ascii=False)
    assert expected in page
    session.open(path.split("?")[0] + "?level=force")
    assert "not recognised" not in json.dumps(session.props[(ids.PAGE, "children")])
