"""The web application in a real headless Chromium (Debian's, driven by Playwright; no
browser is downloaded): sign in, search as you type with two spellings of one word, open
a record, see its original's pages and download it. Skipped when Chromium is missing."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from web_office import PASSWORDS, Served, make_web_office

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    server = Served(make_web_office(tmp_path_factory.mktemp("browser")))
    yield server
    assert server.stop() == 0, server.err


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def signed_in(browser, served: Served, width: int = 1366, height: int = 768):
    page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    page.goto(served.url + "/records/1")  # a page asks for a session first
    assert "/login?next=" in page.url
    page.fill("input[name=name]", "eva")
    page.fill("input[name=password]", PASSWORDS["eva"])
    page.click("button[type=submit]")
    page.wait_for_url(served.url + "/records/1")
    return page, errors


def typed(page, text: str) -> list[str]:
    """Type into the search box (no Enter) and return the result subjects once shown."""
    page.fill("#q", "")
    page.type("#q", text, delay=20)
    page.wait_for_url(lambda url: parse_qs(urlparse(url).query).get("q") == [text])
    page.wait_for_load_state("networkidle")
    return page.locator("ol.hits h2 a").all_inner_texts()


def test_search_as_you_type_with_two_spellings(browser, served: Served) -> None:
    page, errors = signed_in(browser, served)
    page.goto(served.url + "/")
    arabic = typed(page, "كميته")  # Arabic ي and ك, as the letter has it
    persian = typed(page, "کمیته")
    assert arabic == persian and any("صورت‌جلسه" in subject for subject in arabic)
    joined = typed(page, "صورتجلسه")  # without the ZWNJ, and with it
    with_zwnj = typed(page, "صورت‌جلسه")
    assert joined == with_zwnj and joined
    assert page.locator("mark").count() >= 1
    assert errors == [], errors  # no CSP violation, no script error
    page.close()


def test_open_a_record_and_its_original(browser, served: Served) -> None:
    page, errors = signed_in(browser, served)
    page.goto(served.url + "/")
    typed(page, "بازارچه مرزی")
    with page.expect_response(lambda response: "/pages/1.png" in response.url) as picture:
        page.click("ol.hits a:has-text('غیرنفتی')")
    assert picture.value.status == 200
    assert picture.value.header_value("content-type") == "image/png"
    assert page.locator("h1").inner_text().startswith("موانع صادرات غیرنفتی")
    assert page.locator(".letter").inner_text().count("۱۴۰۵/۰۸/۲۱") >= 1  # Persian digits
    with page.expect_download() as download:
        page.click("a[href$='/original']")
    saved = download.value.path()
    assert Path(saved).read_bytes()[:2] == b"PK"
    assert download.value.suggested_filename.endswith(".docx")
    assert errors == [], errors
    page.close()


def test_the_phone_layout_folds_the_menu(browser, served: Served) -> None:
    page, _ = signed_in(browser, served, 390, 844)
    page.goto(served.url + "/")
    assert not page.locator("nav.menu").is_visible()
    page.click("label.menu-button")
    assert page.locator("nav.menu").is_visible()
    box = page.locator("#q").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.close()
