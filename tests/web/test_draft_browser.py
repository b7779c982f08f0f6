"""The Draft page in a real headless chromium: upload the Fairhaven scheme through the page,
raise a contribution and see the problem it makes at its line and field, follow it to its
line, fix it by typing, and see the new figure and total in the preview; a misspelt key
and an impossible date shown as you type; cross-references followed inside the preview."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from tests.web.client import running_server

FAIRHAVEN = Path(__file__).parents[2] / "examples" / "fairhaven" / "scheme.yaml"
WAIT = 60  # seconds: a check takes about one under load; the preview reloads after it
EQUIPMENT = "Contributions to Integrated Community Equipment Service"
# the preview's finance table: each row's cells, by the table's caption
TABLE = """
var frame = document.getElementById("preview");
var doc = frame && frame.contentDocument;
if (!doc) { return null; }
var tables = doc.querySelectorAll("table");
for (var i = 0; i < tables.length; i++) {
  var caption = tables[i].querySelector("caption");
  if (caption && caption.textContent === arguments[0]) {
    return Array.prototype.map.call(tables[i].querySelectorAll("tbody tr"), function (row) {
      return Array.prototype.map.call(row.cells, function (cell) { return cell.textContent; });
    });
  }
}
return null;
"""
REPLACE = """
var text = document.getElementById("scheme-text");
if (text.value.indexOf(arguments[0]) < 0) { throw new Error("not in the text: " + arguments[0]); }
text.value = text.value.replace(arguments[0], arguments[1]);
text.dispatchEvent(new Event("input", { bubbles: true }));
"""
CARET_LINE = """
var text = document.getElementById("scheme-text");
return text.value.slice(0, text.selectionStart).split("\\n").length;
"""


@pytest.fixture(scope="module")
def page_url() -> Iterator[str]:
    with running_server() as server:
        yield f"http://127.0.0.1:{server.port}/draft"


def start(browser: webdriver.Chrome, url: str) -> None:
    """Upload the Fairhaven scheme through the page and wait for its preview."""
    browser.get(url)
    browser.find_element(By.ID, "scheme-file").send_keys(str(FAIRHAVEN))
    browser.find_element(By.ID, "upload-scheme").click()
    WebDriverWait(browser, WAIT).until(lambda d: d.find_elements(By.ID, "scheme-text"))
    WebDriverWait(browser, WAIT).until(lambda d: last_row(d, EQUIPMENT)[:1] == ["Total"])


def table(browser: webdriver.Chrome, caption: str) -> Any:
    return browser.execute_script(TABLE, caption)


def last_row(browser: webdriver.Chrome, caption: str) -> list[str]:
    rows = table(browser, caption)
    return list(rows[-1]) if rows else []


def problems(browser: webdriver.Chrome) -> list[str]:
    return [p.text for p in browser.find_elements(By.CSS_SELECTOR, "#problems li")]


def count(browser: webdriver.Chrome) -> str:
    return str(browser.find_element(By.ID, "problem-count").text)


def test_a_raised_contribution_shows_its_problem_then_the_new_total_once_fixed(
    browser: webdriver.Chrome, page_url: str
) -> None:
    start(browser, page_url)
    before = table(browser, EQUIPMENT)
    assert before[0][:2] == ["Council", "Social care equipment"] and before[0][3] == "£3,184,500.00"
    assert before[-1][0] == "Total" and before[-1][3] == "£6,099,700.00"
    assert count(browser) == "No problems" and problems(browser) == []

    browser.execute_script(REPLACE, '"3,184,500.00"', '"3,284,500.00"')
    WebDriverWait(browser, WAIT).until(lambda d: problems(d))
    text = browser.find_element(By.ID, "scheme-text").get_attribute("value") or ""
    line = text.splitlines().index('    2026/27: "80,099,061.37"') + 1
    [problem] = problems(browser)
    assert problem == (
        f"Line {line}, agreement, stated totals, 2026/27: stated total £80,099,061.37 for 2026/27"
        " differs from the sum of the contributions, £80,199,061.37 (the stated total is"
        " £100,000.00 less): correct whichever is wrong"
    )
    assert count(browser) == "1 problem: the agreement cannot be made until it is fixed"
    assert browser.find_element(By.ID, "problem-count").get_attribute("role") == "status"
    state = browser.find_element(By.ID, "preview-state")
    assert state.is_displayed() and state.text == "Out of date: fix the problems listed"
    assert table(browser, EQUIPMENT) == before  # the last good preview is kept

    browser.find_element(By.CSS_SELECTOR, "#problems a[data-line]").click()
    editor = browser.switch_to.active_element
    assert editor.get_attribute("id") == "scheme-text"
    assert browser.execute_script(CARET_LINE) == line
    assert browser.find_element(By.ID, "caret-place").text.startswith(f"Line {line}, column ")

    # fixed by typing at the caret: the stated total on that line
    editor.send_keys(Keys.END, Keys.ARROW_LEFT, *([Keys.BACKSPACE] * len("80,099,061.37")))
    editor.send_keys("80,199,061.37")
    WebDriverWait(browser, WAIT).until(lambda d: count(d) == "No problems")
    assert problems(browser) == []
    raised = ["Council", "Social care equipment", "fixed", "£3,284,500.00"]
    total = ["Total", "", "", "£6,199,700.00"]
    WebDriverWait(browser, WAIT).until(lambda d: last_row(d, EQUIPMENT)[:4] == total)
    after = table(browser, EQUIPMENT)
    assert after[0][:4] == raised and after[-1][:4] == total
    summary = "Summary of contributions"
    WebDriverWait(browser, WAIT).until(
        lambda d: last_row(d, summary)[:3] == ["Total", "", "£80,199,061.37"]
    )
    assert not browser.find_element(By.ID, "preview-state").is_displayed()


def test_a_misspelt_key_and_an_impossible_date_are_shown_as_you_type(
    browser: webdriver.Chrome, page_url: str
) -> None:
    start(browser, page_url)
    text = browser.find_element(By.ID, "scheme-text").get_attribute("value") or ""
    lines = text.splitlines()
    browser.execute_script(REPLACE, "  area: Fairhaven", "  arae: Fairhaven")
    WebDriverWait(browser, WAIT).until(lambda d: len(problems(d)) == 2)
    at = lines.index("  area: Fairhaven") + 1
    assert f"Line {at}, agreement, arae: unknown key 'arae' (did you mean 'area'?)" in problems(
        browser
    )
    browser.execute_script(REPLACE, "  arae: Fairhaven", "  area: Fairhaven")
    browser.execute_script(REPLACE, "commencement: 2026-04-01", "commencement: 2026-02-30")
    at = lines.index("  commencement: 2026-04-01") + 1
    said = (
        f"Line {at}, agreement, commencement: not a date: 2026-02-30"
        " (day is out of range for month)"
    )
    WebDriverWait(browser, WAIT).until(lambda d: problems(d) == [said])
    browser.find_element(By.LINK_TEXT, said).send_keys(Keys.ENTER)  # by keyboard
    assert browser.switch_to.active_element.get_attribute("id") == "scheme-text"
    assert browser.execute_script(CARET_LINE) == at
    browser.execute_script(REPLACE, "commencement: 2026-02-30", "commencement: 2026-04-01")
    WebDriverWait(browser, WAIT).until(lambda d: count(d) == "No problems")


def test_cross_references_work_inside_the_preview(browser: webdriver.Chrome, page_url: str) -> None:
    start(browser, page_url)
    browser.switch_to.frame(browser.find_element(By.ID, "preview"))
    try:
        link = browser.find_element(By.CSS_SELECTOR, "a.xref[href^='#']")
        target = link.get_attribute("href") or ""
        fragment = target.split("#", 1)[1]
        top = "return document.getElementById(arguments[0]).getBoundingClientRect().top"
        assert browser.execute_script(top, fragment) > 500  # further down the agreement
        link.click()
        WebDriverWait(browser, 10).until(
            lambda d: d.execute_script("return window.location.hash") == "#" + fragment
        )
        assert abs(browser.execute_script(top, fragment)) < 5  # scrolled to its target
        assert browser.execute_script("return document.scripts.length") == 0
    finally:
        browser.switch_to.default_content()
    assert browser.current_url == page_url  # the page itself stayed where it was


def test_without_scripts_the_button_checks_and_shows_the_problem(
    browser: webdriver.Chrome, page_url: str
) -> None:
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    start(browser, page_url)  # the preview frame is the server's, scripts or not
    editor = browser.find_element(By.ID, "scheme-text")
    at = (editor.get_attribute("value") or "").splitlines().index("agreement:") + 1
    assert not browser.find_elements(By.CSS_SELECTOR, ".gutter")  # no script ran
    editor.send_keys(Keys.CONTROL, Keys.HOME)
    editor.send_keys("- ")  # the file's first line made a list item: not a scheme
    browser.find_element(By.ID, "check-button").click()
    WebDriverWait(browser, WAIT).until(lambda d: problems(d))
    assert browser.current_url == page_url
    assert count(browser).endswith("the agreement cannot be made until it is fixed")
    assert problems(browser) == [
        f"Line {at}: YAML syntax error: did not find expected node content"
    ]
    value = browser.find_element(By.ID, "scheme-text").get_attribute("value") or ""
    assert value.startswith("- # Fairhaven")
    assert browser.find_element(By.ID, "preview-state").is_displayed()
