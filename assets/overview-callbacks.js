/* The overview's clientside callbacks (callbacks/overview.py registers them by name through
   ClientsideFunction("overview", ...)). The element id is dashboard/web/ids.py's MAP ("ov-map");
   tests/unit/test_overview_callbacks.py checks that it still matches. The drill-down's heading
   brought into view after a click is not a callback: assets/overview-scroll.js. */
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
  }
};
