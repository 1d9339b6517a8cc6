"""What the test processes of one run share (pytest-xdist runs the tests in two at once).

They share the run's scratch folder (tests/conftest.py), and with it the compressed copies of the
static bundles; :func:`exclusive` lets one process at a time do work that the others then reuse.

Tests that share a module's fixture (a gunicorn started for a module, a module's rendered pages)
are one unit of work, which one process runs, making the fixture once; every other test is a unit
of its own, so the two processes stay evenly busy. xdist's own ``--dist loadgroup`` would do this
from ``xdist_group`` marks, but with pytest 9 its renaming of the tests' ids (how the marks reach
the scheduler) no longer takes effect; and only the test processes collect the tests, so the
scheduler, in the starting process, learns the units from the file they write
(:func:`write_units`), before they report their collections.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

from xdist.scheduler import LoadScopeScheduling

UNITS_FILE = "xdist-units.json"


@contextlib.contextmanager
def exclusive(lock: Path) -> Iterator[None]:
    """Hold the lock file ``lock`` (made if missing): one process at a time gets past here."""
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_units(scratch: Path, units: Mapping[str, str]) -> None:
    """Record which unit of work each grouped test (by node id) belongs to. Every test process
    writes the same, whole (a rename), so the scheduler never reads a part."""
    partial = scratch / f"{UNITS_FILE}.{os.getpid()}.part"
    partial.write_text(json.dumps(dict(units)), encoding="utf-8")
    partial.replace(scratch / UNITS_FILE)


class SharedFixtureScheduling(LoadScopeScheduling):
    """xdist's scheduling by unit of work (``--dist loadscope``; the largest units are handed out
    first) with the units of :func:`write_units`."""

    def __init__(self, config, log, scratch: Path):
        super().__init__(config, log)
        self.units_file = scratch / UNITS_FILE
        self.units: dict[str, str] | None = None

    def _split_scope(self, nodeid: str) -> str:
        if self.units is None:  # first asked once every test process has collected
            found = self.units_file.is_file()
            self.units = json.loads(self.units_file.read_text(encoding="utf-8")) if found else {}
        return self.units.get(nodeid, nodeid)
