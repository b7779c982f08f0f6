// The Report page: bring the error summary into view and focus, so a keyboard or screen
// reader user lands on the list of mistakes; a link in it moves focus to its input, with
// the input's label and message in view.
(function () {
  "use strict";
  var summary = document.getElementById("error");
  if (!summary) { return; }
  if (!document.querySelector("[autofocus]")) { summary.focus(); }
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    event.preventDefault();
    var field = target.closest(".field, fieldset") || target;
    field.scrollIntoView();
    target.focus({ preventScroll: true });
  });
})();
