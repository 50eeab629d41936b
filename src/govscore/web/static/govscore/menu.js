// On a phone the menu folds behind one button, the current page's link left in view; on a desk (and
// without this script) every link shows. Pages arrive by htmx as well: the header is set up each time.
"use strict";

const NARROW = window.matchMedia("(max-width: 40rem)");

function fold(closed) {
  const header = document.querySelector("header.site");
  const button = header && header.querySelector("[data-menu-toggle]");
  if (button) {
    header.classList.toggle("menu-closed", closed);
    button.setAttribute("aria-expanded", String(!closed));
  }
}

function setUpMenu() {
  const button = document.querySelector("header.site [data-menu-toggle]");
  if (!button || button.dataset.ready) {
    return;
  }
  button.dataset.ready = "yes";
  button.hidden = false;
  fold(NARROW.matches);
  button.addEventListener("click", () => fold(button.getAttribute("aria-expanded") === "true"));
}

document.addEventListener("DOMContentLoaded", setUpMenu);
document.addEventListener("htmx:load", setUpMenu);
// Turned from a phone's width to a desk's, or back: the menu opens or folds with it.
NARROW.addEventListener("change", () => fold(NARROW.matches));
