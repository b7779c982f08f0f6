"""The Check page's inputs: the Fairhaven agreement as built, and one with a placeholder."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from selenium import webdriver

from s75docs.web.app import create_app
from tests.conftest import BuiltCase
from tests.web.browser import chromium


def rewrite(data: bytes, old: str, new: str) -> bytes:
    """The .docx with `old` replaced once in word/document.xml, every other part kept."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "word/document.xml":
                text = body.decode("utf-8")
                assert old in text
                body = text.replace(old, new, 1).encode("utf-8")
            target.writestr(info, body)
    return out.getvalue()


@pytest.fixture(scope="session")
def fairhaven(built_cases: dict[str, BuiltCase]) -> bytes:
    return built_cases["fairhaven"].docx


@pytest.fixture(scope="session")
def seeded(fairhaven: bytes) -> bytes:
    """Fairhaven with "[INSERT]" before its first "Business Days": one placeholder finding."""
    return rewrite(fairhaven, "Business Days", "[INSERT] Business Days")


@pytest.fixture()
def browser() -> Iterator[webdriver.Chrome]:
    """A headless chromium for one test (tests/web/browser.py), closed afterwards."""
    driver = chromium()
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture()
def app() -> Flask:
    """The app with a 1 MB upload limit (a page's tests may give their own)."""
    return create_app(max_upload=1024 * 1024)


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()
