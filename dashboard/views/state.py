"""Every page's URL state and every link: what a URL holds, and how it is written.

The URL carries everything needed to restore a view: geography level, metric, selected area,
whether all-Wales services are included, filters and language (the overview's :class:`ViewState`),
and each other page's few settings (:class:`AreaSettings`, :class:`ChangeSettings`). Each is
written here in its canonical form (:func:`to_url`, :func:`area_search`, :func:`change_search`),
and read back, defensively, by :mod:`dashboard.views.url_parsing`. Links are built here too
(:func:`href`), so the language is carried the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Final, NamedTuple
from urllib.parse import parse_qsl, urlencode

from dashboard import config, i18n
from dashboard.data import vocabulary as vocab
from dashboard.data.geo import slugify
from dashboard.domain import counting
from dashboard.domain.model import offered_filters
from dashboard.views.measures import MEASURE_BY_KEY

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
AREA_ROUTES: Final = MappingProxyType({"region": "region", "force": "force"})

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


def bounded_search(search: object) -> str:
    """A query string from the client as it may be echoed: "" when it is not a string or is
    longer than :data:`MAX_QUERY_LENGTH` (:func:`dashboard.views.url_parsing.parse` ignores
    such a one, and says so)."""
    return search if isinstance(search, str) and len(search) <= MAX_QUERY_LENGTH else ""


def bounded_path(pathname: object) -> str:
    """A path from the client as it may be echoed or matched: "/" when it is not a string or is
    longer than :data:`MAX_PATH_LENGTH`."""
    return pathname if isinstance(pathname, str) and len(pathname) <= MAX_PATH_LENGTH else "/"


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


def to_url(state: ViewState) -> tuple[str, str]:
    """A state -> (pathname, search) of the overview that :func:`dashboard.views.url_parsing.parse`
    turns back into the same state (its :func:`canonical` form: filter values in their
    vocabulary's order). The overview keeps its address at ``/`` with the area in the query;
    ``/force/<area>`` and ``/region/<area>`` are the areas' profiles (:func:`profile_href`)."""
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


# ------------------------------------------------------------------------------ every other page


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


def area_search(settings: AreaSettings) -> str:
    """Settings -> the query string :func:`dashboard.views.url_parsing.area_settings` reads back
    (the level always named)."""
    return query_string(
        settings.lang,
        level=settings.level,
        all_wales="1" if settings.include_all_wales else None,
        provision=settings.provision if settings.provision != counting.CURRENT else None,
        wave=settings.wave,
    )


def slide_search(number: int, lang: str, wave: str | None = None) -> str:
    """The presenter's query string for slide ``number`` (counted from 1), in ``wave``."""
    return query_string(lang, slide=str(number), wave=wave)


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


def change_search(settings: ChangeSettings) -> str:
    """Settings -> the query string :func:`dashboard.views.url_parsing.change_settings` reads
    back."""
    return query_string(
        settings.lang, **{"from": settings.earlier, "to": settings.later}, level=settings.level
    )


def changes_href(earlier: str, later: str, lang: str, level: str = DEFAULT_LEVEL) -> str:
    """The page comparing two waves."""
    return "/changes" + change_search(ChangeSettings(earlier, later, level, lang))
