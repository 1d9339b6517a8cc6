// An area's profile on paper: before printing, the page takes the A4 column widths (the
// "printing" class, see 30-profile.css) and each chart is redrawn at its column's width, so no
// chart spills out of its card; the map, beside its table on paper, is drawn lower than on
// screen (wide areas such as South Wales filled a third of its screen height). After printing,
// the charts fit the screen again.
(function () {
  // The printed map's height over its width.
  var MAP_ASPECT = 0.68;
  var screenHeights = new WeakMap();
  function plots() {
    return Array.prototype.slice.call(document.querySelectorAll(".profile .js-plotly-plot"));
  }
  window.addEventListener("beforeprint", function () {
    if (!window.Plotly || !document.querySelector(".profile")) { return; }
    if (document.body.classList.contains("printing")) { return; }
    document.body.classList.add("printing");
    plots().forEach(function (gd) {
      var width = Math.floor(gd.parentElement.getBoundingClientRect().width);
      if (width <= 0) { return; }
      var update = { width: width };
      if (gd.closest(".profile-map-cell")) {
        screenHeights.set(gd, gd.layout.height);
        update.height = Math.round(width * MAP_ASPECT);
      }
      window.Plotly.relayout(gd, update);
    });
  });
  window.addEventListener("afterprint", function () {
    if (!document.body.classList.contains("printing")) { return; }
    document.body.classList.remove("printing");
    plots().forEach(function (gd) {
      var update = { width: null, autosize: true };
      if (screenHeights.has(gd)) { update.height = screenHeights.get(gd); }
      window.Plotly.relayout(gd, update);
    });
  });
})();
