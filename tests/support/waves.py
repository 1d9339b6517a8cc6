"""Data folders with waves for the tests: the shipped data with the public-record fixture, and the
shipped data with two synthetic survey waves loaded through the ingest.

The surveys are generated here as export files and loaded with ``python -m dashboard.data.ingest
--wave`` (its ``main``), never shipped as data. The follow-up review exercises every kind of
change, hand-counted in :data:`FOLLOW_UP_CATEGORIES`: new services, an ended one, changed ones
(status, evaluation, funding, accreditation), one renamed and two merged (through the link
file), one not returned, and a duplicate response that the ingest merges.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Final

from dashboard import config
from dashboard.data.geo import slugify
from dashboard.data.ingest.cli import main as ingest_main

FIXTURES: Final = Path(__file__).resolve().parent.parent / "fixtures"
PUBLIC_RECORD_FIXTURE: Final = FIXTURES / "public_record"

BASELINE: Final = "survey-2023"
FOLLOW_UP: Final = "follow-up-2026"
HEADER: Final = (
    "Intervention name",
    "Organisation",
    "VAWDASV region(s)",
    "Police area(s)",
    "Behaviour focus",
    "Evaluated",
    "Evaluated by",
    "Accreditation",
    "Funding model",
    "Primary funder",
    "Funding end",
    "Status",
    "Notes",
)

#: The 2023 round: nine interventions, one a line (the Notes column is not read by the ingest).
BASELINE_ROWS: Final = (
    (
        "Gwent Change",
        "Gwent Men's Project",
        "Gwent",
        "Gwent",
        "Domestic abuse",
        "No",
        "",
        "None",
        "Grant",
        "PCC",
        "March 2024",
        "Active",
        "",
    ),
    (
        "North Star",
        "North Wales Women's Centre",
        "North Wales",
        "North Wales",
        "Domestic abuse",
        "No",
        "",
        "None",
        "Grant",
        "PCC",
        "March 2024",
        "Active",
        "",
    ),
    (
        "Cwm Taf Choices",
        "Safer Valleys",
        "Cwm Taf Morgannwg",
        "South Wales",
        "Domestic abuse",
        "",
        "",
        "",
        "Commissioned",
        "Local authority",
        "",
        "Active",
        "",
    ),
    (
        "West Glam Steps",
        "Swansea Council",
        "West Glamorgan",
        "South Wales",
        "Domestic abuse",
        "In progress",
        "",
        "",
        "Core",
        "Local authority",
        "",
        "Active",
        "",
    ),
    (
        "Mid Wales Pathways",
        "Powys Trust",
        "Mid and West Wales",
        "Dyfed-Powys",
        "Domestic abuse",
        "",
        "",
        "",
        "Grant",
        "Welsh Government",
        "March 2025",
        "Pilot",
        "",
    ),
    (
        "Cardiff Respect Programme",
        "Cardiff Women's Aid",
        "Cardiff and Vale",
        "South Wales",
        "Domestic abuse",
        "Yes",
        "Cardiff University",
        "Working towards",
        "Commissioned",
        "PCC",
        "",
        "Active",
        "",
    ),
    (
        "Stalking Clinic",
        "Dyfed-Powys Police",
        "Mid and West Wales",
        "Dyfed-Powys",
        "Stalking",
        "",
        "",
        "",
        "",
        "PCC",
        "",
        "Active",
        "",
    ),
    (
        "Cymru Helpline",
        "Respect",
        "All Wales",
        "All Wales",
        "Domestic abuse",
        "",
        "",
        "Respect",
        "Grant",
        "Home Office",
        "",
        "Active",
        "",
    ),
    (
        "Newport DA Project",
        "Newport Support",
        "Gwent",
        "Gwent",
        "Domestic abuse",
        "",
        "",
        "",
        "Grant",
        "PCC",
        "",
        "Active",
        "",
    ),
    (
        "Torfaen DA Project",
        "Torfaen Support",
        "Gwent",
        "Gwent",
        "Domestic abuse",
        "",
        "",
        "",
        "Grant",
        "PCC",
        "",
        "Active",
        "",
    ),
)
#: The 2025-26 follow-up review: twelve responses about eleven interventions (North Star twice).
FOLLOW_UP_ROWS: Final = (
    (
        "Cymru Change",
        "Gwent Men's Project",
        "Gwent",
        "Gwent",
        "Domestic abuse",
        "No",
        "",
        "None",
        "Grant",
        "PCC",
        "March 2024",
        "Active",
        "Formerly Gwent Change; renamed in April 2025",
    ),
    (
        "North Star",
        "North Wales Women's Centre",
        "North Wales",
        "North Wales",
        "Domestic abuse",
        "Yes",
        "Bangor University",
        "None",
        "Grant",
        "Welsh Government",
        "March 2027",
        "Active",
        "",
    ),
    (
        "Cwm Taf Choices",
        "Safer Valleys",
        "Cwm Taf Morgannwg",
        "South Wales",
        "Domestic abuse",
        "",
        "",
        "",
        "Commissioned",
        "Local authority",
        "",
        "Decommissioned",
        "Ended March 2025",
    ),
    (
        "West Glam Steps",
        "Swansea Council",
        "West Glamorgan",
        "South Wales",
        "Domestic abuse",
        "In progress",
        "",
        "",
        "Core",
        "Local authority",
        "",
        "Active",
        "",
    ),
    (
        "Mid Wales Pathways",
        "Powys Trust",
        "Mid and West Wales",
        "Dyfed-Powys",
        "Domestic abuse",
        "",
        "",
        "",
        "Grant",
        "Welsh Government",
        "March 2025",
        "Active",
        "",
    ),
    (
        "Cardiff Respect Programme",
        "Cardiff Women's Aid",
        "Cardiff and Vale",
        "South Wales",
        "Domestic abuse",
        "Yes",
        "Cardiff University",
        "Respect",
        "Commissioned",
        "PCC",
        "",
        "Active",
        "",
    ),
    (
        "Cymru Helpline",
        "Respect",
        "All Wales",
        "All Wales",
        "Domestic abuse",
        "",
        "",
        "Respect",
        "Grant",
        "Home Office",
        "",
        "Active",
        "",
    ),
    (
        "Gwent Together",
        "Gwent Together CIC",
        "Gwent",
        "Gwent",
        "Domestic abuse",
        "",
        "",
        "",
        "Grant",
        "PCC",
        "",
        "Active",
        "Newport DA Project and Torfaen DA Project merged in 2025",
    ),
    (
        "Ynys Mon Early Help",
        "Anglesey Family Trust",
        "North Wales",
        "North Wales",
        "Domestic abuse",
        "",
        "",
        "",
        "Grant",
        "Local authority",
        "",
        "Active",
        "",
    ),
    (
        "Bridgend Hub",
        "Bridgend Council",
        "Cwm Taf Morgannwg",
        "South Wales",
        "Domestic abuse",
        "",
        "",
        "",
        "",
        "Local authority",
        "",
        "Planned",
        "",
    ),
    (
        "north star",
        "North Wales Women's Centre",
        "North Wales",
        "North Wales",
        "Domestic abuse",
        "",
        "",
        "",
        "",
        "",
        "",
        "Active",
        "duplicate response",
    ),
)
#: Hand-counted: what the follow-up review shows against the 2023 round.
FOLLOW_UP_CATEGORIES: Final = {
    "new": 2,  # Ynys Mon Early Help; Bridgend Hub
    "ended": 1,  # Cwm Taf Choices
    "changed": 5,  # Cymru Change (renamed); North Star; Mid Wales Pathways; Cardiff Respect; Gwent Together (merged)
    "continuing": 2,  # West Glam Steps; Cymru Helpline
    "not in the later wave": 1,  # Stalking Clinic
    "ended before": 0,
}


def service_id(name: str, provider: str) -> str:
    """The id the ingest gives a response (name and organisation, slugged)."""
    return slugify(f"{name} {provider}")[:80].strip("-")


def write_export(path: Path, rows) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def copy_data(folder: Path) -> Path:
    """A copy of the shipped data folder (geography and all)."""
    shutil.copytree(config.DATA_DIR, folder)
    return folder


def documents_data_dir(folder: Path) -> Path:
    """The shipped data without its public record (folder and wave): the two documents' waves
    only, so that survey rounds loaded beside them are the latest pictures, as the tests of
    rounds through the ingest expect."""
    copy_data(folder)
    shutil.rmtree(folder / "public_record")
    waves = folder / "waves.csv"
    lines = waves.read_text(encoding="utf-8").splitlines(keepends=True)
    waves.write_text(
        "".join(line for line in lines if not line.startswith("public-record-")), encoding="utf-8"
    )
    return folder


def record_data_dir(folder: Path) -> Path:
    """The shipped data with the public-record fixture as ``public_record/``."""
    copy_data(folder)
    # The fixture in place of the shipped public record, so that tests count what they wrote.
    shutil.rmtree(folder / "public_record", ignore_errors=True)
    shutil.copytree(PUBLIC_RECORD_FIXTURE, folder / "public_record")
    return folder


def ingest_wave(
    data_dir: Path, export: Path, wave: str, name: str, as_at: str, name_cy: str = ""
) -> int:
    return ingest_main(
        [
            str(export),
            "--wave",
            wave,
            "--name",
            name,
            "--name-cy",
            name_cy,
            "--as-at",
            as_at,
            "--data-dir",
            str(data_dir),
            "--today",
            "2026-11-25",
        ]
    )


def survey_data_dir(folder: Path, exports: Path) -> Path:
    """The shipped data with the 2023 round and the follow-up review loaded as waves beside it,
    and the reviewed links for the renamed and merged services."""
    documents_data_dir(folder)
    exports.mkdir(exist_ok=True)
    baseline = write_export(exports / "returns-2023.csv", BASELINE_ROWS)
    follow_up = write_export(exports / "returns-2026.csv", FOLLOW_UP_ROWS)
    assert (
        ingest_wave(
            folder, baseline, BASELINE, "Survey returns 2023", "2024-03", "Ymatebion arolwg 2023"
        )
        == 0
    )
    assert (
        ingest_wave(
            folder,
            follow_up,
            FOLLOW_UP,
            "Follow-up review 2025-26",
            "2026-03-31",
            "Adolygiad dilynol 2025-26",
        )
        == 0
    )
    links = [
        (
            service_id("Gwent Change", "Gwent Men's Project"),
            service_id("Cymru Change", "Gwent Men's Project"),
            "renamed",
            "returns-2026.csv row 2",
            "Formerly Gwent Change; renamed in April 2025",
            "",
        ),
        *[
            (
                service_id(name, provider),
                service_id("Gwent Together", "Gwent Together CIC"),
                "merged",
                "returns-2026.csv row 9",
                "Newport DA Project and Torfaen DA Project merged in 2025",
                "",
            )
            for name, provider in (
                ("Newport DA Project", "Newport Support"),
                ("Torfaen DA Project", "Torfaen Support"),
            )
        ],
    ]
    with (folder / "wave_links.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("old_id", "new_id", "relation", "source", "quote", "note"))
        writer.writerows(links)
    return folder
