/* Runs before every other script of the page, so before Dash's @babel/polyfill 7 (core-js 2):
   keeps the browser's own string trimming and number parsing, which that polyfill replaces
   because its test still counts U+180E as white space (Unicode dropped it in 2013). Its
   replacements trim with a regular expression at every call, and plotly calls them for every
   attribute and label it draws: about a tenth of redrawing the overview's nine charts after a
   click (dashboard/web/engine_builtins.py says how it was measured).
   engine-builtins.js, which runs after the polyfill, puts them back. */
(function () {
  'use strict';
  var text = String.prototype;
  window.__engineBuiltins = Object.freeze({
    text: Object.freeze({
      trim: text.trim,
      trimStart: text.trimStart,
      trimEnd: text.trimEnd,
      trimLeft: text.trimLeft,
      trimRight: text.trimRight
    }),
    parseInt: window.parseInt,
    parseFloat: window.parseFloat
  });
})();
