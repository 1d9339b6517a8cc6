"""Pure view builders: a state in, plain data or figures out. The callbacks only call these."""

from __future__ import annotations

from typing import Final

import numpy as np
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.domain import counting, model
from dashboard.domain import vocabulary as vocab
from dashboard.domain.context import AppContext
from dashboard.views import figures
from dashboard.views.state import ViewState

#: Most rows the overview lists (the directory page has them all, in a virtualised grid). Every
#: row is eight components that dash-renderer re-renders on each update: at 200 rows a browser spent
#: 24 s drawing one update (benchmark, 1,000 interventions); 50 covers the whole shipped directory.
LIST_LIMIT: Final = 50
LIST_COLUMNS: Final = (
    "id",
    "name",
    "provider",
    "police_force_areas",
    "vawdasv_regions",
    "status",
    "precarity",
    "evidence_rung",
)
PANEL_BREAKDOWNS: Final = {
    "behaviour": ("behaviour_focus", "Behaviour focus"),
    "evidence": ("evidence_rung", "Evaluation and accreditation"),
    "precarity": ("precarity", "Funding precarity"),
    "risk": ("risk_level", "Risk level"),
    "purpose": ("purpose", "Purpose"),
    "tier": ("service_tier", "Service tier"),
    "sector": ("sector", "Sector"),
}


def compute_view(context: AppContext, state: ViewState) -> dict:
    """Everything the overview draws for one state, as JSON-ready data (the per-user store).

    Counted through :mod:`dashboard.domain.counting`: the provision scope (current by default), local
    services with all-Wales services beside them unless added, shares over known values.
    """
    directory = context.directory
    _ = i18n.translator(state.lang)
    scope = counting.provision_mask(directory, state.provision)
    matching = model.filter_mask(directory, state.filters) & scope
    table = counting.area_counts(
        directory,
        matching,
        state.level,
        state.include_all_wales,
        context.population_16_plus[state.level],
    )
    wales = counting.wales_comparator(
        directory,
        matching,
        state.level,
        state.include_all_wales,
        context.population_16_plus["wales"]["wales"],
    )
    names = context.names(state.lang, state.level)
    map_update = figures.map_values(
        table,
        level=state.level,
        metric=state.metric,
        names=names,
        selected=state.area,
        _=_,
        lang=state.lang,
    )
    selection = matching & selected_services(directory, state)
    breakdowns: dict[str, dict] = {}
    coverage: dict[str, dict] = {}
    for key, (column, _title) in PANEL_BREAKDOWNS.items():
        counts, known, services = counting.breakdown_with_known(directory, selection, column)
        breakdowns[key] = counts.to_dict()
        coverage[key] = {"known": known, "services": services}
    funding = model.funding_end_by_funder(directory, selection)
    rows = model.matching_rows(directory, selection, LIST_COLUMNS, limit=LIST_LIMIT)
    national = counting.national_mask(directory)
    return {
        "level": state.level,
        "metric": state.metric,
        "area": state.area,
        "area_name": names.get(state.area, "") if state.area else "",
        "lang": state.lang,
        "include_all_wales": state.include_all_wales,
        "provision": state.provision,
        "filters": {key: list(values) for key, values in state.filters.items()},
        "matching": int(matching.sum()),
        "total": int(scope.sum()),
        "directory_size": directory.size,
        "not_current": int((~counting.current_mask(directory)).sum()),
        "selected": int(selection.sum()),
        "unplaced": counting.unplaced(
            directory, matching, state.level, state.include_all_wales
        ),
        "all_wales_matching": int((matching & national).sum()),
        "wales": {
            "count": wales.count,
            "per_100k": wales.per_100k,
            "includes_all_wales": wales.includes_all_wales,
        },
        "map": map_update,
        "breakdowns": breakdowns,
        "coverage": coverage,
        # Every kind is counted unless filtered out; the note under the map says how many of each.
        "kinds": {
            kind: int(count)
            for kind, count in model.breakdown(directory, matching, "kind").items()
            if count
        },
        "funding_end": {
            "years": [str(year) for year in funding.index],
            "funders": list(funding.columns),
            "values": funding.to_numpy().tolist(),
        },
        "current_year": directory.current_year,
        "areas": table.assign(area_name=table["area_id"].map(names)).to_dict("records"),
        "rows": rows.to_dict("records"),
        "rows_total": int(selection.sum()),
    }


def selected_services(directory: model.Directory, state: ViewState) -> np.ndarray:
    """The services counted in the selected area (all of Wales, national included, if none)."""
    ids = directory.area_ids.get(state.level, ())
    if not state.area or state.area not in ids:
        return np.ones(directory.size, dtype=bool)
    column = ids.index(state.area)
    return counting.counted_matrix(directory, state.level, state.include_all_wales)[:, column]


def coverage_text(view: dict, key: str) -> str:
    """ "known for 4 of 13": how many of the counted services have the panel's attribute."""
    _ = i18n.translator(view["lang"])
    cover = view.get("coverage", {}).get(key)
    if not cover:
        return ""
    return _("known for {known} of {services}").format(
        known=i18n.format_number(cover["known"], view["lang"]),
        services=i18n.format_number(cover["services"], view["lang"]),
    )


def value_labels(_: i18n.Translate, values) -> dict[str, str]:
    return {value: _(value) for value in values}


def panel_figure(view: dict, key: str) -> go.Figure:
    """One drill-down bar chart from the computed view."""
    series, labels, title_text = panel_chart_inputs(view, key)
    _ = i18n.translator(view["lang"])
    return figures.bar_chart(series, labels=labels, title=title_text, _=_, lang=view["lang"])


def panel_chart_inputs(view: dict, key: str) -> tuple:
    """The counts, bar labels and title of one drill-down bar chart."""
    _ = i18n.translator(view["lang"])
    _column, title = PANEL_BREAKDOWNS[key]
    counts = view["breakdowns"][key]
    import pandas as pd

    series = pd.Series(counts, dtype="int64")
    if key == "behaviour":
        # Gaps are the point: the behaviours the survey names as gaps are always listed.
        labels = {
            value: _(value) + (" *" if value in vocab.GAP_BEHAVIOUR_FOCUSES else "")
            for value in series.index
        }
    else:
        labels = value_labels(_, series.index)
    if key == "behaviour":
        title_text = _("Behaviour focus (* a gap named by the 2023 survey)")
    else:
        title_text = _(title)
    coverage = coverage_text(view, key)
    if coverage:
        # On a line of its own, so that long (Welsh) titles stay clear of the chart toolbar.
        title_text = f"{title_text}<br><span style='font-size:13px'>{coverage}</span>"
    return series, labels, title_text


def funding_end_figure(view: dict) -> go.Figure:
    import pandas as pd

    _ = i18n.translator(view["lang"])
    data = view["funding_end"]
    table = pd.DataFrame(
        np.array(data["values"], dtype=int).reshape(len(data["years"]), len(data["funders"])),
        index=data["years"],
        columns=data["funders"],
    )
    return figures.funding_end_chart(
        table,
        current_year=view["current_year"],
        labels=value_labels(_, data["funders"]),
        title=_("When funding ends, by funder"),
        _=_,
        lang=view["lang"],
    )


def provision_label(view: dict) -> str:
    """Which services the figures count, in words (shown wherever a count is)."""
    _ = i18n.translator(view["lang"])
    if view.get("provision") == counting.ALL_STATUSES:
        return _("All statuses: ended and planned services included")
    return _("Current provision: active and pilot services")


def match_text(view: dict) -> str:
    _ = i18n.translator(view["lang"])
    lang = view["lang"]
    if view.get("provision") == counting.ALL_STATUSES:
        text = _("{matching} of {total} interventions (all statuses) match the filters.")
    else:
        text = _("{matching} of {total} current interventions match the filters.")
    text = text.format(
        matching=i18n.format_number(view["matching"], lang),
        total=i18n.format_number(view["total"], lang),
    )
    if view["area"]:
        text += " " + _("{selected} of them in {area}.").format(
            selected=i18n.format_number(view["selected"], lang), area=view["area_name"]
        )
    return text


def map_note_lines(view: dict) -> list[str]:
    """Plain-text notes under the map: what is counted, areas with none, too little known,
    all-Wales services, what is not placed."""
    _ = i18n.translator(view["lang"])
    lang = view["lang"]
    lines = [provision_label(view) + "."]
    if view.get("provision") != counting.ALL_STATUSES and view.get("not_current"):
        lines.append(
            _(
                "{n} ended, planned or unknown-status services are not counted; choose "
                "'Include ended and planned services' to see them."
            ).format(n=i18n.format_number(view["not_current"], lang))
        )
    none = view["map"]["none_recorded"]
    if none:
        lines.append(
            _("No counted intervention recorded (grey): {areas}.").format(areas=", ".join(none))
        )
    too_little = view["map"].get("too_little_names", [])
    if too_little:
        lines.append(
            _("Too little known to show a share (white, dark outline): {areas}.").format(
                areas=", ".join(too_little)
            )
        )
    n = i18n.format_number(view["all_wales_matching"], lang)
    if view["include_all_wales"]:
        lines.append(
            _(
                "Includes {n} services available across all of Wales, counted in every area; "
                "the Wales comparison includes them too."
            ).format(n=n)
        )
    else:
        lines.append(
            _(
                "Local services only: +{n} available across all of Wales, not added into any "
                "area; the Wales comparison counts local services only."
            ).format(n=n)
        )
    kinds = view.get("kinds")
    if kinds:
        lines.append(
            _("Kinds counted: {list}.").format(
                list="; ".join(
                    f"{_(kind)} {i18n.format_number(count, lang)}" for kind, count in kinds.items()
                )
            )
        )
    wales = view.get("wales")
    if wales:
        lines.append(
            _("Wales: {count} services, {rate} per 100,000 aged 16+.").format(
                count=i18n.format_number(wales["count"], lang),
                rate=i18n.format_number(wales["per_100k"], lang, 1),
            )
        )
    if view["unplaced"]:
        lines.append(
            _(
                "{n} matching interventions have no recorded area at this level (the area is unknown, "
                "or recorded only more broadly) and are not on this map."
            ).format(n=view["unplaced"])
        )
    return lines


def panel_table(view: dict, panel: str):
    """The data behind one overview panel, as drawn, for CSV download (None when unknown)."""
    import pandas as pd

    if panel in view.get("breakdowns", {}):
        counts = view["breakdowns"][panel]
        cover = view.get("coverage", {}).get(panel, {})
        return pd.DataFrame(
            {
                "category": list(counts),
                "interventions": list(counts.values()),
                # The coverage travels with the numbers: how many counted services have the
                # attribute known, out of how many, and which services were counted.
                "known_for": cover.get("known"),
                "services_counted": cover.get("services"),
                "provision": view.get("provision", counting.CURRENT),
                "all_wales_services_added": view.get("include_all_wales", False),
            }
        )
    if panel == "funding-end":
        data = view["funding_end"]
        frame = pd.DataFrame(data["values"], index=data["years"], columns=data["funders"])
        return frame.rename_axis("funding_end").reset_index()
    if panel == "map":
        return pd.DataFrame(view["areas"])
    if panel == "list":
        return pd.DataFrame(view["rows"])
    return None


def panel_alternative(view: dict, key: str) -> tuple[str, tuple[str, str], list[tuple[str, str]]]:
    """Summary sentence, table header and rows for one panel (the chart's text alternative)."""
    _ = i18n.translator(view["lang"])
    lang = view["lang"]
    if key == "funding-end":
        data = view["funding_end"]
        rows = [
            (f"{year} · {_(funder)}", i18n.format_number(data["values"][i][j], lang))
            for i, year in enumerate(data["years"])
            for j, funder in enumerate(data["funders"])
            if data["values"][i][j]
        ]
        total = sum(sum(row) for row in data["values"])
        summary = _(
            "When funding ends, by funder: {n} interventions in {k} year and funder groups."
        ).format(n=total, k=len(rows))
        return summary, (_("Financial year and funder"), _("Interventions")), rows
    _column, title = PANEL_BREAKDOWNS[key]
    counts = view["breakdowns"][key]
    rows = [(_(category), i18n.format_number(count, lang)) for category, count in counts.items()]
    listed = "; ".join(f"{label} {value}" for label, value in rows)
    summary = _("{title}: {list}.").format(title=_(title), list=listed)
    return summary, (_(title), _("Interventions")), rows


#: Directory columns whose values come from a vocabulary (translated for display).
VOCABULARY_COLUMNS: Final = (
    *vocab.LIST_COLUMNS,
    *vocab.SINGLE_COLUMNS,
    "precarity",
    "evidence_rung",
)


def directory_rows(frame, lang: str, sources=None, lookup=None) -> list[dict]:
    """Rows for the directory grid and detail view: lists joined with commas, vocabulary
    values in the page's language, the source as the document's author, year, title and
    section, local authorities by name; free text (names, quotes) exactly as published."""
    from dashboard.domain import citations

    _ = i18n.translator(lang)
    rows = []
    for record in frame.to_dict("records"):
        shown = dict(record)
        for column in VOCABULARY_COLUMNS:
            if column in shown:
                shown[column] = ", ".join(_(item) for item in vocab.split_list(shown[column]))
        codes = shown.get("local_authorities", "")
        shown["local_authorities"] = (
            citations.la_names(codes, lookup, lang)
            if lookup is not None
            else ", ".join(vocab.split_list(codes))
        )
        if sources is not None and "source" in shown:
            shown["source"] = citations.readable_citation(shown["source"], sources)
        shown["aliases"] = ", ".join(vocab.split_list(shown.get("aliases", "")))
        rows.append(shown)
    return rows
