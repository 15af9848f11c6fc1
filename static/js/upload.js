// Photo uploads (templates/photos/_macros.html, forms with data-photo-upload): while htmx posts
// the files, a <progress> follows the bytes sent (htmx:xhr:progress), then says the server is
// checking the photos; the server's answer lists every file. The texts come translated in the
// form's data-text-* attributes. Without JavaScript the form is a normal multipart post.
(function () {
  "use strict";

  var DIGITS = "۰۱۲۳۴۵۶۷۸۹";

  function persian(text) {
    return String(text).replace(/[0-9]/g, function (d) { return DIGITS[d]; }).replace(/\./g, "٫");
  }

  function megabytes(bytes) {
    return persian((bytes / (1024 * 1024)).toFixed(1));
  }

  function fill(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (match, key) {
      return key in values ? values[key] : match;
    });
  }

  function uploadForm(element) {
    return element && element.closest ? element.closest("form[data-photo-upload]") : null;
  }

  function parts(form) {
    return {
      box: form.querySelector(".upload-progress"),
      bar: form.querySelector(".upload-progress progress"),
      status: form.querySelector(".upload-status"),
      button: form.querySelector("button[type=submit]"),
      input: form.querySelector("input[type=file]")
    };
  }

  // Before sending: how many files and how large, so a long upload is no surprise.
  document.addEventListener("change", function (event) {
    var form = uploadForm(event.target);
    if (!form || event.target.type !== "file") { return; }
    var p = parts(form);
    var files = Array.prototype.slice.call(event.target.files || []);
    var total = files.reduce(function (sum, file) { return sum + file.size; }, 0);
    p.box.hidden = files.length === 0;
    p.bar.hidden = true;
    p.status.textContent = fill(form.dataset.textChosen, { count: persian(files.length), size: megabytes(total) });
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = uploadForm(event.detail.elt);
    if (!form) { return; }
    var p = parts(form);
    form.dataset.sent = "";
    p.box.hidden = false;
    p.bar.hidden = false;
    p.bar.value = 0;
    p.button.disabled = true;
  });

  // htmx reports the upload's progress and then the answer's under the same name: only the
  // events before the upload's own loadend are the upload.
  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = uploadForm(event.detail.elt || event.target);
    if (!form || form.dataset.sent || !event.detail.lengthComputable) { return; }
    var p = parts(form);
    var percent = Math.floor(event.detail.loaded * 100 / event.detail.total);
    p.bar.value = percent;
    p.bar.textContent = persian(percent) + "٪";
    p.status.textContent = fill(form.dataset.textSending, {
      done: megabytes(event.detail.loaded), total: megabytes(event.detail.total), percent: persian(percent)
    });
  });

  document.addEventListener("htmx:xhr:loadend", function (event) {
    var form = uploadForm(event.detail.elt || event.target);
    if (!form || form.dataset.sent) { return; }
    var p = parts(form);
    form.dataset.sent = "yes";
    p.bar.removeAttribute("value");  // indeterminate while the server works
    p.status.textContent = form.dataset.textProcessing;
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = uploadForm(event.detail.elt);
    if (!form) { return; }
    var p = parts(form);
    p.button.disabled = false;
    p.box.hidden = true;
    if (event.detail.successful) { p.input.value = ""; }
  });
})();
