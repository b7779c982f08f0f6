"""Screenshots of the Draft page's form view for the README (docs/screenshots/): Fairhaven
loaded as the draft in headless chromium, one amount mistyped in the Better Care Fund's
contributions (its message beside it, the totals kept as you type), at desktop and narrow
widths. Needs chromium and chromium-driver (Debian) and the dev install (selenium).
Run: .venv/bin/python tools/screenshot_draft_form_page.py"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.wait import WebDriverWait  # noqa: E402

from tests.web.browser import chromium  # noqa: E402
from tests.web.client import running_server  # noqa: E402
from tests.web.test_draft_form_browser import open_with_fairhaven, retype  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZES = {"draft-form-page-desktop.png": (1280, 1500), "draft-form-page-narrow.png": (400, 1700)}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with running_server() as server:
        for name, (width, height) in SIZES.items():
            browser = chromium(width, height)
            try:
                open_with_fairhaven(browser, server)
                retype(browser.find_element(By.ID, "t0-r1-c0"), "3,247,981.5O")
                WebDriverWait(browser, 60).until(
                    lambda d: d.find_element(By.ID, "t0-r1-c0-error").is_displayed()
                )
                table = browser.find_element(By.ID, "t0-title")
                browser.execute_script(
                    "window.scrollTo(0, arguments[0].getBoundingClientRect().top"
                    " + window.scrollY - 120);",
                    table,
                )
                browser.save_screenshot(str(OUT / name))
                print(f"wrote {OUT / name}")
            finally:
                browser.quit()


if __name__ == "__main__":
    main()
