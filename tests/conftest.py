"""Shared fixtures (the real built data, a six-row directory whose counts are known by hand) and
the session's set-up: hermetic caches, Chromium for dash_duo, an optional reversed order.

Every run is hermetic: the compressed-file cache and hypothesis's files live in a temporary folder
made for the session (never ``.cache/`` or ``.hypothesis/`` in the repository), and variables that
would point the app at other data or a shared Redis are removed, so a fresh clone passes exactly
as a well-used one does, in any order (pytest-randomly shuffles it; ``VAWDASV_REVERSE_TESTS=1``
with ``-p no:randomly`` runs it backwards).

The tests run in two processes at once (pytest-xdist, ``-n 2`` in pyproject.toml; ``-n 0`` runs
them in this one). The run's scratch folder is made once, by the process that starts the others,
and shared: the bundles compressed at the best level are made once for the run. Each process has
its own hypothesis folder in it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

from dashboard import config
from dashboard.data.loader import load_interventions, load_lookup
from dashboard.domain.model import build_directory
from tests.support import workers
from tests.support.reference import AS_OF, MINI_CSV

#: Where the compressed copies of static files are kept (``dashboard/web``; README, Production).
CACHE_DIR_ENV = "VAWDASV_CACHE_DIR"
#: Variables a developer may have set that would make a run depend on more than the checkout.
OUTSIDE_STATE_ENV = ("REDIS_URL", config.INTERVENTIONS_ENV)
#: Where hypothesis keeps its files (by default ``.hypothesis/`` in the working directory).
HYPOTHESIS_DIR_ENV = "HYPOTHESIS_STORAGE_DIRECTORY"
REVERSE_ENV = "VAWDASV_REVERSE_TESTS"
SCRATCH = pytest.StashKey[Path]()
#: Whether this process made the scratch folder (and so removes it at the end).
MADE_SCRATCH = pytest.StashKey[bool]()
#: The key under which the starting process hands the scratch folder to the test processes.
SCRATCH_INPUT = "vawdasv_scratch"


def _header_without_deprecation(self, name, default=None):
    return self.headers.get(name, default)


def quiet_selenium_header_reads() -> None:
    """selenium 4.2 (pinned by dash[testing]) reads each answer's headers with urllib3 1.26's
    deprecated ``HTTPResponse.getheader``, which warns on every call. pyproject's filter ignores
    the warning, but only while the test thread's filters are in place: ``catch_warnings`` is
    not thread-safe, and the app's server threads (plotly, pandas) enter and leave it, putting
    back the process's filters of a moment before, so a few of thousands of calls warned anyway
    (0 to 4 per run, in different tests). The same read, without the deprecated method."""
    from urllib3.response import HTTPResponse

    HTTPResponse.getheader = _header_without_deprecation


def pytest_configure(config):
    quiet_selenium_header_reads()
    handed = getattr(config, "workerinput", {}).get(SCRATCH_INPUT)
    scratch = Path(tempfile.mkdtemp(prefix="vawdasv-tests-") if handed is None else handed)
    config.stash[SCRATCH] = scratch
    config.stash[MADE_SCRATCH] = handed is None
    # Set in the environment, so the gunicorn servers the tests start use the same folder.
    os.environ[CACHE_DIR_ENV] = str(scratch / "compressed")
    for name in OUTSIDE_STATE_ENV:
        os.environ.pop(name, None)
    # No example database, and hypothesis's other files (e.g. its constants cache) in scratch.
    process = getattr(config, "workerinput", {}).get("workerid", "main")
    os.environ[HYPOTHESIS_DIR_ENV] = str(scratch / "hypothesis" / process)
    settings.register_profile("hermetic", database=None)
    settings.load_profile("hermetic")


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """pytest-xdist: each test process gets the run's scratch folder."""
    node.workerinput[SCRATCH_INPUT] = str(node.config.stash[SCRATCH])


def pytest_unconfigure(config):
    if config.stash.get(MADE_SCRATCH, False):
        shutil.rmtree(config.stash[SCRATCH], ignore_errors=True)


@pytest.fixture(scope="session")
def scratch(pytestconfig) -> Path:
    """The run's scratch folder, shared by its test processes."""
    return pytestconfig.stash[SCRATCH]


#: Fixtures of these scopes are made once for the tests that share them: those tests are one unit
#: of work for pytest-xdist, which one process runs (tests/support/workers.py).
SHARED_SCOPES = frozenset({"package", "module", "class"})


def shares_a_fixture(item: pytest.Item) -> bool:
    """Whether ``item`` uses a fixture of a :data:`SHARED_SCOPES` scope."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    return any(defs[-1].scope in SHARED_SCOPES for defs in info.name2fixturedefs.values() if defs)


def pytest_collection_modifyitems(config, items):
    """In a test process of pytest-xdist: tell the scheduler which tests share a module's (or a
    class's) fixture, one unit of work per module.

    ``VAWDASV_REVERSE_TESTS=1`` (with ``-p no:randomly``): run the tests in reversed order (three
    lines here rather than the pytest-reverse plugin: one dependency fewer to pin).
    """
    if hasattr(config, "workerinput"):
        units = {
            item.nodeid: item.nodeid.split("::")[0] for item in items if shares_a_fixture(item)
        }
        workers.write_units(config.stash[SCRATCH], units)
    if os.environ.get(REVERSE_ENV) == "1":
        items.reverse()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Tests sharing a module's fixture are one unit of work; every other test its own."""
    if config.getvalue("dist") == "load":
        return workers.SharedFixtureScheduling(config, log, config.stash[SCRATCH])
    return None


def pytest_terminal_summary(terminalreporter, config):
    """The shuffled order's seed, also under ``-q`` (which hides pytest-randomly's header)."""
    seed = getattr(config.option, "randomly_seed", None)
    if seed is not None:
        terminalreporter.write_line(f"test order: --randomly-seed={seed}")


@pytest.fixture(scope="session")
def lookup():
    return load_lookup(config.GEOGRAPHY_DIR / "la_lookup.csv")


@pytest.fixture(scope="session")
def mini_frame(lookup):
    return load_interventions(MINI_CSV, lookup)


@pytest.fixture(scope="session")
def mini_directory(mini_frame, lookup):
    return build_directory(mini_frame, lookup, as_of=AS_OF)


def pytest_setup_options():
    """Chromium options for dash_duo (which adds ``--headless`` itself)."""
    from tools.browser import chromium_options

    return chromium_options(logs=("browser", "performance"))


@pytest.fixture(scope="session")
def real_context():
    from dashboard.data.loader import load_bundle
    from dashboard.domain.context import build_context

    return build_context(load_bundle(config.DATA_DIR), as_of=AS_OF)


@pytest.fixture(scope="session")
def mini_data_dir(tmp_path_factory):
    """A data folder with the real geography and survey files and the six-row directory."""
    import shutil

    folder = tmp_path_factory.mktemp("mini-data")
    shutil.copytree(config.GEOGRAPHY_DIR, folder / "geography")
    for name in (
        "criminal_justice.csv",
        "survey_2023_published.csv",
        "survey_2023_recommendations.csv",
    ):
        shutil.copy(config.DATA_DIR / name, folder / name)
    shutil.copy(MINI_CSV, folder / "interventions.csv")
    # The fixture's sources cover its areas alike (issue 21): its maps compare them.
    shutil.copy(MINI_CSV.parent / "mini_source_scopes.csv", folder / "source_scopes.csv")
    return folder


@pytest.fixture(scope="session")
def mini_context(mini_data_dir):
    from dashboard.data.loader import load_bundle
    from dashboard.domain.context import build_context

    return build_context(load_bundle(mini_data_dir), as_of=AS_OF)
