// The Report page: bring the error summary into view and focus, so a keyboard or screen
// reader user lands on the list of mistakes (each links to its input).
(function () {
  "use strict";
  var summary = document.getElementById("error");
  if (summary && !document.querySelector("[autofocus]")) { summary.focus(); }
})();
