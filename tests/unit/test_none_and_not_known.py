"""None, not known, and every band (issue 21, item 7), against hand-counted fixtures.

The six-row fixture (tests/fixtures/mini_interventions.csv), evaluation and accreditation:
A Drive randomised (externally evaluated), B Choices internal, C Hub "not evaluated"
(decommissioned), D Phoenix unknown (Gwent's only service), E All Wales "not evaluated" but
Respect-accredited, F under way. Funding: A multi-year (low), B annual (medium), C ended
(high, decommissioned), D spot purchase (high), E core (low), F annual ending 2027-28
(medium); only F states when its funding ends.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import i18n
from dashboard.domain import cliff, counting, evidence, model
from dashboard.views import figures, panels, state
from dashboard.views import overview as overview_view
from dashboard.views.funding import funding_lead, funding_view
from tests.support.reference import AS_OF

EN = i18n.locale_for("en")


def view_of(context, pathname="/", search=""):
    parsed = state.parse(pathname, search, context.la_slugs)
    return overview_view.compute_view(context, parsed.state)


def rung_of(directory) -> dict[str, str]:
    return dict(zip(directory.frame["id"], directory.frame["evidence_rung"], strict=True))


# ----------------------------------------------------------- "not evaluated" apart from "not known"


def test_the_ladder_has_not_evaluated_and_not_known_and_no_merged_rung():
    assert evidence.RUNGS[-2:] == (evidence.NOT_EVALUATED, evidence.NOT_KNOWN)
    assert (evidence.NOT_EVALUATED, evidence.NOT_KNOWN) == ("not evaluated", "not known")
    assert "none or unknown" not in evidence.RUNGS


@pytest.mark.parametrize(
    ("status", "accreditation", "rung"),
    [
        ("not evaluated", "none stated", "not evaluated"),  # a source says so
        ("unknown", "none stated", "not known"),  # no source says
        ("unknown", "CSAAP", "accredited"),
        ("not evaluated", "Respect", "accredited"),
        ("not evaluated", "in progress", "evaluation or accreditation under way"),
        ("unknown", "in progress", "evaluation or accreditation under way"),
        ("internal evaluation", "none stated", "internally evaluated"),
    ],
)
def test_a_rung_says_who_said_it(status, accreditation, rung):
    frame = pd.DataFrame({"evaluation_status": [status], "accreditation": [accreditation]})
    assert evidence.evidence_rungs(frame).tolist() == [rung]


def test_the_fixture_rungs_and_the_known_mask(mini_directory):
    assert rung_of(mini_directory) == {
        "a-drive": "externally evaluated",
        "b-choices": "internally evaluated",
        "c-hub-north-wales": "not evaluated",
        "d-phoenix": "not known",
        "e-all-wales": "accredited",
        "f-south-wales-only": "evaluation or accreditation under way",
    }
    known = counting.known_mask(mini_directory, "quality")
    # "Not evaluated" is known (a source says so); only D Phoenix is not known.
    assert sorted(mini_directory.frame["id"][~known]) == ["d-phoenix"]


def test_the_evaluation_panel_counts_each_apart(mini_context):
    current = view_of(mini_context).breakdowns["evidence"]
    assert list(current.counts) == list(evidence.RUNGS)
    # Current: A, B, D, E, F. C (not evaluated) has ended.
    assert current.counts["not evaluated"] == 0
    assert current.counts["not known"] == 1
    assert (current.known, current.services) == (4, 5)
    everything = view_of(mini_context, search="?provision=all").breakdowns["evidence"]
    assert everything.counts["not evaluated"] == 1
    assert everything.counts["not known"] == 1
    assert (everything.known, everything.services) == (5, 6)


@pytest.mark.parametrize(
    ("value", "ids"),
    [
        ("not evaluated", ["c-hub-north-wales"]),
        ("not known", ["d-phoenix"]),
    ],
)
def test_the_evaluation_filter_takes_each_value(mini_context, value, ids):
    parsed = state.parse("/", f"?provision=all&evaluation={value}", mini_context.la_slugs)
    assert parsed.problems == ()
    mask = model.filter_mask(mini_context.directory, parsed.state.filters)
    assert sorted(mini_context.directory.frame["id"][mask]) == ids


def test_an_old_link_naming_the_merged_rung_keeps_showing_the_same_services(mini_context):
    parsed = state.parse("/", "?provision=all&evaluation=none or unknown", mini_context.la_slugs)
    assert parsed.problems == ()
    assert parsed.state.filters["evaluation"] == ("not evaluated", "not known")
    mask = model.filter_mask(mini_context.directory, parsed.state.filters)
    assert sorted(mini_context.directory.frame["id"][mask]) == ["c-hub-north-wales", "d-phoenix"]
    # The link it becomes names the two categories.
    _path, search = state.to_url(parsed.state)
    assert "evaluation=not+evaluated%2Cnot+known" in search
    # Any other unknown value is still ignored with the usual message.
    other = state.parse("/", "?evaluation=nothing", mini_context.la_slugs)
    assert [message for message, _v in other.problems] == ["Unknown filter value ignored."]


# ----------------------------------------------------- a zero is "none recorded" only when complete


def test_the_zero_words_follow_the_rule():
    assert counting.none_recorded(3, 3)
    assert counting.none_recorded(0, 0)  # nothing counted: nothing to classify
    assert not counting.none_recorded(2, 3)
    assert figures.zero_text(complete=True, locale=EN) == "0, none recorded"
    assert figures.zero_text(complete=False, locale=EN) == "0, not known"
    assert figures.count_text(4, complete=False, locale=EN) == "4"
    assert "none_recorded" in counting.RULES


def test_a_zero_bar_is_none_recorded_only_when_every_service_is_classified(mini_context):
    # Gwent counts D Phoenix alone: behaviour focus stated (domestic abuse), risk level unknown.
    view = view_of(mini_context, "/force/gwent")
    behaviour, risk = view.breakdowns["behaviour"], view.breakdowns["risk"]
    assert (behaviour.known, behaviour.services, behaviour.complete) == (1, 1, True)
    assert (risk.known, risk.services, risk.complete) == (0, 1, False)

    def texts(key):
        chart = panels.full_figure(view, key)["data"][0]
        return dict(zip(view.breakdowns[key].counts, chart["text"], strict=True))

    assert texts("behaviour")["stalking"] == "0, none recorded"
    assert texts("behaviour")["domestic abuse"] == "1"
    assert texts("risk")["high"] == "0, not known"
    assert texts("risk")["unknown"] == "1"
    # The same words in the slow (validated) figure, the table alternative and the patch.
    slow = overview_view.panel_figure(view, "risk").to_plotly_json()["data"][0]["text"]
    assert list(slow) == list(texts("risk").values())
    _summary, _header, rows = overview_view.panel_alternative(view, "risk")
    assert dict(rows)["high"] == "0, not known"
    assert "high 0, not known" in _summary


def test_the_evaluation_panel_zero_is_not_known_while_one_service_is_unclassified(mini_context):
    current = view_of(mini_context)  # D Phoenix's evaluation is not known
    chart = panels.full_figure(current, "evidence")["data"][0]
    words = dict(zip(evidence.RUNGS, chart["text"], strict=True))
    assert words["model evaluated elsewhere"] == "0, not known"
    assert words["not known"] == "1"
    south = view_of(mini_context, "/force/south-wales")  # A and F: both on a known rung
    chart = panels.full_figure(south, "evidence")["data"][0]
    words = dict(zip(evidence.RUNGS, chart["text"], strict=True))
    assert words["not known"] == "0, none recorded"
    assert words["accredited"] == "0, none recorded"


# ------------------------------------------------------------------------ funding, every band


def horizons(**counts) -> pd.Series:
    return pd.Series(
        {h: counts.get(h, 0) for h in cliff.HORIZONS}, index=list(cliff.HORIZONS), dtype="int64"
    )


def test_the_funding_lead_with_no_end_date_known_says_so_and_gives_no_zero():
    lead = funding_lead(horizons(**{cliff.NOT_STATED: 35}), EN)
    assert lead.startswith("End date stated for 0 of 35 interventions counted.")
    assert "not known" in lead
    assert "0 end within 12 months" not in lead
    assert "0 interventions" not in lead


def test_the_funding_lead_with_some_end_dates_counts_only_those():
    lead = funding_lead(
        horizons(**{cliff.WITHIN_12_MONTHS: 2, cliff.LATER: 1, cliff.NOT_STATED: 4}), EN
    )
    assert lead == (
        "End date stated for 3 of 7 interventions counted. Of those with a stated end, 2 end "
        "within 12 months, 1 end later and 0 had an end that has passed. For the other 4, when "
        "funding ends is not known."
    )


def test_the_funding_page_of_the_fixture(mini_context):
    view = funding_view(mini_context, group="funder", lang="en", as_of=AS_OF)
    # Current: A, B, D, E, F; only F states an end (2027-28: after 25 November 2027).
    assert view.lead.startswith("End date stated for 1 of 5 interventions counted.")
    assert "1 end later" in view.lead and "For the other 4" in view.lead
    # Every band named: D spot purchase (high); B and F annual (medium); A and E (low).
    assert view.precarity == (
        "Funding precarity, every band: high 1, medium 2, low 2, unknown 0 (band known for 5 of 5)."
    )
    # The horizon chart's zeros are not known while 4 of 5 ends are not stated.
    text = dict(zip(cliff.HORIZONS, view.horizon_chart.data[0].text, strict=True))
    assert text[cliff.WITHIN_12_MONTHS] == "0, not known"
    assert text[cliff.NOT_STATED] == "4"


def test_the_funding_page_shows_the_lead_and_the_rule(mini_context):
    from layouts import funding

    view = funding_view(mini_context, group="funder", lang="en", as_of=AS_OF)
    page = funding.funding_page(
        view, group="funder", locale=EN, current_year=mini_context.directory.current_year
    )
    text = str(page.to_plotly_json())
    assert view.lead in text and view.precarity in text
    note = funding.method_note(EN)
    assert EN(counting.RULES["none_recorded"]) in note
    assert "Medium: annual, one-off or 12 to 24 month funding" in note


def test_a_share_of_the_high_band_names_it_and_shows_the_medium_band(mini_context):
    # Dyfed-Powys counts B Choices alone: annual funding, the medium band, so 0% high.
    table = counting.area_counts(
        mini_context.directory,
        counting.current_mask(mini_context.directory),
        "force",
        False,
        mini_context.population_16_plus["force"],
    ).set_index("area_id")
    assert table.loc["dyfed-powys", "precarious_share"] == 0.0
    assert table.loc["dyfed-powys", "precarity_medium_count"] == 1
    assert table.loc["south-wales", "precarity_medium_count"] == 1  # F (A is low)
    view = view_of(mini_context, search="?level=force&metric=precarious_share")
    assert view.map["values"]["colorbar_title"] == "Share in the high precarity band"
    hover = [
        text
        for part in ("values", "too_little")
        for text in view.map[part]["hovertext"]
        if text.startswith("<b>Dyfed-Powys</b>")
    ]
    assert len(hover) == 1 and "medium precarity band: 1" in hover[0]
