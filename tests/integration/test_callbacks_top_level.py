"""Every callback of the app is a top-level function of its page's ``callbacks`` module, which a
unit test can call directly, and every browser callback is a named function in an ``assets``
file (issue 25, item 2): none is defined inside another function, none is JavaScript in a
Python string."""

from __future__ import annotations

import functools
import inspect
import re

import pytest

from app import create_app
from dashboard import config


@pytest.fixture(scope="module")
def app(mini_context):
    return create_app(mini_context)


def defined_function(callback):
    """The function a registered callback runs: through Dash's wrapper (``__wrapped__``) and the
    ``functools.partial`` that binds the app's context."""
    function = inspect.unwrap(callback)
    while isinstance(function, functools.partial):
        function = function.func
    return function


def test_every_server_callback_is_a_top_level_function_of_a_callbacks_module(app):
    # A browser callback has no Python function (Dash keeps only its name).
    functions = [
        defined_function(entry["callback"])
        for entry in app.callback_map.values()
        if "callback" in entry
    ]
    assert functions
    for function in functions:
        assert "<locals>" not in function.__qualname__, function.__qualname__
        assert function.__module__.startswith("callbacks."), function.__module__


def test_no_browser_callback_is_inline_javascript(app):
    # Dash allows an inline script by its hash: the renderer's start-up is the only one left.
    assert len(app.csp_hashes()) == 1


def test_every_browser_callback_names_a_function_of_its_assets_file(app):
    """Each browser callback Dash sends the page (``/_dash-dependencies``) names a function that
    ``assets/<namespace>-callbacks.js`` defines: a misspelt name fails here, not only in a
    browser."""
    dependencies = app.server.test_client().get("/_dash-dependencies").get_json()
    named = [
        dependency["clientside_function"]
        for dependency in dependencies
        if dependency.get("clientside_function")
    ]
    assert len(named) >= 6
    for function in named:
        script = config.ASSETS_DIR / f"{function['namespace']}-callbacks.js"
        assert re.search(
            rf"^  {function['function_name']}: function", script.read_text("utf-8"), re.MULTILINE
        ), function
