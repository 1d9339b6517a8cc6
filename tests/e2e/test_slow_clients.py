"""Slow clients cannot stop the production server (issue 13, problem 2).

gunicorn as ``make serve`` runs it (``gunicorn.conf.py``: 2 workers of 4 threads), on loopback.
Fifty connections that each send a header line every second, or a declared body one byte a
second, are kept open while ordinary requests are made: each must still be answered within 1 s
(with gunicorn's ``gthread`` worker, eight such connections held every thread and the others
timed out). A client that never finishes its request is answered 408 and closed.
"""

from __future__ import annotations

import socket
import time

import pytest
import requests

from dashboard import config
from dashboard.web.buffering_worker import REQUEST_READ_TIMEOUT
from tests.support import servers
from tests.support.slow_clients import slow_clients

SLOW_CLIENTS = 50
#: What an ordinary request may take while the slow clients are connected.
ANSWER_WITHIN_S = 1.0


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    log = tmp_path_factory.mktemp("slow") / "server.log"
    try:
        with servers.gunicorn(
            config.PROJECT_ROOT, workers=2, env={"REDIS_URL": None}, log=log
        ) as base:
            yield base
    except servers.ServerStartError as error:
        pytest.fail(str(error))


def port_of(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


def answer_seconds(url: str) -> float:
    started = time.monotonic()
    try:
        response = requests.get(url, timeout=ANSWER_WITHIN_S * 5)
    except requests.Timeout:
        return float("inf")
    assert response.status_code == 200
    return time.monotonic() - started


@pytest.mark.parametrize("body", [False, True], ids=["slow-headers", "slow-body"])
def test_normal_requests_are_answered_while_slow_clients_trickle(server, body):
    with slow_clients(servers.LOOPBACK, port_of(server), SLOW_CLIENTS, interval=1.0, body=body):
        time.sleep(1.5)  # every slow client has sent more than its first line
        times = [answer_seconds(server + path) for path in ("/_dash-layout", "/", "/gaps") * 3]
    assert max(times) < ANSWER_WITHIN_S, times


def test_a_request_never_finished_is_answered_408_and_closed(server):
    with socket.create_connection((servers.LOOPBACK, port_of(server)), timeout=30) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        started = time.monotonic()
        answer = b""
        while chunk := sock.recv(4096):
            answer += chunk
        waited = time.monotonic() - started
    assert answer.startswith(b"HTTP/1.1 408"), answer[:80]
    assert waited < REQUEST_READ_TIMEOUT + 3
