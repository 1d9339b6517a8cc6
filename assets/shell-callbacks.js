/* The page frame's clientside callbacks (callbacks/shell.py registers them by name through
   ClientsideFunction("shell", ...)). */
window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.shell = {
  /* The notice's close button hides it. */
  closeNotice: function (clicks) {
    return clicks ? false : window.dash_clientside.no_update;
  },

  /* The document's language and the browser tab's title follow the page shown (the router's
     stores); the language is also the page element's. */
  followPage: function (lang, title) {
    if (lang) { document.documentElement.lang = lang; }
    if (title) { document.title = title; }
    return lang;
  }
};
