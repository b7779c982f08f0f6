// The Draft page's editor: line numbers beside the text and the caret's line and column;
// the scheme checked about 600 ms after typing stops (one check at a time; a reply to text
// that has changed since is dropped); each problem a link that puts the caret on its line;
// the preview reloaded, at the same place, when the agreement it shows has changed.
(function () {
  "use strict";
  var form = document.getElementById("draft-form");
  var text = document.getElementById("scheme-text");
  if (!form || !text || !window.fetch || !window.URLSearchParams) { return; }
  var list = document.getElementById("problems");
  var count = document.getElementById("problem-count");
  var caret = document.getElementById("caret-place");
  var frame = document.getElementById("preview");
  var previewState = document.getElementById("preview-state");
  var token = form.querySelector("input[name=token]").value;
  var checkUrl = form.getAttribute("data-check");
  var previewUrl = form.getAttribute("data-preview");
  var version = form.getAttribute("data-version");
  var DELAY = 600;

  // Line numbers: a column beside the text (hidden from screen readers, which have the
  // caret's line and column below the text instead), scrolled with it.
  var gutter = document.createElement("div");
  gutter.className = "gutter";
  gutter.setAttribute("aria-hidden", "true");
  text.parentNode.insertBefore(gutter, text);
  text.parentNode.classList.add("numbered");
  var shownLines = 0;
  function numberLines() {
    var lines = text.value.split("\n").length;
    if (lines !== shownLines) {
      var numbers = [];
      for (var i = 1; i <= lines; i++) { numbers.push(i); }
      gutter.textContent = numbers.join("\n");
      shownLines = lines;
    }
    gutter.scrollTop = text.scrollTop;
  }
  text.addEventListener("scroll", function () { gutter.scrollTop = text.scrollTop; });

  function lineOf(offset) { return text.value.slice(0, offset).split("\n").length; }
  function showCaret() {
    var at = text.selectionStart;
    var before = text.value.slice(0, at);
    var column = at - before.lastIndexOf("\n");
    caret.textContent = "Line " + lineOf(at) + ", column " + column;
  }
  caret.hidden = false;
  ["keyup", "click", "focus", "select"].forEach(function (name) {
    text.addEventListener(name, showCaret);
  });

  function goToLine(line) {
    var lines = text.value.split("\n");
    line = Math.max(1, Math.min(line, lines.length));
    var offset = 0;
    for (var i = 0; i < line - 1; i++) { offset += lines[i].length + 1; }
    offset += lines[line - 1].length - lines[line - 1].replace(/^\s+/, "").length;
    text.focus();
    text.setSelectionRange(offset, offset);
    var height = parseFloat(window.getComputedStyle(text).lineHeight) || 20;
    text.scrollTop = Math.max(0, (line - 1) * height - text.clientHeight / 3);
    gutter.scrollTop = text.scrollTop;
    showCaret();
  }
  list.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-line]") : null;
    if (!link) { return; }
    event.preventDefault();
    goToLine(parseInt(link.getAttribute("data-line"), 10));
  });

  function setCount(message, bad) {
    if (count.textContent !== message) { count.textContent = message; }
    count.classList.toggle("has-problems", bad);
  }
  function showProblems(problems) {
    list.textContent = "";
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      if (problem.line) {
        var link = document.createElement("a");
        link.href = "#scheme-text";
        link.setAttribute("data-line", problem.line);
        link.textContent = problem.label;
        item.appendChild(link);
      } else {
        item.textContent = problem.label;
      }
      list.appendChild(item);
    });
    var n = problems.length;
    setCount(n === 0 ? "No problems" : n + (n === 1 ? " problem: the agreement cannot be made until it is fixed"
      : " problems: the agreement cannot be made until they are fixed"), n > 0);
  }

  function loadPreview(next) {
    var y = 0;
    try { y = frame.contentWindow.scrollY; } catch (e) { y = 0; }
    var restore = function () {
      frame.removeEventListener("load", restore);
      try { frame.contentWindow.scrollTo(0, y); } catch (e) { /* not ours to scroll */ }
    };
    frame.addEventListener("load", restore);
    var url = previewUrl + "?v=" + encodeURIComponent(next);
    try { frame.contentWindow.location.replace(url); } catch (e) { frame.src = url; }
  }
  function showPreviewState(stale) {
    previewState.hidden = !stale;
    previewState.textContent = version !== "0" ? "Out of date: fix the problems listed"
      : "No preview yet: fix the problems listed";
    frame.classList.toggle("stale", stale);
  }

  // One check at a time; a reply for text edited since is dropped (a newer check follows).
  var edits = 0, saved = 0, running = false, again = false, timer = null;
  function oneLine(html) {
    var found = new DOMParser().parseFromString(html, "text/html").querySelector(".message");
    return found ? found.textContent : "the check could not be run: reload the page and try again";
  }
  function check() {
    if (running) { again = true; return; }
    running = true;
    var sent = edits;
    var body = new URLSearchParams({ token: token, text: text.value, format: "json" });
    fetch(checkUrl, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
        return json ? response.json() : response.text().then(function (html) {
          return { error: oneLine(html) };
        });
      })
      .then(function (reply) {
        if (sent !== edits) { return; }  // stale: the text has changed since it was sent
        if (reply.error) { list.textContent = ""; setCount(reply.error, true); return; }
        saved = sent;
        showProblems(reply.problems);
        if (String(reply.version) !== version) { version = String(reply.version); loadPreview(version); }
        showPreviewState(reply.stale);
      }, function () {
        if (sent === edits) { setCount("the server could not be reached: is s75docs serve still running?", true); }
      })
      .then(function () {
        running = false;
        if (again) { again = false; check(); }
      });
  }
  text.addEventListener("input", function () {
    edits++;
    numberLines();
    showCaret();
    window.clearTimeout(timer);
    timer = window.setTimeout(check, DELAY);
  });
  // Text typed just before leaving the page is still saved as the draft.
  window.addEventListener("pagehide", function () {
    if (edits !== saved && navigator.sendBeacon) {
      navigator.sendBeacon(checkUrl, new URLSearchParams({ token: token, text: text.value, format: "json" }));
    }
  });
  window.addEventListener("resize", numberLines);
  numberLines();
  showCaret();
})();
