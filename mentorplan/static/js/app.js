// Site-wide behaviour that needs JavaScript; every page works without it.
// Loaded as a file (the Content Security Policy allows no inline script).
(function () {
  "use strict";

  // When an htmx request fails, say so instead of silently doing nothing.
  function showProblem(message) {
    var region = document.getElementById("live-problem");
    if (!region) return;
    region.textContent = message;
    region.hidden = false;
  }
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (status === 403) {
      showProblem("You are not allowed to do this. Reload the page to see the current state.");
    } else {
      showProblem("Something went wrong and the change was not saved. Reload the page and try again.");
    }
  });
  document.addEventListener("htmx:sendError", function () {
    showProblem("The server could not be reached. Check your connection; the change was not saved.");
  });
  // After htmx swaps in a form with errors, move focus to the first field in
  // error, so keyboard and screen reader users hear what went wrong.
  document.addEventListener("htmx:afterSettle", function (event) {
    var root = event.detail.elt && event.detail.elt.isConnected ? event.detail.elt : document;
    var invalid = root.querySelector('[aria-invalid="true"]') || root.querySelector(".errorlist.nonfield");
    if (invalid) {
      if (!invalid.matches("input, select, textarea, button")) invalid.setAttribute("tabindex", "-1");
      invalid.focus();
    }
  });
  document.addEventListener("htmx:beforeRequest", function () {
    var region = document.getElementById("live-problem");
    if (region) region.hidden = true;
  });
})();
