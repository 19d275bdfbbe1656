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
  // Tables wider than the screen scroll sideways inside .table-wrap: let keyboard users reach and scroll
  // them (focusable, named by the table's caption when it has one).
  function makeScrollersFocusable(root) {
    (root || document).querySelectorAll(".table-wrap:not([tabindex])").forEach(function (wrap) {
      if (wrap.scrollWidth <= wrap.clientWidth + 1) { return; }
      wrap.setAttribute("tabindex", "0");
      var caption = wrap.querySelector("caption");
      if (caption && !wrap.hasAttribute("role")) {
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", caption.textContent.trim());
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { makeScrollersFocusable(document); });
  document.addEventListener("htmx:afterSettle", function (event) { makeScrollersFocusable(event.target); });
  var resizeTimer;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { makeScrollersFocusable(document); }, 200);
  });
  // The main navigation scrolls sideways on phones: bring a link that gets keyboard focus fully into view
  // (browsers leave a half-visible link where it is).
  document.addEventListener("focusin", function (event) {
    var link = event.target;
    if (link.closest && link.closest(".main-nav") && link.scrollIntoView) {
      link.scrollIntoView({block: "nearest", inline: "nearest"});
    }
  });
})();
