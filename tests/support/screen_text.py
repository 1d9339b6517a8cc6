"""What a page shows, as text, place by place, and what on it does not fit: for the tests that no
English is left on a Welsh page and that long Welsh labels fit (tests/e2e/test_welsh_screens.py).

:data:`SCREEN_TEXT_JS` reads the visible text nodes (so what print CSS hides is left out when
print media is emulated), the labels a screen reader or a form shows (``aria-label``,
``placeholder``, ``alt``; not ``title`` tooltips, which repeat text shown on the page), the
browser-tab title, and each plotly chart: every text it drew (title, axis titles, tick labels,
legend, annotations), its hover templates and hover texts, a trace's name where its hover shows
it, and its toolbar's button names. Text inside an element marked ``lang="en"`` is skipped: that
is English quoted from the source documents, marked as such where it appears.
"""

from __future__ import annotations

#: Returns a list of ``[place, text]``.
SCREEN_TEXT_JS = r"""
const out = [];
const quoted = node => {
  const element = node.nodeType === 1 ? node : node.parentElement;
  const marked = element && element.closest('[lang]');
  return !!marked && marked !== document.documentElement && marked.lang.startsWith('en');
};
const visible = element => !element || !element.checkVisibility ||
  element.checkVisibility({checkOpacity: false, checkVisibilityCSS: true});
out.push(['browser-tab title', document.title]);
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const texts = [];
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const parent = node.parentElement;
  if (!node.textContent.trim() || quoted(node)) { continue; }
  if (parent.closest('script, style, noscript, .js-plotly-plot')) { continue; }
  if (!visible(parent)) { continue; }
  texts.push(node.textContent);
}
out.push(['page text', texts.join(' ')]);
for (const element of document.body.querySelectorAll('[aria-label], [placeholder], [alt]')) {
  if (quoted(element) || !visible(element) || element.closest('.js-plotly-plot')) { continue; }
  for (const name of ['aria-label', 'placeholder', 'alt']) {
    const value = element.getAttribute(name);
    if (value) { out.push([name + ' of <' + element.tagName.toLowerCase() + '>', value]); }
  }
}
const plots = [...document.querySelectorAll('.js-plotly-plot')];
plots.forEach((gd, index) => {
  const name = 'chart ' + (index + 1) + ' (' + (gd.parentElement.id || gd.id || 'no id') + ')';
  if (!visible(gd)) { return; }
  const drawn = [...gd.querySelectorAll('svg text')].map(t => t.textContent).filter(Boolean);
  out.push([name + ': drawn text (titles, ticks, legend)', drawn.join(' | ')]);
  const buttons = [...gd.querySelectorAll('.modebar-btn')].map(b => b.getAttribute('data-title'));
  out.push([name + ': toolbar', buttons.filter(Boolean).join(' | ')]);
  for (const trace of gd._fullData || []) {
    if (trace.visible !== true) { continue; }
    const label = name + ': trace ' + JSON.stringify(trace.name || trace.type || '');
    const strings = value => (Array.isArray(value) ? value.flat(2) : [value])
      .filter(v => typeof v === 'string');
    const templates = strings(trace.hovertemplate);
    const hover = String(trace.hoverinfo || '');
    // The trace's name is on screen in the legend (read above, as drawn) or in its hover box:
    // there unless the template gives its own <extra> part, or the hover info leaves it out.
    const nameInHover = hover !== 'skip' && hover !== 'none' && (templates.length
      ? templates.some(t => !/<extra>[^]*<\/extra>/.test(t)) : /all|name/.test(hover));
    if (nameInHover) { out.push([label + ' name (in its hover)', String(trace.name || '')]); }
    out.push([label + ' hovertemplate', templates.join(' | ')]);
    out.push([label + ' hover text', strings(trace.hovertext).concat(strings(trace.text)).join(' | ')]);
  }
});
return out.filter(([place, text]) => text && text.trim());
"""


#: Returns a list of ``[what, how]`` for each thing that does not fit: a heading or card body
#: wider than its box (its text runs out of it), or a chart's text (title, axis titles, tick
#: labels, legend, annotations) that runs under the chart's toolbar or out of the chart.
OVERFLOW_JS = r"""
const out = [];
const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
  (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
const shown = el => el.checkVisibility ? el.checkVisibility() : true;
for (const el of document.querySelectorAll('h1, h2, h3, h4, .card-body, .card-header, .slide, .slide-title, .alert')) {
  if (!shown(el)) { continue; }
  if (el.scrollWidth > el.clientWidth + 1) {
    out.push([name(el) + ' "' + el.innerText.slice(0, 60) + '"',
      'text ' + el.scrollWidth + ' px wide in a box of ' + el.clientWidth + ' px']);
  }
}
const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
for (const gd of document.querySelectorAll('.js-plotly-plot')) {
  if (!shown(gd) || !gd._fullLayout) { continue; }
  const box = gd.getBoundingClientRect();
  const bar = gd.querySelector('.modebar');
  const barBox = bar && bar.getBoundingClientRect();
  const chart = 'chart ' + (gd.parentElement.id || gd.id || '');
  for (const text of gd.querySelectorAll('.main-svg text, .main-svg .annotation-text')) {
    const content = (text.textContent || '').trim();
    if (!content) { continue; }
    const r = text.getBoundingClientRect();
    if (!r.width) { continue; }
    if (barBox && barBox.width && overlap(r, barBox)) {
      out.push([chart + ' "' + content.slice(0, 60) + '"', 'under the chart toolbar']);
    }
    if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
      out.push([chart + ' "' + content.slice(0, 60) + '"', 'outside the chart']);
    }
  }
}
return out;
"""
