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
