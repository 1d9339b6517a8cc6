"""The layer rule, read from the imports (docs/ARCHITECTURE.md, "Layers"): nothing in
``dashboard/`` imports ``layouts`` or ``callbacks``, and ``layouts`` never imports ``callbacks``.
Every import counts, also one inside a function; the code is read (``ast``), not run."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from dashboard import config

ROOT = config.PROJECT_ROOT
#: Each layer and the top-level packages it must not import.
FORBIDDEN = {
    "dashboard": ("layouts", "callbacks"),
    "layouts": ("callbacks",),
}
#: Arrows that still run back up, each with the change that removes it. The test fails when an
#: entry is no longer true, so the list cannot outlive the arrow. (Empty: the column registry
#: took the last one, ``dashboard.catalogue`` reading layouts' label tables.)
PENDING: frozenset[tuple[str, str]] = frozenset()


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, root: Path = ROOT) -> set[str]:
    """The top-level package of every module ``path`` imports (relative imports: its own)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                found.add(module_name(path, root).split(".")[0])
            elif node.module:
                found.add(node.module.split(".")[0])
    return found


def violations() -> set[tuple[str, str]]:
    """(module, forbidden package) for every import that breaks the rule."""
    return {
        (module_name(path), package)
        for layer, banned in FORBIDDEN.items()
        for path in sorted((ROOT / layer).rglob("*.py"))
        for package in imported(path) & set(banned)
    }


def test_the_layers_are_where_the_rule_expects():
    for layer in FORBIDDEN:
        assert any((ROOT / layer).rglob("*.py")), f"no modules under {layer}/"


def test_imports_follow_the_layer_rule():
    assert violations() - PENDING == set()


def test_every_pending_arrow_is_still_there():
    """A pending arrow removed is taken off the list (see :data:`PENDING`)."""
    assert violations() >= PENDING


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("import layouts.shell", {"layouts"}),
        ("from callbacks.common import reads_search", {"callbacks"}),
        ("def f():\n    from layouts import directory\n", {"layouts"}),
        ("from . import ids", {"dashboard"}),
    ],
)
def test_imports_are_read_wherever_they_are(tmp_path, source, found):
    package = tmp_path / "dashboard" / "web"
    package.mkdir(parents=True)
    module = package / "example.py"
    module.write_text(source, encoding="utf-8")
    assert imported(module, tmp_path) == found
