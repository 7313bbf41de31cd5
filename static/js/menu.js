// The header on a narrow screen: one button opens and closes the main menu, the language and
// organisation switchers and the account links. Without this script everything stays visible.
(function () {
  "use strict";
  var header = document.querySelector("[data-menu]");
  if (!header) {
    return;
  }
  var button = header.querySelector(".menu-toggle");

  function setOpen(open) {
    button.setAttribute("aria-expanded", String(open));
    header.classList.toggle("site-header--open", open);
  }

  header.classList.add("site-header--collapsible");
  button.hidden = false;
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  // Escape closes the open menu and returns to its button, as in any disclosure.
  header.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true" && button.offsetParent !== null) {
      setOpen(false);
      button.focus();
    }
  });
})();
