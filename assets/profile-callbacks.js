/* An area profile's clientside callbacks (callbacks/profile.py registers them by name through
   ClientsideFunction("profile", ...)). The element id is dashboard/web/ids.py's PROFILE_MAP
   ("profile-map"). */
window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.profile = {
  /* The drill-down charts (their components, sent with the page) once the profile's map shows
     its areas (or after five seconds, so that they come even if the map cannot be drawn), after
     the frame that paints them: plotted with the page, the eight charts held the map back. */
  mountPanels: function (grid) {
    if (!grid) { return window.dash_clientside.no_update; }
    var started = performance.now();
    return new Promise(function (resolve) {
      (function wait() {
        var map = document.getElementById("profile-map");
        var drawn = map && map.querySelector(".choroplethlocation");
        if (drawn || performance.now() - started > 5000) {
          requestAnimationFrame(function () { setTimeout(function () { resolve(grid); }); });
          return;
        }
        setTimeout(wait, 20);
      })();
    });
  },

  /* The print button: the browser's print dialogue (assets/profile-print.js lays the page out
     for paper first). Its output, the button's title, is never changed. */
  printPage: function (clicks) {
    if (clicks) { window.print(); }
    return window.dash_clientside.no_update;
  }
};
