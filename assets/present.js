// Presenter mode, on /present and in the offline deck (which inlines this file): the keys press
// the slide buttons, and each slide's type is made as large as fits the window.
(function () {
  // Right, Down, Page Down and space: next; Left, Up, Page Up: previous; Home and End: the first
  // and last slides.
  var KEYS = {
    ArrowRight: "present-next", ArrowDown: "present-next", PageDown: "present-next", " ": "present-next",
    ArrowLeft: "present-prev", ArrowUp: "present-prev", PageUp: "present-prev",
    Home: "present-first", End: "present-last"
  };
  document.addEventListener("keydown", function (event) {
    if (!document.getElementById("present-slide")) { return; }
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var tag = (event.target && event.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") { return; }
    var button = KEYS[event.key] && document.getElementById(KEYS[event.key]);
    if (button) { event.preventDefault(); button.click(); }
  });

  // A slide too long for the window has its type lowered a step at a time (assets/40-slides.css
  // keeps every text at 18 px or more); each new slide and each new window size starts again at
  // full size. The slide fitted is marked data-fitted, for the tests.
  var STEP = 0.05, LOWEST = 0.5;
  function shown() {
    var holder = document.getElementById("present-slide");
    return holder && holder.querySelector(".slide:not([hidden])");
  }
  function tooLong(slide) {
    var text = slide.querySelector(".slide-text");
    return document.documentElement.scrollHeight > window.innerHeight ||
      document.documentElement.scrollWidth > window.innerWidth ||
      (text !== null && text.scrollHeight > text.clientHeight + 1);
  }
  var fitted = null;
  function fit(force) {
    var slide = shown();
    if (!slide || (slide === fitted && !force)) { return; }
    var root = slide.closest(".present");
    var scale = 1;
    root.style.setProperty("--slide-scale", "1");
    while (tooLong(slide) && scale > LOWEST) {
      scale = Math.round((scale - STEP) * 100) / 100;
      root.style.setProperty("--slide-scale", String(scale));
    }
    fitted = slide;
    root.setAttribute("data-fitted", slide.id);
  }
  window.presentFit = fit;
  var pending = false;
  function soon() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; fit(false); });
  }
  // Dash draws the slides after this script runs, and swaps them on every move.
  new MutationObserver(soon).observe(document.documentElement, {childList: true, subtree: true, attributes: true, attributeFilter: ["hidden"]});
  window.addEventListener("resize", function () { fit(true); });
})();
