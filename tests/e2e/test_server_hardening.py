"""The production server (gunicorn as ``make serve`` runs it, on loopback) against bad input
(issue 13, problems 5 and 10): invalid data, hostile request bodies, unknown addresses, what it
tells about itself, and revalidation of what it compressed."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from dashboard import config
from tools import servers

ROOT = config.PROJECT_ROOT


@pytest.fixture(scope="module")
def server_log(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hardening") / "server.log"


@pytest.fixture(scope="module")
def server(server_log):
    try:
        with servers.gunicorn(ROOT, workers=1, env={"REDIS_URL": None}, log=server_log) as base:
            yield base
    except servers.ServerStartError as error:
        pytest.fail(str(error))


def test_invalid_data_stops_the_server_with_the_clean_message(tmp_path):
    """5a: as ``make run`` does: the message, a failure status, no traceback; the launcher of
    ``make serve`` stops without starting nginx."""
    rows = (ROOT / "data" / "interventions.csv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    broken = tmp_path / "interventions.csv"
    # A row with a column too few: the loader refuses the file.
    broken.write_text("\n".join([rows[0], ",".join(["x"] * (len(header) - 1))]) + "\n")
    process = subprocess.run(
        [sys.executable, "-m", "dashboard.web.serve", "app:create_server()"],
        cwd=ROOT,
        env={
            **os.environ,
            "HOST": servers.LOOPBACK,
            "PORT": str(servers.free_port()),
            config.INTERVENTIONS_ENV: str(broken),
            "PYTHONPATH": str(ROOT),
        },
        capture_output=True,
        check=False,
        text=True,
        timeout=120,
    )
    output = process.stdout + process.stderr
    assert process.returncode != 0
    assert "The dashboard did not start because a data file is invalid:" in output
    assert "Traceback" not in output, output[-3000:]
    assert len(output.splitlines()) < 20, output


def raw_request(base: str, data: bytes) -> bytes:
    """Send ``data`` as it is and return the whole answer (the server closes, or 10 s pass)."""
    port = int(base.rsplit(":", 1)[1])
    with socket.create_connection((servers.LOOPBACK, port), timeout=10) as sock:
        sock.sendall(data)
        answer = b""
        while b"\r\n\r\n" not in answer and (chunk := sock.recv(65536)):
            answer += chunk
    return answer


DEEP = 5000


@pytest.mark.parametrize(
    "body",
    [
        b"[" * DEEP + b"]" * DEEP,
        b'{"output": "ov-view-key.data", "inputs": ' + b"[" * DEEP + b"]" * DEEP + b"}",
        b'{"output": "x", "state": ' + b'{"a":' * DEEP + b"1" + b"}" * DEEP + b"}",
    ],
    ids=["list", "inputs", "object"],
)
def test_deeply_nested_json_is_a_bad_request_without_a_traceback(server, server_log, body):
    """5b: JSON nested thousands of levels deep in a callback body."""
    before = server_log.read_text()
    response = requests.post(
        server + "/_dash-update-component",
        data=body,
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert response.status_code == 400
    assert "Traceback" not in server_log.read_text()[len(before) :]


@pytest.mark.parametrize(
    "chunks",
    [b"zz\r\n{}\r\n0\r\n\r\n", b"-2\r\n{}\r\n0\r\n\r\n", b"2\r\n{}XX0\r\n\r\n"],
    ids=["not-hex", "negative", "no-terminator"],
)
def test_a_malformed_chunked_body_is_a_bad_request_without_a_traceback(server, server_log, chunks):
    """5b: a bad chunk size in ``Transfer-Encoding: chunked``."""
    before = server_log.read_text()
    answer = raw_request(
        server,
        b"POST /_dash-update-component HTTP/1.1\r\nHost: x\r\n"
        b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks,
    )
    assert answer.startswith(b"HTTP/1.1 400"), answer[:200]
    assert "Traceback" not in server_log.read_text()[len(before) :]


def test_a_path_of_two_slashes_is_not_found(server):
    """7 and 10 through gunicorn: ``//evil.example/`` is an address of this site where no page is
    (404, the app's page; tests/unit/test_links_stay_on_site.py checks its links)."""
    answer = raw_request(
        server, b"GET //evil.example/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    assert answer.startswith(b"HTTP/1.1 404"), answer[:200]


def test_a_body_too_large_is_the_apps_413_page_without_a_version(server):
    """nginx refuses a body over its limit (the app's 1 MiB) before gunicorn sees it, with the app's page."""
    answer = raw_request(
        server,
        b"POST /_dash-update-component HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        # Just over the app's 1 MiB: nginx refuses it (below its old 2 MB limit, gunicorn read it).
        b"Content-Type: application/json\r\nContent-Length: 1100000\r\n\r\n{}",
    )
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    response = requests.post(
        server + "/_dash-update-component",
        data=b"x" * 1_100_000,
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert response.status_code == 413
    assert "larger than this service accepts" in response.text
    assert "Mae'r cais yn fwy" in response.text
    assert "nginx" not in response.text.lower()
    assert response.headers["Server"] == "nginx"  # server_tokens off: no version


def test_no_answer_names_a_version(server):
    for path in ("/", "/_dash-layout", "/no-such-page", "/geometry/nowhere.geojson"):
        response = requests.get(server + path, timeout=10)
        assert not re.search(r"nginx/|gunicorn", response.headers.get("Server", "")), path
