"""gunicorn settings for ``make serve``, which runs stock gunicorn behind nginx
(``python -m dashboard.web.serve``: see that module and ``deploy/nginx.conf.template``).

Environment: ``WEB_CONCURRENCY`` workers (default 2), ``GUNICORN_THREADS`` per worker (default 4),
``GUNICORN_TIMEOUT`` seconds (default 60). ``GUNICORN_BIND`` is where gunicorn listens: the
launcher sets a unix socket in its private run folder, and nginx alone listens on ``HOST:PORT``;
run without the launcher (a second app host behind a proxy elsewhere), gunicorn binds
``GUNICORN_BIND`` or, unset, ``HOST:PORT`` (default 127.0.0.1:8050). The app is loaded once in the
master (``preload_app``): the data is read and validated once, and the workers share it.

Slow clients: gunicorn's threaded worker reads a request in one of its threads, so a client that
sends its request slowly holds a thread (eight such connections held all eight threads of two
workers). nginx in front reads every request in full, within its header and body timeouts, before
passing it on over the socket at once, and reads each answer in full before sending it on: a
gunicorn thread only ever computes. Do not expose gunicorn's own address to the network.
"""

import gc
import os
import signal
import sys

bind = os.environ.get("GUNICORN_BIND") or (
    f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"
)
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads let one worker answer the many small callback requests of a page while a larger one
# (the drill-down panels) is being computed; the numpy work releases the GIL. A thread only ever
# computes: nginx reads each request in full before gunicorn sees it (see above).
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
    work (Dash's set-up, best-level compression of the static bundles, the first pages rendered)
    once for all workers."""
    from dashboard.web.compression import warm_up
    from dashboard.web.first_pages import render_first_pages

    # gunicorn handles its signals in its main loop, which starts after this hook: a stop asked
    # for during the warm-up (a minute on a cold cache) would otherwise wait for all of it.
    # Nothing is served yet, so stopping at once loses nothing.
    previous = {sig: signal.signal(sig, stop_before_serving(server)) for sig in STOP_SIGNALS}
    try:
        warm_up(server.app.wsgi())
        render_first_pages(server.app.wsgi())
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    # Frozen, the loaded app is never walked by the garbage collector again: the workers share its
    # memory pages instead of copying each page the collector touches, and stopping a process no
    # longer spends seconds collecting it (a stop took 5-10 s, now about 1 s).
    gc.freeze()


STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT)


def stop_before_serving(server):
    """A signal handler that ends the master at once (no worker exists yet)."""

    def stop(signum, _frame):
        server.log.info("Stopping before serving (%s)", signal.Signals(signum).name)
        if server.pidfile is not None:
            server.pidfile.unlink()
        sys.stdout.flush()
        sys.stderr.flush()
        # Not sys.exit: that would wait for the compression threads to finish (a leftover
        # ``.part`` file is never read).
        os._exit(0)

    return stop
