"""Data layer: the vocabulary (every allowed value), schemas, reading and loading, the build from
``../shared`` and survey ingest. Imports only the base modules (config, i18n)."""
