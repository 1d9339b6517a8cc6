import pytest

from dashboard.views import state


def test_defaults():
    parsed = state.parse("/", "")
    assert parsed.state == state.ViewState()
    assert parsed.problems == ()


def test_force_route_focuses_force():
    parsed = state.parse("/force/south-wales", "")
    assert (parsed.state.level, parsed.state.area) == ("force", "south-wales")


@pytest.mark.parametrize(
    "view",
    [
        state.ViewState(),
        state.ViewState(level="force", area="gwent", metric="per_100k"),
        state.ViewState(level="la", area="cardiff", include_all_wales=False, lang="cy"),
        state.ViewState(
            filters={"behaviour_focus": ("domestic abuse", "stalking"), "sector": ("HMPPS",)}
        ),
    ],
)
def test_round_trip(view):
    parsed = state.parse(*state.to_url(view), la_slugs=("cardiff",))
    assert parsed.state == view
    assert parsed.problems == ()


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/region/atlantis", ""),
        ("/force/<script>", ""),
        ("/", "?metric=DROP TABLE"),
        ("/", "?level=9&all_wales=maybe&lang=fr"),
        ("/", "?behaviour_focus=%00%FF,stalking"),
        ("/", "?" + "x" * 10_000),
    ],
)
def test_bad_values_fall_back_with_a_message(path, query):
    parsed = state.parse(path, query)
    assert parsed.problems
    assert parsed.state.level in state.LEVELS
    assert parsed.state.metric in state.METRICS


def test_non_string_inputs_never_raise():
    for junk in (None, 5, ["a"], {"b": 1}):
        assert state.parse(junk, junk).state.level == "region"
