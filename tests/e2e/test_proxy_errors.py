"""nginx's own answers (issue 22, item 1): the app's wording in English and Welsh, no version.

502 and 504 come from nginx alone, rendered from ``deploy/nginx.conf.template`` by the launcher's
own functions, in front of an address where nothing listens (502) and of a server that accepts a
connection and never answers (504, with a read timeout of 1 s). 413 comes from the whole stack
(``tests/e2e/test_server_hardening.py``).
"""

from __future__ import annotations

import contextlib
import re
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from dashboard.web import serve
from tools import servers


def assert_app_error_page(response: requests.Response, status: int, english: str, welsh: str):
    assert response.status_code == status
    assert english in response.text
    assert welsh in response.text
    assert "nginx" not in response.text.lower()
    assert response.headers.get("Server", "") in ("", "nginx")  # never a version
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@contextlib.contextmanager
def nginx_alone(upstream: str, read_timeout: int = 65) -> Iterator[str]:
    port = servers.free_port()
    with tempfile.TemporaryDirectory(prefix="nginx-") as folder:
        run_dir = Path(folder)
        text = serve.nginx_config(
            run_dir,
            listen=f"{servers.LOOPBACK}:{port}",
            upstreams=[upstream],
            read_timeout=read_timeout,
        )
        process = serve.start_nginx(run_dir, text)
        try:
            servers.wait_until_answering(process, servers.port_open(port), timeout=20)
            yield f"http://{servers.LOOPBACK}:{port}"
        finally:
            serve.stop(process, __import__("signal").SIGQUIT)


def test_no_app_answering_is_the_apps_502_page():
    with nginx_alone(f"{servers.LOOPBACK}:{servers.free_port()}") as base:
        response = requests.get(base + "/", timeout=10)
    assert_app_error_page(response, 502, "not available just now", "Nid yw'r dangosfwrdd ar gael")


def test_an_app_that_never_answers_is_the_apps_504_page():
    with socket.socket() as silent:
        silent.bind((servers.LOOPBACK, 0))
        silent.listen(8)
        with nginx_alone(f"{servers.LOOPBACK}:{silent.getsockname()[1]}", read_timeout=1) as base:
            response = requests.get(base + "/", timeout=10)
    assert_app_error_page(response, 504, "took too long to answer", "Cymerodd y dangosfwrdd")


def test_the_template_has_a_value_for_every_placeholder(tmp_path):
    text = serve.nginx_config(tmp_path, listen="127.0.0.1:1", upstreams=["unix:/x.sock"])
    assert "{{" not in text
    assert "server_tokens off;" in text
    with pytest.raises(serve.StartError):
        serve.render("{{UNKNOWN}}", {})


def test_nginx_and_the_app_refuse_bodies_at_one_size(tmp_path):
    """One figure (dashboard/web/limits.py): nginx's ``client_max_body_size`` is the app's own
    limit, so a body the app would refuse never reaches gunicorn (it was 2 MB against 1 MiB)."""
    from dashboard.web.errors import MAX_CONTENT_LENGTH

    text = serve.nginx_config(tmp_path, listen="127.0.0.1:1", upstreams=["unix:/x.sock"])
    sizes = re.findall(r"^\s*client_max_body_size (\S+);", text, flags=re.MULTILINE)
    assert sizes == [str(MAX_CONTENT_LENGTH)]
