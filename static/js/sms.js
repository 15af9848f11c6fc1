// The live length counter of the SMS send page (templates/sms/send.html, loaded by that page only).
// It counts the text the way core/sms/length.py does, with the alphabets, limits and Persian texts
// the page gives it in the data-* attributes of #sms-counter. Without JavaScript the page shows the
// server's count of the text it last received, and the preview step always shows it.
(function () {
  "use strict";

  var PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";

  function faNumber(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "\u066c")
      .replace(/\d/g, function (d) { return PERSIAN_DIGITS.charAt(Number(d)); });
  }

  // As core.sms.length.clean_message: one kind of line break, Persian ی and ک, no tatweel, trimmed.
  function clean(text) {
    return text.replace(/\r\n?/g, "\n").replace(/[\u064A\u0649]/g, "\u06CC").replace(/\u0643/g, "\u06A9")
      .replace(/\u0640/g, "").trim();
  }

  function measure(text, counter) {
    var basic = counter.getAttribute("data-gsm-basic") || "";
    var extended = counter.getAttribute("data-gsm-extended") || "";
    var limits = (counter.getAttribute("data-limits") || "160 153 70 67").split(" ").map(Number);
    var gsm = true;
    var places = 0;
    for (var i = 0; i < text.length; i += 1) {
      var ch = text.charAt(i);
      if (extended.indexOf(ch) >= 0) {
        places += 2;
      } else if (basic.indexOf(ch) >= 0) {
        places += 1;
      } else {
        gsm = false;
        break;
      }
    }
    var single = gsm ? limits[0] : limits[2];
    var perPart = gsm ? limits[1] : limits[3];
    if (!gsm) {
      places = text.length; // UTF-16 code units, as UCS-2 counts them
    }
    var parts = places === 0 ? 0 : (places <= single ? 1 : Math.ceil(places / perPart));
    var remaining = parts <= 1 ? single - places : parts * perPart - places;
    return { characters: places, parts: parts, encoding: gsm ? "gsm7" : "ucs2", remaining: remaining };
  }

  function show(counter, length) {
    var maxParts = Number(counter.getAttribute("data-max-parts") || "10");
    var summary = counter.querySelector('[data-part="summary"]');
    var remaining = counter.querySelector('[data-part="remaining"]');
    var rule = counter.querySelector('[data-part="rule"]');
    var tooLong = length.parts > maxParts;
    summary.textContent = length.characters === 0 ? counter.getAttribute("data-text-empty")
      : counter.getAttribute("data-text-summary").replace("{characters}", faNumber(length.characters))
        .replace("{parts}", faNumber(length.parts));
    remaining.textContent = tooLong ? counter.getAttribute("data-text-too-long")
      : length.characters === 0 ? ""
        : counter.getAttribute("data-text-remaining").replace("{remaining}", faNumber(length.remaining));
    rule.textContent = counter.getAttribute("data-rule-" + length.encoding);
    counter.classList.toggle("too-long", tooLong);
  }

  function update(textarea) {
    var counter = document.getElementById("sms-counter");
    if (counter) {
      show(counter, measure(clean(textarea.value), counter));
    }
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("textarea[data-sms-text]")) {
      update(event.target);
    }
  });

  // A text restored by the browser (back button) or swapped in by htmx gets its count too.
  function refresh() {
    var textarea = document.querySelector("textarea[data-sms-text]");
    if (textarea) {
      update(textarea);
    }
  }
  window.addEventListener("pageshow", refresh);
  document.addEventListener("htmx:afterSettle", refresh);
})();
