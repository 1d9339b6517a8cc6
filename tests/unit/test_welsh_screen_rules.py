"""Welsh screens: long Welsh labels fit their charts (the gap heatmap's headings wrap instead of
running under the toolbar, each cell's text is drawn once), and nothing is left in English
unmarked: recommendations, quotes, the directory's grid."""

from __future__ import annotations

from types import SimpleNamespace

from dashboard.domain import counting
from dashboard.i18n import locale_for
from dashboard.views.figures_gaps import HEADING_LINE, gap_heatmap
from dashboard.views.figures_review import wrap_label

LONG = "trais a cham-drin gan blant tuag at rieni"


def cell(state: str, count: int = 0):
    return SimpleNamespace(
        state=state, count=count, documented=None, unclassified=1, services=3, names=["A"] * count
    )


def heatmap():
    cells = {
        "gwent": {"cpva": cell(counting.GAP), "da": cell(counting.RECORDED, 2)},
        "north-wales": {"cpva": cell(counting.NOT_KNOWN), "da": cell(counting.NO_RECORD)},
    }
    return gap_heatmap(
        cells,
        row_labels={"gwent": "Gwent", "north-wales": "Gogledd Cymru"},
        column_labels={"cpva": LONG, "da": "cam-drin domestig"},
        title="Ardaloedd yn ôl ffocws ymddygiad",
        locale=locale_for("cy"),
    )


def test_wrap_label_keeps_lines_short_and_words_whole():
    assert wrap_label(LONG, 14) == "trais a<br>cham-drin gan<br>blant tuag at<br>rieni"
    assert wrap_label("stelcio", 14) == "stelcio"


def test_heatmap_headings_wrap_above_the_chart_with_room_for_the_toolbar():
    figure = heatmap()
    headings = list(figure.data[0].x)
    assert all(len(line) <= HEADING_LINE for text in headings for line in text.split("<br>"))
    # Level headings (no rotation) that the top margin makes room for, line by line, below the
    # title and the toolbar: rotated, the long ones ran under the toolbar and off the chart.
    assert figure.layout.xaxis.tickangle == 0
    assert figure.layout.margin.t >= 64 + 16 * 4


def test_each_cell_text_is_drawn_by_one_trace_only():
    figure = heatmap()
    for row in range(2):
        for column in range(2):
            drawn = [trace.text[row][column] for trace in figure.data if trace.text[row][column]]
            assert len(drawn) == 1, (row, column, drawn)


def test_chart_toolbar_has_no_share_button():
    """plotly.js's "Share chart..." (English on Welsh pages, and it uploads the chart) is removed."""
    from layouts.components import graph_config

    for lang in ("en", "cy"):
        assert "sendChartToCloud" in graph_config(lang, "chart")["modeBarButtonsToRemove"]


def test_recommendation_in_welsh_is_flagged_unofficial_with_the_english_one_click_away():
    import pandas as pd

    from layouts.gaps import recommendations_list

    english = (
        "VAWDASV Blueprint Tackling Perpetration workstream develop the perpetration "
        "interventions directory and make it accessible to all regions."
    )
    frame = pd.DataFrame({"number": [4], "text": [english]})
    item = recommendations_list(frame, locale_for("cy")).children[1].children[0]
    rendering, _space, flag, details = item.children
    assert rendering.children.startswith("Bod ffrwd waith")
    assert flag.children == "Cyfieithiad answyddogol"
    assert details.children[0].children == "Gweld y testun Saesneg gwreiddiol"
    original = details.children[1]
    assert original.children == english and original.lang == "en"
    # In English, the survey's own words and nothing else.
    english_item = recommendations_list(frame, locale_for("en")).children[1].children[0]
    assert [part.children for part in english_item.children] == [english]


def test_quoted_english_is_marked_and_labelled_on_welsh_pages_only():
    from layouts.components import quoted_english

    welsh = quoted_english("No medium-risk service.", locale_for("cy"))
    label, quote = welsh.children
    assert label.children == "testun gwreiddiol Saesneg: "
    assert quote.lang == "en" and quote.children == "No medium-risk service."
    assert quoted_english("x", locale_for("en")).children.lang == "en"


def test_directory_says_unknown_in_welsh_and_the_grid_speaks_welsh():
    import pandas as pd

    from dashboard.views.directory import directory_rows
    from layouts.directory import grid_locale_text

    frame = pd.DataFrame({"provider": ["unknown", "Gwent Police"], "funding_end": ["unknown", ""]})
    rows = directory_rows(frame, "cy")
    assert [row["provider"] for row in rows] == ["anhysbys", "Gwent Police"]
    assert rows[0]["funding_end"] == "anhysbys"
    words = grid_locale_text(locale_for("cy"))
    assert words["nextPage"] == "Tudalen nesaf" and words["of"] == "o" and words["to"] == "i"


def test_slides_cite_documents_by_title_marked_as_english(real_context):
    """The gaps slide named its sources by seed file ("000_6cb8….txt § Summary of findings")."""
    from dashboard.views import findings
    from layouts.present import slide_view

    deck = findings.slides(real_context, "cy")
    cited = [citation for slide in deck for citation in slide.cited]
    assert cited and not any(".txt" in citation for slide in deck for citation in slide.sources)
    assert all(".txt" not in citation for citation in cited)
    slide = next(slide for slide in deck if slide.cited)
    footer = slide_view(slide, 1, len(deck), locale_for("cy")).children[-1]
    sources = footer.children[0].children[0]
    # Each citation is in Welsh but for its document's English title, the one part marked
    # lang="en" (the whole citation was marked English, its publisher and section with it).
    cites = [part for part in sources.children if type(part).__name__ == "Cite"]
    assert len(cites) == len(slide.cited)
    for cite, text in zip(cites, slide.cited, strict=True):
        assert getattr(cite, "lang", None) is None
        (title,) = [part for part in cite.children if not isinstance(part, str)]
        assert title.lang == "en" and title.children.startswith("“")
        words = "".join(part if isinstance(part, str) else part.children for part in cite.children)
        assert words == text
        # The publisher in Welsh: "Welsh Government" was marked English with the title.
        assert "Welsh Government" not in words.replace(title.children, "")


def test_need_scatter_keeps_long_welsh_titles_and_names_inside_the_chart():
    """Its y title ran off the chart's top and bottom, the rightmost area's name and the "Cymru"
    line label were cut at the right edge."""
    import pandas as pd

    from dashboard.views.figures_review import AXIS_TITLE_LINE, need_scatter

    y_label = "Ymyriadau lleol presennol fesul 100,000 o bobl 16+ oed (cyfeiriadur)"
    figure = need_scatter(
        pd.DataFrame(
            {"need": [3.4, 3.3], "provision": [0.5, 1.5], "label": ["Heddlu Gogledd Cymru", "B"]}
            | {"count": [2, 3]}
        ),
        x_label="Troseddau rhywiol fesul 1,000 o bobl (y flwyddyn yn dod i ben ym mis Mehefin 2025)",
        y_label=y_label,
        title="Angen ochr yn ochr â darpariaeth",
        wales_x=3.35,
        wales_y=0.95,
        locale=locale_for("cy"),
    )
    lines = figure.layout.yaxis.title.text.split("<br>")
    assert len(lines) > 1 and all(len(line) <= AXIS_TITLE_LINE for line in lines)
    # Both points on the axis; each name placed inside the plot (tests/unit/test_need_charts.py).
    low, high = figure.layout.xaxis.range
    assert low < 3.3 and high > 3.4
    assert figure.data[0].cliponaxis is False
    assert [a.xanchor for a in figure.layout.annotations if a.yref == "y"] == ["right"]


def test_heatmap_hover_cites_the_document_not_its_seed_file(real_context):
    """A stated gap's hover named the seed file ("000_6cb8….txt § Summary of findings")."""
    from dashboard.views.gap_review import gap_review

    result = gap_review(real_context, level="force", include_all_wales=False, lang="cy")
    hovers = [
        text
        for trace in result.figures["behaviour"].data
        for row in trace.customdata
        for text in row
    ]
    stated = [text for text in hovers if text.startswith("Wedi'i nodi")]
    assert stated and not any(".txt" in text for text in stated)
