"""Screenshots of the Draft page for the README (docs/screenshots/): the Fairhaven scheme
uploaded through the page in headless chromium, one contribution raised by £100,000 so the
agreement's stated total no longer matches (one problem, listed at its line, the caret put
there by clicking it, the preview marked out of date), at desktop and narrow widths. Needs
chromium and chromium-driver (Debian) and the dev install (selenium).
Run: .venv/bin/python tools/screenshot_draft_page.py"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.wait import WebDriverWait  # noqa: E402

from tests.web.browser import chromium  # noqa: E402
from tests.web.client import running_server  # noqa: E402

EXAMPLE = ROOT / "examples" / "fairhaven" / "scheme.yaml"
OUT = ROOT / "docs" / "screenshots"
SIZES = {"draft-page-desktop.png": (1280, 1100), "draft-page-narrow.png": (400, 2600)}
OLD, NEW = '"3,184,500.00"', '"3,284,500.00"'  # community equipment, the Council's 2026/27


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with running_server() as server:
        for name, (width, height) in SIZES.items():
            browser = chromium(width, height)
            try:
                # headless chromium's window is at least 500 wide: narrower is emulated
                browser.execute_cdp_cmd(
                    "Emulation.setDeviceMetricsOverride",
                    {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
                )
                browser.get(f"http://127.0.0.1:{server.port}/draft")
                browser.find_element(By.ID, "scheme-file").send_keys(str(EXAMPLE))
                browser.find_element(By.ID, "upload-scheme").click()
                WebDriverWait(browser, 60).until(lambda d: d.find_elements(By.ID, "scheme-text"))
                browser.execute_script(
                    "var t = document.getElementById('scheme-text');"
                    "t.value = t.value.replace(arguments[0], arguments[1]);"
                    "t.dispatchEvent(new Event('input'));",
                    OLD,
                    NEW,
                )
                WebDriverWait(browser, 60).until(
                    lambda d: d.find_elements(By.CSS_SELECTOR, "#problems a[data-line]")
                )
                browser.find_element(By.CSS_SELECTOR, "#problems a[data-line]").click()
                browser.execute_script("window.scrollTo(0, 0)")
                browser.save_screenshot(str(OUT / name))
                print(f"wrote {OUT / name}")
            finally:
                browser.quit()


if __name__ == "__main__":
    main()
