/* Puts back the browser's own string trimming and number parsing that
   engine-builtins-keep.js kept before Dash's polyfill replaced them (see there, and
   dashboard/web/engine_builtins.py). Runs after the polyfill: Dash loads the app's assets after
   its own dependencies. Each is put back only if the browser had it. */
(function () {
  'use strict';
  var kept = window.__engineBuiltins;
  if (!kept) { return; }
  Object.keys(kept.text).forEach(function (name) {
    if (typeof kept.text[name] === 'function') {
      Object.defineProperty(String.prototype, name, {
        value: kept.text[name], writable: true, configurable: true, enumerable: false
      });
    }
  });
  ['parseInt', 'parseFloat'].forEach(function (name) {
    if (typeof kept[name] === 'function') {
      Object.defineProperty(window, name, {
        value: kept[name], writable: true, configurable: true, enumerable: false
      });
      Object.defineProperty(Number, name, {
        value: kept[name], writable: true, configurable: true, enumerable: false
      });
    }
  });
})();
