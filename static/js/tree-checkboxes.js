// Tree checkboxes in forms (units: sector → unit → department): a filter box, and ticking a
// unit ticks (or unticks) every unit below it. Without this script the nested checkboxes work
// as they are and the filter box stays hidden.
(function () {
  "use strict";

  function ownLabel(item) {
    return item.querySelector(":scope > .checkbox-row").textContent.toLocaleLowerCase();
  }

  function filter(tree, text) {
    var items = Array.prototype.slice.call(tree.querySelectorAll("li"));
    var words = text.trim().toLocaleLowerCase();
    // Children come after their parents: walking backwards, a parent sees its children's result.
    items.reverse().forEach(function (item) {
      var matchBelow = item.querySelector(":scope > ul > li[data-match]") !== null;
      item.toggleAttribute("data-match", !words || ownLabel(item).indexOf(words) !== -1 || matchBelow);
    });
    items.forEach(function (item) {
      // A unit shows when it or a unit below it matches, or a unit above it matches by name.
      item.hidden = !item.hasAttribute("data-match") && !aboveMatches(item, words);
    });
  }

  function aboveMatches(item, words) {
    for (var above = item.parentElement.closest("li"); above; above = above.parentElement.closest("li")) {
      if (ownLabel(above).indexOf(words) !== -1) {
        return true;
      }
    }
    return false;
  }

  function setUp(tree) {
    if (tree.hasAttribute("data-ready")) {
      return;
    }
    tree.setAttribute("data-ready", "");
    var field = tree.querySelector("[data-tree-filter]");
    var input = field.querySelector("input");
    field.hidden = false;
    var status = field.querySelector("[data-tree-status]");
    input.addEventListener("input", function () {
      filter(tree, input.value);
      // Said by screen readers: how many units the filter leaves.
      var shown = tree.querySelectorAll("li:not([hidden])").length;
      status.textContent = input.value.trim() ? status.dataset.text.replace("__count__", shown) : "";
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault(); // Enter filters; it does not send the form
      }
    });
    tree.addEventListener("change", function (event) {
      var box = event.target;
      if (box.type !== "checkbox") {
        return;
      }
      box.closest("li").querySelectorAll(":scope > ul input[type=checkbox]").forEach(function (below) {
        below.checked = box.checked;
      });
    });
  }

  function setUpAll() {
    document.querySelectorAll("[data-tree-checkboxes]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
