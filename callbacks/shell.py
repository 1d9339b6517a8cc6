"""The router: pathname -> page. Pages of the same kind are not re-rendered (state lives in the URL)."""

from __future__ import annotations

from dash import Dash, Input, Output, State, dcc, html, no_update

from callbacks.review import gap_options
from dashboard import i18n
from dashboard.domain import need
from dashboard.domain.context import AppContext
from dashboard.views import directory as directory_view
from dashboard.views import review
from dashboard.views import state as view_state
from dashboard.web import ids
from layouts import directory, overview, shell
from layouts import present as present_layouts
from layouts import review as review_layouts

PAGE_KIND_STORE = "shell-page-kind"


def page_kind(pathname: object) -> str:
    path = pathname if isinstance(pathname, str) else "/"
    first = path.strip("/").split("/")[0]
    if first in ("directory", "gaps", "scorecard", "need", "funding", "present"):
        return first
    if first in ("", "region", "force"):
        return "overview"
    return "not-found"


def switch_href(pathname: str, search: str, lang: str) -> str:
    """The same view in the other language."""
    from urllib.parse import parse_qsl, urlencode

    params = [(k, v) for k, v in parse_qsl((search or "").lstrip("?")) if k != "lang"]
    params.append(("lang", "cy" if lang == "en" else "en"))
    return (pathname or "/") + "?" + urlencode(params)


def render(context: AppContext, pathname: object, search: object) -> tuple[html.Div, str]:
    """Full page for a URL, with any corrected URL values explained."""
    kind = page_kind(pathname)
    parsed = view_state.parse(pathname if kind == "overview" else "/", search, context.la_slugs)
    lang = parsed.state.lang
    _ = i18n.translator(lang)
    messages = [
        _(message) + (f" ({value[:60]})" if value else "") for message, value in parsed.problems
    ]
    path = pathname if isinstance(pathname, str) else "/"
    if kind == "overview":
        body = overview.overview_page(context, parsed.state, i18n.locale_for(lang))
        active = "/"
    elif kind == "directory":
        rows = directory_view.directory_rows(
            context.directory.frame,
            lang,
            getattr(context.bundle, "sources", None),
            context.bundle.lookup,
        )
        selected = None
        from callbacks.directory import _query_id

        selected = _query_id(search)
        body = directory.directory_page(rows, _, selected_id=selected if selected else None)
        active = "/directory"
    elif kind == "gaps":
        level, include, provision = gap_options(search)
        result = review.gap_review(
            context, level=level, include_all_wales=include, lang=lang, provision=provision
        )
        body = review_layouts.gaps_page(
            result,
            context.bundle.recommendations,
            level=level,
            include_all_wales=include,
            _=_,
            lang=lang,
            provision=provision,
        )
        active = "/gaps"
    elif kind == "scorecard":
        from callbacks.scorecard import scorecard_options
        from dashboard.domain.scorecard import scorecard_view
        from layouts.scorecard import scorecard_page

        level, include, _lang = scorecard_options(search)
        view = scorecard_view(context, level=level, include_all_wales=include, lang=lang)
        body = scorecard_page(view, _=_, lang=lang)
        active = "/scorecard"
    elif kind == "need":
        measure = need.NEED_MEASURES[1]
        result = review.need_view(
            context, measure=measure, lang=lang, provision=parsed.state.provision
        )
        body = review_layouts.need_page(
            result,
            need.secondary_series(context.bundle.criminal_justice),
            measure=measure,
            _=_,
            lang=lang,
        )
        active = "/need"
    elif kind == "funding":
        result = review.funding_view(
            context, group="funder", lang=lang, provision=parsed.state.provision
        )
        body = review_layouts.funding_page(
            result, group="funder", _=_, lang=lang, current_year=context.directory.current_year
        )
        active = "/funding"
    elif kind == "present":
        body = present_layouts.present_page(context, search, _=_, lang=lang)
        active = "/present"
    else:
        body = html.Div(
            [
                html.H1(_("Page not found")),
                html.P(_("There is no page at this address. Try the overview or the directory.")),
                dcc.Link(_("Go to the overview"), href="/"),
            ]
        )
        active = ""
    if kind == "present":
        # Slides fill the screen: no header or footer, only a quiet way back.
        page = html.Div(
            [
                html.Main(
                    [body, dcc.Store(id=ids.VIEW_KEY), dcc.Download(id=ids.EXPORT_CSV)],
                    id="main",
                    lang=lang,
                ),
                dcc.Link(
                    _("Leave presenter mode"),
                    href="/" + ("?lang=cy" if lang == "cy" else ""),
                    className="leave-present",
                ),
            ]
        )
        return page, kind
    page = html.Div(
        [
            shell.header(
                active=active, lang=lang, switch_href=switch_href(path, search or "", lang), _=_
            ),
            html.Main(
                [
                    shell.notices(messages, _),
                    *(
                        [shell.provision_links(path, parsed.state, _)]
                        if kind in ("need", "funding")
                        else []
                    ),
                    body,
                    dcc.Store(id=ids.VIEW_KEY),
                    dcc.Download(id=ids.EXPORT_CSV),
                ],
                id="main",
                lang=lang,
                className="container-fluid app-main",
            ),
            shell.footer(_, context.data_date),
        ]
    )
    return page, kind


def with_remembered_language(search: object, remembered: object) -> tuple[str, object]:
    """A link without ``lang`` opens in the language this browser last chose.

    Returns the search to render and the corrected URL search (``no_update`` when unchanged).
    """
    from urllib.parse import parse_qsl, urlencode

    text = search if isinstance(search, str) else ""
    params = parse_qsl(text.lstrip("?"))
    if any(key == "lang" for key, _value in params) or remembered not in i18n.LANGUAGES:
        return text, no_update
    if remembered == i18n.DEFAULT_LANGUAGE:
        return text, no_update
    corrected = "?" + urlencode([*params, ("lang", remembered)])
    return corrected, corrected


def register(app: Dash, context: AppContext) -> None:
    @app.callback(
        Output(ids.PAGE, "children"),
        Output(PAGE_KIND_STORE, "data"),
        Output(ids.LANG_STORE, "data"),
        Output(ids.URL, "search"),
        Input(ids.URL, "pathname"),
        State(ids.URL, "search"),
        State(PAGE_KIND_STORE, "data"),
        State(ids.LANG_STORE, "data"),
    )
    def route(pathname, search, current_kind, remembered):
        if current_kind == "overview" and page_kind(pathname) == "overview":
            # The overview keeps itself in step with the URL.
            return no_update, no_update, no_update, no_update
        search, corrected = with_remembered_language(search, remembered)
        page, kind = render(context, pathname, search)
        lang = view_state.parse("/", search).state.lang
        return page, kind, lang, corrected

    app.clientside_callback(
        "function(lang) { if (lang) { document.documentElement.lang = lang; } return lang; }",
        Output(ids.PAGE, "lang"),
        Input(ids.LANG_STORE, "data"),
    )
