/* dash-ag-grid's script is only in the index of the grid pages (dashboard/web/grid_script.py):
   an in-app move to one of them from a page without it becomes a full load of that page. */
(function () {
  var GRID_PAGES = ['/directory'];
  var pushState = window.history.pushState;
  window.history.pushState = function (state, title, url) {
    if (url && !window.dash_ag_grid) {
      var target = new URL(url, window.location.href);
      var grid = GRID_PAGES.some(function (page) { return target.pathname.indexOf(page) === 0; });
      if (grid && target.origin === window.location.origin) {
        window.location.assign(target.href);
        return undefined;
      }
    }
    return pushState.apply(this, arguments);
  };
})();

/* Directory cells of text as the English source documents give it (names, citations): marked
   lang="en", so screen readers read it as English on a Welsh page (layouts/directory.py). */
window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {};
window.dashAgGridComponentFunctions.EnglishText = function (props) {
  // The vocabulary's "unknown" (props.notEnglish, in the page's language) is not marked.
  var marked = props.value !== props.notEnglish ? {lang: 'en'} : {};
  return window.React.createElement('span', marked, props.value);
};
