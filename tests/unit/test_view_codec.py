"""Views as JSON and back (issue 22, problem 4): an exact round trip for real views, and every
malformed value refused with :class:`CodecError`, never run, never half-read."""

from __future__ import annotations

import json
import math
import pickle
from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

import numpy as np
import pytest

from dashboard.views import overview, url_parsing, view_codec
from dashboard.views.overview import OverviewView
from dashboard.views.view_codec import CodecError, decode, encode

URLS = (
    "/",
    "/?level=la",
    "/?level=force&metric=per_100k&lang=cy",
    "/?level=la&area=cardiff&metric=quality_share",
    "/?level=force&area=gwent&all_wales=1&provision=all&behaviour_focus=stalking,domestic abuse",
    "/?metric=precarious_share&sector=HMPPS&lang=cy",
)


def same(a: Any, b: Any) -> bool:
    """Equal, with the same types all the way down (a tuple is not a list, np.int64 not int),
    NaN equal to NaN (``==`` cannot say that: NaN is equal to nothing)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float | np.floating) and math.isnan(a):
        return math.isnan(b)
    if is_dataclass(a):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in fields(a))
    if isinstance(a, Mapping):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def view_of(context, url: str) -> OverviewView:
    path, _, search = url.partition("?")
    state = url_parsing.parse(path, "?" + search, context.la_slugs, context.scope_ids).state
    return overview.compute_view(context, state)


@pytest.mark.parametrize("url", URLS)
def test_real_views_round_trip_exactly(real_context, url):
    view = view_of(real_context, url)
    text = encode(view)
    back = decode(text, OverviewView)
    assert same(back, view)
    assert encode(back) == text
    assert "pickle" not in text and text.startswith('{"format":1')


def test_a_view_without_nan_is_equal_by_eq(mini_context):
    # The dataclass's own == (NaN aside, which == never calls equal).
    view = view_of(mini_context, "/?level=region")
    back = decode(encode(view), OverviewView)
    if "$f" not in encode(view):
        assert back == view
    assert same(back, view)


@dataclass(frozen=True)
class Inner:
    values: tuple[int, ...]
    ratio: float


@dataclass(frozen=True)
class Sample:
    """Any frozen dataclass view: the codec is not the overview's alone."""

    name: str
    inner: Inner
    maybe: Inner | None
    table: Mapping[str, Any]
    pairs: tuple[tuple[int, str, tuple[str, ...]], ...]
    loose: Any = None


SAMPLE = Sample(
    name="x",
    inner=Inner(values=(1, 2, 3), ratio=float("nan")),
    maybe=None,
    table={
        "list": [1, 2.5, float("nan"), None, "a", [float("inf"), -0.0]],
        "tuple": (1, (2, 3)),
        "np": [np.int64(7), np.float64("nan"), np.float32(0.5), np.bool_(True), np.uint8(255)],
        "nested": {"b": 1, "a": {3: "int key", (1, 2): "tuple key"}},
        "bool": True,
    },
    pairs=((1, "full", ("Cardiff", "Newport")),),
    loose=[(), [], {}],
)


def test_any_frozen_dataclass_round_trips_exactly():
    back = decode(encode(SAMPLE), Sample)
    assert same(back, SAMPLE)
    assert type(back.table["tuple"]) is tuple and type(back.table["list"]) is list
    assert back.table["np"][0].dtype == np.int64 and back.table["np"][2].dtype == np.float32
    assert list(back.table["nested"]) == ["b", "a"], "key order kept"


def test_what_cannot_be_said_is_refused_when_encoding():
    with pytest.raises(TypeError):
        encode({"not": "a dataclass"})
    with pytest.raises(TypeError):
        encode(Sample("x", Inner((), 0.0), None, {"f": object()}, ()))
    with pytest.raises(TypeError):
        encode(Sample("x", Inner((), 0.0), None, {"f": np.datetime64("2020-01-01")}, ()))


GOOD = json.loads(encode(SAMPLE))


def mutated(**changes) -> str:
    document = json.loads(json.dumps(GOOD))
    value = document["value"]["$dc"]
    for key, new in changes.items():
        if key in ("format", "type"):
            document[key] = new
        elif new is KeyError:
            del value[key]
        else:
            value[key] = new
    return json.dumps(document)


class Boom:
    def __reduce__(self):
        return (open, ("/nonexistent/should-never-be-created", "w"))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(pickle.dumps(Boom()), id="a pickle"),
        pytest.param(b"!" + pickle.dumps(Boom()), id="flask-caching's pickle"),
        pytest.param(b"\xff\xfe not text", id="not UTF-8"),
        pytest.param("{not json", id="not JSON"),
        pytest.param('{"format":1,"type":"x","value":NaN}', id="bare NaN"),
        pytest.param("[]", id="a list"),
        pytest.param("null", id="null"),
        pytest.param(mutated(format=2), id="another format"),
        pytest.param(mutated(type="builtins.object"), id="another class"),
        pytest.param(mutated(name=KeyError), id="a field missing"),
        pytest.param(mutated(extra=1), id="an extra field"),
        pytest.param(mutated(name=5), id="int for str"),
        pytest.param(mutated(name=True), id="bool for str"),
        pytest.param(mutated(inner={"$dc": {"values": [1, 2], "ratio": 1.0}}), id="list for tuple"),
        pytest.param(mutated(inner={"$dc": {"values": {"$t": ["1"]}, "ratio": 1.0}}), id="str in"),
        pytest.param(
            mutated(inner={"$dc": {"values": {"$t": [True]}, "ratio": 1.0}}), id="bool int"
        ),
        pytest.param(mutated(inner={"$dc": {"values": {"$t": []}, "ratio": "1"}}), id="str float"),
        pytest.param(mutated(maybe={"a": 1}), id="an untagged object"),
        pytest.param(mutated(maybe={"$dc": {}}), id="an empty dataclass"),
        pytest.param(
            mutated(loose={"$dc": {"values": {"$t": []}, "ratio": 1.0}}), id="class in Any"
        ),
        pytest.param(mutated(table={"$t": []}), id="tuple for mapping"),
        pytest.param(mutated(table={"$d": [["a"]]}), id="half a pair"),
        pytest.param(mutated(table={"$d": [["a", 1], ["a", 2]]}), id="a key twice"),
        pytest.param(mutated(table={"$d": [[[1], 1]]}), id="unhashable key"),
        pytest.param(mutated(table={"$d": [[1, 1]]}), id="int key for str"),
        pytest.param(mutated(loose={"$np": ["|O", 1]}), id="numpy object"),
        pytest.param(mutated(loose={"$np": ["<i8", "1"]}), id="numpy of text"),
        pytest.param(mutated(loose={"$np": ["|u1", 300]}), id="numpy overflow"),
        pytest.param(mutated(loose={"$f": "1e5"}), id="a float tag of another value"),
        pytest.param(mutated(loose={"$x": 1}), id="an unknown tag"),
        pytest.param(mutated(pairs={"$t": [{"$t": [1, "a"]}]}), id="short tuple"),
        pytest.param(mutated(pairs={"$t": [{"$t": [1, "a", {"$t": []}, 4]}]}), id="long tuple"),
        pytest.param(mutated(loose=json.loads("[" * 200 + "]" * 200)), id="deeply nested"),
        pytest.param("[" * 100_000 + "]" * 100_000, id="JSON nested too deeply to parse"),
    ],
)
def test_malformed_values_are_refused(text):
    with pytest.raises(CodecError):
        decode(text, Sample)


def test_a_view_of_another_class_is_refused(mini_context):
    with pytest.raises(CodecError):
        decode(encode(SAMPLE), OverviewView)
    with pytest.raises(CodecError):
        decode(encode(view_of(mini_context, "/")), Sample)


def test_decoding_never_unpickles(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("pickle.loads called")

    monkeypatch.setattr(pickle, "loads", refuse)
    with pytest.raises(CodecError):
        decode(pickle.dumps(Boom()), Sample)
    assert view_codec.decode(encode(SAMPLE), Sample).name == "x"
