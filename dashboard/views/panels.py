"""The drill-down charts, fast: full figures from cached templates, and ``Patch`` updates.

:func:`dashboard.views.overview.bar_figure` and :func:`dashboard.views.overview.funding_figure` build
the charts with plotly's validated objects, which costs tens of milliseconds each. Everything in a
chart that depends on the view is listed by :func:`panel_parts` (by path in the figure); the rest
depends only on the panel, so it is built once, by those same functions, and kept as a template.

* :func:`full_figure` is the template with the view's parts filled in: the same JSON as the slow
  builders give (tests/test_panels.py checks this for many views, in both languages).
* :func:`figure_patch` is a ``Patch`` assigning only those parts. Applied to any chart of the same
  panel, it gives exactly :func:`full_figure` of the new view, so after the first draw the browser
  receives values only.
"""

from __future__ import annotations

import copy
import functools

from dash import Patch

from dashboard import i18n
from dashboard.views import figure_parts, figures, panel_registry, theme
from dashboard.views import overview as overview_view
from dashboard.views.figure_parts import Parts
from dashboard.views.overview import OverviewView
from dashboard.views.panel_registry import FUNDING_END


def panel_parts(view: OverviewView, key: str) -> Parts:
    """Every part of panel ``key``'s chart that depends on the view (or its language)."""
    locale = view.locale
    if key == FUNDING_END:
        data = view.funding_end
        parts = figures.funding_end_values(
            data.table(),
            current_year=view.current_year,
            labels=overview_view.value_labels(locale, data.funders),
            locale=locale,
        )
        parts[("layout", "title", "text")] = locale(panel_registry.panel(FUNDING_END).title)
        parts[("layout", "xaxis", "title", "text")] = locale("Financial year funding ends")
        parts[("layout", "yaxis", "title", "text")] = locale("Interventions")
        return parts
    series, labels, title = overview_view.chart_inputs(
        panel_registry.panel(key), view.breakdowns[key], locale
    )
    categories = list(series.index)
    parts = figures.bar_values(series, locale=locale, complete=view.breakdowns[key].complete)
    parts[("data", 0, "y")] = [labels.get(category, category) for category in categories]
    parts[("data", 0, "marker", "color")] = [theme.BAR] * len(categories)
    parts[("layout", "title", "text")] = title
    parts[("layout", "height")] = max(200, 34 * len(categories) + 90)
    return parts


@functools.lru_cache(maxsize=64)
def _template(
    key: str, lang: str, categories: tuple[str, ...], current_year: str
) -> figure_parts.FigureJSON:
    """The chart of an empty view of this panel, built by the validated (slow) builders."""
    locale = i18n.locale_for(lang)
    if key == FUNDING_END:
        empty = overview_view.FundingEnd(years=(), funders=(), values=())
        return figure_parts.plain(overview_view.funding_figure(empty, current_year, locale))
    empty = overview_view.Breakdown(counts=dict.fromkeys(categories, 0), known=0, services=0)
    return figure_parts.plain(overview_view.bar_figure(panel_registry.panel(key), empty, locale))


def _template_for(view: OverviewView, key: str) -> figure_parts.FigureJSON:
    categories = () if key == FUNDING_END else tuple(view.breakdowns[key].counts)
    return _template(key, view.lang, categories, view.current_year)


def full_figure(view: OverviewView, key: str) -> figure_parts.FigureJSON:
    """Panel ``key``'s whole chart for ``view``, as plain JSON (what a figure property holds)."""
    return figure_parts.assign(copy.deepcopy(_template_for(view, key)), panel_parts(view, key))


def figure_patch(view: OverviewView, key: str) -> Patch:
    """A ``Patch`` that turns any drawn chart of panel ``key`` into :func:`full_figure`."""
    return figure_parts.as_patch(panel_parts(view, key))
