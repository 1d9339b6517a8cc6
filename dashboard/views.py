"""Pure view builders: a state in, plain data or figures out. The callbacks only call these."""

from __future__ import annotations

from typing import Final

import numpy as np
import plotly.graph_objects as go

from dashboard import figures, i18n, model
from dashboard import vocabulary as vocab
from dashboard.context import AppContext
from dashboard.state import ViewState

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
    """Everything the overview draws for one state, as JSON-ready data (the per-user store)."""
    directory = context.directory
    _ = i18n.translator(state.lang)
    matching = model.filter_mask(directory, state.filters)
    table = model.area_table(
        directory,
        matching,
        state.level,
        state.include_all_wales,
        context.population_16_plus[state.level],
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
    in_area = model.area_mask(directory, state.level, state.area, state.include_all_wales)
    selection = matching & in_area
    breakdowns = {
        key: model.breakdown(directory, selection, column).to_dict()
        for key, (column, _title) in PANEL_BREAKDOWNS.items()
    }
    funding = model.funding_end_by_funder(directory, selection)
    rows = model.matching_rows(directory, selection, LIST_COLUMNS, limit=LIST_LIMIT)
    return {
        "level": state.level,
        "metric": state.metric,
        "area": state.area,
        "area_name": names.get(state.area, "") if state.area else "",
        "lang": state.lang,
        "include_all_wales": state.include_all_wales,
        "filters": {key: list(values) for key, values in state.filters.items()},
        "matching": int(matching.sum()),
        "total": directory.size,
        "selected": int(selection.sum()),
        "unplaced": model.unplaced_count(directory, matching, state.level, state.include_all_wales),
        "all_wales_matching": int((matching & directory.all_wales).sum()),
        "map": map_update,
        "breakdowns": breakdowns,
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


def match_text(view: dict) -> str:
    _ = i18n.translator(view["lang"])
    lang = view["lang"]
    text = _("{matching} of {total} interventions match the filters.").format(
        matching=i18n.format_number(view["matching"], lang),
        total=i18n.format_number(view["total"], lang),
    )
    if view["area"]:
        text += " " + _("{selected} of them in {area}.").format(
            selected=i18n.format_number(view["selected"], lang), area=view["area_name"]
        )
    return text


def map_note_lines(view: dict) -> list[str]:
    """Plain-text notes under the map: which areas have none, what is not placed, All Wales."""
    _ = i18n.translator(view["lang"])
    lines = []
    none = view["map"]["none_recorded"]
    if none:
        lines.append(_("No interventions recorded (grey): {areas}.").format(areas=", ".join(none)))
    else:
        lines.append(_("Every area has at least one intervention recorded."))
    if view["include_all_wales"]:
        lines.append(
            _("Includes {n} services available across all of Wales, counted in every area.").format(
                n=view["all_wales_matching"]
            )
        )
    else:
        lines.append(
            _("Excludes {n} services available across all of Wales.").format(
                n=view["all_wales_matching"]
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
        return pd.DataFrame({"category": list(counts), "interventions": list(counts.values())})
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


def directory_rows(frame, lang: str) -> list[dict]:
    """Rows for the directory grid and detail view: lists joined with commas, vocabulary
    values in the page's language; free text (names, quotes, sources) exactly as published."""
    _ = i18n.translator(lang)
    rows = []
    for record in frame.to_dict("records"):
        shown = dict(record)
        for column in VOCABULARY_COLUMNS:
            if column in shown:
                shown[column] = ", ".join(_(item) for item in vocab.split_list(shown[column]))
        shown["local_authorities"] = ", ".join(vocab.split_list(shown.get("local_authorities", "")))
        shown["aliases"] = ", ".join(vocab.split_list(shown.get("aliases", "")))
        rows.append(shown)
    return rows
