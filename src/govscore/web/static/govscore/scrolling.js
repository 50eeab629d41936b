// A table that scrolls sideways inside its own box (narrow screens) must be reachable by keyboard, or
// its hidden columns cannot be read without a mouse: while it overflows it joins the tab order.
"use strict";

function markScrollingBoxes() {
  for (const box of document.querySelectorAll("main table, main .scroll-box")) {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("data-scrolls", "");
    } else if (!scrolls && box.hasAttribute("data-scrolls")) {
      box.removeAttribute("tabindex");
      box.removeAttribute("data-scrolls");
    }
  }
}

document.addEventListener("DOMContentLoaded", markScrollingBoxes);
document.addEventListener("htmx:load", markScrollingBoxes);
window.addEventListener("resize", markScrollingBoxes);
