"""Every page's URL: query strings parsed defensively, and every link built.

The URL carries everything needed to restore a view: geography level, metric, selected area,
whether all-Wales services are included, filters and language (the overview's :class:`ViewState`),
and each other page's few settings. Anything unknown is dropped with a message naming what was
wrong and what is allowed; parsing never raises. Links are built here too (:func:`href`), so the
language is carried the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Final, NamedTuple
from urllib.parse import parse_qs, parse_qsl, urlencode

from dashboard import config, i18n
from dashboard.data import vocabulary as vocab
from dashboard.data.geo import slugify
from dashboard.domain import counting
from dashboard.domain.model import FORMER_FILTER_VALUES, offered_filters
from dashboard.i18n import N_
from dashboard.views.measures import MEASURE_BY_KEY

if TYPE_CHECKING:
    from dashboard.domain.context import AppContext

METRICS: Final = tuple(MEASURE_BY_KEY)
LEVELS: Final = config.LEVELS
DEFAULT_LEVEL: Final = "region"
DEFAULT_METRIC: Final = "count"
#: Longest query string read; a longer one is ignored (and never echoed back: issue 22 found a
#: 6 MB one copied into the language link, 6.3 s and a 12 MB answer).
MAX_QUERY_LENGTH: Final = 4000
#: Longest path read or echoed; no page's path is a tenth of this.
MAX_PATH_LENGTH: Final = 1000
MAX_VALUES_PER_FILTER: Final = 20
#: More fields than this in one query string and the whole query is ignored.
MAX_FIELDS: Final = 64
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
    #: Count only the services one source lists (a scope id of ``source_scopes.csv`` whose list
    #: supports a comparison), or every service named (None).
    compare: str | None = None
    #: The wave shown ("as at"): an id of ``waves.csv``, or None for the latest picture.
    wave: str | None = None


@dataclass(frozen=True)
class Parsed:
    state: ViewState
    #: Problems found, as (message id, value) pairs, or (message id, value, placeholders) when
    #: the message names what is allowed; the shell translates and shows them.
    problems: tuple[tuple, ...] = ()


def bounded_search(search: object) -> str:
    """A query string from the client as it may be echoed: "" when it is not a string or is
    longer than :data:`MAX_QUERY_LENGTH` (:func:`parse` ignores such a one, and says so)."""
    return search if isinstance(search, str) and len(search) <= MAX_QUERY_LENGTH else ""


def bounded_path(pathname: object) -> str:
    """A path from the client as it may be echoed or matched: "/" when it is not a string or is
    longer than :data:`MAX_PATH_LENGTH`."""
    return pathname if isinstance(pathname, str) and len(pathname) <= MAX_PATH_LENGTH else "/"


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


def canonical(state: ViewState) -> ViewState:
    """``state`` with its filters in one order: the filters in :func:`offered_filters` order, each one's
    values in the order its vocabulary lists them (the options' order), each value once.

    So ``?behaviour_focus=stalking,domestic abuse`` and ``?behaviour_focus=domestic
    abuse,stalking`` are one state, one canonical URL and one cache entry (issue 22, problem 6);
    both links still open it. Values a filter does not allow are left out; a filter left with no
    values is dropped."""
    filters: dict[str, tuple[str, ...]] = {}
    for key, (_column, allowed) in offered_filters().items():
        chosen = state.filters.get(key) or ()
        kept = tuple(value for value in allowed if value in chosen)
        if kept:
            filters[key] = kept[:MAX_VALUES_PER_FILTER]
    if filters == state.filters and list(filters) == list(state.filters):
        return state
    return replace(state, filters=filters)


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


def to_url(state: ViewState) -> tuple[str, str]:
    """A state -> (pathname, search) of the overview that :func:`parse` turns back into the same
    state (its :func:`canonical` form: filter values in their vocabulary's order). The overview keeps its address at ``/`` with the area in the query; ``/force/<area>``
    and ``/region/<area>`` are the areas' profiles (:func:`profile_href`)."""
    pathname = "/"
    state = canonical(state)
    params: list[tuple[str, str]] = []
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
    if state.compare:
        params.append(("compare", state.compare))
    if state.wave:
        params.append(("wave", state.wave))
    for key in offered_filters():
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


class AreaSettings(NamedTuple):
    """The settings of the gap review and the scorecard: areas of one level, services available
    across all of Wales added into each area or shown beside, which services count."""

    level: str = DEFAULT_LEVEL
    include_all_wales: bool = False
    provision: str = counting.CURRENT
    lang: str = i18n.DEFAULT_LANGUAGE
    #: The wave shown (None: the latest picture).
    wave: str | None = None


#: The levels those pages compare (local authorities are too many to read as a table).
AREA_PAGE_LEVELS: Final = ("region", "force")


def area_settings(search: object, waves: tuple[str, ...] = ()) -> AreaSettings:
    """``?level=force&all_wales=1&provision=all&wave=…&lang=cy`` -> settings; anything unknown
    falls back to regions, local services only, current provision, the latest picture, English.
    ``waves``: the wave ids the data offers."""
    state = parse("/", search, waves=dict.fromkeys(waves, ())).state
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


def area_search(settings: AreaSettings) -> str:
    """Settings -> the query string :func:`area_settings` reads back (the level always named)."""
    return query_string(
        settings.lang,
        level=settings.level,
        all_wales="1" if settings.include_all_wales else None,
        provision=settings.provision if settings.provision != counting.CURRENT else None,
        wave=settings.wave,
    )


def slide_index(search: object, total: int) -> int:
    """``?slide=3`` -> the index (from 0) of that slide of ``total``; the first when unreadable."""
    query = _query(search if isinstance(search, str) else "") or {}
    raw = _first(query, "slide") or "1"
    number = int(raw) if raw.isascii() and raw.isdigit() else 1
    return min(max(number, 1), total) - 1


def slide_search(number: int, lang: str, wave: str | None = None) -> str:
    """The presenter's query string for slide ``number`` (counted from 1), in ``wave``."""
    return query_string(lang, slide=str(number), wave=wave)


def directory_id(search: object) -> str | None:
    """``?id=…`` -> the directory entry a link opens, if any."""
    query = _query(search if isinstance(search, str) else "") or {}
    return _first(query, "id") or None


def directory_href(intervention_id: str, lang: str) -> str:
    """A link to one intervention's entry in the directory."""
    return href("/directory", lang, id=intervention_id)


def profile_href(level: str, area: str, lang: str) -> str | None:
    """The profile of an area of ``level``, when that level has profiles."""
    if level not in AREA_ROUTES:
        return None
    return href(f"/{AREA_ROUTES[level]}/{area}", lang)


#: The report of any address: ``/report`` followed by it (``dashboard/web/report_route.py``).
REPORT_PREFIX: Final = "/report"


def profile_area(pathname: object) -> tuple[str, str] | None:
    """(level, area) when ``pathname`` is an area's profile (``/force/gwent``), else None."""
    parts = [part for part in bounded_path(pathname).split("/") if part]
    if len(parts) != 2 or parts[0] not in AREA_ROUTES:
        return None
    known = REGION_SLUGS if parts[0] == "region" else FORCE_SLUGS
    return (parts[0], parts[1]) if parts[1] in known else None


def profile_report_href(state: ViewState) -> str | None:
    """The report of ``state``'s area profile (its settings kept), when the level has profiles."""
    if state.level not in AREA_ROUTES or not state.area:
        return None
    _path, search = to_url(state)
    return f"{REPORT_PREFIX}/{AREA_ROUTES[state.level]}/{state.area}{search}"


def provision_href(pathname: str, state: ViewState, provision: str) -> str:
    """The same page counting other services: the rest of ``state`` kept, no area selected."""
    _path, search = to_url(replace(state, provision=provision, area=None))
    return site_path(pathname) + search


# ------------------------------------------------------------------------------ links


def site_path(pathname: object) -> str:
    """``pathname`` as a path on this site: one leading slash, no empty segments.

    Every link the app builds from an address it was given starts with this. A browser reads a
    link that starts with two slashes (``//evil.example/``), or a slash and a backslash, as the
    address of another host, so the language link on ``http://host//evil.example/`` would
    otherwise lead off the site (an open redirect). Empty segments are dropped, as the page
    table ignores them when it matches a path.
    """
    text = bounded_path(pathname)
    segments = [segment for segment in text.replace("\\", "/").split("/") if segment]
    return "/" + "/".join(segments)


def query_string(lang: str, **params: str | None) -> str:
    """``?key=value&…&lang=cy``: the given settings in order (None ones left out), then the
    language unless it is the default; "" when there is nothing to carry."""
    pairs = [(key, value) for key, value in params.items() if value is not None]
    if i18n.normalise_language(lang) != i18n.DEFAULT_LANGUAGE:
        pairs.append(("lang", i18n.normalise_language(lang)))
    return "?" + urlencode(pairs) if pairs else ""


def href(path: str, lang: str, **params: str | None) -> str:
    """A link to ``path`` in ``lang`` with the given settings: ``href("/gaps", "cy")``."""
    return site_path(path) + query_string(lang, **params)


#: The survey template of the 2025-26 follow-up review (:mod:`dashboard.data.survey_template`),
#: served in the language of its ``lang`` setting.
SURVEY_TEMPLATE_PATH: Final = "/download/survey-template.xlsx"


def survey_template_href(lang: str) -> str:
    """The stable address of the survey template in ``lang``."""
    return href(SURVEY_TEMPLATE_PATH, lang)


def switch_href(pathname: object, search: object, lang: str) -> str:
    """The same page with the same settings in the other language."""
    params = [(key, value) for key, value in _pairs(bounded_search(search)) if key != "lang"]
    params.append(("lang", "cy" if lang == "en" else "en"))
    return site_path(pathname) + "?" + urlencode(params)


def with_remembered_language(search: object, remembered: object) -> tuple[str, str | None]:
    """A link without ``lang`` opens in the language this browser last chose.

    Returns the query string to render and the corrected one for the address bar (None when the
    address is right as it is).
    """
    text = search if isinstance(search, str) else ""
    if len(text) > MAX_QUERY_LENGTH:
        return text, None  # ignored by parse (which says so), never read or echoed
    try:
        params = parse_qsl(text.lstrip("?"), max_num_fields=MAX_FIELDS)
    except ValueError:
        return text, None  # too many fields: ignored by parse too, which says so
    if any(key == "lang" for key, _value in params) or remembered not in i18n.LANGUAGES:
        return text, None
    if remembered == i18n.DEFAULT_LANGUAGE:
        return text, None
    corrected = "?" + urlencode([*params, ("lang", remembered)])
    return corrected, corrected


def _pairs(text: str) -> list[tuple[str, str]]:
    """A query string's (key, value) pairs, in order; none when it has too many fields."""
    try:
        return parse_qsl(text.lstrip("?"), max_num_fields=MAX_FIELDS)
    except ValueError:
        return []


# ------------------------------------------------------------------------------ waves


def wave_href(pathname: object, search: object, wave: str | None) -> str:
    """The same page with the same settings as at another wave (None: the latest picture)."""
    pairs = _pairs(bounded_search(search))
    params = [(key, value) for key, value in pairs if key not in ("wave", "lang")]
    if wave:
        params.append(("wave", wave))
    params += [(key, value) for key, value in pairs if key == "lang"][:1]
    return site_path(pathname) + ("?" + urlencode(params) if params else "")


class ChangeSettings(NamedTuple):
    """The settings of the page comparing two waves: the earlier and the later wave, the level
    the changes are listed by, the language."""

    earlier: str
    later: str
    level: str = DEFAULT_LEVEL
    lang: str = i18n.DEFAULT_LANGUAGE


UNKNOWN_EARLIER: Final = N_("Unknown wave to compare from; allowed: {allowed}.")
UNKNOWN_LATER: Final = N_("Unknown wave to compare to; allowed: {allowed}.")
UNKNOWN_CHANGE_LEVEL: Final = N_("Unknown level for the list of changes; allowed: region, force.")


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


def change_search(settings: ChangeSettings) -> str:
    """Settings -> the query string :func:`change_settings` reads back."""
    return query_string(
        settings.lang, **{"from": settings.earlier, "to": settings.later}, level=settings.level
    )


def changes_href(earlier: str, later: str, lang: str, level: str = DEFAULT_LEVEL) -> str:
    """The page comparing two waves."""
    return "/changes" + change_search(ChangeSettings(earlier, later, level, lang))
