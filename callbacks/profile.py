"""An area's profile is drawn with its page; its print button and the mounting of its charts
once its map is drawn are its only callbacks, both run in the browser."""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output

from dashboard.web import ids


def register(app: Dash) -> None:
    """Attach the profile's print button and its charts' mounting to ``app``."""
    # Both in assets/profile-callbacks.js.
    app.clientside_callback(
        ClientsideFunction("profile", "printPage"),
        Output(ids.PROFILE_PRINT, "title"),
        Input(ids.PROFILE_PRINT, "n_clicks"),
        prevent_initial_call=True,
    )
    # Runs when a profile opens (its input comes with the page).
    app.clientside_callback(
        ClientsideFunction("profile", "mountPanels"),
        Output(ids.PROFILE_PANELS, "children"),
        Input(ids.PROFILE_PANELS_LAYOUT, "data"),
    )
