"""The one error the ingest command reports to people instead of a traceback."""

from __future__ import annotations


class InputError(Exception):
    """INPUT cannot be read as a survey export. The message is one line, for people."""
