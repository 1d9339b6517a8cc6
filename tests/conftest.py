"""Shared fixtures: the real built data, and a six-row directory whose counts are known by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard import config
from dashboard.loader import load_interventions, load_lookup
from dashboard.model import build_directory

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
