// The desired-occupation picker, enhanced: the search box is a typeahead (htmx asks the same page for the
// matches), a ticked match becomes a chip (a hidden input and a "remove" button) and every change is
// announced in the picker's live region. Without JavaScript the same markup works as checkboxes and a
// GET search. No inline scripts (strict CSP).
(function () {
  "use strict";

  function labelText(root, box) {
    var label = root.querySelector("label[for='" + box.id + "']");
    return label ? label.textContent.trim() : box.value;
  }

  function setup(picker) {
    if (picker.hasAttribute("data-enhanced")) { return; }
    var chosen = picker.querySelector("[data-chosen]");
    var results = picker.querySelector("[data-results]");
    var none = picker.querySelector("[data-none]");
    var input = picker.querySelector("input[type=search]");
    var status = picker.querySelector("[role=status]");
    if (!chosen || !results || !input || !status) { return; }
    picker.setAttribute("data-enhanced", "");
    var name = picker.getAttribute("data-name");
    var max = parseInt(picker.getAttribute("data-max"), 10) || 5;

    function say(message) { status.textContent = message; }
    function refresh() { if (none) { none.hidden = chosen.querySelector("li") !== null; } }
    function has(value) {
      return Array.prototype.some.call(chosen.querySelectorAll("input"), function (el) { return el.value === value; });
    }
    function chip(value, label) {
      var item = document.createElement("li");
      item.className = "chip";
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = name;
      hidden.value = value;
      var text = document.createElement("span");
      text.textContent = label;
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "chip-remove";
      remove.setAttribute("aria-label", picker.getAttribute("data-msg-remove") + ": " + label);
      remove.textContent = "×";
      item.append(hidden, text, remove);
      return item;
    }

    // The chosen occupations the server rendered as checkboxes become chips.
    Array.prototype.slice.call(chosen.querySelectorAll("input[type=checkbox]")).forEach(function (box) {
      var item = box.closest("li");
      if (box.checked) { chosen.replaceChild(chip(box.value, labelText(chosen, box)), item); } else { item.remove(); }
    });
    refresh();

    // Ticking a match adds it as a chip and takes it out of the matches.
    results.addEventListener("change", function (event) {
      var box = event.target;
      if (!box.matches || !box.matches("input[type=checkbox]") || !box.checked) { return; }
      var label = labelText(results, box);
      if (!has(box.value) && chosen.querySelectorAll("li").length >= max) {
        box.checked = false;
        say(picker.getAttribute("data-msg-full"));
        return;
      }
      var item = box.closest("li");
      var next = item.nextElementSibling || item.previousElementSibling;
      if (!has(box.value)) { chosen.appendChild(chip(box.value, label)); }
      item.remove();
      refresh();
      say(picker.getAttribute("data-msg-added") + " " + label);
      (next ? next.querySelector("input") : input).focus();
    });

    // "×" removes a chip; focus goes to the next chip's button, else back to the search box.
    chosen.addEventListener("click", function (event) {
      var button = event.target.closest(".chip-remove");
      if (!button) { return; }
      var item = button.closest("li");
      var label = item.querySelector("span").textContent;
      var next = item.nextElementSibling || item.previousElementSibling;
      item.remove();
      refresh();
      say(picker.getAttribute("data-msg-removed") + " " + label);
      (next ? next.querySelector(".chip-remove") : input).focus();
    });

    // Enter or "Find" searches in place instead of reloading the page (unsaved answers stay).
    var searchForm = input.form;
    if (searchForm && window.htmx) {
      searchForm.addEventListener("submit", function (event) {
        event.preventDefault();
        window.htmx.trigger(input, "picker-search");
      });
    }
  }

  function init() { document.querySelectorAll("[data-occupation-picker]").forEach(setup); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
