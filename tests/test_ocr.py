"""Scanned letters read by OCR: a scan corpus made by code (`scan_corpus.py`), read through
the real pipeline, the real `paayesh` command and the real watcher.

What is asserted is what a secretariat relies on: every scan becomes a record with its
engine, model and confidence; the fields are read (a floor per condition, the figures
themselves printed by `bench/ocr.py`); a number or date read wrong is never stored
silently but listed for a clerk's review; an impossible date is never stored; and a
scan does not hold up the small letters dropped after it.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
import scan_corpus as sc
from conftest import run_paayesh
from test_watch import drop_docx, stop, watcher

from paayesh_docs.ingest import extract_file
from paayesh_docs.ingest.glyph_count import (
    agrees,
    checked_vote,
    holes,
    reading_counts,
    segment_counts,
    value_glyphs,
)
from paayesh_docs.ingest.header_ocr import (
    _slashes_read_as_one,
    _value_text,
    _vote,
    edit_distance,
    glyph_parts,
    join_split_words,
    mend_labels,
    normalise_value,
    one_glyph_read_twice,
    plausible_date,
    repaired_text,
    restore_letter,
    slashes,
    split_glued_labels,
    valid_value,
    visual_to_logical,
)
from paayesh_docs.ingest.ocr import (
    PageReading,
    Word,
    drop_specks,
    engine,
    field_confidence,
    known_word,
    record_of,
)
from paayesh_docs.office import init_office

pytestmark = pytest.mark.skipif(
    not Path("/usr/share/tesseract-ocr").exists() and shutil.which("tesseract") is None,
    reason="Tesseract's models are not installed (apt-get install tesseract-ocr-fas)")

# conditions read for every letter, and those read for one (the corpus stays small: each
# page costs Tesseract about a second on one core)
EVERY = ("300dpi", "200dpi", "150dpi", "fax", "stamp")
ONE = ("rotated", "jpeg50", "noise", "tiff2", "pdf_image", "libreoffice")
# floors under what `bench/ocr.py` measured (bench/README.md): a fall below is a regression
FLOOR = {"300dpi": 0.9, "200dpi": 0.9, "150dpi": 0.85, "fax": 0.8, "stamp": 0.9}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[sc.Scan, dict]]:
    folder = tmp_path_factory.mktemp("scans")
    scans = sc.build_scans(folder, EVERY)
    scans += sc.build_scans(folder / "one", ONE, letters=("escalation-tpo",))
    return [(scan, extract_file(scan.path)) for scan in scans]


def test_every_scan_is_read_with_its_engine_and_confidence(corpus) -> None:
    conditions = {scan.condition for scan, _ in corpus}
    assert {"rotated", "jpeg50", "noise", "tiff2", "pdf_image", *EVERY} <= conditions
    for scan, result in corpus:
        assert result["status"] == "ok", (scan.path.name, result["reason"])
        ocr = result["ocr"]
        assert ocr["engine"].startswith("tesseract") and "tesserocr" in ocr["engine"]
        assert ocr["model"] == "fas+eng"
        assert 0 < ocr["confidence"] <= 100
        assert all(item["field"] in sc.SCORED or item["field"] == "attachments"
                   for item in ocr["review"])
        assert "Traceback" not in result["text"]
    tiff = next(result for scan, result in corpus if scan.condition == "tiff2")
    assert tiff["ocr"]["pages"] == 2  # the annex page, read too
    assert any(word in tiff["text"] for word in ("میرجاوه", "فهرست", "زعفران", "کشمش"))


def test_fields_are_read_under_each_condition(corpus) -> None:
    for condition, floor in FLOOR.items():
        marks = [right for scan, result in corpus if scan.condition == condition
                 for right in sc.score(scan, result).values()]
        assert marks and sum(marks) / len(marks) >= floor, (condition, sum(marks), len(marks))


def test_the_body_is_read(corpus) -> None:
    errors = {scan.path.name: sc.character_error_rate(scan.body, sc.body_of(result["text"],
                                                                            scan))
              for scan, result in corpus if scan.condition in ("300dpi", "200dpi", "stamp")}
    assert sum(errors.values()) / len(errors) < 0.12, errors
    assert max(errors.values()) < 0.3, errors


def test_a_stamp_and_a_tilt_are_cleaned_away(corpus) -> None:
    notes = {scan.condition: result["ocr"]["notes"] for scan, result in corpus
             if scan.letter == "escalation-tpo"}
    assert "blue ink removed" in notes["stamp"]
    assert any(note.startswith("rotated") for note in notes["rotated"])
    assert "specks removed" in notes["noise"]


def test_no_date_is_impossible_and_a_wrong_number_or_date_is_for_review(corpus) -> None:
    import jdatetime

    silent = []
    for scan, result in corpus:
        if result["date"]:
            jdatetime.date(*map(int, result["date"].split("-")))  # a day that exists
        review = {item["field"] for item in result["ocr"]["review"]}
        for name in ("number", "date"):
            wrong = result[name] is not None and result[name] != scan.expected[name]
            if wrong and name not in review:
                silent.append((scan.path.name, name, result[name], scan.expected[name]))
    # every header number and date that OCR got wrong is flagged, save a few the model
    # reads wrong with full confidence (measured; bench/ocr.py counts them)
    assert len(silent) <= len(corpus) // 3, silent


# -- the rules that mend what the model mistakes ----------------------------------------

def test_numbers_are_put_in_writing_order() -> None:
    assert visual_to_logical("ص/۱۲۳/۴۵۶") == "۱۲۳/۴۵۶/ص"
    assert visual_to_logical("ک ۳۵۰۱۴/ت/۲۰۷۹۴") == "۲۰۷۹۴/ت/۳۵۰۱۴ ک"
    assert visual_to_logical("۱۴۰۵/۰۸/۲۱") == "۱۴۰۵/۰۸/۲۱"
    assert visual_to_logical(":هرامش") == "شماره:"


def test_dates_that_cannot_be_and_slashes_read_as_one() -> None:
    assert plausible_date("۱۴۰۵/۰۸/۲۱") and plausible_date("۸۷/۲/۱۶")
    assert plausible_date("۲۱/۸/۱۴۰۵")
    assert plausible_date("۱۴۰۵/۱۳/۰۱") is False and plausible_date("۰۱۰۵/۰۷/۲۸") is False
    assert plausible_date("۱۴۰۵/۱۲/۳۱") is False  # 1405 is not a leap year
    assert plausible_date("۱۲۳/ص") is None
    assert _slashes_read_as_one("۱۴۰۵۱۰۸۱۲۱") == "۱۴۰۵/۰۸/۲۱"
    assert _slashes_read_as_one("۱۲۳۴۵۶۷۸۹۰") is None


def test_slips_inside_words_are_mended_by_rule() -> None:
    assert repaired_text("سیستان 9 بلوچستان") == "سیستان و بلوچستان"
    assert repaired_text("سازمان صنعت. معدن") == "سازمان صنعت، معدن"
    assert repaired_text("بررسی کرد. ارزش کالاها") == "بررسی کرد. ارزش کالاها"
    assert repaired_text("استان سیستان» جهت اطلاع") == "استان سیستان، جهت اطلاع"
    assert repaired_text("بند ۹ مصوبه") == "بند ۹ مصوبه"  # a Persian nine stays a nine


def test_an_impossible_date_is_flagged_not_stored(tmp_path: Path) -> None:
    """A header date printed as a day that cannot be (the 31st of Esfand 1405): OCR reads
    it, the record keeps no such date, and the clerk is told."""
    import groundtruth as gt

    spec = sc.specs()["escalation-tpo"]
    spec = gt.Spec(spec.name, spec.expected, spec.formats, spec.lines, spec.letterhead,
                   [("شماره", "۱۲۳/۴۵۶/ص"), ("تاریخ", "۱۴۰۵/۱۳/۴۰"), ("پیوست", "ندارد")],
                   spec.marks, spec.pre, spec.footer)
    pdf = tmp_path / "bad-date.pdf"
    sc.write_pdf(spec, pdf, "plain")
    png = tmp_path / "bad-date.png"
    sc.rasterise(pdf, 300)[0].save(png, dpi=(300, 300))
    result = extract_file(png)
    assert result["status"] == "ok"
    assert result["date"] != "1405-13-40" and (result["date"] is None or plausible_date(
        result["date"].replace("-", "/")))
    assert "۱۴۰۵/۱۳/۴۰" not in result["text"]


def test_readings_of_a_header_value_are_voted_on_by_their_shape() -> None:
    assert normalise_value("٩۰۱ / ص/1405") == "۹۰۱/ص/۱۴۰۵"
    assert valid_value("۲۱۸۷۶/ت/۴۵۰۲۱ ک", dated=False) and valid_value("۸۸۰", dated=False)
    assert not valid_value("۲۱۸۷۶//۴۵۰۲۱", dated=False)  # a letter lost
    assert not valid_value("۱۲۳/۴۵۶ اص", dated=False)
    assert valid_value("۱۴۰۵/۰۸/۲۱", dated=True) and valid_value("۲۱ آبان ماه ۱۴۰۵", dated=True)
    assert not valid_value("۰۱۰۵/۰۷/۲۸", dated=True) and not valid_value("۴۰ آبان ۱۴۰۵", True)
    # the page and two re-reads: the valid reading most agree on; a dissent is for review
    text, confidence = _vote([("۹۹۰۱/ص/۱۴۰۵", 48.0), ("۹۰۱/ص/۱۴۰۵", 50.0),
                              ("۹۰۱/ص/۱۴۰۵", 45.0)], dated=False)
    assert text == "۹۰۱/ص/۱۴۰۵" and confidence < 70
    assert _vote([("۱ آبان ماه ۱۴۰۵", 95.0), ("۲۱ آبان ماه ۱۴۰۵", 93.0),
                  ("۲۱ آبان ماه ۱۴۰۵", 93.0)], dated=True)[0] == "۲۱ آبان ماه ۱۴۰۵"
    assert _vote([("۲۱ آبان ماه ۱۴۰۵", 93.0)] * 3, dated=True) == ("۲۱ آبان ماه ۱۴۰۵", 93.0)
    assert _vote([("۱۴۰۵۰۰۹۱۰", 50.0)], dated=True) is None  # none valid: left as read


def test_a_numbers_last_digits_cut_in_two_are_joined_in_writing_order() -> None:
    """A faxed «۲۱۸۷۶/ت/۴۵۰۲۱ ک» read as «۲۱۸۷۶/ت/۱», «۴۵۰۲», «ک»: the piece to the left
    begins the run (digits stand left to right); a real space is left alone, and so is
    a word read as one run of digits (its order on the page is not known)."""
    def value(*words: tuple[str, int, int]) -> list[Word]:
        return [Word(text, 60.0, (left, 0, right, 36)) for text, left, right in words]

    cut = value(("۲۱۸۷۶/ت/۱", 472, 685), ("۴۵۰۲", 358, 460), ("ک", 297, 332))
    assert _value_text(cut, dated=False) == "۲۱۸۷۶/ت/۴۵۰۲۱ ک"
    lost = value(("۲۱۸۷۶//۱", 472, 685), ("۴۵۰۲", 358, 460))
    assert _value_text(lost, dated=False) == "۲۱۸۷۶//۴۵۰۲۱"
    spaced = value(("۲۱۸۷۶/ت/۱", 472, 685), ("۴۵۰۲", 358, 440))  # 32 px: a space
    assert _value_text(spaced, dated=False) == "۲۱۸۷۶/ت/۱ ۴۵۰۲"
    digits = value(("۲۱/۷/۲۱۸۷۶", 441, 690), ("۴۵۰", 360, 428))
    assert _value_text(digits, dated=False) == "۲۱/۷/۲۱۸۷۶ ۴۵۰"


def _printed_line(tmp_path: Path, text: str, dpi: int = 300):
    """One line of text printed by WeasyPrint in the corpus's face, rasterised, cropped
    to its ink with a margin."""
    import numpy as np
    from weasyprint import HTML

    face, family = sc.font_face()
    pdf = tmp_path / "line.pdf"
    HTML(string=f'<html dir="rtl"><head><meta charset="utf-8"><style>{face} @page '
                f'{{ size: A5 landscape; margin: 1cm; }} body {{ font-family: {family}; '
                f'font-size: 14pt; }}</style></head><body><p>{text}</p></body></html>'
         ).write_pdf(pdf)
    page = sc.rasterise(pdf, dpi)[0].convert("L")
    ys, xs = np.nonzero(np.asarray(page) < 140)
    return page.crop((int(xs.min()) - 20, int(ys.min()) - 15, int(xs.max()) + 20,
                      int(ys.max()) + 15))


def test_a_clean_line_read_alone_is_not_taken_for_noise(tmp_path: Path) -> None:
    """Tesseract's noise-row rule gave nothing at all for a clean line read alone (and
    dropped a letterhead's lines from the page); with it off the line is read."""
    line = _printed_line(tmp_path, "سازمان صنعت، معدن و تجارت استان سیستان و بلوچستان")
    ocr = engine(("fas", "eng"))
    ocr.line.SetImage(line)
    text = ocr.line.GetUTF8Text()
    assert "سیستان" in text and "بلوچستان" in text


def test_the_letter_between_a_numbers_slashes_is_put_back(tmp_path: Path) -> None:
    """«۲۱۸۷۶/ت/۴۵۰۲۱» printed: its two slashes are found by their lean, and the letter the
    model lost («//») or took for a digit (the whole then read left to right) is read
    alone between them."""
    number = _printed_line(tmp_path, "۲۱۸۷۶/ت/۴۵۰۲۱")
    _, parts = glyph_parts(number)
    assert len(slashes(parts)) == 2
    ocr = engine(("fas", "eng"))
    box = (0, 0, number.width, number.height)
    assert restore_letter(ocr, number, box, "۲۱۸۷۶//۴۵۰۲۱") == "۲۱۸۷۶/ت/۴۵۰۲۱"
    assert restore_letter(ocr, number, box, "۴۵۰۲۱/۷/۲۱۸۷۶") == "۲۱۸۷۶/ت/۴۵۰۲۱"
    assert restore_letter(ocr, number, box, "۲۱۸۷۶/۴۵۰۲۱") is None  # slashes do not match
    date = _printed_line(tmp_path, "۱۴۰۵/۹/۵")  # a real digit between slashes stays
    assert restore_letter(ocr, date, (0, 0, date.width, date.height), "۵/۹/۱۴۰۵") is None


def test_a_fax_is_smoothed_before_it_is_read() -> None:
    """A 1-bit page at 200×100 dpi: made square at 300 dpi and its staircase edges
    smoothed (grey levels between ink and paper), the measured fax gain."""
    import numpy as np
    from PIL import Image, ImageDraw

    from paayesh_docs.ingest.scan_prep import prepare

    page = Image.new("1", (400, 200), 1)
    ImageDraw.Draw(page).rectangle((100, 50, 300, 120), fill=0)
    prepared = prepare(page, (200, 100))
    pixels = np.asarray(prepared.image)
    assert prepared.image.size == (600, 600)
    assert ((pixels > 30) & (pixels < 225)).sum() > 2 * 600  # edges softened, ~3 px wide


def test_a_fax_streak_is_taken_out_and_the_strokes_it_crosses_kept() -> None:
    """A fax's line noise is one row of the 1-bit page: 11 px at 300 dpi from 100 once
    smoothed. Taken out of a crop where it runs level over 0.2 inch; an upright stroke
    it crosses stays whole, and a crop without a streak is given back as it is."""
    import numpy as np
    from PIL import Image, ImageDraw

    from paayesh_docs.ingest.scan_prep import bilevel_streak_height, prepare, without_streaks

    assert bilevel_streak_height((200, 100), 300) == 11
    # a page wide enough that the streak is no table rule (`without_rules`: 0.1 of it)
    page = Image.new("1", (1600, 100), 1)
    draw = ImageDraw.Draw(page)
    # an upright stroke, shorter than a table's rule (`without_rules`: 40 px down)
    draw.rectangle((150, 44, 156, 55), fill=0)
    draw.line([(100, 50), (220, 50)], fill=0)  # one row of line noise across it
    prepared = prepare(page, (200, 100))
    assert prepared.streak_height == 11
    cleaned = np.asarray(without_streaks(prepared.image, prepared.streak_height))
    before = np.asarray(prepared.image)
    row = 50 * 3 + 1
    assert (before[row, 160:220] < 128).all() and (before[row, 240:320] < 128).all()
    assert (cleaned[row, 160:220] > 200).all() and (cleaned[row, 240:320] > 200).all()
    assert (cleaned[133:165, 230] < 128).all()  # the stroke it crossed is whole
    blank = Image.new("L", (200, 60), 255)
    assert without_streaks(blank, 11) is blank
    assert prepared.sharp is not None and prepared.sharp.size == prepared.image.size
    assert set(np.unique(np.asarray(prepared.sharp))) <= {0, 255}  # not smoothed
    grey = prepare(page.convert("L"), (200, 100))  # not a 1-bit page
    assert grey.streak_height == 0 and grey.sharp is None


def test_a_header_label_read_with_its_value_is_cut_from_it() -> None:
    reading = PageReading([[Word("تاریخ:۱۴۰۵۳۳۸۳۳", 10.0, (300, 380, 650, 430))],
                           [Word("شماره‌ها", 90.0, (500, 480, 650, 530))]])
    assert split_glued_labels(reading) == 1
    label, value = reading.lines[0]
    assert (label.text, value.text) == ("تاریخ:", "۱۴۰۵۳۳۸۳۳")
    assert label.box[2] == 650 and value.box[0] == 300 and value.box[2] == label.box[0]
    assert len(reading.lines[1]) == 1


def test_a_faxed_letterheads_date_and_reference_are_read(tmp_path: Path) -> None:
    """The faxed letterhead whose «تاریخ: ۱۴۰۵/۰۸/۲۱» a streak crosses (the page read it
    «تاریخ:۱۴۰۵۳۳۸۳۳», one word): its date, not the body's «۱۴۰۵/۰۸/۱۴», and still for
    a clerk to check."""
    scan = sc.build_scans(tmp_path, ("fax",), letters=("escalation-tpo",))[0]
    result = extract_file(scan.path)
    assert result["date"] == scan.expected["date"] == "1405-08-21"
    review = {item["field"] for item in result["ocr"]["review"]}
    assert "date" in review
    # its reference «۲۰۷۹۴/ت/۳۵۰۱۴ ک»: the smoothing joined the «ت» to a slash, so the
    # slashes are found on the page unsmoothed; the letter put back is a guess, reviewed
    assert result["references"] == scan.expected["references"]
    assert result["references"][0]["number"] == "۲۰۷۹۴/ت/۳۵۰۱۴ ک"
    assert "references" in review


def test_what_counts_as_a_word_for_a_re_read() -> None:
    assert known_word("جهت") and known_word("موانع") and known_word("رونوشت:")
    assert known_word("بازارچه‌های") and known_word("استان‌ها")  # known, with an affix
    assert known_word("۱۲۳/ص") and known_word("-")  # no Persian word: nothing to judge
    assert not known_word("هت") and not known_word("موانم")


def _read_printed(tmp_path: Path, text: str) -> tuple[PageReading, object]:
    """A printed line read by the page model, as the page's reading would hold it."""
    ocr = engine(("fas", "eng"))
    line = _printed_line(tmp_path, text)
    ocr.main.SetImage(line)
    ocr.main.Recognize()
    return PageReading([[word for word, _ in ocr.recognised(ocr.main)]]), line


def test_a_word_that_is_no_word_is_read_again_in_its_place(tmp_path: Path) -> None:
    """A word no list knows («موانم» where «موانع» is printed) is read again with its
    neighbours at another scale, and the known word read there surely replaces it."""
    reading, line = _read_printed(tmp_path, "موانع صادرات به کشور پاکستان")
    assert [w.text for w in reading.lines[0]][:2] == ["موانع", "صادرات"]
    reading.lines[0][0].text = "موانم"  # the slip of a 150-dpi scan of this line
    engine(("fas", "eng"))._reread_unknown_words(line, reading)
    assert [w.text for w in reading.lines[0]][:2] == ["موانع", "صادرات"]


def test_a_known_word_is_never_read_again(tmp_path: Path) -> None:
    reading, line = _read_printed(tmp_path, "موانع صادرات به کشور پاکستان")
    reading.lines[0][0].text = "مواد"  # wrong, but a word: nothing says it is wrong
    engine(("fas", "eng"))._reread_unknown_words(line, reading)
    assert reading.lines[0][0].text == "مواد"


def test_a_copy_line_split_inside_a_word_is_read_right(tmp_path: Path) -> None:
    """The 200-dpi scan whose copy line the model read «… ایران و هت اطلاع» («جهت» split
    into «و» and a no-word «هت»): the copy and its purpose are read right."""
    scan = sc.build_scans(tmp_path, ("200dpi",), letters=("long-date-month-marks",))[0]
    result = extract_file(scan.path)
    assert result["copies"] == scan.expected["copies"]


def test_a_header_number_read_two_ways_is_settled_by_a_third_reading(tmp_path: Path) -> None:
    """The 150-dpi scan whose «۹۰۱/ص/۱۴۰۵» the page and the line read again gave as
    «۹۰۱/ص/۱۴۰۵» and «۹۹۰۱/ص/۱۴۰۵» (the 2× reading not valid): the line read at 1.5×
    too settles it."""
    scan = sc.build_scans(tmp_path, ("150dpi",), letters=("long-date-month-marks",))[0]
    assert extract_file(scan.path)["number"] == scan.expected["number"] == "۹۰۱/ص/۱۴۰۵"


def test_a_digit_read_twice_in_two_scripts_is_one_digit(tmp_path: Path) -> None:
    """The faxed «۹۰۱/ص/۱۴۰۵» the line read again gave as «٩۹۰۱/ص/۱۴۰۵» (one nine decoded
    as an Arabic-Indic and a Persian digit, their symbol boxes one within the other) and
    the page as «۹۰۱/ص/۱۴۰۵»: the pair is one glyph, so the readings agree. Two nines of
    one script stay two."""
    assert one_glyph_read_twice("٩۹۰۱/ص/۱۴۰۵") == "٩۰۱/ص/۱۴۰۵"
    assert one_glyph_read_twice("۹۹۰۱/ص/۱۴۰۵") == "۹۹۰۱/ص/۱۴۰۵"
    scan = sc.build_scans(tmp_path, ("fax",), letters=("long-date-month-marks",))[0]
    assert extract_file(scan.path)["number"] == scan.expected["number"] == "۹۰۱/ص/۱۴۰۵"


def test_a_speck_read_as_a_digit_is_no_word() -> None:
    """A 2 × 5-pixel speck at the end of a faxed copy line was read «۱» (94% sure) and
    taken into the copy's purpose; a «۰» or a «.» of the line's size stays."""
    def word(text: str, left: int, top: int, right: int, bottom: int) -> Word:
        return Word(text, 93.0, (left, top, right, bottom))

    line = [word("جهت", 1470, 1850, 1563, 1888), word("اطلاع", 1361, 1835, 1455, 1896),
            word("۱", 925, 1892, 927, 1897), word("۰", 800, 1860, 810, 1870),
            word(".", 700, 1880, 708, 1888)]
    other = [word(text, 2000 - 120 * i, 1740, 2100 - 120 * i, 1790)
             for i, text in enumerate(("رئیس", "سازمان", "صنعت،", "معدن", "و", "تجارت"))]
    reading = PageReading([other, line, [word("۱", 10, 10, 12, 14)]])
    assert drop_specks(reading) == 2
    assert [[w.text for w in line] for line in reading.lines][1:] == [["جهت", "اطلاع", "۰", "."]]


def test_a_word_split_where_its_letters_do_not_join_is_joined_back() -> None:
    def line(gap: int, sure: float = 90.0) -> PageReading:
        words, right = [], 2000
        for text in ("رونوشت", "دبیر", "خانه", "شورای", "عالی"):
            width = 100
            confidence = sure if text in ("دبیر", "خانه") else 90.0
            words.append(Word(text, confidence, (right - width, 0, right, 50)))
            right -= width + (gap if text == "دبیر" else 18)
        return PageReading([words])

    narrow = line(6)
    assert join_split_words(narrow) == 1
    assert [w.text for w in narrow.lines[0]] == ["رونوشت", "دبیرخانه", "شورای", "عالی"]
    wide = line(18)  # as wide as the line's other gaps: two words
    assert join_split_words(wide) == 0
    # a fax: the boxes too coarse for the gap to tell (14 px against 18), the model unsure
    # of both halves (67%, 68% in the corpus's faxed letter): one word
    unsure = line(14, sure=67.0)
    assert join_split_words(unsure) == 1
    assert [w.text for w in unsure.lines[0]] == ["رونوشت", "دبیرخانه", "شورای", "عالی"]
    assert join_split_words(line(14)) == 0  # as sure as the rest: the gap decides
    assert join_split_words(line(40, sure=67.0)) == 0  # wider than the line's gaps


def test_a_misread_header_label_is_mended_where_a_label_stands() -> None:
    def line(*texts: str, gap: int = 18) -> list[Word]:
        words, right = [], 2000
        for text in texts:
            words.append(Word(text, 90.0, (right - 100, 0, right, 40)))
            right -= 100 + gap
        return words

    assert edit_distance("شنماره", "شماره") == 1 and edit_distance("قاری", "تاریخ") == 2
    reading = PageReading([line("شنماره", "|", "۷۷۰۱/ت"), line("قاری", "۳آذر", "۱۴۰۵"),
                           line("قاری", "خوب", "است"),  # no date after it: a word
                           line("شمارش", "کالاها")])
    assert mend_labels(reading) == 2
    assert [[w.text for w in words] for words in reading.lines] == [
        ["شماره", "۷۷۰۱/ت"], ["تاریخ", "۳آذر", "۱۴۰۵"], ["قاری", "خوب", "است"],
        ["شمارش", "کالاها"]]
    assert reading.lines[0][0].confidence < 70  # a mended label is a guess: for review
    inside = PageReading([line("نامه", "شنماره", "۱۲۳/ص")])  # inside a sentence: left alone
    assert mend_labels(inside) == 0


def test_a_number_cut_from_a_longer_reading_is_not_trusted() -> None:
    """The fields take «۲۱۸۷۶» out of the reading «۲۱۸۷۶//۱»: that reading's confidence,
    not none at all; a number no word holds, 0; a reference's day, its word's."""
    words = {"۲۱۸۷۶//۱": 41.0, "شماره": 91.0, "۱۴۰۵/۰۷/۲۸": 92.0}
    assert field_confidence("number", "۲۱۸۷۶", words) == 41.0
    assert field_confidence("number", "۹۹۹", words) == 0.0
    reference = [{"relation": "reply_to", "number": "۲۱۸۷۶", "date": "1405-07-28"}]
    assert field_confidence("references", reference, words) == 41.0
    assert field_confidence("references", [{"relation": "reply_to", "number": None,
                                            "date": "1405-07-28"}], words) == 92.0


def test_an_unreadable_header_date_is_for_review() -> None:
    ocr = {"engine": "tesseract", "model": "fas", "confidence": 80.0, "words": {},
           "flags": [{"code": "unreadable_date", "read": "۱۴۰۵۳۳۷۷۳۳۰"}]}
    review = record_of(ocr, {"date": "1405-08-14"})["review"]
    assert review == [{"field": "date", "confidence": 0.0, "why": "unreadable_date",
                       "read": "۱۴۰۵۳۳۷۷۳۳۰"}]


# -- as a clerk uses it ------------------------------------------------------------------

def test_review_lists_guesses_and_edit_or_ok_clears_them(tmp_path: Path) -> None:
    init_office(tmp_path / "office")
    home = str(tmp_path / "office")
    pages = sc.build_scans(tmp_path / "scans", ("150dpi",), letters=("escalation-tpo",))
    ingested = json.loads(run_paayesh("--home", home, "ingest", str(pages[0].path),
                                      "--json").stdout)
    assert ingested["status"] == "registered"
    record = json.loads(run_paayesh("--home", home, "show", "1", "--json").stdout)
    assert record["ocr"]["engine"].startswith("tesseract")
    waiting = json.loads(run_paayesh("--home", home, "review", "--json").stdout)["review"]
    fields = [item["field"] for item in record["ocr"]["review"]]
    if not fields:  # nothing to review: the list is empty
        assert waiting == []
        return
    assert waiting[0]["id"] == 1 and [i["field"] for i in waiting[0]["fields"]] == fields
    shown = run_paayesh("--home", home, "review")
    assert "بازبینی" in shown.stdout and "records to review" in shown.stdout
    first, rest = fields[0], fields[1:]
    if first in ("number", "subject", "sender", "date", "attachments"):
        value = {"number": "۱۲۳/۴۵۶/ص", "date": "1405/08/21"}.get(first, "اصلاح‌شده")
        edited = run_paayesh("--home", home, "edit", "1", f"{first}={value}", "--json")
        assert edited.returncode == 0, edited.stderr
    else:
        assert run_paayesh("--home", home, "review", "1", "--ok", first).returncode == 0
    after = json.loads(run_paayesh("--home", home, "show", "1", "--json").stdout)
    assert [item["field"] for item in after["ocr"]["review"]] == rest
    assert run_paayesh("--home", home, "review", "1", "--ok").returncode == 0
    assert json.loads(run_paayesh("--home", home, "review", "--json").stdout)["review"] == []
    history = json.loads(run_paayesh("--home", home, "show", "1", "--history",
                                     "--json").stdout)
    assert any(rev.get("reviewed") for rev in history["revisions"])


def test_the_watcher_registers_a_letter_while_a_long_scan_is_read(tmp_path: Path) -> None:
    """A six-page scan dropped first, a DOCX letter right after: the letter is registered
    while the scan is still being read in the OCR pool, the scan once read."""
    from PIL import Image

    office = tmp_path / "office"
    init_office(office)
    config = office / "paayesh.toml"
    config.write_text(config.read_text("utf-8").replace("workers = 0", "workers = 1"),
                      "utf-8")
    page = sc.build_scans(tmp_path / "scans", ("300dpi",),
                          letters=("escalation-tpo",))[0].path
    image = Image.open(page)
    scan = office / "inbox" / "long-scan.tif"
    image.save(scan, save_all=True, append_images=[image.copy() for _ in range(5)],
               compression="tiff_lzw", dpi=(300, 300))
    process = watcher(office, "--delay", "0.5")
    try:
        drop_docx(office / "inbox", 7)
        registered = office / "inbox" / "_registered"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            listed = "".join(p.read_text("utf-8") for p in registered.glob("*.txt")) \
                if registered.exists() else ""
            if "letter-0007.docx" in listed:
                break
            time.sleep(0.1)
        else:
            raise AssertionError("the letter was not registered")
        assert "long-scan.tif" not in listed  # still being read: the letter did not wait
        while time.monotonic() < deadline + 240 and "long-scan.tif" not in listed:
            time.sleep(0.2)
            listed = "".join(p.read_text("utf-8") for p in registered.glob("*.txt"))
        assert "long-scan.tif" in listed
    finally:
        out = stop(process)
    assert "long-scan.tif" in out
    shown = json.loads(run_paayesh("--home", str(office), "show", "2", "--json").stdout)
    assert shown["source"]["name"] == "long-scan.tif" and shown["ocr"]["pages"] == 6


def test_a_header_values_glyphs_are_counted_between_its_slashes(tmp_path: Path) -> None:
    """Persian digits never join: «۷۷۰۱/ت» printed is a letter (its dots joined to it), a
    slash and four digits («۰» a dot), and «۶۰/۱۲۳۴۵» two and five digits; a reading
    with digits lost («۱/ت») or a slash read as «۱» («۶۰۱۱۲۳۴۵») does not agree."""
    number = value_glyphs(_printed_line(tmp_path, "۷۷۰۱/ت"))
    assert number is not None and sorted(segment_counts(number)) == [1, 4]
    assert agrees("۷۷۰۱/ت", segment_counts(number))
    assert not agrees("۱/ت", segment_counts(number))
    digits = value_glyphs(_printed_line(tmp_path, "۶۰/۱۲۳۴۵"))
    assert digits is not None and segment_counts(digits) == [2, 5]
    assert not agrees("۶۰۱۱۲۳۴۵", segment_counts(digits))
    # joined letters are one glyph, «ا» ends one; a dash is a glyph of its part
    assert reading_counts("۵۵/الف") == [2, 2]
    assert reading_counts("۱۴۰۵-۳۰۲/۱") == [8, 1]


def test_a_header_value_read_with_glyphs_lost_is_read_glyph_by_glyph(tmp_path: Path) -> None:
    """Every reading lost three digits of «۷۷۰۱/ت»: none agrees with the ink, so the value
    is read one glyph at a time (below the review threshold: it is a guess); readings
    that agree but the glyphs read one by one do not are in doubt; a slash read as «۱»
    is outvoted by the one reading that agrees."""
    ocr = engine(("fas", "eng"))
    number = _printed_line(tmp_path, "۷۷۰۱/ت")
    box = (20, 15, number.width - 20, number.height - 15)
    chosen = checked_vote(ocr, number, box, [("۱/ت", 66.0)] * 4, dated=False)
    assert chosen is not None and chosen[0] == "۷۷۰۱/ت" and chosen[1] <= 60.0
    # a digit misread in every reading (the count agrees): the glyphs read one by one
    # disagree, so it is left for review rather than stored surely
    chosen = checked_vote(ocr, number, box, [("۷۷۰۸/ت", 90.0)] * 4, dated=False)
    assert chosen is not None and chosen[1] <= 60.0
    digits = _printed_line(tmp_path, "۶۰/۱۲۳۴۵")
    box = (20, 15, digits.width - 20, digits.height - 15)
    readings = [("۶۰۱۱۲۳۴۵", 12.0), ("۶۰۱۱۲۳۴۵", 0.0), ("۶۰/۱۲۳۴۵", 79.0)]
    assert _vote(readings, dated=False)[0] == "۶۰۱۱۲۳۴۵"
    assert checked_vote(ocr, digits, box, readings, dated=False)[0] == "۶۰/۱۲۳۴۵"


def test_a_date_whose_readings_all_fail_is_read_glyph_by_glyph(tmp_path: Path) -> None:
    """«۱۴۰۵/۱۰/۰۵» whose line readings were no date at all: read glyph by glyph, its
    zeros by their shape (a dot the model reads alone as nothing)."""
    date = _printed_line(tmp_path, "۱۴۰۵/۱۰/۰۵")
    box = (20, 15, date.width - 20, date.height - 15)
    readings = [("۱۳۰۵", 39.0), ("۵*۱", 39.0), ("۵", 77.0)]
    chosen = checked_vote(engine(("fas", "eng")), date, box, readings, dated=True)
    assert chosen is not None and chosen[0] == "۱۴۰۵/۱۰/۰۵" and chosen[1] <= 60.0


def test_a_stroke_cut_by_a_streak_is_one_glyph_and_a_five_has_a_counter(tmp_path: Path) -> None:
    """A fax's streak (taken out) leaves each slash and digit in two pieces, one above the
    other: joined again, the date's glyphs are counted as printed. «۵» closes a counter,
    «۸» (read for it) does not."""
    import numpy as np
    from PIL import Image

    line = _printed_line(tmp_path, "۱۴۰۵/۰۹/۱۸")
    grey = np.asarray(line).copy()
    ys = np.nonzero((grey < 140).any(axis=1))[0]
    middle = (int(ys.min()) + int(ys.max())) // 2
    grey[middle - 1:middle + 2, :] = 255
    cut = value_glyphs(Image.fromarray(grey))
    assert cut is not None and segment_counts(cut) == [4, 2, 2]
    five, eight = (value_glyphs(_printed_line(tmp_path, digit)) for digit in ("۵", "۸"))
    assert holes(five[0]) == 1 and holes(eight[0]) == 0


def test_latin_digits_and_a_zero_in_two_halves_are_read_glyph_by_glyph(tmp_path: Path) -> None:
    """A letterhead's «5013/210» in Latin digits is read glyph by glyph with the Latin
    model when the Persian one is unsure; a «0» whose hairlines were lost (two bows facing
    each other) is one glyph, and a lone straight stroke is «۱», a bowed one is not."""
    from PIL import Image, ImageDraw, ImageFilter

    from paayesh_docs.ingest.glyph_count import _plain_stroke, read_by_glyph

    assert segment_counts(value_glyphs(_printed_line(tmp_path, "5013/210"))) == [4, 3]
    latin = _printed_line(tmp_path, "53/2")
    read = read_by_glyph(engine(("fas", "eng")), latin, value_glyphs(latin))
    assert read is not None and read[0] == "۵۳/۲"
    page = Image.new("L", (120, 80), 255)
    draw = ImageDraw.Draw(page)
    draw.arc((20, 10, 50, 70), 100, 260, fill=0, width=4)  # «(»
    draw.arc((24, 10, 54, 70), 280, 80, fill=0, width=4)  # «)»
    draw.rectangle((80, 10, 85, 70), fill=0)  # «۱»
    glyphs = value_glyphs(page.filter(ImageFilter.GaussianBlur(1)))  # a print's soft edges
    assert glyphs is not None and len(glyphs) == 2
    assert _plain_stroke(glyphs[1], 60) and not _plain_stroke(glyphs[0], 60)
