"""Dash apps served on loopback from threads of the test process, for the browser tests.

dash_duo's own runner (dash.testing's ThreadedRunner) had two faults for this suite: it stops its
server by raising ``SystemExit`` in every thread started since the server was (the app's background
compression among them: pytest printed each as a ``PytestUnhandledThreadExceptionWarning`` with a
traceback), and every test process counts its ports up from 58050, so two processes running tests
side by side (pytest-xdist) took the same ports. Here the system gives each server a free port, and
a server stops by shutting its own loop down; an app is served once, however many tests open it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from dash import Dash
from werkzeug.serving import BaseWSGIServer, make_server

from tools.servers import LOOPBACK


@dataclass(frozen=True)
class ThreadedServer:
    """One app on ``url``, answered by Flask's development server (a thread per request), as
    dash_duo served it."""

    server: BaseWSGIServer
    thread: threading.Thread

    @classmethod
    def start(cls, app: Dash) -> ThreadedServer:
        # What dash_duo's runner set before ``app.run``: dev tools off, as ``app.run`` leaves them.
        app.enable_dev_tools(debug=False, dev_tools_disable_version_check=True)
        server = make_server(LOOPBACK, 0, app.server, threaded=True)
        thread = threading.Thread(target=server.serve_forever, name="dash-app-server", daemon=True)
        thread.start()
        return cls(server, thread)

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.server.server_port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@dataclass
class AppServers:
    """The apps served in one test process: each app once, on its own port. Apps marked with
    :meth:`keep` (the session's fixtures) are served until :meth:`close`; any other app (one a
    test made for itself) until :meth:`release`, at the end of its test."""

    _served: dict[int, tuple[Dash, ThreadedServer]] = field(default_factory=dict)
    _kept: set[int] = field(default_factory=set)

    def keep(self, app: Dash) -> Dash:
        self._kept.add(id(app))
        return app

    def url(self, app: Dash) -> str:
        """The address of ``app``, served from now on if it was not yet."""
        if id(app) not in self._served:
            # The app is held with its server, so that its id is not reused while it is served.
            self._served[id(app)] = (app, ThreadedServer.start(app))
        return self._served[id(app)][1].url

    def origins(self) -> list[str]:
        return [server.url for _app, server in self._served.values()]

    def release(self) -> None:
        """Stop serving the apps that are not kept."""
        for key in [key for key in self._served if key not in self._kept]:
            self._served.pop(key)[1].stop()

    def close(self) -> None:
        self._kept.clear()
        self.release()
