"""Hostile clients for the tests and the soak: slow clients (slowloris), pipelined slow clients,
and a flood of report requests.

Slow clients: connections that send a request a little at a time and never finish.

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
from dataclasses import dataclass

import requests


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


@dataclass(frozen=True)
class Trickling:
    """Slow connections while they trickle: ``trickled`` is set once every one of them has sent
    a piece after its first line."""

    sockets: list[socket.socket]
    trickled: threading.Event


@contextlib.contextmanager
def slow_clients(
    host: str, port: int, count: int, *, interval: float = 3.0, body: bool = False
) -> Iterator[Trickling]:
    """``count`` slow connections to ``host:port``, kept trickling until the context ends."""
    clients = Trickling([_open(host, port, body) for _ in range(count)], threading.Event())
    stop = threading.Event()

    def trickle() -> None:
        n = 0
        while not stop.wait(interval):
            n += 1
            piece = b"{" if body else f"X-Slow-{n}: 1\r\n".encode()
            for sock in clients.sockets:
                with contextlib.suppress(OSError):
                    sock.sendall(piece)
            clients.trickled.set()

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    try:
        yield clients
    finally:
        stop.set()
        thread.join(interval + 1)
        for sock in clients.sockets:
            sock.close()


@contextlib.contextmanager
def pipelined_slow_clients(
    host: str, port: int, count: int, interval: float = 1.0
) -> Iterator[list[bytes]]:
    """``count`` connections that each send one whole request and the start of a second, then
    one header byte every ``interval`` s; yields what each has received so far. (These got past
    the old home-made buffering worker into gunicorn's threads: 8 of them stopped the server.)"""
    sockets = []
    for _ in range(count):
        sock = socket.create_connection((host, port), timeout=5)
        sock.sendall(
            b"GET /_dash-layout HTTP/1.1\r\nHost: x\r\n\r\nGET /_dash-layout HTTP/1.1\r\nHost: x\r\n"
        )
        sockets.append(sock)
    received = [b""] * count
    stop = threading.Event()

    def trickle() -> None:
        header = b"X-Slow: " + b"1" * 1000
        n = 0
        while not stop.wait(interval):
            for i, sock in enumerate(sockets):
                with contextlib.suppress(OSError):
                    sock.setblocking(False)
                    with contextlib.suppress(BlockingIOError):
                        received[i] += sock.recv(1 << 20)
                    sock.sendall(header[n : n + 1])
            n += 1

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    try:
        yield received
    finally:
        stop.set()
        thread.join(interval + 2)
        for sock in sockets:
            sock.close()


#: Reports of different views: each a cold report for the app (0.3-0.5 s of CPU, 1.7 MB).
REPORT_VIEWS = tuple(
    f"/report?level={level}&metric={metric}"
    for level in ("region", "force", "la")
    for metric in ("count", "per_100k", "quality_share", "precarious_share")
)


@contextlib.contextmanager
def report_flood(base: str, clients: int) -> Iterator[list[int]]:
    """``clients`` threads asking ``base`` for reports of different views (in both languages)
    as fast as they can until the context ends; yields the statuses answered so far."""
    stop = threading.Event()
    statuses: list[int] = []

    def flood(offset: int) -> None:
        index = offset
        with requests.Session() as session:
            while not stop.is_set():
                view = REPORT_VIEWS[index % len(REPORT_VIEWS)]
                with contextlib.suppress(requests.RequestException):
                    url = f"{base}{view}&lang={'cy' if index % 2 else 'en'}"
                    statuses.append(session.get(url, timeout=30).status_code)
                index += 1

    threads = [threading.Thread(target=flood, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    try:
        yield statuses
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=35)
