// Newsroom: small behaviours on top of htmx. No inline script, no eval (strict CSP).
(function () {
  "use strict";

  var focusAfterSwap = null;

  function liveStatus(text) {
    var status = document.getElementById("live-status");
    if (status && text) {
      // Clear first so the same message is announced again.
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }
  }

  // Shareable URLs: leave empty fields out of GET requests (and so of the pushed URL).
  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.verb !== "get") { return; }
    var data = event.detail.formData;
    var empty = [];
    data.forEach(function (value, name) {
      if (value === "" && empty.indexOf(name) < 0) { empty.push(name); }
    });
    empty.forEach(function (name) {
      if (data.getAll(name).every(function (value) { return value === ""; })) { data.delete(name); }
    });
  });

  // "Load more": remember where the new items begin, so focus can move to the first one.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    focusAfterSwap = null;
    if (target && target.hasAttribute("data-items")) {
      focusAfterSwap = { list: target, index: target.children.length };
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    if (focusAfterSwap) {
      var item = focusAfterSwap.list.children[focusAfterSwap.index];
      var pager = document.getElementById(focusAfterSwap.list.id + "-pager");
      focusAfterSwap = null;
      if (item) {
        var link = item.querySelector("a[href]");
        if (link) { link.focus(); }
      }
      if (pager) { liveStatus(pager.getAttribute("data-more-status")); }
      return;
    }
    var results = document.querySelector("[data-results]");
    if (results && event.detail.target && (event.detail.target === results || event.detail.target.id === "results")) {
      liveStatus(results.getAttribute("data-status"));
    }
  });

  // Show that a request is running (htmx's indicator styles are off under the CSP).
  document.addEventListener("htmx:beforeRequest", function (event) {
    var results = document.querySelector("[data-results]");
    if (results) { results.setAttribute("aria-busy", "true"); }
  });
  document.addEventListener("htmx:afterRequest", function () {
    var results = document.querySelector("[data-results]");
    if (results) { results.removeAttribute("aria-busy"); }
  });
})();
