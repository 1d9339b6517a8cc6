"""gunicorn's threaded worker, with every request read in full before a thread takes it.

``gunicorn.conf.py`` names :class:`BufferingThreadWorker` as the ``worker_class``. gunicorn's own
``gthread`` worker hands a connection to one of its few threads as soon as its first byte
arrives, and that thread then reads the rest of the request: a client that sends a header line
every few seconds (or its body a byte at a time) holds the thread as long as it likes, and eight
such clients held every thread of ``make serve`` (2 workers x 4 threads), so that no one else was
answered. ``GUNICORN_TIMEOUT`` never fired: it watches the worker process, which was alive.

Here the worker's main loop, which already waits on every socket with a selector, reads each
request itself without blocking until the head and the whole declared body (or the last chunk of
a chunked body) are in memory, and only then gives the connection to a thread, with those bytes
put back in front of gunicorn's own parser. The threads only ever compute: a slow client costs a
few kilobytes of buffer, not a thread, and one that has not sent its whole request within
:data:`REQUEST_READ_TIMEOUT` seconds is answered 408 and closed. That is what a buffering reverse
proxy (nginx's ``client_header_timeout``, ``client_body_timeout`` and request buffering) does, in
the one process ``make serve`` starts, so there is nothing else to install, configure or keep
running. gunicorn's parser still checks every request; this only decides when it is complete.

Why not the alternatives (measured with ``python -m bench.load``, 50 users, on two cores): the
``gevent`` worker is immune to slow clients but runs one callback at a time per process, and the
page's CPU-bound callbacks then queue behind each other (73 requests/s and 16.5 s to open a page,
against 125 requests/s and 1.4 s with threads); nginx in front would need a second server
installed, configured and supervised next to gunicorn for the same effect. This class uses
gunicorn's ``gthread`` worker's methods (``enqueue_req``, ``handle``, ``murder_pending``), so the
gunicorn version is pinned and ``tests/e2e/test_slow_clients.py`` checks it with 50 slow clients.
"""

from __future__ import annotations

import contextlib
import errno
import re
import selectors
import time
from functools import partial
from typing import Final

from gunicorn.workers.gthread import ThreadWorker

from dashboard.web.errors import MAX_CONTENT_LENGTH

#: Seconds a client has to send its whole request (head and body) once it has started.
REQUEST_READ_TIMEOUT: Final = 10.0
#: The most bytes of request head kept (request line and headers; gunicorn's limits are lower).
MAX_HEAD_BYTES: Final = 64 * 1024
READ_SIZE: Final = 64 * 1024
END_OF_HEAD: Final = b"\r\n\r\n"
# Header lines end in CRLF: "$" (before "\n") leaves the "\r" to match.
CONTENT_LENGTH: Final = re.compile(rb"^content-length[ \t]*:[ \t]*(\S*?)[ \t]*\r?$", re.I | re.M)
TRANSFER_ENCODING: Final = re.compile(rb"^transfer-encoding[ \t]*:(.*)$", re.I | re.M)
EXPECT_CONTINUE: Final = re.compile(rb"^expect[ \t]*:[ \t]*100-continue[ \t]*\r?$", re.I | re.M)
CONTINUE: Final = b"HTTP/1.1 100 Continue\r\n\r\n"


def _answer(status: str) -> bytes:
    body = status.split(" ", 1)[1].encode() + b".\n"
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode() + body


TIMEOUT_ANSWER: Final = _answer("408 Request Timeout")
TOO_LARGE_ANSWER: Final = _answer("413 Content Too Large")
HEAD_TOO_LARGE_ANSWER: Final = _answer("431 Request Header Fields Too Large")


def chunked_body_complete(body: bytes) -> bool:
    """Whether ``body`` holds a whole chunked body (its last, empty chunk and the trailers).

    A malformed size line counts as complete: gunicorn's parser then answers 400, at once.
    """
    position = 0
    while True:
        line_end = body.find(b"\r\n", position)
        if line_end < 0:
            return False
        size_text = body[position:line_end].split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            return True
        if size < 0:
            return True
        if size == 0:
            # The trailers (usually none) end with an empty line.
            return body.startswith(b"\r\n", line_end + 2) or body.find(END_OF_HEAD, line_end) >= 0
        position = line_end + 2 + size + 2
        if position > len(body):
            return False


def request_complete(data: bytes) -> bool | str:
    """True when ``data`` holds a whole request, False when more is to come, or the answer to
    give when it can never be accepted ("431" head too large, "413" body too large)."""
    head_end = data.find(END_OF_HEAD)
    if head_end < 0:
        return "431" if len(data) > MAX_HEAD_BYTES else False
    head = data[:head_end]
    body = data[head_end + len(END_OF_HEAD) :]
    encoding = TRANSFER_ENCODING.search(head)
    if encoding is not None:
        if b"chunked" not in encoding.group(1).lower():
            return True  # gunicorn refuses it
        if len(body) > MAX_CONTENT_LENGTH:
            return "413"
        return chunked_body_complete(body)
    length = CONTENT_LENGTH.search(head)
    if length is None:
        return True
    text = length.group(1)
    if not text.isdigit():
        return True  # gunicorn answers 400
    if int(text) > MAX_CONTENT_LENGTH:
        return "413"
    return len(body) >= int(text)


class BufferingThreadWorker(ThreadWorker):
    """The ``gthread`` worker, handing a connection to a thread only once its request is whole."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        #: Connections whose request is being read: connection -> (bytes so far, deadline).
        self.reading: dict = {}

    def enqueue_req(self, conn):
        if getattr(conn, "buffered", None) is not None or self.cfg.is_ssl:
            super().enqueue_req(conn)
            return
        parser = conn.parser
        if parser is not None and parser.unreader.buf.getvalue():
            # The next request's bytes are already in gunicorn's parser (a pipelined request
            # read ahead by a body drain): they never make the socket readable again.
            super().enqueue_req(conn)
            return
        conn.sock.setblocking(False)
        self.reading[conn] = [b"", time.monotonic() + REQUEST_READ_TIMEOUT, False]
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self.read_some, conn))

    def read_some(self, conn, _sock) -> None:
        """The connection is readable: take what it sent, and hand it on once it is whole."""
        entry = self.reading[conn]
        try:
            data = conn.sock.recv(READ_SIZE)
        except OSError as error:
            if error.errno in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EINTR):
                return
            self.drop(conn)
            return
        if not data:
            self.drop(conn)
            return
        entry[0] += data
        complete = request_complete(entry[0])
        if complete is False:
            head, separator, _body = entry[0].partition(END_OF_HEAD)
            if separator and not entry[2] and EXPECT_CONTINUE.search(head):
                # The client waits for this before it sends the body it announced.
                entry[2] = True
                self.send_quietly(conn, CONTINUE)
            return
        if complete is not True:
            self.drop(conn, TOO_LARGE_ANSWER if complete == "413" else HEAD_TOO_LARGE_ANSWER)
            return
        self.poller.unregister(conn.sock)
        del self.reading[conn]
        conn.buffered = entry[0]
        super().enqueue_req(conn)

    def handle(self, conn):
        buffered = getattr(conn, "buffered", None)
        if buffered is not None:
            conn.buffered = None
            conn.data_ready = True
            conn.sock.setblocking(True)
            conn.init()
            conn.parser.unreader.unread(buffered)
        return super().handle(conn)

    def murder_pending(self):
        super().murder_pending()
        now = time.monotonic()
        for conn, (_data, deadline, _continued) in list(self.reading.items()):
            if now > deadline:
                self.drop(conn, TIMEOUT_ANSWER)

    def drop(self, conn, answer: bytes | None = None) -> None:
        """Stop reading ``conn``, answer it when there is something to say, and close it."""
        self.reading.pop(conn, None)
        with contextlib.suppress(KeyError, ValueError, OSError):
            self.poller.unregister(conn.sock)
        if answer is not None:
            self.send_quietly(conn, answer)
        self.nr_conns -= 1
        conn.close()

    @staticmethod
    def send_quietly(conn, data: bytes) -> None:
        with contextlib.suppress(OSError):  # the client has gone: nothing to tell it
            conn.sock.send(data)
