"""Every page's view is computed through one view cache, under its canonical key, also outside
any Flask request (issue 25, item 3): a second compute of the same key is a hit.

Before, the cache was found through Flask's ``current_app``: outside a request (a script, a test,
a page built directly) every view was computed again, silently; and the gap review, the need and
funding pages, the scorecard, an area's summary, the changes and the slides were never cached.
Each test counts the calls of the function that computes the view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import flask
import pytest

from callbacks.shell import render
from dashboard.domain import need
from dashboard.domain.scorecard import ScorecardView
from dashboard.views import (
    changes,
    findings,
    gaps,
    overview,
    page_views,
    profile,
    scorecard,
    url_parsing,
)
from dashboard.views import funding as funding_views
from dashboard.views import need as need_views
from dashboard.views.cache import ViewCache
from dashboard.views.cache_store import MemoryStore
from dashboard.views.overview import OverviewView
from dashboard.views.state import AreaSettings, ViewState
from dashboard.web import downloads

TODAY = dt.date(2026, 1, 15)


class Counted:
    """``function``, counting its calls."""

    def __init__(self, function: Callable[..., Any]) -> None:
        self.function = function
        self.calls = 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return self.function(*args, **kwargs)


def counted(monkeypatch, module, name: str) -> Counted:
    """Count the calls of ``module.name`` (the function ``page_views`` computes a view with)."""
    counter = Counted(getattr(module, name))
    monkeypatch.setattr(module, name, counter)
    return counter


@pytest.fixture(autouse=True)
def outside_any_request():
    assert not flask.has_app_context() and not flask.has_request_context()


# -------------------------------------------------------------------------- the cache itself


def test_a_view_is_computed_once_then_found_in_the_memo():
    cache = ViewCache()
    compute = Counted(lambda: ViewState(level="force"))
    first = cache.view("view:x:en:/?level=force", ViewState, compute)
    second = cache.view("view:x:en:/?level=force", ViewState, compute)
    assert first == second == ViewState(level="force")
    assert compute.calls == 1


def test_a_shared_view_is_found_by_another_cache_sharing_its_store():
    """Another worker (another cache on the same store) decodes the view, computes nothing."""
    store = MemoryStore()
    compute = Counted(lambda: ViewState(level="la", area="cardiff"))
    written = ViewCache(store).view("k", ViewState, compute)
    read = ViewCache(store).view("k", ViewState, compute)
    assert read == written and read is not written
    assert compute.calls == 1


def test_an_unshared_view_is_kept_in_its_process_only():
    store = MemoryStore()
    compute = Counted(lambda: ["a figure", "a frame"])
    one = ViewCache(store)
    assert one.unshared_view("k", compute) is one.unshared_view("k", compute)
    assert compute.calls == 1
    assert store.get("k") is None, "an unshared view reached the shared store"
    ViewCache(store).unshared_view("k", compute)
    assert compute.calls == 2


def test_clear_empties_every_tier():
    cache = ViewCache()
    shared, unshared = Counted(ViewState), Counted(lambda: ("x",))
    cache.view("a", ViewState, shared)
    cache.unshared_view("b", unshared)
    cache.clear()
    cache.view("a", ViewState, shared)
    cache.unshared_view("b", unshared)
    assert (shared.calls, unshared.calls) == (2, 2)


# ----------------------------------------------------------------------- every page's view


def _settings(**changes: Any) -> AreaSettings:
    return AreaSettings(level="force")._replace(**changes)


#: page -> (the module and function that compute its view, a call of page_views for its view).
PAGES: dict[str, tuple[object, str, Callable[[ViewCache, Any], Any]]] = {
    "overview": (
        overview,
        "compute_view",
        lambda cache, context: page_views.overview_view(
            cache, context, ViewState(level="la", area="cardiff")
        ),
    ),
    "need scatter": (
        need_views,
        "need_scatter_view",
        lambda cache, context: page_views.need_scatter(
            cache, context, ViewState(lang="cy"), need.NEED_MEASURES[0]
        ),
    ),
    "funding timeline": (
        funding_views,
        "funding_timeline_view",
        lambda cache, context: page_views.funding_timeline(
            cache, context, ViewState(), "region", as_of=TODAY
        ),
    ),
    "gap review": (
        gaps,
        "gap_review",
        lambda cache, context: page_views.gap_review(cache, context, _settings(), "cy"),
    ),
    "scorecard": (
        scorecard,
        "scorecard_for",
        lambda cache, context: page_views.scorecard_view(cache, context, _settings()),
    ),
    "need page": (
        need_views,
        "need_view",
        lambda cache, context: page_views.need_view(
            cache, context, ViewState(provision="all"), need.NEED_MEASURES[1]
        ),
    ),
    "funding page": (
        funding_views,
        "funding_view",
        lambda cache, context: page_views.funding_view(cache, context, ViewState(), TODAY),
    ),
    "area summary": (
        profile,
        "area_summary",
        lambda cache, context: page_views.area_summary(
            cache, context, ViewState(level="force", area="gwent"), TODAY
        ),
    ),
    "changes": (
        changes,
        "changes_view",
        lambda cache, context: page_views.changes_view(
            cache, context, url_parsing.change_settings(context, "?level=force")[0]
        ),
    ),
    "slides": (
        findings,
        "slides",
        lambda cache, context: page_views.slides(cache, context, "en", TODAY),
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_a_second_compute_of_the_same_key_is_a_hit(real_context, monkeypatch, page):
    module, name, view_of = PAGES[page]
    compute = counted(monkeypatch, module, name)
    cache = ViewCache()
    first = view_of(cache, real_context)
    second = view_of(cache, real_context)
    assert compute.calls == 1, f"{page}: computed {compute.calls} times"
    assert second is first
    # Another cache (another app) computes its own.
    view_of(ViewCache(), real_context)
    assert compute.calls == 2


def test_the_views_the_codec_can_say_are_shared_and_the_others_are_not(real_context):
    """A second worker finds the overview's view, the scatter, the timeline and the scorecard in
    the shared store; the views holding figures or frames it computes again."""
    store = MemoryStore()
    for _module, _name, view_of in PAGES.values():
        view_of(ViewCache(store), real_context)
    shared = {"overview", "need scatter", "funding timeline", "scorecard"}
    for page, (module, name, view_of) in PAGES.items():
        compute = Counted(getattr(module, name))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(module, name, compute)
            view_of(ViewCache(store), real_context)
        assert compute.calls == (0 if page in shared else 1), page


def test_one_view_has_one_key_whatever_the_link_says(real_context, monkeypatch):
    """Settings a view does not depend on make no second entry; ones it does make another."""
    cache = ViewCache()
    cards = counted(monkeypatch, scorecard, "scorecard_for")
    one = page_views.scorecard_view(cache, real_context, _settings())
    # The scorecard counts current provision whatever the link says.
    assert page_views.scorecard_view(cache, real_context, _settings(provision="all")) is one
    assert cards.calls == 1
    assert isinstance(one, ScorecardView)
    page_views.scorecard_view(cache, real_context, _settings(lang="cy"))
    assert cards.calls == 2
    reviews = counted(monkeypatch, gaps, "gap_review")
    # The language asked for is the one computed, whatever the settings held.
    page_views.gap_review(cache, real_context, _settings(lang="cy"), "en")
    page_views.gap_review(cache, real_context, _settings(), "en")
    page_views.gap_review(cache, real_context, _settings(include_all_wales=True), "en")
    assert reviews.calls == 2


def test_a_view_of_the_day_is_keyed_by_its_day(real_context, monkeypatch):
    cache = ViewCache()
    compute = counted(monkeypatch, funding_views, "funding_view")
    page_views.funding_view(cache, real_context, ViewState(), TODAY)
    page_views.funding_view(cache, real_context, ViewState(), TODAY + dt.timedelta(days=1))
    assert compute.calls == 2


def test_the_browser_key_finds_the_view_without_computing_it(real_context, monkeypatch):
    cache = ViewCache()
    compute = counted(monkeypatch, overview, "compute_view")
    view = page_views.overview_view(cache, real_context, ViewState(level="force", area="gwent"))
    assert page_views.view_for_key(cache, real_context, view.key) is view
    assert isinstance(view, OverviewView) and compute.calls == 1


def test_a_page_its_download_and_a_second_render_share_one_view(real_context, monkeypatch):
    """The gap review computed for ``/gaps`` is the one its CSV and the page's next render use."""
    cache = ViewCache()
    compute = counted(monkeypatch, gaps, "gap_review")
    render(real_context, cache, "/gaps", "?level=force")
    render(real_context, cache, "/gaps", "?level=force")
    csv_file = downloads.panel_csv(real_context, cache, "gaps", "risk", "?level=force")
    assert csv_file is not None
    assert compute.calls == 1
