/* The detention clock's countdown: every <time data-countdown-end="ISO"> shows the time left (or overdue),
   refreshed every 30 seconds. The server renders the same text first, so the page reads right without it. */
(function () {
  "use strict";
  function pad(n) {
    return n < 10 ? "0" + n : String(n);
  }
  function render() {
    var now = Date.now();
    document.querySelectorAll("[data-countdown-end]").forEach(function (el) {
      var seconds = Math.round((Date.parse(el.getAttribute("data-countdown-end")) - now) / 1000);
      var abs = Math.abs(seconds);
      var label = el.getAttribute(seconds >= 0 ? "data-left" : "data-overdue") || "{h}:{m}";
      el.textContent = label.replace("{h}", String(Math.floor(abs / 3600))).replace("{m}", pad(Math.floor((abs % 3600) / 60)));
      el.classList.toggle("overdue", seconds < 0);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    render();
    window.setInterval(render, 30000);
  });
})();
