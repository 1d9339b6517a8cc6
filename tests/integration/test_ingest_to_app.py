"""The ingest command's output is a directory the dashboard can load and show."""

from __future__ import annotations

from dashboard import config
from dashboard.data import ingest
from dashboard.data.loader import load_bundle
from dashboard.domain.context import build_context

FIXTURE = config.PROJECT_ROOT / "tests" / "fixtures" / "messy_survey.csv"


def test_ingested_returns_load_into_the_dashboard(tmp_path):
    out = tmp_path / "directory.csv"
    assert ingest.main([str(FIXTURE), "--out", str(out)]) == 0
    bundle = load_bundle(config.DATA_DIR, out)
    context = build_context(bundle)
    assert context.directory.size == len(bundle.interventions) > 0
    assert bundle.interventions_source == "directory.csv"
