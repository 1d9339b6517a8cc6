"""Paths and fixed settings. Paths come from this file's location, never the working directory."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

PROJECT_ROOT: Final = Path(__file__).resolve().parent.parent
DATA_DIR: Final = PROJECT_ROOT / "data"
GEOGRAPHY_DIR: Final = DATA_DIR / "geography"
ASSETS_DIR: Final = PROJECT_ROOT / "assets"
LOCALE_DIR: Final = PROJECT_ROOT / "dashboard" / "locales"

#: The shared originals sit beside the repository; only the build command reads them.
SHARED_DIR: Final = PROJECT_ROOT.parent / "shared"
SEEDS_DIR: Final = SHARED_DIR / "seeds"
SHARED_GEOGRAPHY_DIR: Final = SHARED_DIR / "data" / "geography"
SHARED_CRIMINAL_JUSTICE_DIR: Final = SHARED_DIR / "data" / "criminal_justice"

#: Directory the app loads; overridable so the ingest output or a benchmark directory can be shown.
INTERVENTIONS_ENV: Final = "VAWDASV_INTERVENTIONS_CSV"


def interventions_path() -> Path:
    """The intervention directory the app should load."""
    override = os.environ.get(INTERVENTIONS_ENV)
    return Path(override) if override else DATA_DIR / "interventions.csv"


#: Geography levels of the map, in the order the switch shows them.
LEVELS: Final = ("region", "force", "la")
#: Per-100,000 rates use the population aged 16 and over (ONS mid-2024).
RATE_PER: Final = 100_000
