"""Synthetic intervention directories for the benchmark, drawn from the controlled vocabulary.

Written into a temporary folder beside copies of the shipped geography, criminal-justice and
survey files, so a synthetic directory can never be mixed up with the curated data in ``data/``.
"""

from __future__ import annotations

import csv
import random
import shutil
from pathlib import Path

from dashboard import config
from dashboard.data import column_registry
from dashboard.data import vocabulary as vocab

#: Files copied unchanged from ``data/`` into every synthetic data folder.
SHARED_FILES = (
    "criminal_justice.csv",
    "survey_2023_published.csv",
    "survey_2023_recommendations.csv",
)
SOURCE = "002_00ef75f7813d93fd.txt § Synthetic benchmark row"
YEARS = tuple(f"{year}-{(year + 1) % 100:02d}" for year in range(2019, 2031))


def _lookup() -> list[dict[str, str]]:
    with (config.GEOGRAPHY_DIR / "la_lookup.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _some(rng: random.Random, values: tuple[str, ...], most: int = 3) -> str:
    return vocab.LIST_SEPARATOR.join(rng.sample(values, rng.randint(1, min(most, len(values)))))


def synthetic_rows(count: int, seed: int = 2023) -> list[dict[str, str]]:
    """``count`` valid directory rows with plausible geography (LAs inside their region)."""
    rng = random.Random(seed)
    lookup = _lookup()
    rows = []
    for number in range(count):
        scope = rng.random()
        if scope < 0.08:  # an all-Wales service
            forces = regions = vocab.ALL_WALES
            las = ""
        else:
            la = rng.choice(lookup)
            in_region = [row for row in lookup if row["vawdasv_region"] == la["vawdasv_region"]]
            chosen = rng.sample(in_region, rng.randint(1, min(3, len(in_region))))
            forces = vocab.LIST_SEPARATOR.join(sorted({row["police_force_area"] for row in chosen}))
            regions = la["vawdasv_region"]
            las = "" if scope > 0.9 else vocab.LIST_SEPARATOR.join(row["la_code"] for row in chosen)
        term = rng.choice(vocab.FUNDING_TERMS)
        rows.append(
            {
                "id": f"synthetic-{number:06d}",
                "name": f"Synthetic intervention {number}",
                "aliases": "",
                "provider": f"Provider {number % 500}",
                "kind": rng.choice(vocab.KINDS),
                "sector": rng.choice(vocab.SECTORS),
                "setting": rng.choice(vocab.SETTINGS),
                "police_force_areas": forces,
                "vawdasv_regions": regions,
                "local_authorities": las,
                "behaviour_focus": _some(rng, vocab.BEHAVIOUR_FOCUSES),
                "purpose": _some(rng, vocab.PURPOSES),
                "risk_level": _some(rng, vocab.RISK_LEVELS, 2),
                "service_tier": _some(rng, vocab.SERVICE_TIERS, 2),
                "cohort": _some(rng, vocab.COHORTS, 2),
                "attendance": rng.choice(vocab.ATTENDANCES),
                "referral_route": "unknown",
                "eligibility": "unknown",
                "evaluation_status": rng.choice(vocab.EVALUATION_STATUSES),
                "evaluation_note": "",
                "accreditation": rng.choice(vocab.ACCREDITATIONS),
                "funding_model": rng.choice(vocab.FUNDING_MODELS),
                "primary_funder": rng.choice(vocab.PRIMARY_FUNDERS),
                "funding_longevity": "unknown",
                "funding_term": term,
                "funding_period_months": str(rng.choice((12, 24, 36)))
                if rng.random() < 0.3
                else "",
                "funding_end": rng.choice((*YEARS, vocab.UNKNOWN, vocab.UNKNOWN)),
                "status": rng.choice(vocab.STATUSES),
                "status_date": "unknown",
                "source": SOURCE,
                "evidence": "Synthetic benchmark row",
                "last_verified": "2026-11-25",
                "note": "",
            }
        )
    return rows


def write_data_dir(folder: Path, count: int, seed: int = 2023) -> Path:
    """A complete data folder with ``count`` synthetic interventions; returns ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    if (folder / "geography").exists():
        shutil.rmtree(folder / "geography")
    shutil.copytree(config.GEOGRAPHY_DIR, folder / "geography")
    for name in SHARED_FILES:
        shutil.copy(config.DATA_DIR / name, folder / name)
    with (folder / "interventions.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=column_registry.file_columns())
        writer.writeheader()
        writer.writerows(synthetic_rows(count, seed))
    return folder
