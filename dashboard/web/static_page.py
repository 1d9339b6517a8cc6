"""A page's component tree written once as static HTML: an area's profile in its report, a file
that opens offline with no Dash renderer (``dashboard/web/report_route.py``).

The report shows the profile's own components (``layouts/profile.py``), so what it says cannot
drift from the page. Only what a profile holds has a static form: Dash's HTML elements, charts
(written by ``graph``), links (their text: a file opened from disk has no app to link to), and
Bootstrap's rows, columns and alerts. Anything else is refused with its name, never dropped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Final

from dash.development.base_component import Component

#: A chart's static HTML from its component id, figure and config.
GraphWriter = Callable[[str, Mapping[str, Any], Mapping[str, Any]], str]

HTML_NAMESPACE: Final = "dash_html_components"
#: Dash's property names that are not the HTML attribute's.
ATTRIBUTE_NAMES: Final = MappingProxyType(
    {"className": "class", "colSpan": "colspan", "rowSpan": "rowspan"}
)
#: Properties written as attributes (with ``aria-*`` and ``data-*``); the rest are Dash's own.
ATTRIBUTES: Final = frozenset(
    {
        "className",
        "id",
        "lang",
        "title",
        "role",
        "scope",
        "colSpan",
        "rowSpan",
        "href",
        "headers",
        "dir",
    }
)
#: Attributes present or absent (``<details open>``).
BOOLEAN_ATTRIBUTES: Final = frozenset({"open", "hidden"})
VOID_ELEMENTS: Final = frozenset({"br", "hr", "img", "wbr"})
#: Bootstrap's column widths, by breakpoint property.
BREAKPOINTS: Final = ("xs", "sm", "md", "lg", "xl", "xxl")


def to_html(node: Any, graph: GraphWriter) -> str:
    """``node`` (a component, text, a number, a list of them or None) as HTML."""
    if node is None or node is False:
        return ""
    if isinstance(node, str):
        return html.escape(node, quote=False)
    if isinstance(node, int | float):
        return html.escape(str(node), quote=False)
    if isinstance(node, list | tuple):
        return "".join(to_html(child, graph) for child in node)
    if not isinstance(node, Component):
        raise TypeError(f"{type(node).__name__} has no static form")
    props = node.to_plotly_json()["props"]
    children = to_html(props.get("children"), graph)
    namespace, kind = node._namespace, node._type
    if namespace == HTML_NAMESPACE:
        tag = kind.lower()
        if tag in VOID_ELEMENTS:
            return f"<{tag}{_attributes(props)}>"
        return f"<{tag}{_attributes(props)}>{children}</{tag}>"
    if (namespace, kind) == ("dash_core_components", "Graph"):
        figure = graph(
            str(props.get("id", "")), props.get("figure") or {}, props.get("config") or {}
        )
        return f"<div{_attributes({'className': props.get('className')})}>{figure}</div>"
    if (namespace, kind) == ("dash_core_components", "Link"):
        return f"<span{_attributes({'className': props.get('className')})}>{children}</span>"
    if namespace == "dash_bootstrap_components" and kind in ("Row", "Col", "Alert"):
        return f"<div{_attributes({**props, 'className': _bootstrap_class(kind, props)})}>{children}</div>"
    raise TypeError(f"{namespace}.{kind} has no static form")


def _bootstrap_class(kind: str, props: Mapping[str, Any]) -> str:
    """The classes Bootstrap's React component would give its ``div``."""
    own = props.get("className") or ""
    if kind == "Row":
        return f"row {own}".strip()
    if kind == "Alert":
        return f"alert alert-{props.get('color', 'primary')} {own}".strip()
    widths = [f"col-{point}-{props[point]}" for point in BREAKPOINTS if props.get(point)]
    return " ".join([*(widths or ["col"]), own]).strip()


def _attributes(props: Mapping[str, Any]) -> str:
    parts = []
    for name, value in props.items():
        if value is None or name == "children":
            continue
        if name in BOOLEAN_ATTRIBUTES:
            if value:
                parts.append(f" {name}")
            continue
        if name == "id" and not isinstance(value, str):
            continue  # a pattern-matching id (a dict) means nothing outside Dash
        if name == "style" and isinstance(value, Mapping):
            text = ";".join(f"{_kebab(key)}:{item}" for key, item in value.items())
        elif name in ATTRIBUTES or name.startswith(("aria-", "data-")):
            text = str(value)
        else:
            continue
        attribute = ATTRIBUTE_NAMES.get(name, name)
        parts.append(f' {attribute}="{html.escape(text, quote=True)}"')
    return "".join(parts)


def _kebab(name: str) -> str:
    """``backgroundColor`` -> ``background-color``."""
    return re.sub(r"(?<!^)([A-Z])", r"-\1", name).lower()
