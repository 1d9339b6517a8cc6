"""The status of the app's page: 404 at an address no page of the page table matches.

Dash answers every address with its one page (``/`` and ``/<path:path>``) and the router then
draws the page the address names, or "Page not found". The browser, a search engine or a link
checker needs the status to say so too: here the server matches the path against the same table
(:func:`dashboard.web.pages.match`, given the table by ``app.create_app``) and answers the same page, with its "Page not found" drawn by
the router, as 404.
"""

from __future__ import annotations

from dash import Dash
from flask import Response, request

from dashboard.web import pages


def configure_page_status(app: Dash, table: pages.PageTable) -> None:
    """Answer ``app``'s page with 404 at addresses that no page of ``table`` matches."""
    prefix = app.config.routes_pathname_prefix
    page_rules = {prefix, prefix + "<path:path>"}

    @app.server.after_request
    def not_found_status(response: Response) -> Response:
        rule = request.url_rule
        if (
            rule is not None
            and rule.rule in page_rules
            and response.status_code == 200
            and pages.match(table, request.path)[0] is pages.NOT_FOUND
        ):
            response.status_code = 404
        return response
