"""gunicorn settings for ``make serve`` (``gunicorn --config gunicorn.conf.py 'app:create_server()'``).

Environment: ``WEB_CONCURRENCY`` workers (default 2), ``HOST``/``PORT`` to bind (default
127.0.0.1:8050), ``GUNICORN_TIMEOUT`` seconds (default 60), ``GUNICORN_THREADS`` per worker
(default 4). The app is loaded once in the master (``preload_app``): the data is read and validated
once, and the workers share it. Put a TLS-terminating reverse proxy in front for the public web.
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads let one worker answer the many small callback requests of a page while a larger one
# (the drill-down panels) is being computed; the numpy work releases the GIL.
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
preload_app = True
# Recycle workers now and then so a slow leak can never build up.
max_requests = 5000
max_requests_jitter = 500
# Refuse oversized request lines and headers early.
limit_request_line = 8190
limit_request_fields = 100
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG") else None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "vawdasv-dashboard"


def when_ready(server):
    """In the master, after the app is loaded and before the workers fork: do the slow first-time
    work (Dash's set-up, best-level compression of the static bundles) once for all workers."""
    from dashboard.web.server import warm_up

    warm_up(server.app.wsgi())
