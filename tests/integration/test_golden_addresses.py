"""The addresses the README, the docs and earlier tests gave out still answer as they did when
the goldens were made (issue 25): the same status, type and file name, and for a page of the
dashboard the same page, language, tab title and view (``tests/golden/responses.txt``, made by
``python -m tests.support.golden --update``; see :mod:`tests.support.golden`).

Apart from ``test_golden_outputs.py`` (an app of its own here too), so that pytest-xdist can run
the two at once.
"""

from __future__ import annotations

import pytest

from app import create_app
from tests.support import golden


@pytest.fixture(scope="module")
def client(real_context):
    return create_app(real_context).server.test_client()


@pytest.fixture(scope="module")
def kept_responses() -> dict[str, str]:
    return golden.read_responses()


@pytest.mark.parametrize("url", golden.old_urls())
def test_address_answers_as_before(client, kept_responses, url):
    expected = kept_responses.get(url)
    problem = golden.difference(
        None if expected is None else expected.encode(),
        golden.response_line(client, url).encode(),
        f"responses.txt, {url}",
    )
    assert problem is None, problem
