"""The page table: every page of the dashboard, in the order of the navigation. Each page declares
its entry (address, body, title, navigation entry) beside its component tree, in
``layouts/<page>.py``; the machinery that matches an address to its page, titles it and draws
the navigation is :mod:`dashboard.web.pages`, which is given this table by ``app.create_app``.

Dash Pages (``dash.register_page``) is not used because it keeps one process-wide registry
(``dash.page_registry``, and the last app's config in ``dash._pages.CONFIG``) while ``create_app``
builds several apps, each with its own data, side by side in one process (tests, the benchmark).
"""

from __future__ import annotations

from typing import Final

from layouts import changes, directory, funding, gaps, need, overview, present, profile, scorecard

PAGES: Final = (
    overview.PAGE,
    profile.REGION_PAGE,
    profile.FORCE_PAGE,
    gaps.PAGE,
    scorecard.PAGE,
    need.PAGE,
    funding.PAGE,
    directory.PAGE,
    changes.PAGE,
    present.PAGE,
)
