"""The public record's pages as the directory's sources and source scopes: each page cited
like a seed document (publisher, year, title), each one's scope "named in passing" (a page
lists no area's services). Used by the public record's wave (:mod:`dashboard.domain.waves`).
"""

from __future__ import annotations

import pandas as pd

from dashboard.data import vocabulary as vocab
from dashboard.data.public_record import PublicRecord, citation_of


def page_sources(record: PublicRecord) -> pd.DataFrame:
    """The public record's pages as ``sources.csv`` rows (their citations read like the seeds')."""
    pages = record.pages
    published = pages["published"].where(pages["published"] != vocab.UNKNOWN, pages["read"])
    return pd.DataFrame(
        {
            "file": pages["source_id"].map(citation_of),
            "short_title": pages["publisher"],
            "title": pages["title"],
            "publisher": pages["publisher"],
            "year": published.str[:4],
            "url": pages["address"],
            vocab.SOURCE_PUBLISHED: published,
        }
    ).astype(str)


def page_scopes(record: PublicRecord) -> pd.DataFrame:
    """Each page's scope: named in passing (a page lists no area's services), as at its date."""
    sources = page_sources(record)
    return pd.DataFrame(
        {
            "id": "public-record-" + record.pages["source_id"].str.lower(),
            "file": sources["file"],
            "enumerates": "services named in passing",
            "kinds": "",
            "behaviours": "",
            "depth": vocab.NAMED_IN_PASSING,
            "level": "wales",
            "areas": vocab.ALL_WALES,
            "as_at": sources[vocab.SOURCE_PUBLISHED],
            "exhaustive": "no",
            "listing": "",
            "listing_field": "",
            "source": sources["file"],
            "quote": "",
            "note": record.pages["note"],
        },
        columns=list(vocab.SCOPE_COLUMNS),
    ).astype(str)
