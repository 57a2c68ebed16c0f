"""Screenshots of the web application for the README: the login, search and record pages
at 1366×768 (a desktop) and 390×844 (a phone), taken in Debian's Chromium from a real
`paayesh serve` on a temporary office (tests/web_office.py makes it).

    python docs/make_screenshots.py          # writes docs/web-*.png
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent / "tests"))

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SIZES = {"desktop": (1366, 768), "phone": (390, 844)}


def take(url: str, folder: Path, password: str) -> list[Path]:
    """Log in as the evaluator, search, open the composed letter; one PNG per page and size."""
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for size, (width, height) in SIZES.items():
                page = browser.new_page(viewport={"width": width, "height": height},
                                        locale="fa-IR")
                page.goto(url + "/login")
                page.wait_for_load_state("networkidle")
                written.append(_shot(page, folder, f"web-login-{size}.png"))
                page.fill("input[name=name]", "eva")
                page.fill("input[name=password]", password)
                page.click("button[type=submit]")
                page.wait_for_url(url + "/")
                page.fill("#q", "بازارچه مرزی")
                page.wait_for_selector("mark")
                written.append(_shot(page, folder, f"web-search-{size}.png"))
                page.click("ol.hits a:has-text('غیرنفتی')")
                page.wait_for_selector(".pages-view img")
                page.wait_for_load_state("networkidle")
                written.append(_shot(page, folder, f"web-record-{size}.png"))
                page.close()
        finally:
            browser.close()
    return written


def _shot(page, folder: Path, name: str) -> Path:
    path = folder / name
    page.screenshot(path=str(path), full_page=False)
    return path


def main() -> None:
    from web_office import PASSWORDS, Served, make_web_office

    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        served = Served(make_web_office(Path(tmp)))
        try:
            for path in take(served.url, DOCS, PASSWORDS["eva"]):
                print(path.relative_to(DOCS.parent))
        finally:
            served.stop()


if __name__ == "__main__":
    main()
