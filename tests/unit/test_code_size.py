"""No function over 80 lines, no module over 400 code lines, in the app's own code (issue 25).

A function's length runs from its ``def`` line to its last line, its docstring included; a
module's code lines are its lines that are neither blank, nor a comment, nor part of a docstring.
The offenders still being split are listed below: the list may only shrink. A new offender fails,
and so does a listed one that no longer offends (take it off the list).
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: The packages held to the limits (tests, bench and scripts are not the app).
PACKAGES = ("dashboard", "layouts", "callbacks")
MAX_FUNCTION_LINES = 80
MAX_MODULE_CODE_LINES = 400

#: Functions still over the limit, as "path::qualified name". To be emptied: split each one,
#: then remove it here (the test says when).
ALLOWED_LONG_FUNCTIONS: frozenset[str] = frozenset()
#: Modules still over the limit. To be emptied the same way.
ALLOWED_LONG_MODULES: frozenset[str] = frozenset()


def modules() -> list[Path]:
    return sorted(path for package in PACKAGES for path in (ROOT / package).rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def function_lengths(tree: ast.AST, prefix: str = "") -> Iterator[tuple[str, int]]:
    """(qualified name, lines) of every function in ``tree``, nested ones too."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            name = prefix + node.name
            yield name, node.end_lineno - node.lineno + 1
            yield from function_lengths(node, name + ".")
        elif isinstance(node, ast.ClassDef):
            yield from function_lengths(node, prefix + node.name + ".")
        else:
            yield from function_lengths(node, prefix)


def docstring_lines(tree: ast.AST) -> set[int]:
    """The line numbers of every module, class and function docstring."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                lines.update(range(body[0].lineno, body[0].end_lineno + 1))
    return lines


def code_lines(source: str) -> int:
    """Lines holding code: not blank, not only a comment, not in a docstring."""
    tree = ast.parse(source)
    skipped = docstring_lines(tree)
    with_code: set[int] = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in (
            tokenize.COMMENT,
            tokenize.NL,
            tokenize.NEWLINE,
            tokenize.INDENT,
            tokenize.DEDENT,
            tokenize.ENDMARKER,
        ):
            continue
        # A token may span lines (a long string): each of its lines holds code.
        with_code.update(range(token.start[0], token.end[0] + 1))
    return len(with_code - skipped)


def long_functions() -> dict[str, int]:
    found = {}
    for path in modules():
        for name, lines in function_lengths(ast.parse(path.read_text(encoding="utf-8"))):
            if lines > MAX_FUNCTION_LINES:
                found[f"{_name(path)}::{name}"] = lines
    return found


def long_modules() -> dict[str, int]:
    found = {}
    for path in modules():
        lines = code_lines(path.read_text(encoding="utf-8"))
        if lines > MAX_MODULE_CODE_LINES:
            found[_name(path)] = lines
    return found


def test_counting_rules_hand_counted():
    source = (
        '"""Module docstring,\non two lines."""\n'
        "\n"
        "# a comment\n"
        "def f(x):\n"
        '    """Its docstring."""\n'
        "    y = (\n"
        "        x  # a trailing comment\n"
        "    )\n"
        "\n"
        "    return y\n"
        "\n"
        "\n"
        "class C:\n"
        "    def g(self):\n"
        "        def inner():\n"
        "            return 1\n"
        "        return inner\n"
    )
    # Code: def f, y = (, x, ), return y, class C, def g, def inner, return 1, return inner.
    assert code_lines(source) == 10
    assert dict(function_lengths(ast.parse(source))) == {
        "f": 7,
        "C.g": 4,
        "C.g.inner": 2,
    }


def test_no_new_long_function():
    found = long_functions()
    new = {name: lines for name, lines in found.items() if name not in ALLOWED_LONG_FUNCTIONS}
    assert not new, f"functions over {MAX_FUNCTION_LINES} lines (split them): {new}"


def test_allowed_long_functions_still_offend():
    fixed = sorted(ALLOWED_LONG_FUNCTIONS - set(long_functions()))
    assert not fixed, f"no longer over the limit: remove from ALLOWED_LONG_FUNCTIONS: {fixed}"


def test_no_new_long_module():
    found = long_modules()
    new = {name: lines for name, lines in found.items() if name not in ALLOWED_LONG_MODULES}
    assert not new, f"modules over {MAX_MODULE_CODE_LINES} code lines (split them): {new}"


def test_allowed_long_modules_still_offend():
    fixed = sorted(ALLOWED_LONG_MODULES - set(long_modules()))
    assert not fixed, f"no longer over the limit: remove from ALLOWED_LONG_MODULES: {fixed}"
