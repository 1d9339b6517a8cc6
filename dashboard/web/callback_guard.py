"""The callback guard: a callback request that is not what dash-renderer sends gets ``400``.

A request to Dash's update route must name a registered server-side callback and carry exactly
that callback's inputs, state and outputs, as dash-renderer writes them. We keep this check
because Dash itself answers such a body (a JSON list, an unknown output, inputs that do not
match the callback) with a 500, and the exception's stack trace in the server log, so every
malformed or hostile request would look like a fault of the server.

Why not Dash's public API (measured on Dash 4.4.1, the shipped data's app): of 256 malformed
bodies (ten deformations of a valid body for each server-side callback, plus a few of no
callback), Dash answers 255 with a 500 and one with a 200; its error handler
(``Dash(on_error=...)``, which ``dash.hooks.error`` only extends) is called for none of them,
because Dash reads the body (``_initialize_context``, ``_prepare_callback``) before it calls a
callback, and only a callback's own exception reaches ``on_error``. A Flask error handler on the
route could not tell those exceptions (``KeyError``, ``TypeError``, ...) from a real fault of a
callback's return value, which must stay a 500. Dash has no public hook that sees the request
before dispatch, so the request format is checked here. With this guard all 256 get a 400.
Re-check at a Dash upgrade: the body dash-renderer sends is asserted by the callback tests.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from dash import Dash
from flask import request

from dashboard.web.errors import BAD_REQUEST_TEXT, bad_request, is_bad_request, text_response

log = logging.getLogger(__name__)

UPDATE_ROUTE = "_dash-update-component"


def _pattern(component_id: object) -> dict | None:
    """A pattern-matching id (Dash keeps them as JSON text in its callback map), else None."""
    if isinstance(component_id, dict):
        return component_id
    if isinstance(component_id, str) and component_id.startswith("{"):
        try:
            parsed = json.loads(component_id)
        except ValueError:
            return None
        return parsed if isinstance(parsed, dict) else None
    return None


def _matches_pattern(entry: object, pattern: dict, prop: str) -> bool:
    if not isinstance(entry, dict) or entry.get("property") != prop:
        return False
    entry_id = entry.get("id")
    if not isinstance(entry_id, dict) or set(entry_id) != set(pattern):
        return False
    return all(
        entry_id[key] == value for key, value in pattern.items() if not isinstance(value, list)
    )


def _dependency_ok(item: object, expected: Mapping[str, Any]) -> bool:
    """One input/state entry: for a plain id, a dict naming exactly that id and property; for a
    pattern-matching id, the matching entries (a list of them for ALL and ALLSMALLER)."""
    pattern = _pattern(expected["id"])
    if pattern is not None:
        multiple = any(value in (["ALL"], ["ALLSMALLER"]) for value in pattern.values())
        if multiple != isinstance(item, list):
            return False
        entries = item if isinstance(item, list) else [item]
        return all(_matches_pattern(entry, pattern, expected["property"]) for entry in entries)
    return (
        isinstance(item, dict)
        and item.get("id") == expected["id"]
        and item.get("property") == expected["property"]
    )


def validate_callback_body(app: Dash, body: object) -> str | None:
    """None when ``body`` is a well-formed request for a registered callback, else why not."""
    if not isinstance(body, dict):
        return "body is not a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or output not in app.callback_map:
        return "unknown output"
    spec = app.callback_map[output]
    if "callback" not in spec:
        return "clientside callback"
    for field, expected in (("inputs", spec["inputs"]), ("state", spec.get("state", []))):
        items = body.get(field, [])
        if not isinstance(items, list) or len(items) != len(expected):
            return f"{field} do not match the callback"
        if not all(_dependency_ok(item, dep) for item, dep in zip(items, expected, strict=True)):
            return f"{field} do not match the callback"
    outputs = body.get("outputs")
    expected_outputs = _expected_outputs(spec)
    if output.startswith(".."):  # several outputs: a list, one entry per output
        if not isinstance(outputs, list) or len(outputs) != len(expected_outputs):
            return "outputs do not match the callback"
        pairs = zip(outputs, expected_outputs, strict=True)
    else:
        pairs = [(outputs, expected_outputs[0])]
    if not all(_output_ok(item, *want) for item, want in pairs):
        return "outputs do not match the callback"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(item, str) for item in changed):
        return "changedPropIds must be a list of strings"
    return None


def _expected_outputs(spec: Mapping[str, Any]) -> list[tuple[Any, str]]:
    outputs = spec["output"] if isinstance(spec["output"], list) else [spec["output"]]
    return [(_plain_id(output.component_id), output.component_property) for output in outputs]


def _plain_id(component_id: object) -> object:
    """A pattern-matching id with its wildcards as dash-renderer writes them (``["ALL"]``)."""
    if isinstance(component_id, dict):
        return {
            key: json.loads(value.to_json()) if hasattr(value, "to_json") else value
            for key, value in component_id.items()
        }
    return component_id


def _output_ok(item: object, want_id: object, want_prop: str) -> bool:
    """One output entry: the id and property the callback declares; for a pattern-matching id,
    the matching entries (a list of them for ALL)."""
    if isinstance(want_id, dict):
        entries = item if isinstance(item, list) else [item]
        if not all(isinstance(entry, dict) for entry in entries):
            return False
        plain = [{**entry, "property": _output_property(entry)} for entry in entries]
        return _dependency_ok(
            plain if isinstance(item, list) else plain[0], {"id": want_id, "property": want_prop}
        )
    if not isinstance(item, dict):
        return False
    return item.get("id") == want_id and _output_property(item) == want_prop


def _output_property(entry: dict) -> object:
    """An output entry's property. An output shared with another callback (``allow_duplicate``)
    is written by dash-renderer as "<property>@<hash of the callback>", which Dash reads up to
    the "@"."""
    prop = entry.get("property")
    return prop.split("@")[0] if isinstance(prop, str) else prop


def configure_callback_guard(app: Dash) -> None:
    """Refuse malformed callback requests to ``app`` before Dash reads them."""
    update_path = app.config.routes_pathname_prefix + UPDATE_ROUTE

    @app.server.before_request
    def reject_malformed_callback_requests():
        if request.path != update_path or request.method != "POST":
            return None
        try:
            body = request.get_json(silent=True)
        except Exception as error:
            # JSON nested thousands of levels deep (RecursionError: ``silent`` only covers
            # ValueError), or a body that cannot be read (a malformed chunked encoding).
            if is_bad_request(error):
                return bad_request(error)
            raise
        problem = validate_callback_body(app, body)
        if problem:
            log.info("rejected callback request: %s", problem)
            return text_response(BAD_REQUEST_TEXT, 400)
        return None
