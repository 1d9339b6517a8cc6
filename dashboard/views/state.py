"""The overview's view state and its URL form, parsed defensively.

The URL carries everything needed to restore a view: geography level, metric, selected area,
whether all-Wales services are included, filters and language. Anything unknown is dropped with a
message naming what was wrong and what is allowed; parsing never raises.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Final
from urllib.parse import parse_qs, urlencode

from dashboard import i18n
from dashboard.data.geo import slugify
from dashboard.domain import counting
from dashboard.domain import vocabulary as vocab
from dashboard.domain.model import FILTERS
from dashboard.i18n import N_

METRICS: Final = ("count", "per_100k", "quality_share", "precarious_share")
LEVELS: Final = ("region", "force", "la")
DEFAULT_LEVEL: Final = "region"
DEFAULT_METRIC: Final = "count"
MAX_QUERY_LENGTH: Final = 4000
MAX_VALUES_PER_FILTER: Final = 20
#: The area chooser's value for "no area selected" (all of Wales).
ALL_AREAS: Final = "all"
#: Route prefixes that select an area of a level.
AREA_ROUTES: Final = {"region": "region", "force": "force"}

REGION_SLUGS: Final = tuple(slugify(name) for name in vocab.VAWDASV_REGIONS)
FORCE_SLUGS: Final = tuple(slugify(name) for name in vocab.POLICE_FORCE_AREAS)


@dataclass(frozen=True)
class ViewState:
    """Everything that defines one overview view."""

    level: str = DEFAULT_LEVEL
    metric: str = DEFAULT_METRIC
    area: str | None = None
    include_all_wales: bool = False
    #: Which services count: current provision (active and pilot) or every status.
    provision: str = counting.CURRENT
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    lang: str = i18n.DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Parsed:
    state: ViewState
    #: Problems found, as (message id, value) pairs; the shell translates and shows them.
    problems: tuple[tuple[str, str], ...] = ()


def _first(query: Mapping[str, list[str]], key: str) -> str | None:
    values = query.get(key)
    return values[0] if values else None


def parse(pathname: object, search: object, la_slugs: tuple[str, ...] = ()) -> Parsed:
    """Pathname and query string -> a valid state and the problems that were corrected."""
    problems: list[tuple[str, str]] = []
    path = pathname if isinstance(pathname, str) else "/"
    query_text = search if isinstance(search, str) else ""
    if len(query_text) > MAX_QUERY_LENGTH:
        problems.append((N_("The link's settings were too long and were ignored."), ""))
        query_text = ""
    query = parse_qs(query_text.lstrip("?"), keep_blank_values=False, max_num_fields=64)
    state = ViewState(lang=i18n.normalise_language(_first(query, "lang")))
    if _first(query, "lang") not in (None, *i18n.LANGUAGES):
        problems.append((N_("Unknown language; allowed: en, cy."), _first(query, "lang") or ""))

    level = _first(query, "level")
    if level is not None:
        if level in LEVELS:
            state = replace(state, level=level)
        else:
            problems.append((N_("Unknown geography level; allowed: region, force, la."), level))

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

    metric = _first(query, "metric")
    if metric is not None:
        if metric in METRICS:
            state = replace(state, metric=metric)
        else:
            problems.append(
                (
                    "Unknown metric; allowed: count, per_100k, quality_share, precarious_share.",
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

    filters: dict[str, tuple[str, ...]] = {}
    for key, (_, allowed) in FILTERS.items():
        raw = query.get(key, [])
        values = [item for value in raw for item in value.split(",") if item]
        kept = tuple(dict.fromkeys(value for value in values if value in allowed))
        for value in values:
            if value not in allowed:
                problems.append((N_("Unknown filter value ignored."), f"{key}={value}"[:80]))
        if kept:
            filters[key] = kept[:MAX_VALUES_PER_FILTER]
    state = replace(state, filters=filters)
    return Parsed(state=state, problems=tuple(problems))


def to_url(state: ViewState) -> tuple[str, str]:
    """A state -> (pathname, search) that :func:`parse` turns back into the same state."""
    if state.area and state.level in AREA_ROUTES:
        pathname = f"/{AREA_ROUTES[state.level]}/{state.area}"
        params: list[tuple[str, str]] = []
    else:
        pathname = "/"
        params = []
        if state.level != DEFAULT_LEVEL:
            params.append(("level", state.level))
        if state.area:
            params.append(("area", state.area))
    if state.metric != DEFAULT_METRIC:
        params.append(("metric", state.metric))
    if state.include_all_wales:
        params.append(("all_wales", "1"))
    if state.provision != counting.CURRENT:
        params.append(("provision", state.provision))
    for key in FILTERS:
        if state.filters.get(key):
            params.append((key, ",".join(state.filters[key])))
    if state.lang != i18n.DEFAULT_LANGUAGE:
        params.append(("lang", state.lang))
    search = "?" + urlencode(params) if params else ""
    return pathname, search


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
    for key in FILTERS:
        values = filters.get(key)
        if isinstance(values, list | tuple):
            kept = [value for value in values if isinstance(value, str) and "," not in value]
            if kept:
                params.append((key, ",".join(kept)))
    params.append(("lang", i18n.normalise_language(lang)))
    return parse("/", "?" + urlencode(params), la_slugs).state
