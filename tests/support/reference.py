"""Values the tests share and import by name: the fixture files and the reference date.

Here rather than in tests/conftest.py: pytest loads every conftest.py as a module named
``conftest``, so ``from conftest import ...`` finds whichever was loaded last.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MINI_CSV = FIXTURES / "mini_interventions.csv"
#: Reference date for precarity: financial year 2026-27.
AS_OF = dt.date(2026, 11, 25)
