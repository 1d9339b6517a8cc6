"""Hostile input to every callback, and to the URL parser: no crash, no leak, still serving.

hypothesis builds requests for every registered server callback, shaped as dash-renderer sends
them but with malformed and hostile values (wrong types, unknown ids and slugs, huge strings,
nested junk, injection-looking text), and posts them to ``/_dash-update-component`` through
Flask's test client, one test case per callback. Every answer must be 200, or a clean 204
(nothing to update) or 400 (refused before reaching Dash); no answer may contain a traceback or a
file path; no callback may fail (the server logs any exception in a callback, and the test fails
on any error logged); and after the hostile requests a normal request, made anew, still gives the
same view as an app that never saw them. Malformed request bodies must get 400. URL pathnames and
query strings go through :func:`dashboard.views.url_parsing.parse` likewise.
"""

from __future__ import annotations

import json
import logging
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import create_app
from bench.dashclient import Session, flask_transport
from dashboard.data import vocabulary as vocab
from dashboard.domain import model
from dashboard.views import state as view_state
from dashboard.views import url_parsing
from dashboard.web import ids
from dashboard.web.errors import MAX_CONTENT_LENGTH

UPDATE = "/_dash-update-component"
#: A stack trace, or a path to a file or module on the server.
LEAKS = re.compile(
    r"Traceback \(most recent|File \"[^\"]+\", line|/work/|site-packages|/[\w.-]+\.py\b"
)
EXAMPLES = 30  # per callback: the whole file runs in well under a minute
#: The page checked before and after the hostile requests, and what is compared on it.
NORMAL_CHOICES = {(ids.LEVEL, "value"): "la", (ids.AREA, "value"): "cardiff"}
NORMAL_PROPS = (
    (ids.VIEW_KEY, "data"),
    (ids.MATCH_COUNT, "children"),
    (ids.PANEL_TITLE, "children"),
    (ids.PANEL_LIST_TOGGLE, "children"),
)

HOSTILE_TEXT = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE interventions; --",
    "../../../../etc/passwd",
    "{{7*7}}${7*7}",
    "${jndi:ldap://127.0.0.1/a}",
    "__proto__",
    "constructor",
    "\x00\x01\x02",
    "\u202e\u200b\ufeff",
    "%00%2e%2e%2f",
    "?level=la&area=cardiff&lang=cy",
    "/region/../../force/gwent",
    "/region/" + "a" * 300,
    "la",
    "gwent",
    "unknown",
    "All Wales",
    "NaN",
    "-1",
)
VOCABULARY = (
    *vocab.BEHAVIOUR_FOCUSES,
    *vocab.STATUSES,
    *vocab.SECTORS,
    *view_state.LEVELS,
    *view_state.METRICS,
    *view_state.REGION_SLUGS,
    *view_state.FORCE_SLUGS,
    "cy",
    "en",
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(HOSTILE_TEXT),
    st.sampled_from(VOCABULARY),
    st.just("x" * 200_000),  # huge
)
junk = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=6),
        st.dictionaries(
            st.one_of(st.text(max_size=12), st.sampled_from(VOCABULARY)), children, max_size=6
        ),
    ),
    max_leaves=25,
)


def key_like(valid_key: str) -> st.SearchStrategy:
    """The overview's view key (the state's URL) as a tampered browser may send it."""
    return st.one_of(
        st.just(valid_key),
        st.builds(
            lambda tail: valid_key + tail,
            st.one_of(st.text(max_size=40), st.sampled_from(HOSTILE_TEXT)),
        ),
        st.builds(
            lambda tail: "/" + tail, st.one_of(st.text(max_size=200), st.sampled_from(HOSTILE_TEXT))
        ),
        junk,
    )


def property_value(valid_key: str, prop: str, component_id) -> st.SearchStrategy:
    if component_id == ids.VIEW_KEY:
        return key_like(valid_key)
    if prop == "value":
        return st.one_of(junk, st.lists(st.sampled_from(VOCABULARY), max_size=5))
    if prop in ("search", "pathname", "href"):
        return st.one_of(junk, st.sampled_from(HOSTILE_TEXT), st.text(max_size=200))
    if prop == "clickData":
        return st.one_of(
            junk,
            st.fixed_dictionaries(
                {
                    "points": st.lists(
                        st.dictionaries(st.sampled_from(["location", "z"]), junk), max_size=3
                    )
                }
            ),
        )
    return junk


def pytest_generate_tests(metafunc):
    """One case per server callback. Which callbacks there are does not depend on the data, so
    they are read from an app on the shipped data (the fixtures are not available here)."""
    if "callback_key" in metafunc.fixturenames:
        keys = server_callbacks(create_app())
        metafunc.parametrize("callback_key", keys, ids=[short_name(key) for key in keys])


def short_name(key: str) -> str:
    """A callback's first output, and how many more it has: ``ov-map.figure+2``."""
    outputs = key.strip(".").split("...")
    return outputs[0] + (f"+{len(outputs) - 1}" if len(outputs) > 1 else "")


@pytest.fixture(scope="module")
def app(mini_context):
    """The app every hostile request goes to (shared by this module's tests)."""
    return create_app(mini_context)


def normal_page(app) -> dict:
    """What a browser shows after opening the overview and choosing Cardiff: the renderer's
    chain of callback requests, replayed by :class:`bench.dashclient.Session`."""
    session = Session(*flask_transport(app.server.test_client()))
    session.open("/")
    session.set(NORMAL_CHOICES)
    return {prop: session.props.get(prop) for prop in NORMAL_PROPS}


@pytest.fixture(scope="module")
def reference(mini_context):
    """The normal page from an app of its own, which never sees a hostile request."""
    page = normal_page(create_app(mini_context))
    assert "Cardiff" in json.dumps(page[(ids.PANEL_TITLE, "children")])
    return page


@pytest.fixture(scope="module")
def valid_key(reference):
    return reference[(ids.VIEW_KEY, "data")]


def server_callbacks(app) -> list[str]:
    return sorted(key for key, spec in app.callback_map.items() if "callback" in spec)


@st.composite
def outputs_of(draw, app, key: str):
    """The outputs a renderer names; a pattern-matching (ALL) output is a list of matching ids."""
    spec = app.callback_map[key]
    outputs = spec["output"] if isinstance(spec["output"], list) else [spec["output"]]
    listed = []
    for output in outputs:
        component_id = output.component_id
        if isinstance(component_id, dict):
            plain = {
                name: json.loads(value.to_json()) if hasattr(value, "to_json") else value
                for name, value in component_id.items()
            }
            listed.append(
                draw(st.lists(pattern_entry(plain, output.component_property, None), max_size=4))
            )
        else:
            listed.append({"id": component_id, "property": output.component_property})
    return listed if key.startswith("..") else listed[0]


PATTERN_VALUES = ("overview", "gaps", "map", "list", "behaviour", "funding-end", "sector")


def pattern_entry(pattern: dict, prop: str, value) -> st.SearchStrategy:
    """One component matching ``pattern``: its own keys, with plausible or junk values."""
    id_fields = {
        name: st.just(wanted)
        if isinstance(wanted, str)
        else st.one_of(st.sampled_from(PATTERN_VALUES), junk)
        for name, wanted in pattern.items()
    }
    entry = {"id": st.fixed_dictionaries(id_fields), "property": st.just(prop)}
    if value is not None:
        entry["value"] = value
    return st.fixed_dictionaries(entry)


def pattern_id(component_id) -> dict | None:
    """Dash keeps pattern-matching ids as JSON text in its callback map."""
    if isinstance(component_id, str) and component_id.startswith("{"):
        return json.loads(component_id)
    return component_id if isinstance(component_id, dict) else None


@st.composite
def dependency(draw, dep: dict, valid_key: str):
    pattern = pattern_id(dep["id"])
    if pattern is not None:  # pattern-matching (ALL): a list of matching components
        return draw(st.lists(pattern_entry(pattern, dep["property"], junk), max_size=4))
    item = {"id": dep["id"], "property": dep["property"]}
    if draw(st.integers(0, 9)):  # now and then the value is missing altogether
        item["value"] = draw(property_value(valid_key, dep["property"], dep["id"]))
    return item


@st.composite
def callback_request(draw, app, key: str, valid_key: str):
    spec = app.callback_map[key]
    inputs = [draw(dependency(dep, valid_key)) for dep in spec["inputs"]]
    state = [draw(dependency(dep, valid_key)) for dep in spec.get("state", [])]
    names = [
        f"{dep['id']}.{dep['property']}" for dep in spec["inputs"] if pattern_id(dep["id"]) is None
    ]
    changed = draw(
        st.lists(st.one_of(st.sampled_from(names or ["x.y"]), st.text(max_size=30)), max_size=3)
    )
    return {
        "output": key,
        "outputs": draw(outputs_of(app, key)),
        "inputs": inputs,
        "state": state,
        "changedPropIds": changed,
    }


@pytest.fixture
def no_callback_errors(caplog):
    """Fails the test on any error logged while it ran (by whichever module logs it)."""
    caplog.set_level(logging.ERROR)
    yield caplog
    failures = [record for record in caplog.get_records("call") if record.levelno >= logging.ERROR]
    assert not failures, "\n".join(
        f"{record.getMessage()}: {record.exc_info[1]!r}" if record.exc_info else record.getMessage()
        for record in failures
    )


def check(response) -> None:
    # 413: several of the huge strings together are over the body limit (errors.MAX_CONTENT_LENGTH).
    assert response.status_code in (200, 204, 400, 413), (
        response.status_code,
        response.get_data()[:300],
    )
    body = response.get_data(as_text=True)
    assert not LEAKS.search(body), body[:500]


def test_callback_survives_hostile_values(
    app, callback_key, reference, valid_key, no_callback_errors
):
    client = app.server.test_client()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(body=callback_request(app, callback_key, valid_key))
    def post_hostile(body):
        check(client.post(UPDATE, json=body))

    post_hostile()
    # Still serving, and still right: the page opened now, after the hostile requests.
    assert normal_page(app) == reference


@settings(max_examples=100, deadline=None, database=None)
@given(
    body=st.one_of(
        junk,
        st.fixed_dictionaries({"output": junk, "inputs": junk, "state": junk, "outputs": junk}),
        st.fixed_dictionaries(
            {
                "output": st.sampled_from(
                    [
                        "ov-view.data",
                        "..ov-map.figure...ov-map-note.children...ov-match-count.children..",
                        "nope.children",
                    ]
                ),
                "outputs": junk,
                "inputs": st.lists(junk, max_size=14),
                "changedPropIds": junk,
            }
        ),
    )
)
def test_malformed_bodies_are_refused(app, body):
    client = app.server.test_client()
    data = json.dumps(body)
    response = client.post(UPDATE, data=data, content_type="application/json")
    check(response)
    # Over the body limit, refused before it is read.
    assert response.status_code in ((204, 400) if len(data) <= MAX_CONTENT_LENGTH else (413,))


@pytest.mark.parametrize("raw", [b"", b"{", b"\xff\xfe", b"null", b"[1,2", b'{"output": 1}' * 1000])
def test_unparseable_bodies_are_refused(app, raw):
    response = app.server.test_client().post(UPDATE, data=raw, content_type="application/json")
    check(response)
    assert response.status_code == 400


def test_app_still_serves_a_normal_request(app, reference):
    """Whatever this module's other tests sent the shared app before (in any order)."""
    assert app.server.test_client().get("/").status_code == 200
    assert normal_page(app) == reference


urlish = st.one_of(junk, st.text(max_size=300), st.sampled_from(HOSTILE_TEXT))
queries = st.one_of(
    urlish,
    st.lists(
        st.tuples(
            st.sampled_from(
                ["level", "metric", "area", "all_wales", "lang", *model.offered_filters(), "x"]
            ),
            st.one_of(
                st.text(max_size=60), st.sampled_from(VOCABULARY), st.sampled_from(HOSTILE_TEXT)
            ),
        ),
        max_size=12,
    ).map(lambda pairs: "?" + "&".join(f"{k}={v}" for k, v in pairs)),
    st.just("?" + "behaviour_focus=stalking&" * 5000),
)


@settings(max_examples=300, deadline=None, database=None)
@given(pathname=urlish, search=queries)
def test_url_parsing_never_fails_and_round_trips(mini_context, pathname, search):
    parsed = url_parsing.parse(pathname, search, mini_context.la_slugs)
    state = parsed.state
    assert state.level in view_state.LEVELS
    assert state.metric in view_state.METRICS
    assert state.lang in ("en", "cy")
    for key, values in state.filters.items():
        assert set(values) <= set(model.offered_filters()[key][1])
        assert len(values) <= view_state.MAX_VALUES_PER_FILTER
    for message, value in parsed.problems:
        assert isinstance(message, str)
        assert isinstance(value, str)
    again = url_parsing.parse(*view_state.to_url(state), mini_context.la_slugs)
    assert again.state == state
    assert again.problems == ()


def test_a_real_csv_download_passes_the_request_guard(app, valid_key):
    """The guard must let a pattern-matching (ALL) request through as the browser sends it."""
    button = {"type": "csv", "page": "overview", "panel": "behaviour"}
    body = {
        "output": "export-csv.data",
        "outputs": {"id": "export-csv", "property": "data"},
        "inputs": [[{"id": button, "property": "n_clicks", "value": 1}]],
        "state": [
            {"id": ids.URL, "property": "search", "value": ""},
            {"id": ids.VIEW_KEY, "property": "data", "value": valid_key},
        ],
        "changedPropIds": [json.dumps(button, sort_keys=True, separators=(",", ":")) + ".n_clicks"],
    }
    response = app.server.test_client().post(UPDATE, json=body)
    assert response.status_code == 200
    download = response.get_json()["response"]["export-csv"]["data"]
    assert download["filename"] == "vawdasv-overview-behaviour.csv"
    lines = download["content"].splitlines()
    table = [line for line in lines if not line.startswith("# ")]
    assert lines[0].startswith("# Source: ")
    assert table[0].startswith("category,interventions")
