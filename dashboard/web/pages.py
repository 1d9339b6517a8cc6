"""The page table: every page declared once (address, body, title, navigation entry), and the
matching of a pathname to its page and path parameters.

Dash Pages (``dash.register_page``) is not used because it keeps one process-wide registry
(``dash.page_registry``, and the last app's config in ``dash._pages.CONFIG``) while ``create_app``
builds several apps, each with its own data, side by side in one process (tests, the benchmark).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Final

from dash import dcc, html
from dash.development.base_component import Component

from dashboard.domain import need
from dashboard.domain.context import AppContext
from dashboard.domain.scorecard import ScorecardView, scorecard_view
from dashboard.i18n import N_, Locale
from dashboard.views import changes as changes_view
from dashboard.views import coverage_text, directory_search, review
from dashboard.views import directory as directory_view
from dashboard.views import profile as profile_view
from dashboard.views import state as view_state
from dashboard.views.state import ViewState
from dashboard.web import view_cache
from layouts import changes, directory, funding, gaps, overview, present, profile, scorecard
from layouts import need as need_layouts


@dataclass(frozen=True)
class Address:
    """What the browser asked for: the pathname, the query string, the path's parameters and
    the view state they give (see :func:`dashboard.views.state.parse`)."""

    pathname: str
    search: str
    params: Mapping[str, str] = field(default_factory=dict)
    state: ViewState = field(default_factory=ViewState)


#: A page's body from the app's data, the address and the page's language.
Build = Callable[[AppContext, Address, Locale], Component]


@dataclass(frozen=True)
class Page:
    """One page of the dashboard.

    ``path`` is a template where ``<name>`` stands for one path segment, passed on as a
    parameter; ``title`` is the browser-tab title and ``label`` the navigation entry (catalogue
    messages; a label of None, no entry of its own). A page ``within`` another section highlights that
    section's entry; ``area_level`` is the level of the area the path's ``<area>`` names, shown
    in the title, and its view state is read from the path too. A page that ``follows_url``
    keeps itself in step with the URL (its query), so moving between its addresses does not
    render it again; its ``view_key`` is then the key of the view it opens on. ``framed`` pages have the header, notices and footer around them (the
    slides fill the screen instead); ``provision_links`` puts the "services counted" links above
    a page that has no control panel.
    """

    name: str
    path: str
    build: Build
    title: str
    label: str | None
    within: str | None = None
    area_level: str | None = None
    follows_url: bool = False
    framed: bool = True
    provision_links: bool = False
    #: Whether the page shows one wave's picture, with the "as at" links above it (the page
    #: comparing two waves chooses its own).
    shows_waves: bool = True
    #: The key of the view the page opens on (the overview's), kept by the page's frame so
    #: that the page's callbacks need not run to learn it.
    view_key: Callable[[AppContext, Address], str] | None = None

    @property
    def section(self) -> str:
        """The navigation entry this page highlights."""
        return self.within or self.name


def overview_body(context: AppContext, address: Address, locale: Locale) -> Component:
    # The view the page opens on, computed once for the page and every callback after it.
    view = view_cache.cached_compute_view(context, address.state)
    return overview.overview_page(context, view, address.pathname, address.search)


def overview_key(context: AppContext, address: Address) -> str:
    """The key of the view the overview opens on (see :func:`overview_body`)."""
    return view_cache.cached_compute_view(context, address.state).key


def gap_review(context: AppContext, settings: view_state.AreaSettings, lang: str) -> dict:
    """The gap review for the page's settings (its callbacks and CSV ask for the same)."""
    return review.gap_review(
        context.at(settings.wave),
        level=settings.level,
        include_all_wales=settings.include_all_wales,
        lang=lang,
        provision=settings.provision,
    )


def scorecard_for(context: AppContext, settings: view_state.AreaSettings) -> ScorecardView:
    """The scorecard for the page's settings (its callbacks and CSV ask for the same)."""
    return scorecard_view(
        context.at(settings.wave),
        level=settings.level,
        include_all_wales=settings.include_all_wales,
        lang=settings.lang,
    )


def gaps_body(context: AppContext, address: Address, locale: Locale) -> Component:
    settings = view_state.area_settings(address.search, context.wave_ids)
    result = gap_review(context, settings, locale.lang)
    return gaps.gaps_page(result, context.bundle.recommendations, settings=settings, locale=locale)


def scorecard_body(context: AppContext, address: Address, locale: Locale) -> Component:
    view = scorecard_for(context, view_state.area_settings(address.search, context.wave_ids))
    return scorecard.scorecard_page(view, locale=locale)


def need_body(context: AppContext, address: Address, locale: Locale) -> Component:
    measure = need.NEED_MEASURES[1]
    result = review.need_view(
        context, measure=measure, lang=locale.lang, provision=address.state.provision
    )
    secondary = need.secondary_series(context.bundle.criminal_justice)
    return need_layouts.need_page(result, secondary, measure=measure, locale=locale)


def funding_body(context: AppContext, address: Address, locale: Locale) -> Component:
    result = review.funding_view(
        context, group="funder", lang=locale.lang, provision=address.state.provision
    )
    return funding.funding_page(
        result, group="funder", locale=locale, current_year=context.directory.current_year
    )


def directory_body(context: AppContext, address: Address, locale: Locale) -> Component:
    rows = directory_view.directory_rows(
        context.directory.frame,
        locale.lang,
        context.bundle.sources,
        context.bundle.lookup,
    )
    search = directory_search.search_index(context, locale.lang)
    return directory.directory_page(
        directory_view.grid_rows(rows, search),
        locale,
        selected_id=view_state.directory_id(address.search),
        sources=coverage_text.sources_named(context, locale),
    )


def present_body(context: AppContext, address: Address, locale: Locale) -> Component:
    return present.present_page(context, address.search, locale)


def changes_body(context: AppContext, address: Address, locale: Locale) -> Component:
    settings, problems = view_state.change_settings(context, address.search)
    page = changes.changes_page(changes_view.changes_view(context, settings), locale)
    messages = view_state.problem_texts(view_state.Parsed(address.state, problems), locale)
    if not messages:
        return page
    return html.Div([changes.settings_notice(messages, locale), page])


def not_found_body(context: AppContext, address: Address, locale: Locale) -> Component:
    return html.Div(
        [
            html.H1(locale("Page not found")),
            html.P(locale("There is no page at this address. Try the overview or the directory.")),
            dcc.Link(locale("Go to the overview"), href=view_state.href("/", locale.lang)),
        ]
    )


OVERVIEW: Final = "overview"
OVERVIEW_TITLE: Final = N_("Overview – VAWDASV perpetration interventions in Wales")
REGION_TITLE: Final = N_(
    "{area} (VAWDASV region) – Profile – VAWDASV perpetration interventions in Wales"
)
FORCE_TITLE: Final = N_(
    "{area} (police force area) – Profile – VAWDASV perpetration interventions in Wales"
)
GAPS_TITLE: Final = N_("Gap review – VAWDASV perpetration interventions in Wales")
SCORECARD_TITLE: Final = N_("Minimum-offer scorecard – VAWDASV perpetration interventions in Wales")
NEED_TITLE: Final = N_("Need beside provision – VAWDASV perpetration interventions in Wales")
FUNDING_TITLE: Final = N_("Funding cliff-edge – VAWDASV perpetration interventions in Wales")
DIRECTORY_TITLE: Final = N_(
    "Directory of interventions – VAWDASV perpetration interventions in Wales"
)
PRESENT_TITLE: Final = N_("Presenter mode – VAWDASV perpetration interventions in Wales")
CHANGES_TITLE: Final = N_("What changed – VAWDASV perpetration interventions in Wales")
AREA_INDEX_TITLES: Final = {
    "region": N_("VAWDASV regions – VAWDASV perpetration interventions in Wales"),
    "force": N_("Police force areas – VAWDASV perpetration interventions in Wales"),
}
NOT_FOUND_TITLE: Final = N_("Page not found – VAWDASV perpetration interventions in Wales")


def profile_body(context: AppContext, address: Address, locale: Locale) -> Component:
    """An area's profile; the overview's settings in the query (filters, measure) apply."""
    state = address.state
    if not state.area:
        return profile.area_index(state.level, context.names(locale.lang, state.level), locale)
    report_href = view_state.profile_report_href(replace(state, lang=locale.lang))
    return area_profile_page(context, state, locale, report_href=report_href)


def area_profile_page(
    context: AppContext, state: ViewState, locale: Locale, *, report_href: str | None
) -> Component:
    """The profile of ``state``'s area in ``locale``'s language, as the page draws it or, with no
    ``report_href``, as its report does (a static file)."""
    level = state.level
    view = view_cache.cached_compute_view(context, state)
    la_view = view_cache.cached_compute_view(context, replace(state, level="la", area=None))
    las = set(profile_view.area_las(context, level, state.area))
    return profile.profile_page(
        summary=profile_view.area_summary(
            context, level=level, area_id=state.area, lang=locale.lang, provision=state.provision
        ),
        map_figure=profile_view.area_map(context, la_view, level, state.area),
        la_rows=[row for row in la_view.areas if row["area_id"] in las],
        view=view,
        data_date=context.data_date,
        directory_note=coverage_text.directory_note(context, locale),
        locale=locale,
        report_href=report_href,
    )


def area_profile(level: str, title: str) -> Page:
    """The profile of one area of ``level``: ``/region/<area>``, ``/force/<area>``."""
    return Page(
        level, f"/{level}/<area>", profile_body, title, None, within=OVERVIEW, area_level=level
    )


#: Every page, in the order of the navigation.
PAGES: Final = (
    Page(
        OVERVIEW,
        "/",
        overview_body,
        OVERVIEW_TITLE,
        N_("Overview"),
        follows_url=True,
        view_key=overview_key,
    ),
    area_profile("region", REGION_TITLE),
    area_profile("force", FORCE_TITLE),
    Page("gaps", "/gaps", gaps_body, GAPS_TITLE, N_("Gap review")),
    Page("scorecard", "/scorecard", scorecard_body, SCORECARD_TITLE, N_("Minimum offer")),
    Page("need", "/need", need_body, NEED_TITLE, N_("Need and provision"), provision_links=True),
    Page("funding", "/funding", funding_body, FUNDING_TITLE, N_("Funding"), provision_links=True),
    Page("directory", "/directory", directory_body, DIRECTORY_TITLE, N_("Directory")),
    Page("changes", "/changes", changes_body, CHANGES_TITLE, N_("What changed"), shows_waves=False),
    Page("present", "/present", present_body, PRESENT_TITLE, N_("Present"), framed=False),
)
#: What every address that no page matches shows (it is not in PAGES, so never matched).
NOT_FOUND: Final = Page("not-found", "", not_found_body, NOT_FOUND_TITLE, None, shows_waves=False)


def _segments(path: str) -> list[str]:
    # Empty segments are ignored, as the URL parser ignores them ("/gaps/" is "/gaps").
    return [segment for segment in path.split("/") if segment]


def match(pathname: object) -> tuple[Page, dict[str, str]]:
    """The page at ``pathname`` and its path parameters (the not-found page when none is)."""
    wanted = _segments(pathname if isinstance(pathname, str) else "/")
    for page in PAGES:
        template = _segments(page.path)
        if len(template) != len(wanted):
            continue
        params: dict[str, str] = {}
        for part, segment in zip(template, wanted, strict=True):
            if part.startswith("<") and part.endswith(">"):
                params[part[1:-1]] = segment
            elif part != segment:
                break
        else:
            return page, params
    return NOT_FOUND, {}


def title(page: Page, params: Mapping[str, str], context: AppContext, locale: Locale) -> str:
    """The browser-tab title of ``page``; an area page whose area is unknown shows all of Wales,
    so it has the overview's title."""
    if page.area_level is None:
        return locale(page.title)
    name = context.names(locale.lang, page.area_level).get(params.get("area", ""))
    if name is None:
        return locale(AREA_INDEX_TITLES[page.area_level])
    return locale(page.title).format(area=name)


def page_named(name: str) -> Page:
    """The page called ``name`` in the table."""
    return next(page for page in (*PAGES, NOT_FOUND) if page.name == name)


def navigation(page: Page, locale: Locale, wave: str | None = None) -> list[tuple[str, str, bool]]:
    """The header's entries as (label, link, highlighted), built from the table; the wave shown
    goes with every page that shows one."""
    return [
        (
            locale(entry.label),
            view_state.href(entry.path, locale.lang, wave=wave if entry.shows_waves else None),
            entry.section == page.section,
        )
        for entry in PAGES
        if entry.label is not None
    ]
