"""The browser's own string trimming and number parsing, kept from Dash's polyfill
(dashboard/web/engine_builtins.py): on a page that has drawn its charts, ``trim`` and
``parseFloat`` are the browser's own functions (the same source as those of a fresh frame,
which no script of the page has touched), and they behave as the standard says."""

from __future__ import annotations

import pytest

from tools.browser import severe

pytestmark = pytest.mark.browser

#: For each function the polyfill replaces: whether the page's is the browser's own. A function
#: the polyfill defined has JavaScript source; the polyfill also patches the page's
#: ``Function.prototype.toString``, so a fresh frame's is asked.
OWN_FUNCTIONS_JS = """
const frame = document.createElement('iframe');
document.body.appendChild(frame);
const source = f => frame.contentWindow.Function.prototype.toString.call(f);
const own = f => /\\{ \\[native code\\] \\}$/.test(source(f));
const result = {
  trim: own(String.prototype.trim),
  trimStart: own(String.prototype.trimStart),
  trimEnd: own(String.prototype.trimEnd),
  parseInt: own(window.parseInt) && Number.parseInt === window.parseInt,
  parseFloat: own(window.parseFloat) && Number.parseFloat === window.parseFloat,
  trimmed: ' \\u00a0 a b \\n'.trim(),
  parsed: [parseFloat(' 2.5e1x'), parseInt(' 0x1A'), parseInt('12px', 10)],
};
frame.remove();
return result;
"""


def test_the_overview_uses_the_browsers_own_trim_and_number_parsing(dash_duo, open_page):
    open_page("/")
    dash_duo.wait_for_element("#ov-map .js-plotly-plot")
    result = dash_duo.driver.execute_script(OWN_FUNCTIONS_JS)
    assert result == {
        "trim": True,
        "trimStart": True,
        "trimEnd": True,
        "parseInt": True,
        "parseFloat": True,
        "trimmed": "a b",
        "parsed": [25, 26, 12],
    }
    assert severe(dash_duo.driver.get_log("browser")) == []
