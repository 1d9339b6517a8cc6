"""The presenter's slides as one self-contained HTML file (``/present/deck.html?lang=cy``): it
opens from disk with the network off, on the laptop beside a projector, and moves with the keys.

Built on the report's machinery (:mod:`dashboard.views.report`): the lean plotly.js and the
world topojson inlined once (:func:`report.inline_scripts`), the map's boundaries embedded
(:func:`report.map_figure`). The slides' stylesheet (``assets/40-slides.css``) and keys
(``assets/present.js``) are the ``/present`` page's own, inlined; so are the slides' mark-up
classes, so the file and the page fit the window by the same rules.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
from typing import Final

from plotly.utils import PlotlyJSONEncoder

from dashboard import config, i18n
from dashboard.domain import citations
from dashboard.domain.context import AppContext
from dashboard.i18n import Locale
from dashboard.views import figure_parts, figures_map, findings, report, slide_parts

#: The deck's stable address; ``?lang=cy`` gives it in Welsh.
DECK_PATH: Final = "/present/deck.html"
#: Type on a slide's chart or map, in pixels: a projector's audience reads it from the back.
SLIDE_CHART_FONT: Final = 18

#: What the file adds to the slides' stylesheet: no Bootstrap here, so its own buttons.
DECK_STYLE: Final = """
html,body{margin:0;background:#fff}
cite{font-style:italic}
.deck-button{font:inherit;color:#1d3557;background:#fff;border:2px solid #1d3557;border-radius:4px;cursor:pointer}
.deck-button.primary{color:#fff;background:#1d3557}
.deck-button:focus-visible{outline:3px solid #ffbf47;outline-offset:2px;box-shadow:0 0 0 5px #0b0c0c}
"""

#: Shows one slide at a time, draws each chart or map when its slide is first shown (from the
#: figures embedded in ``#deck-figures``), keeps the slide's number in the address (``#3``), and
#: answers the buttons that assets/present.js presses for the keys.
DECK_SCRIPT: Final = """
(function () {
  var slides = Array.prototype.slice.call(document.querySelectorAll("#present-slide > .slide"));
  var data = JSON.parse(document.getElementById("deck-figures").textContent);
  var current = -1;
  function draw(slide) {
    var box = slide.querySelector(".slide-figure");
    var figure = data.figures[slide.id];
    if (!box || !figure || box.firstChild) { return; }
    var plot = document.createElement("div");
    box.appendChild(plot);
    Plotly.newPlot(plot, figure.data, figure.layout, data.config);
  }
  function show(index) {
    index = Math.max(0, Math.min(slides.length - 1, index));
    if (index === current) { return; }
    slides.forEach(function (slide, i) { slide.hidden = i !== index; });
    current = index;
    try { history.replaceState(null, "", "#" + (index + 1)); } catch (error) { /* a sandboxed file */ }
    window.presentFit(true);
    draw(slides[index]);
  }
  function on(id, move) { document.getElementById(id).addEventListener("click", move); }
  on("present-next", function () { show(current + 1); });
  on("present-prev", function () { show(current - 1); });
  on("present-first", function () { show(0); });
  on("present-last", function () { show(slides.length - 1); });
  on("present-fullscreen", function () {
    if (document.fullscreenElement) { document.exitFullscreen(); }
    else if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(function () {});
    }
  });
  var asked = parseInt((location.hash || "").replace("#", ""), 10);
  show(isNaN(asked) ? 0 : asked - 1);
})();
"""


def file_name(lang: str) -> str:
    """The name the deck is saved under: the language in it, so both can sit side by side."""
    return f"vawdasv-perpetration-slides-{i18n.normalise_language(lang)}.html"


def slide_figure(
    slide: slide_parts.Slide, geometry: str | None = None
) -> figure_parts.FigureJSON | None:
    """The slide's chart or map as plain JSON, as high as the room the slide leaves it. A map is
    the overview's (:func:`figures_map.filled_map`: its parts, labels and colouring rule); with
    ``geometry`` its boundaries are embedded, as in the report, else the browser fetches them
    from the app."""
    if slide.map_view is not None:
        view = slide.map_view
        figure = (
            figures_map.filled_map(view.map, level=view.level, height=None)
            if geometry is None
            else report.map_figure(view.map, view.level, geometry, height=None)
        )
    elif slide.figure is not None:
        figure = figure_parts.plain(slide.figure)
    else:
        return None
    layout = figure.setdefault("layout", {})
    layout.pop("height", None)
    layout["autosize"] = True
    layout["font"] = {**layout.get("font", {}), "size": SLIDE_CHART_FONT}
    if slide.figure is not None:
        # The bars carry their values: the axis's numbers would only crowd a narrow chart.
        layout["xaxis"] = {**layout.get("xaxis", {}), "showticklabels": False, "showgrid": False}
    if "title" in layout:
        layout["title"] = {**layout["title"], "font": {"size": SLIDE_CHART_FONT + 2}}
    return figure


def _marked(text: str, names: tuple[str, ...]) -> str:
    """``text`` escaped, each service name in it marked as published in English."""
    return "".join(
        f'<span lang="en" class="names-as-published">{html.escape(part)}</span>'
        if is_name
        else html.escape(part)
        for part, is_name in citations.name_parts(text, names)
    )


def slide_html(
    slide: slide_parts.Slide, number: int, total: int, locale: Locale, *, drawn: bool
) -> str:
    """One slide as :func:`layouts.present.slide_view` draws it (the same classes), hidden
    until shown; ``drawn``: it has a chart or map (drawn in its ``.slide-figure`` box)."""
    points = "".join(f"<li>{_marked(point, slide.names)}</li>" for point in slide.points)
    kind = "slide-map" if slide.map_view is not None else "slide-chart"
    figure = f'<div class="slide-figure {kind}"></div>' if drawn else ""
    cited = "".join(f'; <cite lang="en">{html.escape(citation)}</cite>' for citation in slide.cited)
    sources = html.escape(locale(slide_parts.SOURCES_LABEL) + " " + "; ".join(slide.sources))
    count = locale("Slide {n} of {total}").format(n=number, total=total)
    return (
        f'<section class="slide" id="slide-{number}" hidden '
        f'aria-roledescription="{html.escape(locale("slide"))}" '
        f'aria-label="{html.escape(slide.title)}">'
        f'<h1 class="slide-title">{html.escape(slide.title)}</h1>'
        f'<div class="slide-body"><div class="slide-text">'
        f'<p class="slide-headline">{html.escape(slide.headline)}</p>'
        + (f'<ul class="slide-points">{points}</ul>' if points else "")
        + f"</div>{figure}</div>"
        f'<footer class="slide-footer"><div class="slide-footer-text">'
        f'<p class="slide-sources">{sources}{cited}.</p>'
        f'<p class="slide-caveat">{html.escape(f"{slide.dated}. {slide.caveat}")}</p>'
        f'</div><p class="slide-count">{html.escape(count)}</p></footer></section>'
    )


@functools.cache
def slide_assets() -> tuple[str, str]:
    """The /present page's stylesheet and key script, to inline (nothing in either may close
    its element early)."""
    style = (config.ASSETS_DIR / "40-slides.css").read_text(encoding="utf-8")
    script = (config.ASSETS_DIR / "present.js").read_text(encoding="utf-8")
    return style.replace("</style", "<\\/style"), script.replace("</script", "<\\/script")


def build_deck(context: AppContext, lang: str, *, today: dt.date | None = None) -> str:
    """The whole deck in ``lang`` as one HTML string (``today``: the date the funding slide
    compares stated funding ends with)."""
    locale = i18n.locale_for(lang)
    slides = findings.slides(context, locale.lang, today=today)
    figures: dict[str, dict] = {}
    sections = []
    for number, slide in enumerate(slides, start=1):
        geometry = context.bundle.geometry[slide.map_view.level] if slide.map_view else None
        figure = slide_figure(slide, geometry)
        if figure is not None:
            figures[f"slide-{number}"] = figure
        sections.append(slide_html(slide, number, len(slides), locale, drawn=figure is not None))
    plot_config = {
        "displayModeBar": False,
        "responsive": True,
        "scrollZoom": False,
        "locale": "cy" if locale.lang == "cy" else "en",
    }
    # JSON in a script element: "</" written "<\/" (the same string to JSON.parse).
    data = json.dumps({"figures": figures, "config": plot_config}, cls=PlotlyJSONEncoder)
    data = data.replace("</", "<\\/")
    style, keys = slide_assets()
    # Every text is translated here, outside the f-string, where Babel's extractor finds it.
    text = {
        "title": locale("Presenter mode – VAWDASV perpetration interventions in Wales"),
        "previous": "← " + locale("Previous"),
        "next": locale("Next") + " →",
        "full_screen": locale("Full screen"),
    }
    return f"""<!DOCTYPE html>
<html lang="{locale.lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{html.escape(text["title"])}</title>
<style>{DECK_STYLE}{style}</style>
{report.inline_scripts()}</head><body>
<main class="present" id="main">
<div id="present-slide" aria-live="polite">
{"".join(sections)}
</div>
<div class="slide-controls">
<button type="button" class="deck-button" id="present-prev">{html.escape(text["previous"])}</button>
<button type="button" class="deck-button primary" id="present-next">{html.escape(text["next"])}</button>
<button type="button" class="deck-button" id="present-fullscreen">{html.escape(text["full_screen"])}</button>
<button type="button" id="present-first" hidden></button><button type="button" id="present-last" hidden></button>
</div>
</main>
<script type="application/json" id="deck-figures">{data}</script>
<script>{keys}</script>
<script>{DECK_SCRIPT}</script>
</body></html>"""
