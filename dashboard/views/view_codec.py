"""Views as JSON, and back, checked against their types: a cache that holds data, not code.

The shared view cache (:mod:`dashboard.views.cache`) used to store pickles, and whatever could
write to Redis could then run code in every worker (issue 22, problem 4). A view is now stored as
JSON text, which a reader only parses, and :func:`decode` rebuilds it only as the class the caller
names, checking every field against that class's type hints; anything else raises
:class:`CodecError`, which the cache treats as a miss.

Any frozen dataclass whose fields are built from ``None``, ``bool``, ``int``, ``float``, ``str``,
tuples, lists, dicts (``Mapping``), numpy scalars and other such frozen dataclasses can be
encoded, so later pages' views reuse it. The round trip is exact: tuples stay tuples and lists
lists, numpy scalars keep their dtype, NaN and infinities survive (as tagged strings, since JSON
has no NaN), and a dict's key order is kept. Values that JSON cannot say directly are tagged with
an object of one ``$``-key:

* ``{"$t": [...]}`` a tuple; ``{"$d": [[key, value], ...]}`` a dict (keys may be any encodable
  hashable value); ``{"$f": "nan" | "inf" | "-inf"}`` a non-finite float;
  ``{"$np": [dtype, value]}`` a numpy bool, integer or float scalar;
  ``{"$dc": {field: value, ...}}`` a dataclass, rebuilt only where its class is the field's
  declared type (a tagged dataclass in an ``Any`` field is refused: the data never names a class).

Plain JSON lists are lists; a plain JSON object is refused (every dict is tagged).
"""

from __future__ import annotations

import dataclasses
import json
import math
import types
import typing
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any, Final, TypeVar, Union, get_args, get_origin

import numpy as np

#: The format's version, stored with each value: a change of format is a miss, never a misreading.
FORMAT: Final = 1
#: numpy scalar dtypes a value may carry (no objects, strings, dates or structured types).
NUMPY_KINDS: Final = frozenset("biuf")
#: Deepest nesting decoded (views are about 6 deep); deeper is refused, never a RecursionError.
MAX_DEPTH: Final = 32

T = TypeVar("T")


class CodecError(ValueError):
    """The text is not a valid encoding of the class asked for."""


# --------------------------------------------------------------------------------------- encoding


def encode(view: object) -> str:
    """A frozen dataclass instance -> JSON text that :func:`decode` turns back into an equal one."""
    if not _is_frozen_dataclass(type(view)):
        raise TypeError(f"not a frozen dataclass: {type(view).__name__}")
    document = {"format": FORMAT, "type": _type_name(type(view)), "value": _encode(view)}
    return json.dumps(document, allow_nan=False, ensure_ascii=False, separators=(",", ":"))


def _encode(value: object) -> Any:
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, np.generic):
        if value.dtype.kind not in NUMPY_KINDS:
            raise TypeError(f"numpy scalar of dtype {value.dtype} cannot be cached")
        return {"$np": [value.dtype.str, _encode(value.item())]}
    if isinstance(value, int):
        if type(value) is not int:
            raise TypeError(f"{type(value).__name__} cannot be cached")
        return value
    if isinstance(value, float):
        if type(value) is not float:
            raise TypeError(f"{type(value).__name__} cannot be cached")
        return value if math.isfinite(value) else {"$f": repr(value)}
    if isinstance(value, tuple):
        if type(value) is not tuple:  # a NamedTuple would come back as a plain tuple
            raise TypeError(f"{type(value).__name__} cannot be cached")
        return {"$t": [_encode(item) for item in value]}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, Mapping):
        return {"$d": [[_encode(key), _encode(item)] for key, item in value.items()]}
    if _is_frozen_dataclass(type(value)):
        return {
            "$dc": {
                field.name: _encode(getattr(value, field.name)) for field in _fields(type(value))
            }
        }
    raise TypeError(f"{type(value).__name__} cannot be cached")


# --------------------------------------------------------------------------------------- decoding


def decode(text: str | bytes, cls: type[T]) -> T:
    """JSON text from :func:`encode` -> an instance of ``cls``, every field checked against its
    declared type. Raises :class:`CodecError` for anything else (not JSON, another class or
    format, a missing or extra field, a value of the wrong type)."""
    if not _is_frozen_dataclass(cls):
        raise TypeError(f"not a frozen dataclass: {cls!r}")
    try:
        document = json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, TypeError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise CodecError(f"not JSON: {type(error).__name__}") from None
    if not isinstance(document, dict) or set(document) != {"format", "type", "value"}:
        raise CodecError("not a cached view")
    if document["format"] != FORMAT:
        raise CodecError(f"format {document['format']!r}, expected {FORMAT}")
    if document["type"] != _type_name(cls):
        raise CodecError(f"a {str(document['type'])[:80]!r}, expected {_type_name(cls)}")
    return _decode(document["value"], cls, "value", 0)


def _refuse_constant(name: str) -> Any:
    raise CodecError(f"bare {name} is not valid JSON")


def _decode(node: Any, hint: Any, where: str, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise CodecError(f"{where}: nested too deeply")
    value = _build(node, hint, where, depth)
    if not _conforms(value, hint):
        raise CodecError(f"{where}: {type(value).__name__} where {_hint_name(hint)} is declared")
    return value


def _build(node: Any, hint: Any, where: str, depth: int) -> Any:
    """The value ``node`` encodes, built with the help of ``hint`` (checked afterwards)."""
    if node is None or isinstance(node, bool | int | float | str):
        return node
    if isinstance(node, list):
        item_hint = _item_hints(hint, list, 0)
        return [_decode(item, item_hint, f"{where}[{i}]", depth + 1) for i, item in enumerate(node)]
    if not isinstance(node, dict) or len(node) != 1:
        raise CodecError(f"{where}: an untagged object")
    ((tag, body),) = node.items()
    if tag == "$t" and isinstance(body, list):
        return tuple(
            _decode(item, _item_hints(hint, tuple, i), f"{where}[{i}]", depth + 1)
            for i, item in enumerate(body)
        )
    if tag == "$d" and isinstance(body, list):
        key_hint, value_hint = _mapping_hints(hint)
        built: dict[Any, Any] = {}
        for i, pair in enumerate(body):
            if not (isinstance(pair, list) and len(pair) == 2):
                raise CodecError(f"{where}: entry {i} is not a [key, value] pair")
            key = _decode(pair[0], key_hint, f"{where}.key{i}", depth + 1)
            try:
                hash(key)
            except TypeError:
                raise CodecError(f"{where}: entry {i} has an unhashable key") from None
            if key in built:
                raise CodecError(f"{where}: key {key!r:.40} twice")
            built[key] = _decode(pair[1], value_hint, f"{where}[{key!r:.40}]", depth + 1)
        return built
    if tag == "$f" and body in ("nan", "inf", "-inf"):
        return float(body)
    if tag == "$np" and isinstance(body, list) and len(body) == 2:
        dtype_text, item = body
        try:
            dtype = np.dtype(dtype_text) if isinstance(dtype_text, str) else None
        except TypeError:
            dtype = None
        if dtype is None or dtype.kind not in NUMPY_KINDS or dtype.str != dtype_text:
            raise CodecError(f"{where}: numpy dtype {str(dtype_text)[:20]!r} not allowed")
        if isinstance(item, dict) and set(item) == {"$f"} and item["$f"] in ("nan", "inf", "-inf"):
            item = float(item["$f"])
        if not isinstance(item, bool | int | float):
            raise CodecError(f"{where}: numpy scalar of {type(item).__name__}")
        try:
            scalar = dtype.type(item)
        except (OverflowError, ValueError, TypeError):
            raise CodecError(f"{where}: {item!r:.40} is not a {dtype}") from None
        if scalar.item() != item and not (isinstance(item, float) and math.isnan(item)):
            raise CodecError(f"{where}: {item!r:.40} is not a {dtype}")
        return scalar
    if tag == "$dc" and isinstance(body, dict):
        cls = _dataclass_of(hint)
        if cls is None:
            raise CodecError(f"{where}: a dataclass where {_hint_name(hint)} is declared")
        fields = _fields(cls)
        names = {field.name for field in fields}
        if set(body) != names:
            missing, extra = sorted(names - set(body)), sorted(set(body) - names)
            raise CodecError(f"{where}: fields missing {missing[:5]}, unexpected {extra[:5]}")
        hints = _hints(cls)
        values = {
            field.name: _decode(body[field.name], hints[field.name], f"{where}.{field.name}", depth)
            for field in fields
        }
        try:
            return cls(**values)
        except (TypeError, ValueError) as error:
            raise CodecError(f"{where}: {cls.__name__} refused its fields ({error})") from None
    raise CodecError(f"{where}: unknown tag {str(tag)[:20]!r}")


# ------------------------------------------------------------------------------------- the types


def _arms(hint: Any) -> tuple[Any, ...]:
    """A union's members; any other hint alone."""
    if get_origin(hint) in (Union, types.UnionType):
        return get_args(hint)
    return (hint,)


def _dataclass_of(hint: Any) -> type | None:
    classes = [arm for arm in _arms(hint) if isinstance(arm, type) and _is_frozen_dataclass(arm)]
    return classes[0] if len(classes) == 1 else None


def _item_hints(hint: Any, kind: type, index: int) -> Any:
    """The declared type of item ``index`` of a ``kind`` (list or tuple) where ``hint`` is
    declared: Any when undeclared; ``hint`` itself when no arm is a sequence (refused later)."""
    for arm in _arms(hint):
        origin = get_origin(arm) or arm
        if arm is Any:
            return Any
        if origin is kind or (kind is tuple and origin is Sequence) or origin is Sequence:
            args = get_args(arm)
            if not args:
                return Any
            if kind is tuple and origin is tuple:
                if len(args) == 2 and args[1] is Ellipsis:
                    return args[0]
                return args[index] if index < len(args) else _Never
            return args[0]
    return _Never


def _mapping_hints(hint: Any) -> tuple[Any, Any]:
    for arm in _arms(hint):
        if arm is Any:
            return Any, Any
        origin = get_origin(arm) or arm
        if origin in (dict, Mapping):
            args = get_args(arm)
            return args if len(args) == 2 else (Any, Any)
    return _Never, _Never


class _Never:
    """The declared type of a value that should not be there: nothing conforms to it."""


def _conforms(value: Any, hint: Any) -> bool:
    """Whether ``value`` (already built from its parts, each checked) is of type ``hint``."""
    for arm in _arms(hint):
        if arm is Any:
            return True
        if arm is None or arm is type(None):
            if value is None:
                return True
            continue
        origin = get_origin(arm) or arm
        if origin is typing.Literal:
            if any(value == choice and type(value) is type(choice) for choice in get_args(arm)):
                return True
            continue
        if not isinstance(origin, type):
            continue
        if origin is float:
            if isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)):
                return True
            continue
        if origin is int:
            if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
                return True
            continue
        if origin is tuple and isinstance(value, tuple):
            args = get_args(arm)
            if args and not (len(args) == 2 and args[1] is Ellipsis) and len(value) != len(args):
                continue  # tuple[int, str] of another length
        if origin is Mapping:
            origin = dict
        if origin is Sequence:
            if isinstance(value, list | tuple):
                return True
            continue
        if isinstance(value, origin):
            return True
    return False


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@cache
def _fields(cls: type) -> tuple[dataclasses.Field, ...]:
    fields = tuple(field for field in dataclasses.fields(cls) if field.init)
    if len(fields) != len(dataclasses.fields(cls)):
        raise TypeError(f"{cls.__name__} has fields outside __init__")
    return fields


def _is_frozen_dataclass(cls: type) -> bool:
    return dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen  # type: ignore[attr-defined]


def _type_name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _hint_name(hint: Any) -> str:
    return getattr(hint, "__name__", None) or str(hint).replace("typing.", "")
