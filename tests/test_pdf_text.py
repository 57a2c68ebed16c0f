"""PDF text repairs for what a PDF does not carry: lost ZWNJ, split words, brackets."""

from __future__ import annotations

from pathlib import Path

from paayesh_docs.ingest import extract_file
from paayesh_docs.ingest.pdf_text import repair_line


def test_lost_zwnj_is_put_back_where_the_word_list_writes_one() -> None:
    # PDFs lose every ZWNJ (the corpus README); the standard spelling is the best guess.
    assert repair_line("گزارش ششماهه") == "گزارش شش\u200cماهه"
    assert repair_line("نامههای رسیده") == "نامه\u200cهای رسیده"
    assert repair_line("میشود و نمیرساند") == "می\u200cشود و نمی\u200cرساند"
    assert repair_line("صورتجلسه") == "صورت\u200cجلسه"
    for word in ("کالاها", "بابا", "دانشجویان", "کارگروه", "برنامه", "میز"):
        assert repair_line(word) == word


def test_a_compound_with_an_ending_the_word_list_lacks_gets_its_zwnj_back() -> None:
    """hazm writes «سرمایه‌گذار» with a ZWNJ but has no «سرمایه‌گذاران»: the compound's
    ZWNJ stays where it was, and a plural or «ای» after it takes its own."""
    assert repair_line("همایش سرمایهگذاران") == "همایش سرمایه\u200cگذاران"
    assert repair_line("صورتجلسهها") == "صورت\u200cجلسه\u200cها"
    assert repair_line("صورتجلسهای") == "صورت\u200cجلسه\u200cای"
    for word in ("کارشناسان", "پیشنهادات", "دانشجویان"):  # no compound inside
        assert repair_line(word) == word


def test_a_sounded_heh_and_a_rare_stem_get_no_zwnj() -> None:
    """«گواهی» is a word with its «ه» sounded, not «گواه» and a ZWNJ; «واحدهای» is
    «واحد» and «های» (no ZWNJ after «د»), not the rare «واحده» and «ای»."""
    line = "صدور گواهی کیفیت برای واحدهای تولیدی و کوتاهی در کار"
    assert repair_line(line) == line
    assert repair_line("نامههای خانهای") == "نامه\u200cهای خانه\u200cای"
    assert repair_line("واحدهای صادراتمحور") == "واحدهای صادرات\u200cمحور"


def test_two_words_are_never_joined_into_one() -> None:
    for line in ("متن گزارش", "دبیر خانه", "گزا رش"):  # each half is in hazm's list
        assert repair_line(line) == line


def test_each_cell_of_a_row_is_repaired_apart_and_brackets_face_their_words() -> None:
    assert repair_line("صورتجلسه\tشود )مسئول") == "صورت\u200cجلسه\tشود (مسئول"


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


def test_a_persian_line_with_more_latin_letters_than_persian_reads_right_to_left(
        tmp_path: Path) -> None:
    """A line's direction is its ends', not its letters' majority: «نشانی: … است» has
    Persian at both ends; a cell with one end of each takes the page's direction."""
    from weasyprint import HTML

    from paayesh_docs.fonts import font_face_css

    html = f"""<html dir="rtl" lang="fa"><head><style>{font_face_css()}
    body {{ font-family: Vazirmatn; }}</style></head><body>
    <p>با سلام و احترام، فهرست شرکت‌های صادرکننده استان به شرح زیر است.</p>
    <p>نشانی: info@example.com و سایت www.example.ir است</p>
    <table><tr><td>شرکت Saipa Diesel و شرکای ISO 9001</td><td>ندارد</td></tr></table>
    <p>Foreign Trade Monitoring Committee</p>
    </body></html>"""
    path = tmp_path / "latin.pdf"
    HTML(string=html).write_pdf(path)
    lines = extract_file(path)["text"].splitlines()
    assert "نشانی: info@example.com و سایت www.example.ir است" in lines
    assert any(line.startswith("شرکت Saipa Diesel و شرکای ISO") for line in lines)
    assert "Foreign Trade Monitoring Committee" in lines
