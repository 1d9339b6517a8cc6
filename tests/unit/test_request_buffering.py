"""When a request is whole (:func:`dashboard.web.buffering_worker.request_complete`): the
worker hands a connection to a thread only then (issue 13, problem 2)."""

from __future__ import annotations

import pytest

from dashboard.web.buffering_worker import MAX_HEAD_BYTES, request_complete
from dashboard.web.errors import MAX_CONTENT_LENGTH

HEAD = b"POST /_dash-update-component HTTP/1.1\r\nHost: x\r\n"


@pytest.mark.parametrize(
    ("data", "complete"),
    [
        (b"GET / HTTP/1.1\r\nHost: x\r\n", False),
        (b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", True),
        (HEAD + b"Content-Length: 5\r\n\r\n{}", False),
        (HEAD + b"content-length: 2\r\n\r\n{}", True),
        (HEAD + b"Content-Length: 5\r\nContent-Type: application/json\r\n\r\n{}", False),
        (HEAD + b"Content-Length: 2 \r\nExpect: 100-continue\r\n\r\n{}", True),
        (HEAD + b"Transfer-Encoding: chunked\r\nAccept: */*\r\n\r\n2\r\n{}\r\n", False),
        (HEAD + b"Content-Length: nope\r\n\r\n", True),  # gunicorn answers 400
        (HEAD + b"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n", False),
        (HEAD + b"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", True),
        (HEAD + b"Transfer-Encoding: chunked\r\n\r\n2;x=y\r\n{}\r\n0\r\nA: b\r\n\r\n", True),
        (HEAD + b"Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n", True),  # bad size: 400
        (HEAD + b"Transfer-Encoding: chunked\r\n\r\n10\r\n{}", False),
    ],
)
def test_request_complete(data, complete):
    assert request_complete(data) is complete


def test_too_large_requests_are_refused_before_they_are_read():
    assert request_complete(b"GET / HTTP/1.1\r\nX: " + b"a" * MAX_HEAD_BYTES) == "431"
    length = str(MAX_CONTENT_LENGTH + 1).encode()
    assert request_complete(HEAD + b"Content-Length: " + length + b"\r\n\r\n") == "413"
    assert request_complete(HEAD + b"Content-Length: " + length + b"\r\nA: b\r\n\r\n") == "413"
