"""The page table: every address finds exactly one page, titles are unique in each language, the
navigation comes from the table, and links carry the language the same way everywhere."""

from __future__ import annotations

import json

import plotly
import pytest

from dashboard import i18n
from dashboard.views import state, url_parsing
from dashboard.views.cache import ViewCache
from dashboard.web import pages
from layouts import profile
from layouts.page_table import PAGES

#: One address for every page, with the page it must find.
ADDRESSES = {
    "/": "overview",
    "/region/gwent": "region",
    "/force/south-wales": "force",
    "/gaps": "gaps",
    "/scorecard": "scorecard",
    "/need": "need",
    "/funding": "funding",
    "/directory": "directory",
    "/present": "present",
    "/changes": "changes",
}


def matching(pathname: str) -> list[str]:
    """Every page whose template matches ``pathname`` (the table must give exactly one)."""
    found = []
    for page in PAGES:
        template = [part for part in page.path.split("/") if part]
        wanted = [part for part in pathname.split("/") if part]
        if len(template) == len(wanted) and all(
            part == segment or part.startswith("<")
            for part, segment in zip(template, wanted, strict=True)
        ):
            found.append(page.name)
    return found


@pytest.mark.parametrize(("pathname", "name"), ADDRESSES.items())
def test_every_path_matches_exactly_one_page(pathname, name):
    assert matching(pathname) == [name]
    page, _params = pages.match(PAGES, pathname)
    assert page.name == name


def test_every_page_of_the_table_is_reachable_and_named_once():
    names = [page.name for page in PAGES]
    assert len(set(names)) == len(names)
    assert sorted(ADDRESSES.values()) == sorted(names)


@pytest.mark.parametrize(
    ("pathname", "name", "params"),
    [
        ("/force/gwent", "force", {"area": "gwent"}),
        ("/region/cardiff-and-vale/", "region", {"area": "cardiff-and-vale"}),
        ("//gaps", "gaps", {}),
        ("/no-such-page", "not-found", {}),
        ("/gaps/extra", "not-found", {}),
        ("/force", "not-found", {}),
        (None, "overview", {}),
        (42, "overview", {}),
    ],
)
def test_match_gives_the_page_and_its_path_parameters(pathname, name, params):
    page, found = pages.match(PAGES, pathname)
    assert (page.name, found) == (name, params)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_titles_are_unique_in_each_language(mini_context, lang):
    locale = i18n.locale_for(lang)
    titles = [
        pages.title(*pages.match(PAGES, pathname), mini_context, locale) for pathname in ADDRESSES
    ]
    titles.append(pages.title(pages.NOT_FOUND, {}, mini_context, locale))
    assert len(set(titles)) == len(titles), titles
    site = locale("VAWDASV perpetration interventions")
    assert all(site in title for title in titles)


def test_area_titles_name_the_area_and_fall_back_to_the_list_of_areas(mini_context):
    english, welsh = i18n.locale_for("en"), i18n.locale_for("cy")
    force, params = pages.match(PAGES, "/force/south-wales")
    assert pages.title(force, params, mini_context, english).startswith(
        "South Wales (police force area) – Profile"
    )
    assert pages.title(force, params, mini_context, welsh).startswith(
        "Heddlu De Cymru (ardal heddlu) – "
    )
    unknown, params = pages.match(PAGES, "/region/atlantis")
    assert pages.title(unknown, params, mini_context, english) == english(
        profile.AREA_INDEX_TITLES["region"]
    )


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_navigation_is_built_from_the_table(lang):
    locale = i18n.locale_for(lang)
    gaps = pages.page_named(PAGES, "gaps")
    navigation = pages.navigation(PAGES, gaps, locale)
    entries = [page for page in PAGES if page.label is not None]
    assert [label for label, _href, _active in navigation] == [
        locale(page.label) for page in entries
    ]
    suffix = "?lang=cy" if lang == "cy" else ""
    assert [href for _label, href, _active in navigation] == [
        page.path + suffix for page in entries
    ]
    assert [label for label, _href, active in navigation if active] == [locale("Gap review")]
    # An area's profile highlights the overview's entry.
    force, _params = pages.match(PAGES, "/force/gwent")
    assert next(active for _label, _href, active in pages.navigation(PAGES, force, locale)) is True


def test_the_router_renders_every_page_with_its_title(mini_context):
    from callbacks.shell import render

    for pathname, name in ADDRESSES.items():
        for search, lang in (("", "en"), ("?lang=cy", "cy")):
            rendered = render(mini_context, ViewCache(), pathname, search)
            assert rendered.page.name == name
            text = json.dumps(rendered.layout.to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder)
            assert f'"lang": "{lang}"' in text
            assert rendered.title == pages.title(
                rendered.page, pages.match(PAGES, pathname)[1], mini_context, i18n.locale_for(lang)
            )


# ------------------------------------------------------------------------------ links


@pytest.mark.parametrize(
    ("args", "params", "expected"),
    [
        (("/", "en"), {}, "/"),
        (("/", "cy"), {}, "/?lang=cy"),
        (("/gaps", "fr"), {}, "/gaps"),
        (("/directory", "cy"), {"id": "a b&c"}, "/directory?id=a+b%26c&lang=cy"),
        (("/present", "en"), {"slide": "2", "skipped": None}, "/present?slide=2"),
    ],
)
def test_href_carries_the_language_after_the_settings(args, params, expected):
    assert state.href(*args, **params) == expected


@pytest.mark.parametrize(
    ("search", "lang"),
    [
        ("?lang=cy", "cy"),
        ("?level=force&lang=cy", "cy"),
        ("?lang=fr", "en"),
        ("", "en"),
        (None, "en"),
        (["?lang=cy"], "en"),
        ("?" + "a=1&" * 100 + "lang=cy", "en"),
        ("?lang=cy&" + "x" * 5000, "en"),
    ],
)
def test_language_of_agrees_with_the_url_parser(search, lang):
    assert url_parsing.language_of(search) == lang
    assert url_parsing.parse("/", search).state.lang == lang


def test_the_language_switch_keeps_every_other_setting():
    assert state.switch_href("/gaps", "?level=force&lang=cy", "cy") == "/gaps?level=force&lang=en"
    assert state.switch_href("/", "", "en") == "/?lang=cy"


def test_a_link_without_language_opens_in_the_remembered_one():
    assert state.with_remembered_language("?level=force", "cy") == (
        "?level=force&lang=cy",
        "?level=force&lang=cy",
    )
    assert state.with_remembered_language("?lang=en", "cy") == ("?lang=en", None)
    assert state.with_remembered_language("", "en") == ("", None)
    assert state.with_remembered_language(None, "xx") == ("", None)


@pytest.mark.parametrize(
    ("search", "total", "index"),
    [("?slide=3", 7, 2), ("?slide=99", 7, 6), ("?slide=0", 7, 0), ("?slide=²", 7, 0), (None, 7, 0)],
)
def test_slide_query(search, total, index):
    assert url_parsing.slide_index(search, total) == index
    assert url_parsing.slide_index(state.slide_search(index + 1, "cy"), total) == index


def test_directory_query():
    assert (
        url_parsing.directory_id(state.directory_href("int-7", "cy").split("/directory")[1])
        == "int-7"
    )
    assert url_parsing.directory_id("?lang=cy") is None
    assert url_parsing.directory_id(None) is None


@pytest.mark.parametrize(
    "settings",
    [
        state.AreaSettings(),
        state.AreaSettings("force", True, "all", "cy"),
        state.AreaSettings("region", False, "all", "en"),
    ],
)
def test_area_settings_round_trip(settings):
    assert url_parsing.area_settings(state.area_search(settings)) == settings


def test_area_settings_from_hostile_controls():
    assert (
        url_parsing.area_settings_from_controls(
            level=["la"], include_all_wales="yes", provision={"a": 1}, lang=None
        )
        == state.AreaSettings()
    )
