"""An accessibility audit of a page as chromium renders it (WCAG 2.2 AA checks that can be
made by machine): the page's language and title, one h1 and no skipped heading level, a
label for every form control, alternative text for every image, text contrast of at least
4.5:1 (3:1 for large text), and every control reachable by Tab with a visible focus.

`audit(driver)` returns the problems found on the page loaded in `driver`, one line each.
"""

from __future__ import annotations

from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

# Run in the page: every problem of structure, names and contrast, as lines of text.
_AUDIT = r"""
const problems = [];
const say = (what, el) => problems.push(what + ": " + (el ? describe(el) : ""));
function describe(el) {
  let s = el.tagName.toLowerCase();
  if (el.id) s += "#" + el.id;
  const text = (el.innerText || el.value || "").trim().slice(0, 40);
  return text ? s + " '" + text + "'" : s;
}
function visible(el) {
  const r = el.getBoundingClientRect();
  const st = getComputedStyle(el);
  return r.width > 0 && r.height > 0 && st.visibility !== "hidden" && st.display !== "none";
}
if (!document.documentElement.lang) say("no lang on <html>", null);
if (!document.title.trim()) say("no title", null);
const h1 = document.querySelectorAll("h1");
if (h1.length !== 1) say(h1.length + " h1 elements (want 1)", null);
let last = 0;
for (const h of document.querySelectorAll("h1,h2,h3,h4,h5,h6")) {
  if (!visible(h)) continue;
  const level = +h.tagName[1];
  if (last && level > last + 1) say("heading skips from h" + last + " to h" + level, h);
  last = level;
}
for (const el of document.querySelectorAll("input,select,textarea")) {
  if (el.type === "hidden") continue;
  const labelled = (el.id && document.querySelector('label[for="' + el.id + '"]')) ||
    el.closest("label") || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
  if (!labelled) say("form control without a label", el);
}
for (const el of document.querySelectorAll("button,a[href]")) {
  if (visible(el) && !(el.innerText || el.getAttribute("aria-label") || "").trim())
    say("control without a name", el);
}
for (const img of document.querySelectorAll("img")) {
  if (!img.hasAttribute("alt")) say("image without alt", img);
}
for (const id of new Set([...document.querySelectorAll("[id]")].map(e => e.id))) {
  const same = document.querySelectorAll('[id="' + CSS.escape(id) + '"]');
  if (same.length > 1) say("duplicate id " + id, null);
}
function rgba(c) {
  const m = c.match(/rgba?\(([^)]+)\)/);
  if (!m) return [255, 255, 255, 1];
  const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
}
function background(el) {
  let layers = [];
  for (let e = el; e; e = e.parentElement) {
    const c = rgba(getComputedStyle(e).backgroundColor);
    if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
  }
  let out = [255, 255, 255];
  for (const c of layers.reverse()) out = out.map((v, i) => v * (1 - c[3]) + c[i] * c[3]);
  return out;
}
function lum(c) {
  const f = v => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
}
const seen = new Set();
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode;
  if (!node.textContent.trim()) continue;
  const el = node.parentElement;
  if (!el || seen.has(el) || !visible(el) || el.closest("iframe,noscript,script,style")) continue;
  seen.add(el);
  const st = getComputedStyle(el);
  const fg = rgba(st.color), bg = background(el);
  const shown = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
  const a = lum(shown), b = lum(bg);
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  const size = parseFloat(st.fontSize), bold = +st.fontWeight >= 700;
  const large = size >= 24 || (bold && size >= 18.66);
  if (ratio < (large ? 3 : 4.5)) say("contrast " + ratio.toFixed(2) + ":1", el);
}
return problems;
"""

_FOCUS = r"""
const el = document.activeElement;
const st = getComputedStyle(el);
const ring = (st.outlineStyle !== "none" && parseFloat(st.outlineWidth) >= 2) ||
  (st.boxShadow && st.boxShadow !== "none");
return [el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " " +
  (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 30), ring,
  el.getAttribute("data-tab-stop") || ""];
"""

_CONTROLS = r"""
// inside a closed <details>, only its own summary can be reached
function folded(e) {
  for (let d = e.parentElement; d; d = d.parentElement) {
    if (d.tagName === "DETAILS" && !d.open && !(e.tagName === "SUMMARY" && e.parentElement === d))
      return true;
  }
  return false;
}
const shown = [...document.querySelectorAll(
  "a[href],button,input:not([type=hidden]),select,textarea,summary,[tabindex]:not([tabindex='-1'])"
)].filter(e => {
  const r = e.getBoundingClientRect(); const st = getComputedStyle(e);
  return r.width > 0 && r.height > 0 && st.visibility !== "hidden" && !e.disabled &&
    !e.closest("[hidden]") && !folded(e) && e.getAttribute("tabindex") !== "-1";
});
// a group of radio buttons is one Tab stop (the arrow keys move within it)
const groups = new Map();
let count = 0;
for (const e of shown) {
  if (e.type === "radio" && groups.has(e.name)) {
    e.setAttribute("data-tab-stop", groups.get(e.name));
    continue;
  }
  e.setAttribute("data-tab-stop", String(count));
  if (e.type === "radio") groups.set(e.name, String(count));
  count++;
}
return count;
"""


_MISSED = r"""
const reached = new Set(arguments[0]);
return [...document.querySelectorAll("[data-tab-stop]")]
  .filter(e => !reached.has(e.getAttribute("data-tab-stop")))
  .map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + " " +
    (e.innerText || e.value || "").trim().slice(0, 30));
"""


def audit(driver: webdriver.Chrome, max_tabs: int = 2000) -> list[str]:
    """The problems of the page loaded in `driver` (an empty list when it passes)."""
    problems: list[str] = list(driver.execute_script(_AUDIT))
    controls = int(driver.execute_script(_CONTROLS))
    driver.execute_script("document.activeElement && document.activeElement.blur()")
    keys = ActionChains(driver)  # keys to the page, not an element (a file input takes a path)
    reached: list[str] = []
    stops: list[str] = []
    # Tab round the whole page once: from wherever the focus starts, to the end, through the
    # browser's own stops, and from the top back to where it began (a date input takes
    # several Tabs, for its day, month and year)
    for _ in range(min(max_tabs, 4 * controls + 8)):
        keys.send_keys(Keys.TAB).perform()
        name, ring, stop = driver.execute_script(_FOCUS)
        if not stop:
            if not name.startswith("body") and not name.startswith("html"):
                reached.append(name)
            continue
        if stops and stop == stops[0] and stop != stops[-1]:
            break  # round again
        if not ring and not name.startswith("iframe"):  # inside a frame: its own page
            problems.append(f"no visible focus: {name}")
        reached.append(name)
        stops.append(stop)
    stops_reached = set(stops)
    # (a control a script replaced meanwhile is no longer in the page, and not counted)
    missed: list[str] = list(driver.execute_script(_MISSED, sorted(stops_reached)))
    if missed:
        problems.append(
            f"Tab reached {len(stops_reached)} of {controls} controls; not: {'; '.join(missed[:5])}"
        )
    return problems
