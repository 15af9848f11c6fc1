// The printable report's "Print" button (without JavaScript the page says to use Ctrl+P).
(function () {
  "use strict";
  var button = document.getElementById("print-button");
  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }
})();
