"""The order in which the test processes are handed their units of work (tests/support/workers.py):
browser tests, then the app's through the test client, then the rest; larger units first."""

from __future__ import annotations

from tests.support.workers import hand_out_order


def test_slow_folders_first_and_larger_units_first_within_a_folder():
    units = {
        "tests/unit/test_a.py": dict.fromkeys(("a", "b", "c", "d"), False),
        "tests/unit/test_b.py::test_one": {"x": False},
        "tests/integration/test_c.py::test_one": {"y": False},
        "tests/e2e/test_d.py::test_one": {"z": False},
        "tests/e2e/test_server.py": dict.fromkeys(("p", "q"), False),
    }
    ordered = sorted(units, key=lambda unit: hand_out_order(unit, units[unit]))
    assert ordered == [
        "tests/e2e/test_server.py",
        "tests/e2e/test_d.py::test_one",
        "tests/integration/test_c.py::test_one",
        "tests/unit/test_a.py",
        "tests/unit/test_b.py::test_one",
    ]
