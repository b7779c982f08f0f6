// The findings table's filters: show only the rows of one severity and/or one code.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("findings");
  if (!form || !table) { return; }
  var severity = document.getElementById("filter-severity");
  var code = document.getElementById("filter-code");
  var shown = document.getElementById("shown");
  var rows = table.tBodies[0].rows;
  function apply() {
    var count = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var show = (!severity.value || row.getAttribute("data-severity") === severity.value) &&
        (!code.value || row.getAttribute("data-code") === code.value);
      row.hidden = !show;
      if (show) { count++; }
    }
    shown.textContent = "Showing " + count + " of " + rows.length + " findings";
  }
  severity.addEventListener("change", apply);
  code.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  apply();
})();
