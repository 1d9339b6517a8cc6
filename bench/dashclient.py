"""A minimal stand-in for dash-renderer: real callback requests, over any HTTP transport.

It reads ``/_dash-layout`` and ``/_dash-dependencies`` exactly as the browser does, keeps the
props of every component it has seen, and when a prop changes it POSTs the same JSON body the
renderer would (``output``, ``outputs``, ``inputs``, ``state``, ``changedPropIds``) to
``/_dash-update-component``, applies the response and follows the chain of callbacks that the
response triggers. Responses are the real HTTP bodies, so their sizes are what a browser receives.

Simplifications (documented): callbacks with pattern-matching inputs, and clientside
callbacks, are not run (on the overview: the "Show as table" toggles' own callback, and the
charts' catch-up before they are mounted); a pattern-matching output or state (``ALL``) is sent,
as dash-renderer sends it, as the list of the components present that match it; Patch responses are recorded but not applied (no callback of
this app takes a patched prop as input), and callbacks run one at a time. What a page's own
scripts set once the page is drawn (on the overview, :data:`OVERVIEW_DRAWN`: the signal that the
map is drawn, which mounts the drill-down charts) is given as ``drawn`` and set after each page
load's first chain, as the browser would.

Why not the real dash-renderer: it runs only in a browser, and Dash has no public client of its
callback protocol. The load test (``python -m bench.load``) runs 50 users at once, each its own
session, on a 2-core machine beside the server it measures; 50 headless Chromium tabs with the
overview drawn would measure the browsers, not the server. The integration tests use it to
drive callback chains through Flask's test client, without a browser. What keeps it honest: the
bodies it sends are the ones :mod:`dashboard.web.callback_guard` accepts (a body dash-renderer
would not send gets a 400 there), and the browser tests drive the same chains through the real
dash-renderer. Re-check at a Dash upgrade, with the callback guard.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

#: (status, body bytes, headers) of one HTTP request.
Reply = tuple[int, bytes, dict[str, str]]
#: post(path, json_body) and get(path) for one transport (Flask test client, requests, ...).
Post = Callable[[str, dict], Reply]
Get = Callable[[str], Reply]

UPDATE_PATH = "/_dash-update-component"
#: What the overview's own script sets once its map is drawn (``ids.PANELS_READY``; plain text
#: here so that this client stays independent of the dashboard's code).
OVERVIEW_DRAWN = {("ov-panels-ready", "data"): True}


def split_output(output: str) -> list[tuple[str, str]]:
    """``"..a.b...c.d.."`` or ``"a.b"`` -> [(id, prop), ...]; a pattern-matching id stays as
    its JSON text (``{"panel":["ALL"],"type":"t"}``)."""
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    return [tuple(part.rsplit(".", 1)) for part in parts]  # type: ignore[misc]


def _id_text(component_id: object) -> str:
    """A dependency's id as text: a string id itself, a pattern-matching id as its JSON."""
    return dict_id_text(component_id) if isinstance(component_id, dict) else str(component_id)


def dict_id_text(component_id: dict) -> str:
    """A pattern-matching id as dash-renderer writes it: JSON, keys sorted, no spaces."""
    return json.dumps(component_id, sort_keys=True, separators=(",", ":"))


def matches(pattern_text: str, component_id: dict) -> bool:
    """Whether a component's dict id matches a pattern-matching output's id (``["ALL"]``
    wildcards; every other key equal)."""
    pattern = json.loads(pattern_text)
    return set(pattern) == set(component_id) and all(
        value == ["ALL"] or component_id[key] == value for key, value in pattern.items()
    )


@dataclass
class Callback:
    output: str
    outputs: list[tuple[str, str]]
    inputs: list[tuple[str, str]]
    state: list[tuple[str, str]]
    prevent_initial_call: bool
    clientside: bool
    pattern: bool

    @property
    def multi(self) -> bool:
        return self.output.startswith("..")


def parse_dependencies(dependencies: list[dict]) -> list[Callback]:
    callbacks = []
    for item in dependencies:
        pattern = any(isinstance(dep["id"], dict) for dep in item["inputs"])
        callbacks.append(
            Callback(
                output=item["output"],
                outputs=[] if pattern else split_output(item["output"]),
                inputs=[(str(dep["id"]), dep["property"]) for dep in item["inputs"]],
                state=[(_id_text(dep["id"]), dep["property"]) for dep in item["state"]],
                prevent_initial_call=bool(item.get("prevent_initial_call")),
                clientside=bool(item.get("clientside_function")),
                pattern=pattern,
            )
        )
    return callbacks


def walk_components(node: Any) -> Iterable[dict]:
    """Every component (as JSON) inside a layout fragment."""
    if isinstance(node, list):
        for item in node:
            yield from walk_components(item)
    elif isinstance(node, dict) and "props" in node and "type" in node:
        yield node
        for value in node["props"].values():
            if isinstance(value, (list, dict)):
                yield from walk_components(value)


@dataclass
class Call:
    """One callback request and its reply."""

    output: str
    status: int
    seconds: float
    raw_bytes: int
    wire_bytes: int
    encoding: str
    body: bytes = field(repr=False)


def request_body(
    callback: Callback,
    props: dict,
    changed: Iterable[tuple[str, str]],
    dict_ids: Iterable[dict] = (),
) -> dict:
    """The JSON body dash-renderer sends for ``callback`` given the current props and the
    components with dict ids present (``dict_ids``, matched by its ``ALL`` outputs)."""

    present = list(dict_ids)

    def dep(key: tuple[str, str]) -> dict | list:
        if key[0].startswith("{"):  # ALL: each component present that matches, with its value
            return [
                {"id": each, "property": key[1], "value": props.get((dict_id_text(each), key[1]))}
                for each in present
                if matches(key[0], each)
            ]
        item = {"id": key[0], "property": key[1]}
        if key in props:
            item["value"] = props[key]
        return item

    outputs = [
        [{"id": each, "property": p} for each in present if matches(i, each)]
        if i.startswith("{")
        else {"id": i, "property": p}
        for i, p in callback.outputs
    ]
    return {
        "output": callback.output,
        "outputs": outputs if callback.multi else outputs[0],
        "inputs": [dep(key) for key in callback.inputs],
        "changedPropIds": [f"{i}.{p}" for i, p in changed if (i, p) in callback.inputs],
        "state": [dep(key) for key in callback.state],
    }


class Session:
    """One simulated browser tab on a Dash app."""

    def __init__(
        self,
        post: Post,
        get: Get,
        *,
        max_rounds: int = 12,
        drawn: dict[tuple[str, str], Any] | None = None,
    ):
        self.post = post
        self.get = get
        self.max_rounds = max_rounds
        #: Props the page's own scripts set once it is drawn (see the module's docstring).
        self.drawn = dict(OVERVIEW_DRAWN if drawn is None else drawn)
        self.props: dict[tuple[str, str], Any] = {}
        self.present: set[str] = set()
        #: The components with dict ids present (by their JSON text), which ``ALL`` outputs match.
        self.dict_ids: dict[str, dict] = {}
        #: The window's URL (path, search): what a Location drawn later starts from.
        self.window: tuple[str, str] = ("/", "")
        self.calls: list[Call] = []
        status, body, headers = get("/_dash-dependencies")
        body = decode(body, _encoding(headers))
        if status != 200:
            raise RuntimeError(f"/_dash-dependencies answered {status}")
        self.callbacks = [
            cb
            for cb in parse_dependencies(json.loads(body))
            if not cb.pattern and not cb.clientside
        ]

    # -- layout -------------------------------------------------------------------------------
    def _register(self, fragment: Any) -> set[str]:
        added = set()
        for component in walk_components(fragment):
            component_id = component["props"].get("id")
            if isinstance(component_id, dict):
                text = dict_id_text(component_id)
                self.dict_ids[text] = component_id
                for prop, value in component["props"].items():
                    self.props[(text, prop)] = value
                continue
            if not isinstance(component_id, str):
                continue
            added.add(component_id)
            for prop, value in component["props"].items():
                self.props[(component_id, prop)] = value
            if component["type"] == "Location" and "pathname" not in component["props"]:
                # A Location drawn later (in a page body) reads the window's one URL.
                self.props[(component_id, "pathname")] = self.window[0]
                self.props[(component_id, "search")] = self.window[1]
        self.present |= added
        return added

    def open(self, url: str) -> list[Call]:
        """Load the page at ``url``: layout, then every initial callback and what follows."""
        self.props.clear()
        self.present.clear()
        self.dict_ids.clear()
        path, _, query = url.partition("?")
        self.window = (path or "/", f"?{query}" if query else "")
        status, body, headers = self.get("/_dash-layout")
        body = decode(body, _encoding(headers))
        if status != 200:
            raise RuntimeError(f"/_dash-layout answered {status}")
        added = self._register(json.loads(body))
        for component_id in list(added):
            if self.props.get((component_id, "refresh")) is not None or component_id.endswith(
                "url"
            ):
                self.props[(component_id, "pathname")], self.props[(component_id, "search")] = (
                    self.window
                )
        calls = self._run(set(), added)
        signals = {key: value for key, value in self.drawn.items() if key[0] in self.present}
        return calls + (self.set(signals) if signals else [])

    # -- interactions ---------------------------------------------------------------------------
    def set(self, updates: dict[tuple[str, str], Any]) -> list[Call]:
        """The user changed these props; run every callback that follows."""
        changed = set()
        for key, value in updates.items():
            if self.props.get(key) != value:
                self.props[key] = value
                changed.add(key)
        return self._run(changed, set())

    def _location_ids(self) -> list[str]:
        return [
            component_id
            for component_id in self.present
            if (component_id, "pathname") in self.props and component_id.endswith("url")
        ]

    def _run(self, changed: set, added: set) -> list[Call]:
        start = len(self.calls)
        pending: dict[str, tuple[Callback, set]] = {}  # output -> (callback, its changed inputs)
        self._queue(pending, changed, added, source=None)
        for _round in range(self.max_rounds):
            if not pending:
                break
            # Run only callbacks none of whose inputs another pending callback is about to change.
            waiting = [cb for cb, _keys in pending.values()]
            ready = [
                cb
                for cb in waiting
                if not any(
                    other is not cb and set(other.outputs) & set(cb.inputs) for other in waiting
                )
            ] or waiting[:1]
            for cb in ready:
                _cb, keys = pending.pop(cb.output)
                reply_changed, reply_added = self._call(cb, keys)
                # A changed Location is seen by every Location on the page (one window.location).
                for key in list(reply_changed):
                    if key[1] in ("pathname", "search") and key[0].endswith("url"):
                        self.window = (
                            (self.props[key], self.window[1])
                            if key[1] == "pathname"
                            else (self.window[0], self.props[key])
                        )
                        for other in self._location_ids():
                            if (
                                other != key[0]
                                and self.props.get((other, key[1])) != self.props[key]
                            ):
                                self.props[(other, key[1])] = self.props[key]
                                reply_changed.add((other, key[1]))
                self._queue(pending, reply_changed, reply_added, source=cb)
        return self.calls[start:]

    def _queue(self, pending: dict, changed: set, added: set, source: Callback | None) -> None:
        for cb in self.callbacks:
            plain_outputs = [(i, p) for i, p in cb.outputs if not i.startswith("{")]
            if not all(i in self.present for i, _p in plain_outputs + cb.inputs):
                continue
            # A callback is not re-run by its own outputs (dash-renderer's circular-callback rule).
            keys = {key for key in cb.inputs if key in changed} if cb is not source else set()
            initial = not cb.prevent_initial_call and any(
                i in added for i, _p in cb.outputs + cb.inputs
            )
            if keys or initial:
                _old, old_keys = pending.get(cb.output, (cb, set()))
                pending[cb.output] = (cb, old_keys | keys)

    def _call(self, cb: Callback, changed: set) -> tuple[set, set]:
        body = request_body(cb, self.props, changed, self.dict_ids.values())
        started = time.perf_counter()
        status, raw, headers = self.post(UPDATE_PATH, body)
        seconds = time.perf_counter() - started
        encoding = _encoding(headers)
        decoded = decode(raw, encoding)
        self.calls.append(
            Call(
                cb.output, status, seconds, len(decoded), len(raw), encoding or "identity", decoded
            )
        )
        if status != 200 or not decoded:
            return set(), set()
        reply = json.loads(decoded).get("response", {})
        changed_now, added_now = set(), set()
        for component_id, values in reply.items():
            for prop, value in values.items():
                key = (component_id, prop)
                if isinstance(value, dict) and "__dash_patch_update" in value:
                    changed_now.add(key)
                    continue
                self.props[key] = value
                changed_now.add(key)
                if prop == "children":
                    added_now |= self._register(value)
        return changed_now, added_now


def _encoding(headers: dict[str, str]) -> str:
    for name, value in headers.items():
        if name.lower() == "content-encoding":
            return value
    return ""


def decode(body: bytes, encoding: str) -> bytes:
    if not encoding or encoding == "identity":
        return body
    if encoding == "gzip":
        import gzip

        return gzip.decompress(body)
    if encoding == "br":
        import brotli

        return brotli.decompress(body)
    if encoding == "deflate":
        import zlib

        return zlib.decompress(body)
    if encoding == "zstd":
        from backports import zstd  # type: ignore[import-not-found]

        return zstd.decompress(body)
    raise ValueError(f"unknown Content-Encoding {encoding!r}")


#: What Chromium sends.
BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd"


def flask_transport(client, accept_encoding: str = BROWSER_ACCEPT_ENCODING) -> tuple[Post, Get]:
    """post/get over a Flask test client (the full WSGI stack, compression included)."""
    headers = {"Accept-Encoding": accept_encoding}

    def post(path: str, body: dict) -> Reply:
        response = client.post(path, json=body, headers=headers)
        return response.status_code, response.get_data(), dict(response.headers)

    def get(path: str) -> Reply:
        response = client.get(path, headers=headers)
        return response.status_code, response.get_data(), dict(response.headers)

    return post, get


def requests_transport(session, base_url: str, timeout: float = 30.0) -> tuple[Post, Get]:
    """post/get over a requests.Session; bodies are returned still encoded, as sent."""

    def post(path: str, body: dict) -> Reply:
        response = session.post(
            base_url + path,
            data=json.dumps(body),
            headers={"Content-Type": "application/json", "Accept-Encoding": "gzip, br"},
            timeout=timeout,
            stream=True,
        )
        raw = response.raw.read(decode_content=False)
        return response.status_code, raw, dict(response.headers)

    def get(path: str) -> Reply:
        response = session.get(
            base_url + path, headers={"Accept-Encoding": "gzip, br"}, timeout=timeout, stream=True
        )
        raw = response.raw.read(decode_content=False)
        return response.status_code, raw, dict(response.headers)

    return post, get
