"""How the pages' callbacks are registered: each reads its page's query string, and the pages
whose controls live in the URL write the new query string back."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from dash import Dash, Input, Output, State


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
