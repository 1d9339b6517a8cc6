"""The text a rendered Dash component tree puts on screen, for tests that read it as a reader
would: each element's whole text (its descendants' strings joined, as the browser's
``textContent``), the accessible names and titles, and the figures' titles, axis titles,
annotations and legend entries."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from dash.development.base_component import Component

#: Component properties that hold text shown or read out.
TEXT_PROPS = ("title", "aria-label", "alt", "placeholder", "label")


def _figure_texts(figure) -> Iterator[str]:
    data = figure if isinstance(figure, dict) else figure.to_plotly_json()
    layout = data.get("layout") or {}

    def title_of(part) -> str | None:
        title = (part or {}).get("title")
        if isinstance(title, dict):
            return title.get("text")
        return title if isinstance(title, str) else None

    yield from filter(None, [title_of(layout)])
    for key, value in layout.items():
        if key.startswith(("xaxis", "yaxis")) and isinstance(value, dict):
            yield from filter(None, [title_of(value)])
    for annotation in layout.get("annotations") or ():
        if annotation.get("text"):
            yield str(annotation["text"])
    for trace in data.get("data") or ():
        if isinstance(trace.get("name"), str):
            yield trace["name"]


def _walk(node, found: list[str], leaf: Callable[[str], str]) -> str:
    """Append every element's text to ``found``; return ``node``'s own text."""
    if node is None or isinstance(node, bool):
        return ""
    if isinstance(node, str):
        return leaf(node)
    if isinstance(node, int | float):
        return str(node)
    if isinstance(node, list | tuple):
        return "".join(_walk(child, found, leaf) for child in node)
    if not isinstance(node, Component):
        return ""
    props = node.to_plotly_json()["props"]
    if props.get("lang") == "en":
        # Marked as English as published (a quote, a name, a recommendation's original): left
        # as it is, as the browser test of Welsh screens leaves it.
        return ""
    for name in TEXT_PROPS:
        if isinstance(props.get(name), str):
            found.append(leaf(props[name]))
    if props.get("figure") is not None:
        found.extend(leaf(text) for text in _figure_texts(props["figure"]))
    text = _walk(props.get("children"), found, leaf)
    if text:
        found.append(text)
    return text


def screen_texts(tree, leaf: Callable[[str], str] = str) -> list[str]:
    """Every text of ``tree`` (each element's whole text and its text properties), in order,
    without repeats. ``leaf`` maps each string of the tree before it is joined (to leave some
    out, say)."""
    found: list[str] = []
    _walk(tree, found, leaf)
    return list(dict.fromkeys(text for text in found if text.strip()))


def find_by_class(node, class_name: str) -> Component | None:
    """The first component of ``node``'s tree whose class list has ``class_name``."""
    if isinstance(node, list | tuple):
        return next((hit for child in node if (hit := find_by_class(child, class_name))), None)
    if not isinstance(node, Component):
        return None
    if class_name in (getattr(node, "className", None) or "").split():
        return node
    return find_by_class(getattr(node, "children", None), class_name)
