/* Quote review desk: keyboard shortcuts and focus after HTMX swaps.
 *
 * Lives in a static file because the site's CSP forbids inline scripts and htmx's hx-on.
 *   j / k  next / previous quotation      c  confirm       r  not a quotation
 *   u      undo the last decision          o  open or close the item's details
 *   s      search another speaker         x  select for bulk confirmation
 *   ?      show or hide the help          Esc  leave a field, back to the quotation
 */
(function () {
  "use strict";

  var currentId = null;
  // After a confirm or a reject, focus moves on to the next item (set when the request leaves,
  // used once the decided item is swapped in). The last decided item, for "u".
  var advanceFrom = null;
  var lastDecidedId = null;

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-review-item]"));
  }

  function current() {
    return (currentId && document.getElementById(currentId)) || null;
  }

  function select(item, options) {
    if (!item) {
      return;
    }
    items().forEach(function (el) {
      el.classList.remove("is-current");
      el.removeAttribute("aria-current");
    });
    item.classList.add("is-current");
    item.setAttribute("aria-current", "true");
    currentId = item.id;
    markInStory(item.id);
    if (!options || options.focus !== false) {
      item.focus({ preventScroll: true });
      item.scrollIntoView({ block: "nearest" });
    }
  }

  // Story mode: the current item's words are outlined in the dispatch's text, kept in view.
  function markInStory(id) {
    var links = document.querySelectorAll("[data-quote-link]");
    if (!links.length) {
      return;
    }
    Array.prototype.forEach.call(links, function (link) {
      var here = link.getAttribute("data-quote-link") === id;
      link.classList.toggle("is-current", here);
      if (here) {
        link.scrollIntoView({ block: "nearest" });
      }
    });
  }

  function move(step) {
    var list = items();
    if (!list.length) {
      return;
    }
    var index = list.indexOf(current());
    var next = index === -1 ? list[step > 0 ? 0 : list.length - 1] : list[index + step];
    select(next || list[index]);
  }

  // A second press on an item already in that state would only record the same decision again.
  var REACHED = { confirm: "confirmed", reject: "rejected" };

  function press(shortcut) {
    var item = current();
    if (!item || item.getAttribute("data-status") === REACHED[shortcut]) {
      return;
    }
    var button = item.querySelector('[data-shortcut="' + shortcut + '"]');
    if (button && !button.disabled) {
      button.click();
    }
  }

  function undo() {
    var item = current();
    var button = item && item.querySelector('[data-shortcut="undo"]');
    if (!button && lastDecidedId) {
      item = document.getElementById(lastDecidedId);
      button = item && item.querySelector('[data-shortcut="undo"]');
    }
    if (button && !button.disabled) {
      select(item, { focus: false });
      button.click();
    }
  }

  function toggleDetails() {
    var details = current() && current().querySelector(".item-more");
    if (details) {
      details.open = !details.open;
    }
  }

  function searchSpeaker() {
    var item = current() || items()[0];
    if (!item) {
      return;
    }
    select(item, { focus: false });
    var details = item.querySelector(".item-more");
    if (details) {
      details.open = true;
    }
    var input = item.querySelector("[data-speaker-search]");
    if (input) {
      input.focus();
      input.select();
    }
  }

  function toggleSelection() {
    var box = current() && current().querySelector("[data-select]");
    if (box && !box.disabled) {
      box.checked = !box.checked;
    }
  }

  function toggleHelp() {
    var help = document.getElementById("review-help");
    if (help) {
      help.open = !help.open;
      if (help.open) {
        help.querySelector("summary").focus();
      } else if (current()) {
        current().focus();
      }
    }
  }

  function isTyping(target) {
    return Boolean(
      target.closest && target.closest("input:not([type=checkbox]):not([type=radio]), textarea, select, [contenteditable]")
    );
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (!document.querySelector("[data-review-desk]")) {
      return;
    }
    if (isTyping(event.target)) {
      if (event.key === "Escape") {
        var item = event.target.closest("[data-review-item]");
        event.target.blur();
        select(item || current());
        event.preventDefault();
      }
      return;
    }
    var actions = {
      j: function () { move(1); },
      k: function () { move(-1); },
      c: function () { press("confirm"); },
      r: function () { press("reject"); },
      u: undo,
      o: toggleDetails,
      s: searchSpeaker,
      x: toggleSelection,
      "?": toggleHelp,
    };
    var action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });

  // Clicking or tabbing into an item makes it the current one.
  document.addEventListener("focusin", function (event) {
    var item = event.target.closest && event.target.closest("[data-review-item]");
    if (item && item.id !== currentId) {
      select(item, { focus: false });
    }
  });

  // Clicking a quotation in the story's text makes its item the current one.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quote-link]");
    var item = link && document.getElementById(link.getAttribute("data-quote-link"));
    if (item) {
      event.preventDefault();
      select(item);
    }
  });

  // A decision leaves: remember which item, to move on once its new state is swapped in.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var button = event.detail.elt;
    var shortcut = button && button.getAttribute && button.getAttribute("data-shortcut");
    var item = button && button.closest && button.closest("[data-review-item]");
    advanceFrom = null;
    if (item && (shortcut === "confirm" || shortcut === "reject")) {
      advanceFrom = item.id;
      lastDecidedId = item.id;
    }
    if (item && shortcut === "undo") {
      lastDecidedId = null;
    }
  });

  // htmx swaps nothing on an error answer (403 after a permission change, 500) or a network
  // failure: say so in the live region rather than fail silently.
  function announceFailure() {
    var desk = document.querySelector("[data-review-desk]");
    var status = document.getElementById("review-status");
    if (desk && status) {
      status.textContent = desk.getAttribute("data-failure");
    }
  }
  document.addEventListener("htmx:responseError", announceFailure);
  document.addEventListener("htmx:sendError", announceFailure);

  // An action swaps its item for a new element: put focus back on that item (its outcome is
  // announced by the aria-live region), unless focus already sits somewhere on purpose.
  document.addEventListener("htmx:afterSettle", function () {
    if (advanceFrom) {
      var decided = document.getElementById(advanceFrom);
      var list = items();
      var index = list.indexOf(decided);
      advanceFrom = null;
      if (decided && decided.querySelector(".review-error, .review-conflict")) {
        select(decided);
        return;
      }
      // The next item still to decide (or simply the next one), not the one just decided.
      var next = null;
      for (var i = index + 1; i < list.length; i += 1) {
        if (list[i].getAttribute("data-status") === "suggested") { next = list[i]; break; }
      }
      next = next || list[index + 1] || decided;
      if (next) {
        select(next);
        return;
      }
    }
    var item = current();
    if (!item) {
      return;
    }
    item.classList.add("is-current");
    item.setAttribute("aria-current", "true");
    var active = document.activeElement;
    if (!active || active === document.body || !document.contains(active)) {
      item.focus({ preventScroll: true });
    }
  });
})();
