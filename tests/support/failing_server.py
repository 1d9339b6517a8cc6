"""WSGI factory for tests/e2e/test_server.py: the production app plus one route that always fails.

``gunicorn --config gunicorn.conf.py --pythonpath tests/support 'failing_server:create_server()'``
serves exactly what ``app:create_server()`` serves, so an error can be forced through the real
production stack and its answer checked for leaks.
"""

from __future__ import annotations

from app import create_app

FORCED_ERROR_PATH = "/__test-forced-error"


def create_server():
    app = create_app()

    @app.server.route(FORCED_ERROR_PATH)
    def forced_error():
        raise RuntimeError("forced failure in /work/main/secret_module.py line 42")

    return app.server
