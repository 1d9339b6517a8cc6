"""The benchmark's own apps start and answer (issue 25): ``bench/lsoa_app.py`` called
``configure_server`` with the signature of before the page table and the view cache, and ``make
bench`` stopped at its LSOA step. The benchmark is not run by the suite (it is timed, on a quiet
machine), so these tests are what tells its apps are still in step with the app's API."""

from __future__ import annotations

from bench import floor_map_app, lsoa_app


def test_the_lsoa_map_app_starts_and_answers():
    client = lsoa_app.create_server().test_client()
    assert client.get("/").status_code == 200
    assert client.get("/geometry/lsoa.geojson").status_code == 200


def test_the_floor_map_app_starts_and_answers():
    server = floor_map_app.create_server()
    assert server.test_client().get("/").status_code == 200


def test_the_benchmark_names_each_callback_by_its_own_function(mini_context):
    """Per-callback times were all filed under Dash's wrapper, ``add_context``."""
    from app import create_app
    from bench.__main__ import callback_names

    names = set(callback_names(create_app(mini_context)).values())
    assert {"show_change", "mount_panels", "draw_chart_tables"} <= names
    assert "add_context" not in names
