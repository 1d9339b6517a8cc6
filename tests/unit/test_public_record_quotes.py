"""The verbatim test, offline, for the public record (issue 24): every quote of a fact, of a new
service and of its evidence, and of a wave link, is in the excerpt file of the page it cites (or
in the seed document it cites), whitespace collapsed. The excerpts are part of the repository,
so this needs no network. Run over the shipped ``data/public_record/`` when present and over the
test fixture in the same format."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from dashboard import config
from tests.support.waves import PUBLIC_RECORD_FIXTURE

FOLDERS = [PUBLIC_RECORD_FIXTURE]
if (config.DATA_DIR / "public_record").is_dir():
    FOLDERS.append(config.DATA_DIR / "public_record")
PAGE = re.compile(r"^public_record/([A-Za-z0-9][A-Za-z0-9._-]*)\.txt(?: § .+)?$")


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def excerpt(folder: Path, source_id: str) -> tuple[dict[str, str], str]:
    text = (folder / "excerpts" / f"{source_id}.txt").read_text(encoding="utf-8-sig")
    head, _separator, body = text.partition("\n---\n")
    headers = {
        key.strip().lower(): value.strip()
        for key, _colon, value in (line.partition(":") for line in head.splitlines())
    }
    return headers, collapse(body)


def seed_text(citation: str) -> str:
    return collapse(
        (config.SEEDS_DIR / citation.split(" § ", maxsplit=1)[0]).read_text(encoding="utf-8")
    )


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.parent.name)
def test_every_page_has_its_excerpt_with_its_own_address(folder):
    for page in rows(folder / "pages.csv"):
        headers, body = excerpt(folder, page["source_id"])
        assert headers["address"] == page["address"], page["source_id"]
        assert body, page["source_id"]


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.parent.name)
def test_every_quote_of_the_public_record_is_verbatim_in_its_excerpt(folder):
    cited = [(row["fact_id"], row["source_id"], row["quote"]) for row in rows(folder / "facts.csv")]
    for name, column in (("new_interventions.csv", "evidence"), ("new_evidence.csv", "quote")):
        for row in rows(folder / name):
            page = PAGE.match(row["source"])
            if page:
                cited.append((row["id"], page.group(1), row[column]))
    assert cited
    failures = [
        (what, source_id, quote[:60])
        for what, source_id, quote in cited
        if collapse(quote) not in excerpt(folder, source_id)[1]
    ]
    assert failures == []


@pytest.mark.skipif(
    not config.SEEDS_DIR.is_dir(), reason="../shared/seeds is not beside the repository"
)
@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.parent.name)
def test_seed_quotes_of_the_public_record_are_verbatim(folder):
    failures = [
        (row["id"], row["quote"][:60])
        for row in rows(folder / "new_evidence.csv")
        if not PAGE.match(row["source"]) and collapse(row["quote"]) not in seed_text(row["source"])
    ]
    assert failures == []


def test_every_wave_link_quote_is_verbatim_in_what_it_cites():
    record = config.DATA_DIR / "public_record"
    for row in rows(config.DATA_DIR / "wave_links.csv"):
        page = PAGE.match(row["source"])
        if page:
            assert collapse(row["quote"]) in excerpt(record, page.group(1))[1], row
        elif " § " in row["source"] and config.SEEDS_DIR.is_dir():
            assert collapse(row["quote"]) in seed_text(row["source"]), row
