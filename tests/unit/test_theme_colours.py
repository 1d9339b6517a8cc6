"""The theme's colour rules: WCAG contrast (by hand-computed ratios), the colour a map's scale
gives at a value, the label colour chosen from it, whole-number ticks for counts, and one colour
per category on every page."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from dashboard.data import vocabulary as vocab
from dashboard.domain import cliff
from dashboard.views import theme


def test_relative_luminance_of_the_darkest_map_blue_computed_by_hand():
    # #08306b: R 8/255 = 0.03137 -> /12.92 = 0.002428; G 48/255 = 0.18824 ->
    # ((0.18824 + 0.055) / 1.055) ** 2.4 = 0.02956; B 107/255 = 0.41961 -> 0.14703.
    # L = 0.2126 * 0.002428 + 0.7152 * 0.02956 + 0.0722 * 0.14703 = 0.03227.
    assert theme.relative_luminance("#08306b") == pytest.approx(0.03227, abs=5e-5)
    assert theme.relative_luminance("#ffffff") == pytest.approx(1.0)
    assert theme.relative_luminance("#000") == 0.0


@pytest.mark.parametrize(
    ("one", "other", "ratio"),
    [
        ("#000000", "#ffffff", 21.0),  # (1 + 0.05) / (0 + 0.05)
        ("#ffffff", "#ffffff", 1.0),
        # The tester's unreadable label: the old #1b1b1b (L 0.01096) on #08306b (L 0.03227):
        # (0.03227 + 0.05) / (0.01096 + 0.05) = 1.35.
        ("#1b1b1b", "#08306b", 1.35),
        # White on the darkest blue: 1.05 / 0.08227 = 12.76.
        ("#ffffff", "#08306b", 12.76),
        # #767676, the lightest grey that passes on white: L 0.1812; 1.05 / 0.2312 = 4.54.
        ("#767676", "#ffffff", 4.54),
        # Black on the scale's mid blue #4292c6 (L 0.2579): 0.3079 / 0.05 = 6.16.
        ("rgb(0, 0, 0)", "#4292c6", 6.16),
    ],
)
def test_contrast_ratio_matches_ratios_computed_by_hand(one, other, ratio):
    assert theme.contrast_ratio(one, other) == pytest.approx(ratio, abs=0.005)
    assert theme.contrast_ratio(other, one) == pytest.approx(ratio, abs=0.005)


def test_colours_are_read_as_hex_short_hex_or_rgb():
    assert theme.rgb("#08306b") == (8, 48, 107)
    assert theme.rgb("#fff") == (255, 255, 255)
    assert theme.rgb("rgb(8, 48, 107)") == (8, 48, 107)
    with pytest.raises(ValueError, match="not a colour"):
        theme.rgb("navy")


def test_the_scale_colour_is_what_plotly_draws_between_two_stops():
    scale = theme.scale(theme.MAP_SCALE)
    assert theme.scale_colour(scale, 0) == "#c6dbef"
    assert theme.scale_colour(scale, 1) == "#08306b"
    assert theme.scale_colour(scale, 0.5) == "#4292c6"  # a stop (the 4th of 7)
    # Half way between the first two stops #c6dbef and #9ecae1 (position 1/12):
    # (198 + 158) / 2 = 178 = b2, (219 + 202) / 2 = 210.5 -> 211 = d3, (239 + 225) / 2 = 232 = e8.
    assert theme.scale_colour(scale, 1 / 12) == "#b2d3e8"
    # Clamped outside 0..1.
    assert theme.scale_colour(scale, 1.7) == "#08306b"


def test_a_label_on_the_darkest_blue_is_white_and_on_the_palest_black():
    assert theme.label_colour("#08306b") == theme.LABEL_LIGHT
    assert theme.label_colour("#c6dbef") == theme.LABEL_DARK
    assert theme.label_colour(theme.BACKGROUND) == theme.LABEL_DARK
    assert theme.label_colour(theme.NONE_RECORDED) == theme.LABEL_DARK


def test_every_label_colour_reaches_four_and_a_half_to_one_on_any_fill():
    # Every colour of the map's scale, at 1% steps, and every coverage colour.
    fills = [theme.scale_colour(theme.scale(theme.MAP_SCALE), step / 100) for step in range(101)]
    fills += [*theme.COVERAGE_COLOURS, theme.NONE_RECORDED, theme.TOO_LITTLE]
    # And a grid of every other colour: black or white always reaches 4.5:1 on one of them.
    fills += [
        f"#{red:02x}{green:02x}{blue:02x}"
        for red, green, blue in itertools.product(range(0, 256, 17), repeat=3)
    ]
    worst = min(theme.contrast_ratio(theme.label_colour(fill), fill) for fill in fills)
    assert worst >= theme.MIN_CONTRAST


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (0.4, [0, 1]),
        (1, [0, 1]),
        (3, [0, 1, 2, 3]),
        (6, [0, 1, 2, 3, 4, 5, 6]),
        (7, [0, 2, 4, 6]),
        (10, [0, 2, 4, 6, 8, 10]),
        (43, [0, 10, 20, 30, 40]),
        (260, [0, 50, 100, 150, 200, 250]),
    ],
)
def test_count_ticks_are_whole_numbers(top, ticks):
    assert theme.integer_ticks(top) == ticks


@pytest.mark.parametrize(
    ("column", "values"),
    [
        ("primary_funder", vocab.PRIMARY_FUNDERS),
        ("funder_class", cliff.FUNDER_CLASSES),
        ("vawdasv_regions", (*vocab.VAWDASV_REGIONS, vocab.ALL_WALES, vocab.UNKNOWN)),
        ("police_force_areas", (*vocab.POLICE_FORCE_AREAS, vocab.ALL_WALES, vocab.UNKNOWN)),
    ],
)
def test_every_category_has_its_own_colour_and_shape(column, values):
    colours = [theme.category_colour(column, value) for value in values]
    assert len(set(colours)) == len(values)
    symbols = [theme.category_symbol(column, value) for value in values]
    assert len(set(symbols)) == len(values)
    # "Unknown" is the same grey in every column.
    assert theme.category_colour(column, vocab.UNKNOWN) == theme.UNKNOWN_CATEGORY
    # Several areas in one group share one colour; a value not in the theme is refused.
    if column in ("vawdasv_regions", "police_force_areas"):
        assert theme.category_colour(column, f"{values[0]};{values[1]}") == theme.SEVERAL_CATEGORY
    with pytest.raises(KeyError, match="no colour"):
        theme.category_colour(column, "nowhere")


def _funder_colours(figure) -> dict[str, str]:
    return {trace["name"]: trace["marker"]["color"] for trace in figure}


def test_a_funder_has_its_colour_whatever_else_the_chart_shows():
    """The tester saw "unknown" yellow on the overview and orange on Gwent's profile: the colour
    was the funder's place among the funders a chart happened to show."""
    from dashboard.i18n import locale_for
    from dashboard.views.figures import funding_end_values

    locale = locale_for("en")
    wales = pd.DataFrame(
        {"PCC": [1, 0], "Home Office": [0, 1], "unknown": [3, 4]}, index=["2023-24", "unknown"]
    )
    gwent = pd.DataFrame({"unknown": [2]}, index=["unknown"])
    labels = {funder: funder for funder in vocab.PRIMARY_FUNDERS}
    overview = funding_end_values(wales, current_year="2025-26", labels=labels, locale=locale)
    profile = funding_end_values(gwent, current_year="2025-26", labels=labels, locale=locale)
    assert _funder_colours(overview[("data",)])["unknown"] == theme.UNKNOWN_CATEGORY
    assert _funder_colours(profile[("data",)])["unknown"] == theme.UNKNOWN_CATEGORY
    assert _funder_colours(overview[("data",)])["Home Office"] == theme.category_colour(
        "primary_funder", "Home Office"
    )


def test_each_funder_has_one_colour_on_the_overview_and_on_every_profile(real_context):
    from dashboard.views import overview as overview_view
    from dashboard.views import panel_registry, panels, url_parsing

    def colours(pathname: str) -> dict[str, str]:
        parsed = url_parsing.parse(pathname, "", real_context.la_slugs, real_context.scope_ids)
        view = overview_view.compute_view(real_context, parsed.state)
        figure = panels.full_figure(view, panel_registry.FUNDING_END)
        return _funder_colours(figure["data"])

    wales = colours("/")
    assert wales["unknown"] == theme.UNKNOWN_CATEGORY
    seen = 0
    for level in ("force", "region"):
        for area in real_context.names("en", level):
            for funder, colour in colours(f"/{level}/{area}").items():
                assert colour == wales.get(funder, colour), (level, area, funder)
                assert colour == theme.category_colour("primary_funder", funder)
                seen += 1
    assert seen > 10
