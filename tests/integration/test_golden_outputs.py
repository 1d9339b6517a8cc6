"""What the app serves is what it served when the goldens were made (issue 25): every CSV
download byte for byte, the reports and the deck in their normal form, the survey template part
by part, each with its status, type and file name (``tests/golden/``; how they are made, what is
normalised and how to regenerate them: :mod:`tests.support.golden`). The addresses given out
before: ``test_golden_addresses.py``.

The goldens are only read here, never written: regenerating is
``python -m tests.support.golden --update``, by hand, after which ``git diff tests/golden`` shows
what users would see change.
"""

from __future__ import annotations

import pytest

from app import create_app
from dashboard.views import panel_registry
from dashboard.web import downloads
from tests.support import golden


@pytest.fixture(scope="module")
def client(real_context):
    """An app of its own: its report and view caches hold only what these tests asked for."""
    return create_app(real_context).server.test_client()


@pytest.fixture(scope="module")
def kept_responses() -> dict[str, str]:
    return golden.read_responses()


@pytest.mark.parametrize("kept", golden.goldens(), ids=lambda kept: f"{kept.kind}/{kept.name}")
def test_output_is_as_kept(client, kept_responses, kept):
    line, body = golden.output(client, kept)
    label = f"{kept.path.relative_to(golden.GOLDEN_DIR)} ({kept.url})"
    problem = golden.difference(golden.kept(kept), body, label)
    assert problem is None, problem
    expected = kept_responses.get(kept.url)
    problem = golden.difference(
        None if expected is None else expected.encode(), line.encode(), f"responses.txt, {kept.url}"
    )
    assert problem is None, problem


def test_the_golden_folder_holds_what_is_named_and_no_more():
    assert golden.stale_files() == [], "golden files no URL names: --update removes them"
    assert list(golden.read_responses()) == list(golden.response_urls())
    size = golden.committed_size()
    assert size < golden.SIZE_BUDGET, f"tests/golden/ is {size:,} bytes"


def test_every_csv_download_of_the_app_is_kept():
    """The goldens' list is written out by hand: a download added to the app is added to it."""
    offered = {
        "overview": {"map", "list", *(panel.key for panel in panel_registry.panels())},
        "gaps": set(downloads.GAP_PANELS),
        "need": set(downloads.NEED_PANELS),
        "funding": set(downloads.FUNDING_PANELS),
        "scorecard": {downloads.SCORECARD_PANEL},
        "directory": {downloads.DIRECTORY_PANEL},
    }
    assert set(downloads.PAGES) == set(offered)
    assert {page: set(panels) for page, panels in golden.CSV_PANELS.items()} == offered
