"""Every page's view, computed through the view cache under its canonical key.

A key is ``<kind>:<data identity>:<language>:<canonical URL>``: the data's identity (the wave
shown), the language and the URL that names the view (settings in a fixed order, none that the
view does not depend on), so that two links to one view are one entry and a new data set retires
every old one. A view that depends on the day (funding ends seen from today) has the date in its
kind. Each function takes the app's :class:`~dashboard.views.cache.ViewCache` and its context.

Shared through the store (Redis when set: every worker finds what one computed), being plain
data the codec says: the overview's view, the need page's scatter, the funding page's timeline
and the scorecard. Kept in each process's memo only, holding plotly figures or pandas frames: the
gap review, the need and funding pages, an area's summary, the changes between two waves and the
presenter's slides.
"""

from __future__ import annotations

import datetime as dt

from dashboard import i18n
from dashboard.domain import counting
from dashboard.domain.context import AppContext
from dashboard.domain.scorecard import ScorecardView
from dashboard.views import (
    changes,
    findings,
    funding,
    gaps,
    need,
    overview,
    profile,
    scorecard,
    url_parsing,
)
from dashboard.views import state as view_state
from dashboard.views.cache import ViewCache
from dashboard.views.funding import FundingTimeline
from dashboard.views.gap_review import GapReview
from dashboard.views.need import NeedScatter
from dashboard.views.overview import OverviewView
from dashboard.views.state import AreaSettings, ChangeSettings, ViewState


def page_key(kind: str, context: AppContext, lang: str, url: str) -> str:
    """``<kind>:<data identity>:<language>:<canonical URL>``."""
    return f"{kind}:{context.data_identity}:{lang}:{url}"


# ------------------------------------------------------------------------------------ the overview


def view_cache_key(context: AppContext, state: ViewState) -> str:
    """``view:<data hash>:<language>:<canonical URL>``: one key per view, whatever the order
    its filters were chosen in."""
    path, search = view_state.to_url(view_state.canonical(state))
    return page_key("view", context.at(state.wave), state.lang, path + search)


def overview_view(cache: ViewCache, context: AppContext, state: ViewState) -> OverviewView:
    """:func:`dashboard.views.overview.compute_view` of ``state``, through the cache (shared)."""
    state = view_state.canonical(state)
    shown = context.at(state.wave)  # the wave's picture: every page shows the wave asked for
    view = cache.view(
        view_cache_key(shown, state),
        OverviewView,
        lambda: overview.compute_view(shown, state),
        lambda view: view.state == state,
    )
    cache.remember(_browser_key(context, view.key), view)
    return view


def view_for_key(cache: ViewCache, context: AppContext, key: object) -> OverviewView | None:
    """The view for a key sent by the browser (None when it is not a key).

    The browser keeps only the key (the state's canonical URL). It goes through the URL parser
    like any link, so a tampered key can only name another valid view, and the view always comes
    from the server.
    """
    if not isinstance(key, str) or not key.startswith("/"):
        return None
    known = cache.recall(_browser_key(context, key))
    # Only a key the server wrote is found; any other goes through the parser.
    if isinstance(known, OverviewView) and known.key == key:
        return known
    path, _separator, search = key.partition("?")
    state = url_parsing.parse_for(context, path, "?" + search).state
    return overview_view(cache, context, state)


def _browser_key(context: AppContext, key: str) -> str:
    """The memo's second name for a view: the key the browser holds (the view's canonical URL,
    which names its language and wave) with the data's identity. So the callbacks that follow
    the one that computed a view find it by the key it wrote, without parsing the key again."""
    return f"browser-key:{context.at(None).data_identity}:{key}"


# ------------------------------------------------------------------- the need and funding pages


def _review_settings(context: AppContext, state: ViewState) -> tuple[AppContext, ViewState]:
    """The settings a review page's chart depends on (language, provision, wave), as a state of
    their own so that its key is their canonical URL alone, and the wave's picture."""
    settings = ViewState(lang=state.lang, provision=state.provision, wave=state.wave)
    return context.at(settings.wave), settings


def need_scatter(
    cache: ViewCache, context: AppContext, state: ViewState, measure: str
) -> NeedScatter:
    """The need page's scatter of ``measure`` for ``state``'s language, provision and wave (the
    only settings it depends on), shared: keyed like the overview's view, on the canonical URL
    of those settings alone, with the measure."""
    context, settings = _review_settings(context, state)
    return cache.view(
        f"need-scatter:{measure}:{view_cache_key(context, settings)}",
        NeedScatter,
        lambda: need.need_scatter_view(
            context,
            measure=measure,
            lang=settings.lang,
            provision=settings.provision,
            wave=settings.wave,
        ),
        lambda scatter: (
            (scatter.measure, scatter.lang, scatter.provision, scatter.wave)
            == (measure, settings.lang, settings.provision, settings.wave)
        ),
    )


def funding_timeline(
    cache: ViewCache,
    context: AppContext,
    state: ViewState,
    group: str,
    as_of: dt.date | None = None,
) -> FundingTimeline:
    """The funding page's timeline grouped by ``group``, like :func:`need_scatter`, seen from
    ``as_of`` (today by default: the date is in the key, so a view never outlives its day)."""
    context, settings = _review_settings(context, state)
    as_of = as_of or dt.date.today()
    return cache.view(
        f"funding-timeline:{group}:{as_of.isoformat()}:{view_cache_key(context, settings)}",
        FundingTimeline,
        lambda: funding.funding_timeline_view(
            context,
            group=group,
            lang=settings.lang,
            provision=settings.provision,
            wave=settings.wave,
            as_of=as_of,
        ),
        lambda timeline: (
            (timeline.group, timeline.lang, timeline.provision, timeline.wave, timeline.as_of)
            == (group, settings.lang, settings.provision, settings.wave, as_of.isoformat())
        ),
    )


def _provision_url(path: str, state: ViewState) -> str:
    """``path`` with the settings a need or funding page depends on (provision, wave, language)."""
    provision = state.provision if state.provision != counting.CURRENT else None
    return path + view_state.query_string(state.lang, provision=provision, wave=state.wave)


def need_view(
    cache: ViewCache, context: AppContext, state: ViewState, measure: str
) -> need.NeedView:
    """The need page (``/need``) for ``state``'s language, provision and wave, its scatter
    drawn for ``measure`` (its page's and its CSV's; in this process)."""
    shown = context.at(state.wave)
    return cache.unshared_view(
        page_key(f"need:{measure}", shown, state.lang, _provision_url("/need", state)),
        lambda: need.need_view(shown, measure=measure, lang=state.lang, provision=state.provision),
    )


def funding_view(
    cache: ViewCache, context: AppContext, state: ViewState, as_of: dt.date | None = None
) -> funding.FundingView:
    """The funding page (``/funding``) for ``state``'s language, provision and wave, its
    timeline grouped by funder, seen from ``as_of`` (today by default, in the key; in this
    process)."""
    shown = context.at(state.wave)
    as_of = as_of or dt.date.today()
    return cache.unshared_view(
        page_key(
            f"funding:{as_of.isoformat()}", shown, state.lang, _provision_url("/funding", state)
        ),
        lambda: funding.funding_view(
            shown, group="funder", lang=state.lang, provision=state.provision, as_of=as_of
        ),
    )


# ----------------------------------------------------------------- the gap review and scorecard


def gap_review(
    cache: ViewCache, context: AppContext, settings: AreaSettings, lang: str
) -> GapReview:
    """The gap review of ``settings``' wave, level, all-Wales choice and provision in ``lang``
    (:func:`dashboard.views.gaps.gap_review`; in this process)."""
    settings = settings._replace(lang=i18n.normalise_language(lang))
    url = "/gaps" + view_state.area_search(settings)
    return cache.unshared_view(
        page_key("gaps", context.at(settings.wave), settings.lang, url),
        lambda: gaps.gap_review(context, settings, settings.lang),
    )


def scorecard_view(cache: ViewCache, context: AppContext, settings: AreaSettings) -> ScorecardView:
    """The scorecard of ``settings``' wave, level, all-Wales choice and language
    (:func:`dashboard.views.scorecard.scorecard_for`; shared). It counts current provision
    whatever the link says, so the provision is not in its key."""
    settings = settings._replace(provision=counting.CURRENT)
    url = "/scorecard" + view_state.area_search(settings)
    return cache.view(
        page_key("scorecard", context.at(settings.wave), settings.lang, url),
        ScorecardView,
        lambda: scorecard.scorecard_for(context, settings),
        lambda view: (
            (view.level, view.include_all_wales, view.lang)
            == (settings.level, settings.include_all_wales, settings.lang)
        ),
    )


# --------------------------------------------------- an area's summary, the changes, the slides


def area_summary(
    cache: ViewCache, context: AppContext, state: ViewState, as_of: dt.date | None = None
) -> profile.AreaSummary:
    """The summary of ``state``'s area on its profile, in its language, for its provision and
    wave, funding ends seen from ``as_of`` (today by default, in the key; in this process)."""
    shown = context.at(state.wave)
    as_of = as_of or dt.date.today()
    path = f"/{view_state.AREA_ROUTES[state.level]}/{state.area}"
    settings = ViewState(lang=state.lang, provision=state.provision, wave=state.wave)
    return cache.unshared_view(
        page_key(
            f"area-summary:{as_of.isoformat()}", shown, state.lang, _provision_url(path, settings)
        ),
        lambda: profile.area_summary(
            shown,
            level=state.level,
            area_id=state.area,
            lang=state.lang,
            provision=state.provision,
            as_of=as_of,
        ),
    )


def changes_view(
    cache: ViewCache, context: AppContext, settings: ChangeSettings
) -> changes.ChangesView:
    """The page comparing two waves for ``settings`` (:func:`dashboard.views.changes.changes_view`;
    in this process), keyed by both waves' data and that of the wave whose page it is drawn on
    (its names and scope are read from that context)."""
    shown = (context, context.at(settings.earlier), context.at(settings.later))
    identity = "+".join(each.data_identity for each in shown)
    url = "/changes" + view_state.change_search(settings)
    return cache.unshared_view(
        f"changes:{identity}:{settings.lang}:{url}",
        lambda: changes.changes_view(context, settings),
    )


def slides(
    cache: ViewCache, context: AppContext, lang: str, today: dt.date | None = None
) -> tuple[findings.Slide, ...]:
    """The presenter's slides of ``context``'s wave in ``lang``, the funding slide seen from
    ``today`` (today by default, in the key; in this process)."""
    lang = i18n.normalise_language(lang)
    today = today or dt.date.today()
    # The wave is in the data's identity.
    return cache.unshared_view(
        page_key(
            f"slides:{today.isoformat()}", context, lang, "/present" + view_state.query_string(lang)
        ),
        lambda: tuple(findings.slides(context, lang, today=today)),
    )
