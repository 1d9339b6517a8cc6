"""A component tree written as static HTML for a report (dashboard/web/static_page.py)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pytest
from dash import dcc, html

from dashboard.web import static_page


def no_chart(_id, _figure, _config) -> str:
    raise AssertionError("no chart expected")


def test_elements_attributes_and_text_are_written_escaped():
    tree = html.Div(
        [
            html.P(["a < b & ", html.Q("quoted", lang="en", className="quoted-english")]),
            html.Td("3", colSpan=2, className="num"),
            html.Details([html.Summary("Show"), "x"], open=True),
            html.Span("t", title='say "hi"', **{"aria-label": "label"}),
            html.Br(),
            None,
            0,
        ],
        id="top",
        style={"backgroundColor": "#fff"},
    )
    written = static_page.to_html(tree, no_chart)
    assert written == (
        '<div id="top" style="background-color:#fff">'
        '<p>a &lt; b &amp; <q class="quoted-english" lang="en">quoted</q></p>'
        '<td class="num" colspan="2">3</td>'
        "<details open><summary>Show</summary>x</details>"
        '<span title="say &quot;hi&quot;" aria-label="label">t</span>'
        "<br>0</div>"
    )


def test_a_pattern_matching_id_and_dash_props_are_left_out():
    written = static_page.to_html(
        html.Summary("s", id={"type": "toggle", "panel": "x"}, n_clicks=3), no_chart
    )
    assert written == "<summary>s</summary>"


def test_links_are_their_text_and_charts_are_written_by_the_caller():
    charts = []

    def chart(component_id, figure, config):
        charts.append((component_id, figure, config))
        return "<div>chart</div>"

    tree = [
        dcc.Link("Phoenix", href="/directory?id=x", className="name"),
        dcc.Graph(id="g", figure={"data": []}, config={"locale": "cy"}, className="panel-graph"),
    ]
    written = static_page.to_html(tree, chart)
    # A file opened from disk has no app to link to.
    assert written == (
        '<span class="name">Phoenix</span><div class="panel-graph"><div>chart</div></div>'
    )
    assert charts == [("g", {"data": []}, {"locale": "cy"})]


def test_bootstrap_rows_columns_and_alerts_get_bootstraps_classes():
    tree = dbc.Row(
        [dbc.Col("a", lg=6), dbc.Col("b"), dbc.Alert("c", color="info", className="x")],
        className="g-3",
    )
    assert static_page.to_html(tree, no_chart) == (
        '<div class="row g-3"><div class="col-lg-6">a</div><div class="col">b</div>'
        '<div class="alert alert-info x">c</div></div>'
    )


@pytest.mark.parametrize(
    "component", [dbc.Button("Print"), dcc.Store(id="s"), dcc.Location(id="u")]
)
def test_what_has_no_static_form_is_refused_by_name(component):
    with pytest.raises(TypeError, match=r"\.(Button|Store|Location) has no static form"):
        static_page.to_html(html.Div(component), no_chart)
