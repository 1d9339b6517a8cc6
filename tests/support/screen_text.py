"""What a page shows, as text, place by place: for the test that no English is left on a
Welsh page (tests/e2e/test_welsh_screens.py).

The page-side script reads the visible text nodes (so what print CSS hides is left out when print
media is emulated), the labels a screen reader or a form shows (``aria-label``, ``placeholder``,
``alt``; not ``title`` tooltips, which repeat text shown on the page), the browser-tab title, and each plotly chart: every text it drew (title,
axis titles, tick labels, legend, annotations), its hover templates and hover texts, and its
toolbar's button names. Text inside an element marked ``lang="en"`` is skipped: that is quoted
English, marked as such where it appears.
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
