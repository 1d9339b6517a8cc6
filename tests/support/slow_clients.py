"""Slow clients (slowloris): connections that send a request a little at a time and never finish.

Each connection sends a request line, then one header line every ``interval`` seconds (or, with
``body=True``, declares a body and sends it one byte every ``interval`` seconds), for as long as
the context is open. A server that reads a request in one of a fixed number of threads is held by
as many of these as it has threads; one that reads requests without tying up a thread is not.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator


def _open(host: str, port: int, body: bool) -> socket.socket:
    sock = socket.create_connection((host, port), timeout=5)
    if body:
        sock.sendall(
            # The length before another header, as browsers send it.
            b"POST /_dash-update-component HTTP/1.1\r\nHost: x\r\n"
            b"Content-Length: 100000\r\nContent-Type: application/json\r\n\r\n"
        )
    else:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
    return sock


@contextlib.contextmanager
def slow_clients(
    host: str, port: int, count: int, *, interval: float = 3.0, body: bool = False
) -> Iterator[list[socket.socket]]:
    """``count`` slow connections to ``host:port``, kept trickling until the context ends."""
    sockets = [_open(host, port, body) for _ in range(count)]
    stop = threading.Event()

    def trickle() -> None:
        n = 0
        while not stop.wait(interval):
            n += 1
            piece = b"{" if body else f"X-Slow-{n}: 1\r\n".encode()
            for sock in sockets:
                with contextlib.suppress(OSError):
                    sock.sendall(piece)

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    try:
        yield sockets
    finally:
        stop.set()
        thread.join(interval + 1)
        for sock in sockets:
            sock.close()
