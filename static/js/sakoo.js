// Sakoo: small progressive enhancements. No inline scripts anywhere (strict CSP).
(function () {
  "use strict";
  // htmx sends the CSRF token from the meta-less cookie on every non-GET request.
  document.addEventListener("htmx:configRequest", function (event) {
    var match = document.cookie.match(/(?:^|;\s*)(?:__Host-)?csrftoken=([^;]+)/);
    if (match) { event.detail.headers["X-CSRFToken"] = decodeURIComponent(match[1]); }
  });
  // Elements with data-confirm ask before submitting.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });
})();
