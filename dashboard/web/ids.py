"""Every component id, in one place. Ids are prefixed by the page they belong to."""

from __future__ import annotations

# App shell
URL = "shell-url"
PAGE = "shell-page"
LANG_STORE = "shell-lang"
LANG_SWITCH = "shell-lang-switch"
NOTICE = "shell-notice"
NOTICE_CLOSE = "shell-notice-close"

# Overview
#: The overview keeps its own Location so its URL sync never references absent components.
OV_URL = "ov-url"
LEVEL = "ov-level"
METRIC = "ov-metric"
ALL_WALES = "ov-all-wales"
PROVISION = "ov-provision"
AREA = "ov-area"
RESET = "ov-reset"
MAP = "ov-map"
MAP_NOTE = "ov-map-note"
#: Beside the map: how the sources cover the areas, why they are (not) compared, the survey's
#: own finding about them.
COVERAGE_NOTE = "ov-coverage-note"
#: Which services the map counts: every service named, or the services one source lists.
COMPARE = "ov-compare"
#: The key of the view the map (and its heading and notes) shows.
MAP_DRAWN = "ov-map-drawn"
MATCH_COUNT = "ov-match-count"
#: The browser's copy of the overview's view key: the state's canonical URL, never the view.
VIEW_KEY = "ov-view-key"
PANEL_TITLE = "ov-panel-title"
#: The drill-down's place, filled once the map is drawn: the panels, their charts and texts.
PANELS = "ov-panels"
#: Set by the browser once the map has drawn its areas: only then are the drill-down panels
#: mounted, so that rendering them does not hold the map back on a first load.
PANELS_READY = "ov-panels-ready"
#: The key of the view the drill-down panels were mounted with (absent until they are).
PANEL_CHARTS_MOUNTED = "ov-panel-charts-mounted"
#: The key of the view the mounted charts show, when a change's answer or the catch-up after
#: mounting patched them (None: the view they were mounted with, ``PANEL_CHARTS_MOUNTED``).
CHARTS_SHOWN = "ov-charts-shown"
#: The charts' changes a change's answer leaves while no chart is mounted (each panel's Patch
#: and summary, with the view's key), applied in the browser once they are.
PENDING_CHARTS = "ov-pending-charts"
PANEL_LIST = "ov-panel-list"
#: The list's disclosure: its summary (the toggle, naming how many) and the list drawn while open.
PANEL_LIST_TOGGLE = "ov-panel-list-toggle"
#: The 2023 survey's published figures: the toggle, and the table drawn while open.
SURVEY_TOGGLE = "ov-survey-toggle"
SURVEY_TABLE = "ov-survey-table"
#: The overview's heading (the selected area's name) and the link to the area's profile.
OV_TITLE = "ov-title"
PROFILE_LINK = "ov-profile-link"

# An area's profile (/force/<area>, /region/<area>)
PROFILE_MAP = "profile-map"
PROFILE_PRINT = "profile-print"
#: A profile's drill-down charts: their place, filled once the profile's map is drawn, and the
#: charts themselves (the components, as JSON), sent with the page.
PROFILE_PANELS = "profile-panels"
PROFILE_PANELS_LAYOUT = "profile-panels-layout"
#: Pattern-matching id types ({"type": ..., "panel": <panel key>}) of each chart's "Show as
#: table" toggle and of the table it opens.
CHART_TABLE_TOGGLE = "ov-chart-table-toggle"
CHART_TABLE = "ov-chart-table"
#: Pattern-matching id types of each overview chart and of its one-line summary: a change's one
#: answer updates every chart mounted (``ALL``: none before the panels are mounted).
PANEL_GRAPH = "ov-panel-graph"
PANEL_SUMMARY = "ov-panel-summary"


def profile_graph(key: str) -> str:
    """Id of the graph of one drill-down panel on an area's profile (drawn with the page)."""
    return f"profile-panel-{key}"


def panel_graph(key: str) -> dict[str, str]:
    """Id of the graph of one drill-down panel of the overview (see
    dashboard.views.panel_registry)."""
    return {"type": PANEL_GRAPH, "panel": key}


def panel_summary(key: str) -> dict[str, str]:
    """Id of the one-line summary of one drill-down panel's chart on the overview."""
    return {"type": PANEL_SUMMARY, "panel": key}


def panel_name(key: str) -> str:
    """Id of the element holding one overview chart's summary, which names the chart
    (``aria-labelledby`` takes plain ids)."""
    return f"ov-panel-{key}-name"


def filter_id(key: str) -> str:
    """Id of the overview's filter dropdown for one filter key."""
    return f"ov-filter-{key.replace('_', '-')}"


# Directory page
GRID = "dir-grid"
GRID_SEARCH = "dir-search"
GRID_SEARCH_HINT = "dir-search-hint"
GRID_EXPORT = "dir-export"
#: The directory's own download (its rows are the grid's shown rows, sent by the browser).
GRID_DOWNLOAD = "dir-download"
GRID_DETAIL = "dir-detail"
GRID_DETAIL_BODY = "dir-detail-body"
GRID_DETAIL_CLOSE = "dir-detail-close"
GRID_COUNT = "dir-count"
#: The links to the survey template of the follow-up review, in English and in Welsh.
SURVEY_TEMPLATE_EN = "dir-survey-template-en"
SURVEY_TEMPLATE_CY = "dir-survey-template-cy"

# Gap review
GAPS_LEVEL = "gaps-level"
GAPS_ALL_WALES = "gaps-all-wales"
GAPS_PROVISION = "gaps-provision"
GAPS_BEHAVIOUR = "gaps-behaviour"
GAPS_TIER = "gaps-tier"
GAPS_RISK = "gaps-risk"
GAPS_FINDINGS = "gaps-findings"
GAPS_URL = "gaps-url"

# Minimum-offer scorecard
SC_URL = "sc-url"
SC_LEVEL = "sc-level"
SC_ALL_WALES = "sc-all-wales"
SC_BODY = "sc-body"
SC_CSV = "sc-csv"
SC_DOWNLOAD = "sc-download"

# Need beside provision
NEED_SCATTER_MEASURE = "need-measure"
NEED_SCATTER = "need-scatter"

# Funding cliff-edge
FUNDING_GROUP = "funding-group"
FUNDING_TIMELINE = "funding-timeline"

# Presenter
PRESENT_SLIDE = "present-slide"
PRESENT_NEXT = "present-next"
PRESENT_PREV = "present-prev"
PRESENT_URL = "present-url"
PRESENT_FULLSCREEN = "present-fullscreen"
#: Pressed by Home and End (assets/present.js; the offline deck has buttons with the same ids).
PRESENT_FIRST = "present-first"
PRESENT_LAST = "present-last"
PRESENT_DECK = "present-deck"

# Exports
EXPORT_CSV = "export-csv"
EXPORT_REPORT = "export-report"
EXPORT_REPORT_BUTTON = "export-report-button"

# The page comparing two waves (/changes) and the "as at" links of every page.
CH_URL = "changes-url"
CH_FROM = "changes-from"
CH_TO = "changes-to"
CH_LEVEL = "changes-level"
CH_BODY = "changes-body"
CH_COUNTS = "changes-counts"
CH_MAP = "changes-map"
CH_REASON = "changes-reason"
WAVE_LINKS = "wave-links"
WAVE_LINK = "wave-link"
