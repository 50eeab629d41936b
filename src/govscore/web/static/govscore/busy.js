// A form marked data-busy shows its working note and disables its buttons once sent: checking a file of
// thousands of rows, or writing it and rescoring the period, takes seconds while nothing else moves, and a
// second click would send the file again. Coming back to the page (the browser's back button) resets it.
"use strict";

function setBusy(form, busy) {
  for (const note of form.querySelectorAll("[data-busy-note]")) {
    note.hidden = !busy;
  }
  for (const button of form.querySelectorAll("button")) {
    button.disabled = busy;
  }
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.hasAttribute("data-busy") && !event.defaultPrevented) {
    setBusy(form, true);
  }
});

window.addEventListener("pageshow", () => {
  for (const form of document.querySelectorAll("form[data-busy]")) {
    setBusy(form, false);
  }
});
