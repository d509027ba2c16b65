/* The prosecutor's work queue: keyboard shortcuts, the decision page's outcome tabs, "Approve and next" and
   the selection for bulk approval. Keys do nothing while the user types in a field or holds a modifier.
     inbox:     j / k  next / previous row (its link takes the focus, so Enter opens it), x  select the row
     decision:  a / r / t  approve / reject / return: the tab opens and its field takes the focus
     anywhere:  ?  the help dialog (Esc closes it) */

const TEXT_INPUTS = new Set(["text", "search", "email", "number", "password", "tel", "url", "date", "datetime-local", "time", "month", "week"]);

function isTyping(element) {
  if (!(element instanceof HTMLElement)) return false;
  if (element.isContentEditable) return true;
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  return element instanceof HTMLInputElement && TEXT_INPUTS.has(element.type);
}

/* --- help dialog -------------------------------------------------------------------------------------- */
const help = document.getElementById("shortcuts");
function showHelp() {
  if (help && !help.open) help.showModal();
}
for (const button of document.querySelectorAll("[data-shortcuts-open]")) button.addEventListener("click", showHelp);

/* --- the outcome tabs of the decision page ------------------------------------------------------------ */
const tablist = document.querySelector("[data-tabs]");
const tabs = tablist ? [...tablist.querySelectorAll("[role=tab]")] : [];

function showPanel(name, focusField) {
  if (!tabs.some((tab) => tab.dataset.tab === name)) return false;
  for (const tab of tabs) {
    const on = tab.dataset.tab === name;
    tab.setAttribute("aria-selected", on ? "true" : "false");
    tab.tabIndex = on ? 0 : -1;
    const panel = document.getElementById(tab.getAttribute("aria-controls"));
    if (panel) panel.hidden = !on;
  }
  if (focusField) {
    const panel = document.querySelector(`[data-panel="${name}"]`);
    const field = panel && panel.querySelector("textarea, input:not([type=hidden]), select, button, [tabindex]");
    if (field) field.focus();
  }
  return true;
}

if (tablist) {
  tablist.hidden = false;
  showPanel(tablist.dataset.active || tabs[0].dataset.tab, false);
  tablist.addEventListener("click", (event) => {
    const tab = event.target instanceof Element ? event.target.closest("[role=tab]") : null;
    if (tab) showPanel(tab.dataset.tab, false);
  });
  tablist.addEventListener("keydown", (event) => {
    const i = tabs.indexOf(document.activeElement);
    if (i < 0 || (event.key !== "ArrowRight" && event.key !== "ArrowLeft")) return;
    const next = tabs[(i + (event.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
    showPanel(next.dataset.tab, false);
    next.focus();
    event.preventDefault();
  });
  document.addEventListener("ecase:show-panel", (event) => showPanel(event.detail, false));
}

/* "Approve and next": signing re-submits the form without its submit button, so a hidden field says which. */
for (const button of document.querySelectorAll("button[data-then]")) {
  button.addEventListener("click", () => {
    const field = button.form && button.form.querySelector("[data-then-field]");
    if (field) field.value = button.dataset.then;
  });
}

/* --- the inbox rows --------------------------------------------------------------------------------------- */
const rows = () => [...document.querySelectorAll("#inbox tbody tr[data-decision]")];
let current = -1;

function currentIndex() {
  const row = document.activeElement && document.activeElement.closest && document.activeElement.closest("tr[data-decision]");
  const list = rows();
  return row ? list.indexOf(row) : current;
}

function moveTo(index) {
  const list = rows();
  if (!list.length) return false;
  current = Math.max(0, Math.min(list.length - 1, index));
  list.forEach((row, k) => row.classList.toggle("is-current", k === current));
  const link = list[current].querySelector("[data-row-open]");
  if (link) link.focus();
  return true;
}

const bulkForm = document.getElementById("bulk-form");
const selectAll = document.querySelector("[data-select-all]");
const selected = document.getElementById("bulk-selected");

function boxes() {
  return [...document.querySelectorAll("[data-row-select]")];
}

function updateSelection() {
  const chosen = boxes().filter((box) => box.checked);
  for (const box of boxes()) box.closest("tr").classList.toggle("is-selected", box.checked);
  if (selected) selected.textContent = selected.dataset.template.replace("%(n)s", String(chosen.length));
  if (bulkForm && bulkForm.dataset.confirmTemplate) {
    bulkForm.dataset.confirm = bulkForm.dataset.confirmTemplate.replace("%(n)s", String(chosen.length));
  }
  if (selectAll) {
    selectAll.checked = chosen.length > 0 && chosen.length === boxes().length;
    selectAll.indeterminate = chosen.length > 0 && chosen.length < boxes().length;
  }
  return chosen.length;
}

if (bulkForm) {
  bulkForm.addEventListener("change", (event) => {
    if (event.target === selectAll) for (const box of boxes()) box.checked = selectAll.checked;
    updateSelection();
  });
  // Before confirm.js asks (window capture runs before its document capture): nothing selected, nothing to ask.
  window.addEventListener(
    "submit",
    (event) => {
      if (event.target !== bulkForm || updateSelection() > 0) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (selected) selected.textContent = selected.dataset.empty || selected.textContent;
      const first = boxes()[0];
      if (first) first.focus();
    },
    true,
  );
  updateSelection();
}

/* --- the keys ------------------------------------------------------------------------------------------ */
const OUTCOMES = { a: "approve", r: "reject", t: "return" };

document.addEventListener("keydown", (event) => {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  if (isTyping(event.target) || (help && help.open)) return;
  let handled = false;
  if (event.key === "?") {
    showHelp();
    handled = true;
  } else if (event.key === "j" || event.key === "k") {
    handled = moveTo(currentIndex() + (event.key === "j" ? 1 : -1));
  } else if (event.key === "x") {
    const row = rows()[currentIndex()];
    const box = row && row.querySelector("[data-row-select]");
    if (box) {
      box.checked = !box.checked;
      updateSelection();
      handled = true;
    }
  } else if (event.key in OUTCOMES && tablist) {
    handled = showPanel(OUTCOMES[event.key], true);
  } else if (event.key === "Enter" && document.activeElement === document.body && current >= 0) {
    const link = rows()[current] && rows()[current].querySelector("[data-row-open]");
    if (link) {
      link.click();
      handled = true;
    }
  }
  if (handled) event.preventDefault();
});
