// An area's profile on paper: before printing, the page takes the A4 column widths (the
// "printing" class, see 30-profile.css) and each chart is redrawn at its column's width, so no
// chart spills out of its card; after printing, the charts fit the screen again.
(function () {
  function plots() {
    return Array.prototype.slice.call(document.querySelectorAll(".profile .js-plotly-plot"));
  }
  window.addEventListener("beforeprint", function () {
    if (!window.Plotly || !document.querySelector(".profile")) { return; }
    if (document.body.classList.contains("printing")) { return; }
    document.body.classList.add("printing");
    plots().forEach(function (gd) {
      var width = Math.floor(gd.parentElement.getBoundingClientRect().width);
      if (width > 0) { window.Plotly.relayout(gd, { width: width }); }
    });
  });
  window.addEventListener("afterprint", function () {
    if (!document.body.classList.contains("printing")) { return; }
    document.body.classList.remove("printing");
    plots().forEach(function (gd) {
      window.Plotly.relayout(gd, { width: null, autosize: true });
    });
  });
})();
