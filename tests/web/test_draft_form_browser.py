"""The Draft page's form in a real headless chromium, with Fairhaven as the draft: an edited
amount changes the year's total at once, then the preview shows the new figure; an invalid
amount gets the CLI's line-and-field message beside it; rows and years are added in the page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.wait import WebDriverWait
from werkzeug.serving import BaseWSGIServer

from s75docs.web.drafting import Draft
from tests.web.accessibility import audit
from tests.web.client import running_server

FAIRHAVEN = Path(__file__).parents[2] / "examples" / "fairhaven" / "scheme.yaml"
TEXT = FAIRHAVEN.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def server() -> Iterator[BaseWSGIServer]:
    with running_server() as running:
        yield running


def open_with_fairhaven(browser: webdriver.Chrome, server: BaseWSGIServer) -> str:
    """Open the form with Fairhaven loaded as this browser session's draft."""
    url = f"http://127.0.0.1:{server.port}/draft/form"
    browser.get(url)
    match = re.search(r'name="token" value="([^"]+)"', browser.page_source)
    assert match
    server.app.extensions["s75docs"].drafts.put(  # type: ignore[attr-defined]
        match.group(1), Draft("scheme.yaml", TEXT, None)
    )
    browser.get(url)
    return match.group(1)


def retype(element: WebElement, text: str) -> None:
    element.clear()
    element.send_keys(text)


def grand_total(browser: webdriver.Chrome, column: int) -> str:
    row = browser.find_element(By.CSS_SELECTOR, "#t0 tfoot tr.grand-total")
    return str(row.find_elements(By.TAG_NAME, "td")[column].text)


def preview_text(browser: webdriver.Chrome) -> str:
    return str(browser.find_element(By.ID, "preview").get_attribute("srcdoc") or "")


def test_an_edited_amount_changes_the_total_at_once_then_the_preview(
    browser: webdriver.Chrome, server: BaseWSGIServer
) -> None:
    open_with_fairhaven(browser, server)
    before = grand_total(browser, 0)
    assert before == "£46,242,351.37"
    first = browser.find_element(By.ID, "t0-r0-c0")
    retype(first, "24,318,622.00")  # £10 more from the ICB in 2026/27
    # at once, before any request can have come back
    assert grand_total(browser, 0) == "£46,242,361.37"
    assert "£26,969,040.37" in browser.find_element(By.CSS_SELECTOR, "#t0 tfoot").text
    # take the £10 from the council's DFG line: the stated totals match again
    retype(browser.find_element(By.ID, "t0-r1-c0"), "3,247,971.00")
    assert grand_total(browser, 0) == before
    WebDriverWait(browser, 60).until(lambda d: "24,318,622.00" in preview_text(d))
    assert "3,247,971.00" in preview_text(browser)
    frame = browser.find_element(By.ID, "preview")
    assert frame.is_displayed()
    browser.switch_to.frame(frame)
    try:  # the finance table of the agreement as the reader sees it
        cells = [c.text for c in browser.find_elements(By.CSS_SELECTOR, "table td")]
    finally:
        browser.switch_to.default_content()
    assert any("24,318,622.00" in c for c in cells) and any("3,247,971.00" in c for c in cells)


def test_an_invalid_amount_gets_its_message_beside_the_input(
    browser: webdriver.Chrome, server: BaseWSGIServer
) -> None:
    open_with_fairhaven(browser, server)
    retype(browser.find_element(By.ID, "t0-r0-c0"), "12.345")
    assert grand_total(browser, 0) == "–"  # an invalid amount makes no total
    box = browser.find_element(By.ID, "t0-r0-c0-error")
    WebDriverWait(browser, 60).until(lambda d: box.is_displayed())
    line = TEXT.splitlines().index('        amount: "24,318,612.00"') + 1
    assert box.text.startswith(f"scheme.yaml:{line}: schemes[0].contributions[0].amount: ")
    assert "malformed amount '12.345'" in box.text
    cell = browser.find_element(By.ID, "t0-r0-c0")
    assert cell.get_attribute("aria-invalid") == "true"
    assert "t0-r0-c0-error" in (cell.get_attribute("aria-describedby") or "")
    summary = browser.find_element(By.ID, "problems")
    assert summary.is_displayed()
    assert summary.find_element(By.CSS_SELECTOR, "a[href='#t0-r0-c0']")
    assert not browser.find_element(By.ID, "preview").is_displayed()
    assert audit(browser) == []  # the form with its error, as a keyboard user meets it


def test_a_row_and_a_year_added_in_the_page_are_applied(
    browser: webdriver.Chrome, server: BaseWSGIServer
) -> None:
    token = open_with_fairhaven(browser, server)
    browser.find_element(By.CSS_SELECTOR, "button.add-row[data-table=t0]").click()
    browser.find_element(By.CSS_SELECTOR, "button.add-year[data-table=t0]").click()
    retype(browser.find_element(By.ID, "t0-y2"), "2028/29")
    retype(browser.find_element(By.ID, "t0-r5-partner"), "icb")
    retype(browser.find_element(By.ID, "t0-r5-line"), "Winter pressures")
    retype(browser.find_element(By.ID, "t0-r5-c2"), "1,000.50")
    assert grand_total(browser, 2) == "£1,000.50"
    drafts = server.app.extensions["s75docs"].drafts  # type: ignore[attr-defined]
    WebDriverWait(browser, 60).until(lambda d: 'amount: "1,000.50"' in drafts.get(token).text)
    text = drafts.get(token).text
    assert "      - partner: icb\n        line: Winter pressures\n        year: 2028/29\n" in text
    # typed again, the same contribution changes (the page learnt it is no longer new)
    retype(browser.find_element(By.ID, "t0-r5-c2"), "2,000.00")
    WebDriverWait(browser, 60).until(lambda d: 'amount: "2,000.00"' in drafts.get(token).text)
    assert drafts.get(token).text.count("Winter pressures") == 1
