"""Set one Welsh translation from the command line, marked as drafted for review.

python scripts/set_translation.py "English msgid" "Welsh msgstr"
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

# Run as a script, the project root is not on the path: put it there (as scripts/screenshot.py does).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from dashboard import catalogue


def main() -> int:
    message_id, welsh = sys.argv[1], sys.argv[2]
    path = catalogue.po_path("cy")
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="cy")
    message = catalog.get(message_id)
    if message is None:
        print(
            f"no such message: {message_id!r}; run python -m dashboard.catalogue update",
            file=sys.stderr,
        )
        return 1
    message.string = welsh
    message.user_comments = ["drafted: needs review by a professional translator"]
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
