"""Area names and slugs shared by the build, the loader and the URL routes."""

from __future__ import annotations

import re
import unicodedata


def slugify(name: str) -> str:
    """``"Cardiff and Vale"`` -> ``"cardiff-and-vale"``; accents dropped, only ``[a-z0-9-]``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
