"""The app's clock held at one instant, so what it writes from the date (a report's "Generated"
line, the funding horizons counted from today, the deck's "ended before" date) is the same on
any day.

The app reads the clock through the standard ``datetime`` module (``dt.date.today()``,
``dt.datetime.now()``). :func:`frozen_clock` replaces, in every loaded module of the app
(``app``, ``dashboard``, ``layouts``, ``callbacks``), each name bound to the ``datetime`` module,
to ``datetime.date`` or to ``datetime.datetime`` with a stand-in whose ``today()`` and ``now()``
give the instant, and puts them back afterwards. Found by what they are, not by where they are:
code moved to another module of the app is covered too. The stand-ins build the real types
(``dt.date(2026, 1, 1)`` is a real ``date``) and ``isinstance`` with them answers as with the
real types, so nothing else the app does changes.

Not covered: pandas' own clock (``pd.Timestamp.today()``), which only
``dashboard.views.findings.slides`` reads, and only when it is not given the date (the deck's
route gives it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import types
from collections.abc import Iterator

#: The packages (and modules) of the app whose clock is held.
APP_MODULES = frozenset({"app", "dashboard", "layouts", "callbacks"})
REAL_DATE = dt.date
REAL_DATETIME = dt.datetime


class _Like(type):
    """``isinstance``/``issubclass`` with a stand-in answer as with the real type."""

    real: type

    def __instancecheck__(cls, instance: object) -> bool:
        return isinstance(instance, cls.real)

    def __subclasscheck__(cls, subclass: type) -> bool:
        return issubclass(subclass, cls.real)


def stand_ins(instant: dt.datetime) -> tuple[type, type, types.ModuleType]:
    """A ``date``, a ``datetime`` and a ``datetime`` module whose clock reads ``instant``."""

    class FrozenDate(REAL_DATE, metaclass=_Like):
        real = REAL_DATE

        def __new__(cls, *args, **kwargs):
            return REAL_DATE(*args, **kwargs)

        @classmethod
        def today(cls):
            return instant.date()

    class FrozenDateTime(REAL_DATETIME, metaclass=_Like):
        real = REAL_DATETIME

        def __new__(cls, *args, **kwargs):
            return REAL_DATETIME(*args, **kwargs)

        @classmethod
        def now(cls, tz=None):
            return instant if tz is None else instant.astimezone(tz)

        @classmethod
        def today(cls):
            return instant

    module = types.ModuleType("datetime", dt.__doc__)
    module.__dict__.update({k: v for k, v in vars(dt).items() if not k.startswith("__")})
    module.date, module.datetime = FrozenDate, FrozenDateTime
    return FrozenDate, FrozenDateTime, module


def _is_app_module(name: str) -> bool:
    return name.partition(".")[0] in APP_MODULES


@contextlib.contextmanager
def frozen_clock(instant: dt.datetime) -> Iterator[None]:
    """Within the block, the app's ``date.today()`` is ``instant.date()`` and its
    ``datetime.now()`` is ``instant`` (naive: local time, as the app reads it)."""
    date, datetime, module = stand_ins(instant)
    # By identity (id() of an object alive throughout), not by equality: a quick lookup.
    stand_in_for = {id(dt): module, id(REAL_DATE): date, id(REAL_DATETIME): datetime}
    replaced: list[tuple[types.ModuleType, str, object]] = []
    try:
        for name, loaded in list(sys.modules.items()):
            if loaded is None or not _is_app_module(name):
                continue
            for attribute, value in list(vars(loaded).items()):
                if id(value) in stand_in_for:
                    replaced.append((loaded, attribute, value))
                    setattr(loaded, attribute, stand_in_for[id(value)])
        yield
    finally:
        for loaded, attribute, value in reversed(replaced):
            setattr(loaded, attribute, value)
