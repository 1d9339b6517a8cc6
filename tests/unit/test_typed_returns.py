"""No public view or domain function returns a plain dict (issue 25): a view is a frozen
dataclass; a lookup (area -> cell, area -> names) is returned as a read-only ``Mapping``. Read
from the return annotations (``ast``): a public function of ``dashboard/domain`` or
``dashboard/views`` annotated ``dict`` or ``dict[...]`` fails, unless listed below, and a listed
one that no longer is fails too (the list may only shrink)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("dashboard/domain", "dashboard/views")

#: Plotly's own JSON (a figure or a fragment of one: layout, traces, annotations), which is a dict
#: by definition and is handed straight to plotly; and the directory's rows, JSON records handed
#: to dash-ag-grid as its ``rowData`` (a component property, serialised as JSON).
ALLOWED: frozenset[str] = frozenset(
    {
        "dashboard/views/directory.py::directory_rows",
        "dashboard/views/directory.py::grid_rows",
        "dashboard/views/figures_map.py::geo_layout",
        "dashboard/views/figures_map.py::frame",
        "dashboard/views/figures_map.py::filled_map",
        "dashboard/views/figures_map.py::only_locations",
        "dashboard/views/map_labels.py::map_labels",
        "dashboard/views/map_labels.py::named_labels",
        "dashboard/views/map_values.py::map_values",
        "dashboard/views/theme.py::layout",
    }
)


def dict_returning(source: str) -> list[str]:
    """The public top-level functions of ``source`` whose return annotation names ``dict``."""
    found = []
    for node in ast.parse(source).body:
        if (
            isinstance(node, ast.FunctionDef)
            and not node.name.startswith("_")
            and node.returns is not None
            and any(
                isinstance(part, ast.Name) and part.id in ("dict", "Dict")
                for part in ast.walk(node.returns)
            )
        ):
            found.append(node.name)
    return found


def offenders() -> set[str]:
    found = set()
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            found |= {f"{name}::{each}" for each in dict_returning(path.read_text("utf-8"))}
    return found


def test_hand_read_module():
    source = (
        "def a() -> dict: ...\n"
        "def b() -> tuple[dict[str, int], int]: ...\n"
        "def c() -> Mapping[str, int]: ...\n"
        "def _d() -> dict: ...\n"
        "def e(): ...\n"
    )
    assert dict_returning(source) == ["a", "b"]


def test_no_public_function_returns_a_plain_dict():
    new = sorted(offenders() - ALLOWED)
    assert not new, f"return a frozen dataclass or a read-only Mapping: {new}"


def test_allowed_ones_still_do():
    gone = sorted(ALLOWED - offenders())
    assert not gone, f"no longer return a dict: take them off ALLOWED: {gone}"
