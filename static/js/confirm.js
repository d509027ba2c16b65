/* Forms that help (loaded on every page).
   1. Irreversible actions ask first: a <form data-confirm="Question?"> shows window.confirm before submitting
      (data-confirm on the submit button wins over the form's). The question comes only for a valid form:
      an invalid one (the browser's checkValidity: required, min/max, maxlength) goes to the server without
      a question and without being signed, and the page comes back with the error summary. Never "This is
      final" first and the error after.
   2. After a refused POST the error summary (or any [data-focus-on-load], e.g. the bulk approval's summary)
      takes the focus, so the keyboard and the screen reader start there; its links focus their field. */
(function () {
  "use strict";
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!(form instanceof HTMLFormElement)) {
        return;
      }
      var submitter = event.submitter;
      var question =
        (submitter && submitter.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
      if (!question) {
        return;
      }
      if (!form.checkValidity()) {
        // Nothing to confirm yet: let the server say what is missing (no signing of an invalid form).
        event.stopImmediatePropagation();
        return;
      }
      if (!window.confirm(question)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );

  function focusField(link) {
    var id = decodeURIComponent((link.getAttribute("href") || "").slice(1));
    var field = id && document.getElementById(id);
    if (!field) {
      return false;
    }
    var panel = field.closest("[data-panel]");
    if (panel && panel.hidden) {
      document.dispatchEvent(new CustomEvent("ecase:show-panel", { detail: panel.getAttribute("data-panel") }));
    }
    field.focus();
    return true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest(".error-summary a[href^='#']") : null;
    if (link && focusField(link)) {
      event.preventDefault();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var target = document.querySelector("[data-focus-on-load]");
    if (target) {
      target.focus();
    }
  });
})();
