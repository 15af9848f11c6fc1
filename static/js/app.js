// Ravabet's small layer over htmx: the CSRF header and visible request errors.
// Its messages come translated from the page (data-* attributes of #htmx-error).
// Everything here is an enhancement: every page works without JavaScript.
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var method = (event.detail.verb || "get").toUpperCase();
    if (method !== "GET") {
      event.detail.headers["X-CSRFToken"] = csrfToken();
    }
  });

  function showError(message) {
    var box = document.getElementById("htmx-error");
    if (!box) { return; }
    box.textContent = message;
    box.hidden = false;
    box.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("htmx:beforeRequest", function () {
    var box = document.getElementById("htmx-error");
    if (box) { box.hidden = true; }
  });

  // Error answers are plain Persian text from the server; a network failure gets a fixed text.
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var type = xhr.getResponseHeader("Content-Type") || "";
    var box = document.getElementById("htmx-error");
    var text = type.indexOf("text/plain") === 0 && xhr.responseText ? xhr.responseText
      : box && box.getAttribute("data-generic");
    showError(text);
  });

  document.addEventListener("htmx:sendError", function () {
    var box = document.getElementById("htmx-error");
    showError(box && box.getAttribute("data-network"));
  });
})();
