"""Data layer: schemas, loading, the build from ../shared, survey ingest. Imports only the base modules (config, i18n)."""
