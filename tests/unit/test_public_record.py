"""The public record since the five documents (issue 24): data/public_record/.

Every fact traces to a stored public page: a pages.csv row, an excerpt file whose header repeats
that row, and a quote found word for word in the excerpts. The checks here are the rules of
data/public_record/README.md, one test each.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard import config
from dashboard.data import column_registry, schema_checks, schemas
from dashboard.data import vocabulary as vocab

RECORD = config.DATA_DIR / "public_record"
EXCERPTS = RECORD / "excerpts"
#: The day the stored copies were read: no fact can describe a later day.
READ = dt.date(2026, 12, 7)

PAGE_COLUMNS = [
    "source_id",
    "address",
    "publisher",
    "title",
    "published",
    "read",
    "kind",
    "scope",
    "note",
]
FACT_COLUMNS = [
    "fact_id",
    "intervention_id",
    "finding",
    "field",
    "value",
    "describes",
    "source_id",
    "quote",
    "note",
]
DECISION_COLUMNS = [
    "intervention_id",
    "name",
    "latest_fact_before",
    "decision",
    "latest_public_date",
    "fact_ids",
    "searched",
]
HEADER_FIELDS = ("address", "publisher", "title", "published", "read")
FINDINGS = {"confirmed", "changed", "ended", "new", "planned"}
DECISIONS = {"confirmed", "changed", "ended", "no later public record found", "new"}
CURRENT = {"active", "pilot", "planned"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FINANCIAL_YEAR = re.compile(r"^\d{4}-\d{2}$")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"(?:\+44\s?|\b0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b")


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(RECORD / name, dtype=str, keep_default_na=False)


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def split_excerpt(path: Path) -> tuple[dict[str, str], str]:
    """Header fields and the text after the '---' line of one excerpt file."""
    head, sep, body = path.read_text(encoding="utf-8").partition("\n---\n")
    assert sep, f"{path.name}: no '---' line after the header"
    header = dict(line.split(": ", 1) for line in head.splitlines())
    return header, body


def stated_date(value: str) -> dt.date | None:
    """First day of a YYYY, YYYY-MM or YYYY-MM-DD date that exists in the calendar, else None."""
    formats = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}
    if len(value) not in formats or not re.fullmatch(r"\d{4}(-\d{2}){0,2}", value):
        return None
    try:
        return dt.datetime.strptime(value, formats[len(value)]).date()
    except ValueError:
        return None


def _record_file(name: str):
    """A module fixture reading one file of data/public_record as text."""

    @pytest.fixture(scope="module")
    def fixture() -> pd.DataFrame:
        return read(name)

    return fixture


pages = _record_file("pages.csv")
facts = _record_file("facts.csv")
decisions = _record_file("decisions.csv")
new_rows = _record_file("new_interventions.csv")
new_evidence = _record_file("new_evidence.csv")


@pytest.fixture(scope="module")
def directory() -> pd.DataFrame:
    return pd.read_csv(config.DATA_DIR / "interventions.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def la_codes() -> frozenset[str]:
    lookup = pd.read_csv(config.DATA_DIR / "geography" / "la_lookup.csv", dtype=str)
    return frozenset(lookup["la_code"])


@pytest.fixture(scope="module")
def bodies(pages) -> dict[str, str]:
    """source_id -> the collapsed excerpt text after '---'."""
    return {sid: collapse(split_excerpt(EXCERPTS / f"{sid}.txt")[1]) for sid in pages["source_id"]}


def test_every_file_has_exactly_its_columns(pages, facts, decisions, new_rows, new_evidence):
    assert list(pages.columns) == PAGE_COLUMNS
    assert list(facts.columns) == FACT_COLUMNS
    assert list(decisions.columns) == DECISION_COLUMNS
    assert list(new_rows.columns) == list(column_registry.file_columns())
    assert list(new_evidence.columns) == list(vocab.EVIDENCE_COLUMNS)


def test_ids_are_slugs_and_unique(pages, facts, decisions, new_rows):
    for frame, column in ((pages, "source_id"), (facts, "fact_id"), (new_rows, "id")):
        assert frame[column].map(lambda s: bool(SLUG.match(s))).all(), column
        assert frame[column].is_unique, column
    assert decisions["intervention_id"].is_unique


def test_every_source_has_a_page_row_and_an_excerpt_file_whose_header_is_that_row(pages, facts):
    files = {path.stem for path in EXCERPTS.glob("*.txt")}
    assert files == set(pages["source_id"]), "one excerpt file per pages.csv row, no others"
    assert set(facts["source_id"]) <= set(pages["source_id"])
    for row in pages.itertuples(index=False):
        header, body = split_excerpt(EXCERPTS / f"{row.source_id}.txt")
        assert header == {field: getattr(row, field) for field in HEADER_FIELDS}, row.source_id
        assert body.strip(), row.source_id


def test_pages_use_their_vocabulary(pages):
    assert set(pages["kind"]) <= {"primary", "secondary"}
    assert set(pages["scope"]) <= {"named in passing", "listed"}
    listed = pages[pages["scope"] == "listed"]
    assert listed["note"].str.contains("“|\"|'").all(), "a 'listed' scope quotes the page saying so"
    assert pages["address"].str.match(r"^https?://").all()


def test_every_fact_quote_is_verbatim_in_its_excerpts(facts, bodies):
    missing = [
        (row.fact_id, row.quote[:60])
        for row in facts.itertuples(index=False)
        if not row.quote.strip() or collapse(row.quote) not in bodies[row.source_id]
    ]
    assert missing == []
    assert facts["quote"].str.len().le(schema_checks.MAX_QUOTE).all()


def test_new_rows_and_their_evidence_quote_the_excerpts_they_cite(new_rows, new_evidence, bodies):
    def cited(source: str) -> str:
        match = re.fullmatch(r"public_record/([a-z0-9-]+)\.txt § .+", source)
        assert match, f"{source!r} is not 'public_record/<source_id>.txt § <section>'"
        return match.group(1)

    for row in new_rows.itertuples(index=False):
        assert collapse(row.evidence) in bodies[cited(row.source)], row.id
    for row in new_evidence.itertuples(index=False):
        assert collapse(row.quote) in bodies[cited(row.source)], (row.id, row.quote[:60])


def test_dates_are_real_and_not_after_the_reading(pages, facts, new_rows, decisions):
    cells = [
        *(("pages.published", v) for v in pages["published"]),
        *(("pages.read", v) for v in pages["read"]),
        *(("facts.describes", v) for v in facts["describes"]),
        *(("new.status_date", v) for v in new_rows["status_date"]),
        *(("new.last_verified", v) for v in new_rows["last_verified"]),
        *(("decisions.latest_public_date", v) for v in decisions["latest_public_date"] if v),
    ]
    wrong = [(where, value) for where, value in cells if not (d := stated_date(value)) or d > READ]
    assert wrong == []
    assert set(pages["read"]) == {READ.isoformat()}


def test_only_a_plan_describes_a_day_after_its_page(facts, pages):
    """A page can announce what will happen; anything else it states has happened by then."""
    published = dict(zip(pages["source_id"], pages["published"], strict=True))
    later = [
        row.fact_id
        for row in facts.itertuples(index=False)
        if row.finding != "planned"
        and stated_date(row.describes) > stated_date(published[row.source_id])
    ]
    assert later == []


def _value_allowed(field: str, value: str, la_codes: frozenset[str]) -> bool:
    if field in column_registry.list_columns():
        items = vocab.split_list(value)
        return bool(items) and set(items) <= set(column_registry.list_columns()[field])
    if field in column_registry.single_columns():
        return value in column_registry.single_columns()[field]
    if field == "local_authorities":
        items = vocab.split_list(value)
        return bool(items) and set(items) <= la_codes
    if field == "funding_end":
        return value == vocab.UNKNOWN or bool(FINANCIAL_YEAR.match(value))
    if field == "exists":
        return value == "yes"
    return field in {"provider", "name"} and bool(value.strip())


def test_facts_use_the_directory_vocabulary(facts, la_codes):
    fields = {
        *column_registry.list_columns(),
        *column_registry.single_columns(),
        "local_authorities",
        "funding_end",
    }
    fields |= {"provider", "name", "exists"}
    assert set(facts["finding"]) <= FINDINGS
    assert set(facts["field"]) <= fields
    wrong = [
        (row.fact_id, row.field, row.value)
        for row in facts.itertuples(index=False)
        if not _value_allowed(row.field, row.value, la_codes)
    ]
    assert wrong == []


def test_new_findings_are_exactly_the_services_the_directory_lacks(facts, new_rows, directory):
    known, new = set(directory["id"]), set(new_rows["id"])
    assert not known & new, "a new service must not reuse a directory id"
    assert set(facts["intervention_id"]) <= known | new
    is_new = facts["finding"] == "new"
    assert set(facts.loc[is_new, "intervention_id"]) == new
    assert set(facts.loc[~is_new, "intervention_id"]) <= known
    exists = facts[facts["field"] == "exists"]
    assert set(exists["intervention_id"]) == new, "each new service has one 'exists' fact"


def test_new_rows_pass_the_directory_schema(new_rows, la_codes):
    schemas.interventions_schema(la_codes, today=READ).validate(new_rows, lazy=True)
    assert set(new_rows["last_verified"]) == {READ.isoformat()}


def test_every_stated_value_of_a_new_row_has_a_quote(new_rows, new_evidence):
    assert set(new_evidence["id"]) <= set(new_rows["id"])
    fields = {item for cell in new_evidence["fields"] for item in vocab.split_list(cell)}
    assert fields <= set(column_registry.file_columns())
    named = {
        (row.id, field)
        for row in new_evidence.itertuples(index=False)
        for field in vocab.split_list(row.fields)
    }
    unquoted = [
        (row["id"], column, row[column])
        for _, row in new_rows.iterrows()
        for column in column_registry.evidenced_columns()
        if row[column] not in vocab.NOT_STATED and (row["id"], column) not in named
    ]
    assert unquoted == []


def test_new_rows_status_date_is_their_latest_fact(new_rows, facts):
    for row in new_rows.itertuples(index=False):
        dates = facts.loc[facts["intervention_id"] == row.id, "describes"]
        assert row.status_date == max(dates, key=stated_date), row.id


def test_every_current_planned_and_pilot_service_and_every_new_one_has_a_decision(
    decisions, directory, new_rows
):
    required = set(directory.loc[directory["status"].isin(CURRENT), "id"])
    assert required <= set(decisions["intervention_id"])
    assert set(decisions["intervention_id"]) <= set(directory["id"]) | set(new_rows["id"])
    assert set(decisions["decision"]) <= DECISIONS
    new = decisions[decisions["decision"] == "new"]
    assert set(new["intervention_id"]) == set(new_rows["id"])
    assert decisions["searched"].str.strip().ne("").all(), "every decision says what was searched"


def test_decisions_follow_the_facts(decisions, facts, directory):
    status_date = dict(zip(directory["id"], directory["status_date"], strict=True))
    for row in decisions.itertuples(index=False):
        own = facts[facts["intervention_id"] == row.intervention_id]
        assert set(vocab.split_list(row.fact_ids)) == set(own["fact_id"]), row.intervention_id
        if row.decision == "new":
            continue
        assert row.latest_fact_before == status_date[row.intervention_id]
        before = stated_date(row.latest_fact_before)
        newer = {
            f.finding for f in own.itertuples(index=False) if stated_date(f.describes) > before
        }
        if row.decision == "no later public record found":
            assert not newer, row.intervention_id
        else:
            assert newer, row.intervention_id
        if row.decision == "ended":
            assert "ended" in newer


def test_no_excerpt_or_record_holds_contact_details(pages, facts, new_rows, new_evidence):
    texts = [path.read_text(encoding="utf-8") for path in EXCERPTS.glob("*.txt")]
    for frame in (pages, facts, new_rows, new_evidence):
        texts.extend(frame.astype(str).agg(" ".join, axis=1))
    assert [t[:80] for t in texts if EMAIL.search(t) or PHONE.search(t)] == []


def test_the_issue_target_holds(facts, directory, new_rows):
    """At least 15 facts; facts about services in each of the four police force areas; at least
    5 facts that describe 2024 or later."""
    areas = {
        **dict(zip(directory["id"], directory["police_force_areas"], strict=True)),
        **dict(zip(new_rows["id"], new_rows["police_force_areas"], strict=True)),
    }
    covered: set[str] = set()
    for row in facts.itertuples(index=False):
        covered |= set(vocab.split_list(areas[row.intervention_id]))
        if row.field == "police_force_areas":
            covered |= set(vocab.split_list(row.value))
    assert len(facts) >= 15
    assert set(vocab.POLICE_FORCE_AREAS) <= covered
    assert (facts["describes"].map(lambda d: stated_date(d).year) >= 2024).sum() >= 5


def test_the_readme_records_every_decision(decisions):
    readme = (RECORD / "README.md").read_text(encoding="utf-8")
    for row in decisions.itertuples(index=False):
        assert f"| `{row.intervention_id}` |" in readme, row.intervention_id
        assert f"| {row.decision} |" in readme
