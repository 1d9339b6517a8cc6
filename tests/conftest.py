"""Shared fixtures: the real built data, and a six-row directory whose counts are known by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard import config
from dashboard.data.loader import load_interventions, load_lookup
from dashboard.domain.model import build_directory

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI_CSV = FIXTURES / "mini_interventions.csv"
#: Reference date for precarity: financial year 2026-27.
AS_OF = dt.date(2026, 11, 25)


@pytest.fixture(scope="session")
def lookup():
    return load_lookup(config.GEOGRAPHY_DIR / "la_lookup.csv")


@pytest.fixture(scope="session")
def mini_frame(lookup):
    return load_interventions(MINI_CSV, lookup)


@pytest.fixture(scope="session")
def mini_directory(mini_frame, lookup):
    return build_directory(mini_frame, lookup, as_of=AS_OF)


def pytest_setup_options():
    """Chromium options for dash_duo: Debian's build, as root, no background network."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1366,900",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return options


@pytest.fixture(scope="session")
def real_context():
    from dashboard.data.loader import load_bundle
    from dashboard.domain.context import build_context

    return build_context(load_bundle(config.DATA_DIR), as_of=AS_OF)


@pytest.fixture(scope="session")
def mini_data_dir(tmp_path_factory):
    """A data folder with the real geography and survey files and the six-row directory."""
    import shutil

    folder = tmp_path_factory.mktemp("mini-data")
    shutil.copytree(config.GEOGRAPHY_DIR, folder / "geography")
    for name in (
        "criminal_justice.csv",
        "survey_2023_published.csv",
        "survey_2023_recommendations.csv",
    ):
        shutil.copy(config.DATA_DIR / name, folder / name)
    shutil.copy(MINI_CSV, folder / "interventions.csv")
    return folder


@pytest.fixture(scope="session")
def mini_context(mini_data_dir):
    from dashboard.data.loader import load_bundle
    from dashboard.domain.context import build_context

    return build_context(load_bundle(mini_data_dir), as_of=AS_OF)
