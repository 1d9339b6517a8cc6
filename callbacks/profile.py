"""An area's profile is drawn with its page; only its print button has a callback."""

from __future__ import annotations

from dash import Dash, Input, Output

from dashboard.web import ids


def register(app: Dash) -> None:
    """Attach the profile's print button to ``app``."""
    app.clientside_callback(
        "function(n) { if (n) { window.print(); } return window.dash_clientside.no_update; }",
        Output(ids.PROFILE_PRINT, "title"),
        Input(ids.PROFILE_PRINT, "n_clicks"),
        prevent_initial_call=True,
    )
