"""Issue 24, item 5: the survey template is downloaded from the dashboard, at a stable address in
each language, from a link on /directory in both languages. (On the old code the address answered
the app's "Page not found" page, and the directory linked to no template.)"""

from __future__ import annotations

import io

import openpyxl
import pytest
from dash import html

from app import create_app
from dashboard.data import survey_template
from dashboard.views.cache import ViewCache
from dashboard.web import ids

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def client(mini_context):
    return create_app(mini_context).server.test_client()


@pytest.mark.parametrize(
    ("query", "lang", "first_heading"),
    [("", "en", "Intervention name"), ("?lang=cy", "cy", "Enw'r ymyrraeth")],
)
def test_the_template_downloads_in_each_language(client, mini_context, query, lang, first_heading):
    response = client.get(f"/download/survey-template.xlsx{query}")
    assert response.status_code == 200
    assert response.mimetype == XLSX
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="vawdasv-follow-up-survey-2025-26-{lang}.xlsx"'
    )
    assert response.data == survey_template.template_bytes(lang, mini_context.bundle.lookup)
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.worksheets[0]["A1"].value == first_heading


def test_a_repeat_request_with_its_etag_is_not_modified(client):
    first = client.get("/download/survey-template.xlsx?lang=cy")
    etag = first.headers["ETag"]
    again = client.get("/download/survey-template.xlsx?lang=cy", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    english = client.get("/download/survey-template.xlsx")
    assert english.headers["ETag"] != etag


def test_an_unknown_language_is_refused_with_what_is_allowed(client):
    response = client.get("/download/survey-template.xlsx?lang=fr")
    assert response.status_code == 400
    assert "Unknown language; allowed: en, cy." in response.get_data(as_text=True)


def anchors(component) -> list[dict]:
    """Every link (``html.A``) in a rendered component tree, as its properties."""
    found = []
    if isinstance(component, html.A):
        found.append(component.to_plotly_json()["props"])
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found.extend(anchors(child))
    return found


@pytest.mark.parametrize(
    ("search", "texts"),
    [
        ("", ("in English (Excel workbook)", "in Welsh (Excel workbook)")),
        ("?lang=cy", ("yn Saesneg (llyfr gwaith Excel)", "yn Gymraeg (llyfr gwaith Excel)")),
    ],
)
def test_the_directory_links_to_the_template_in_both_languages(client, mini_context, search, texts):
    from callbacks.shell import render

    page, shown, _title = render(mini_context, ViewCache(), "/directory", search)
    assert shown.name == "directory"
    links = {
        link["id"]: (link["children"], link["href"], link["hrefLang"])
        for link in anchors(page)
        if link.get("id") in (ids.SURVEY_TEMPLATE_EN, ids.SURVEY_TEMPLATE_CY)
    }
    assert links == {
        ids.SURVEY_TEMPLATE_EN: (texts[0], "/download/survey-template.xlsx", "en"),
        ids.SURVEY_TEMPLATE_CY: (texts[1], "/download/survey-template.xlsx?lang=cy", "cy"),
    }
    for _text, href, _lang in links.values():
        assert client.get(href).status_code == 200
