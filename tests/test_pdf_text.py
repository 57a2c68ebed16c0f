"""PDF text repairs: reversed digit runs, visual-order lines, shadow doubling, lost spaces."""

from __future__ import annotations

from pathlib import Path

import pytest

from paayesh_docs.ingest import extract_file
from paayesh_docs.ingest.pdf_text import (
    detect_digit_mode,
    is_visual_order,
    repair_digits,
    repair_page_text,
    repair_words,
    to_logical_order,
)


@pytest.mark.parametrize(
    ("broken", "mode", "fixed"),
    [
        ("تاریخ: ۲۱/۵۰/۱۰۴۱", "whole", "تاریخ: ۱۴۰۱/۰۵/۱۲"),  # WeasyPrint paragraph
        ("شماره: ۴۷۲۰۵۲۱/۱", "whole", "شماره: ۱/۱۲۵۰۲۷۴"),
        ("۴۹۷۰۲/ت/۴۱۰۵۳", "whole", "۲۰۷۹۴/ت/۳۵۰۱۴"),  # WeasyPrint table cell
        ("تاریخ: ۱۰۴۱/۵۰/۲۱", "groups", "تاریخ: ۱۴۰۱/۰۵/۱۲"),  # Word: each group reversed
        ("شماره: ۱/۴۷۲۰۵۲۱", "groups", "شماره: ۱/۱۲۵۰۲۷۴"),
        ("مبلغ ۰۰۸ میلیون", "whole", "مبلغ ۸۰۰ میلیون"),
        ("Latin 2024/05/12 stays", "whole", "Latin 2024/05/12 stays"),
        ("۱۴۰۱/۰۵/۱۲", "none", "۱۴۰۱/۰۵/۱۲"),
    ],
)
def test_repair_digits(broken: str, mode: str, fixed: str) -> None:
    assert repair_digits(broken, mode) == fixed


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("تاریخ: ۲۱/۵۰/۱۰۴۱ و ۱۲/۸۰/۵۰۴۱", "whole"),
        ("تاریخ: ۱۰۴۱/۵۰/۲۱ شماره ۱/۴۷۲۰۵۲۱", "groups"),
        ("تاریخ: ۱۴۰۱/۰۵/۱۲ و ۱۴۰۵/۰۸/۲۱", "none"),
        ("متنی بدون تاریخ ۰۰۸", "whole"),
    ],
)
def test_digit_mode_is_decided_by_the_dates_in_the_document(text: str, mode: str) -> None:
    assert detect_digit_mode(text) == mode


def test_visual_order_line_is_reversed_keeping_numbers_left_to_right() -> None:
    logical = "کمیته پایش تجارت خارجی استان در جلسه ۱۴۰۵/۰۸/۲۱ تشکیل شد"
    visual = to_logical_order(logical)  # the operation is its own inverse
    assert is_visual_order(visual)
    assert not is_visual_order(logical)
    assert to_logical_order(visual) == logical


def test_shadow_doubling_and_lost_spaces_are_undone_only_into_known_words() -> None:
    assert repair_words("دستورالعملدستورالعمل نگارش") == "دستورالعمل نگارش"
    assert repair_words("متن گزارش و متنگزارش") == "متن گزارش و متن گزارش"
    for word in ("بابا", "دانشجویان", "مهندسی", "کارگروه", "برنامه", "کالاهای", "میز"):
        assert repair_words(word) == word


def test_lost_zwnj_is_put_back_where_the_word_list_writes_one() -> None:
    # PDFs lose every ZWNJ (the corpus README); the standard spelling is the best guess.
    assert repair_words("گزارش ششماهه") == "گزارش شش\u200cماهه"
    assert repair_words("نامههای رسیده") == "نامه\u200cهای رسیده"
    assert repair_words("میشود و نمیرساند") == "می\u200cشود و نمی\u200cرساند"
    assert repair_words("صورتجلسه") == "صورت\u200cجلسه"


def test_a_line_printed_twice_is_kept_once() -> None:
    page = "عنوان نامه\nعنوان نامه\nمتن"
    assert repair_page_text(page, "whole") == "عنوان نامه\nمتن"


def test_weasyprint_pdf_round_trip_keeps_numbers_and_dates(tmp_path: Path) -> None:
    from weasyprint import HTML

    from paayesh_docs.fonts import font_face_css

    html = f"""<html dir="rtl" lang="fa"><head><style>{font_face_css()}
    body {{ font-family: Vazirmatn; }}</style></head><body>
    <table><tr><td>شماره</td><td>۲۰۷۹۴/ت/۳۵۰۱۴</td></tr>
    <tr><td>تاریخ</td><td>۱۴۰۵/۰۸/۲۱</td></tr><tr><td>پیوست</td><td>ندارد</td></tr></table>
    <p>موضوع: گزارش صادرات غیرنفتی به ارزش ۸۰۰ میلیون دلار</p>
    <p>عطف به نامه شماره ۱/۱۲۵۰۲۷۴ مورخ ۱۴۰۱/۰۵/۱۲ به استحضار می‌رساند.</p>
    </body></html>"""
    path = tmp_path / "letter.pdf"
    HTML(string=html).write_pdf(path)
    result = extract_file(path)
    assert result["status"] == "ok"
    assert "۸۰۰ میلیون" in result["text"]
    assert result["number"] == "۲۰۷۹۴/ت/۳۵۰۱۴"
    assert result["date"] == "1405-08-21"
    assert result["references"] == [
        {"relation": "reply_to", "number": "۱/۱۲۵۰۲۷۴", "date": "1401-05-12"}]
