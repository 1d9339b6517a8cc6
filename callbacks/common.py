"""How the pages' callbacks are registered: each reads its page's query string, and the pages
whose controls live in the URL write the new query string back."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from dash import Dash, Input, Output, State

from dashboard.domain.context import AppContext
from dashboard.views import url_parsing
from dashboard.views.state import AreaSettings


def reads_search(
    app: Dash, location: str, *dependencies: Output | Input | State, initial: bool = False
) -> Callable:
    """Register the decorated callback with the query string of the ``location``
    (a ``dcc.Location`` id) as its last argument; it runs on changes only unless ``initial``."""
    return app.callback(*dependencies, State(location, "search"), prevent_initial_call=not initial)


def keeps_url_in_step(
    app: Dash, location: str, outputs: Sequence[Output], controls: Sequence[Input]
) -> Callable:
    """Register the decorated ``update(*control_values, search)``: it returns the ``outputs``
    and then the query string for the ``location``, so the address says what the controls show."""
    return reads_search(app, location, *outputs, Output(location, "search"), *controls)


def area_settings(
    context: AppContext, level: object, include_all_wales: object, provision: object, search: object
) -> AreaSettings:
    """The settings of a page compared by area (gap review, scorecard) from its controls, in the
    language and wave of its address."""
    return url_parsing.area_settings_from_controls(
        level=level,
        include_all_wales=include_all_wales,
        provision=provision,
        lang=url_parsing.language_of(search),
        wave=url_parsing.wave_of(context, search),
        waves=context.wave_ids,
    )
