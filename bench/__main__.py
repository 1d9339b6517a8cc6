"""``python -m bench``: how fast the dashboard is, at the shipped data and at synthetic sizes.

What is measured, per directory size (shipped, then synthetic 1,000 / 10,000 / 100,000):

* start-up: loading and validating the data folder, and building the indicator matrices;
* for each main interaction (change geography level, change a filter, select an area on the map):
  the chain of callback requests the browser makes, driven by :mod:`bench.dashclient` through
  Flask's test client, i.e. real JSON bodies POSTed to ``/_dash-update-component`` through the
  whole WSGI stack (compression included). Server time is the wall time of each request; bytes
  are the real response bodies: ``raw`` (decoded), ``wire`` (as sent to a browser that accepts
  gzip/br/zstd) and ``gzip`` (gzip -6 of the raw body, for comparison). Each interaction is
  measured "cold" (the computed-view cache emptied before every call, so the view is really
  computed) and "warm" (as deployed: the cache kept);
* the floor: the bare numpy/pandas work for the same state (filter mask, area table, area mask and
  the panel breakdowns), so the framework's overhead is visible;
* in headless Chromium against gunicorn: first-load bytes (Resource Timing ``transferSize``) and
  time until the map has drawn every area; and the 1,917-LSOA map (:mod:`bench.lsoa_app`).

Prints a table and writes JSON to ``bench/results/``. Targets are reported, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import json
import platform
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from bench import browser, synth
from bench.dashclient import Session, flask_transport
from tools import servers

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
SIZES = ("shipped", "1000", "10000", "100000")
#: The LSOA map counts as drawn when 99% of its 1,917 areas have been rendered.
LSOA_DRAWN = 1898

TARGETS = {
    "server_p95_ms_shipped": 30,
    "server_p95_ms_100000": 200,
    "response_kb_compressed": 10,
    "first_load_mb": 1.0,
    "map_drawn_vs_floor": 1.5,
    "lsoa_drawn_s": 3.0,
    "click_to_panels_ms": 250,
    "filter_ms": 250,
}
#: Gwent (region and force) for the click: its id and a point inside it (lon, lat).
CLICK_AREA = ("gwent", -3.05, 51.72)


def interactions():
    """name -> the two prop updates the benchmark alternates between (a real change each time)."""
    from dashboard.web import ids

    behaviour = (ids.filter_id("behaviour_focus"), "value")
    click = (ids.MAP, "clickData")
    return {
        "level": [{(ids.LEVEL, "value"): "la"}, {(ids.LEVEL, "value"): "region"}],
        "filter": [{behaviour: ["domestic abuse"]}, {behaviour: []}],
        "area": [
            {click: {"points": [{"location": "gwent"}]}},
            {click: {"points": [{"location": "cardiff-and-vale"}]}},
        ],
    }


def floor_states():
    """The view state reached by each interaction's first update (for the floor measurement)."""
    return {
        "level": {"level": "la", "area": None, "filters": {}},
        "filter": {
            "level": "region",
            "area": None,
            "filters": {"behaviour_focus": ("domestic abuse",)},
        },
        "area": {"level": "region", "area": "gwent", "filters": {}},
    }


def percentile(values, q):
    return float(np.percentile(np.asarray(values, dtype=float), q)) if values else float("nan")


def callback_name(callback) -> str:
    """A callback's own function name: Dash keeps its wrapper (``add_context``) in the map, with
    what it wraps as ``__wrapped__``; the pages register top-level functions bound to their data
    with ``functools.partial``."""
    function = getattr(callback, "__wrapped__", callback)
    while isinstance(function, functools.partial):
        function = function.func
    return function.__name__


def callback_names(app) -> dict[str, str]:
    return {
        key: callback_name(value["callback"])
        for key, value in app.callback_map.items()
        if "callback" in value
    }


def clear_cache_function(app):
    try:
        from dashboard.web import view_cache
    except ImportError:
        return None
    clear = getattr(view_cache, "clear_view_cache", None)
    return (lambda: clear(app)) if clear else None


def measure_interactions(app, calls: int, *, cold: bool) -> dict:
    names = callback_names(app)
    clear = clear_cache_function(app) if cold else None
    client = app.server.test_client()
    session = Session(*flask_transport(client))
    session.open("/")
    results = {}
    for name, updates in interactions().items():
        session.open("/")
        totals, wire_totals, raw_totals, gzip_totals, max_wire = [], [], [], [], []
        per_callback: dict[str, dict[str, list]] = {}
        errors = 0
        for index in range(calls):
            if clear:
                clear()
            replies = session.set(updates[index % 2])
            if not replies:
                raise RuntimeError(f"interaction {name} made no callback requests")
            totals.append(sum(call.seconds for call in replies) * 1000)
            wire_totals.append(sum(call.wire_bytes for call in replies))
            raw_totals.append(sum(call.raw_bytes for call in replies))
            gzip_totals.append(sum(len(gzip.compress(call.body, 6)) for call in replies))
            max_wire.append(max(call.wire_bytes for call in replies))
            for call in replies:
                errors += call.status not in (200, 204)
                entry = per_callback.setdefault(
                    names.get(call.output, call.output), {"ms": [], "raw": [], "wire": []}
                )
                entry["ms"].append(call.seconds * 1000)
                entry["raw"].append(call.raw_bytes)
                entry["wire"].append(call.wire_bytes)
        results[name] = {
            "calls": calls,
            "requests_per_interaction": len(replies),
            "errors": errors,
            "server_ms_p50": percentile(totals, 50),
            "server_ms_p95": percentile(totals, 95),
            "raw_bytes_median": statistics.median(raw_totals),
            "wire_bytes_median": statistics.median(wire_totals),
            "gzip_bytes_median": statistics.median(gzip_totals),
            "max_response_wire_bytes": max(max_wire),
            "callbacks": {
                callback: {
                    "ms_p50": percentile(entry["ms"], 50),
                    "ms_p95": percentile(entry["ms"], 95),
                    "raw_bytes_median": statistics.median(entry["raw"]),
                    "wire_bytes_median": statistics.median(entry["wire"]),
                }
                for callback, entry in per_callback.items()
            },
        }
    return results


def measure_floor(context, calls: int) -> dict:
    from dashboard.domain import counting, model
    from dashboard.views import overview as overview_view
    from dashboard.views import panel_registry
    from dashboard.views.state import ViewState

    directory = context.directory
    results = {}
    for name, state in floor_states().items():
        times = []
        for _ in range(calls):
            started = time.perf_counter()
            mask = model.filter_mask(directory, state["filters"])
            counting.area_counts(
                directory, mask, state["level"], True, context.population_16_plus[state["level"]]
            )
            selection = mask & overview_view.selected_services(
                directory, ViewState(level=state["level"], area=state["area"])
            )
            for column in (panel.column for panel in panel_registry.breakdown_panels()):
                model.breakdown(directory, selection, column)
            times.append((time.perf_counter() - started) * 1000)
        results[name] = {"ms_p50": percentile(times, 50), "ms_p95": percentile(times, 95)}
    return results


def data_folder(size: str, workdir: Path) -> tuple[Path, Path]:
    """(data folder, interventions file) for one size."""
    from dashboard import config

    if size == "shipped":
        return config.DATA_DIR, config.DATA_DIR / "interventions.csv"
    folder = synth.write_data_dir(workdir / f"synthetic-{size}", int(size))
    return folder, folder / "interventions.csv"


def measure_size(size: str, args, workdir: Path) -> dict:
    from app import create_app
    from dashboard.data.loader import load_bundle
    from dashboard.domain.context import build_context

    folder, interventions = data_folder(size, workdir)
    started = time.perf_counter()
    bundle = load_bundle(folder, interventions)
    loaded = time.perf_counter()
    context = build_context(bundle)
    built = time.perf_counter()
    app = create_app(context)
    result = {
        "size": size,
        "interventions": context.directory.size,
        "load_s": loaded - started,
        "build_s": built - loaded,
        "cached": clear_cache_function(app) is not None,
        "cold": measure_interactions(app, args.calls, cold=True),
        "floor": measure_floor(context, args.calls),
    }
    # Without a view cache, "warm" is the same measurement as "cold".
    result["warm"] = (
        measure_interactions(app, args.calls, cold=False) if result["cached"] else result["cold"]
    )
    if not args.skip_browser:
        result["first_load"] = first_loads(
            "app:create_server()",
            args,
            log=workdir / f"gunicorn-{size}.log",
            env={"VAWDASV_INTERVENTIONS_CSV": str(interventions)},
            selector="#ov-map .js-plotly-plot",
            expected=6,
        )
    if not args.skip_browser and size == "shipped":
        result["force_load"] = first_loads(
            "app:create_server()",
            args,
            log=workdir / "gunicorn-force.log",
            path="/force/gwent",
            # Gwent's own map: its five local authorities.
            selector="#profile-map .js-plotly-plot",
            expected=5,
        )
        result["browser_interactions"] = browser_interactions(args, workdir)
    return result


def browser_interactions(args, workdir: Path) -> dict:
    """Click-to-panels and filter times in the browser, one fresh load of ``/`` per run."""
    with servers.gunicorn(
        ROOT, "app:create_server()", log=workdir / "gunicorn-clicks.log", timeout=600
    ) as base:
        runs = [
            browser.safe_measure_interactions(
                base + "/", map_selector="#ov-map .js-plotly-plot", area=CLICK_AREA
            )
            for _ in range(args.browser_runs)
        ]
    clicks = [run["click_to_panels_ms"] for run in runs if run.get("click_to_panels_ms")]
    floors = [run["click_floor_ms"] for run in runs if run.get("click_floor_ms")]
    filters = [value for run in runs for value in run.get("filter_ms", []) if value]
    return {
        "runs": runs,
        "click_to_panels_ms_median": statistics.median(clicks) if clicks else None,
        "click_floor_ms_median": statistics.median(floors) if floors else None,
        "filter_ms_median": statistics.median(filters) if filters else None,
    }


def first_loads(target: str, args, *, log: Path, env=None, path: str = "/", **page) -> dict:
    """``args.browser_runs`` first loads, each in a fresh browser, of the page gunicorn serves
    for ``target`` (``page``: what :func:`bench.browser.measure_page` waits for)."""
    # Timed from the moment the port is open, as before the server plumbing moved to
    # tools/servers.py; the long start-up timeout is for the 100,000-row directory.
    with servers.gunicorn(ROOT, target, env=env, log=log, ready_path=None, timeout=600) as base:
        runs = [browser.safe_measure_page(base + path, **page) for _ in range(args.browser_runs)]
    return summarise_runs(runs)


def summarise_runs(runs: list[dict]) -> dict:
    drawn = [run["drawn_ms"] for run in runs if run.get("drawn_ms") is not None]
    done = [run for run in runs if "transfer_bytes" in run]

    def median(field):
        return statistics.median(run[field] for run in done) if done else None

    return {
        "runs": runs,
        # A run in which the map never drew counts as "not drawn", not as a fast run.
        "drawn_ms_median": statistics.median(drawn) if len(drawn) == len(runs) else None,
        "failed_runs": [run.get("failure") for run in runs if run.get("drawn_ms") is None],
        "transfer_bytes_median": median("transfer_bytes"),
        "encoded_bytes_median": median("encoded_bytes"),
        "decoded_bytes_median": median("decoded_bytes"),
        "console_errors": sorted({e for run in done for e in run.get("console_errors", [])}),
    }


def measure_lsoa(args, workdir: Path) -> dict:
    return first_loads(
        "bench.lsoa_app:create_server()",
        args,
        log=workdir / "lsoa.log",
        selector="#lsoa-map .js-plotly-plot",
        # a few LSOAs are smaller than a pixel at this zoom and never rasterised
        expected=LSOA_DRAWN,
        timeout=90,
    )


def measure_map_floor(args, workdir: Path) -> dict:
    """The same region map alone on a page (:mod:`bench.floor_map_app`): what drawing it costs in
    this browser before any of the dashboard's own work."""
    return first_loads(
        "bench.floor_map_app:create_server()",
        args,
        log=workdir / "floor.log",
        selector="#floor-map .js-plotly-plot",
        expected=6,
    )


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def _drawn(summary: dict) -> str:
    if not summary:
        return "-"
    if summary.get("drawn_ms_median") is None:
        return "NOT DRAWN" if summary.get("runs") else "-"
    return f"{summary['drawn_ms_median']:.0f}"


def kb(value) -> str:
    return "-" if value is None else f"{value / 1024:.1f}"


def print_header(header: str) -> None:
    print(header)
    print("-" * len(header))


def print_table(report: dict) -> None:
    print(f"\nBenchmark {report['label']} ({report['when']}, {report['machine']})")
    print(
        "\nServer: per interaction, sum over its callback requests; p95 over",
        report["calls"],
        "calls",
    )
    header = (
        f"{'size':>8} {'interaction':<11} {'req':>3} {'cold p50':>8} {'cold p95':>8} {'warm p95':>8} "
        f"{'floor p50':>9} {'ratio':>6} {'raw KB':>7} {'wire KB':>7} {'max resp KB':>11}"
    )
    print_header(header)
    for size in report["sizes"]:
        for name, cold in size["cold"].items():
            warm = size["warm"][name]
            floor = size["floor"][name]["ms_p50"]
            print(
                f"{size['interventions']:>8} {name:<11} {cold['requests_per_interaction']:>3} "
                f"{cold['server_ms_p50']:>8.1f} {cold['server_ms_p95']:>8.1f} "
                f"{warm['server_ms_p95']:>8.1f} {floor:>9.2f} "
                f"{cold['server_ms_p50'] / max(floor, 1e-6):>6.0f} "
                f"{kb(cold['raw_bytes_median']):>7} {kb(cold['wire_bytes_median']):>7} "
                f"{kb(cold['max_response_wire_bytes']):>11}"
            )
    print("\nPer callback (cold, ms p50 / p95, wire KB median), shipped data:")
    shipped = report["sizes"][0]
    for name, cold in shipped["cold"].items():
        parts = [
            f"{callback} {entry['ms_p50']:.1f}/{entry['ms_p95']:.1f} ms {kb(entry['wire_bytes_median'])} KB"
            for callback, entry in cold["callbacks"].items()
        ]
        print(f"  {name}: " + "; ".join(parts))
    print("\nStart-up and first load (headless Chromium, gunicorn, fresh profile; medians)")
    header = (
        f"{'size':>8} {'load s':>7} {'build s':>7} {'transfer KB':>11} {'decoded KB':>10} "
        f"{'map drawn ms':>12} {'console errors':>14}"
    )
    print_header(header)
    for size in report["sizes"]:
        first = size.get("first_load") or {}
        print(
            f"{size['interventions']:>8} {size['load_s']:>7.2f} {size['build_s']:>7.2f} "
            f"{kb(first.get('transfer_bytes_median')):>11} {kb(first.get('decoded_bytes_median')):>10} "
            f"{_drawn(first):>12} {len(first.get('console_errors', [])):>14}"
        )
    lsoa = report.get("lsoa")
    if lsoa:
        rendered = [run.get("rendered") for run in lsoa["runs"]]
        print(
            f"\nLSOA map (1,917 areas): drawn in {_drawn(lsoa)} ms, "
            f"transfer {kb(lsoa['transfer_bytes_median'])} KB, areas rendered {rendered}"
        )
    floor = report.get("map_floor")
    if floor:
        print(
            f"Floor: the region map alone on a page drawn in {_drawn(floor)} ms "
            f"(transfer {kb(floor['transfer_bytes_median'])} KB)"
        )
    shipped_force = (report["sizes"][0] if report["sizes"] else {}).get("force_load")
    if shipped_force:
        print(f"/force/gwent: map drawn in {_drawn(shipped_force)} ms")
    clicks = (report["sizes"][0] if report["sizes"] else {}).get("browser_interactions")
    if clicks:
        print(
            f"Click to panels: {_ms(clicks['click_to_panels_ms_median'])} ms median; "
            f"filter: {_ms(clicks['filter_ms_median'])} ms median"
        )
        if clicks.get("click_floor_ms_median"):
            print(
                f"  beside it, the click's floor (its figures applied through dash-renderer, "
                f"no request): {clicks['click_floor_ms_median']:.0f} ms median"
            )
    first = (report["sizes"][0] if report["sizes"] else {}).get("first_load") or {}
    if floor and floor.get("drawn_ms_median") and first.get("drawn_ms_median"):
        print(f"/ against the floor: {first['drawn_ms_median'] / floor['drawn_ms_median']:.2f}x")
    if floor and floor.get("drawn_ms_median") and (shipped_force or {}).get("drawn_ms_median"):
        ratio = shipped_force["drawn_ms_median"] / floor["drawn_ms_median"]
        print(f"/force/gwent against the floor: {ratio:.2f}x")
    print("\nTargets:", json.dumps(TARGETS))


def save(report: dict, *, partial: bool = False) -> Path:
    RESULTS.mkdir(exist_ok=True)
    stem = f"bench-{report['label']}-{report['started']}"
    out = RESULTS / (stem + (".partial.json" if partial else ".json"))
    out.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    if not partial:
        (RESULTS / f"{stem}.partial.json").unlink(missing_ok=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma list of shipped/N")
    parser.add_argument("--calls", type=int, default=200, help="calls per interaction (>= 200)")
    parser.add_argument("--browser-runs", type=int, default=3)
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--label", default="run")
    args = parser.parse_args(argv)
    report = {
        "label": args.label,
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "started": f"{dt.datetime.now():%Y%m%dT%H%M%S}",
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "calls": args.calls,
        "targets": TARGETS,
        "sizes": [],
    }
    with tempfile.TemporaryDirectory(prefix="vawdasv-bench-") as tmp:
        workdir = Path(tmp)
        for size in args.sizes.split(","):
            print(f"measuring {size} ...", flush=True)
            report["sizes"].append(measure_size(size.strip(), args, workdir))
            save(report, partial=True)
        if not args.skip_browser:
            print("measuring the LSOA map ...", flush=True)
            report["lsoa"] = measure_lsoa(args, workdir)
            if (ROOT / "bench" / "floor_map_app.py").is_file():
                print("measuring the floor: a page with only the map ...", flush=True)
                report["map_floor"] = measure_map_floor(args, workdir)
    out = save(report)
    print_table(report)
    print(f"\nJSON: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
