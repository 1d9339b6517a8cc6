import pytest

from dashboard.views import state, url_parsing


def test_defaults():
    parsed = url_parsing.parse("/", "")
    assert parsed.state == state.ViewState()
    assert parsed.problems == ()


def test_force_route_focuses_force():
    parsed = url_parsing.parse("/force/south-wales", "")
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
    parsed = url_parsing.parse(*state.to_url(view), la_slugs=("cardiff",))
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
    parsed = url_parsing.parse(path, query)
    assert parsed.problems
    assert parsed.state.level in state.LEVELS
    assert parsed.state.metric in state.METRICS


def test_non_string_inputs_never_raise():
    for junk in (None, 5, ["a"], {"b": 1}):
        assert url_parsing.parse(junk, junk).state.level == "region"


# -- waves (issue 24) --------------------------------------------------------------------------
WAVES = {"review-2020": (), "documents-2023": ("policing-2023",), "public-record-2026": ()}


def test_the_wave_is_read_validated_and_written_back():
    parsed = url_parsing.parse("/", "?wave=review-2020&level=force", waves=WAVES)
    assert parsed.state.wave == "review-2020"
    assert parsed.problems == ()
    assert state.to_url(parsed.state) == ("/", "?level=force&wave=review-2020")
    assert url_parsing.parse(*state.to_url(parsed.state), waves=WAVES).state == parsed.state


def test_an_unknown_wave_gets_the_notice_naming_what_is_allowed():
    from dashboard.i18n import locale_for

    parsed = url_parsing.parse("/", "?wave=2019", waves=WAVES)
    assert parsed.state.wave is None  # the latest picture
    assert url_parsing.problem_texts(parsed, locale_for("en")) == [
        "Unknown wave; showing the latest picture. Allowed: review-2020, documents-2023, "
        "public-record-2026. (2019)"
    ]
    welsh = url_parsing.problem_texts(parsed, locale_for("cy"))[0]
    assert welsh.startswith("Ton anhysbys") and "review-2020, documents-2023" in welsh


def test_a_source_to_compare_by_is_checked_against_the_wave_shown():
    # Policing in Wales's list compares the forces in the 2023 picture, not in the 2020 review.
    assert (
        url_parsing.parse("/", "?compare=policing-2023&wave=documents-2023", waves=WAVES).problems
        == ()
    )
    parsed = url_parsing.parse("/", "?compare=policing-2023&wave=review-2020", waves=WAVES)
    assert parsed.state.compare is None and parsed.problems


def test_the_controls_keep_the_wave_of_the_url():
    chosen = url_parsing.state_from_controls(
        level="force",
        metric="count",
        include_all_wales=False,
        provision="current",
        area=None,
        filters={},
        lang="cy",
        wave="review-2020",
        waves=WAVES,
    )
    assert (chosen.level, chosen.wave, chosen.lang) == ("force", "review-2020", "cy")


def test_the_other_pages_carry_the_wave():
    settings = url_parsing.area_settings("?level=force&wave=review-2020", tuple(WAVES))
    assert settings.wave == "review-2020"
    assert state.area_search(settings) == "?level=force&wave=review-2020"
    assert url_parsing.area_settings("?wave=nope", tuple(WAVES)).wave is None
    assert state.slide_search(3, "cy", "review-2020") == "?slide=3&wave=review-2020&lang=cy"


def test_a_wave_link_keeps_the_page_and_its_settings():
    assert (
        state.wave_href("/gaps", "?level=force&wave=x&lang=cy", "review-2020")
        == "/gaps?level=force&wave=review-2020&lang=cy"
    )
    assert state.wave_href("/gaps", "?level=force&wave=x", None) == "/gaps?level=force"
    assert state.wave_href("//evil.example/", "", "a") == "/evil.example?wave=a"


def test_the_change_page_reads_from_and_to(real_context):
    settings, problems = url_parsing.change_settings(real_context, "?lang=cy")
    # By default the latest picture against the wave before it.
    assert settings == state.ChangeSettings("documents-2023", "public-record-2026", "region", "cy")
    assert problems == ()
    settings, problems = url_parsing.change_settings(
        real_context, "?from=review-2020&to=nope&level=la"
    )
    assert settings.later == "public-record-2026" and settings.level == "region"
    assert [problem[0] for problem in problems] == [
        url_parsing.UNKNOWN_LATER,
        url_parsing.UNKNOWN_CHANGE_LEVEL,
    ]
    assert state.change_search(settings) == "?from=review-2020&to=public-record-2026&level=region"
    assert url_parsing.change_settings(real_context, state.change_search(settings))[0] == settings
