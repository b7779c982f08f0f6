"""Screenshots of every page for the README (docs/screenshots/PAGE-page-{desktop,narrow}.png),
each in a realistic state, taken in headless chromium on a running `s75docs serve`:

- check: Fairhaven with a seeded placeholder uploaded, its clauses and one clause open;
- draft: Fairhaven's scheme uploaded and one contribution raised by £100,000, so the stated
  total no longer matches (the problem listed at its line, the preview marked out of date);
- draft-form: Fairhaven as the draft, one amount mistyped in the Better Care Fund's table;
- vary: Fairhaven's first variation (scheme.yaml to scheme-v2.yaml with its edits file);
- report: the form filled from Fairhaven's meeting.yaml, Cabinet chosen, the date left empty.

Needs chromium and chromium-driver (Debian) and the dev install (selenium).
Run: .venv/bin/python tools/screenshot_pages.py [PAGE ...]   (default: every page)
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.wait import WebDriverWait  # noqa: E402
from werkzeug.serving import BaseWSGIServer  # noqa: E402

from tests.web.browser import chromium  # noqa: E402
from tests.web.client import running_server  # noqa: E402

FAIRHAVEN = ROOT / "examples" / "fairhaven"
OUT = ROOT / "docs" / "screenshots"
Prepare = Callable[[webdriver.Chrome, BaseWSGIServer, Path], None]


def _url(server: BaseWSGIServer, path: str) -> str:
    return f"http://127.0.0.1:{server.port}{path}"


def check(browser: webdriver.Chrome, server: BaseWSGIServer, temp: Path) -> None:
    from s75docs.model.loader import load_scheme
    from s75docs.pipeline import build_tree, render_bytes
    from tests.helpers import example_library
    from tests.web.conftest import rewrite

    path = temp / "fairhaven-draft.docx"
    if not path.exists():
        scheme = FAIRHAVEN / "scheme.yaml"
        data = render_bytes(build_tree(load_scheme(scheme), example_library(scheme)), "docx")
        path.write_bytes(rewrite(data, "Business Days", "[INSERT] Business Days"))
    browser.get(_url(server, "/"))
    browser.find_element(By.ID, "document").send_keys(str(path))
    browser.find_element(By.CSS_SELECTOR, "form.upload button").click()
    WebDriverWait(browser, 120).until(lambda d: d.find_elements(By.ID, "summary"))
    for section in browser.find_elements(By.CSS_SELECTOR, "details.outline"):
        summary = section.find_element(By.TAG_NAME, "summary")
        if summary.text.startswith("Clauses"):
            summary.click()  # open the clauses and the second clause in them
            section.find_elements(By.CSS_SELECTOR, "details.inner summary")[1].click()


def draft(browser: webdriver.Chrome, server: BaseWSGIServer, temp: Path) -> None:
    old, new = '"3,184,500.00"', '"3,284,500.00"'  # community equipment, the Council's 2026/27
    browser.get(_url(server, "/draft"))
    browser.find_element(By.ID, "scheme-file").send_keys(str(FAIRHAVEN / "scheme.yaml"))
    browser.find_element(By.ID, "upload-scheme").click()
    WebDriverWait(browser, 60).until(lambda d: d.find_elements(By.ID, "scheme-text"))
    browser.execute_script(
        "var t = document.getElementById('scheme-text');"
        "t.value = t.value.replace(arguments[0], arguments[1]);"
        "t.dispatchEvent(new Event('input'));",
        old,
        new,
    )
    WebDriverWait(browser, 60).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#problems a[data-line]")
    )
    browser.find_element(By.CSS_SELECTOR, "#problems a[data-line]").click()
    browser.execute_script("window.scrollTo(0, 0)")


def draft_form(browser: webdriver.Chrome, server: BaseWSGIServer, temp: Path) -> None:
    from tests.web.test_draft_form_browser import open_with_fairhaven, retype

    open_with_fairhaven(browser, server)
    retype(browser.find_element(By.ID, "t0-r1-c0"), "3,247,981.5O")
    WebDriverWait(browser, 60).until(
        lambda d: d.find_element(By.ID, "t0-r1-c0-error").is_displayed()
    )
    table = browser.find_element(By.ID, "t0-title")
    browser.execute_script(
        "window.scrollTo(0, arguments[0].getBoundingClientRect().top + window.scrollY - 120);",
        table,
    )


def vary(browser: webdriver.Chrome, server: BaseWSGIServer, temp: Path) -> None:
    browser.get(_url(server, "/vary"))
    browser.find_element(By.ID, "old").send_keys(str(FAIRHAVEN / "scheme.yaml"))
    browser.find_element(By.ID, "new").send_keys(str(FAIRHAVEN / "scheme-v2.yaml"))
    browser.find_element(By.ID, "others").send_keys(str(FAIRHAVEN / "variation-2027.yaml"))
    browser.find_element(By.CSS_SELECTOR, "form.vary-form button").click()
    WebDriverWait(browser, 180).until(lambda d: d.find_elements(By.ID, "summary"))


def report(browser: webdriver.Chrome, server: BaseWSGIServer, temp: Path) -> None:
    browser.get(_url(server, "/report"))
    browser.find_element(By.ID, "scheme").send_keys(str(FAIRHAVEN / "scheme.yaml"))
    browser.find_element(By.ID, "meeting").send_keys(str(FAIRHAVEN / "meeting.yaml"))
    browser.find_element(By.CSS_SELECTOR, "button[value=load]").click()
    WebDriverWait(browser, 60, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: d.find_element(By.ID, "m-date").get_attribute("value")
    )
    browser.execute_script("document.getElementById('m-date').value = ''")
    browser.find_element(By.CSS_SELECTOR, "label[for=kind-cabinet]").click()
    browser.find_element(By.ID, "write").click()
    WebDriverWait(browser, 60).until(lambda d: d.find_elements(By.ID, "error"))
    browser.execute_script("window.scrollTo(0, 0); document.activeElement.blur()")


# page: (how to get it into its state, desktop height, narrow height)
PAGES: dict[str, tuple[Prepare, int, int]] = {
    "check": (check, 1500, 1700),
    "draft": (draft, 1100, 2600),
    "draft-form": (draft_form, 1500, 1700),
    "vary": (vary, 1700, 2000),
    "report": (report, 2400, 2400),
}


def shoot(page: str, server: BaseWSGIServer, temp: Path) -> None:
    prepare, tall, narrow_tall = PAGES[page]
    for size, (width, height) in {"desktop": (1280, tall), "narrow": (400, narrow_tall)}.items():
        browser = chromium(width, height)
        try:
            # headless chromium's window is at least 500 wide: narrower is emulated
            browser.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            )
            prepare(browser, server, temp)
            target = OUT / f"{page}-page-{size}.png"
            browser.save_screenshot(str(target))
            print(f"wrote {target}")
        finally:
            browser.quit()


def main(argv: list[str]) -> int:
    unknown = [p for p in argv if p not in PAGES]
    if unknown:
        print(f"unknown page(s): {', '.join(unknown)} (choose from {', '.join(PAGES)})")
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp, running_server() as server:
        for page in argv or list(PAGES):
            shoot(page, server, Path(temp))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
