"""The PDF page rebuilt from glyph positions (`pdf_layout`), and the reading child.

Glyphs made by hand stand where a producer would put them, in whatever stream order;
the reading must depend on positions only. Then real PDFs (WeasyPrint) through the
real child process: the lam-alef ligature, a killed child and a deadline.
"""

from __future__ import annotations

import os
import random
import threading
import time
from pathlib import Path

import pytest

from paayesh_docs.ingest import extract_file
from paayesh_docs.ingest.limits import Limits
from paayesh_docs.ingest.pdf_layout import Glyph, page_rows, visual_to_logical
from paayesh_docs.ingest.pdf_text import repair_brackets

SIZE = 12.0


def visual_line(text: str, y: float = 700.0, right: float = 500.0,
                width: float = 6.0) -> list[Glyph]:
    """The glyphs of a line as a producer lays it out: `text` is what the page shows,
    left to right, ending at `right`."""
    glyphs = []
    x = right
    for ch in reversed(text):
        glyphs.append(Glyph(ch, x - width, x, y - 3, y + 12, SIZE))
        x -= width
    return glyphs


def read(glyphs: list[Glyph]) -> list[str]:
    shuffled = glyphs[:]
    random.Random(7).shuffle(shuffled)  # the stream order must not matter
    return ["\t".join(cell.text for cell in row.cells) for row in page_rows(shuffled)]


def rtl_display(logical: str) -> str:
    """How a right-to-left paragraph shows `logical`, left to right: the letters from
    the right, numbers (joined by / and :) and Latin runs left to right."""
    return visual_to_logical(list(logical), True)  # the reading is its own inverse


@pytest.mark.parametrize("logical", [
    "شماره: ۶۰۲/د/۱۴۰۵",
    "تاریخ: ۱۴۰۵/۰۸/۲۱",
    "عطف به نامه شماره ۲۰۷۹۴/ت/۳۵۰۱۴ مورخ ۱۴۰۵/۰۷/۲۸ به استحضار می‌رساند",
    "ساعت ۱۰:۳۰ در سالن Microsoft Teams برگزار شد",
    "مبلغ 35346061 ریال",
])
def test_a_right_to_left_line_reads_in_logical_order(logical: str) -> None:
    visual = rtl_display(logical)
    assert visual != logical or not any(ch.isalpha() for ch in logical)
    assert read(visual_line(visual)) == [logical]


def test_a_dash_does_not_join_a_numbers_parts() -> None:
    # Persian digits after Arabic letters are Arabic numbers: «-» parts them, «/» joins
    visual = "۱۴۰۵-۳۰۱/۲ هرامش"  # as the page shows it, left to right
    assert visual_to_logical(list(visual), True) == "شماره ۳۰۱/۲-۱۴۰۵"
    # the header LibreOffice and Chromium draw, written out by hand
    assert read(visual_line("۱۴۰۵/د/۶۰۲ :هرامش")) == ["شماره: ۶۰۲/د/۱۴۰۵"]
    assert read(visual_line("۱۴۰۵/۰۸/۲۱ :خیرات")) == ["تاریخ: ۱۴۰۵/۰۸/۲۱"]


def test_spaces_come_from_the_gaps_when_the_stream_has_none() -> None:
    # XeTeX: no space glyphs, words apart by a third of an em
    glyphs: list[Glyph] = []
    x = 500.0
    for word in ("سلام", "بر", "شما"):
        for ch in word:
            glyphs.append(Glyph(ch, x - 6, x, 697, 712, SIZE))
            x -= 6
        x -= 0.33 * SIZE
    assert read(glyphs) == ["سلام بر شما"]


def test_a_space_glyph_drawn_over_a_letter_is_no_space() -> None:
    glyphs = visual_line("دننک")
    k = glyphs[-1]
    glyphs.append(Glyph(" ", k.left, k.left + 3, k.bottom, k.top, SIZE))
    assert read(glyphs) == ["کنند"]


def test_a_shadow_copy_is_kept_once() -> None:
    glyphs = visual_line("لمعلاروتسد")
    shadow = [Glyph(g.text, g.left + 0.6, g.right + 0.6, g.bottom - 0.6, g.top - 0.6, SIZE)
              for g in glyphs]
    assert read(glyphs + shadow) == ["دستورالعمل"]


def test_lines_by_position_and_cells_read_from_the_right() -> None:
    top = visual_line("ریدم", y=700, right=500) + visual_line("دروم", y=700.5, right=200)
    second = visual_line("۱", y=680, right=500) + visual_line("کی", y=680, right=200)
    # (each string as the page shows it, left to right: «ریدم» is مدیر)
    assert read(second + top) == ["مدیر\tمورد", "۱\tیک"]


def test_brackets_face_their_words() -> None:
    assert repair_brackets("ارسال شود )مسئول: دبیر(") == "ارسال شود (مسئول: دبیر)"
    assert repair_brackets("1( تعهد دانشجو") == "1) تعهد دانشجو"
    assert repair_brackets("f(x) = y") == "f(x) = y"


# --- real PDFs through the reading child ------------------------------------------------

def _letter_pdf(path: Path, body: str, pages: int = 1) -> Path:
    from weasyprint import HTML

    from paayesh_docs.fonts import font_face_css

    sections = "".join(f"<section style='page-break-after: always'>{body}</section>"
                       for _ in range(pages))
    HTML(string=f"<html dir='rtl' lang='fa'><head><style>{font_face_css()} body "
                "{ font-family: Vazirmatn; }</style></head>"
                f"<body>{sections}</body></html>").write_pdf(path)
    return path


LETTER = ("<p>شماره: ۶۰۲/د/۱۴۰۵</p><p>تاریخ: ۱۴۰۵/۰۸/۲۱</p><p>با سلام و احترام</p>"
          "<p>خلاصه گزارش اصلاحات کالاهای صادراتی پیوست است.</p>")


def test_lam_alef_ligature_written_alef_first_is_read_lam_first(tmp_path: Path) -> None:
    # WeasyPrint writes the ligature's characters alef first: «سالم» for «سلام»
    result = extract_file(_letter_pdf(tmp_path / "letter.pdf", LETTER))
    assert result["status"] == "ok", result["reason"]
    for phrase in ("با سلام و احترام", "خلاصه گزارش اصلاحات کالاهای"):
        assert phrase in result["text"]
    assert result["number"] == "۶۰۲/د/۱۴۰۵"
    assert result["date"] == "1405-08-21"


DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def test_a_letter_beyond_the_bmp_keeps_every_glyph_in_its_box(tmp_path: Path) -> None:
    # 𝐀 is two UTF-16 units and PDFium gives each its box; in a right-to-left line it
    # gives them low half first. Read as one character, or paired by order alone, the
    # letters around it would move into their neighbours' boxes and one would be lost.
    if not DEJAVU.exists():
        pytest.skip("DejaVu Sans is not installed (Debian: fonts-dejavu-core)")
    from weasyprint import HTML

    pdf = tmp_path / "beyond.pdf"
    HTML(string="<html dir='rtl' lang='fa'><head><style>@font-face { font-family: D; "
                f"src: url({DEJAVU.as_uri()}); }} body {{ font-family: D; }}</style></head>"
                "<body><p>شماره: ۷۷۰۱/د/۱۴۰۵</p>"
                "<p>نشان 𝐀𝐁𝐂 در متن نامه آمده است و ادامه دارد</p>"
                "<p dir='ltr'>The code 𝐀𝐁𝐂 stands here and goes on</p></body></html>"
         ).write_pdf(pdf)
    result = extract_file(pdf)
    assert result["status"] == "ok", result["reason"]
    lines = result["text"].split("\n")
    assert "نشان 𝐀𝐁𝐂 در متن نامه آمده است و ادامه دارد" in lines
    assert "The code 𝐀𝐁𝐂 stands here and goes on" in lines
    assert result["number"] == "۷۷۰۱/د/۱۴۰۵"


def _child_pid() -> int:
    from paayesh_docs.ingest.pdf_worker import CHILD

    process = CHILD._process
    assert process is not None
    return process.pid


def test_a_killed_child_sets_one_file_aside_and_the_next_is_read(tmp_path: Path) -> None:
    small = _letter_pdf(tmp_path / "small.pdf", LETTER)
    big = _letter_pdf(tmp_path / "big.pdf", LETTER * 20, pages=150)
    assert extract_file(small)["status"] == "ok"  # the child is running
    pid = _child_pid()
    answers: list[dict] = []
    reader = threading.Thread(target=lambda: answers.append(extract_file(big)))
    reader.start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the child has the request once it works hard
        with open(f"/proc/{pid}/stat") as stat:
            if stat.read().split()[2] == "R":
                break
    os.kill(pid, 9)
    reader.join(60)
    assert answers, "the reader did not come back"
    result = answers[0]
    if result["status"] == "ok":
        pytest.skip("the child finished the file before the kill")
    assert result["reason"]["code"] == "corrupt_pdf", result["reason"]
    assert "crash" in result["reason"]["en"]
    again = extract_file(small)
    assert again["status"] == "ok", again["reason"]
    assert _child_pid() != pid


def test_a_file_past_the_deadline_is_too_large_and_the_child_restarts(tmp_path: Path) -> None:
    big = _letter_pdf(tmp_path / "big.pdf", LETTER * 20, pages=150)
    result = extract_file(big, Limits(pdf_reader_seconds=0.01))
    assert result["status"] == "rejected"
    assert result["reason"]["code"] == "too_large"
    assert "time" in result["reason"]["en"] and "زمان" in result["reason"]["fa"]
    assert extract_file(_letter_pdf(tmp_path / "small.pdf", LETTER))["status"] == "ok"


def test_the_bounded_reading_child_reads_pdfs_itself_within_the_pdf_limits(
        tmp_path: Path) -> None:
    # the watcher's bounded child is the process a PDFium crash may cost: it reads PDFs
    # in itself (no fourth process) and still gives a PDF past its deadline its reason
    from paayesh_docs.ingest.bounded import BoundedReader

    reading = BoundedReader()
    try:
        small = reading.extract(_letter_pdf(tmp_path / "small.pdf", LETTER))
        assert small["status"] == "ok" and small["number"] == "۶۰۲/د/۱۴۰۵"
        child = reading._child
        assert child is not None and child.poll() is None
        assert not (Path(f"/proc/{child.pid}/task/{child.pid}/children").read_text().split())
        big = _letter_pdf(tmp_path / "big.pdf", LETTER * 20, pages=150)
        late = reading.extract(big, Limits(pdf_reader_seconds=0.01))
        assert late["status"] == "rejected" and late["reason"]["code"] == "too_large"
        assert "time" in late["reason"]["en"] and "زمان" in late["reason"]["fa"]
        again = reading.extract(tmp_path / "small.pdf")  # the same child reads on
        assert again["status"] == "ok" and reading._child is child
    finally:
        reading.close()


def test_a_line_takes_the_direction_of_its_ends_then_the_pages() -> None:
    from paayesh_docs.ingest.pdf_layout import cell_is_rtl

    assert cell_is_rtl("RRRNLLLLLLLLNRRR", rtl_page=False)  # Persian at both ends
    assert not cell_is_rtl("LLLNRRNLLL", rtl_page=True)  # Latin at both ends
    assert cell_is_rtl("LLLNDDNRRR", rtl_page=True)  # one end of each: the page's
    assert not cell_is_rtl("LLLNDDNRRR", rtl_page=False)
    assert cell_is_rtl("DDNDD", rtl_page=True)  # digits only
