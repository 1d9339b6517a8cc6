"""docs/ARCHITECTURE.md names every module under ``dashboard/``, and names none that is not there
(issue 25: "every module under dashboard/ is named in docs/ARCHITECTURE.md").

The note's module table has one row per package (``dashboard/data``, ``dashboard/domain``,
``dashboard/views``, ``dashboard/web``); each row lists its modules as comma-separated entries,
each starting with the module's name in backticks (two joined by ``+``, like ``panel_registry`` +
``panels.toml``), followed by what it does in brackets. Names inside the brackets are classes,
functions or files, not modules, so only the entries' own names are read. The top-level modules
of ``dashboard/`` are named in the layer diagram and the text around it.
"""

from __future__ import annotations

import re

from dashboard import config

ROOT = config.PROJECT_ROOT
NOTE = ROOT / "docs" / "ARCHITECTURE.md"
PACKAGES = ("data", "domain", "views", "web")
BACKTICKED = re.compile(r"`([^`]+)`")


def table_row(note: str, package: str) -> str:
    """The module cell of ``dashboard/<package>``'s row."""
    for line in note.splitlines():
        if line.startswith(f"| `dashboard/{package}` |"):
            return line.split("|")[2]
    raise AssertionError(f"docs/ARCHITECTURE.md has no table row for dashboard/{package}")


def outside_brackets(text: str) -> str:
    """``text`` with every bracketed part (nested too) removed."""
    kept: list[str] = []
    depth = 0
    for character in text:
        if character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
        elif depth == 0:
            kept.append(character)
    return "".join(kept)


def named_modules(cell: str) -> set[str]:
    """The module names a row names for itself: ``views``'s ``panels.toml`` is a file, kept."""
    names = set()
    for name in BACKTICKED.findall(outside_brackets(cell)):
        names.add(name.removesuffix("/").removesuffix(".py"))
    return names


def modules_of(package: str) -> set[str]:
    """The package's modules and subpackages, and its data files (``.toml``) the table names."""
    folder = ROOT / "dashboard" / package
    names = {path.stem for path in folder.glob("*.py") if path.stem != "__init__"}
    names |= {path.name for path in folder.glob("*.toml")}
    names |= {path.name for path in folder.iterdir() if (path / "__init__.py").exists()}
    return names


def test_hand_read_cell():
    cell = " `a` (one job, `Class`), `b` + `b.toml` (`f(x)` and (`nested`)), `pkg/` (steps) "
    assert named_modules(cell) == {"a", "b", "b.toml", "pkg"}


def test_every_module_is_named_in_its_row_and_every_name_is_a_module():
    note = NOTE.read_text(encoding="utf-8")
    problems = []
    for package in PACKAGES:
        named = named_modules(table_row(note, package))
        present = modules_of(package)
        if missing := sorted(present - named):
            problems.append(f"dashboard/{package}: not named in the note: {missing}")
        if stale := sorted(named - present):
            problems.append(f"dashboard/{package}: named but not there: {stale}")
    assert not problems, "\n".join(problems)


def test_every_top_level_module_is_named():
    note = NOTE.read_text(encoding="utf-8")
    top_level = sorted(path.stem for path in (ROOT / "dashboard").glob("*.py"))
    missing = [name for name in top_level if name != "__init__" and f"{name}.py" not in note]
    assert not missing, f"dashboard/: not named in docs/ARCHITECTURE.md: {missing}"
