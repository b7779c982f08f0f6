"""Screenshots of the Check page for the README (docs/screenshots/): the Fairhaven agreement
with a seeded placeholder, uploaded through the page in headless chromium, at desktop and
narrow widths, with the clauses and one clause open. Needs chromium and chromium-driver
(Debian) and the dev install (selenium). Run: .venv/bin/python tools/screenshot_check_page.py"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.wait import WebDriverWait  # noqa: E402

from s75docs.model.loader import load_scheme  # noqa: E402
from s75docs.pipeline import build_tree, render_bytes  # noqa: E402
from tests.helpers import example_library  # noqa: E402
from tests.web.browser import chromium  # noqa: E402
from tests.web.client import running_server  # noqa: E402
from tests.web.conftest import rewrite  # noqa: E402

EXAMPLE = ROOT / "examples" / "fairhaven" / "scheme.yaml"
OUT = ROOT / "docs" / "screenshots"
SIZES = {"check-page-desktop.png": (1280, 1500), "check-page-narrow.png": (390, 1700)}


def main() -> None:
    data = render_bytes(build_tree(load_scheme(EXAMPLE), example_library(EXAMPLE)), "docx")
    data = rewrite(data, "Business Days", "[INSERT] Business Days")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp, running_server() as server:
        path = Path(temp) / "fairhaven-draft.docx"
        path.write_bytes(data)
        for name, (width, height) in SIZES.items():
            browser = chromium(width, height)
            try:
                browser.get(f"http://127.0.0.1:{server.port}/")
                browser.find_element(By.ID, "document").send_keys(str(path))
                browser.find_element(By.CSS_SELECTOR, "form.upload button").click()
                WebDriverWait(browser, 120).until(lambda d: d.find_elements(By.ID, "summary"))
                for section in browser.find_elements(By.CSS_SELECTOR, "details.outline"):
                    summary = section.find_element(By.TAG_NAME, "summary")
                    if summary.text.startswith("Clauses"):
                        summary.click()  # open the clauses and the second clause in them
                        section.find_elements(By.CSS_SELECTOR, "details.inner summary")[1].click()
                browser.save_screenshot(str(OUT / name))
                print(f"wrote {OUT / name}")
            finally:
                browser.quit()


if __name__ == "__main__":
    main()
