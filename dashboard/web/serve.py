"""``make serve``: nginx in front of gunicorn, started, watched and stopped as one command.

``python -m dashboard.web.serve [APP]`` (``APP`` defaults to ``app:create_server()``):

1. makes a private run folder (``VAWDASV_RUN_DIR``, else a new temporary folder) for gunicorn's
   socket, nginx's rendered config, pid file, temporary files and proxy cache;
2. starts stock gunicorn (``gunicorn.conf.py``, threaded worker) on a unix socket in that folder;
3. waits until gunicorn answers (the data is loaded and the bundles compressed), so that nginx
   never opens the public port onto an app that is not ready;
4. renders ``deploy/nginx.conf.template`` and starts Debian's nginx (``daemon off``, ``-p`` the
   run folder, ``-c`` the rendered file) on ``HOST:PORT``;
5. waits; on SIGINT or SIGTERM stops nginx (graceful, SIGQUIT) then gunicorn (SIGTERM), and if
   either exits by itself stops the other and exits with its status.

Why a launcher rather than a process supervisor: the dashboard is one command on one machine;
both servers stay in the terminal's foreground process group (Ctrl-C reaches all three), the
config needs the ports and paths of this start, and the order (app ready, then the port) and a
clean stop of both need something that knows about both. systemd or a container runtime can run
this same command.

Environment: ``HOST``/``PORT`` (the public address, nginx; default 127.0.0.1:8050),
``WEB_CONCURRENCY``, ``GUNICORN_THREADS``, ``GUNICORN_TIMEOUT`` (gunicorn, see
``gunicorn.conf.py``), ``APP_UPSTREAMS`` (comma-separated ``host:port`` of app instances started
elsewhere: then no gunicorn is started here and nginx balances over them), ``PROXY_CONN_PER_CLIENT`` (default 100), ``PROXY_ACCESS_LOG`` (a file, or
unset for none), ``NGINX`` (the nginx executable).
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from dashboard.web.limits import MAX_BODY_BYTES

ROOT: Final = Path(__file__).resolve().parents[2]
TEMPLATE: Final = ROOT / "deploy" / "nginx.conf.template"
ERRORS_DIR: Final = ROOT / "deploy" / "errors"
DEFAULT_APP: Final = "app:create_server()"
READY_PATH: Final = "/_dash-layout"
#: How long each server gets to stop after it was asked to (gunicorn's graceful_timeout is 30 s).
STOP_TIMEOUT: Final = 40.0
PLACEHOLDER: Final = re.compile(r"\{\{([A-Z_]+)\}\}")


class StartError(RuntimeError):
    """A server exited or could not be started; the message says which and why."""


def nginx_executable() -> str:
    found = os.environ.get("NGINX") or shutil.which("nginx")
    if found:
        return found
    for candidate in ("/usr/sbin/nginx", "/usr/local/sbin/nginx"):
        if os.access(candidate, os.X_OK):
            return candidate
    raise StartError(
        "nginx is missing: `make serve` installs it (Debian package nginx), or apt-get install nginx"
    )


def render(template: str, values: Mapping[str, str]) -> str:
    """``template`` with each ``{{NAME}}`` replaced; an unknown name is an error."""

    def value(match: re.Match) -> str:
        name = match.group(1)
        if name not in values:
            raise StartError(f"no value for {{{{{name}}}}} in the nginx template")
        return str(values[name])

    return PLACEHOLDER.sub(value, template)


def nginx_config(
    run_dir: Path,
    *,
    listen: str,
    upstreams: list[str],
    read_timeout: int = 65,
    max_body: int = MAX_BODY_BYTES,
    conn_per_client: int = 100,
    access_log: str | None = None,
    workers: int = 1,
) -> str:
    """The rendered nginx config for one start (``upstreams`` as nginx ``server`` addresses)."""
    user_line = ""
    if os.geteuid() == 0:
        # nginx's workers switch to ``nobody`` when the master is root; keep them as this user
        # so they can use the run folder and the socket. Not root-only paths anywhere.
        import grp
        import pwd

        user_line = (
            f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};"
        )
    return render(
        TEMPLATE.read_text(encoding="utf-8"),
        {
            "USER_LINE": user_line,
            "NGINX_WORKERS": str(workers),
            "RUN_DIR": str(run_dir),
            "ACCESS_LOG": access_log or "off",
            "MAX_BODY": str(max_body),
            "CONN_PER_CLIENT": str(conn_per_client),
            "UPSTREAMS": "\n        ".join(f"server {address};" for address in upstreams),
            "LISTEN": listen,
            "ERRORS_DIR": str(ERRORS_DIR),
            "READ_TIMEOUT": str(read_timeout),
        },
    )


def start_nginx(run_dir: Path, config_text: str) -> subprocess.Popen:
    """nginx in the foreground with ``config_text``, its files in ``run_dir``."""
    config_file = run_dir / "nginx.conf"
    config_file.write_text(config_text, encoding="utf-8")
    for sub in ("logs", "client_body", "proxy", "fastcgi", "uwsgi", "scgi", "cache"):
        (run_dir / sub).mkdir(exist_ok=True)
    executable = nginx_executable()
    # -e (nginx >= 1.19.5): the log for start-up, before the config's error_log is read.
    command = [executable, "-e", "stderr", "-p", str(run_dir), "-c", str(config_file)]
    check = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True, check=False)
    if check.returncode != 0:
        raise StartError(f"the nginx config is invalid:\n{check.stderr.strip()}")
    return subprocess.Popen(command)


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float):
        super().__init__("localhost", timeout=timeout)
        self.path = path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.path)


def answers(address: str, path: str = READY_PATH) -> bool:
    """``address`` (``unix:/path`` or ``host:port``) answers ``path`` with 200."""
    if address.startswith("unix:"):
        connection: http.client.HTTPConnection = UnixHTTPConnection(address[5:], timeout=10)
    else:
        host, port = address.rsplit(":", 1)
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", path)
        return connection.getresponse().status == 200
    except (OSError, http.client.HTTPException):
        return False
    finally:
        connection.close()


def stop(process: subprocess.Popen | None, sig: int) -> int | None:
    """Send ``sig``, wait up to :data:`STOP_TIMEOUT`, then kill; the exit status."""
    if process is None:
        return None
    if process.poll() is None:
        try:
            process.send_signal(sig)
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
        except ProcessLookupError:
            pass
    return process.wait()


class ShutdownRequestedError(Exception):
    """Raised by the signal handler: stop both servers now."""


def _run_dir(configured: str | None) -> Path:
    """Where the socket, pid files and cache go: the configured folder (made if need be), else
    a new temporary one."""
    if configured:
        run_dir = Path(configured)
        run_dir.mkdir(parents=True, exist_ok=True)
        return run_dir
    # Short, private and new for each start: a unix socket path has ~100 characters at most,
    # and two servers on one machine never share a socket, pid file or cache.
    return Path(tempfile.mkdtemp(prefix="vawdasv-serve-"))


def _start_gunicorn(target: str, socket_path: Path) -> subprocess.Popen:
    """gunicorn serving ``target`` on the unix socket ``socket_path``."""
    return subprocess.Popen(
        [
            sys.executable,
            *("-m", "gunicorn", "--chdir", str(ROOT)),
            *("--config", str(ROOT / "gunicorn.conf.py")),
            # gunicorn's control socket is one path per user: two servers would share it.
            "--no-control-socket",
            target,
        ],
        env={**os.environ, "GUNICORN_BIND": f"unix:{socket_path}"},
    )


def _watch(gunicorn: subprocess.Popen | None, nginx: subprocess.Popen) -> int:
    """Wait until either server exits (a signal interrupts the wait); its exit status, never 0."""
    while True:
        for name, process in (("gunicorn", gunicorn), ("nginx", nginx)):
            if process is not None and process.poll() is not None:
                print(f"{name} exited ({process.returncode}); stopping", file=sys.stderr)
                return process.returncode or 1
        time.sleep(0.5)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = args[0] if args else DEFAULT_APP
    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8050")
    listen = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    external = [a.strip() for a in os.environ.get("APP_UPSTREAMS", "").split(",") if a.strip()]

    configured_run_dir = os.environ.get("VAWDASV_RUN_DIR")
    run_dir = _run_dir(configured_run_dir)

    def on_signal(signum, _frame):
        raise ShutdownRequestedError(signum)

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, on_signal)
    gunicorn = nginx = None
    status = 0
    try:
        if external:
            upstreams = external
        else:
            socket_path = run_dir / "gunicorn.sock"
            gunicorn = _start_gunicorn(target, socket_path)
            upstreams = [f"unix:{socket_path}"]
            # SIGHUP reloads gunicorn's workers, as it did when gunicorn ran alone.
            signal.signal(signal.SIGHUP, lambda *_: gunicorn.send_signal(signal.SIGHUP))
            while not answers(upstreams[0]):
                if gunicorn.poll() is not None:
                    return gunicorn.returncode or 1
                time.sleep(0.2)
        read_timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60")) + 5
        nginx = start_nginx(
            run_dir,
            nginx_config(
                run_dir,
                listen=listen,
                upstreams=upstreams,
                read_timeout=read_timeout,
                conn_per_client=int(os.environ.get("PROXY_CONN_PER_CLIENT", "100")),
                access_log=os.environ.get("PROXY_ACCESS_LOG"),
            ),
        )
        print(
            f"Serving on http://{host}:{port} (nginx, then gunicorn)", file=sys.stderr, flush=True
        )
        status = _watch(gunicorn, nginx)
    except ShutdownRequestedError:
        pass
    except StartError as error:
        print(f"The dashboard did not start: {error}", file=sys.stderr)
        status = 1
    finally:
        # Signals again during the stop would leave a server behind: ignore them meanwhile.
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)
        stop(nginx, signal.SIGQUIT)  # graceful: finish the answers in flight
        stop(gunicorn, signal.SIGTERM)
        if not configured_run_dir:
            shutil.rmtree(run_dir, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
