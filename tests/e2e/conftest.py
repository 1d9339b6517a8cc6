"""Fixtures for the real-browser tests: the app on the six-row fixture directory."""

from __future__ import annotations

import pytest


@pytest.fixture
def mini_app(mini_context):
    from app import create_app

    return create_app(mini_context)
