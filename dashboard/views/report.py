"""A self-contained HTML report of one overview view: opens offline on any computer.

The app's lean plotly.js (``assets/plotly-lean.min.js``) is inlined once, the map's boundaries are
embedded, and the world topojson plotly's geo map asks for is given inline through
``window.PlotlyGeoAssets`` (which plotly.js reads before fetching anything), so the file makes no
request and its SVG map draws from ``file://``.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
from collections.abc import Mapping, Sequence

import plotly.io as pio

from dashboard import config, i18n
from dashboard.data import vocabulary as vocab
from dashboard.domain import citations
from dashboard.domain.context import AppContext
from dashboard.views import changes, coverage_text, figures_map, panel_registry, theme
from dashboard.views import overview as overview_view
from dashboard.views.figure_parts import FigureJSON
from dashboard.views.overview import OverviewView
from dashboard.views.panel_registry import FUNDING_END

STYLE = """
body{font-family:Arial,Helvetica,sans-serif;color:#1b1b1b;max-width:1100px;margin:1.5rem auto;padding:0 1rem;font-size:16px}
h1{color:#1d3557}h2{margin-top:1.5rem;border-bottom:2px solid #d0d4da}
.notice{background:#fff4ce;border:1px solid #e0b400;padding:.75rem;border-radius:6px;margin-bottom:1rem}
.banner{background:#e8f4fa;border:1px solid #9cc9e0;padding:.75rem;border-radius:6px}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #d0d4da;padding:.3rem;text-align:left}
.small{font-size:.85rem;color:#383f43}
"""


#: What an area's profile needs of Bootstrap, whose 230 KB the report does not carry: its grid of
#: drill-downs, the text only screen readers get, and the print frame's cells without borders.
PROFILE_STYLE = """
*,::before,::after{box-sizing:border-box}
.row{display:flex;flex-wrap:wrap;margin:0 -.5rem}.row>*{width:100%;padding:.5rem}
@media (min-width:992px){.col-lg-6{flex:0 0 50%;width:50%}}
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:-1px!important;padding:0!important;overflow:hidden!important;clip:rect(0,0,0,0)!important;white-space:nowrap!important;border:0!important}
.h5{font-size:1.1rem;font-weight:700}
.print-frame>tbody>tr>td,.print-frame>tfoot>tr>td{border:0;padding:0}
body{max-width:1400px;background:#fff}
"""
#: The app's own stylesheets a profile is drawn with (house style, then the profile's, with its
#: print rules: a printed report is laid out as the printed profile is).
PROFILE_STYLESHEETS = ("10-app.css", "30-profile.css")


def map_figure(
    view_map: Mapping, level: str, geometry_text: str, *, height: int | None = 520
) -> FigureJSON:
    """The overview's map of a view (plotly JSON) (its ``map`` at ``level``), with its boundaries embedded
    instead of referenced; ``height`` None: as high as its box (a slide's)."""
    figure = figures_map.filled_map(view_map, level=level, height=height)
    return embedded_map(figure, level, geometry_text)


def embedded_map(figure: FigureJSON, level: str, geometry_text: str) -> FigureJSON:
    """``figure`` (a map of :func:`figures_map.filled_map`) with ``level``'s boundaries embedded
    instead of referenced, and only that level's traces, its labels and their leader lines kept,
    so the file carries one set of boundaries."""
    geometry = json.loads(geometry_text)
    traces = [
        figures_map.VALUE_TRACE[level],
        figures_map.NONE_TRACE[level],
        figures_map.TOO_LITTLE_TRACE[level],
    ]
    data = list(figure["data"])
    for index in traces:
        data[index] = {**data[index], "geojson": geometry}
    kept = (*traces, figures_map.LABEL_TRACE, figures_map.LEADER_TRACE)
    return {**figure, "data": [data[index] for index in kept if index < len(data)]}


def figure_html(figure, lang: str) -> str:
    """One chart as an inline ``div`` and script, drawn by the inlined plotly.js with the app's
    toolbar, in the report's language."""
    plot_config = {
        "displaylogo": False,
        "locale": "cy" if lang == "cy" else "en",
        "modeBarButtonsToRemove": list(theme.REMOVED_TOOLBAR_BUTTONS),
    }
    return pio.to_html(
        figure,
        full_html=False,
        include_plotlyjs=False,
        config=plot_config,
        default_width="100%",
        validate=False,
    )


@functools.cache
def inline_scripts() -> str:
    """The topojson (as ``window.PlotlyGeoAssets``, set before plotly.js registers its own empty
    one) and the lean plotly.js, as two inline scripts."""
    topojson = (config.ASSETS_DIR / "topojson" / "world_110m.json").read_text(encoding="utf-8")
    plotly_js = (config.ASSETS_DIR / "plotly-lean.min.js").read_text(encoding="utf-8")
    # Nothing in either may close the script element early (JavaScript reads a backslash before
    # the slash as the slash alone).
    topojson, plotly_js = (text.replace("</script", "<\\/script") for text in (topojson, plotly_js))
    return (
        f'<script>window.PlotlyGeoAssets = {{"topojson": {{"world_110m": {topojson}}}}};</script>\n'
        f"<script>{plotly_js}</script>"
    )


#: The report's table of interventions: names as published, then vocabulary values.
REPORT_COLUMNS = ("name", "provider", "status", "precarity", "evidence_rung")
#: Its columns of text as the English source documents give it.
AS_PUBLISHED = frozenset({"name", "provider"})


def _report_cell(key: str, value: str, _) -> str:
    """One cell: a name as published, marked as English (the provider's "unknown" is the
    vocabulary's word); a vocabulary value in the report's language."""
    if key in AS_PUBLISHED and value != vocab.UNKNOWN:
        return f'<td lang="en">{html.escape(value)}</td>'
    return f"<td>{html.escape(_(value))}</td>"


def build_report(
    context: AppContext,
    view: OverviewView,
    *,
    generated: dt.datetime | None = None,
    notices: Sequence[str] = (),
) -> str:
    """The whole report as one HTML string. ``notices`` are the link settings that were not
    recognised (already translated), said at the top as on the dashboard."""
    lang = view.lang
    _ = view.locale
    generated = generated or dt.datetime.now()
    figs = [map_figure(view.map, view.level, context.bundle.geometry[view.level])]
    # The report's order: the breakdowns, then when funding ends.
    for panel in (*panel_registry.breakdown_panels(), panel_registry.panel(FUNDING_END)):
        figs.append(overview_view.panel_figure(view, panel.key))
    rendered = [figure_html(fig, lang) for fig in figs]
    area = view.area_name or _("all of Wales")
    rows = "".join(
        "<tr>" + "".join(_report_cell(key, str(row[key]), _) for key in REPORT_COLUMNS) + "</tr>"
        for row in view.rows
    )
    notes = "".join(
        f"<li>{html.escape(line)}</li>"
        for line in overview_view.map_note_lines(view, for_file=True)
    )
    banner = coverage_text.directory_note(context, _)
    # Every text is translated here, outside the f-string, where Babel's extractor finds it.
    text = {
        "title": _("VAWDASV perpetration interventions: report"),
        "not_recognised": _("Some link settings were not recognised:"),
        "heading": _("Perpetration interventions in Wales: {area}"),
        "generated": _("Generated {date} from the dashboard; data checked {checked}."),
        "drill_down": _("Drill-down"),
        "list_heading": _("Interventions in this view"),
        "col_intervention": _("Intervention"),
        "col_provider": _("Provider"),
        "col_status": _("Status"),
        "col_precarity": _("Funding precarity"),
        "col_evidence": _("Evaluation and accreditation"),
    }
    return f"""{_head(lang, text["title"], STYLE)}
<h1>{html.escape(text["heading"].format(area=area))}</h1>
<p class="small">{html.escape(text["generated"].format(date=generated.strftime("%Y-%m-%d %H:%M"), checked=context.data_date))}</p>
{_notice_block(text["not_recognised"], notices)}<p class="banner">{html.escape(banner)}</p>
<p id="match-count"><strong>{html.escape(overview_view.match_text(view))}</strong></p>
<h2>{html.escape(figures_map.metric_label(view.state.metric, _))}</h2>
{rendered[0]}
<ul>{notes}</ul>
{_coverage_block(view)}
{_changes_block(context, view)}
<h2>{html.escape(text["drill_down"])}</h2>
{"".join(rendered[1:])}
<h2>{html.escape(text["list_heading"])}</h2>
<table><thead><tr><th>{text["col_intervention"]}</th><th>{text["col_provider"]}</th><th>{text["col_status"]}</th><th>{text["col_precarity"]}</th><th>{text["col_evidence"]}</th></tr></thead><tbody>{rows}</tbody></table>
{_sources_block(_)}
</body></html>"""


@functools.cache
def profile_stylesheets() -> str:
    """The app's stylesheets for a profile, read once."""
    return "\n".join(
        (config.ASSETS_DIR / name).read_text(encoding="utf-8") for name in PROFILE_STYLESHEETS
    )


def build_profile_report(
    context: AppContext,
    *,
    body: str,
    area_name: str,
    lang: str,
    generated: dt.datetime | None = None,
    notices: Sequence[str] = (),
) -> str:
    """An area's profile as a self-contained HTML file: ``body`` is the profile's own page as
    static HTML (``dashboard/web/static_page.py``), with its charts inline; around it, the file's
    title, when it was made, any link settings that were not recognised, and the sources."""
    _ = i18n.locale_for(lang)
    generated = generated or dt.datetime.now()
    text = {
        "title": _("{area}: profile (VAWDASV perpetration interventions)").format(area=area_name),
        "generated": _(
            "Report of this profile, generated {date} from the dashboard; data checked {checked}. "
            "It opens offline and shows the profile as the dashboard did."
        ).format(date=generated.strftime("%Y-%m-%d %H:%M"), checked=context.data_date),
        "not_recognised": _("Some link settings were not recognised:"),
    }
    style = profile_stylesheets() + STYLE + PROFILE_STYLE
    return f"""{_head(lang, text["title"], style)}
<p class="small report-generated">{html.escape(text["generated"])}</p>
{_notice_block(text["not_recognised"], notices)}{body}
{_sources_block(_)}
</body></html>"""


def _head(lang: str, title: str, style: str) -> str:
    """The file's start: its language, title and style, and the inlined scripts."""
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{html.escape(title)}</title>
<style>{style}</style>
{inline_scripts()}</head><body>"""


def _sources_block(_) -> str:
    """The sources at the foot of every report, in its language."""
    lines = (
        _(
            "Boundaries and population: Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right 2024."
        ),
        _(
            "Interventions: curated from five public documents; each row in the dashboard's directory cites its source and quotes its evidence."
        ),
    )
    paragraphs = "".join(f'<p class="small">{html.escape(line)}</p>' for line in lines)
    # Translated outside the f-string, where Babel's extractor finds it.
    heading = _("Sources")
    return f"<h2>{html.escape(heading)}</h2>\n{paragraphs}"


def _coverage_block(view: OverviewView) -> str:
    """How the sources cover the map's areas, whether they are compared and why, and what the
    2023 survey found about them: the words beside the overview's map."""
    _ = view.locale
    parts = [
        f"<h2>{html.escape(_('How the sources cover these areas'))}</h2>",
        f"<p>{html.escape(view.comparison.reason)}</p>",
    ]
    if view.coverage_key:
        items = "".join(
            f'<li><span style="display:inline-block;width:1em;height:1em;border:1px solid '
            f'#4d4d4d;background:{theme.COVERAGE_COLOURS[klass]};margin-right:.4em"></span>'
            f"<strong>{html.escape(_(coverage_text.CLASS_LABELS[klass]))}</strong>: "
            f"{html.escape(statement)}. {html.escape(', '.join(areas))}</li>"
            for klass, statement, areas in view.coverage_key
        )
        parts.append(f"<ul>{items}</ul>")
    if view.comparison.offer:
        parts.append(f'<p class="small">{html.escape(view.comparison.offer)}</p>')
    sentence, quote, source = view.survey_finding
    if sentence:
        parts.append(
            f"<h3>{html.escape(_('What the 2023 survey found'))}</h3><p>{html.escape(sentence)}</p>"
            f'<blockquote><span lang="en">“{html.escape(quote)}”</span> '
            f'<cite class="small">{cite_html(source)}</cite></blockquote>'
        )
    return "\n".join(parts)


def cite_html(text: str) -> str:
    """A readable citation as HTML: its document's English title marked ``lang="en"``."""
    before, title, after = citations.title_parts(text)
    if not title:
        return html.escape(text)
    return f'{html.escape(before)}<span lang="en">{html.escape(title)}</span>{html.escape(after)}'


def _fact_html(fact) -> str:
    """One dated fact: its value, date, source (as published) and quote."""
    value = (
        f'<span lang="en">{html.escape(fact.value)}</span>'
        if fact.as_published
        else f"<strong>{html.escape(fact.value)}</strong>"
    )
    if not fact.citation:
        return value
    quote = f' <q lang="en">{html.escape(fact.quote)}</q>' if fact.quote else ""
    return f"{value} · {html.escape(fact.date)} · <cite>{cite_html(fact.citation)}</cite>{quote}"


def _changes_block(context: AppContext, view: OverviewView) -> str:
    """What changed between the wave before and the wave shown (in the view's area, when one is
    selected), each change with its two dated facts; counts only where both waves' sources cover
    the areas alike."""
    _ = view.locale
    level = view.level if view.level in ("region", "force") else "region"
    area = view.area if view.level == level else None
    summary = changes.change_summary(context, view.lang, level=level, area=area)
    if summary is None:
        return ""
    # The waves' names quoted, as names: "From “As described in …” (2020-11) to …".
    span = _("From “{earlier}” ({first}) to “{later}” ({last}).").format(
        earlier=summary.earlier.label,
        first=summary.earlier.date,
        later=summary.later.label,
        last=summary.later.date,
    )
    parts = [
        f"<h2>{html.escape(_('What changed'))}</h2>",
        f"<p>{html.escape(span)}</p>",
        f"<p><strong>{html.escape(summary.reason)}</strong></p>",
    ]
    if summary.counts:
        items = "".join(
            f"<li>{html.escape(label)}: {_.number(count)}</li>"
            for _c, label, count in summary.counts
        )
        parts.append(f"<ul>{items}</ul>")
    items = []
    for line in (*summary.lines, *summary.planned):
        details = "".join(
            f"<li>{html.escape(field.label)} ({html.escape(field.kind)}): "
            f"{html.escape(_('Before:'))} {_fact_html(field.before)}; "
            f"{html.escape(_('After:'))} {_fact_html(field.after)}</li>"
            for field in line.fields
        )
        if not details and line.evidence is not None:
            details = f"<li>{html.escape(_('Source:'))} {_fact_html(line.evidence)}</li>"
        relation = f" ({html.escape(line.relation)})" if line.relation else ""
        items.append(
            f"<li><strong>{html.escape(line.category_label)}</strong>: "
            f'<span lang="en">{html.escape(line.name)}</span>{relation}<ul>{details}</ul></li>'
        )
    if items:
        parts.append(f"<ul>{''.join(items)}</ul>")
    else:
        none_changed = _("No service changed here between these waves.")
        parts.append(f"<p>{html.escape(none_changed)}</p>")
    return "\n".join(parts)


def _notice_block(heading: str, notices: Sequence[str]) -> str:
    if not notices:
        return ""
    items = "".join(f"<li>{html.escape(notice)}</li>" for notice in notices)
    return f'<div class="notice"><strong>{html.escape(heading)}</strong><ul>{items}</ul></div>\n'
