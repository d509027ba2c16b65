/* Small screens (ecase.css, max-width 720px / 600px):
   1. The header menu folds behind a disclosure button (aria-expanded, aria-controls). Without this script the
      button stays hidden and the menu open, so every link is still reachable.
   2. Data tables become cards under 600px: each cell gets its column's header as data-label, which the CSS
      shows before the value. The ARIA table roles are set explicitly because a table whose rows are laid out
      as blocks loses its table semantics in some browsers. Tables htmx swaps in are labelled too. */
(function () {
  "use strict";

  function setupMenu() {
    var button = document.querySelector("[data-menu-toggle]");
    var menu = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) {
      return;
    }
    function set(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("open", open);
    }
    set(false);
    document.documentElement.classList.add("menu-ready");
    button.addEventListener("click", function () {
      set(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        set(false);
        button.focus();
      }
    });
  }

  function labelTable(table) {
    if (table.hasAttribute("data-cards")) {
      return;
    }
    table.setAttribute("data-cards", "");
    var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.replace(/\s+/g, " ").trim();
    });
    table.setAttribute("role", "table");
    Array.prototype.forEach.call(table.querySelectorAll(":scope > thead, :scope > tbody"), function (group) {
      group.setAttribute("role", "rowgroup");
    });
    Array.prototype.forEach.call(table.querySelectorAll("tr"), function (row) {
      row.setAttribute("role", "row");
      var column = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        if (cell.tagName === "TH") {
          cell.setAttribute("role", cell.closest("thead") ? "columnheader" : "rowheader");
        } else {
          cell.setAttribute("role", "cell");
          if (headers[column] && !cell.hasAttribute("colspan")) {
            cell.setAttribute("data-label", headers[column]);
          }
        }
        column += cell.colSpan || 1;
      });
    });
  }

  function labelTables(root) {
    if (root && root.querySelectorAll) {
      Array.prototype.forEach.call(root.querySelectorAll("table.data"), labelTable);
    }
  }

  setupMenu();
  labelTables(document);
  document.addEventListener("htmx:load", function (event) {
    labelTables(event.target);
  });
})();
