// The Draft page's form: contributions totals as you type (per year, per partner and per
// row, in exact pence as the model counts them), rows and years added in the page, and the
// form applied ~800 ms after typing stops, so the problems beside the inputs and the
// preview follow what you write. Without JavaScript the page's buttons do the same.
(function () {
  "use strict";
  var form = document.getElementById("scheme-form");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = document.getElementById("status");
  var summary = document.getElementById("problems");
  var preview = document.getElementById("preview");
  var noPreview = document.getElementById("preview-none");
  var AMOUNT = /^-?\d{1,3}(,\d{3})*(\.\d{1,2})?$|^-?\d+(\.\d{1,2})?$/;
  var TOO_LARGE = BigInt("100000000000000000"); // 10**15 pounds in pence

  // An amount as the model reads it (parse_money, check_money), in pence; null if invalid.
  function pence(text) {
    var t = text.trim().replace(/£/g, "").replace(/GBP/g, "").trim();
    if (!text.trim()) { return BigInt(0); }
    if (!AMOUNT.test(t) || t.charAt(0) === "-") { return null; }
    var parts = t.replace(/,/g, "").split(".");
    var frac = ((parts[1] || "") + "00").slice(0, 2);
    var value = BigInt(parts[0]) * BigInt(100) + BigInt(frac);
    return value >= TOO_LARGE ? null : value;
  }

  function money(value) {
    if (value === null) { return "–"; }
    var s = value.toString();
    while (s.length < 3) { s = "0" + s; }
    var pounds = s.slice(0, -2), p = s.slice(-2);
    return "£" + pounds.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + "." + p;
  }

  function add(a, b) { return a === null || b === null ? null : a + b; }

  function cell(text, cls, header) {
    var c = document.createElement(header ? "th" : "td");
    c.textContent = text;
    if (cls) { c.className = cls; }
    return c;
  }

  function years(table) { return table.tHead.querySelectorAll("input.year"); }

  function totals(table) {
    var t = table.id, cols = years(table).length;
    var rows = table.tBodies[0].rows;
    var keys = [];
    var list = document.getElementById(t + "-partners");
    if (list) { list.querySelectorAll("option").forEach(function (o) { keys.push(o.value); }); }
    var all = [], byPartner = {};
    for (var q = 0; q <= cols; q++) { all.push(BigInt(0)); }
    for (var p = 0; p < rows.length; p++) {
      var partner = rows[p].querySelector("input.partner").value.trim();
      if (partner && keys.indexOf(partner) < 0) { keys.push(partner); }
      if (!byPartner[partner]) {
        byPartner[partner] = [];
        for (var k = 0; k <= cols; k++) { byPartner[partner].push(BigInt(0)); }
      }
      var rowTotal = BigInt(0);
      var amounts = rows[p].querySelectorAll("input.amount");
      for (var c = 0; c < amounts.length; c++) {
        var v = pence(amounts[c].value);
        rowTotal = add(rowTotal, v);
        all[c] = add(all[c], v);
        byPartner[partner][c] = add(byPartner[partner][c], v);
      }
      all[cols] = add(all[cols], rowTotal);
      byPartner[partner][cols] = add(byPartner[partner][cols], rowTotal);
      rows[p].querySelector("td.row-total").textContent = money(rowTotal);
    }
    var foot = table.tFoot;
    while (foot.rows.length) { foot.deleteRow(0); }
    function line(label, sums, cls) {
      var tr = foot.insertRow(-1);
      tr.className = cls;
      var th = cell(label, "", true);
      th.scope = "row";
      th.colSpan = 2;
      tr.appendChild(th);
      sums.forEach(function (s) { tr.appendChild(cell(money(s), "num")); });
    }
    keys.forEach(function (key) {
      if (byPartner[key]) { line("Total from " + key, byPartner[key], "partner-total"); }
    });
    line("Total", all, "grand-total");
  }

  function counter(table, kind) {
    return form.querySelector("input[name='" + table.id + "-" + kind + "']");
  }

  function input(name, cls, label, extra) {
    var i = document.createElement("input");
    i.type = "text";
    i.name = i.id = name;
    i.className = cls;
    i.setAttribute("aria-label", label);
    Object.keys(extra || {}).forEach(function (k) { i.setAttribute(k, extra[k]); });
    return i;
  }

  function hidden(name) {
    var h = document.createElement("input");
    h.type = "hidden";
    h.name = name;
    h.value = "";
    return h;
  }

  function message(id) {
    var m = document.createElement("p");
    m.className = "error-message";
    m.id = id + "-error";
    m.hidden = true;
    return m;
  }

  function amountCell(t, p, q) {
    var td = cell("", "num");
    var id = t + "-r" + p + "-c" + q;
    td.appendChild(input(id, "amount", "Amount, row " + (p + 1) + ", column " + (q + 1),
      { inputmode: "decimal" }));
    td.appendChild(message(id));
    return td;
  }

  function addRow(table) {
    var t = table.id, count = counter(table, "rows"), p = Number(count.value);
    var tr = table.tBodies[0].insertRow(-1);
    var first = cell("", "");
    first.appendChild(hidden(t + "-r" + p + "-id"));
    first.appendChild(input(t + "-r" + p + "-partner", "partner", "Partner, row " + (p + 1),
      { list: t + "-partners" }));
    first.appendChild(message(t + "-r" + p + "-partner"));
    tr.appendChild(first);
    var second = cell("", "");
    second.appendChild(input(t + "-r" + p + "-line", "line", "Line, row " + (p + 1)));
    second.appendChild(message(t + "-r" + p + "-line"));
    tr.appendChild(second);
    for (var q = 0; q < years(table).length; q++) { tr.appendChild(amountCell(t, p, q)); }
    tr.appendChild(cell("–", "num row-total"));
    count.value = String(p + 1);
    totals(table);
    first.querySelector("input.partner").focus();
  }

  function addYear(table) {
    var t = table.id, count = counter(table, "cols"), q = Number(count.value);
    var head = table.tHead.rows[0];
    var th = cell("", "year", true);
    th.scope = "col";
    th.appendChild(hidden(t + "-y" + q + "-id"));
    th.appendChild(input(t + "-y" + q, "year", "Financial year, column " + (q + 1),
      { placeholder: "2028/29" }));
    th.appendChild(message(t + "-y" + q));
    head.insertBefore(th, head.cells[head.cells.length - 1]);
    var rows = table.tBodies[0].rows;
    for (var p = 0; p < rows.length; p++) {
      rows[p].insertBefore(amountCell(t, p, q), rows[p].cells[rows[p].cells.length - 1]);
    }
    count.value = String(q + 1);
    totals(table);
    th.querySelector("input.year").focus();
  }

  form.querySelectorAll("table.contributions").forEach(function (table) {
    table.addEventListener("input", function () { totals(table); });
    totals(table);
  });
  form.querySelectorAll("button.add-row, button.add-year").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var table = document.getElementById(button.getAttribute("data-table"));
      if (button.classList.contains("add-row")) { addRow(table); } else { addYear(table); }
    });
  });

  // Removing a partner takes its fields and comments out of the YAML: ask first.
  form.querySelectorAll("button[value^='remove-partner:']").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.textContent + "? Its fields, and the comments written in" +
          " it, are taken out of the YAML.")) { event.preventDefault(); }
    });
  });

  // -- applying as you type ------------------------------------------------------------
  var timer = null, busy = false, again = false;
  if (summary) { summary.removeAttribute("role"); } // announced once, by the status after

  function describedBy(el, id, on) {
    var ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    ids = ids.filter(function (x) { return x !== id; });
    if (on) { ids.push(id); }
    if (ids.length) { el.setAttribute("aria-describedby", ids.join(" ")); }
    else { el.removeAttribute("aria-describedby"); }
  }

  function showProblems(problems) {
    form.querySelectorAll(".error-message").forEach(function (m) {
      m.hidden = true;
      m.textContent = "";
      var owner = document.getElementById(m.id.replace(/-error$/, ""));
      if (owner) { owner.removeAttribute("aria-invalid"); describedBy(owner, m.id, false); }
    });
    form.querySelectorAll(".has-error").forEach(function (f) { f.classList.remove("has-error"); });
    var list = summary.querySelector("ul");
    list.textContent = "";
    problems.forEach(function (p) {
      var li = document.createElement("li");
      var target = p.id ? document.getElementById(p.id) : null;
      var box = target ? document.getElementById(p.id + "-error") : null;
      if (target && box) {
        var span = document.createElement("span");
        span.textContent = p.text;
        box.appendChild(span);
        box.hidden = false;
        if (target.tagName !== "TABLE") { target.setAttribute("aria-invalid", "true"); }
        describedBy(target, box.id, true);
        var a = document.createElement("a");
        a.href = "#" + p.id;
        a.textContent = p.text;
        li.appendChild(a);
      } else {
        li.textContent = p.text;
      }
      list.appendChild(li);
    });
    summary.querySelector("h2").textContent = problems.length === 1 ?
      "There is a problem in the draft" : "There are " + problems.length + " problems in the draft";
    summary.hidden = problems.length === 0;
  }

  function setIds(ids) {
    Object.keys(ids).forEach(function (i) {
      ids[i].rows.forEach(function (key, p) {
        var h = form.querySelector("input[name='t" + i + "-r" + p + "-id']");
        if (h) { h.value = String(key); }
      });
      ids[i].cols.forEach(function (key, q) {
        var h = form.querySelector("input[name='t" + i + "-y" + q + "-id']");
        if (h) { h.value = String(key); }
      });
    });
  }

  // The new preview where the reader was in the old one (the frame runs no scripts; the
  // page may read its scroll position).
  function show(html) {
    var at = 0;
    try { at = preview.contentWindow.scrollY; } catch (e) { at = 0; }
    preview.addEventListener("load", function back() {
      preview.removeEventListener("load", back);
      try { preview.contentWindow.scrollTo(0, at); } catch (e) { /* a fresh frame */ }
    });
    preview.srcdoc = html;
  }

  function send() {
    if (busy) { again = true; return; }
    busy = true;
    status.textContent = "Checking the draft…";
    var data = new FormData(form);
    data.set("format", "json");
    data.set("action", "apply");
    fetch(form.getAttribute("action"), { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("the server answered " + response.status); }
        return response.json();
      })
      .then(function (result) {
        if (result.stale) { window.location.reload(); return; }
        form.querySelector("input[name='base']").value = result.base;
        setIds(result.ids);
        showProblems(result.problems);
        if (result.preview) { show(result.preview); }
        preview.hidden = !result.preview;
        noPreview.hidden = !!result.preview;
        var n = result.problems.length;
        status.textContent = "Applied. " + (n ? n + (n === 1 ? " problem" : " problems") +
          " in the draft." : "No problems: the preview is up to date.") +
          (result.notes.length ? " " + result.notes.join(" ") : "");
      })
      .catch(function (error) {
        status.textContent = "Not applied (" + error.message + "): use Apply and preview.";
      })
      .then(function () {
        busy = false;
        if (again) { again = false; send(); }
      });
  }

  function later() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(send, 800);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
}());
