"""Gap matrices and cliff-edge counts against the hand-counted six-row fixture."""

import datetime as dt

import numpy as np
import pandas as pd

from dashboard.data import vocabulary as vocab
from dashboard.domain import cliff, counting, gaps
from dashboard.domain.cells import gap_cells

EVERYTHING = None


def everything(directory):
    return np.ones(directory.size, dtype=bool)


def counts(directory, level, include_all_wales, column, categories) -> pd.DataFrame:
    """Counted services per area (rows) and category (columns), from the gap cells."""
    cells = gap_cells(
        directory, everything(directory), level, include_all_wales, column, categories
    )
    return pd.DataFrame(
        {
            area: {category: cell.count for category, cell in row.items()}
            for area, row in cells.items()
        }
    ).T


def test_behaviour_matrix_zero_cells(mini_directory):
    matrix = counts(mini_directory, "force", True, "behaviour_focus", vocab.BEHAVIOUR_FOCUSES)
    assert matrix.loc["south-wales", "domestic abuse"] == 2  # Drive and the South-Wales-only one
    assert matrix.loc["south-wales", "sexual violence"] == 1  # the all-Wales programme
    assert matrix.loc["gwent", "stalking"] == 0
    assert matrix.loc["dyfed-powys", "stalking"] == 1
    assert (matrix["honour-based abuse"] == 0).all()
    assert matrix.shape == (4, len(vocab.BEHAVIOUR_FOCUSES))


def test_tier_matrix_without_all_wales(mini_directory):
    matrix = counts(mini_directory, "region", False, "service_tier", vocab.SERVICE_TIERS)
    assert matrix.loc["cardiff-and-vale"].to_dict()["high harm"] == 1
    assert int(matrix["criminal justice"].sum()) == 0  # only the all-Wales service is CJ
    assert int(matrix["medium risk"].sum()) == 2  # C Hub (North Wales), D Phoenix (Gwent)


def test_find_gaps(mini_directory):
    found = gaps.find_gaps(
        mini_directory,
        level="region",
        include_all_wales=True,
        recommendations={"honour-based abuse": (5,), "sexual violence": (5,)},
    )
    no_behaviour = [gap.subject for gap in found if gap.kind == "no-behaviour"]
    assert no_behaviour == [
        "online child sexual abuse",
        "honour-based abuse",
        "forced marriage",
        "female genital mutilation",
        "child to adult parental violence and abuse",
    ]
    assert next(g for g in found if g.subject == "honour-based abuse").related == ("5",)
    # Medium-risk tier: C Hub (North Wales) is decommissioned, so only D Phoenix (Gwent) counts;
    # B Choices works with medium risk but is an early-intervention service.
    no_medium = sorted(gap.area_id for gap in found if gap.kind == "no-medium-risk")
    assert no_medium == [
        "cardiff-and-vale",
        "cwm-taf-morgannwg",
        "mid-and-west-wales",
        "north-wales",
        "west-glamorgan",
    ]
    assert [gap for gap in found if gap.kind == "only-criminal-justice"] == []
    # Local: only Drive is placed in a local authority (Cardiff). Choices (region-wide in Mid
    # and West Wales), Phoenix (region-wide in Gwent) and F (South Wales force-wide, no region)
    # are beside the other 21 LAs' counts ("+1 across the region"), never inside them.
    no_local = next(gap for gap in found if gap.kind == "no-local")
    assert no_local.count == 21 and "cardiff" not in no_local.areas
    beside = dict(zip(no_local.areas, no_local.beside, strict=True))
    assert beside["powys"] == 1  # Choices
    assert beside["newport"] == 1  # Phoenix
    assert beside["vale-of-glamorgan"] == 1  # F, South Wales force-wide, region unknown
    assert beside["isle-of-anglesey"] == 0  # C Hub has ended
    assert (no_local.across_wales, no_local.unlocated) == (1, 0)  # E; nothing without an area
    thinner = next(gap for gap in found if gap.kind == "thinner-than")
    assert (thinner.count, thinner.compared_with) == (1, 4)  # C Hub is no longer current


def test_current_mask_leaves_out_ended_and_planned(mini_directory):
    current = dict(
        zip(mini_directory.frame["id"], counting.current_mask(mini_directory), strict=True)
    )
    assert current["c-hub-north-wales"] is False or not current["c-hub-north-wales"]
    assert current["f-south-wales-only"]  # a pilot is running provision


def test_recommendations_inverted():
    frame = pd.DataFrame(
        {"number": [5, 3], "related_gaps": ["sexual violence; forced marriage", "sector coverage"]}
    )
    assert gaps.recommendations_by_subject(frame) == {
        "sexual violence": (5,),
        "forced marriage": (5,),
        "sector coverage": (3,),
    }


def test_horizons():
    as_of = dt.date(2026, 11, 25)
    assert cliff.horizon("2023-24", as_of) == cliff.ENDED
    assert cliff.horizon("2026-27", as_of) == cliff.WITHIN_12_MONTHS
    assert cliff.horizon("2027-28", as_of) == cliff.LATER
    assert cliff.horizon("unknown", as_of) == cliff.NOT_STATED
    assert cliff.horizon("2027-28", dt.date(2027, 4, 1)) == cliff.WITHIN_12_MONTHS


def test_cliff_edge_counts(mini_directory):
    table = cliff.cliff_edge(mini_directory, everything(mini_directory), dt.date(2026, 11, 25))
    assert cliff.horizon_counts(table).to_dict() == {
        cliff.ENDED: 1,
        cliff.WITHIN_12_MONTHS: 0,
        cliff.LATER: 1,
        cliff.NOT_STATED: 4,
    }
    assert cliff.funder_class_counts(table).to_dict() == {
        cliff.DEVOLVED: 0,
        cliff.NON_DEVOLVED: 3,
        cliff.POOLED_OR_OTHER: 1,
        vocab.UNKNOWN: 2,
    }
    assert list(table["id"][:2]) == ["c-hub-north-wales", "f-south-wales-only"]
