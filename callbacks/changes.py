"""The page comparing two waves: its controls and its URL kept in step."""

from __future__ import annotations

from functools import partial

from dash import Dash, Input, Output

from callbacks.common import keeps_url_in_step
from dashboard.domain.context import AppContext
from dashboard.i18n import locale_for
from dashboard.views import page_views, url_parsing
from dashboard.views import state as view_state
from dashboard.views.cache import ViewCache
from dashboard.web import ids
from layouts.changes import changes_body


def update_changes(
    context: AppContext,
    cache: ViewCache,
    earlier: object,
    later: object,
    level: object,
    search: object,
) -> tuple:
    """The comparison of the two waves chosen, at the level chosen, and the query string that
    says so."""
    settings = url_parsing.change_settings_from_controls(
        context,
        earlier=earlier,
        later=later,
        level=level,
        lang=url_parsing.language_of(search),
    )
    view = page_views.changes_view(cache, context, settings)
    return changes_body(view, locale_for(settings.lang)), view_state.change_search(settings)


def register(app: Dash, context: AppContext, cache: ViewCache) -> None:
    """Attach the page's callback to ``app``, bound to ``context`` and ``cache``."""
    controls = [
        Input(ids.CH_FROM, "value"),
        Input(ids.CH_TO, "value"),
        Input(ids.CH_LEVEL, "value"),
    ]
    keeps_url_in_step(app, ids.CH_URL, [Output(ids.CH_BODY, "children")], controls)(
        partial(update_changes, context, cache)
    )
