"""The Check page in a real headless chromium: upload a file through the page, see the
finding in the table, filter it, and reach the form by keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.select import Select

from tests.web.browser import upload
from tests.web.client import running_server


@pytest.fixture(scope="module")
def page_url() -> Iterator[str]:
    with running_server() as server:
        yield f"http://127.0.0.1:{server.port}/"


def test_an_upload_through_the_page_shows_its_finding(
    browser: webdriver.Chrome, page_url: str, seeded: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "seeded.docx"
    path.write_bytes(seeded)
    upload(browser, page_url, path)
    assert "placeholder 1" in browser.find_element(By.ID, "summary").text
    rows = browser.find_elements(By.CSS_SELECTOR, "#findings tbody tr")
    assert len(rows) == 1 and "placeholder" in rows[0].text and "[INSERT]" in rows[0].text
    filters = browser.find_element(By.ID, "filters")
    assert filters.is_displayed()  # the script ran: the filters are shown
    Select(browser.find_element(By.ID, "filter-code")).select_by_value("placeholder")
    assert browser.find_element(By.ID, "shown").text == "Showing 1 of 1 findings"
    outline = browser.find_elements(By.CSS_SELECTOR, "details.outline")
    assert len(outline) > 5
    outline[1].find_element(By.TAG_NAME, "summary").click()
    assert outline[1].get_attribute("open") is not None


def test_a_refused_upload_shows_one_line_and_the_page_still_works(
    browser: webdriver.Chrome, page_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    upload(browser, page_url, path)
    message = browser.find_element(By.CSS_SELECTOR, "#error .message").text
    assert message.startswith("scan.pdf: PDF: extract its text first")
    good = tmp_path / "fine.txt"
    good.write_text("AGREEMENT\n\n1. Definitions\n\n1.1 The Fund means [INSERT].\n")
    upload(browser, page_url, good)
    assert browser.find_elements(By.ID, "summary")


def test_the_file_field_is_reached_by_keyboard(browser: webdriver.Chrome, page_url: str) -> None:
    browser.get(page_url)
    body = browser.find_element(By.TAG_NAME, "body")
    reached: list[str | None] = []
    for _ in range(12):  # the skip link, the brand, the four pages, then the form
        (browser.switch_to.active_element if reached else body).send_keys(Keys.TAB)
        reached.append(browser.switch_to.active_element.get_attribute("id"))
        if reached[-1] == "document":
            break
    assert reached[-1] == "document", reached
