// Django admin's autocomplete (select2) fields, made readable by assistive technology: each
// combobox and search field named after its label, and the "clear" cross kept out of the list
// of chosen items (a list holds only items). Re-applied whenever select2 redraws.
(function () {
  "use strict";

  function labelFor(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/\s*:\s*$/, "").trim() : select.name;
  }

  function fix() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) {
        return;
      }
      var name = labelFor(select);
      container.querySelectorAll(".select2-selection, .select2-search__field, [role=textbox]").forEach(function (el) {
        if (el.getAttribute("aria-label") !== name) {
          el.setAttribute("aria-label", name);
        }
      });
      container.querySelectorAll("ul.select2-selection__rendered").forEach(function (list) {
        Array.prototype.slice.call(list.children).forEach(function (child) {
          if (child.tagName !== "LI") {
            list.parentNode.insertBefore(child, list);
          }
        });
      });
    });
  }

  var pending = false;
  var observer = new MutationObserver(function () {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        fix();
      });
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    fix();
    observer.observe(document.body, { childList: true, subtree: true });
  });
})();
