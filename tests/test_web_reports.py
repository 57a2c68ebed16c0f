"""The reports pages through a real `paayesh serve` on a free port, over HTTP (httpx):
`/reports` (a period's figures, charts, DOCX/PDF/XLSX), `/book` (the register, PDF/XLSX)
and the search page's export (`/search/export.xlsx|.csv`), every one within the reader's
clearance, downloads audited; and the reports page in a headless Chromium, screenshots
at 1366×768 and 390×844 (into docs/ with PAAYESH_SCREENSHOTS=docs)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import run_paayesh
from web_office import PASSWORDS, SECRET_WORD, Served, client, login, make_web_office, serving

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_web_office(tmp_path_factory.mktemp("web-reports"))


@pytest.fixture(scope="module")
def served(office: Path) -> Iterator[Served]:
    yield from serving(office)


def signed_in(served: Served, name: str) -> contextlib.AbstractContextManager[httpx.Client]:
    return client(served, name, timeout=120)  # a year's report takes its time


def cli_figures(office: Path, period: str, on: str) -> dict:
    """The figures `paayesh report period` gives (every record: no clearance applies)."""
    result = run_paayesh("--home", str(office), "report", "period", period, "--on", on,
                         "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def secret_record(office: Path) -> dict:
    result = run_paayesh("--home", str(office), "search", SECRET_WORD, "--json")
    hits = json.loads(result.stdout)["hits"]
    assert len(hits) == 1
    return hits[0]


def workbook_cells(data: bytes) -> dict[str, list[list]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True)
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets}


def badges(html: str) -> dict[str, str]:
    import re

    return dict(re.findall(r'<span class="badge">([^:<]+): ([^<]+)</span>', html))


def test_report_page_figures_and_clearance(served: Served, office: Path) -> None:
    from paayesh_docs.persian.digits import to_persian_digits

    everything = cli_figures(office, "1405", "1405/09/30")["letters"]
    secret = secret_record(office)
    with signed_in(served, "admin") as admin:
        page = admin.get("/reports", params={"period": "1405", "on": "۳۰ آذر ۱۴۰۵"})
        assert page.status_code == 200
        assert badges(page.text)["نامه‌ها"] == to_persian_digits(str(everything["total"]))
        assert badges(page.text)["وارده"] == to_persian_digits(str(everything["incoming"]))
    with signed_in(served, "eva") as eva:  # an evaluator of clearance normal
        page = eva.get("/reports", params={"period": "1405", "on": "1405/09/30"})
        assert page.status_code == 200
        found = badges(page.text)
        assert found["نامه‌ها"] == to_persian_digits(str(everything["total"] - 1))
        assert found["وارده"] == to_persian_digits(str(everything["incoming"] - 1))
        assert found["صادره"] == to_persian_digits(str(everything["outgoing"]))
        assert SECRET_WORD not in page.text
        assert "data:image/svg+xml;base64," in page.text  # the four charts
        assert page.text.count('<figure class="chart">') == 4
        month = eva.get("/reports", params={"period": "1405-08", "on": "1405/09/30"})
        assert "آبان ۱۴۰۵" in month.text
        bad = eva.get("/reports", params={"period": "1405Q7"})
        assert bad.status_code == 200 and "دوره گزارش نیست" in bad.text
        assert "Traceback" not in bad.text
        book = eva.get("/book", params={"year": "۱۴۰۵"})
        assert book.status_code == 200
        assert secret["registry_number"] not in book.text
        assert to_persian_digits(secret["registry_number"]) not in book.text
        assert SECRET_WORD not in book.text
        assert "@media print" in eva.get("/static/pages.css").text
        exported = eva.get("/search/export.csv", params={"q": ""})
        assert exported.status_code == 200
        text = exported.content.decode("utf-8-sig")
        assert SECRET_WORD not in text and secret["registry_number"] not in text
        rows = list(csv.reader(io.StringIO(text)))
        assert len(rows) - 1 == everything["total"] - 1
        sheet = workbook_cells(eva.get("/search/export.xlsx").content)
        assert SECRET_WORD not in json.dumps(sheet, ensure_ascii=False, default=str)
        assert SECRET_WORD not in json.dumps(
            workbook_cells(eva.get("/book.xlsx", params={"year": "1405"}).content),
            ensure_ascii=False, default=str)
        assert SECRET_WORD not in json.dumps(
            workbook_cells(eva.get("/reports/report.xlsx",
                                   params={"period": "1405", "on": "1405/09/30"}).content),
            ensure_ascii=False, default=str)
    with signed_in(served, "admin") as admin:
        book = admin.get("/book", params={"year": "1405", "direction": "incoming"})
        assert SECRET_WORD in book.text
        assert "صادره</td>" not in book.text


def test_downloads_open_and_are_audited(served: Served, office: Path) -> None:
    import docx
    import pypdfium2

    query = {"period": "1405Q3", "on": "1405/09/30"}
    with signed_in(served, "eva") as eva:
        xlsx = eva.get("/reports/report.xlsx", params=query)
        assert xlsx.status_code == 200 and "attachment" in xlsx.headers["content-disposition"]
        assert workbook_cells(xlsx.content)
        word = eva.get("/reports/report.docx", params=query)
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
        assert "سه‌ماهه" in text
        pdf = eva.get("/reports/report.pdf", params=query)
        assert len(pypdfium2.PdfDocument(pdf.content)) >= 1
        register = eva.get("/book.pdf", params={"year": "1405"})
        assert len(pypdfium2.PdfDocument(register.content)) >= 1
        csv_file = eva.get("/search/export.csv", params={"q": "بازارچه"})
        assert csv_file.headers["content-type"].startswith("text/csv")
        assert eva.get("/reports/report.exe", params=query).status_code == 404
        assert eva.get("/reports/report.pdf", params={"period": "x"}).status_code == 422
    result = run_paayesh("--home", str(office), "audit", "--user", "eva", "--json")
    downloads = [json.loads(line)["detail"] for line in result.stdout.splitlines()
                 if json.loads(line)["action"] == "download"]
    formats = {(d.get("report") or d.get("register") or "search", d["format"])
               for d in downloads}
    assert {("1405Q3", "xlsx"), ("1405Q3", "docx"), ("1405Q3", "pdf"), (1405, "pdf"),
            ("search", "csv")} <= formats


def test_figures_kept_for_the_downloads_follow_a_new_letter(served: Served,
                                                             office: Path) -> None:
    """The page's figures are kept for its downloads only while nothing they count changed:
    a letter registered meanwhile (by another process) is in the next page and file."""
    from paayesh_docs.persian.digits import to_persian_digits

    query = {"period": "1405-09", "on": "1405/09/30"}
    with signed_in(served, "eva") as eva:
        before = int(to_latin(badges(eva.get("/reports", params=query).text)["نامه‌ها"]))
        assert int(to_latin(badges(eva.get("/reports", params=query).text)["نامه‌ها"])) == before
        result = run_paayesh("--home", str(office), "register", "--subject", "نامه تازه آذر",
                             "--sender", "گمرک استان", "--date", "1405/09/20")
        assert result.returncode == 0, result.stderr
        after = badges(eva.get("/reports", params=query).text)["نامه‌ها"]
        assert after == to_persian_digits(str(before + 1))
        cells = workbook_cells(eva.get("/reports/report.xlsx", params=query).content)
        assert before + 1 in [value for rows in cells.values() for row in rows for value in row]


def to_latin(text: str) -> str:
    from paayesh_docs.persian.digits import to_latin_digits

    return to_latin_digits(text)


def test_refused_without_the_reports_action(served: Served, office: Path) -> None:
    """Every role of `access.users.PERMISSIONS` may take "reports", so the refusal is seen
    here for who has no account: signed out, and an account disabled mid-session."""
    paths = ("/reports", "/reports/report.pdf?period=1405", "/book", "/book.xlsx?year=1405",
             "/search/export.csv")
    with httpx.Client(base_url=served.url, timeout=60) as anonymous:
        for path in paths:
            answer = anonymous.get(path)
            assert answer.status_code == 303 and "/login" in answer.headers["location"], path
    result = run_paayesh("--home", str(office), "users", "add", "leaving", "--role",
                         "evaluator", "--clearance", "normal", "--password-stdin",
                         input="leaving-pass-1405\n")
    assert result.returncode == 0, result.stderr
    with httpx.Client(base_url=served.url, timeout=60) as session:
        assert login(session, "leaving", "leaving-pass-1405").status_code == 303
        assert session.get("/reports").status_code == 200
        assert run_paayesh("--home", str(office), "users", "disable", "leaving").returncode == 0
        for path in paths:
            assert session.get(path).status_code == 303, path


@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing")
def test_reports_page_in_chromium(served: Served, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=args)
        try:
            for width, height, name in ((1366, 768, "desktop"), (390, 844, "phone")):
                page = browser.new_page(viewport={"width": width, "height": height})
                errors: list[str] = []
                page.on("console", lambda message, seen=errors: seen.append(message.text)
                        if message.type == "error" else None)
                page.goto(served.url + "/login")
                page.fill("input[name=name]", "eva")
                page.fill("input[name=password]", PASSWORDS["eva"])
                page.click("button[type=submit]")
                page.wait_for_url(served.url + "/")
                page.goto(served.url + "/reports?period=1405&on=1405/09/30")
                page.wait_for_load_state("networkidle")
                sizes = page.eval_on_selector_all(
                    "figure.chart img", "images => images.map(i => i.naturalWidth)")
                assert len(sizes) == 4 and all(sizes), sizes  # every chart drew
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"{name}: the page is {overflow}px too wide"
                # into docs/ when asked (PAAYESH_SCREENSHOTS=docs), as test_web_pages does
                shots = Path(os.environ.get("PAAYESH_SCREENSHOTS") or tmp_path)
                page.screenshot(path=str(shots / f"web-reports-{name}.png"))
                assert errors == [], errors  # no CSP violation
                page.close()
        finally:
            browser.close()
