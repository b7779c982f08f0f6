"""Screenshots of the Report page for the README (docs/screenshots/): the Fairhaven scheme
uploaded, the form filled from examples/fairhaven/meeting.yaml, Cabinet chosen and the
meeting date left empty, so the page shows its error summary and the message beside the date,
at desktop and narrow widths. Needs chromium and chromium-driver (Debian) and the dev install
(selenium). Run: .venv/bin/python tools/screenshot_report_page.py"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.wait import WebDriverWait  # noqa: E402

from tests.web.browser import chromium  # noqa: E402
from tests.web.client import running_server  # noqa: E402

FAIRHAVEN = ROOT / "examples" / "fairhaven"
OUT = ROOT / "docs" / "screenshots"
SIZES = {"report-page-desktop.png": (1280, 2400), "report-page-narrow.png": (400, 2400)}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with running_server() as server:
        for name, (width, height) in SIZES.items():
            browser = chromium(width, height)
            try:
                browser.get(f"http://127.0.0.1:{server.port}/report")
                browser.find_element(By.ID, "scheme").send_keys(str(FAIRHAVEN / "scheme.yaml"))
                browser.find_element(By.ID, "meeting").send_keys(str(FAIRHAVEN / "meeting.yaml"))
                browser.find_element(By.CSS_SELECTOR, "button[value=load]").click()
                WebDriverWait(browser, 60).until(
                    lambda d: d.find_element(By.ID, "m-date").get_attribute("value")
                )
                browser.execute_script("document.getElementById('m-date').value = ''")
                browser.find_element(By.CSS_SELECTOR, "label[for=kind-cabinet]").click()
                browser.find_element(By.ID, "write").click()
                WebDriverWait(browser, 60).until(lambda d: d.find_elements(By.ID, "error"))
                browser.execute_script("window.scrollTo(0, 0); document.activeElement.blur()")
                browser.save_screenshot(str(OUT / name))
                print(f"wrote {OUT / name}")
            finally:
                browser.quit()


if __name__ == "__main__":
    main()
