"""The Vary page in a real headless chromium: upload Fairhaven's two versions and the edits
file they name through the page, wait for the job, see the deed's preview and the changes,
and download the deed."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from flask import Flask
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait
from werkzeug.serving import BaseWSGIServer

from s75docs.web.common import state
from s75docs.web.drafting import Draft
from tests.web.accessibility import audit
from tests.web.client import running_server

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "fairhaven"


@pytest.fixture(scope="module")
def server() -> Iterator[BaseWSGIServer]:
    with running_server() as running:
        yield running


@pytest.fixture(scope="module")
def page_url(server: BaseWSGIServer) -> str:
    return f"http://127.0.0.1:{server.port}/vary"


def ended(driver: webdriver.Chrome) -> bool:
    return bool(driver.find_elements(By.ID, "summary") or driver.find_elements(By.ID, "error"))


def test_two_versions_uploaded_through_the_page_give_the_deed(
    browser: webdriver.Chrome, page_url: str, tmp_path: Path
) -> None:
    browser.execute_cdp_cmd(
        "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)}
    )
    browser.get(page_url)
    browser.find_element(By.ID, "old").send_keys(str(EXAMPLE / "scheme.yaml"))
    browser.find_element(By.ID, "new").send_keys(str(EXAMPLE / "scheme-v2.yaml"))
    browser.find_element(By.ID, "others").send_keys(str(EXAMPLE / "variation-2027.yaml"))
    browser.find_element(By.CSS_SELECTOR, "form.vary-form button[type=submit]").click()
    WebDriverWait(browser, 180).until(ended)  # the job's page reloads itself when it ends
    assert browser.current_url.startswith(page_url + "/result/")
    summary = browser.find_element(By.ID, "summary").text
    assert summary.startswith("23 variations: scheme.yaml to scheme-v2.yaml")
    rows = browser.find_elements(By.CSS_SELECTOR, "#changes tbody tr")
    assert len(rows) == 23
    assert any("Schedule 6A" in row.text and "INSERTED" in row.text.upper() for row in rows)
    frame = browser.find_element(By.ID, "preview")
    assert frame.size["height"] > 300
    browser.switch_to.frame(frame)
    assert "Deed of Variation" in browser.find_element(By.TAG_NAME, "body").text
    browser.switch_to.default_content()
    assert audit(browser) == []  # the result page, as a keyboard and screen-reader user meets it
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "The deed of variation (Word)")
    link.click()
    target = tmp_path / "scheme-v2-deed.docx"
    end = time.monotonic() + 60
    while not target.exists() and time.monotonic() < end:
        time.sleep(0.2)
    assert target.exists(), sorted(p.name for p in tmp_path.iterdir())
    time.sleep(0.5)  # the browser renames its partial file when the download is complete
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "Deed of Variation" in text and "dated 27 March 2026" in text


def test_a_missing_named_file_shows_one_line_and_the_form(
    browser: webdriver.Chrome, page_url: str
) -> None:
    browser.get(page_url)
    browser.find_element(By.ID, "old").send_keys(str(EXAMPLE / "scheme.yaml"))
    browser.find_element(By.ID, "new").send_keys(str(EXAMPLE / "scheme-v2.yaml"))
    browser.find_element(By.CSS_SELECTOR, "form.vary-form button[type=submit]").click()
    WebDriverWait(browser, 180).until(ended)
    lines = [p.text for p in browser.find_elements(By.CSS_SELECTOR, "#error .message")]
    assert lines == [
        "scheme-v2.yaml:1004: variations[0].edits: no such edits file: variation-2027.yaml",
        "scheme-v2.yaml names variation-2027.yaml (the edits it makes): choose it under 'Other"
        " files the versions name' and write the deed again. The files already chosen are kept.",
    ]
    assert browser.find_element(By.ID, "others").is_displayed()  # try again with it
    assert "Using scheme.yaml, uploaded" in browser.find_element(By.ID, "old-hint").text
    assert audit(browser) == []


def test_the_draft_against_its_original_by_keyboard(
    browser: webdriver.Chrome, page_url: str, server: BaseWSGIServer
) -> None:
    browser.get(page_url)
    owner = browser.find_element(By.NAME, "token").get_attribute("value")
    app = server.app
    assert isinstance(app, Flask) and owner
    with app.app_context():
        state().drafts.put(
            owner,
            Draft(
                "scheme.yaml",
                (EXAMPLE / "scheme-v2.yaml").read_text(encoding="utf-8"),
                (EXAMPLE / "scheme.yaml").read_text(encoding="utf-8"),
            ),
        )
    browser.get(page_url)
    draft = browser.find_element(By.ID, "source-draft")
    assert draft.is_selected()
    assert not browser.find_element(By.ID, "old").is_displayed()  # the script hid the uploads
    draft.send_keys(Keys.ARROW_DOWN)  # the arrow key moves to "Upload the two versions"
    assert browser.find_element(By.ID, "source-upload").is_selected()
    assert browser.find_element(By.ID, "old").is_displayed()
    assert browser.find_element(By.ID, "old").get_attribute("required") is not None
    browser.find_element(By.ID, "source-upload").send_keys(Keys.ARROW_UP)
    assert draft.is_selected() and not browser.find_element(By.ID, "new").is_displayed()
    browser.find_element(By.ID, "others").send_keys(str(EXAMPLE / "variation-2027.yaml"))
    browser.find_element(By.CSS_SELECTOR, "form.vary-form button[type=submit]").send_keys(
        Keys.ENTER
    )
    WebDriverWait(browser, 180).until(ended)
    summary = browser.find_element(By.ID, "summary").text
    assert summary.startswith("23 variations: scheme.yaml to scheme-edited.yaml")
