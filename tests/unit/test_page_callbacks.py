"""The pages' callbacks, called directly (issue 25, item 2: top-level functions a unit test
calls without HTTP): the presenter's buttons, the CSV buttons of every page, the router, the
scorecard and the comparison of waves, on the six-row fixture."""

from __future__ import annotations

import pytest
from dash import html, no_update

from callbacks import changes, downloads, overview, present, scorecard, shell
from dashboard.views.cache import ViewCache
from dashboard.web import ids
from layouts.page_table import PAGES
from tests.unit.test_overview_callbacks import OPENED


@pytest.fixture
def cache() -> ViewCache:
    return ViewCache()


def test_the_presenters_buttons_move_between_slides_and_stop_at_the_ends(mini_context, cache):
    slide, search = present.move(mini_context, cache, ids.PRESENT_NEXT, "?slide=1")
    assert search == "?slide=2"
    assert slide is not no_update
    # The first slide has no previous one; an unknown button moves nothing.
    assert present.move(mini_context, cache, ids.PRESENT_PREV, "") == (no_update, no_update)
    assert present.move(mini_context, cache, "elsewhere", "?slide=2") == (no_update, no_update)
    _slide, search = present.move(mini_context, cache, ids.PRESENT_LAST, "?lang=cy")
    last = int(search.split("slide=")[1].split("&")[0])
    _slide, first = present.move(mini_context, cache, ids.PRESENT_FIRST, f"?slide={last}")
    assert last > 2 and first == "?slide=1"


def test_a_csv_button_sends_its_pages_file_and_a_bad_id_sends_nothing(mini_context, cache):
    button = {"type": "csv", "page": "scorecard", "panel": "minimum-offer"}
    sent = downloads.download_csv(mini_context, cache, button, [1], "?level=force", None)
    assert sent["filename"].endswith(".csv") and "force" in sent["filename"]
    assert sent["content"]
    for trigger, clicks in ((button, [None]), ("csv", [1]), ({**button, "panel": "x"}, [1])):
        assert downloads.download_csv(mini_context, cache, trigger, clicks, "", None) is no_update
    # The overview's buttons use the key of the view shown, never a tampered one.
    overview = {"type": "csv", "page": "overview", "panel": "list"}
    assert downloads.download_csv(mini_context, cache, overview, [1], "", "not a key") is no_update


def test_the_router_draws_the_page_of_the_address_and_leaves_a_page_that_follows_it(
    mini_context, cache
):
    layout, kind, title, lang, corrected = shell.route(
        mini_context, cache, PAGES, "/scorecard", None, None, "?lang=cy"
    )
    assert isinstance(layout, html.Div) and kind == "scorecard" and lang == "cy"
    assert title and corrected is no_update
    # The overview keeps itself in step with its address: only the tab's title changes.
    first = shell.route(mini_context, cache, PAGES, "/", None, None, "")
    again = shell.route(mini_context, cache, PAGES, "/", first[1], "en", "?area=gwent")
    assert again[0] is no_update and again[2] and again[3:] == (no_update, no_update)


def test_the_scorecard_and_the_changes_write_their_settings_to_the_address(mini_context, cache):
    _body, search = scorecard.update_scorecard(mini_context, cache, "force", True, "?lang=cy")
    assert "level=force" in search and "lang=cy" in search
    _body, search = scorecard.update_scorecard(mini_context, cache, "moon", None, "")
    assert "level=region" in search  # an unknown level is the default
    body, search = changes.update_changes(mini_context, cache, None, None, None, "")
    assert body is not None and isinstance(search, str)


def test_the_first_pages_are_the_overview_each_click_on_its_map_and_each_area_pages_first_area(
    mini_context, cache
):
    addresses = shell.first_addresses(mini_context, PAGES)
    area_pages = [page for page in PAGES if page.area_level is not None]
    regions = sorted(mini_context.names("en", "region"))
    for lang in ("en", "cy"):
        expected = {("/", f"?lang={lang}")}
        expected |= {("/", f"?area={region}&lang={lang}") for region in regions}
        expected |= {
            (
                page.path.replace("<area>", min(mini_context.names("en", page.area_level))),
                f"?lang={lang}",
            )
            for page in area_pages
        }
        assert {address for address in addresses if address[1].endswith(lang)} == expected
    assert len(addresses) == 2 * (1 + len(regions) + len(area_pages))
    # Rendered before serving, the overview's view and the view a click on an area of its map
    # asks for are then in the cache: neither computes anything.
    shell.render_first_pages(mini_context, cache, PAGES)
    computed = []
    real_view = cache.view
    cache.view = lambda key, kind, compute, *rest: real_view(
        key, kind, lambda: computed.append(key) or compute(), *rest
    )
    shell.route(mini_context, cache, PAGES, "/", None, None, "?lang=cy")
    overview.url_and_controls(
        mini_context, cache, ids.MAP, "/", "", OPENED, {"points": [{"location": "gwent"}]}, "/"
    )
    assert computed == []
