"""Every link the app builds from an address stays on the app's origin (issue 13, problem 7).

``http://host//evil.example/`` is a path of this site, but a link that repeats it as given
(``//evil.example/?lang=cy``) is, to a browser, the address of another host.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

from dashboard.views import state as view_state
from dashboard.views.cache import ViewCache

HOSTILE_PATHS = ("//evil.example/", "///evil.example", "/\\evil.example/", "/\\\\evil.example")


@pytest.mark.parametrize("path", HOSTILE_PATHS)
@pytest.mark.parametrize("lang", ["en", "cy"])
def test_language_link_stays_on_site(path, lang):
    link = view_state.switch_href(path, "?level=force", lang)
    resolved = urlsplit(urljoin(f"http://host{path}", link))
    assert resolved.netloc == "host", link
    assert link.startswith("/") and not link.startswith(("//", "/\\")), link


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_other_links_stay_on_site(path):
    for link in (
        view_state.href(path, "cy"),
        view_state.provision_href(path, view_state.ViewState(), "all"),
    ):
        assert urlsplit(urljoin(f"http://host{path}", link)).netloc == "host", link


def test_ordinary_paths_are_kept():
    assert view_state.site_path("/force/gwent") == "/force/gwent"
    assert view_state.site_path("/") == "/"
    assert view_state.site_path("") == "/"
    assert view_state.switch_href("/gaps", "?level=force", "en") == "/gaps?level=force&lang=cy"


def test_router_language_link_on_a_hostile_path_stays_on_site(mini_context):
    from callbacks.shell import render

    rendered = render(mini_context, ViewCache(), "//evil.example/", "")
    links = [node.href for node in _walk(rendered.layout) if getattr(node, "href", None)]
    assert links
    for link in links:
        assert urlsplit(urljoin("http://host//evil.example/", link)).netloc == "host", link


def _walk(node):
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, list | tuple):
        for child in children:
            yield from _walk(child)
    elif children is not None and hasattr(children, "children"):
        yield from _walk(children)
