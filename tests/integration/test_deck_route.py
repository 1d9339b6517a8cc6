"""The presenter's offline deck at its stable address (issue 23, item 2): ``/present/deck.html``
(``?lang=cy`` in Welsh), one self-contained file, linked from ``/present``, within the bounds of
``/report`` (one cache per process, ETag and 304, one generation slot per worker, shared)."""

from __future__ import annotations

import json
import re
import threading

import pytest

from app import create_app
from dashboard.views import deck, findings
from dashboard.web import ids, report_route

IDENTITY = {"Accept-Encoding": "identity"}
FIGURES = re.compile(r'<script type="application/json" id="deck-figures">(.*?)</script>', re.S)


@pytest.fixture
def app(mini_context):
    return create_app(mini_context)


@pytest.fixture
def built(monkeypatch):
    """Counts the decks built."""
    counts = {"made": 0}
    lock = threading.Lock()
    build = deck.build_deck

    def counting(*args, **kwargs):
        with lock:
            counts["made"] += 1
        return build(*args, **kwargs)

    monkeypatch.setattr(deck, "build_deck", counting)
    return counts


def test_the_deck_is_one_file_that_needs_nothing_else(app, mini_context):
    response = app.server.test_client().get(deck.DECK_PATH, headers=IDENTITY)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.headers["Content-Disposition"] == (
        'inline; filename="vawdasv-perpetration-slides-en.html"'
    )
    page = response.get_data(as_text=True)
    # plotly.js, the world topojson, the slides' stylesheet and keys: all inline.
    assert "window.PlotlyGeoAssets" in page and "Plotly.newPlot" in page
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+stylesheet", page)
    assert "--slide-scale" in page and "present-first" in page
    slides = findings.slides(mini_context, "en")
    assert page.count('<section class="slide"') == len(slides)
    # The map's boundaries are in the file, not fetched from the app.
    figures = json.loads(FIGURES.search(page).group(1).replace("<\\/", "</"))["figures"]
    number = next(n for n, slide in enumerate(slides, 1) if slide.map_view is not None)
    geojson = figures[f"slide-{number}"]["data"][0]["geojson"]
    assert geojson["type"] == "FeatureCollection" and len(geojson["features"]) == 4
    assert "/geometry/" not in json.dumps(figures)
    # Its inline scripts are allowed by their hashes, nothing else.
    policy = response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]


def test_the_welsh_deck_is_in_welsh(app):
    response = app.server.test_client().get(f"{deck.DECK_PATH}?lang=cy", headers=IDENTITY)
    page = response.get_data(as_text=True)
    assert '<html lang="cy">' in page
    assert "Sleid 1 o" in page and "Ffynonellau:" in page and "Nesaf" in page
    assert "Slide 1 of" not in page and "Sources:" not in page
    assert (
        'filename="vawdasv-perpetration-slides-cy.html"' in response.headers["Content-Disposition"]
    )


def test_a_repeated_deck_is_built_once_and_revalidates_with_its_etag(app, built):
    client = app.server.test_client()
    first = client.get(deck.DECK_PATH, headers=IDENTITY)
    again = client.get(f"{deck.DECK_PATH}?lang=en&unknown=1", headers=IDENTITY)
    assert again.get_data() == first.get_data() and built["made"] == 1
    unchanged = client.get(
        deck.DECK_PATH, headers={**IDENTITY, "If-None-Match": first.headers["ETag"]}
    )
    assert unchanged.status_code == 304 and unchanged.get_data() == b""
    client.get(f"{deck.DECK_PATH}?lang=cy", headers=IDENTITY)
    assert built["made"] == 2  # another language is another deck
    # Kept in the reports' cache, whose size bounds both.
    assert len(report_route.report_limits(app).cache) == 2


def test_the_deck_waits_for_the_reports_slot(app, built):
    """A deck and a report are never built at once in one worker: they share its one slot."""
    limits = report_route.report_limits(app)
    for _slot in range(report_route.REPORT_SLOTS):
        assert limits.slots.acquire(timeout=1)
    try:
        busy = app.server.test_client().get(deck.DECK_PATH, headers=IDENTITY)
        assert busy.status_code == 503 and int(busy.headers["Retry-After"]) > 0
    finally:
        for _slot in range(report_route.REPORT_SLOTS):
            limits.slots.release()
    assert built["made"] == 0
    assert app.server.test_client().get(deck.DECK_PATH, headers=IDENTITY).status_code == 200


@pytest.mark.parametrize(
    ("lang", "href"), [("en", "/present/deck.html"), ("cy", "/present/deck.html?lang=cy")]
)
def test_the_presenter_page_links_to_its_deck(mini_context, lang, href):
    from dashboard.i18n import locale_for
    from layouts.present import present_page

    page = present_page(findings.slides(mini_context, lang), f"?lang={lang}", locale_for(lang))
    [controls] = [
        child for child in page.children if getattr(child, "className", "") == "slide-controls"
    ]
    [link] = [
        child for child in controls.children if getattr(child, "id", None) == ids.PRESENT_DECK
    ]
    assert link.href == href
    assert link.download == deck.file_name(lang)
