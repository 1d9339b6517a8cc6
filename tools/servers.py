"""Servers on loopback for the tests and the benchmark: a free port, the production stack (nginx
in front of gunicorn, as ``make serve`` starts it), redis-server.

Each is a context manager that starts the server, waits until it really answers (not just until
its port is open: gunicorn accepts connections while its master is still warming up, and a
request then times out) and stops it again, killing it only when it does not stop by itself.
Importable from the project root: ``python -m bench`` uses :func:`gunicorn` too.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from tools.browser import wait_until

LOOPBACK = "127.0.0.1"
#: How long a server may take to answer its first request. gunicorn on a cold compression cache
#: first compresses every static bundle at the best level (about a minute on two cores).
START_TIMEOUT = 300.0
#: How long a server may take to stop after it was asked to; gunicorn's graceful_timeout is 30 s.
STOP_TIMEOUT = 40.0


class ServerStartError(RuntimeError):
    """The server exited, or did not answer in time; the message ends with its log."""


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def log_tail(log: Path | None, characters: int = 2000) -> str:
    if log is None or not log.is_file():
        return ""
    return "\n" + log.read_text(errors="replace")[-characters:]


def stop(process: subprocess.Popen) -> None:
    """Ask ``process`` to stop (SIGTERM); kill it if it has not stopped after
    :data:`STOP_TIMEOUT`."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_until_answering(
    process: subprocess.Popen, answering, *, timeout: float, log: Path | None = None
) -> None:
    """Wait until ``answering()`` is true; fail at once if ``process`` exits meanwhile."""

    def ready() -> bool:
        if process.poll() is not None:
            raise ServerStartError(f"the server exited with {process.returncode}{log_tail(log)}")
        return answering()

    try:
        wait_until(ready, timeout, poll=0.2, what="the server answering")
    except AssertionError as error:
        raise ServerStartError(f"{error}{log_tail(log)}") from None


def http_ok(url: str) -> Callable[[], bool]:
    """A readiness check: ``url`` answers 200 (any error or time-out, e.g. while gunicorn's
    master is still warming up, counts as not yet)."""
    import requests

    def check() -> bool:
        try:
            return requests.get(url, timeout=10).status_code == 200
        except requests.RequestException:
            return False

    return check


def port_open(port: int) -> Callable[[], bool]:
    """A readiness check: something accepts connections on ``port``."""

    def check() -> bool:
        try:
            with socket.create_connection((LOOPBACK, port), 0.5):
                return True
        except OSError:
            return False

    return check


@contextlib.contextmanager
def gunicorn(
    root: Path,
    target: str = "app:create_server()",
    *,
    env: Mapping[str, str | None] | None = None,
    workers: int = 1,
    pythonpath: tuple[Path, ...] = (),
    log: Path | None = None,
    ready_path: str | None = "/_dash-layout",
    timeout: float = START_TIMEOUT,
) -> Iterator[str]:
    """The app server on loopback serving ``target`` from the tree ``root``; yields its base URL.

    It runs as ``make serve`` runs it (``python -m dashboard.web.serve``: nginx on HOST and PORT in
    front of gunicorn with ``gunicorn.conf.py``) where ``root`` has the launcher; gunicorn alone
    with ``gunicorn.conf.py`` where it has only that file; else with plain settings (a tree from before it existed, which the
    benchmark can measure). ``env`` adds variables, or removes those given as ``None``. The server
    counts as started when ``ready_path`` answers 200, or, with ``ready_path=None``, as soon as
    its port is open. Its output goes to ``log``.
    """
    port = free_port()
    if (root / "dashboard" / "web" / "serve.py").is_file():
        # As ``make serve``: the launcher starts gunicorn on a unix socket, then nginx on the port.
        command = [sys.executable, "-m", "dashboard.web.serve", target]
    else:
        command = [
            str(Path(sys.executable).with_name("gunicorn")),
            "--chdir",
            str(root),
            # No control socket: it is one fixed path per user, which servers started side by
            # side would share, and stopping it costs every shutdown seconds.
            "--no-control-socket",
        ]
        if (root / "gunicorn.conf.py").is_file():
            command += ["--config", str(root / "gunicorn.conf.py")]
        else:
            command += [
                *("--bind", f"{LOOPBACK}:{port}", "--workers", str(workers), "--timeout", "600")
            ]
        command.append(target)
    environment = {
        **os.environ,
        "HOST": LOOPBACK,
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        "PYTHONPATH": os.pathsep.join(str(path) for path in (root, *pythonpath)),
    }
    for name, value in (env or {}).items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    base = f"http://{LOOPBACK}:{port}"
    with contextlib.ExitStack() as stack:
        output = stack.enter_context(log.open("w")) if log else subprocess.DEVNULL
        process = subprocess.Popen(
            command, cwd=root, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            answering = http_ok(base + ready_path) if ready_path else port_open(port)
            wait_until_answering(process, answering, timeout=timeout, log=log)
            yield base
        finally:
            stop(process)


@contextlib.contextmanager
def redis_server(
    directory: Path, timeout: float = 20.0, config: Path | None = None
) -> Iterator[str]:
    """A throwaway redis-server on loopback (no persistence, files in ``directory``); yields
    its URL. With ``config`` (for example ``deploy/redis.conf``) it reads that file first, its
    port, address and folder then set to the throwaway ones."""
    import redis

    executable = shutil.which("redis-server")
    if executable is None:
        raise ServerStartError(
            "redis-server is missing: `make test` installs it (Debian package redis-server)"
        )
    port = free_port()
    process = subprocess.Popen(
        [
            executable,
            *([str(config)] if config is not None else []),
            *("--port", str(port), "--bind", LOOPBACK),
            *("--save", "", "--appendonly", "no", "--dir", str(directory)),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://{LOOPBACK}:{port}/0"
    client = redis.Redis.from_url(url)

    def answering() -> bool:
        try:
            return bool(client.ping())
        except redis.ConnectionError:
            return False

    try:
        wait_until_answering(process, answering, timeout=timeout)
        yield url
    finally:
        client.close()
        stop(process)


@dataclasses.dataclass(frozen=True)
class AppInstance:
    """One app host of a scaled-out deployment: gunicorn alone on ``address`` (``host:port``)."""

    address: str
    process: subprocess.Popen

    @property
    def url(self) -> str:
        return f"http://{self.address}"

    def kill(self) -> None:
        """Lose the host at once: SIGKILL to gunicorn's master and every worker (its own process
        group), so nothing is finished or closed gracefully."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)


@contextlib.contextmanager
def app_instance(
    root: Path,
    *,
    env: Mapping[str, str] | None = None,
    log: Path | None = None,
    timeout: float = START_TIMEOUT,
) -> Iterator[AppInstance]:
    """An app host as the README's *More than one machine* runs it: stock gunicorn with
    ``gunicorn.conf.py`` bound to ``GUNICORN_BIND`` (here a free loopback port), no nginx, in a
    process group of its own so that :meth:`AppInstance.kill` takes master and workers at once."""
    port = free_port()
    address = f"{LOOPBACK}:{port}"
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        *("--chdir", str(root), "--config", str(root / "gunicorn.conf.py")),
        "--no-control-socket",
        "app:create_server()",
    ]
    environment = {**os.environ, "GUNICORN_BIND": address, "PYTHONPATH": str(root), **(env or {})}
    with contextlib.ExitStack() as stack:
        output = stack.enter_context(log.open("w")) if log else subprocess.DEVNULL
        process = subprocess.Popen(
            command,
            cwd=root,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        instance = AppInstance(address, process)
        try:
            wait_until_answering(
                process, http_ok(instance.url + "/_dash-layout"), timeout=timeout, log=log
            )
            yield instance
        finally:
            if process.poll() is None:
                stop(process)
            else:
                instance.kill()  # the workers of a master that died
                process.wait()


@contextlib.contextmanager
def proxy_over(
    root: Path, upstreams: list[str], *, log: Path | None = None, timeout: float = 30.0
) -> Iterator[str]:
    """The proxy host of the README's *More than one machine*: ``make serve`` with
    ``APP_UPSTREAMS`` (nginx alone, balancing over ``upstreams``); yields its base URL."""
    port = free_port()
    environment = {
        **os.environ,
        "HOST": LOOPBACK,
        "PORT": str(port),
        "APP_UPSTREAMS": ",".join(upstreams),
        "PYTHONPATH": str(root),
    }
    base = f"http://{LOOPBACK}:{port}"
    with contextlib.ExitStack() as stack:
        output = stack.enter_context(log.open("w")) if log else subprocess.DEVNULL
        process = subprocess.Popen(
            [sys.executable, "-m", "dashboard.web.serve"],
            cwd=root,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_answering(process, http_ok(base + "/_dash-layout"), timeout=timeout, log=log)
            yield base
        finally:
            stop(process)
