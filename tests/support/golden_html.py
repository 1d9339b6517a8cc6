"""A report's (or the deck's) normal form: a short text that changes whenever the page does, and
whose diff says where.

A report is about 1.7 MB, nearly all of it plotly.js, the world's outline and chart data. Its
normal form is:

* ``page sha256 ...``: a hash of the whole page (after the one normalisation below), so any
  change at all, whitespace included, is seen;
* the markup in order, one tag or text per line (whitespace runs shown as one space, text that
  is only whitespace left out): what a reader sees, and every element and attribute around it;
* in place of each script or style, its hash and length; for a plotly chart
  (``Plotly.newPlot(id, data, layout, config)``) a hash of each trace (with its type and name),
  of the layout (with its title) and of the config, and of the script around them; for a JSON
  script (the deck's figures), a hash of each figure's traces and layout found in it, and of the
  whole JSON.

Normalised: plotly's chart ids only. ``plotly.io.to_html`` names each chart's ``div`` with a new
random UUID; every UUID in the page becomes ``uuid-1``, ``uuid-2``, ... in order of first
appearance. Nothing else differs between two runs (the time a report says it was generated is
held still by :mod:`tests.support.frozen_clock`, not rewritten here).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator

UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")
#: A script or style element: its start tag, its kind and its text.
RAW_ELEMENT = re.compile(r"(<(script|style)\b[^>]*>)(.*?)</\2\s*>", re.S | re.I)
TOKEN = re.compile(r"<[^>]*>|[^<]+")
NEW_PLOT = "Plotly.newPlot("
#: A tag longer than this is shown cut, with the hash of the whole.
LONGEST_TAG = 240


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_json(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def numbered_uuids(page: str) -> str:
    """``page`` with each distinct UUID replaced by ``uuid-<n>``, numbered as they first appear."""
    numbers: dict[str, int] = {}

    def number(match: re.Match) -> str:
        return f"uuid-{numbers.setdefault(match.group(0), len(numbers) + 1)}"

    return UUID.sub(number, page)


def normal_form(page: str) -> str:
    """The normal form of a whole HTML page, one line per item, ending in a newline."""
    page = numbered_uuids(page)
    lines = [f"page sha256 {sha256(page)} ({len(page)} characters)"]
    position = 0
    for match in RAW_ELEMENT.finditer(page):
        lines += markup_lines(page[position : match.start()])
        start_tag, kind, text = match.groups()
        lines.append(_tag_line(start_tag))
        lines += ["  " + line for line in raw_lines(kind.lower(), start_tag, text)]
        position = match.end()
    lines += markup_lines(page[position:])
    return "\n".join(lines) + "\n"


def markup_lines(markup: str) -> list[str]:
    """One line per tag and per text (whitespace runs as one space; blank texts dropped)."""
    lines = []
    for token in TOKEN.findall(markup):
        if token.startswith("<"):
            lines.append(_tag_line(token))
        elif token.strip():
            lines.append("| " + " ".join(token.split()))
    return lines


def _tag_line(tag: str) -> str:
    tag = " ".join(tag.split())
    if len(tag) <= LONGEST_TAG:
        return tag
    return f"{tag[:LONGEST_TAG]}... ({len(tag)} characters, sha256 {sha256(tag)})"


def raw_lines(kind: str, start_tag: str, text: str) -> list[str]:
    """What stands for a script's or style's text."""
    chart = plotly_script_lines(text) if kind == "script" and NEW_PLOT in text else None
    if chart is not None:
        return chart
    if kind == "script" and "application/json" in start_tag:
        try:
            value = json.loads(text)
        except ValueError:
            pass
        else:
            return [
                f"json sha256 {sha256(canonical_json(value))}",
                *(
                    line
                    for path, figure in figures_in(value)
                    for line in figure_lines(path, figure)
                ),
            ]
    return [f"{kind} sha256 {sha256(text)} ({len(text)} characters)"]


def plotly_script_lines(text: str) -> list[str] | None:
    """A chart's script: each argument of ``Plotly.newPlot`` hashed, and the script around them
    (None when its arguments are not JSON: a script that draws charts from elsewhere)."""
    decoder = json.JSONDecoder()
    start = text.index(NEW_PLOT) + len(NEW_PLOT)
    arguments, spans, position = [], [], start
    for _ in range(4):  # the div's id, data, layout, config
        while position < len(text) and text[position] in " \t\r\n,":
            position += 1
        try:
            value, end = decoder.raw_decode(text, position)
        except ValueError:
            return None
        arguments.append(value)
        spans.append((position, end))
        position = end
    chart_id, data, layout, config = arguments
    around = text
    for index, (begin, end) in reversed(list(enumerate(spans))):
        around = around[:begin] + f"<argument {index}>" + around[end:]
    return [
        f"script sha256 {sha256(around)} (the script with its four arguments taken out)",
        *figure_lines(f"plotly chart {chart_id}", {"data": data, "layout": layout}),
        f"config sha256 {sha256(canonical_json(config))}",
    ]


def figures_in(value: object, path: str = "") -> Iterator[tuple[str, dict]]:
    """Every plotly figure (a mapping with ``data`` and ``layout``) in a JSON value, by path."""
    if isinstance(value, dict):
        if "data" in value and "layout" in value:
            yield path or "/", value
            return
        for key, item in value.items():
            yield from figures_in(item, f"{path}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from figures_in(item, f"{path}/{index}")


def figure_lines(label: str, figure: dict) -> list[str]:
    """A figure's traces, one line each (type, name, hash), and its layout (title, hash)."""
    lines = [f"figure {label}"]
    for index, trace in enumerate(figure.get("data") or []):
        name = trace.get("name") if isinstance(trace, dict) else None
        kind = trace.get("type", "?") if isinstance(trace, dict) else "?"
        named = f" {json.dumps(name, ensure_ascii=False)}" if isinstance(name, str) else ""
        lines.append(f"  trace {index} {kind}{named} sha256 {sha256(canonical_json(trace))}")
    layout = figure.get("layout") or {}
    title = layout.get("title") if isinstance(layout, dict) else None
    title = title.get("text") if isinstance(title, dict) else title
    titled = f" title {json.dumps(title, ensure_ascii=False)}" if isinstance(title, str) else ""
    lines.append(f"  layout{titled} sha256 {sha256(canonical_json(layout))}")
    return lines
