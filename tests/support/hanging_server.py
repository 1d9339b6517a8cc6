"""A TCP server on loopback that accepts connections, reads what is sent, and never answers:
a Redis (or any server) that is up but hung. Counts the connections it accepted."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from tools.servers import LOOPBACK


@dataclass
class Hanging:
    port: int
    accepted: int = 0
    connections: list[socket.socket] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"redis://{LOOPBACK}:{self.port}/0"


@contextlib.contextmanager
def hanging_server() -> Iterator[Hanging]:
    """Yields the server's port and counters; everything is closed at the end."""
    listener = socket.create_server((LOOPBACK, 0))
    listener.settimeout(0.2)
    hanging = Hanging(port=listener.getsockname()[1])
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _address = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            hanging.accepted += 1
            hanging.connections.append(connection)  # kept open, never answered

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield hanging
    finally:
        stop.set()
        thread.join(2)
        listener.close()
        for connection in hanging.connections:
            connection.close()
