"""The register's PDF, drawn by `reports.pdf_table` (HarfBuzz, bidi levels, subset fonts):
read back by PDFium and by our own PDF reader, its pages, headers, page numbers and
cells must come back, in logical order, with the font embedded and no text across a
cell's rules."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from paayesh_docs.persian import bidi
from paayesh_docs.persian.digits import to_persian_digits

LONG_SUBJECT = ("درخواست بررسی تعرفه کالای HS 0804 (خرما) و پیگیری مصوبات جلسه کمیته پایش "
                "تجارت خارجی استان در باره بازارچه‌های مرزی و ناوگان حمل و نقل جاده‌ای "
                "و صدور کارت بازرگانی برای صادرکنندگان نمونه")
PARTY = "شرکت Saipa Diesel و شرکای ISO 9001"


def _rows() -> list[dict[str, Any]]:
    rows = []
    for seq in range(1, 81):
        rows.append({
            "id": seq, "registry_number": f"1405/و/{seq:06d}", "seq": seq,
            "direction": "incoming", "registered": "1405-09-01",
            "date": f"1405-07-{seq % 29 + 1:02d}", "number": f"{seq}/د/1405",
            "party": "مدیرکل گمرک استان سیستان و بلوچستان", "subject": f"گزارش موانع صادرات {seq}",
            "attachments": "ندارد", "void": False, "void_reason": None})
    rows[0].update(party=PARTY, subject=LONG_SUBJECT, number="۱۲۳/د/۱۴۰۵", attachments="۲ برگ")
    rows[1].update(void=True, void_reason="ثبت تکراری", subject="نامه باطل‌شده")
    rows[2].update(party=None, number=None, subject="مبلغ ۲۵٪ افزایش (۱۲٬۵۰۰ ریال)")
    return rows


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from paayesh_docs.config import load_settings
    from paayesh_docs.office import init_office
    from paayesh_docs.reports.register import register_pdf

    home = tmp_path_factory.mktemp("register") / "office"
    init_office(home)
    path = home.parent / "register.pdf"
    path.write_bytes(register_pdf(load_settings(home), _rows(), 1405, None))
    return path


def test_bidi_levels() -> None:
    # numbers keep their order inside Persian; a number after a Persian letter too
    assert bidi.levels("۱۲۳/د/۱۴۰۵") == "222" "111" "2222"
    assert bidi.levels("کالای HS 0804 (خرما)") == "11111" "1" "2222222" "1111111"
    assert bidi.levels("پرونده ۲۵٪") == "1111111" "22" "1"  # the sign after an Arabic number
    assert bidi.levels("ISO 9001 و") == "22222222" "11"
    assert bidi.levels("۱۲ ۳۴") == "22" "1" "22"  # two numbers, read from the right
    assert bidi.visual_order([1, 1, 2, 1]) == [3, 2, 1, 0]
    assert bidi.visual_order([1, 2, 2, 1]) == [3, 1, 2, 0]


TRICKY = ["گزارش موانع صادرات پرونده ۹۰۷۶۱", "پرونده ۷ و ٤٥ و 123 و ۱۲", "۱۲ ۳۴ ۵۶ نامه",
          "کالای HS 0804 (خرما) و ISO 9001", "ابطال ۱۲۳/د/۱۴۰۵ تکراری", "مبلغ ۲۵٪ افزایش",
          "۱۴۰۵/و/۰۰۰۰۴۵", "۹۲۸۰۸/ص/۹۴۲", "12345/ص/123", "۱۴۰۵/۰۹/۰۱", "٤٥-٦٧", "HS0804",
          "۱۴۰۵/و/۴۵", "۱/و/۱۲۳۴۵۶۷", "۱/۲", "۱۲/۳۴", "۱۲٪", "٪۱۲", "-۱۲", "۱۲-", "ب۱۲", "۱۲ب",
          "۱۲۳HS", "(۱۲)", "۱۲:۳۰", "۱۲,۵", "۱٫۵", "۱۲۳۴۵۶۷۸۹۰۱۲"]


@pytest.mark.parametrize("width", [None, 60.0, 25.0])
def test_a_paragraph_in_one_style_is_laid_out_as_its_spans_are(width: float | None) -> None:
    # the one-style path (patterns of word classes, numbers looked up, a recipe per
    # number's pattern) draws what the general path of styled spans draws
    from paayesh_docs.fonts import REGULAR
    from paayesh_docs.reports.pdf_text import Face, Style, lay_out, lay_out_text

    face = Face(REGULAR)
    style = Style(face, 8.5)
    for text in TRICKY * 2:  # the second time from what the first kept
        fast = lay_out_text(text, style, width)
        spans = lay_out(((text, style), ("", style)), width)
        assert [[show for _, _, show in line] for _, line in fast] == \
            [[show for _, _, show in line] for _, line in spans], text
        assert [round(line_width, 6) for line_width, _ in fast] == \
            [round(line_width, 6) for line_width, _ in spans], text


def test_pages_read_back(register: Path) -> None:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(register)
    try:
        count = len(pdf)
        assert count >= 3
        texts = []
        for index in range(count):
            page = pdf[index]
            assert page.get_width() > page.get_height()  # landscape
            texts.append(page.get_textpage().get_text_range())
    finally:
        pdf.close()
    for number, text in enumerate(texts, start=1):
        for title in ("شماره ثبت", "تاریخ ثبت", "شماره نامه", "فرستنده / گیرنده", "موضوع",
                      "ابطال"):
            assert title in text, (number, title)  # the header row on every page
        assert f"صفحه {to_persian_digits(str(number))} از {to_persian_digits(str(count))}" in text
    assert "دفتر اندیکاتور ۱۴۰۵" in texts[0] and "تهیه‌شده در" in texts[0]
    words = set(re.sub("[()]", " ", " ".join(texts)).split())  # PDFium's brackets stick
    for word in ("بازارچه‌های", "صادرکنندگان", "Saipa", "Diesel", "ISO", "9001", "HS", "0804",
                 "خرما", "ابطال‌شده", "تکراری", "۱۲٬۵۰۰", "۱۴۰۵/۰۷/۰۲", "بلوچستان"):
        assert word in words, word
    for seq in range(1, 81):  # every row, on one page or the next
        assert f"{seq:06d}".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in " ".join(texts)


def test_cells_in_logical_order(register: Path) -> None:
    """Our own reader (glyph positions, `ingest.pdf`) gives each row's cells as written."""
    from paayesh_docs.ingest.pdf import read_pdf

    lines = read_pdf(register).text.splitlines()
    first = next(line.split("\t") for line in lines if line.startswith("۱۴۰۵/و/۰۰۰۰۰۱"))
    assert first[:4] == ["۱۴۰۵/و/۰۰۰۰۰۱", "۱۴۰۵/۰۹/۰۱", "۱۴۰۵/۰۷/۰۲", "۱۲۳/د/۱۴۰۵"]
    assert LONG_SUBJECT in first  # wrapped on three lines, read as one
    assert "۲ برگ" in first
    for row in _rows()[3:]:  # every row's numbers and dates, each its own
        number = to_persian_digits(row["registry_number"])
        cells = next(line.split("\t") for line in lines if line.startswith(number))
        assert cells[:4] == [number, "۱۴۰۵/۰۹/۰۱", to_persian_digits(row["date"]).replace(
            "-", "/"), to_persian_digits(row["number"])], cells
    third = next(line.split("\t") for line in lines if line.startswith("۱۴۰۵/و/۰۰۰۰۰۳"))
    assert third[3:6] == ["—", "—", "مبلغ ۲۵٪ افزایش (۱۲٬۵۰۰ ریال)"]
    at = next(index for index, line in enumerate(lines) if line.startswith("۱۴۰۵/و/۰۰۰۰۰۲"))
    void, wrapped = lines[at].split("\t"), lines[at + 1].split("\t")
    assert "نامه باطل‌شده" in void and void[-1] == "ابطال‌شده ثبت"  # the mark, its reason
    assert wrapped == ["بلوچستان", "تکراری"]  # the sender's and the reason's second lines


def test_fonts_embedded_and_text_inside_cells(register: Path) -> None:
    import pypdfium2
    from pypdf import PdfReader

    from paayesh_docs.reports.pdf_table import PAGE_HEIGHT, Column, TablePdf
    from paayesh_docs.reports.register import COLUMNS

    fonts = {}
    for page in PdfReader(register).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts and all("Vazirmatn" in name for name in fonts)
    for font in fonts.values():
        descendant = font["/DescendantFonts"][0].get_object()
        assert descendant["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
        assert font["/ToUnicode"].get_object().get_data()
    edges = TablePdf([Column(*column) for column in COLUMNS]).edges
    rules = sorted({edge for pair in edges for edge in pair})
    pdf = pypdfium2.PdfDocument(register)
    try:
        for index in range(len(pdf)):
            text = pdf[index].get_textpage()
            for char in range(text.count_chars()):
                left, _, right, top = text.get_charbox(char)
                if top < PAGE_HEIGHT - 120 or index:  # the table, below the headings
                    assert not any(left + 0.3 < rule < right - 0.3 for rule in rules), (
                        index, text.get_text_range(char, 1), left, right)
    finally:
        pdf.close()
