// The search page: typeahead suggestions never reappear over results the visitor has already asked for.
// A suggestion request still pending (typing, then Enter within the 250 ms delay) is not shown once the
// search for the same words has been sent; typing again brings suggestions back.
(function () {
  "use strict";

  function searchForm(el) {
    return el && el.closest ? el.closest("form.search-form") : null;
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (!form || !form.matches || !form.matches("form.search-form")) return;
    var q = form.querySelector("[name=q]");
    form.dataset.submittedQ = q ? q.value : "";
    var box = document.getElementById("search-suggest");
    if (box) box.replaceChildren();
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "search-suggest") return;
    var form = searchForm(target);
    var q = form && form.querySelector("[name=q]");
    if (form && q && form.dataset.submittedQ === q.value) event.detail.shouldSwap = false;
  });

  document.addEventListener("input", function (event) {
    var form = searchForm(event.target);
    if (form && event.target.name === "q") delete form.dataset.submittedQ;
  });
})();
