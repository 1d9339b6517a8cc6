"""Scale out on existing parts (issue 22, item 6): two app instances behind the proxy, sharing
Redis, on loopback, exactly as the README's *More than one machine* runs them (gunicorn alone on
each app host, ``APP_UPSTREAMS=... make serve`` on the proxy host).

* A view computed by one instance is served to the other from the shared Redis (no second key,
  a Redis hit), so the hosts need share nothing else.
* One instance killed under load (SIGKILL to its master and workers: a lost machine) costs no
  more than the requests it held: failures only among requests sent before the kill or in the
  instant after it, at most one per client, and every request after that is answered by the other.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import pytest
import redis
import requests

from dashboard import config
from tools import servers
from tools.browser import wait_until

#: Users sending requests back to back; each holds at most one request at a time, so this is
#: also the most requests the killed instance can hold.
CLIENTS = 6
#: Pages, the app's layout, and downloads (each computes or reads its view).
PATHS = (
    "/",
    "/_dash-layout",
    "/download/overview/map.csv?level=force",
    "/download/overview/behaviour.csv?level=la&area=cardiff",
    "/gaps",
    "/download/overview/list.csv?level=region&metric=per_100k",
)
#: After the kill, nginx may still send a request that was already on its way to the dead
#: instance; later ones go to the live one (a refused connection is passed on: nothing was sent).
SETTLE_S = 1.0


@dataclass(frozen=True)
class Outcome:
    sent: float
    ok: bool
    what: str


@pytest.fixture
def deployment(tmp_path_factory):
    """Redis, two app instances (one worker each) sharing it, and nginx over both: new for each
    test, since one test kills an instance and the tests run in any order (pytest-randomly)."""
    scratch = tmp_path_factory.mktemp("scale-out")
    try:
        with (
            servers.redis_server(scratch) as redis_url,
            servers.app_instance(
                config.PROJECT_ROOT,
                env={"REDIS_URL": redis_url, "WEB_CONCURRENCY": "1"},
                log=scratch / "a.log",
            ) as first,
            servers.app_instance(
                config.PROJECT_ROOT,
                env={"REDIS_URL": redis_url, "WEB_CONCURRENCY": "1"},
                log=scratch / "b.log",
            ) as second,
            servers.proxy_over(
                config.PROJECT_ROOT, [first.address, second.address], log=scratch / "proxy.log"
            ) as base,
        ):
            yield {"redis": redis_url, "first": first, "second": second, "base": base}
    except servers.ServerStartError as error:
        pytest.fail(str(error))


def redis_stats(url: str) -> tuple[int, int]:
    """(view keys, keyspace hits) of the shared Redis."""
    client = redis.Redis.from_url(url)
    try:
        keys = sum(1 for _ in client.scan_iter(match="vawdasv:view:*"))
        return keys, int(client.info("stats")["keyspace_hits"])
    finally:
        client.close()


def test_a_view_computed_on_one_instance_is_served_to_the_other_from_redis(deployment):
    # A download computes (or reads) the view of its link, as a page's callbacks do.
    view = "/download/overview/map.csv?level=force&area=gwent&behaviour_focus=stalking"
    keys_before, _ = redis_stats(deployment["redis"])
    assert requests.get(deployment["first"].url + view, timeout=30).status_code == 200
    keys_after_first, hits_after_first = redis_stats(deployment["redis"])
    assert keys_after_first > keys_before  # the first instance computed and shared it
    second = requests.get(deployment["second"].url + view, timeout=30)
    assert second.status_code == 200
    keys_after_second, hits_after_second = redis_stats(deployment["redis"])
    assert keys_after_second == keys_after_first  # nothing computed and stored again
    assert hits_after_second > hits_after_first  # read from the shared Redis
    # And through the proxy, the same page.
    assert requests.get(deployment["base"] + view, timeout=30).status_code == 200


def test_losing_one_instance_under_load_costs_only_the_requests_it_held(deployment):
    base = deployment["base"]
    stop = threading.Event()
    outcomes: list[Outcome] = []

    def client(offset: int) -> None:
        session = requests.Session()
        index = offset
        while not stop.is_set():
            path = PATHS[index % len(PATHS)]
            sent = time.monotonic()
            try:
                ok = session.get(base + path, timeout=30).status_code == 200
                what = path
            except requests.RequestException as error:
                ok, what = False, f"{path}: {type(error).__name__}"
            outcomes.append(Outcome(sent, ok, what))
            index += 1

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    # Under load on both instances first.
    wait_until(lambda: len(outcomes) >= 30, 60, what="30 answers before the kill")
    killed_at = time.monotonic()
    deployment["first"].kill()
    wait_until(
        lambda: sum(o.sent > killed_at + SETTLE_S for o in outcomes) >= 30,
        60,
        what="30 answers after the kill",
    )
    stop.set()
    for thread in threads:
        thread.join(35)

    before = [o for o in outcomes if o.sent < killed_at]
    after = [o for o in outcomes if o.sent > killed_at + SETTLE_S]
    failures = [o for o in outcomes if not o.ok]
    assert all(o.ok for o in before), [o.what for o in before if not o.ok]
    # Lost: at most what the dead instance held (one request per client at a time) ...
    assert len(failures) <= CLIENTS, [o.what for o in failures]
    # ... and nothing after the kill's instant: the live instance answers everything.
    assert all(o.ok for o in after), [o.what for o in after if not o.ok]
    assert requests.get(base + "/", timeout=30).status_code == 200
