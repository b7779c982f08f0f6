"""Screenshots of the Vary page for the README (docs/screenshots/): Fairhaven's first
variation (scheme.yaml to scheme-v2.yaml, with the edits file it names) uploaded through the
page in headless chromium, its deed previewed and its changes listed, at desktop and narrow
widths. Needs chromium and chromium-driver (Debian) and the dev install (selenium).
Run: .venv/bin/python tools/screenshot_vary_page.py"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.wait import WebDriverWait  # noqa: E402

from tests.web.browser import chromium  # noqa: E402
from tests.web.client import running_server  # noqa: E402

EXAMPLE = ROOT / "examples" / "fairhaven"
OUT = ROOT / "docs" / "screenshots"
SIZES = {"vary-page-desktop.png": (1280, 1700), "vary-page-narrow.png": (400, 2000)}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with running_server() as server:
        for name, (width, height) in SIZES.items():
            browser = chromium(width, height)
            try:
                browser.get(f"http://127.0.0.1:{server.port}/vary")
                browser.find_element(By.ID, "old").send_keys(str(EXAMPLE / "scheme.yaml"))
                browser.find_element(By.ID, "new").send_keys(str(EXAMPLE / "scheme-v2.yaml"))
                others = browser.find_element(By.ID, "others")
                others.send_keys(str(EXAMPLE / "variation-2027.yaml"))
                browser.find_element(By.CSS_SELECTOR, "form.vary-form button").click()
                WebDriverWait(browser, 180).until(lambda d: d.find_elements(By.ID, "summary"))
                browser.save_screenshot(str(OUT / name))
                print(f"wrote {OUT / name}")
            finally:
                browser.quit()


if __name__ == "__main__":
    main()
