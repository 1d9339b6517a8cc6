"""The production server: gunicorn with gunicorn.conf.py, on loopback, as ``make serve`` runs it.

Security headers on every answer, compression of the bundles and the boundaries, short error
pages with no stack trace or file path, malformed callback requests refused, and (in Chromium,
with the Content-Security-Policy active) the overview drawing with no console errors while the
policy really is enforced.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli
import pytest
import requests

from dashboard import config
from dashboard.web import ids
from tools import servers
from tools.browser import map_state, severe, wait_until

ROOT = config.PROJECT_ROOT
SUPPORT = Path(__file__).resolve().parent.parent / "support"
#: A stack trace, the exception, or a path to a file or module on the server.
LEAKS = re.compile(
    r"Traceback|File \"[^\"]+\", line|/work/|site-packages|/[\w.-]+\.py\b|RuntimeError|secret_module"
)


@pytest.fixture(scope="module")
def server_log(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("gunicorn") / "server.log"


@pytest.fixture(scope="module")
def server(server_log):
    """gunicorn with the production config and the test factory, on 127.0.0.1."""
    try:
        with servers.gunicorn(
            ROOT,
            "failing_server:create_server()",
            workers=2,
            pythonpath=(SUPPORT,),
            env={"REDIS_URL": None},
            log=server_log,
        ) as base:
            yield base
    except servers.ServerStartError as error:
        pytest.fail(str(error))


def assert_no_leak(response: requests.Response) -> None:
    assert not LEAKS.search(response.text), response.text[:500]


def script_urls(base: str) -> list[str]:
    index = requests.get(base + "/", timeout=10).text
    return re.findall(r'<script src="(/[^"]+)"', index)


def test_security_headers_on_every_answer(server):
    for path, status in (
        ("/", 200),
        ("/_dash-layout", 200),
        ("/geometry/region.geojson", 200),
        ("/geometry/nowhere.geojson", 404),
        (script_urls(server)[0], 200),
    ):
        response = requests.get(server + path, timeout=10)
        assert response.status_code == status, path
        headers = response.headers
        policy = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy
        assert "default-src 'self'" in policy
        assert "'unsafe-eval'" not in policy
        assert "'unsafe-inline'" not in policy.split("style-src")[0]  # scripts: hashes only
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"]


def test_main_bundle_is_compressed(server):
    renderer = next(url for url in script_urls(server) if "dash_renderer" in url)
    plain = requests.get(server + renderer, headers={"Accept-Encoding": "identity"}, timeout=10)
    assert "Content-Encoding" not in plain.headers
    for encoding, decompress in (("gzip", gzip.decompress), ("br", brotli.decompress)):
        response = requests.get(
            server + renderer, headers={"Accept-Encoding": encoding}, timeout=10, stream=True
        )
        body = response.raw.read(decode_content=False)
        assert response.headers["Content-Encoding"] == encoding
        assert "Accept-Encoding" in response.headers["Vary"]
        assert decompress(body) == plain.content
        assert len(body) < len(plain.content) / 3


def test_plotly_is_the_lean_bundle_sent_compressed_at_the_best_level(server):
    scripts = script_urls(server)
    assert not [url for url in scripts if "plotly.min.js" in url]  # never the full bundle
    lean = next(url for url in scripts if "/assets/plotly-lean.min.js" in url)
    response = requests.get(
        server + lean, headers={"Accept-Encoding": "br"}, timeout=30, stream=True
    )
    body = response.raw.read(decode_content=False)
    assert response.headers["Content-Encoding"] == "br"
    # 1.4 MB raw; brotli at its best level (done before the workers start) is under 420 KB.
    assert len(body) < 420_000


def test_geometry_is_compressed_and_cached(server):
    response = requests.get(
        server + "/geometry/la.geojson",
        headers={"Accept-Encoding": "gzip"},
        timeout=10,
        stream=True,
    )
    body = response.raw.read(decode_content=False)
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body).startswith(b'{"type"')
    assert "max-age" in response.headers["Cache-Control"]


@pytest.mark.parametrize(
    "path",
    [
        "/geometry/nowhere.geojson",
        "/_dash-component-suites/dash/no-such-bundle.js",
        "/_dash-component-suites/not_a_package/x.js",
        "/assets/no-such-file.css",
    ],
)
def test_not_found_is_short_and_leaks_nothing(server, path):
    response = requests.get(server + path, timeout=10)
    assert response.status_code == 404
    assert len(response.text) < 200
    assert_no_leak(response)


def test_forced_error_shows_no_stack_trace(server, server_log):
    response = requests.get(server + "/__test-forced-error", timeout=10)
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert_no_leak(response)
    assert response.headers["Content-Security-Policy"]
    # The error is logged for the operator, with its traceback, on the server only.
    wait_until(lambda: "forced failure" in server_log.read_text(), what="the error logged")


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        b'{"output": "no-such.children", "inputs": [], "state": []}',
        b'{"output": "ov-view.data", "inputs": "junk"}',
        b'{"output": "ov-view.data", "outputs": {"id": "ov-view", "property": "data"}, '
        b'"inputs": [{"id": "ov-level", "property": "value", "value": "la"}]}',
    ],
)
def test_malformed_callback_requests_are_refused_cleanly(server, body):
    response = requests.post(
        server + "/_dash-update-component",
        data=body,
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert response.status_code == 400
    assert_no_leak(response)


def test_method_not_allowed_is_short(server):
    response = requests.delete(server + "/", timeout=10)
    assert response.status_code == 405
    assert_no_leak(response)


def test_server_still_serves_after_the_errors(server):
    assert requests.get(server + "/_dash-dependencies", timeout=10).status_code == 200


@pytest.mark.browser
def test_overview_renders_under_the_policy_without_console_errors(dash_duo, mini_app):
    dash_duo.start_server(mini_app)
    policy = requests.get(dash_duo.server_url + "/", timeout=10).headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    dash_duo.wait_for_text_to_equal(
        f"#{ids.MATCH_COUNT}", "5 of 5 current interventions match the filters."
    )
    wait_until(lambda: (map_state(dash_duo.driver, ids.MAP) or {}).get("rendered") == 6, timeout=20)
    dash_duo.wait_for_element("#ov-panel-behaviour-figure .main-svg")
    logs = dash_duo.get_logs() or []
    assert severe(logs) == []
    assert not [entry for entry in logs if "Content Security Policy" in entry.get("message", "")]
    # The policy is really in force: an inline script the page did not ship does not run.
    ran = dash_duo.driver.execute_script(
        "const s = document.createElement('script');"
        "s.textContent = 'window.__injected = true;';"
        "document.head.appendChild(s);"
        "return window.__injected === true;"
    )
    assert ran is False
