"""Golden files: what the app serves at a chosen set of URLs, kept in ``tests/golden/`` and
compared with what it serves now (``tests/integration/test_golden_outputs.py``), so a refactor
that was meant to change nothing shows that it changed nothing.

What is kept (sizes and the list of URLs in ``tests/golden/README.md``):

* ``csv/<name>.csv``: every CSV download, byte for byte, at its default settings in English and
  in Welsh, and some with settings (an area, a filter, another wave, another level or measure,
  ended and planned services included, a comparison of sources);
* ``html/<name>.txt``: the overview's report, a force area's and a region's profile report, each
  in English and Welsh, one report with settings, and the presenter's offline deck, each in the
  normal form of :mod:`tests.support.golden_html` (a hash of the whole page, then its markup and
  text line by line, and a hash per chart trace and layout);
* ``xlsx/<name>.txt``: the survey template's files (each part of the workbook hashed);
* ``responses.txt``: for every URL above and for the addresses that the README, the docs and
  earlier tests gave out (query-string links, ``/force/<slug>``, ``/region/<slug>``,
  ``?lang=cy``, the report and deck links, an address that must stay a 404): its status, type,
  file name and redirect, and for a page of the dashboard the page, language and tab title the
  router gives it.

Held still while the goldens are made and compared: the clock, at :data:`INSTANT`
(:mod:`tests.support.frozen_clock`: the reports say when they were generated, and the funding
horizons, a profile's "ending within 12 months" and the deck's precarity slide count from today),
and the data's reference date (the context is built with ``as_of`` = :data:`AS_OF`, as the
tests' ``real_context``). Normalised: only plotly's random chart ids, in the HTML normal form.

Regenerating is a deliberate act, never done by the tests::

    .venv/bin/python -m tests.support.golden            # compare, print the differences
    .venv/bin/python -m tests.support.golden --update   # write tests/golden/ anew

Then read ``git diff tests/golden`` before committing: every line that changed is a change that
users see.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import hashlib
import io
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from bench.dashclient import Session, flask_transport
from tests.support.frozen_clock import frozen_clock
from tests.support.golden_html import normal_form
from tests.support.reference import AS_OF

GOLDEN_DIR: Final = Path(__file__).resolve().parent.parent / "golden"
RESPONSES: Final = GOLDEN_DIR / "responses.txt"
#: The instant the app's clock reads while goldens are made and compared: the tests' reference
#: date, at noon.
INSTANT: Final = dt.datetime.combine(AS_OF, dt.time(12, 0))
#: The committed goldens stay under this (bytes): small enough to read in a diff.
SIZE_BUDGET: Final = 1_500_000
#: Each kind of golden: its folder and its file extension.
EXTENSIONS: Final = {"csv": "csv", "html": "txt", "xlsx": "txt"}

#: Every CSV download, by page: written out here, not read from the app, so that a download
#: that a change loses is missed here (tests/integration/test_golden_outputs.py checks the list
#: against the app's own).
CSV_PANELS: Final = {
    "overview": (
        "map",
        "list",
        "behaviour",
        "evidence",
        "precarity",
        "funding-end",
        "risk",
        "purpose",
        "tier",
        "sector",
    ),
    "gaps": ("behaviour", "tier", "risk"),
    "need": ("indicators", "secondary"),
    "funding": ("timeline", "horizons", "classes"),
    "scorecard": ("minimum-offer",),
    "directory": ("interventions",),
}
#: Downloads with settings: (name, page, panel, query).
CSV_WITH_SETTINGS: Final = (
    ("force-per-100k", "overview", "map", "level=force&metric=per_100k"),
    ("la-all-statuses.cy", "overview", "map", "level=la&provision=all&lang=cy"),
    ("review-2020-force", "overview", "map", "wave=review-2020&level=force"),
    ("compare-policing-2023", "overview", "map", "level=force&compare=policing-2023"),
    ("force-stalking", "overview", "behaviour", "level=force&behaviour_focus=stalking"),
    ("gwent-all-statuses", "overview", "list", "level=force&area=gwent&provision=all"),
    (
        "police-health-high-risk.cy",
        "overview",
        "list",
        "lang=cy&sector=police,health&risk_level=high",
    ),
    ("cardiff-all-wales", "overview", "tier", "level=la&area=cardiff&all_wales=1"),
    ("documents-2023-all-statuses", "overview", "precarity", "wave=documents-2023&provision=all"),
    ("force", "gaps", "risk", "level=force"),
    ("region-all-statuses.cy", "gaps", "behaviour", "level=region&provision=all&lang=cy"),
    ("force-all-wales", "scorecard", "minimum-offer", "level=force&all_wales=1"),
    ("force.cy", "scorecard", "minimum-offer", "level=force&lang=cy"),
    ("all-statuses", "funding", "timeline", "provision=all"),
    ("all-statuses", "need", "indicators", "provision=all"),
    ("review-2020", "directory", "interventions", "wave=review-2020"),
)
#: The reports and the deck: (name, URL).
HTML_PAGES: Final = (
    ("report", "/report"),
    ("report.cy", "/report?lang=cy"),
    ("report-gwent-per-100k", "/report?level=force&area=gwent&metric=per_100k"),
    ("report-force-gwent", "/report/force/gwent"),
    ("report-force-gwent.cy", "/report/force/gwent?lang=cy"),
    ("report-region-cardiff-and-vale", "/report/region/cardiff-and-vale"),
    ("report-region-cardiff-and-vale.cy", "/report/region/cardiff-and-vale?lang=cy"),
    ("deck", "/present/deck.html"),
)
XLSX_FILES: Final = (
    ("survey-template", "/download/survey-template.xlsx"),
    ("survey-template.cy", "/download/survey-template.xlsx?lang=cy"),
)
#: Addresses given out before (README, docs/, earlier tests) that must still answer as they do:
#: the dashboard's pages (routed: which page, language and title) ...
OLD_PAGE_URLS: Final = (
    "/",
    "/?lang=cy",
    "/?area=gwent",
    "/?level=force&area=gwent",
    "/?level=la&metric=per_100k",
    "/?level=force&compare=policing-2023",
    "/?level=force&wave=review-2020",
    "/?provision=all",
    "/?behaviour_focus=stalking",
    "/?lang=cy&sector=police,health&risk_level=high",
    "/force/gwent",
    "/force/gwent?lang=cy",
    "/force/south-wales",
    "/region/cardiff-and-vale",
    "/region/cardiff-and-vale?lang=cy",
    "/gaps",
    "/gaps?level=force",
    "/scorecard",
    "/scorecard?lang=cy&level=force",
    "/scorecard?level=force&all_wales=1",
    "/need",
    "/funding",
    "/funding?provision=all",
    "/directory",
    "/directory?lang=cy",
    "/changes",
    "/changes?from=review-2020&to=documents-2023&level=force",
    "/present",
    "/gaps/extra",
)
#: ... and the files and routes beside them (status, type, file name).
OLD_FILE_URLS: Final = (
    "/report?level=force&area=gwent",
    "/report?level=la&metric=per_100k",
    "/report/region/atlantis?metric=bogus",
    "/present/deck.html?lang=cy",
    "/download/overview/map.csv?level=moon",
    "/download/overview/nothing.csv",
    "/download/gaps/risk.csv?level=la",
    "/geometry/region.geojson",
    "/geometry/force.geojson",
    "/geometry/la.geojson",
)


@dataclass(frozen=True)
class Golden:
    """One kept output: its name (the file's), its URL and its kind (``csv``, ``html``,
    ``xlsx``)."""

    name: str
    url: str
    kind: str

    @property
    def path(self) -> Path:
        return GOLDEN_DIR / self.kind / f"{self.name}.{EXTENSIONS[self.kind]}"


def goldens() -> tuple[Golden, ...]:
    """Every kept output, in a fixed order."""
    found = []
    for page, panels in CSV_PANELS.items():
        for panel in panels:
            url = f"/download/{page}/{panel}.csv"
            found += [Golden(f"{page}-{panel}", url, "csv")]
            found += [Golden(f"{page}-{panel}.cy", url + "?lang=cy", "csv")]
    for name, page, panel, query in CSV_WITH_SETTINGS:
        found.append(
            Golden(f"{page}-{panel}.{name}", f"/download/{page}/{panel}.csv?{query}", "csv")
        )
    found += [Golden(name, url, "html") for name, url in HTML_PAGES]
    found += [Golden(name, url, "xlsx") for name, url in XLSX_FILES]
    return tuple(found)


def old_urls() -> tuple[str, ...]:
    """The addresses given out before, pages first."""
    return OLD_PAGE_URLS + OLD_FILE_URLS


def response_urls() -> tuple[str, ...]:
    """Every URL whose response is described in ``responses.txt``, in its order."""
    return tuple(golden.url for golden in goldens()) + old_urls()


# -- what the app serves ---------------------------------------------------------------------------


def output(client, golden: Golden) -> tuple[str, bytes]:
    """What ``golden``'s URL serves now: its line of ``responses.txt`` and its body in its kept
    form (the clock held at :data:`INSTANT`)."""
    with frozen_clock(INSTANT):
        response = client.get(golden.url)
    if response.status_code != 200:
        raise AssertionError(f"{golden.url} answered {response.status_code}, not 200")
    body = response.get_data()
    if golden.kind == "html":
        body = normal_form(body.decode("utf-8")).encode("utf-8")
    elif golden.kind == "xlsx":
        body = workbook_form(body).encode("utf-8")
    return describe(response), body


def workbook_form(content: bytes) -> str:
    """An .xlsx file as text: its hash, then each part's name, size and hash."""
    lines = [f"file sha256 {hashlib.sha256(content).hexdigest()} ({len(content)} bytes)"]
    with zipfile.ZipFile(io.BytesIO(content)) as workbook:
        for part in workbook.infolist():
            data = workbook.read(part)
            lines.append(
                f"{part.filename} {len(data)} bytes sha256 {hashlib.sha256(data).hexdigest()}"
            )
    return "\n".join(lines) + "\n"


def describe(response) -> str:
    """A response in one line: status, type, file name and redirect."""
    parts = [str(response.status_code), response.mimetype or "-"]
    if response.headers.get("Content-Disposition"):
        parts.append(response.headers["Content-Disposition"])
    if response.location:
        parts.append(f"location={response.location}")
    return " | ".join(parts)


def response_line(client, url: str) -> str:
    """How an old address answers now, in one line (:func:`describe`); for a page of the
    dashboard, also the page the router draws (:func:`routed`)."""
    with frozen_clock(INSTANT):
        line = describe(client.get(url))
        if url in OLD_PAGE_URLS:
            line += " | " + routed(client, url)
    return line


def routed(client, url: str) -> str:
    """The page the router draws at ``url``, its language, tab title and, for a page with a view
    (the overview), the view's key: its canonical URL (the router's callback, in the first round
    of callbacks dash-renderer runs on opening the address)."""
    session = Session(*flask_transport(client, accept_encoding="identity"), max_rounds=1)
    calls = session.open(url)
    failed = [call.output for call in calls if call.status != 200]
    props = session.props
    return (
        f"page={props.get(('shell-page-kind', 'data'))} lang={props.get(('shell-lang', 'data'))} "
        f"title={props.get(('shell-page-title', 'data'))!r}"
        + (f" view={props[('ov-view-key', 'data')]}" if props.get(("ov-view-key", "data")) else "")
        + (f" failed={failed}" if failed else "")
    )


def read_responses(path: Path = RESPONSES) -> dict[str, str]:
    """``responses.txt``: URL -> its line (``<url>\\t<response>``)."""
    if not path.exists():
        return {}
    rows = (line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines())
    return {row[0]: row[1] for row in rows if len(row) == 2}


# -- comparing ------------------------------------------------------------------------------------


def difference(expected: bytes | None, actual: bytes, label: str, context: int = 3) -> str | None:
    """None when equal; else a unified diff of ``label`` (kept -> now) and how to update."""
    if expected == actual:
        return None
    if expected is None:
        return f"{label}: no golden file; make it with `python -m tests.support.golden --update`"
    old = expected.decode("utf-8", "replace").splitlines(keepends=True)
    new = actual.decode("utf-8", "replace").splitlines(keepends=True)
    diff = "".join(difflib.unified_diff(old, new, f"{label} (golden)", f"{label} (now)", n=context))
    if not diff:  # the same lines: line endings or a final newline differ
        diff = f"same lines, different bytes ({len(expected)} -> {len(actual)} bytes)\n"
    return (
        f"{label} changed:\n{diff}\nIf the change is meant, regenerate with "
        "`python -m tests.support.golden --update` and read `git diff tests/golden`."
    )


def kept(golden: Golden) -> bytes | None:
    return golden.path.read_bytes() if golden.path.exists() else None


def stale_files() -> list[Path]:
    """Files under tests/golden/<kind>/ that no golden names."""
    wanted = {golden.path for golden in goldens()}
    return sorted(
        path
        for kind in EXTENSIONS
        for path in (GOLDEN_DIR / kind).glob("*")
        if path.is_file() and path not in wanted
    )


def committed_size() -> int:
    """Bytes of every golden file (the README included)."""
    return sum(path.stat().st_size for path in GOLDEN_DIR.rglob("*") if path.is_file())


# -- the command ----------------------------------------------------------------------------------


def all_outputs(client) -> Iterator[tuple[Path, bytes]]:
    """Every golden file as the app makes it now, ``responses.txt`` last."""
    lines = []
    for golden in goldens():
        line, body = output(client, golden)
        lines.append(f"{golden.url}\t{line}\n")
        yield golden.path, body
    lines += [f"{url}\t{response_line(client, url)}\n" for url in old_urls()]
    yield RESPONSES, "".join(lines).encode("utf-8")


def app_client():
    """A test client of the app on the shipped data, built as the tests' ``real_context``."""
    from app import create_app
    from dashboard import config
    from dashboard.data.loader import load_bundle
    from dashboard.domain.context import build_context

    context = build_context(load_bundle(config.DATA_DIR), as_of=AS_OF)
    return create_app(context).server.test_client()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.golden", description=__doc__)
    parser.add_argument("--update", action="store_true", help="write tests/golden/ anew")
    update = parser.parse_args(argv).update
    client = app_client()
    changed = 0
    for path, content in all_outputs(client):
        label = str(path.relative_to(GOLDEN_DIR))
        problem = difference(path.read_bytes() if path.exists() else None, content, label)
        if problem is None:
            continue
        changed += 1
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            print(f"wrote {label}")
        else:
            print(problem)
    for path in stale_files():
        changed += 1
        if update:
            path.unlink()
            print(f"removed {path.relative_to(GOLDEN_DIR)}")
        else:
            print(f"{path.relative_to(GOLDEN_DIR)}: no golden names it (--update removes it)")
    print(
        f"{len(goldens())} golden files, {len(response_urls())} URLs in responses.txt, "
        f"{committed_size():,} bytes; {changed} {'updated' if update else 'differ'}"
    )
    return 0 if update or changed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
