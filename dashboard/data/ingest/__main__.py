"""``python -m dashboard.data.ingest``: run the command line."""

from dashboard.data.ingest.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
