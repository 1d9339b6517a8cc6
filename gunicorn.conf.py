"""gunicorn settings for ``make serve`` (``gunicorn --config gunicorn.conf.py 'app:create_server()'``).

Environment: ``WEB_CONCURRENCY`` workers (default 2), ``HOST``/``PORT`` to bind (default
127.0.0.1:8050), ``GUNICORN_TIMEOUT`` seconds (default 60), ``GUNICORN_THREADS`` per worker
(default 4). The app is loaded once in the master (``preload_app``): the data is read and validated
once, and the workers share it. Put a TLS-terminating reverse proxy in front for the public web.

Slow clients: the worker class is gunicorn's threaded worker with one change
(:mod:`dashboard.web.buffering_worker`): each request is read in full by the worker's event
loop, without a thread, and a thread takes it only once it is whole; a client that has not sent
its whole request within 10 s is answered 408. With plain ``gthread``, eight connections sending a
header line every 3 s held all eight threads of the two workers and every other request timed
out (``GUNICORN_TIMEOUT`` never fired: it watches the worker, which was alive). The ``gevent``
worker also resists slow clients, but runs one of the page's CPU-bound callbacks at a time per
process: under ``python -m bench.load`` (50 users) it served 73 requests/s and opened a page in
16.5 s (median), against about 120 requests/s and 1.4-2 s with threads; nginx in front would do the
same buffering at the price of a second server to install and supervise. ``GUNICORN_WORKER_CLASS``
chooses another class (``gthread``) to measure the difference.
"""

import gc
import os
import signal
import sys

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads let one worker answer the many small callback requests of a page while a larger one
# (the drill-down panels) is being computed; the numpy work releases the GIL. A thread only ever
# computes: the worker class reads each request in full before a thread takes it (see above).
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = os.environ.get(
    "GUNICORN_WORKER_CLASS", "dashboard.web.buffering_worker.BufferingThreadWorker"
)
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
    from dashboard.web.compression import warm_up

    # gunicorn handles its signals in its main loop, which starts after this hook: a stop asked
    # for during the warm-up (a minute on a cold cache) would otherwise wait for all of it.
    # Nothing is served yet, so stopping at once loses nothing.
    previous = {sig: signal.signal(sig, stop_before_serving(server)) for sig in STOP_SIGNALS}
    try:
        warm_up(server.app.wsgi())
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
