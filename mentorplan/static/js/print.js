// The print page's "Print" button. A file, not inline script: the CSP forbids inline JS.
// Without JavaScript the button stays hidden and the page explains the browser's Print command.
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
for (const hint of document.querySelectorAll("[data-print-hint]")) {
  hint.hidden = true;
}
