// Our own behaviour for every page. No inline scripts (CSP script-src 'self').
(function () {
  "use strict";
  // An anonymous htmx request gets 401: keep the page (and what the user typed), ask to sign in.
  document.addEventListener("htmx:responseError", function (event) {
    if (event.detail.xhr && event.detail.xhr.status === 401) {
      window.alert(event.detail.xhr.responseText);
    }
  });
})();

// Session expiry warning two minutes before the end, without extending the session (no request
// is made); any real activity (a page load, an autosave) restarts the countdown.
(function () {
  "use strict";
  var body = document.body;
  var seconds = parseInt(body.dataset.sesja || "0", 10);
  if (!seconds) { return; }
  var timer;
  function arm() {
    window.clearTimeout(timer);
    var box = document.getElementById("ostrzezenie-sesji");
    if (box) { box.hidden = true; }
    timer = window.setTimeout(function () {
      var warning = document.getElementById("ostrzezenie-sesji");
      if (warning) { warning.hidden = false; }
    }, Math.max(0, (seconds - 120) * 1000));
  }
  document.addEventListener("doradztwo:aktywnosc", arm);
  arm();
})();

// Unsaved answers kept in this browser belong to the person who typed them: cleared on logout.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset && form.dataset.wyloguj === "1") {
    var prefix = "arkusz:" + (document.body.dataset.uzytkownik || "") + ":";
    Object.keys(window.localStorage).forEach(function (k) { if (k.indexOf(prefix) === 0) { window.localStorage.removeItem(k); } });
  }
});
