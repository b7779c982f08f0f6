// The Report page. The error summary takes focus, so a keyboard or screen reader user lands
// on the list of mistakes; a link in it moves focus to its input, label and message in view.
// "Add another" adds an empty entry to a list here in the page (without scripts, the button
// asks the server for the form with one more entry).
(function () {
  "use strict";
  var summary = document.getElementById("error");
  if (summary) {
    if (!document.querySelector("[autofocus]")) { summary.focus(); }
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) { return; }
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) { return; }
      event.preventDefault();
      (target.closest(".field, fieldset") || target).scrollIntoView();
      target.focus({ preventScroll: true });
    });
  }

  function renumber(entry, base, from, to) {
    // ids "m-authors-1-name", names "authors[1].name", and the legend "Author 2"
    var idFrom = base.id + "-" + from, idTo = base.id + "-" + to;
    var path = base.getAttribute("data-path");
    var nameFrom = path + "[" + from + "]", nameTo = path + "[" + to + "]";
    var all = [entry].concat(Array.prototype.slice.call(entry.querySelectorAll("*")));
    all.forEach(function (el) {
      ["id", "for", "aria-describedby"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value) { el.setAttribute(attr, value.split(idFrom).join(idTo)); }
      });
      var name = el.getAttribute("name");
      if (name && name.indexOf(nameFrom) === 0) {
        el.setAttribute("name", nameTo + name.slice(nameFrom.length));
      }
    });
    var legend = entry.querySelector("legend");
    if (legend) { legend.textContent = legend.textContent.replace(/\d+$/, String(to + 1)); }
  }

  function clear(entry) {
    entry.querySelectorAll("input, textarea").forEach(function (el) {
      if (el.type === "radio" || el.type === "checkbox") { el.checked = false; }
      else { el.value = ""; }
      el.removeAttribute("autofocus");
    });
    entry.querySelectorAll(".error-message").forEach(function (el) { el.remove(); });
    entry.querySelectorAll(".field-error").forEach(function (el) {
      el.classList.remove("field-error");
    });
    entry.querySelectorAll("[aria-describedby]").forEach(function (el) {
      var ids = el.getAttribute("aria-describedby").split(" ").filter(function (id) {
        return !/-error$/.test(id);
      });
      if (ids.length) { el.setAttribute("aria-describedby", ids.join(" ")); }
      else { el.removeAttribute("aria-describedby"); }
    });
  }

  document.querySelectorAll("button[value^='add:']").forEach(function (button) {
    button.addEventListener("click", function (event) {
      var list = button.closest("fieldset.group");
      var entries = list.querySelectorAll(":scope > fieldset.group");
      var count = list.querySelector(":scope > input[name^='count.']");
      if (!entries.length || !count) { return; }  // let the server add it
      event.preventDefault();
      var last = entries[entries.length - 1];
      var entry = last.cloneNode(true);
      renumber(entry, list, entries.length - 1, entries.length);
      clear(entry);
      last.after(entry);
      count.value = String(entries.length + 1);
      var first = entry.querySelector("input, textarea");
      if (first) { first.focus(); }
    });
  });
})();
