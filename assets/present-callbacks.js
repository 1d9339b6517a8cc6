/* Presenter mode's clientside callback (callbacks/present.py registers it by name through
   ClientsideFunction("present", ...)); the keys and the fitting of each slide are
   assets/present.js. */
window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.present = {
  /* The full-screen button: the whole page full screen, or back, where the browser allows it
     (a refusal is not an error). Its output, the button's title, is never changed. */
  fullScreen: function (clicks) {
    var page = document.documentElement;
    if (clicks && document.fullscreenElement == null && page.requestFullscreen) {
      page.requestFullscreen().catch(function () {});
    } else if (clicks && document.exitFullscreen && document.fullscreenElement) {
      document.exitFullscreen();
    }
    return window.dash_clientside.no_update;
  }
};
