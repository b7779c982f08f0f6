"""Every page, in chromium, passes the machine-checkable accessibility audit
(tests/web/accessibility.py) at desktop and narrow widths, empty and with an error shown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By

from s75docs.web.app import create_app
from tests.web.accessibility import audit
from tests.web.browser import chromium, upload
from tests.web.client import running_server


def pages() -> list[str]:
    """Every page a user opens by its address: the GET routes without arguments."""
    app = create_app()
    return sorted(
        str(rule.rule)
        for rule in app.url_map.iter_rules()
        if "GET" in (rule.methods or ()) and not rule.arguments and rule.endpoint != "static"
    )


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with running_server() as server:
        yield f"http://127.0.0.1:{server.port}"


@pytest.fixture(scope="module", params=[(1280, 900), (400, 800)], ids=["desktop", "narrow"])
def browser(request: pytest.FixtureRequest) -> Iterator[webdriver.Chrome]:
    width, height = request.param
    driver = chromium(width, height)
    try:
        yield driver
    finally:
        driver.quit()


def test_there_are_pages_to_audit() -> None:
    assert {"/", "/draft", "/vary", "/report"} <= set(pages())


@pytest.mark.parametrize("path", pages())
def test_a_page_passes_the_audit(browser: webdriver.Chrome, base: str, path: str) -> None:
    browser.get(base + path)
    assert audit(browser) == []


def test_an_error_page_passes_the_audit(browser: webdriver.Chrome, base: str) -> None:
    browser.get(base + "/no-such-page")
    assert "404 Not Found" in browser.page_source
    assert audit(browser) == []


BAD_PAGE = """<!DOCTYPE html><html><head><title></title>
<style>a:focus{outline:none} .pale{color:#aaa}</style></head><body>
<h1>One</h1><h1>Two</h1><h4>Skipped</h4>
<p class="pale">Pale text on white</p>
<input id="unnamed" type="text"><img src="x.png">
<a href="#x">Link</a><button></button>
</body></html>"""


def test_the_audit_finds_what_it_looks_for(browser: webdriver.Chrome, tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text(BAD_PAGE, encoding="utf-8")
    browser.get(page.as_uri())
    found = "\n".join(audit(browser))
    for expected in (
        "no lang on <html>",
        "no title",
        "2 h1 elements",
        "heading skips from h1 to h4",
        "contrast 2.32:1: p 'Pale text on white'",
        "form control without a label: input#unnamed",
        "image without alt",
        "control without a name: button",
        "no visible focus: a Link",
    ):
        assert expected in found, found


def test_the_check_page_with_findings_passes_the_audit(
    browser: webdriver.Chrome, base: str, seeded: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "seeded.docx"
    path.write_bytes(seeded)
    upload(browser, base + "/", path)
    assert browser.find_elements(By.ID, "summary")
    assert audit(browser) == []
