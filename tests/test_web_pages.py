"""The clerks' and evaluators' pages in a real headless Chromium against `paayesh serve`
(the web application and the inbox watcher) on an office made by `paayesh init`:
upload a file and see it registered with its number; compose a letter and download its
DOCX and PDF; edit a field and void a record; who may not do what; a POST without its
CSRF token refused. Each page is photographed at 1366×768 and 390×844 (into
`PAAYESH_SCREENSHOTS` when set, as `docs/` is made; else into the test's folder)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import tracking_scenario as scenario
from conftest import run_paayesh

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SIZES = {"desktop": (1366, 768), "phone": (390, 844)}
ACCOUNTS = {"clerk": ("clerk", "normal"), "staff": ("staff", "normal"),
            "eva": ("evaluator", "normal"), "admin": ("admin", "top_secret")}
PASSWORD = "pass-word-1405"
LETTER = ("شماره: ۷۷۱/ت\nتاریخ: ۱۴۰۵/۰۹/۰۸\nپیوست: ندارد\nریاست محترم سازمان صنعت، معدن و "
          "تجارت استان\nموضوع: درخواست آمار صادرات زعفران\nبا سلام و احترام، خواهشمند است آمار "
          "صادرات زعفران استان را ارسال فرمایید.\nاتاق بازرگانی زاهدان\n")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _until(condition: Callable[[], Any], what: str, timeout: float = 60.0) -> Any:
    deadline = time.monotonic() + timeout
    while not (found := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:.0f} s for {what}")
        time.sleep(0.05)
    return found


def _show(office: Path, record_id: int) -> dict[str, Any]:
    result = run_paayesh("--home", str(office), "show", str(record_id), "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new office holding the tracking season (escalations, replies, minutes) and the
    four accounts; its watcher takes files after half a second of stillness."""
    from paayesh_docs.config import load_settings
    from paayesh_docs.registry import Registry

    folder = tmp_path_factory.mktemp("web-pages")
    home = folder / "office"
    assert run_paayesh("init", str(home)).returncode == 0
    toml = home / "paayesh.toml"
    toml.write_text(toml.read_text("utf-8").replace("delay = 2.0", "delay = 0.5"), "utf-8")
    files = scenario.build(folder / "season")
    with Registry(load_settings(home)) as registry:
        for doc in scenario.DOCS:
            registry.register(files[doc.key], direction=doc.direction, kind=doc.kind)
    for name, (role, clearance) in ACCOUNTS.items():
        result = run_paayesh("--home", str(home), "users", "add", name, "--role", role,
                             "--clearance", clearance, "--password-stdin",
                             input=PASSWORD + "\n")
        assert result.returncode == 0, result.stderr
    return home


@pytest.fixture(scope="module")
def server(office: Path) -> Iterator[str]:
    """`paayesh serve` (the pages and the watcher) on a free port; stopped with SIGTERM."""
    port = _free_port()
    out = office.parent / "serve.out"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONUNBUFFERED": "1"}
    env.pop("PAAYESH_HOME", None)
    with out.open("wb") as stream:
        process = subprocess.Popen([sys.executable, "-m", "paayesh_docs", "--home", str(office),
                                    "serve", "--port", str(port)], stdout=stream,
                                   stderr=subprocess.STDOUT, env=env)
    try:
        _until(lambda: process.poll() is not None or "http://" in out.read_text("utf-8"),
               "the server to listen", 120)
        assert process.poll() is None, out.read_text("utf-8")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(60) == 0, out.read_text("utf-8")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("PAAYESH_SCREENSHOTS") or tmp_path_factory.mktemp("shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def signed_in(browser: Any, server: str, name: str, size: str = "desktop") -> Any:
    """A browser page signed in as `name` through the login form."""
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height},
                                  base_url=server, accept_downloads=True, locale="fa-IR")
    page = context.new_page()
    page.goto("/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)
    return page


def photograph(browser: Any, server: str, shots: Path, name: str, path: str,
               label: str | None = None) -> None:
    """The page at both sizes (on the desktop, the whole length of it)."""
    label = label or path.strip("/").split("?")[0].replace("/", "-")
    for size in SIZES:
        page = signed_in(browser, server, name, size)
        page.goto(path)
        page.screenshot(path=str(shots / f"web-{label}-{size}.png"), full_page=size == "desktop")
        page.context.close()


def test_upload_registers_with_its_number(browser: Any, server: str, office: Path,
                                          shots: Path, tmp_path: Path) -> None:
    page = signed_in(browser, server, "clerk")
    page.goto("/upload")
    letter = tmp_path / "درخواست آمار.txt"
    letter.write_text(LETTER, encoding="utf-8")
    other = tmp_path / "scan.pdf"
    other.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    page.set_input_files("#files", [str(letter), str(other)])
    done = page.wait_for_selector(".upload-item.registered", timeout=60_000)
    number = done.query_selector(".registry-number")
    assert number is not None and re.fullmatch(r"[۰-۹]{4}/و/[۰-۹]{6}", number.inner_text())
    assert "درخواست آمار صادرات زعفران" in done.inner_text()
    rejected = page.wait_for_selector(".upload-item.rejected", timeout=60_000)
    assert "scan.pdf" in rejected.inner_text() and rejected.query_selector(".upload-reason")
    record_id = int(number.get_attribute("href").rsplit("/", 1)[1])
    assert _show(office, record_id)["source"]["name"] == "درخواست آمار.txt"
    for size in SIZES:
        if size == "phone":
            page = signed_in(browser, server, "clerk", size)
            page.goto("/upload")
            page.set_input_files("#files", [str(letter)])
            page.wait_for_selector(".upload-item.duplicate", timeout=60_000)
        page.screenshot(path=str(shots / f"web-upload-{size}.png"), full_page=True)
        page.context.close()


def _raw_post(server: str, headers: list[str], body: Iterator[bytes]) -> bytes:
    """A POST written on a socket by hand, as a client that keeps sending would; what
    the server answered (it may answer, and close, before the body is all sent)."""
    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=60) as sock:
        sock.sendall(("\r\n".join(["POST /upload HTTP/1.1", f"Host: {host}", *headers])
                      + "\r\n\r\n").encode("latin-1"))
        try:
            for chunk in body:
                sock.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server stopped reading: its answer is waiting
        answer = b""
        with contextlib.suppress(ConnectionResetError, TimeoutError):
            while data := sock.recv(65536):
                answer += data
    return answer


def test_an_upload_larger_than_a_file_may_be_is_refused_before_it_is_spooled(
        server: str, office: Path) -> None:
    """413 whether the body says its size or streams without one; nothing reaches the
    inbox, and the server answers the next request."""
    from paayesh_docs.ingest.limits import DEFAULT_LIMITS

    token = run_paayesh("--home", str(office), "users", "token", "clerk").stdout.strip()
    auth = [f"Authorization: Bearer {token}", "Accept: application/json"]
    boundary = "paayesh-boundary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
            f"filename=\"huge.txt\"\r\nContent-Type: text/plain\r\n\r\n").encode()
    declared = _raw_post(server, [*auth, f"Content-Type: multipart/form-data; boundary={boundary}",
                                  f"Content-Length: {DEFAULT_LIMITS.file_bytes * 3}"], iter(()))
    assert declared.startswith(b"HTTP/1.1 413"), declared[:200]
    assert "بیش از حد مجاز" in declared.decode("utf-8", "replace")

    def chunked() -> Iterator[bytes]:
        block = b"x" * (1024 * 1024)
        yield b"%x\r\n%s\r\n" % (len(head), head)
        for _ in range(DEFAULT_LIMITS.file_bytes // len(block) + 8):
            yield b"%x\r\n%s\r\n" % (len(block), block)
        yield b"0\r\n\r\n"

    streamed = _raw_post(server, [*auth, f"Content-Type: multipart/form-data; boundary={boundary}",
                                  "Transfer-Encoding: chunked"], chunked())
    assert streamed.startswith(b"HTTP/1.1 413"), streamed[:200]
    assert not list((office / "inbox").rglob("huge*"))
    import httpx

    assert httpx.get(f"{server}/healthz").status_code == 200


def test_compose_a_letter_preview_then_download_docx_and_pdf(browser: Any, server: str,
                                                             office: Path, shots: Path,
                                                             tmp_path: Path) -> None:
    import pypdfium2
    from docx import Document

    page = signed_in(browser, server, "staff")
    page.goto("/compose/letter")
    page.fill("input[name=subject]", "پیگیری موانع صادرات زعفران")
    page.fill("input[name=date]", "۱۰ آذر ۱۴۰۵")
    page.fill("textarea[name=recipients]",
              "جناب آقای رضایی | ریاست محترم سازمان توسعه تجارت ایران")
    page.fill("textarea[name=copies]", "دبیرخانه شورای عالی توسعه صادرات غیرنفتی: جهت استحضار")
    page.locator("input[name=ref_number]").first.fill("1405/و/000001")
    page.fill("textarea[name=body]", "موانع صادرات زعفران بررسی شد.\n\nخواهشمند است دستور فرمایید.")
    page.fill("input[name=signer_name]", "محمد احمدی")
    page.fill("input[name=signer_title]", "رئیس سازمان صنعت، معدن و تجارت استان")
    page.click("button[value=preview]")
    page.wait_for_selector("#preview img")
    assert page.locator("input[name=subject]").input_value() == "پیگیری موانع صادرات زعفران"
    for size in SIZES:
        shot = page if size == "desktop" else None
        if shot is None:
            shot = signed_in(browser, server, "staff", size)
            shot.goto("/compose/letter")
        shot.screenshot(path=str(shots / f"web-compose-{size}.png"), full_page=size == "desktop")
        if shot is not page:
            shot.context.close()
    page.click("button[value=register]")
    page.wait_for_selector("#composed")
    number = page.locator("#composed a.num").first.inner_text()
    assert re.fullmatch(r"[۰-۹]{4}/ص/[۰-۹]{6}", number)
    with page.expect_download() as docx_download:
        page.click("text=DOCX")
    docx_path = tmp_path / "letter.docx"
    docx_download.value.save_as(docx_path)
    document = Document(docx_path)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join([*(p.text for p in document.paragraphs), *cells])
    assert "پیگیری موانع صادرات زعفران" in text and number in text
    assert "عطف به نامه شماره" in text  # the reference picked by its registry number
    with page.expect_download() as pdf_download:
        page.click("text=PDF")
    pdf_path = tmp_path / "letter.pdf"
    pdf_download.value.save_as(pdf_path)
    pdf = pypdfium2.PdfDocument(pdf_path)
    assert len(pdf) >= 1 and "زعفران" in pdf[0].get_textpage().get_text_range()
    pdf.close()
    page.screenshot(path=str(shots / "web-compose-done-desktop.png"), full_page=True)
    page.context.close()


def test_compose_minutes_with_their_letter_and_a_report(browser: Any, server: str,
                                                        office: Path) -> None:
    staff = signed_in(browser, server, "staff")
    minutes = {"number": "۲۰", "date": "۱۴۰۵/۰۹/۰۵", "place": "سالن جلسات سازمان",
               "attendees": "آقای محمد احمدی - رئیس کمیته\nآقای حسین بلوچ - نماینده اتاق",
               "agenda": "بررسی موانع صادرات زعفران",
               "resolutions": "گزارش موانع ارائه شود | گمرک استان | ۱۴۰۵/۰۹/۲۰",
               "signer_name": "علی رضایی", "signer_title": "دبیر کمیته", "send_to_tpo": "1",
               "letter_signer_name": "محمد احمدی", "letter_signer_title": "رئیس سازمان",
               "action": "register"}
    answer = staff.context.request.post("/compose/minutes", form={
        **minutes, "csrf_token": _token(staff, "/compose/minutes")})
    assert answer.status == 200
    ids = sorted({int(i) for i in re.findall(r"/compose/download/(\d+)\.docx", answer.text())})
    assert len(ids) == 2  # the minutes and their covering letter to TPO
    kinds = [_show(office, i)["kind"] for i in ids]
    assert kinds == ["minutes", "letter"]
    assert _show(office, ids[1])["references"][0]["relation"] == "further_to"
    report = {"cluster": "خرمای سراوان", "quarter": "1405Q2", "progress": "پیشرفت ۶۰ درصد",
              "assessment": "مطابق برنامه.", "proposals": "تسریع تخصیص اعتبار",
              "supervisor": "دکتر مریم سلیمانی", "budget_current": "5000000000",
              "budget_change": "25", "action": "register"}
    token = _token(staff, "/compose/report")
    refused = staff.context.request.post("/compose/report", form={**report, "csrf_token": token})
    assert refused.status == 422 and "ماده ۴-۴" in refused.text()
    answer = staff.context.request.post("/compose/report", form={
        **report, "budget_change": "-10", "csrf_token": token})
    assert answer.status == 200 and "/compose/download/" in answer.text()
    staff.context.close()


def test_edit_a_field_then_void(browser: Any, server: str, office: Path, shots: Path) -> None:
    page = signed_in(browser, server, "clerk")
    page.goto("/records/2")
    page.click("text=اصلاح یا ابطال")  # a clerk reaches the forms from the record
    page.wait_for_url(re.compile(r"/records/2/edit$"))
    before = _show(office, 2)
    page.fill("input[name=subject]", "موضوع اصلاح‌شده از صفحه")
    page.fill("input[name=date]", "۲۲ آبان ۱۴۰۵")
    page.fill("textarea[name=references]", "عطف به ۷۷/ب/۱۴۰۵ مورخ ۱۴۰۵/۰۸/۰۱\nپیرو ۸۸/ج/۱۴۰۵")
    page.click("#edit-form button[type=submit]")
    page.wait_for_url(re.compile(r"/records/2$"))
    after = _show(office, 2)
    assert after["subject"] == "موضوع اصلاح‌شده از صفحه" and after["date"] == "1405-08-22"
    assert after["references"] == [
        {"relation": "reply_to", "number": "۷۷/ب/۱۴۰۵", "date": "1405-08-01"},
        {"relation": "further_to", "number": "۸۸/ج/۱۴۰۵", "date": None}]
    revision = after["revisions"][-1]
    assert revision["by"] == "clerk" and set(revision["changes"]) >= {"subject", "date"}
    assert before["registry_number"] == after["registry_number"]
    page.goto("/records/3/edit")
    page.fill("#void-form input[name=reason]", "ثبت تکراری")
    page.click("#void-form button[type=submit]")
    page.wait_for_url(re.compile(r"/records/3$"))
    voided = _show(office, 3)
    assert voided["status"] == "void" and voided["void_reason"] == "ثبت تکراری"
    page.context.close()
    photograph(browser, server, shots, "clerk", "/records/4/edit", "record-edit")


def test_register_a_paper_letter_with_its_scan(browser: Any, server: str, office: Path,
                                               shots: Path, tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    scan = tmp_path / "نامه کاغذی.png"
    picture = Image.new("L", (1240, 1754), 255)
    ImageDraw.Draw(picture).rectangle((100, 100, 1140, 300), outline=0, width=6)
    picture.save(scan, dpi=(150, 150))
    page = signed_in(browser, server, "clerk")
    page.goto("/")
    page.click("nav >> text=ثبت دستی")  # the menu leads a clerk here
    page.wait_for_url(re.compile(r"/register$"))
    page.fill("input[name=subject]", "درخواست مجوز صادرات خرما")
    page.fill("input[name=sender]", "شرکت بازرگانی نخل سراوان")
    page.fill("input[name=date]", "۲۱ آبان ۱۴۰۵")
    page.fill("input[name=number]", "۴۵۶/ن/۱۴۰۵")
    page.fill("textarea[name=recipients]", "ریاست محترم سازمان صنعت، معدن و تجارت استان")
    page.fill("textarea[name=copies]", "اتاق بازرگانی زاهدان: جهت اطلاع\nگمرک استان")
    page.set_input_files("input[name=scan]", str(scan))
    page.screenshot(path=str(shots / "web-register-desktop.png"), full_page=True)
    page.click("#paper-form button[type=submit]")
    page.wait_for_url(re.compile(r"/records/\d+$"))
    record = _show(office, int(page.url.rsplit("/", 1)[1]))
    assert record["subject"] == "درخواست مجوز صادرات خرما"
    assert record["sender"] == "شرکت بازرگانی نخل سراوان"
    assert record["date"] == "1405-08-21" and record["number"] == "۴۵۶/ن/۱۴۰۵"
    assert record["copies"] == [{"to": "اتاق بازرگانی زاهدان", "purpose": "جهت اطلاع"},
                                {"to": "گمرک استان", "purpose": None}]
    assert record["direction"] == "incoming" and re.search(r"/و/", record["registry_number"])
    assert record["source"]["paper"] and record["source"]["name"] == "نامه کاغذی.png"
    assert page.locator("h1").inner_text() == "درخواست مجوز صادرات خرما"
    with page.expect_download() as download:  # the scan is kept with the record
        page.click("a[href$='/original']")
    assert Path(download.value.path()).read_bytes() == scan.read_bytes()
    # a paper letter without a file, outgoing; then what the form refuses, naming why
    token = _token(page, "/register")
    answer = page.context.request.post("/register", form={
        "csrf_token": token, "direction": "outgoing", "subject": "پاسخ به شرکت",
        "sender": "سازمان صنعت، معدن و تجارت استان", "date": "1405/08/25"}, max_redirects=0)
    assert answer.status == 303
    paper = _show(office, int(answer.headers["location"].rsplit("/", 1)[1]))
    assert paper["direction"] == "outgoing" and paper["source"]["paper"]
    for form, why in (({"date": ""}, "تاریخ نامه"), ({"date": "فردا"}, "تاریخ معتبری نیست"),
                      ({"classification": "secret"}, "بالاتر از سطح دسترسی"),
                      ({"subject": "  "}, "موضوع نامه")):
        answer = page.context.request.post("/register", form={
            "csrf_token": token, "subject": "نامه", "sender": "فرستنده",
            "date": "1405/08/25", **form}, max_redirects=0)
        assert answer.status == 422 and why in answer.text(), (form, answer.status)
    refused = page.context.request.post("/register", form={
        "subject": "بدون توکن", "sender": "فرستنده", "date": "1405/08/25"}, max_redirects=0)
    assert refused.status == 403
    page.context.close()
    evaluator = signed_in(browser, server, "eva")
    assert evaluator.goto("/register").status == 403
    assert evaluator.locator("nav >> text=ثبت دستی").count() == 0
    evaluator.context.close()
    photograph(browser, server, shots, "clerk", "/register")


def test_review_ocr_guesses_confirm_or_correct(browser: Any, server: str, office: Path,
                                              shots: Path) -> None:
    """A scan's OCR left two fields for review (as `ingest.ocr.record_of` writes them);
    a clerk confirms one from the list and corrects the other on the edit page. A
    confidential record waiting is invisible to a clerk of normal clearance."""
    from paayesh_docs.config import load_settings
    from paayesh_docs.registry import Registry

    ocr = {"engine": "tesseract 5.5", "model": "fas+eng", "confidence": 71.5, "pages": 1,
           "notes": [], "review": [
               {"field": "number", "confidence": 41.0, "why": "low_confidence"},
               {"field": "date", "confidence": 0.0, "why": "unreadable_date",
                "read": "۱۴۰۵۳۳۷۷"}]}
    with Registry(load_settings(office)) as registry:
        registry.update(9, ocr=ocr)
        registry.update(10, ocr=ocr, classification="confidential")
    page = signed_in(browser, server, "clerk")
    page.goto("/review")
    listed = page.locator(".review-item")
    assert listed.count() == 1 and "۱ پرونده در انتظار بازبینی" in page.inner_text(".total")
    item = listed.first
    assert item.locator("h2 a").get_attribute("href") == "/records/9"
    assert "شماره" in item.inner_text() and "۴۱٪" in item.inner_text()
    assert "تاریخ ناخوانا" in item.inner_text()
    page.screenshot(path=str(shots / "web-review-desktop.png"), full_page=True)
    item.locator("input[value=date]").uncheck()
    item.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/review$"))
    after = _show(office, 9)
    assert [i["field"] for i in after["ocr"]["review"]] == ["date"]
    assert after["revisions"][-1]["reviewed"] == ["number"]
    assert after["revisions"][-1]["by"] == "clerk"
    page.goto("/records/9")
    section = page.locator("#review")
    assert section.count() == 1 and "تاریخ" in section.inner_text()
    assert "بازبینی‌شده: شماره" in page.locator(".revisions").inner_text()
    section.locator("text=اصلاح فیلدهای نادرست").click()
    page.wait_for_url(re.compile(r"/records/9/edit$"))
    assert page.locator("label:has(input[name=date]) .badge.review").count() == 1
    assert page.locator("label:has(input[name=number]) .badge.review").count() == 0
    page.fill("input[name=date]", "۱۴۰۵/۰۸/۰۳")
    page.click("#edit-form button[type=submit]")
    page.wait_for_url(re.compile(r"/records/9$"))
    assert _show(office, 9)["ocr"]["review"] == [] and page.locator("#review").count() == 0
    page.goto("/review")
    assert "پرونده‌ای در انتظار بازبینی نیست" in page.inner_text("main")
    refused = page.context.request.post("/records/10/review", form={
        "csrf_token": _token(page, "/review"), "field": "number"}, max_redirects=0)
    assert refused.status == 404  # above the clerk's clearance: not there at all
    page.context.close()
    admin = signed_in(browser, server, "admin")  # top secret: sees the confidential one
    admin.goto("/review")
    assert admin.locator(".review-item h2 a").get_attribute("href") == "/records/10"
    admin.context.close()
    evaluator = signed_in(browser, server, "eva")
    assert evaluator.goto("/review").status == 403
    audit = run_paayesh("--home", str(office), "audit", "--json")
    assert audit.returncode == 0 and '"review"' in audit.stdout
    photograph(browser, server, shots, "admin", "/review")
    photograph(browser, server, shots, "admin", "/records/10", "record-review")


def _token(page: Any, path: str) -> str:
    page.goto(path)
    return page.locator("input[name=csrf_token]").first.get_attribute("value")


def test_who_may_not(browser: Any, server: str, office: Path) -> None:
    staff = signed_in(browser, server, "staff")
    token = _token(staff, "/compose/letter")
    refused = staff.context.request.post("/records/5/void", form={
        "csrf_token": token, "reason": "آزمایش"}, max_redirects=0)
    assert refused.status == 403
    assert _show(office, 5)["status"] != "void"
    assert staff.goto("/records/5/edit").status == 403
    staff.goto("/records/5")
    assert staff.locator("text=اصلاح یا ابطال").count() == 0  # no link to what is refused
    staff.context.close()
    evaluator = signed_in(browser, server, "eva")
    assert evaluator.goto("/upload").status == 403
    assert evaluator.goto("/compose/letter").status == 403
    assert evaluator.goto("/users").status == 403
    assert evaluator.goto("/tracking").status == 200
    token = _token(evaluator, "/tracking")
    upload = evaluator.context.request.post("/upload", headers={"X-CSRF-Token": token},
                                            multipart={"files": {
                                                "name": "x.txt", "mimeType": "text/plain",
                                                "buffer": LETTER.encode()}})
    assert upload.status == 403
    assert not list((office / "inbox").glob("x*.txt"))
    evaluator.context.close()


def test_a_post_without_its_csrf_token_is_refused(browser: Any, server: str,
                                                  office: Path) -> None:
    clerk = signed_in(browser, server, "clerk")
    for path, form in (("/records/6/void", {"reason": "بدون توکن"}),
                       ("/records/6/edit", {"subject": "بدون توکن"})):
        answer = clerk.context.request.post(path, form=form, max_redirects=0)
        assert answer.status == 403, path
        answer = clerk.context.request.post(path, form={**form, "csrf_token": "0" * 64},
                                            max_redirects=0)
        assert answer.status == 403, path
    record = _show(office, 6)
    assert record["status"] != "void" and record["subject"] != "بدون توکن"
    answer = clerk.context.request.post("/upload", multipart={"files": {
        "name": "y.txt", "mimeType": "text/plain", "buffer": b"x"}})
    assert answer.status == 403
    clerk.context.close()


def test_tracking_as_of_a_typed_day(browser: Any, server: str, shots: Path) -> None:
    page = signed_in(browser, server, "eva")
    page.goto("/tracking")
    page.fill("input[name=on]", "۳۰ آذر ۱۴۰۵")
    page.click("form.filters button")
    page.wait_for_url(re.compile(r"on="))
    heading = page.locator("h1").inner_text()
    assert "۳۰ آذر ۱۴۰۵" in heading
    rows = page.locator("#level-2 tbody tr")
    assert rows.count() > 0
    link = rows.first.locator("a.num").first
    assert re.fullmatch(r"/records/\d+", link.get_attribute("href"))
    missing = page.locator(".summary .badge", has_text="بدون رونوشت").inner_text()
    assert missing != "بدون رونوشت: ۰"  # the season has escalations missing their copy
    assert page.locator("td", has_text="ندارد").count() > 0
    assert page.locator("#meetings tbody tr").count() > 0
    page.goto("/tracking?on=فردای+نامعلوم")
    assert page.locator(".error").count() == 1
    page.context.close()
    photograph(browser, server, shots, "eva", "/tracking?on=1405/09/30")


def test_users_and_audit(browser: Any, server: str, shots: Path) -> None:
    admin = signed_in(browser, server, "admin")
    admin.goto("/users")
    admin.fill("#add-user input[name=name]", "newclerk")
    admin.select_option("#add-user select[name=role]", "clerk")
    admin.fill("#add-user input[name=password]", "another-pass-1405")
    admin.click("#add-user button[type=submit]")
    admin.wait_for_selector("text=newclerk")
    admin.goto("/audit")
    table = admin.locator("#audit").inner_text()
    for action in ("ورود", "بارگذاری", "ابطال", "اصلاح", "مدیریت کاربران"):
        assert action in table, action
    admin.context.close()
    photograph(browser, server, shots, "admin", "/users")
    photograph(browser, server, shots, "admin", "/audit")


def test_the_screenshots_are_pictures(shots: Path) -> None:
    from PIL import Image

    pictures = sorted(shots.glob("web-*.png"))
    assert pictures
    for picture in pictures:
        with Image.open(io.BytesIO(picture.read_bytes())) as image:
            width = image.size[0]
        assert width in (1366, 390), picture.name
