"""Every CSV download, built once: for a page's button (``dcc.Download``) and at its stable URL.

``/download/<page>/<panel>.csv`` followed by the page's own query gives the file the button on
that page gives (``/download/overview/map.csv?level=force&metric=per_100k``,
``/download/gaps/risk.csv?level=la``, ``/download/directory/interventions.csv?lang=cy``), so a
link to the data of a view can be kept and shared. :func:`panel_csv` builds both, so the bytes are
the same. Each file begins with ``# ...`` lines saying its source, the data's date, the period and
the settings (the canonical query), then the table as drawn (:mod:`dashboard.views.csv_export`).

``/download/survey-template.xlsx`` (``?lang=cy``) is the survey template of the 2025-26 follow-up
review (:mod:`dashboard.data.survey_template`): built once per language on first request, as it
never changes while the app runs, and revalidated by its ETag.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

import pandas as pd
from dash import Dash
from flask import Response, request

from dashboard.data import survey_template
from dashboard.domain import counting, need
from dashboard.domain.context import AppContext
from dashboard.i18n import Locale, locale_for
from dashboard.views import coverage_text as coverage_words
from dashboard.views import directory as directory_view
from dashboard.views import overview as overview_view
from dashboard.views import page_views, url_parsing
from dashboard.views import state as view_state
from dashboard.views.cache import ViewCache
from dashboard.views.csv_export import csv_document
from dashboard.views.scorecard import cell_reason

DOWNLOAD_PREFIX: Final = "/download"
#: The directory page's download: the grid's columns, then each row's source.
DIRECTORY_PANEL: Final = "interventions"
SCORECARD_PANEL: Final = "minimum-offer"
#: Panels of the gap review, the need and funding pages (the overview's come from its view).
GAP_PANELS: Final = ("behaviour", "tier", "risk")
NEED_PANELS: Final = ("indicators", "secondary")
FUNDING_PANELS: Final = ("timeline", "horizons", "classes")


@dataclass(frozen=True)
class CsvFile:
    """One download: its file name and its bytes."""

    name: str
    content: bytes


@dataclass(frozen=True)
class _Table:
    """What one download holds: the table, the page's canonical query, and its period."""

    frame: pd.DataFrame
    query: str
    period: str
    #: The file name, when not ``vawdasv-<page>-<panel>.csv``.
    name: str | None = None
    #: A scorecard's element labels in the page's language (identifier -> label), which head its
    #: columns in a Welsh file.
    element_labels: Mapping[str, str] | None = None


def _counted(locale: Locale, provision: str) -> str:
    if provision == counting.ALL_STATUSES:
        return locale("interventions of every status")
    return locale("current interventions (active and pilot)")


def _overview(context: AppContext, cache: ViewCache, panel: str, search: str) -> _Table | None:
    state = url_parsing.parse_for(context, "/", search).state
    view = page_views.overview_view(cache, context, state)
    frame = overview_view.panel_table(view, panel)
    if frame is None:
        return None
    period = view.locale("financial year {year}; {counted}").format(
        year=view.current_year, counted=_counted(view.locale, view.provision)
    )
    return _Table(frame, view_state.to_url(state)[1], period)


def _gaps(context: AppContext, cache: ViewCache, panel: str, search: str) -> _Table | None:
    if panel not in GAP_PANELS:
        return None
    settings = url_parsing.area_settings(search, context.wave_ids)
    matrices = page_views.gap_review(cache, context, settings, "en").matrices
    if panel not in matrices:
        return None
    frame = matrices[panel].reset_index(drop=True)  # a long table: one row per area and category
    locale = locale_for(settings.lang)
    return _Table(frame, view_state.area_search(settings), _counted(locale, settings.provision))


def _scorecard(context: AppContext, cache: ViewCache, panel: str, search: str) -> _Table | None:
    if panel != SCORECARD_PANEL:
        return None
    settings = url_parsing.area_settings(search, context.wave_ids)
    view = page_views.scorecard_view(cache, context, settings)
    locale = locale_for(settings.lang)
    all_wales = "-all-wales" if settings.include_all_wales else ""
    return _Table(
        view.table(describe=lambda cell, element: cell_reason(cell, element, locale=locale)),
        view_state.area_search(settings),
        _counted(locale, counting.CURRENT),
        name=f"vawdasv-minimum-offer-{settings.level}{all_wales}.csv",
        element_labels={element.id: element.label for element in view.elements},
    )


def _need(context: AppContext, cache: ViewCache, panel: str, search: str) -> _Table | None:
    if panel not in NEED_PANELS:
        return None
    state = url_parsing.parse_for(context, "/", search).state
    query = _provision_query(state)
    locale = locale_for(state.lang)
    period = locale("as stated in the period column")
    if panel == "secondary":
        frame = need.secondary_series(context.bundle.criminal_justice).drop(columns=["series"])
        return _Table(frame, query, period)
    result = page_views.need_view(cache, context, state, need.NEED_MEASURES[1])
    return _Table(result.indicators, query, period)


def _funding(context: AppContext, cache: ViewCache, panel: str, search: str) -> _Table | None:
    if panel not in FUNDING_PANELS:
        return None
    state = url_parsing.parse_for(context, "/", search).state
    table = page_views.funding_view(cache, context, state).table
    locale = locale_for(state.lang)
    period = locale("financial year {year}; {counted}").format(
        year=context.directory.current_year, counted=_counted(locale, state.provision)
    )
    return _Table(pd.DataFrame(table.drop(columns=["end_date"])), _provision_query(state), period)


def _directory(context: AppContext, _cache: ViewCache, panel: str, search: str) -> _Table | None:
    if panel != DIRECTORY_PANEL:
        return None
    lang = url_parsing.language_of(search)
    rows = directory_view.directory_rows(
        context.directory.frame, lang, context.bundle.sources, context.bundle.lookup
    )
    frame = pd.DataFrame(
        [{field: row.get(field, "") for field in directory_view.csv_fields()} for row in rows]
    )
    frame.insert(0, "id", [row["id"] for row in rows])
    return _Table(
        frame,
        view_state.query_string(lang, wave=url_parsing.wave_of(context, search)),
        locale_for(lang)("interventions of every status"),
        name="vawdasv-interventions.csv",
    )


def _provision_query(state: view_state.ViewState) -> str:
    provision = state.provision if state.provision != counting.CURRENT else None
    return view_state.query_string(state.lang, provision=provision, wave=state.wave)


#: page -> its tables: what panel names each page has is decided by its function.
Tables = Callable[[AppContext, ViewCache, str, str], _Table | None]
PAGES: Final[Mapping[str, Tables]] = MappingProxyType(
    {
        "overview": _overview,
        "gaps": _gaps,
        "need": _need,
        "funding": _funding,
        "scorecard": _scorecard,
        "directory": _directory,
    }
)


#: The pages whose settings are area settings (:func:`url_parsing.area_settings_and_problems`):
#: they compare regions and police force areas only, so a link asking them for another level is
#: refused, not answered with regions, as their pages say.
AREA_PAGES: Final = frozenset({"gaps", "scorecard"})


def download_path(page: str, panel: str) -> str:
    """The stable address of a download, without its query."""
    return f"{DOWNLOAD_PREFIX}/{page}/{panel}.csv"


def header_lines(context: AppContext, locale: Locale, address: str, period: str) -> list[str]:
    """What the file says about itself above the table (no commas: each stays one cell)."""
    source = locale(
        "{file} (the directory of perpetration interventions in Wales); boundaries and population: Office for National Statistics (Open Government Licence v3.0)"
    ).format(file=context.bundle.interventions_source)
    return [
        locale("Source: {source}").format(source=source),
        locale("Data checked: {date}").format(date=context.data_date),
        coverage_words.coverage_line(context, locale),
        locale("Period: {period}").format(period=period),
        locale("Settings: {address}").format(address=address),
    ]


def panel_csv(
    context: AppContext,
    cache: ViewCache,
    page: object,
    panel: object,
    search: object,
    *,
    only_ids: Sequence[str] | None = None,
) -> CsvFile | None:
    """The CSV of one panel of one page for the page's query ``search`` (None when the page or
    panel is unknown). ``only_ids``: the directory's rows to keep, in that order (the grid's
    shown rows); the stable URL has every row. Each page's view comes through ``cache``, so a
    download of what a page shows finds the view the page computed."""
    if not isinstance(page, str) or not isinstance(panel, str) or page not in PAGES:
        return None
    search = search if isinstance(search, str) else ""
    # The wave asked for: the file holds its picture, and its header lines say which.
    context = context.at(url_parsing.wave_of(context, search))
    table = PAGES[page](context, cache, panel, search)
    if table is None:
        return None
    frame = table.frame
    if only_ids is not None and "id" in frame:
        order = {row_id: index for index, row_id in enumerate(only_ids)}
        frame = frame[frame["id"].isin(order)]
        frame = frame.iloc[frame["id"].map(order).argsort()]
    locale = locale_for(url_parsing.language_of(search))
    address = download_path(page, panel) + table.query
    content = csv_document(
        frame,
        header_lines(context, locale, address, table.period),
        lang=locale.lang,
        element_labels=table.element_labels,
    )
    return CsvFile(name=table.name or f"vawdasv-{page}-{panel}.csv", content=content)


@dataclass(frozen=True)
class TemplateFile:
    """The survey template in one language: its bytes, file name and ETag (a hash of the bytes)."""

    name: str
    content: bytes
    etag: str


def survey_template_file(context: AppContext, lang: str) -> TemplateFile:
    """The survey template in ``lang``, its areas from the data the app shows."""
    content = survey_template.template_bytes(lang, context.bundle.lookup)
    return TemplateFile(
        name=survey_template.file_name(lang),
        content=content,
        etag=hashlib.sha256(content).hexdigest()[:32],
    )


def _settings_problem(context: AppContext, search: str, page: str = "") -> Response | None:
    """400 naming the settings that were not recognised (for ``page``), or None when all were."""
    parsed = url_parsing.parse_for(context, "/", search)
    locale = locale_for(parsed.state.lang)
    texts = url_parsing.problem_texts(parsed, locale)
    if page in AREA_PAGES and parsed.state.level not in view_state.AREA_PAGE_LEVELS:
        texts.append(locale(url_parsing.UNKNOWN_AREA_PAGE_LEVEL) + f" ({parsed.state.level})")
    if not texts:
        return None
    lines = [locale("Some link settings were not recognised:"), *texts]
    return _text(400, "\n".join(lines))


def add_download_route(app: Dash, context: AppContext, cache: ViewCache) -> None:
    """Serve every download at ``/download/<page>/<panel>.csv?<the page's query>``, and the
    survey template at ``/download/survey-template.xlsx?lang=<en|cy>``."""

    @functools.cache  # per app and language: the template never changes while the app runs
    def template_file(lang: str) -> TemplateFile:
        return survey_template_file(context, lang)

    @app.server.route(view_state.SURVEY_TEMPLATE_PATH)
    def serve_survey_template() -> Response:
        search = "?" + request.query_string.decode("utf-8", "replace")
        problem = _settings_problem(context, search)
        if problem is not None:
            return problem
        template = template_file(url_parsing.language_of(search))
        response = Response(template.content, mimetype=survey_template.MEDIA_TYPE)
        response.headers["Content-Disposition"] = f'attachment; filename="{template.name}"'
        response.headers["Cache-Control"] = "no-cache"
        response.set_etag(template.etag)
        return response.make_conditional(request)

    @app.server.route(f"{DOWNLOAD_PREFIX}/<page>/<panel>.csv")
    def serve_download(page: str, panel: str) -> Response:
        search = "?" + request.query_string.decode("utf-8", "replace")
        problem = _settings_problem(context, search, page)
        if problem is not None:
            return problem
        locale = locale_for(url_parsing.language_of(search))
        csv_file = panel_csv(context, cache, page, panel, search)
        if csv_file is None:
            return _text(
                404,
                locale("No download at {path}. Pages with downloads: {pages}.").format(
                    path=download_path(page, panel)[:120], pages=", ".join(PAGES)
                ),
            )
        response = Response(csv_file.content, mimetype="text/csv")
        response.headers["Content-Disposition"] = f'attachment; filename="{csv_file.name}"'
        response.headers["Cache-Control"] = "no-cache"
        return response


def _text(status: int, text: str) -> Response:
    return Response(text + "\n", status=status, mimetype="text/plain")
