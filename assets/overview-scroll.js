/* After a click on an area of the overview's map, the drill-down's heading is brought into view
   once it names the new area (the map stays in sight above it on a 768-pixel-high screen). Once
   per click, however long the answer takes; a later change that keeps the heading (a filter
   ticked) never moves the page.

   Plain DOM listeners, not Dash callbacks. As two clientside callbacks (a click remembered in a
   store, then a callback on the heading's text) they put dash-renderer's bookkeeping into every
   click: a round of store updates (5-15 ms) before its request went out, and another after the
   charts were redrawn, before the frame that shows them (docs/PERFORMANCE.md, issue 25).

   The ids are dashboard/web/ids.py's MAP ("ov-map") and PANEL_TITLE ("ov-panel-title");
   tests/unit/test_overview_callbacks.py checks that they still match. */
(function () {
  "use strict";
  // The observer of the heading since the last click, until it changed, and that heading. A
  // click whose answer keeps the heading (the area already shown) leaves it watching: the next
  // change of the heading, whatever brings it, scrolls once, as the callbacks did.
  var watching = null, watched = null;

  function stopWatching() {
    if (watching) { watching.disconnect(); }
    watching = null;
    watched = null;
  }

  function headingInView(heading) {
    var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    heading.scrollIntoView({behavior: still ? "auto" : "smooth", block: "start"});
  }

  /* The click on an area (plotly's own event, as the map's clickData): the heading it found is
     remembered, and its first change after that scrolls once. */
  function clicked() {
    var heading = document.getElementById("ov-panel-title");
    if (!heading) { return; }
    var before = heading.textContent;
    stopWatching();
    watched = heading;
    watching = new MutationObserver(function () {
      if (heading.textContent === before) { return; }
      stopWatching();
      if (heading.isConnected) { headingInView(heading); }
    });
    watching.observe(heading, {childList: true, subtree: true, characterData: true});
  }

  /* plotly's click event is the graph's own, not the DOM's: it is listened to on the map's
     graph the first time a pointer goes down on it, before that press can make a click. */
  document.addEventListener("pointerdown", function (event) {
    // A heading of a page since left (its answer never came) is let go.
    if (watched && !watched.isConnected) { stopWatching(); }
    var map = document.getElementById("ov-map");
    var graph = map && event.target instanceof Element && map.contains(event.target)
      ? map.querySelector(".js-plotly-plot") : null;
    if (!graph || typeof graph.on !== "function" || graph.__headingOnClick) { return; }
    graph.__headingOnClick = true;
    graph.on("plotly_click", clicked);
  }, true);
})();
