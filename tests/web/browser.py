"""Debian's chromium, headless, driven by selenium through chromedriver (no download)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
REQUIRE_BROWSER = os.environ.get("S75DOCS_REQUIRE_BROWSER") == "1"
HINT = (
    "install it with 'sudo apt-get install chromium chromium-driver'"
    " (set S75DOCS_REQUIRE_BROWSER=1 to make this a failure instead of a skip)"
)


def chromium(width: int = 1280, height: int = 900) -> webdriver.Chrome:
    """A headless chromium; skips the test when none is installed (fails when required)."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        if REQUIRE_BROWSER:
            pytest.fail(f"chromium and chromedriver are required: {HINT}")
        pytest.skip(f"chromium is not installed: {HINT}")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        f"--window-size={width},{height}",
    ):
        options.add_argument(argument)
    return webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))


def upload(browser: webdriver.Chrome, url: str, path: Path) -> None:
    """Upload `path` through the Check page at `url` and wait for its result or error."""
    browser.get(url)
    browser.find_element(By.ID, "document").send_keys(str(path))
    browser.find_element(By.CSS_SELECTOR, "form.upload button[type=submit]").click()
    WebDriverWait(browser, 120).until(
        lambda d: d.find_elements(By.ID, "summary") or d.find_elements(By.ID, "error")
    )
