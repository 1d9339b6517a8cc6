"""Every page's query string read defensively: each setting validated, the problems named.

What a URL may hold, and how each is written back, is in :mod:`dashboard.views.state`; here it is
read. Anything unknown is dropped with a message naming what was wrong and what is allowed, in the
order the settings are read; parsing never raises. Control values from the browser are read the
same way, through the URL form (:func:`state_from_controls`, :func:`change_settings_from_controls`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final
from urllib.parse import parse_qs, urlencode

from dashboard import i18n
from dashboard.domain import counting
from dashboard.domain.model import FORMER_FILTER_VALUES, offered_filters
from dashboard.i18n import N_
from dashboard.views.state import (
    ALL_AREAS,
    AREA_PAGE_LEVELS,
    AREA_ROUTES,
    DEFAULT_LEVEL,
    FORCE_SLUGS,
    LEVELS,
    MAX_FIELDS,
    MAX_QUERY_LENGTH,
    MAX_VALUES_PER_FILTER,
    METRICS,
    REGION_SLUGS,
    AreaSettings,
    ChangeSettings,
    ViewState,
    bounded_path,
    canonical,
    query_string,
)

if TYPE_CHECKING:
    from dashboard.domain.context import AppContext


@dataclass(frozen=True)
class Parsed:
    state: ViewState
    #: Problems found, as (message id, value) pairs, or (message id, value, placeholders) when
    #: the message names what is allowed; the shell translates and shows them.
    problems: tuple[tuple, ...] = ()


def _first(query: Mapping[str, list[str]], key: str) -> str | None:
    values = query.get(key)
    return values[0] if values else None


def _query(text: str) -> dict[str, list[str]] | None:
    """A query string's values by key; None when it is too long or has too many fields."""
    if len(text) > MAX_QUERY_LENGTH:
        return None
    try:
        return parse_qs(text.lstrip("?"), keep_blank_values=False, max_num_fields=MAX_FIELDS)
    except ValueError:
        return None


UNKNOWN_WAVE: Final = N_("Unknown wave; showing the latest picture. Allowed: {allowed}.")


def parse(
    pathname: object,
    search: object,
    la_slugs: tuple[str, ...] = (),
    scope_ids: tuple[str, ...] = (),
    waves: Mapping[str, tuple[str, ...]] | None = None,
) -> Parsed:
    """Pathname and query string -> a valid state and the problems that were corrected.

    ``la_slugs`` and ``scope_ids`` are the data's local authorities and the sources whose lists
    support a comparison in the latest picture (``AppContext.la_slugs``, ``AppContext.scope_ids``);
    ``waves``, each wave offered with its own such sources (:func:`parse_for` passes them)."""
    problems: list[tuple] = []
    path = bounded_path(pathname)
    query_text = search if isinstance(search, str) else ""
    query = _query(query_text)
    if query is None:
        problems.append((N_("The link's settings were too long and were ignored."), ""))
        query = {}
    state = ViewState(lang=i18n.normalise_language(_first(query, "lang")))
    if _first(query, "lang") not in (None, *i18n.LANGUAGES):
        problems.append((N_("Unknown language; allowed: en, cy."), _first(query, "lang") or ""))

    level = _first(query, "level")
    if level is not None:
        if level in LEVELS:
            state = replace(state, level=level)
        else:
            problems.append((N_("Unknown geography level; allowed: region, force, la."), level))

    state, area_problems = _read_area(state, path, query, la_slugs)
    problems.extend(area_problems)

    state, setting_problems = _read_settings(state, query)
    problems.extend(setting_problems)

    wave = _first(query, "wave")
    if wave is not None and waves is not None:
        if wave in waves:
            state = replace(state, wave=wave)
            scope_ids = waves[wave]
        else:
            problems.append((UNKNOWN_WAVE, wave, {"allowed": ", ".join(waves)}))

    compare = _first(query, "compare")
    if compare is not None:
        if compare in scope_ids:
            state = replace(state, compare=compare)
        else:
            problems.append(
                (N_("Unknown source to compare by; showing every service named."), compare)
            )

    filters, filter_problems = _read_filters(query)
    problems.extend(filter_problems)
    state = canonical(replace(state, filters=filters))
    return Parsed(state=state, problems=tuple(problems))


def _read_area(
    state: ViewState, path: str, query: Mapping[str, list[str]], la_slugs: tuple[str, ...]
) -> tuple[ViewState, list[tuple]]:
    """``state`` with the area an area page's path or the ``area`` setting names (an area page
    also sets the level), and the problems corrected."""
    problems: list[tuple] = []
    parts = [part for part in path.split("/") if part]
    if len(parts) == 2 and parts[0] in AREA_ROUTES:
        route_level, slug = parts
        known = REGION_SLUGS if route_level == "region" else FORCE_SLUGS
        if slug in known:
            state = replace(state, level=route_level, area=slug)
        else:
            message = (
                N_("Unknown VAWDASV region; showing all of Wales.")
                if route_level == "region"
                else N_("Unknown police force area; showing all of Wales.")
            )
            problems.append((message, slug))
            state = replace(state, level=route_level)
    elif _first(query, "area"):
        area = _first(query, "area") or ""
        known = {"region": REGION_SLUGS, "force": FORCE_SLUGS, "la": la_slugs}[state.level]
        if area in known:
            state = replace(state, area=area)
        else:
            problems.append(
                (N_("Unknown area for this geography level; showing all of Wales."), area)
            )
    return state, problems


def _read_settings(
    state: ViewState, query: Mapping[str, list[str]]
) -> tuple[ViewState, list[tuple]]:
    """``state`` with the metric, all-Wales and provision settings, and the problems
    corrected."""
    problems: list[tuple] = []
    metric = _first(query, "metric")
    if metric is not None:
        if metric in METRICS:
            state = replace(state, metric=metric)
        else:
            problems.append(
                (
                    N_(
                        "Unknown metric; allowed: count, per_100k, quality_share, precarious_share."
                    ),
                    metric,
                )
            )

    all_wales = _first(query, "all_wales")
    if all_wales is not None:
        if all_wales in ("0", "1"):
            state = replace(state, include_all_wales=all_wales == "1")
        else:
            problems.append((N_("The all-Wales setting must be 0 or 1."), all_wales))

    provision = _first(query, "provision")
    if provision is not None:
        if provision in counting.PROVISIONS:
            state = replace(state, provision=provision)
        else:
            problems.append((N_("The provision setting must be current or all."), provision))
    return state, problems


def _read_filters(
    query: Mapping[str, list[str]],
) -> tuple[dict[str, tuple[str, ...]], list[tuple]]:
    """The filters' allowed values (former spellings read as today's), and each value ignored."""
    problems: list[tuple] = []
    filters: dict[str, tuple[str, ...]] = {}
    for key, (_, allowed) in offered_filters().items():
        raw = query.get(key, [])
        values = [item for value in raw for item in value.split(",") if item]
        former = FORMER_FILTER_VALUES.get(key, {})
        values = [new for value in values for new in former.get(value, (value,))]
        kept = tuple(dict.fromkeys(value for value in values if value in allowed))
        for value in values:
            if value not in allowed:
                problems.append((N_("Unknown filter value ignored."), f"{key}={value}"[:80]))
        if kept:
            filters[key] = kept[:MAX_VALUES_PER_FILTER]
    return filters, problems


def problem_texts(parsed: Parsed, locale: i18n.Locale) -> list[str]:
    """The corrected link settings, in words: each message translated, with the value given."""
    texts = []
    for message, value, *placeholders in parsed.problems:
        text = locale(message)
        if placeholders:
            text = text.format(**placeholders[0])
        texts.append(text + (f" ({value[:60]})" if value else ""))
    return texts


def parse_for(context: AppContext, pathname: object, search: object) -> Parsed:
    """:func:`parse` with everything ``context``'s data allows: its local authorities, its waves
    and the sources each wave's lists compare by."""
    latest = context.at(None)
    waves = context.waves.scope_ids() if context.waves is not None else None
    return parse(pathname, search, latest.la_slugs, latest.scope_ids, waves)


def wave_of(context: AppContext, search: object) -> str | None:
    """The wave a query string asks for (None: the latest picture; unknown ids are dropped), as
    :func:`parse_for` reads it, without parsing the rest of the query."""
    query = _query(search if isinstance(search, str) else "") or {}
    wave = _first(query, "wave")
    offered = context.waves.scope_ids() if context.waves is not None else {}
    return wave if wave is not None and wave in offered else None


def state_from_controls(
    *,
    level: object,
    metric: object,
    include_all_wales: object,
    provision: object,
    area: object,
    filters: Mapping[str, object],
    lang: object,
    la_slugs: tuple[str, ...] = (),
    compare: object = None,
    scope_ids: tuple[str, ...] = (),
    wave: object = None,
    waves: Mapping[str, tuple[str, ...]] | None = None,
) -> ViewState:
    """Values from the overview's controls (untrusted, from the browser) -> a valid state.

    The one place where control values become a state: each value is written into the URL form
    and parsed back, so anything unknown or malformed is dropped exactly as it would be in a link.
    """

    def text(value: object) -> str:
        return value if isinstance(value, str) else ""

    params: list[tuple[str, str]] = [("level", text(level)), ("metric", text(metric))]
    if text(area) and text(area) != ALL_AREAS:
        params.append(("area", text(area)))
    if include_all_wales is True:
        params.append(("all_wales", "1"))
    params.append(("provision", text(provision) or counting.CURRENT))
    if text(compare):
        params.append(("compare", text(compare)))
    if text(wave):
        params.append(("wave", text(wave)))
    for key in offered_filters():
        values = filters.get(key)
        if isinstance(values, list | tuple):
            kept = [value for value in values if isinstance(value, str) and "," not in value]
            if kept:
                params.append((key, ",".join(kept)))
    params.append(("lang", i18n.normalise_language(lang)))
    return parse("/", "?" + urlencode(params), la_slugs, scope_ids, waves).state


# ------------------------------------------------------------------------------ every other page


def language_of(search: object) -> str:
    """The language a query string asks for; the default when absent, unknown or unreadable."""
    query = _query(search if isinstance(search, str) else "") or {}
    return i18n.normalise_language(_first(query, "lang"))


def area_settings(search: object, waves: tuple[str, ...] = ()) -> AreaSettings:
    """``?level=force&all_wales=1&provision=all&wave=…&lang=cy`` -> settings; anything unknown
    falls back to regions, local services only, current provision, the latest picture, English.
    ``waves``: the wave ids the data offers."""
    return area_settings_and_problems(search, waves)[0]


def area_settings_and_problems(
    search: object, waves: tuple[str, ...] = ()
) -> tuple[AreaSettings, Parsed]:
    """:func:`area_settings`, with the settings that were not recognised (as :func:`parse` gives
    them, and a level these pages do not compare, such as ``la``), for the page's notice and
    its downloads' refusal."""
    parsed = parse("/", search, waves=dict.fromkeys(waves, ()))
    state = parsed.state
    if state.level not in AREA_PAGE_LEVELS:
        parsed = Parsed(state, (*parsed.problems, (UNKNOWN_AREA_PAGE_LEVEL, state.level)))
    return _area_settings_of(state, waves), parsed


def _area_settings_of(state: ViewState, waves: tuple[str, ...]) -> AreaSettings:
    return area_settings_from_controls(
        level=state.level,
        include_all_wales=state.include_all_wales,
        provision=state.provision,
        lang=state.lang,
        wave=state.wave,
        waves=waves,
    )


def area_settings_from_controls(
    *,
    level: object,
    include_all_wales: object,
    provision: object,
    lang: object,
    wave: object = None,
    waves: tuple[str, ...] = (),
) -> AreaSettings:
    """Control values (untrusted, from the browser) -> valid settings."""
    return AreaSettings(
        level=level if level in AREA_PAGE_LEVELS else DEFAULT_LEVEL,
        include_all_wales=include_all_wales is True,
        provision=provision if provision in counting.PROVISIONS else counting.CURRENT,
        lang=i18n.normalise_language(lang),
        wave=wave if isinstance(wave, str) and wave in waves else None,
    )


def slide_index(search: object, total: int) -> int:
    """``?slide=3`` -> the index (from 0) of that slide of ``total``; the first when unreadable."""
    query = _query(search if isinstance(search, str) else "") or {}
    raw = _first(query, "slide") or "1"
    number = int(raw) if raw.isascii() and raw.isdigit() else 1
    return min(max(number, 1), total) - 1


def directory_id(search: object) -> str | None:
    """``?id=…`` -> the directory entry a link opens, if any."""
    query = _query(search if isinstance(search, str) else "") or {}
    return _first(query, "id") or None


def profile_area(pathname: object) -> tuple[str, str] | None:
    """(level, area) when ``pathname`` is an area's profile (``/force/gwent``), else None."""
    parts = [part for part in bounded_path(pathname).split("/") if part]
    if len(parts) != 2 or parts[0] not in AREA_ROUTES:
        return None
    known = REGION_SLUGS if parts[0] == "region" else FORCE_SLUGS
    return (parts[0], parts[1]) if parts[1] in known else None


# ------------------------------------------------------------------------------ waves


UNKNOWN_EARLIER: Final = N_("Unknown wave to compare from; allowed: {allowed}.")
UNKNOWN_LATER: Final = N_("Unknown wave to compare to; allowed: {allowed}.")
UNKNOWN_CHANGE_LEVEL: Final = N_("Unknown level for the list of changes; allowed: region, force.")
#: The gaps and scorecard pages compare regions and police force areas only.
UNKNOWN_AREA_PAGE_LEVEL: Final = N_("Unknown level for this page; allowed: region, force.")


def change_settings(context: AppContext, search: object) -> tuple[ChangeSettings, tuple]:
    """``?from=…&to=…&level=force&lang=cy`` -> settings and the problems corrected: by default
    the latest picture compared with the wave before it (its base, else the latest earlier)."""
    query = _query(search if isinstance(search, str) else "") or {}
    lang = i18n.normalise_language(_first(query, "lang"))
    problems: list[tuple] = []
    waves = context.waves
    ids = waves.ids if waves is not None else ()
    allowed = {"allowed": ", ".join(ids)}
    later = _first(query, "to")
    if later is not None and later not in ids:
        problems.append((UNKNOWN_LATER, later, allowed))
        later = None
    later = later or (waves.default if waves is not None else "")
    earlier = _first(query, "from")
    if earlier is not None and earlier not in ids:
        problems.append((UNKNOWN_EARLIER, earlier, allowed))
        earlier = None
    if earlier is None and waves is not None:
        before = waves.before(later)
        earlier = before.id if before is not None else later
    level = _first(query, "level") or DEFAULT_LEVEL
    if level not in AREA_PAGE_LEVELS:
        problems.append((UNKNOWN_CHANGE_LEVEL, level))
        level = DEFAULT_LEVEL
    return ChangeSettings(earlier or "", later, level, lang), tuple(problems)


def change_settings_from_controls(
    context: AppContext, *, earlier: object, later: object, level: object, lang: object
) -> ChangeSettings:
    """Control values (untrusted, from the browser) -> valid settings, through the URL form."""

    def text(value: object) -> str:
        return value if isinstance(value, str) else ""

    search = query_string(
        i18n.normalise_language(lang),
        **{"from": text(earlier) or None, "to": text(later) or None},
        level=text(level) or None,
    )
    return change_settings(context, search)[0]
