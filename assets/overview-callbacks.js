/* The overview's clientside callbacks (callbacks/overview.py registers them by name through
   ClientsideFunction("overview", ...)). The element ids are dashboard/web/ids.py's MAP
   ("ov-map") and PANEL_TITLE ("ov-panel-title"); tests/unit/test_overview_callbacks.py checks
   that they still match. */
window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.overview = {
  /* Resolves once the overview's map shows its areas (or after five seconds, so that the panels
     come even if the map cannot be drawn), after the frame that paints them. Rendering the eight
     panels and plotting their charts on a first load held the map back by a tenth of a second
     and more; mounted after it, they cost the map nothing. The areas are found as the tests and
     the benchmark find them. */
  panelsReady: function (_id, ready) {
    if (ready) { return window.dash_clientside.no_update; }
    var started = performance.now();
    return new Promise(function (resolve) {
      (function wait() {
        var map = document.getElementById("ov-map");
        var drawn = map && map.querySelector(".choroplethlocation");
        if (drawn || performance.now() - started > 5000) {
          requestAnimationFrame(function () { setTimeout(function () { resolve(true); }); });
          return;
        }
        setTimeout(wait, 20);
      })();
    });
  },

  /* The charts brought to the view shown once they are mounted, when a change came before
     they were: its answer matched no chart and left their changes (callbacks/overview_charts.py
     pending_charts: each panel's Patch and summary by panel key, with the view's key). Nothing
     when the charts show that view already (shown: the key a later answer patched them to; else
     the key they were mounted with), nor before they are mounted. The outputs are the charts'
     figures and summaries as dash-renderer matched them (pattern-matching ALL), then the key
     they now show. */
  catchUpCharts: function (pending, mounted, shown) {
    var prevent = window.dash_clientside.PreventUpdate;
    var showing = typeof shown === "string" ? shown : mounted;
    if (!pending || typeof mounted !== "string" || pending.key === showing) { throw prevent; }
    var matched = window.dash_clientside.callback_context.outputs_list;
    var panelsOf = function (list) {
      return list.map(function (output) { return output.id.panel; });
    };
    return [
      panelsOf(matched[0]).map(function (panel) {
        return pending.figures[panel] || window.dash_clientside.no_update;
      }),
      panelsOf(matched[1]).map(function (panel) {
        return pending.summaries[panel] || window.dash_clientside.no_update;
      }),
      pending.key
    ];
  },

  /* After a click on the map, once the drill-down's heading names the area, the heading comes
     into view (the map stays in sight above it on a 768-pixel-high screen). Once per click: a
     later change of the view (a filter ticked) must not take the page away from the filter.
     The click is remembered with the heading it found (rememberClick), and each scroll with the
     heading it showed (scrollToHeading): a heading this click brings scrolls the page once (a
     heading of an earlier change still on its way does not stop it), an unchanged heading (a
     filter ticked) never. */
  rememberClick: function (click) {
    if (!click) { return window.dash_clientside.no_update; }
    var heading = document.getElementById("ov-panel-title");
    return {at: Date.now(), from: heading ? heading.textContent : null};
  },

  /* Once per click, however long the heading takes to come (a rule of "within 10 s of the
     click" left a slow server's drill-down out of view): a click already scrolled for is done,
     so a later change (a filter, a level) never moves the page. */
  scrollToHeading: function (title, clicked, handled) {
    var heading = document.getElementById("ov-panel-title");
    var seen = handled && clicked && handled.at === clicked.at;
    if (!heading || !clicked || seen || title === clicked.from) {
      return window.dash_clientside.no_update;
    }
    var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    heading.scrollIntoView({behavior: still ? "auto" : "smooth", block: "start"});
    return {at: clicked.at, title: title};
  }
};
