"""The Report page in a real headless chromium: a meeting file fills the form, a field is
changed by hand, the kind chosen, the report written as a job and downloaded; a date left
empty is named beside the date input."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from tests.web.accessibility import audit
from tests.web.client import running_server

FAIRHAVEN = Path(__file__).resolve().parent.parent.parent / "examples" / "fairhaven"


@pytest.fixture(scope="module")
def page_url() -> Iterator[str]:
    with running_server() as server:
        yield f"http://127.0.0.1:{server.port}/report"


def fill_from_file(browser: webdriver.Chrome, url: str) -> None:
    browser.get(url)
    browser.find_element(By.ID, "scheme").send_keys(str(FAIRHAVEN / "scheme.yaml"))
    browser.find_element(By.ID, "meeting").send_keys(str(FAIRHAVEN / "meeting.yaml"))
    browser.find_element(By.CSS_SELECTOR, "button[value=load]").click()
    # the page is replaced when the file has filled it: an element found just before is stale
    WebDriverWait(browser, 60, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: d.find_element(By.ID, "m-date").get_attribute("value") == "2026-03-11"
    )


def test_a_meeting_file_fills_the_form_and_the_report_is_downloaded(
    browser: webdriver.Chrome, page_url: str, tmp_path: Path
) -> None:
    fill_from_file(browser, page_url)
    assert browser.find_element(By.ID, "m-body").get_attribute("value") == "Cabinet"
    assert browser.find_element(By.ID, "m-authors-1-name").get_attribute("value") == (
        "Alison Marchetti"
    )
    assert browser.find_element(By.ID, "m-key-decision-yes").is_selected()
    assert "Using scheme.yaml, uploaded" in browser.find_element(By.ID, "scheme-hint").text
    # "Add another author" adds an empty third author here in the page
    browser.execute_script("window.notReloaded = true")
    browser.find_element(By.CSS_SELECTOR, "button[value='add:authors']").click()
    third = browser.find_element(By.ID, "m-authors-2-name")
    assert browser.execute_script("return window.notReloaded") is True
    assert browser.switch_to.active_element == third and third.get_attribute("value") == ""
    assert third.get_attribute("name") == "authors[2].name"
    legend = browser.find_element(By.CSS_SELECTOR, "#m-authors-2 > legend")
    assert legend.text == "Author 3"
    third.send_keys("Sam Adeyemi")
    browser.find_element(By.ID, "m-authors-2-role").send_keys("Commissioning Manager")
    browser.find_element(By.ID, "m-authors-2-email").send_keys("sam.adeyemi@fairhaven.example.org")
    title = browser.find_element(By.ID, "m-title")
    title.send_keys("Joint commissioning with the ICB from April 2026")
    browser.find_element(By.CSS_SELECTOR, "label[for=kind-cabinet]").click()
    assert browser.find_element(By.ID, "kind-cabinet").is_selected()
    browser.find_element(By.ID, "write").click()
    WebDriverWait(browser, 180).until(lambda d: d.find_elements(By.ID, "downloads"))
    assert (
        "Write the Cabinet report for scheme.yaml" in browser.find_element(By.TAG_NAME, "h1").text
    )
    links = browser.find_elements(By.CSS_SELECTOR, "#downloads a")
    assert [a.text for a in links] == [
        "Download scheme-cabinet-report.docx",
        "Download meeting.yaml",
    ]
    browser.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)}
    )
    links[0].click()
    target = tmp_path / "scheme-cabinet-report.docx"
    end = time.monotonic() + 60
    while not target.exists() and time.monotonic() < end:
        time.sleep(0.2)
    time.sleep(0.5)  # let chromium finish writing it
    report = docx.Document(io.BytesIO(target.read_bytes()))
    cells = [c.text for t in report.tables for r in t.rows for c in r.cells]
    text = "\n".join([*(p.text for p in report.paragraphs), *cells])
    assert "Sam Adeyemi" in text and "sam.adeyemi@fairhaven.example.org" in text
    assert "Joint commissioning with the ICB from April 2026" in text
    assert "11 March 2026" in text


def test_a_date_left_empty_is_named_beside_the_date_input(
    browser: webdriver.Chrome, page_url: str
) -> None:
    fill_from_file(browser, page_url)
    browser.execute_script("document.getElementById('m-date').value = ''")
    browser.find_element(By.CSS_SELECTOR, "label[for=kind-hwb]").click()
    browser.find_element(By.ID, "m-body").send_keys(Keys.ENTER)  # Enter writes the report
    WebDriverWait(browser, 60).until(lambda d: d.find_elements(By.ID, "error"))
    summary = browser.find_element(By.ID, "error")
    assert summary.get_attribute("role") == "alert"
    assert browser.switch_to.active_element == summary  # focus on the list of mistakes
    link = summary.find_element(By.CSS_SELECTOR, "a[href='#m-date']")
    assert link.text == "Date: required field is missing"
    beside = browser.find_element(By.ID, "m-date-error")
    assert beside.is_displayed() and beside.text == "required field is missing"
    field = browser.find_element(By.ID, "m-date").find_element(By.XPATH, "..")
    assert "field-error" in (field.get_attribute("class") or "")
    assert beside.find_element(By.XPATH, "..") == field
    # the values are kept, and the scheme is still held
    assert browser.find_element(By.ID, "m-body").get_attribute("value") == "Cabinet"
    assert browser.find_element(By.ID, "kind-hwb").is_selected()
    assert audit(browser) == []  # the form with its mistake, as a keyboard user meets it
    link.click()  # the link takes focus to the date input, its message in view
    assert browser.switch_to.active_element == browser.find_element(By.ID, "m-date")
    top = browser.execute_script("return window.scrollY")
    height = browser.execute_script("return window.innerHeight")
    assert top <= beside.rect["y"] <= top + height
