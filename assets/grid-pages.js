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

/* The directory's source column: a citation in the page's language whose document title, as
   published in English, stands between “ and ” (dashboard/domain/citations.py, TITLE_OPEN and
   TITLE_CLOSE): only the title is marked lang="en". */
window.dashAgGridComponentFunctions.Citation = function (props) {
  var text = props.value == null ? '' : String(props.value);
  var start = text.indexOf('\u201c');
  var end = start < 0 ? -1 : text.indexOf('\u201d', start + 1);
  if (start < 0 || end < 0) { return window.React.createElement('span', null, text); }
  var h = window.React.createElement;
  return h('span', null, text.slice(0, start),
           h('span', {lang: 'en'}, text.slice(start, end + 1)), text.slice(end + 1));
};
