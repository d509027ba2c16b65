// The office picker of the complaint form (complaints/office_picker.py): a search box above the grouped
// <select> that hides the offices not matching what is typed. Without JavaScript the grouped <select>
// works alone. Texts come from the select's data-* attributes, already in the page's language.
"use strict";

(function () {
  function normalise(text) {
    return text.toLocaleLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ё/g, "е");
  }

  function countText(select, n) {
    if (n === 0) return select.dataset.countNone;
    if (n === 1) return select.dataset.countOne;
    return select.dataset.countMany.replace("%(n)s", String(n));
  }

  function filter(select, query, status) {
    var words = normalise(query).split(/\s+/).filter(Boolean);
    var matches = [];
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.value) return;
      var haystack = normalise(option.textContent + " " + (option.dataset.search || ""));
      var match = words.every(function (word) { return haystack.indexOf(word) !== -1; });
      option.hidden = !match;
      if (match) matches.push(option);
    });
    Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
      group.hidden = !Array.prototype.some.call(group.children, function (option) { return !option.hidden; });
    });
    if (words.length === 0) {
      select.removeAttribute("size");
      status.textContent = "";
      return;
    }
    // While searching, the matches show as an open list; one match is chosen at once.
    select.size = Math.min(Math.max(matches.length + select.querySelectorAll("optgroup:not([hidden])").length, 2), 10);
    if (matches.length === 1) matches[0].selected = true;
    status.textContent = countText(select, matches.length);
  }

  function enhance(select) {
    var id = select.id + "-search";
    var box = document.createElement("div");
    box.className = "office-search";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = select.dataset.searchLabel;
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    input.setAttribute("aria-controls", select.id);
    var hint = document.createElement("span");
    hint.className = "helptext";
    hint.id = id + "-hint";
    hint.textContent = select.dataset.searchHint;
    var status = document.createElement("span");
    status.className = "helptext";
    status.id = id + "-status";
    status.setAttribute("role", "status");
    input.setAttribute("aria-describedby", hint.id + " " + status.id);
    box.append(label, input, hint, status);
    var field = select.closest(".field") || select.parentNode;
    field.insertBefore(box, field.firstChild);

    input.addEventListener("input", function () { filter(select, input.value, status); });
    input.addEventListener("keydown", function (event) {
      // Enter or arrow down moves to the list instead of sending the form.
      if (event.key === "Enter" || event.key === "ArrowDown") {
        event.preventDefault();
        select.focus();
      }
    });
  }

  function init() {
    document.querySelectorAll("select[data-office-picker]").forEach(enhance);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
