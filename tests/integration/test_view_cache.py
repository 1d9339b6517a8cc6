"""The cache of computed views: in-process by default, shared through Redis when REDIS_URL is set.

The view callback is driven through Flask's test client, as the browser drives it. With Redis, a
real ``redis-server`` runs on loopback (installed by ``make test`` where missing), so that several
workers or hosts really can share what one of them computed. A Redis that is down never stops the
app: views are then computed directly.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest
import redis

from app import create_app
from dashboard.domain import model
from dashboard.web import ids
from dashboard.web.view_cache import EXTENSION_KEY

UPDATE = "/_dash-update-component"


def view_request(area: str = "cardiff", lang_search: str = "") -> dict:
    return {
        "output": f"{ids.VIEW_STORE}.data",
        "outputs": {"id": ids.VIEW_STORE, "property": "data"},
        "inputs": [
            {"id": ids.LEVEL, "property": "value", "value": "la"},
            {"id": ids.METRIC, "property": "value", "value": "count"},
            {"id": ids.ALL_WALES, "property": "value", "value": True},
            {"id": ids.PROVISION, "property": "value", "value": "current"},
            {"id": ids.AREA, "property": "value", "value": area},
            *[
                {"id": ids.filter_id(key), "property": "value", "value": []}
                for key in model.FILTERS
            ],
        ],
        "state": [{"id": ids.OV_URL, "property": "search", "value": lang_search}],
        "changedPropIds": [f"{ids.LEVEL}.value"],
    }


def stored_view(client, body: dict) -> dict:
    response = client.post(UPDATE, json=body)
    assert response.status_code == 200
    return response.get_json()["response"][ids.VIEW_STORE]["data"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    """A throwaway redis-server on 127.0.0.1 (no persistence), stopped after the test."""
    server = shutil.which("redis-server")
    assert server, "redis-server is missing: `make test` installs it (Debian package redis-server)"
    port = free_port()
    process = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.time() + 20
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.time() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("redis-server did not start")
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(10)


def test_in_process_cache_serves_the_same_view_again(mini_context, monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    app = create_app(mini_context)
    cache = app.server.extensions[EXTENSION_KEY]["cache"]
    assert type(cache.cache).__name__ == "SimpleCache"
    client = app.server.test_client()
    first = stored_view(client, view_request())
    with app.server.app_context():
        assert cache.cache._cache, "the computed view was not cached"
    assert stored_view(client, view_request()) == first


def test_views_are_shared_through_redis(mini_context, monkeypatch, redis_url):
    monkeypatch.setenv("REDIS_URL", redis_url)
    writer = create_app(mini_context)
    assert type(writer.server.extensions[EXTENSION_KEY]["cache"].cache).__name__ == "RedisCache"
    first = stored_view(writer.server.test_client(), view_request())

    keys = redis.Redis.from_url(redis_url).keys("vawdasv:view:*")
    assert len(keys) == 1
    assert mini_context.data_identity in keys[0].decode()

    # A second app (another worker or host) finds the view another one computed.
    reader = create_app(mini_context)
    assert stored_view(reader.server.test_client(), view_request()) == first
    assert len(redis.Redis.from_url(redis_url).keys("vawdasv:view:*")) == 1

    # A different view is a different entry, never the cached one.
    other = stored_view(reader.server.test_client(), view_request(area="newport"))
    assert other != first
    assert len(redis.Redis.from_url(redis_url).keys("vawdasv:view:*")) == 2


def test_a_redis_that_is_down_does_not_stop_the_app(mini_context, monkeypatch, caplog):
    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    down = create_app(mini_context)
    monkeypatch.delenv("REDIS_URL")
    direct = create_app(mini_context)
    expected = stored_view(direct.server.test_client(), view_request())
    assert stored_view(down.server.test_client(), view_request()) == expected
    assert "view cache unavailable" in caplog.text
