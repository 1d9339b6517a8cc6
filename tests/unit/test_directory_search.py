"""The directory's search: what a place's name finds, what is searched and what is not.

The grid keeps a row when every word of its quick filter text is in the row's searchable text
(AG Grid's documented rule, :func:`grid_keeps`); tests/e2e/test_directory_list.py types the same
names into the real grid.
"""

from __future__ import annotations

import pytest

from dashboard.domain import placement
from dashboard.views import directory as directory_view
from dashboard.views.directory_search import fold, search_index
from tests.support.directory_places import services_found_by


def grid_keeps(text: str, quick_filter: str) -> bool:
    """AG Grid's quick filter: the text split on spaces, every part in the row's text, case
    ignored."""
    return all(part.upper() in text.upper() for part in quick_filter.split(" "))


def found(index, ids, typed: str) -> set[str]:
    quick = index.quick_filter(typed)
    return {
        row_id for row_id, text in zip(ids, index.texts, strict=True) if grid_keeps(text, quick)
    }


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Ynys Môn", "ynys mon"),
        ("Caerdydd a’r Fro", "caerdydd ar fro"),
        ("Dyfed–Powys", "dyfed powys"),
        ("  Pen-y-bont  ar Ogwr ", "pen y bont ar ogwr"),
        ("Swansea Council (social services)", "swansea council social services"),
    ],
)
def test_fold_ignores_case_accents_apostrophes_and_punctuation(typed, folded):
    assert fold(typed) == folded


def test_places_in_the_six_row_fixture_by_hand(mini_directory, lookup):
    """a-drive names Cardiff; f-south-wales-only names South Wales and an unknown region, so it
    may serve every authority of the force; b Mid and West Wales, c North Wales and d Gwent name
    only their region; e is all-Wales (found by "All Wales", placed in no area)."""
    placed = placement.placed_matrices(mini_directory, lookup)
    ids = list(mini_directory.frame["id"])
    codes = list(lookup["la_code"])

    def in_la(code):
        return {ids[row] for row in placed["la"][:, codes.index(code)].nonzero()[0]}

    assert in_la("W06000015") == {"a-drive", "f-south-wales-only"}  # Cardiff
    assert in_la("W06000014") == {"f-south-wales-only"}  # Vale of Glamorgan: not a-drive
    assert in_la("W06000022") == {"d-phoenix"}  # Newport
    assert in_la("W06000023") == {"b-choices"}  # Powys
    assert in_la("W06000001") == {"c-hub-north-wales"}  # Isle of Anglesey
    regions = list(mini_directory.area_ids["region"])
    cardiff_and_vale = placed["region"][:, regions.index("cardiff-and-vale")]
    assert {ids[row] for row in cardiff_and_vale.nonzero()[0]} == {
        "a-drive",
        "f-south-wales-only",
    }


def test_a_place_is_found_by_its_name_alone_not_inside_a_longer_one(mini_context):
    index = search_index(mini_context, "en")
    ids = list(mini_context.directory.frame["id"])
    assert found(index, ids, "Cardiff") == {"a-drive", "f-south-wales-only"}
    assert found(index, ids, "Caerdydd") == {"a-drive", "f-south-wales-only"}
    # "Vale of Glamorgan" is not found through "Cardiff and Vale" and "West Glamorgan".
    assert found(index, ids, "Vale of Glamorgan") == {"f-south-wales-only"}
    assert found(index, ids, "Bro Morgannwg") == {"f-south-wales-only"}
    assert found(index, ids, "cardiff and vale") == {"a-drive", "f-south-wales-only"}
    assert found(index, ids, "Newport") == found(index, ids, "Casnewydd") == {"d-phoenix"}
    assert found(index, ids, "Ynys Mon") == found(index, ids, "Ynys Môn") == {"c-hub-north-wales"}
    assert found(index, ids, "All Wales") == found(index, ids, "Cymru gyfan") == {"e-all-wales"}
    assert found(index, ids, "Heddlu Gwent") == {"d-phoenix"}


def test_other_words_are_searched_in_names_behaviours_and_tiers_in_the_pages_language(
    mini_context,
):
    english = search_index(mini_context, "en")
    welsh = search_index(mini_context, "cy")
    ids = list(mini_context.directory.frame["id"])
    assert found(english, ids, "stalking") == {"b-choices"}
    assert found(welsh, ids, "stelcio") == {"b-choices"}
    assert found(english, ids, "stelcio") == set()
    assert found(english, ids, "choices stalking") == {"b-choices"}
    assert found(english, ids, "Newport stalking") == set()
    assert found(english, ids, "phoenix") == {"d-phoenix"}
    # Every fixture row's provider is "Example provider".
    assert found(english, ids, "example") == set(ids)
    assert found(english, ids, "") == set(ids)


def test_sources_quotes_and_unknown_are_not_searched(real_context):
    """The 2020 review of Cardiff and the Vale (Fowler, Karim and Feder) is cited by 25 rows:
    "Cardiff" found them all through its title."""
    frame = real_context.directory.frame
    index = search_index(real_context, "en")
    ids = list(frame["id"])
    assert frame["source"].str.contains("004_").sum() >= 20
    assert frame["evidence"].str.contains("MARAC").any()
    for typed in ("Karim", "Feder", "txt", "unknown", "MARAC selection"):
        assert found(index, ids, typed) == set(), typed
    assert found(search_index(real_context, "cy"), ids, "anhysbys") == set()


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_every_local_authority_by_either_name_finds_the_services_placed_there(real_context, lang):
    """For each of the 22 authorities, its English and its Welsh name (from la_lookup.csv) find
    exactly the services the rule in tests/support/directory_places.py places there, worked out
    row by row from the data."""
    frame = real_context.directory.frame
    lookup = real_context.bundle.lookup
    index = search_index(real_context, lang)
    ids = list(frame["id"])
    assert len(lookup) == 22
    for authority in lookup.itertuples():
        for name in (authority.la_name_en, authority.la_name_cy):
            expected = services_found_by(frame, lookup, authority.la_code, name)
            assert found(index, ids, name) == expected, name


def test_the_grid_rows_carry_no_long_fields(real_context):
    rows = directory_view.directory_rows(
        real_context.directory.frame,
        "en",
        real_context.bundle.sources,
        real_context.bundle.lookup,
    )
    grid = directory_view.grid_rows(rows, search_index(real_context, "en"))
    assert set(grid[0]) == {"id", *directory_view.grid_fields(), directory_view.SEARCH_FIELD}
    assert not {"source", "evidence", "note"} & set(directory_view.grid_fields())
