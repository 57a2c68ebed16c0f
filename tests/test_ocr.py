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
from paayesh_docs.ingest.glyph_count import slashes as counted_slashes
from paayesh_docs.ingest.header_ocr import (
    _read_line,
    _slashes_read_as_one,
    _value_text,
    _value_words,
    _vote,
    edit_distance,
    glyph_parts,
    join_split_words,
    mend_labels,
    mend_marks,
    normalise_value,
    one_glyph_read_twice,
    plausible_date,
    repaired_text,
    reread_numbers,
    restore_letter,
    slashes,
    split_glued_labels,
    valid_value,
    visual_to_logical,
)
from paayesh_docs.ingest.number_order import (
    leaves_out,
    line_in_order,
    logical_order,
    reordered,
    restore_end_letter,
    visual_units,
    widened,
)
from paayesh_docs.ingest.ocr import (
    OcrResult,
    PageReading,
    Word,
    drop_specks,
    engine,
    field_confidence,
    known_word,
    record_of,
    word_confidences,
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


def test_a_numbers_writing_order_is_the_one_the_bidi_rules_lay_out_as_the_page() -> None:
    """After a label's letters the digits are AN (W2): a hyphen between them parts them
    (ES joins EN only), a slash joins them (CS); in a table's cell of its own they are
    EN and a hyphen joins too. A slash with spaces is a neutral, and the groups it parts
    stand right to left; a letter is no number, and parts as well."""
    assert logical_order(list("۱۴۰۵-۳۰۲/۱"), after_letter=True) == "۳۰۲/۱-۱۴۰۵"
    assert logical_order(list("۱۴۰۵-۳۰۲/۱"), after_letter=False) == "۱۴۰۵-۳۰۲/۱"
    spaced = ["ص", " ", "/", " ", *"۴۱۰", " ", "/", " ", *"۲۵۸"]
    assert logical_order(spaced, after_letter=False) == "۲۵۸ / ۴۱۰ / ص"
    assert logical_order(list("١٤٠٥/ك/٣٤٥"), after_letter=True) == "٣٤٥/ك/١٤٠٥"
    assert logical_order(list("د/۸۷۶"), after_letter=True) == "۸۷۶/د"
    assert logical_order(list("۸۷۶/۵"), after_letter=True) == "۸۷۶/۵"


def test_a_numbers_spaces_are_told_by_its_glyphs_places() -> None:
    """Digits are set at one pitch; a slash alone between two stands within two pitches
    of them, a slash with a space each side further; a letter in a word of its own is
    parted by a space, two digits in two words (a run the model cut) are not."""
    def symbols(*places: tuple[int, str, int]) -> list[tuple[int, int, str, int]]:
        return [(left, left + 20, text, word) for left, text, word in places]

    tight = symbols((0, "۱", 0), (27, "۴", 0), (54, "/", 0), (74, "۲", 0), (101, "۵", 0))
    assert visual_units(tight) == list("۱۴/۲۵")
    wide = symbols((0, "۱", 0), (27, "۴", 0), (68, "/", 0), (108, "۲", 0), (135, "۵", 0))
    assert visual_units(wide) == ["۱", "۴", " ", "/", " ", "۲", "۵"]
    tail = symbols((0, "ک", 0), (40, "۴", 1), (67, "۵", 1), (94, "/", 1), (114, "۲", 2))
    assert visual_units(tail) == ["ک", " ", "۴", "۵", "/", "۲"]
    # the page's order and the words' disagree: the page's; other characters: none
    assert reordered(wide, "۱۴/۲۵", False, normalise_value) == "۲۵/۱۴"
    assert reordered(wide, "۱۴/۲۵۵", False, normalise_value) is None


def test_a_printed_number_is_read_in_writing_order(tmp_path: Path) -> None:
    """«۳۰۲/۱-۱۴۰۵» after «شماره:», printed (the page shows «۱۴۰۵-۳۰۲/۱», which the
    model's word gives as one run), read in writing order by the line's symbols."""
    ocr = engine(("fas", "eng"))
    line = _printed_line(tmp_path, "شماره: ۳۰۲/۱-۱۴۰۵")
    box = (0, 0, line.width, line.height)
    words = [w for w in _read_line(ocr, line, box, 1.5) if not w.text.startswith("شماره")]
    read = _value_text(words, dated=False)
    assert read == "۱۴۰۵-۳۰۲/۱"
    assert line_in_order(ocr, box, 1.5, words, read, True, normalise_value) == "۳۰۲/۱-۱۴۰۵"


def test_a_letter_after_one_slash_read_as_a_digit_is_put_back(tmp_path: Path) -> None:
    """«۸۷۶/ت» is shown «ت/۸۷۶» and read «۵/۸۷۶» (so is «۸۷۶/د»): the glyph beyond the
    slash read alone is a letter, surer than as a digit; a real digit there stays."""
    ocr = engine(("fas", "eng"))
    number = _printed_line(tmp_path, "۸۷۶/ت")
    box = (0, 0, number.width, number.height)
    assert restore_end_letter(ocr, number, box, "۵/۸۷۶") == "۸۷۶/ت"
    digit = _printed_line(tmp_path, "۸۷۶/۵")
    assert restore_end_letter(ocr, digit, (0, 0, digit.width, digit.height), "۸۷۶/۵") is None


def test_a_numbers_ink_left_out_of_the_pages_words_is_its_own() -> None:
    """Glyphs of the number in no word («۸» and «اص» read of «۲۵۸ / ۴۱۰ / ص»): the value
    reaches over them up to a column's gap, takes in the word beyond, and a reading that
    leaves them out is a piece; a word no number holds (a sentence) stops the reach."""
    from PIL import Image, ImageDraw

    page = Image.new("L", (1000, 60), 255)
    draw = ImageDraw.Draw(page)
    for left in range(100, 501, 40):  # glyphs 30 px wide, 10 px apart
        draw.rectangle((left, 15, left + 30, 45), fill=0)
    draw.rectangle((600, 15, 700, 45), fill=0)  # the label
    label = Word("شماره", 90.0, (600, 10, 700, 50))
    eight, letter = Word("۸", 70.0, (500, 10, 530, 50)), Word("اص", 68.0, (100, 10, 130, 50))
    value, reach = widened(page, [label, eight, letter], 0, [eight], 120, lambda w: True)
    assert value == [eight, letter] and reach == 100
    assert leaves_out(page, value, (reach, 10, 530, 50), 40)
    whole = Word("۲۵۸/۴۱۰/ص", 60.0, (100, 10, 530, 50))
    assert not leaves_out(page, [whole], (reach, 10, 530, 50), 40)
    sentence = Word("مورخ", 90.0, (300, 10, 375, 50))
    value, reach = widened(page, [label, eight, sentence], 0, [eight], 120,
                           lambda w: w is not sentence)
    assert value == [eight] and reach == 380


def test_a_letter_numbers_hyphen_and_arabic_kaf() -> None:
    """A hyphen parts a number's runs of digits like a slash; an Arabic kaf is a number's
    letter (kept as the Persian one); a letter number shaped like a date is not blanked
    as a day that cannot be."""
    assert valid_value("۳۰۲/۱-۱۴۰۵", dated=False) and not valid_value("۳۰۲/-۱", dated=False)
    assert normalise_value("٣٤٥/ك/١٤٠٥") == "۳۴۵/ک/۱۴۰۵"
    assert valid_value(normalise_value("٣٤٥/ك/١٤٠٥"), dated=False)
    reading = PageReading([[Word("شماره:", 90.0, (562, 296, 673, 344)),
                            Word("۳۰۲/۱-۱۴۰۵", 90.0, (303, 296, 534, 332))]])
    assert reread_numbers(None, None, reading) == []
    assert reading.lines[0][1].text == "۳۰۲/۱-۱۴۰۵"


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


def test_a_references_impossible_date_is_the_references_to_check() -> None:
    """«مورخ ۱۴۰۵/۰۸/۳۹» in a reference's sentence: blanked and flagged, and the clerk is
    sent to the reference, not to the letter's own date (which was read right)."""
    def line(*texts: str) -> list[Word]:
        return [Word(text, 90.0, (2000 - 120 * i - 100, 0, 2000 - 120 * i, 40))
                for i, text in enumerate(texts)]

    reading = PageReading([line("بازگشت", "به", "نامه", "شماره", "۲۰۱/ک", "مورخ",
                                "۱۴۰۵/۰۸/۳۹")])
    from PIL import Image

    blank = Image.new("L", (2100, 60), 255)
    flags = reread_numbers(engine(("fas", "eng")), blank, reading)
    assert [(f["code"], f["field"]) for f in flags] == [("impossible_date", "references")]
    review = record_of({"engine": "tesseract", "model": "fas", "confidence": 80.0,
                        "flags": flags}, {"date": "1405-09-05", "references": [
                            {"relation": "reply_to", "number": "۲۰۱/ک", "date": None}]})
    assert [item["field"] for item in review["review"]] == ["references"]
    alone = record_of({"engine": "tesseract", "model": "fas", "confidence": 80.0,
                       "flags": flags}, {"date": "1405-09-05"})
    assert [(item["field"], item["why"]) for item in alone["review"]] == [
        ("references", "impossible_date")]


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


def test_a_references_date_is_re_read_as_well_as_its_number(tmp_path: Path) -> None:
    """A reference's line holds two labels, «شماره» and «مورخ»: each value is read again,
    so a date the page read «۱۴۰۵/۰۸/۰۲» where «۱۴۰۵/۰۸/۰۳» is printed is read right."""
    from paayesh_docs.ingest.header_ocr import reread_header_values

    reading, line = _read_printed(tmp_path, "بازگشت به نامه شماره ۶۶۰۲/ک مورخ ۱۴۰۵/۰۸/۰۳")
    words = reading.lines[0]
    after = next(i for i, w in enumerate(words) if w.text.startswith("مورخ")) + 1
    assert words[after].text == "۱۴۰۵/۰۸/۰۳"
    words[after].text = "۱۴۰۵/۰۸/۰۲"  # the page's slip
    reread_header_values(engine(("fas", "eng")), line, reading)
    texts = [w.text for w in reading.lines[0]]
    assert "۱۴۰۵/۰۸/۰۳" in texts and "۶۶۰۲/ک" in texts


def test_a_word_that_is_no_word_is_read_again_in_its_place(tmp_path: Path) -> None:
    """A word no list knows («موانم» where «موانع» is printed) is read again with its
    neighbours at another scale, and the known word read there surely replaces it."""
    reading, line = _read_printed(tmp_path, "موانع صادرات به کشور پاکستان")
    assert [w.text for w in reading.lines[0]][:2] == ["موانع", "صادرات"]
    reading.lines[0][0].text = "موانم"  # the slip of a 150-dpi scan of this line
    engine(("fas", "eng"))._reread_unknown_words(line, reading)
    assert [w.text for w in reading.lines[0]][:2] == ["موانع", "صادرات"]


def test_a_long_dates_day_is_counted_on_the_ink(tmp_path: Path) -> None:
    """«۱۱ آبان ۱۴۰۵» read «۱ آبان»: the two strokes right of the month's name are two
    digits, so a reading with a one-digit day loses the vote, and when every reading has
    one the day is read stroke by stroke, below the review threshold."""
    from paayesh_docs.ingest.glyph_count import checked_vote, day_digits

    reading, line = _read_printed(tmp_path, "تاریخ: ۱۱ آبان ۱۴۰۵")
    words = reading.lines[0]
    label = next(w for w in words if w.text.startswith("تاریخ"))
    value = [w for w in words if w is not label]
    day = day_digits(line, label, value)
    assert day is not None and day.day_count("۱۴۰۵") == 2
    ocr = engine(("fas", "eng"))
    box = (min(w.box[0] for w in value), min(w.box[1] for w in value),
           max(w.box[2] for w in value), max(w.box[3] for w in value))
    readings = [("۱ آبان ۱۴۰۵", 92.0), ("۱۱ آبان ۱۴۰۵", 25.0), ("۱ آبان ۱۴۰۵", 27.0)]
    assert checked_vote(ocr, line, box, readings, True, day) == ("۱۱ آبان ۱۴۰۵", 25.0)
    text, confidence = checked_vote(ocr, line, box, [("۱ آبان ۱۴۰۵", 92.0)] * 3, True, day)
    assert text == "۱۱ آبان ۱۴۰۵" and confidence < 70
    # one digit on the page: the one-digit day stands
    reading, line = _read_printed(tmp_path, "تاریخ: ۳ آذر ۱۴۰۵")
    words = reading.lines[0]
    label = next(w for w in words if w.text.startswith("تاریخ"))
    one = day_digits(line, label, [w for w in words if w is not label])
    assert one is not None and one.day_count("۱۴۰۵") == 1


def test_a_long_dates_readings_in_dispute_are_settled_glyph_by_glyph(tmp_path: Path) -> None:
    """«۳۰ شهریور ۱۴۰۵» read with its day «۰» every time (no valid reading) and its year
    «۱۳۰۵» three times of four: the day and the year read glyph by glyph give the date,
    below the review threshold; a fax's «۲۰» against the glyphs' «۳۰» is settled by
    them. Readings that all agree are left as read."""
    from paayesh_docs.ingest.glyph_count import checked_vote, day_digits

    reading, line = _read_printed(tmp_path, "تاریخ: ۳۰ شهریور ۱۴۰۵")
    words = reading.lines[0]
    label = next(w for w in words if w.text.startswith("تاریخ"))
    value = [w for w in words if w is not label]
    day = day_digits(line, label, value)
    assert day is not None and day.day_count("۱۴۰۵") == 2
    ocr = engine(("fas", "eng"))
    box = (min(w.box[0] for w in value), min(w.box[1] for w in value),
           max(w.box[2] for w in value), max(w.box[3] for w in value))
    lost = [("۰ شهریور ۱۴۰۵", 88.0), *[("۰ شهریور ۱۳۰۵", 90.0)] * 3]
    text, confidence = checked_vote(ocr, line, box, lost, True, day)  # type: ignore[misc]
    assert text == "۳۰ شهریور ۱۴۰۵" and confidence < 70
    faxed = [("۲۰ شهریور ۱۴۰۵", 30.0), ("۰ شهریور ۱۴۰۵", 88.0), ("۰ شهریور ۱۴۰۵", 89.0)]
    text, confidence = checked_vote(ocr, line, box, faxed, True, day)  # type: ignore[misc]
    assert text == "۳۰ شهریور ۱۴۰۵" and confidence < 70
    agreed = [("۲۰ شهریور ۱۴۰۵", 90.0)] * 3
    assert checked_vote(ocr, line, box, agreed, True, day) == ("۲۰ شهریور ۱۴۰۵", 90.0)


def test_a_lone_five_where_the_ink_is_open_and_low_is_the_numbers_dal(
        tmp_path: Path) -> None:
    """«۱۳۰/د» read «۵/۱۳۰» (beside its slash the model takes «د» for «۵»; a fax joins the
    two into one open piece): the glyph read «۵» has no counter and stands lower than
    the digits (or, joined, is wider), so it is «د», and the number in writing order,
    below the review threshold. A «۵» printed keeps its counter and its height, and its
    reading stands; so does one in a run of digits («۵۵۱»)."""
    from paayesh_docs.ingest.glyph_count import value_glyphs, with_dal_for_five

    dal = value_glyphs(_printed_line(tmp_path, "۱۳۰/د"))
    assert dal is not None
    readings = [("۵/۱۳۰", 93.0), ("۵/۱۳۰", 88.0), ("۷۳۰", 50.0)]
    mended = with_dal_for_five(readings, dal, False)
    assert [t for t, _ in mended] == ["۱۳۰/د", "۱۳۰/د", "۷۳۰"]
    assert all(c < 70 for t, c in mended if t == "۱۳۰/د")
    assert with_dal_for_five(readings, dal, True) == readings  # no «د» in a date
    five = value_glyphs(_printed_line(tmp_path, "۵/۱۳۰"))
    assert five is not None
    assert with_dal_for_five(readings, five, False) == readings


def test_a_readings_two_or_three_is_settled_by_the_glyphs_teeth(tmp_path: Path) -> None:
    """«۸۰۲/ت» read «۸۰۳/ت» by three lines of a fax and «۸۰۲/ت» by one: the last digit's
    top crosses two strokes, so it is «۲», below the review threshold; readings that all
    agree, or one that cannot be matched glyph for glyph, are left as read."""
    from paayesh_docs.ingest.glyph_count import value_glyphs, with_teeth_counted

    two = value_glyphs(_printed_line(tmp_path, "۸۰۲/ت"))
    assert two is not None
    (text, confidence), other = with_teeth_counted([("۸۰۳/ت", 91.0), ("۸۰۲/ت", 76.0)], two)
    assert text == "۸۰۲/ت" and confidence < 70 and other == ("۸۰۲/ت", 76.0)
    # every reading «۳»: they stand (a number may be printed in Latin digits, and a Latin
    # «3»'s teeth are not a Persian digit's)
    assert with_teeth_counted([("۸۰۳/ت", 91.0)], two) == [("۸۰۳/ت", 91.0)]
    assert with_teeth_counted([("۸۳/ت", 91.0)], two) == [("۸۳/ت", 91.0)]  # a glyph short
    three = value_glyphs(_printed_line(tmp_path, "۸۰۳/ت"))
    assert three is not None
    assert with_teeth_counted([("۸۰۳/ت", 91.0)], three) == [("۸۰۳/ت", 91.0)]


def test_a_glyph_read_alone_is_settled_by_its_counter_and_dots(tmp_path: Path) -> None:
    """Read glyph by glyph, the model takes «۹» for «۵», «د» for «۵», «ج» for «۹»: «۹»
    closes a small counter at its top and «۵» a large one down to its foot, «د» and the
    letters of «ح»'s shape none, and those three differ by their dots."""
    from paayesh_docs.ingest.glyph_count import (
        counters,
        hah_by_dots,
        read_by_glyph,
        value_glyphs,
    )

    ocr = engine(("fas", "eng"))
    digits = value_glyphs(_printed_line(tmp_path, "۵۹"))
    assert digits is not None
    five, nine = (counters(g) for g in digits)  # left to right as printed: «۵», «۹»
    assert max(b for _, b in five) > 0.5 > max(b for _, b in nine)
    for text in ("۹۵/د", "۴۴۱/ج", "۴۴۱/خ", "۴۹۱/ص"):
        line = _printed_line(tmp_path, text)
        glyphs = value_glyphs(line)
        assert glyphs is not None
        assert read_by_glyph(ocr, line, glyphs)[0] == text  # type: ignore[index]
    for letter in ("ح", "ج", "خ"):
        line = _printed_line(tmp_path, f"۱۲/{letter}")
        glyphs = value_glyphs(line)
        assert glyphs is not None
        widest = max(glyphs, key=lambda g: g.right - g.left)
        assert hah_by_dots(widest) == letter
    assert valid_value("۳۷۱۴/ح/۸۲", False) and valid_value("۱۲/خ", False)


def test_a_lone_letter_the_model_reads_as_nothing_is_read_as_one_character(
        tmp_path: Path) -> None:
    """«۳۷۱۴/ح/۸۲» read glyph by glyph: the model reads «ح» alone as a word as nothing,
    and a 200-dpi «۴» alone as one character as nothing; each is read the other way. A
    letter read as one character is kept only if the ink's pieces fit it: a «د» is not
    the «ت» the model reads a fax's «د» as (one piece, and «ت» has dots)."""
    from paayesh_docs.ingest.glyph_count import (
        letter_alone,
        pieces_fit,
        read_by_glyph,
        value_glyphs,
    )

    ocr = engine(("fas", "eng"))
    for dpi in (300, 200):
        line = _printed_line(tmp_path, "۳۷۱۴/ح/۸۲", dpi)
        glyphs = value_glyphs(line)
        assert glyphs is not None
        assert read_by_glyph(ocr, line, glyphs)[0] == "۳۷۱۴/ح/۸۲"  # type: ignore[index]
    hah = _printed_line(tmp_path, "ح")
    assert letter_alone(ocr, hah)[0] == "ح"
    dal, teh = _printed_line(tmp_path, "د"), _printed_line(tmp_path, "ت")
    assert pieces_fit("د", dal) and not pieces_fit("ت", dal)
    assert pieces_fit("ت", teh) and not pieces_fit("د", teh)


def test_a_glyph_below_the_line_is_the_letter_a_reading_took_for_a_digit(
        tmp_path: Path) -> None:
    """«۳۶۲۸/ر/۵۲» read «۵۲/۱/۳۶۲۸» (the «ر» taken for «۱», the whole then read left to
    right) by the lines: the glyphs read one by one find «ر» below the digits' line,
    where no Persian digit falls, and it stands, below the review threshold."""
    from paayesh_docs.ingest.glyph_count import _letter_for_digit, value_glyphs

    glyphs = value_glyphs(_printed_line(tmp_path, "۳۶۲۸/ر/۵۲", 200))
    assert glyphs is not None
    assert _letter_for_digit("۳۶۲۸/ر/۵۲", "۵۲/۱/۳۶۲۸", glyphs)
    assert _letter_for_digit("۳۶۲۸/ر/۵۲", "۳۶۲۸/۱/۵۲", glyphs)
    assert not _letter_for_digit("۳۶۲۸/ر/۵۲", "۳۶۲۸/۱/۵۳", glyphs)  # another digit too
    level = value_glyphs(_printed_line(tmp_path, "۳۶۲۸/۱/۵۲", 200))
    assert level is not None  # nothing below the line: the reading's digit stands
    assert not _letter_for_digit("۳۶۲۸/ر/۵۲", "۳۶۲۸/۱/۵۲", level)


def test_a_references_letter_below_the_line_and_its_zero_are_read_by_glyph(
        tmp_path: Path) -> None:
    """«۳۰۵/ق» in a reference: read alone, the model takes «ق» for «۳» and the dot of «۰»
    for nothing; «ق» falls below the digits' line (no digit does) and «۰» is a round
    dot at their middle, so the runs fit the reading; «لق» read for «/ق» is «/ق»."""
    from paayesh_docs.ingest.header_ocr import LAM_FOR_SLASH
    from paayesh_docs.ingest.references_ocr import _digit_of, _parts

    ink, parts, found = _parts(_printed_line(tmp_path, "۳۰۵/ق"))
    assert len(found) == 1
    tallest = max(p[3] - p[2] for p in parts)
    bottoms = sorted(p[3] for at, p in enumerate(parts) if at not in found)
    baseline = bottoms[len(bottoms) // 2]
    ocr = engine(("fas", "eng"))
    # left to right: «ق», its two dots, the slash, «۳», «۰», «۵»
    qaf, dot, zero = parts[0], parts[1], parts[5]
    assert [_digit_of(ocr, ink, part, tallest, baseline) for part in (qaf, dot, zero)] \
        == [None, None, "۰"]
    assert [LAM_FOR_SLASH.sub("/", t) for t in ("۳۰۵/لق", "۳۰۵لق", "۹۰۷لق/۱۴۰۵")] == [
        "۳۰۵/ق", "۳۰۵/ق", "۹۰۷/ق/۱۴۰۵"]
    assert LAM_FOR_SLASH.sub("/", "۳۰۵/ل") == "۳۰۵/ل"  # «ل» alone is a letter group


def test_a_values_lone_zero_is_measured_by_its_labels_height() -> None:
    """«۳۰ شهریور ۱۴۰۵» in a header table's cell, its day read «۰» (a dot 9 pixels
    high): the gap from the label is measured in the label's height, not the dot's, so
    the value is found (and re-read) rather than left as the page read it."""
    from paayesh_docs.ingest.header_ocr import _value_words

    line = [Word("تاریخ", 73.0, (2098, 734, 2184, 784)), Word("۰", 92.0, (1971, 750, 1980, 759)),
            Word("شهریور", 86.0, (1797, 739, 1920, 783)),
            Word("۱۴۰۵", 93.0, (1678, 734, 1777, 770))]
    assert [w.text for w in _value_words(line, 0)] == ["۰", "شهریور", "۱۴۰۵"]
    # a date holds no letter: the «و» after a reference's date is the sentence's
    dated = [Word("مورخ", 90.0, (1673, 1401, 1758, 1446)),
             Word("۱۴۰۵/۰۹/۲۴", 93.0, (1419, 1395, 1651, 1432)),
             Word("و", 90.0, (1381, 1416, 1397, 1444)), Word("عطف", 90.0, (1275, 1395, 1364, 1430))]
    assert [w.text for w in _value_words(dated, 0)] == ["۱۴۰۵/۰۹/۲۴"]
    # a number's slash read upright, «|»: the letter group is the number's
    numbered = [Word("شماره", 90.0, (1952, 1396, 2053, 1444)),
                Word("۸۰۱۵", 90.0, (1830, 1397, 1930, 1430)),
                Word("|ب", 90.0, (1787, 1397, 1822, 1440))]
    assert [w.text for w in _value_words(numbered, 0)] == ["۸۰۱۵", "|ب"]
    assert normalise_value("۸۰۱۵ |ب") == "۸۰۱۵/ب"


def test_a_numbers_alef_group_its_lam_slash_and_its_ink_read_as_letters() -> None:
    """«۸۱۴/الف/۱۴۰۵»: its «ا» read as part of the slash gives «/لف», no letter group
    («الف» is); a fax's whole number read «فا» (311 pixels wide for two letters) is the
    number's ink, re-read, not a word that ends the value; «۵۰۳۹لق/۱۴۰۵», the slash
    before «ق» read «ل», is «۵۰۳۹/ق/۱۴۰۵»."""
    from paayesh_docs.ingest.header_ocr import _value_text, _value_words

    assert normalise_value("۸۱۴/لف/۱۴۰۵") == "۸۱۴/الف/۱۴۰۵" and valid_value("۸۱۴/الف/۱۴۰۵", False)
    assert normalise_value("۸۱۴/الف/۱۴۰۵") == "۸۱۴/الف/۱۴۰۵"
    wide = [Word("شماره", 93.0, (2081, 706, 2187, 779)), Word("فا", 44.0, (1676, 686, 1987, 761))]
    assert [w.text for w in _value_words(wide, 0)] == ["فا"]
    narrow = [Word("شماره", 93.0, (2081, 706, 2187, 779)), Word("فا", 44.0, (1900, 686, 1987, 761))]
    assert _value_words(narrow, 0) == []  # a word as wide as its letters ends the value
    lam = [Word("۵۰۳۹لق/۱۴۰۵", 27.0, (302, 296, 565, 345))]
    assert _value_text(lam, False) == "۵۰۳۹/ق/۱۴۰۵"
    apart = [Word("۱۴۰۵", 60.0, (1989, 476, 2075, 549)),
             Word("لس/۲۰۸۹", 28.0, (1799, 476, 1978, 549))]
    assert _value_text(apart, False) == "۱۴۰۵/س/۲۰۸۹"
    assert _value_text([Word("۸۱۴/لف/۱۴۰۵", 40.0, (1721, 724, 1986, 761))], False) \
        == "۸۱۴/الف/۱۴۰۵"


def test_a_reading_agrees_with_ink_whose_letter_touches_its_slash() -> None:
    """«۵۰۳۹/ق/۱۴۰۵» at 150 dpi: the slash before «ق» is one piece with it, so the ink
    counts [4, 5] (laid out «۱۴۰۵/ق۵۰۳۹») against the reading's [4, 1, 4]; the reading
    agrees, the one without the letter («۵۰۳۹/۱۴۰۵», [4, 4]) does not, and a number of
    digits only never agrees so."""
    from paayesh_docs.ingest.glyph_count import Glyph, agrees_slash_joined

    boxes = [(12, 22), (33, 54), (67, 76), (89, 111), (116, 125), (130, 169), (173, 195),
             (205, 214), (226, 249), (256, 275)]
    glyphs = [Glyph(left, right, 14, 46, None, slash=index == 4)
              for index, (left, right) in enumerate(boxes)]
    assert agrees_slash_joined("۵۰۳۹/ق/۱۴۰۵", glyphs)
    assert not agrees_slash_joined("۵۰۳۹/۱۴۰۵", glyphs)
    assert not agrees_slash_joined("۵۰۳۹۲/۱۴۰۵", glyphs)
    even = [Glyph(left, left + 22, 14, 46, None, slash=index == 4)
            for index, (left, _) in enumerate(boxes)]  # no glyph wide enough for two
    assert not agrees_slash_joined("۵۰۳۹/ق/۱۴۰۵", even)
    # a fax's «۲۲۴۱/ف», its only slash joined to «ف» and the letter's dot a piece of its
    # own: [6] in the ink, which «۲۳۲۴۱/ف» would fit; no slash left, no agreeing so
    lone = [Glyph(left, right, 46, 80, None) for left, right in
            [(25, 67), (66, 70), (75, 95), (103, 123), (131, 151), (162, 173)]]
    assert not agrees_slash_joined("۲۳۲۴۱/ف", lone)


def test_two_overlapping_pieces_that_both_read_a_letter_are_one_word() -> None:
    """«صادر» inside the box of «رکنندگان» (the model read «صادرکنندگان» in two, its
    «ر» in each): one word, «صادرکنندگان», the plural of a word hazm knows."""
    from paayesh_docs.ingest.body_ocr import join_pieces

    line = [Word("ارزی", 26.0, (1821, 1185, 1899, 1234)),
            Word("صادر", 87.0, (1725, 1179, 1797, 1239)),
            Word("رکنندگان", 46.0, (1567, 1185, 1802, 1234)),
            Word("استان", 92.0, (1451, 1185, 1548, 1234))]
    assert join_pieces(line) == 1
    assert [w.text for w in line] == ["ارزی", "صادرکنندگان", "استان"]


def test_an_official_names_one_misread_word_is_the_names() -> None:
    """«کمیته پاس تجارت خارجی»: «پاس» is a word, but not between «کمیته» and «تجارت
    خارجی»; one word of an official name misread, the others read right, is the name's
    (an edit or two away, below the review threshold). Two words off, or a word too far
    from the name's, and nothing changes."""
    from paayesh_docs.ingest.body_ocr import mend_official_names

    def mended(text: str) -> tuple[int, str, float]:
        line = [Word(word, 90.0, (0, 0, 10, 10)) for word in text.split()]
        count = mend_official_names(line)
        return count, " ".join(word.text for word in line), min(w.confidence for w in line)

    assert mended("رئیس محترم کمیته پاس تجارت خارجی استان")[:2] == (
        1, "رئیس محترم کمیته پایش تجارت خارجی استان")
    assert mended("رئیس محترم کمیته پاس تجارت خارجی استان")[2] < 70
    assert mended("گمرک استان سیستان و پلوچتان:")[:2] == (1, "گمرک استان سیستان و بلوچستان:")
    assert mended("کمیته پایش تجارت داخلی")[0] == 0  # «داخلی» is three edits off
    assert mended("کمیته پاس تجارت داخلی")[0] == 0  # two words off: no name
    assert mended("سیستان ۹ بلوچستان")[0] == 0  # «و» has no letters to spare
    # a copy's purpose: «جهت» misread before it is put back, never the purpose itself
    assert mended("زاهدان جت اطلاع")[:2] == (1, "زاهدان جهت اطلاع")
    assert mended("جهت اصلاح")[0] == 0


def test_a_faxs_specks_after_a_lines_last_word_are_dropped() -> None:
    """«جهت اطلاع ۰ ۹"»: specks read unsure as a digit and a quote, far after a copy's
    purpose, ended it; a flat streak read «۰» (351 pixels wide, 7 high) after a «.»;
    a header's date read unsure after its label is no speck (it has more characters)."""
    from paayesh_docs.ingest.body_ocr import drop_trailing_specks

    copy = [Word("زابل", 93.0, (1748, 1535, 1821, 1598)),
            Word("جهت", 29.0, (1637, 1546, 1739, 1599)),
            Word("اطلاع", 93.0, (1532, 1535, 1626, 1601)), Word("0", 2.0, (1134, 1563, 1168, 1603)),
            Word('۹"', 20.0, (996, 1524, 1114, 1605))]
    assert drop_trailing_specks(copy) == 2 and [w.text for w in copy] == ["زابل", "جهت", "اطلاع"]
    streak = [Word("جهت", 92.0, (1310, 1850, 1402, 1887)),
              Word("اطلاع", 93.0, (1199, 1833, 1295, 1899)),
              Word(".", 69.0, (1134, 1834, 1166, 1909)), Word("۰", 29.0, (732, 1861, 1083, 1868))]
    assert drop_trailing_specks(streak) == 1 and [w.text for w in streak] == ["جهت", "اطلاع", "."]
    dated = [Word("تاریخ", 92.0, (2000, 100, 2080, 150)),
             Word("۱۴۰۵/۰۹/۱۱", 30.0, (1500, 100, 1700, 150))]
    near = [Word("اطلاع", 93.0, (1532, 1535, 1626, 1601)),
            Word("۵", 20.0, (1480, 1535, 1510, 1601))]
    assert drop_trailing_specks(dated) == 0 and drop_trailing_specks(near) == 0
    signer = [Word("و", 93.0, (1648, 1458, 1664, 1489)),
              Word("بلوچستان", 20.0, (1463, 1440, 1632, 1490)),
              Word(".۶", 20.0, (294, 1435, 1403, 1466))]  # near, but a streak's length
    assert drop_trailing_specks(signer) == 1 and signer[-1].text == "بلوچستان"


def test_a_faxed_copy_line_its_bullet_pieces_and_commas_mended() -> None:
    """A fax's copy line «بت اتاق بازر گانی: صنایع. معادن و کشاورزی زاهدان جت اطلاع»:
    its «-» bullet read «بت» (where the line above has its «-»), «بازرگانی» in two
    pieces after its «ر», «کانی» a word but «بازر» none (the second with the comma
    read «:»), the name's commas read
    «:» and «.», «جهت» read «جت»: the copy is «اتاق بازرگانی، صنایع، معادن و کشاورزی
    زاهدان» for «جهت اطلاع»."""
    from paayesh_docs.ingest.body_ocr import mend_body_words

    def words(*spec: tuple[str, float, int, int]) -> list[Word]:
        return [Word(text, sure, (left, 1835, right, 1885)) for text, sure, left, right in spec]

    above = words(("-", 75.0, 2204, 2218), ("اداره", 75.0, 2114, 2189), ("کل", 90.0, 2043, 2098),
                  ("گمرک", 93.0, 1913, 2027), ("جهت", 93.0, 1310, 1402),
                  ("اطلاع", 91.0, 1199, 1295))
    above[0].box = (2204, 1750, 2218, 1760)  # a flat dash
    copy = words(("بت", 39.0, 2204, 2222), ("اتاق", 91.0, 2123, 2189), ("بازر", 80.0, 2052, 2107),
                 ("کانی:", 72.0, 1955, 2039), ("صنایع.", 75.0, 1820, 1941),
                 ("معادن", 92.0, 1700, 1810), ("و", 36.0, 1668, 1684),
                 ("کشاورزی", 89.0, 1491, 1652), ("زاهدان", 91.0, 1359, 1474),
                 ("جت", 23.0, 1248, 1344), ("اطلاع", 86.0, 1139, 1233))
    reading = PageReading([above, copy])
    mend_body_words(reading)
    assert " ".join(w.text for w in reading.lines[1]) \
        == "- اتاق بازرگانی، صنایع، معادن و کشاورزی زاهدان جهت اطلاع"
    # a sure first word, or one not where a bullet stands, is no bullet
    sure = words(("به", 93.0, 2188, 2220), ("اطلاع", 92.0, 2080, 2170),
                 ("می‌رساند", 87.0, 1915, 2062))
    reading = PageReading([above, sure])
    mend_body_words(reading)
    assert reading.lines[1][0].text == "به"


def test_a_numbers_letter_against_its_digits_is_parted_by_a_slash() -> None:
    """«۵۱۰ش» for «۵۱۰/ش» (the slash touching «ش», read as part of it): a letter group
    never stands against its digits."""
    from paayesh_docs.ingest.header_ocr import _value_text

    assert _value_text([Word("۵۱۰ش", 38.0, (1850, 516, 1980, 563))], False) == "۵۱۰/ش"
    assert _value_text([Word("۲۰۷۹۴ت/۳۵۰۱۴", 38.0, (1700, 516, 1980, 563))], False) \
        == "۲۰۷۹۴/ت/۳۵۰۱۴"
    assert _value_text([Word("۱۲۳", 90.0, (1900, 516, 1980, 563)),
                        Word("ب", 90.0, (1870, 516, 1890, 563))], False) == "۱۲۳ ب"


def test_connected_parts_join_at_corners_and_come_in_raster_order() -> None:
    """`glyph_parts`' labelling, run by run: a diagonal touch joins (8-neighbour), a
    column of white parts; a stroke and the foot it meets below are one part; parts
    come in the order of their first pixel, row by row."""
    import numpy as np

    from paayesh_docs.ingest.header_ocr import _connected

    ink = np.array([[0, 0, 0, 0, 1, 0, 1],
                    [1, 0, 0, 1, 0, 0, 1],
                    [0, 1, 0, 0, 0, 0, 1],
                    [0, 0, 0, 0, 1, 1, 1]], dtype=bool)
    parts = [sorted(zip(ys.tolist(), xs.tolist(), strict=True)) for ys, xs in _connected(ink)]
    assert parts == [[(0, 4), (1, 3)],
                     [(0, 6), (1, 6), (2, 6), (3, 4), (3, 5), (3, 6)],
                     [(1, 0), (2, 1)]]
    assert _connected(np.zeros((3, 3), dtype=bool)) == []


def test_an_attachments_one_read_as_alef_is_one() -> None:
    """«پیوست: ابرگ» (150 dpi): the «۱» of «۱ برگ» read «ا», joined to the word or alone;
    «اصفحه» and «ا نسخه» alike; «ابر» and «ا» before another word are left alone."""
    from paayesh_docs.ingest.body_ocr import mend_sheet_count

    def mended(*texts: str) -> list[str]:
        line = [Word(text, 80.0, (0, 0, 10, 10)) for text in texts]
        mend_sheet_count(line)
        return [word.text for word in line]

    assert mended("پیوست:", "ابرگ") == ["پیوست:", "۱ برگ"]
    assert mended("پیوست:", "ا", "برگ") == ["پیوست:", "۱", "برگ"]
    assert mended("ا", "نسخه") == ["۱", "نسخه"] and mended("اصفحه") == ["۱ صفحه"]
    assert mended("ابر", "سیاه") == ["ابر", "سیاه"] and mended("ا", "ب") == ["ا", "ب"]
    assert mended("۱", "برک") == ["۱", "برگ"] and mended("یک", "برک") == ["یک", "برک"]


def test_a_known_word_is_never_read_again(tmp_path: Path) -> None:
    reading, line = _read_printed(tmp_path, "موانع صادرات به کشور پاکستان")
    reading.lines[0][0].text = "مواد"  # wrong, but a word: nothing says it is wrong
    engine(("fas", "eng"))._reread_unknown_words(line, reading)
    assert reading.lines[0][0].text == "مواد"


def test_a_known_word_read_with_no_confidence_is_read_again(tmp_path: Path) -> None:
    """A known word the model read with ~0% confidence («پاس» where «پایش» is printed, at
    150 dpi) is a guess: it is re-read like a word that is no word."""
    from paayesh_docs.ingest.ocr import unread

    def first_two() -> list[str]:  # the model writes «ي» for «ی» here and there
        return [w.text.replace("ي", "ی") for w in reading.lines[0]][:2]

    reading, line = _read_printed(tmp_path, "کمیته پایش تجارت خارجی استان")
    assert first_two() == ["کمیته", "پایش"]
    reading.lines[0][1].text, reading.lines[0][1].confidence = "پاس", 0.0
    engine(("fas", "eng"))._reread_unknown_words(line, reading)
    assert first_two() == ["کمیته", "پایش"]
    assert not unread(Word("پاس", 40.0, (0, 0, 9, 9))) and not unread(Word("۱۲", 0.0, (0, 0, 9, 9)))


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


def test_a_mark_read_a_letter_off_or_in_two_is_mended_above_the_subject() -> None:
    """«قوری» for «فوری», «محر مانه» for «محرمانه», alone on a line above the subject: the
    mark, flagged for a clerk; «سر» is not «سری» (a short mark must be read whole), a
    label «فوریت» is no mark, and below the subject a line is the letter's own."""
    def line(*texts: str) -> list[Word]:
        return [Word(text, 80.0, (2000 - 120 * i - 100, 0, 2000 - 120 * i, 40))
                for i, text in enumerate(texts)]

    from paayesh_docs.ingest.document import Block, Document
    from paayesh_docs.ingest.fields import extract_letter_fields

    reading = PageReading([line("بسمه", "تعالی"), line("قوری"), line("محر", "مانه"),
                           line("سر"), line("فوریت"), line("شماره:", "۱۲۳/ص"),
                           line("موضوع:", "خرید", "قوری"), line("قوری")])
    flags = mend_marks(reading)
    assert [[w.text for w in words] for words in reading.lines] == [
        ["بسمه", "تعالی"], ["فوری"], ["محرمانه"], ["سر"], ["فوریت"], ["شماره:", "۱۲۳/ص"],
        ["موضوع:", "خرید", "قوری"], ["قوری"]]
    assert [(f["field"], f["read"]) for f in flags] == [
        ("priority", "قوری"), ("classification", "محر مانه")]
    assert reading.lines[1][0].confidence < 70
    fields = extract_letter_fields(Document("image", [Block("page", reading.text())], pages=1))
    assert (fields.priority, fields.classification) == ("urgent", "confidential")
    review = record_of({"engine": "tesseract", "model": "fas", "confidence": 80.0,
                        "flags": flags}, {"priority": "urgent", "classification": None})
    assert [(item["field"], item["why"]) for item in review["review"]] == [
        ("priority", "mended_mark")]


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


def test_a_date_re_read_whole_with_its_month_name_keeps_its_confidence() -> None:
    """The header's «۶ آبان ۱۴۰۵» stands as one word after its re-reading; no piece of it
    alone is a day, so without the whole kept the date had no confidence (never flagged)."""
    page = PageReading([[Word("تاریخ", 95.0, (900, 0, 1000, 40)),
                         Word("۶ آبان ۱۴۰۵", 60.0, (600, 0, 880, 40))]])
    result = OcrResult([page], "tesseract", "fas")
    words = word_confidences(result)
    assert field_confidence("date", "1405-08-06", words) == 60.0


def test_a_letter_scanned_with_no_number_or_date_found_is_for_review() -> None:
    """A letter always carries both: none found on a scan is the OCR's loss."""
    ocr = {"engine": "tesseract", "model": "fas", "confidence": 80.0, "words": {}}
    review = record_of(ocr, {"kind": "letter", "number": None, "date": None})["review"]
    assert [(i["field"], i["why"]) for i in review] == [
        ("number", "unreadable_number"), ("date", "unreadable_date")]
    assert record_of(ocr, {"kind": "minutes", "number": None, "date": None})["review"] == []


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


def _words(*specs: tuple[str, int, int], top: int = 0, height: int = 50,
           sure: float = 90.0) -> list[Word]:
    """A line of words (text, right edge, width), right to left."""
    return [Word(text, sure, (right - width, top, right, top + height))
            for text, right, width in specs]


def test_a_word_cut_in_two_is_joined_back() -> None:
    from paayesh_docs.ingest.body_ocr import join_pieces

    # «در» inside the box of «خواست»: one word; and «بازر کانی» a narrow gap, «گ» lost
    line = _words(("موضوع:", 2221, 129), ("در", 2073, 30), ("خواست", 2076, 174),
                  ("تمدید", 1886, 102), ("کارت", 1767, 91), ("بازر", 1659, 55),
                  ("کانی", 1599, 80))
    assert join_pieces(line) == 2
    assert [w.text for w in line] == ["موضوع:", "درخواست", "تمدید", "کارت", "بازرگانی"]
    apart = _words(("در", 2000, 30), ("خواست", 1950, 100), ("او", 1830, 40), ("را", 1770, 40))
    assert join_pieces(apart) == 0  # a space between two words: two words


def test_a_compound_read_as_two_words_gets_its_zwnj_back() -> None:
    from paayesh_docs.ingest.body_ocr import join_pieces

    def line(gap: int) -> list[Word]:
        return _words(("موضوع:", 2220, 128), ("ابلاغ", 2074, 73), ("خوشه‌های", 1982, 173),
                      ("صادرات", 1790, 114), ("گرا", 1676 - gap, 51))

    joined = line(13)  # the ZWNJ's margins, against spaces of 18 to 19 pixels
    assert join_pieces(joined) == 1
    assert joined[-1].text == "صادرات\u200cگرا"
    assert join_pieces(line(19)) == 0  # a space as wide as the line's: two words
    # «این نامه»: «نامه» is a word alone, so only a clearly narrower gap joins it
    assert join_pieces(_words(("در", 2000, 30), ("این", 1952, 50), ("نامه", 1885, 60),
                              ("آمده", 1807, 70), ("است", 1719, 60))) == 0


def test_a_compound_under_an_ending_is_joined_even_a_space_apart() -> None:
    """hazm writes «سرمایه‌گذار», not «سرمایه‌گذاران»; «گذاران» is no word alone, so it
    belongs to the word before it whatever the gap, short of a column (a 200-dpi scan
    widens its ZWNJ to 0.32 of the words' height, wider than the space of «صنایع دستی»).
    hazm's list lacks «زیست» alone too, but writes «محیط‌زیست» itself: that joins only
    short of a printed space's width (the scans measured a space at 0.29 to 0.56 of the
    words' height, a ZWNJ's margins up to 0.24), so printed with a space it stays two
    words."""
    from paayesh_docs.ingest.body_ocr import join_pieces

    def line(gap: int) -> list[Word]:
        return _words(("موضوع:", 2220, 128), ("همایش", 2073, 90), ("سرمایه", 1965, 110),
                      ("گذاران", 1855 - gap, 100), ("صادراتی", 1737 - gap, 120), height=70)

    for gap in (12, 18, 25):  # the line's other gaps are 18
        joined = line(gap)
        assert join_pieces(joined) == 1
        assert joined[2].text == "سرمایه\u200cگذاران"
    assert join_pieces(line(40)) == 0  # a column apart
    spaced = _words(("حفاظت", 2000, 100), ("محیط", 1882, 96), ("زیست", 1757, 88),
                    ("استان", 1640, 90), height=67)  # gaps of 22 to 29: 0.33-0.43 of 67
    assert join_pieces(spaced) == 0
    # «سرمایه گذار»: «گذار» is a word alone, so only a gap narrower than a space joins
    assert join_pieces(_words(("همایش", 2073, 90), ("سرمایه", 1965, 110), ("گذار", 1837, 80),
                              ("صادراتی", 1739, 120), ("منطقه", 1601, 80))) == 0


def test_an_official_names_lost_commas_are_put_back() -> None:
    from paayesh_docs.ingest.body_ocr import restore_name_commas

    line = _words(("ریاست", 2000, 80), ("محترم", 1900, 80), ("سازمان", 1800, 80),
                  ("صنعت", 1700, 80), ("معدن", 1600, 80), ("و", 1500, 20),
                  ("تجارت", 1460, 80), ("استان", 1360, 80))
    assert restore_name_commas(line) == 1
    assert " ".join(w.text for w in line) == "ریاست محترم سازمان صنعت، معدن و تجارت استان"
    assert restore_name_commas(line) == 0  # written as the name is: left alone
    chamber = _words(("اتاق", 2000, 80), ("بازرگانی", 1900, 80), ("صنایع", 1800, 80),
                     ("معادن", 1700, 80), ("و", 1600, 20), ("کشاورزی", 1560, 80))
    assert restore_name_commas(chamber) == 2
    assert " ".join(w.text for w in chamber) == "اتاق بازرگانی، صنایع، معادن و کشاورزی"
    labour = _words(("مدیرکل", 2000, 80), ("تعاون", 1900, 80), ("کار", 1800, 60),
                    ("و", 1720, 20), ("رفاه", 1680, 70), ("اجتماعی", 1590, 90))
    assert restore_name_commas(labour) == 1
    assert " ".join(w.text for w in labour) == "مدیرکل تعاون، کار و رفاه اجتماعی"
    other = _words(("صنعت", 2000, 80), ("و", 1900, 20), ("معدن", 1860, 80))
    assert restore_name_commas(other) == 0  # not the name's words in its order


def test_a_madda_the_model_saw_is_taken_by_the_spelling() -> None:
    from paayesh_docs.ingest.body_ocr import mend_madda

    word = Word("آمور", 83.0, (0, 0, 60, 50))
    assert mend_madda(word) and word.text == "امور"
    common = Word("آمار", 83.0, (0, 0, 60, 50))  # spelled so: kept
    assert not mend_madda(common) and common.text == "آمار"
    sure = Word("آمور", 95.0, (0, 0, 60, 50))
    assert not mend_madda(sure)


def test_a_comma_read_as_a_hamza_is_a_comma() -> None:
    from paayesh_docs.ingest.body_ocr import mend_hamza_comma

    line = _words(("صنعتء", 2000, 100), ("معدن", 1880, 80), ("شیء", 1780, 60),
                  ("دیگر", 1700, 60))
    assert mend_hamza_comma(line) == 1
    assert [w.text for w in line] == ["صنعت،", "معدن", "شیء", "دیگر"]


def test_pieces_after_a_non_joining_letter_are_one_word_when_close() -> None:
    from paayesh_docs.ingest.body_ocr import join_pieces

    def line(gap: int) -> list[Word]:
        return _words(("موضوع:", 2220, 127), ("ارسال", 2075, 98), ("فهرست", 1959, 128),
                      ("صادر", 1812, 77), ("کنندگان", 1735 - gap, 144), ("نمونه", 1558, 86),
                      ("استان", 1453, 97))

    joined = line(12)  # against spaces of 18 to 21 pixels
    assert join_pieces(joined) == 1
    assert [w.text for w in joined][3] == "صادرکنندگان"
    assert join_pieces(line(19)) == 1  # a fax widens the gap to a space: still one word
    assert join_pieces(line(25)) == 1  # a fax thins the tail of «ر»: wider, still one
    assert join_pieces(line(30)) == 0  # half a space wider than the line's: two words
    # «مهر ماه»: «ماه» is a word of its own, written apart as the writer chose
    assert join_pieces(_words(("صادرات", 2000, 100), ("مهر", 1882, 50), ("ماه", 1814, 50),
                              ("از", 1746, 30), ("مبادی", 1698, 80))) == 0
    # «و زیر»: a head of one letter is the conjunction
    assert join_pieces(_words(("گفت", 2000, 60), ("و", 1922, 20), ("زیر", 1884, 50),
                              ("نامه", 1815, 60), ("است", 1737, 60))) == 0
    # «از این»: the pair joined is no word hazm writes
    assert join_pieces(_words(("گفت", 2000, 60), ("از", 1922, 30), ("این", 1880, 50),
                              ("نامه", 1811, 60), ("است", 1733, 60))) == 0


def test_unsure_junk_apart_from_its_line_is_dropped() -> None:
    from paayesh_docs.ingest.body_ocr import drop_apart_junk

    mark = _words(("آنی", 2218, 56), ("ات", 1406, 662))
    mark[1].confidence, mark[1].box = 17.0, (744, 0, 1406, 7)  # a streak
    signer = _words(("ایران", 1439, 83), ('2"', 1035, 108), height=52)
    signer[1].confidence = 0.0
    assert drop_apart_junk(mark) == 1 and [w.text for w in mark] == ["آنی"]
    assert drop_apart_junk(signer) == 1 and [w.text for w in signer] == ["ایران"]
    copy = _words(("رونوشت:", 2221, 149), ("7", 1380, 812), height=66)
    copy[1].confidence, copy[1].box = 38.0, (568, 0, 1380, 7)  # a streak, read fairly sure
    assert drop_apart_junk(copy) == 1 and [w.text for w in copy] == ["رونوشت:"]
    number = _words(("شماره:", 2218, 100), ("۷۷۰۱/ت", 900, 80))  # a number re-read: kept
    number[1].confidence = 15.0
    word = _words(("سازمان", 2218, 100), ("تجارت", 900, 80))  # a word hazm knows: kept
    word[1].confidence = 15.0
    near = _words(("سازمان", 2218, 100), ('"۹', 2100, 30))  # beside its neighbour: kept
    near[1].confidence = 5.0
    sure = _words(("سازمان", 2218, 100), ('"۹', 900, 30))
    assert not any(drop_apart_junk(w) for w in (number, word, near, sure))


def test_a_word_whose_first_letter_was_lost_gets_it_back() -> None:
    from paayesh_docs.ingest.body_ocr import restore_lost_head

    line = _words(("ایران", 1799, 90), ("هت", 1675, 63), ("استحضار", 1595, 168), sure=67.0)
    assert restore_lost_head(line) == 1
    assert line[1].text == "جهت" and line[1].confidence < 70
    # «ور»: «شور», «صور», «نور» as common: no guess; «ها» an affix; a word alone kept
    kept = _words(("ور", 1799, 40), ("ها", 1700, 40), ("نامه", 1600, 60), ("هت", 1500, 40),
                  sure=67.0)
    assert restore_lost_head(kept) == 0


def test_a_reference_slash_read_as_alef_is_the_letter_group() -> None:
    from paayesh_docs.ingest.references_ocr import join_slash_letter

    line = _words(("شماره", 2054, 104), ("۱۸۷", 1931, 73), ("آب", 1855, 43),
                  ("مورخ", 1786, 88))
    assert join_slash_letter(line, 1) == 1
    assert [w.text for w in line] == ["شماره", "۱۸۷/ب", "مورخ"] and line[1].confidence < 70
    upright = _words(("شماره", 2054, 104), ("۸۰۱۵", 1931, 73), ("|ب", 1855, 43))
    assert join_slash_letter(upright, 1) == 1 and upright[1].text == "۸۰۱۵/ب"
    apart = _words(("شماره", 2054, 104), ("۱۸۷", 1931, 73), ("اب", 1830, 43))  # a space
    assert join_slash_letter(apart, 1) == 0


def test_a_fax_streak_read_as_teeth_and_a_flat_zero_are_no_words() -> None:
    from paayesh_docs.ingest.body_ocr import flat_zero_is_a_dash, mend_body_words

    copy = _words(("رونوشت:", 2221, 149), ("سس", 1117, 121), height=47, sure=52.0)
    long = _words(("رونوشت:", 2221, 149), ("سس", 430, 219), height=47, sure=78.0)
    signer = _words(("استان", 1938, 100), ("بلوچستان", 1630, 169), ("سس", 1017, 240),
                    height=73)
    signer[-1].confidence = 48.0
    word = _words(("سس", 2000, 40), ("خوردیم", 1950, 100), sure=52.0)  # among words: kept
    reading = PageReading([copy, long, signer, word])
    mend_body_words(reading)
    assert [[w.text for w in line] for line in reading.lines] == [
        ["رونوشت:"], ["رونوشت:"], ["استان", "بلوچستان"], ["سس", "خوردیم"]]
    dash = [Word("۰", 42.0, (2204, 1860, 2218, 1864)), *_words(("کارگروه", 2189, 132))]
    assert flat_zero_is_a_dash(dash) and dash[0].text == "-"
    zero = [Word("۰", 90.0, (2204, 1860, 2216, 1872)), *_words(("کارگروه", 2189, 132))]
    assert not flat_zero_is_a_dash(zero)


def test_an_annex_page_holds_neither_copies_nor_the_signer() -> None:
    from paayesh_docs.ingest.document import Block, Document
    from paayesh_docs.ingest.fields import extract_letter_fields

    letter = ("شماره: ۱۲/ص\nبه: دبیرخانه شورا\nموضوع: گزارش\nبا سلام\nمتن نامه ارسال می‌گردد.\n"
              "محمد احمدی\nرئیس سازمان\nرونوشت: سازمان توسعه تجارت جهت اطلاع")
    annex = "پیوست نامه\nفهرست کالاهای معطل\nخرما، زعفران و کشمش"
    document = Document("image", [Block("page", letter), Block("page", annex)], pages=2)
    fields = extract_letter_fields(document)
    assert fields.copies == [{"to": "سازمان توسعه تجارت", "purpose": "جهت اطلاع"}]
    unsigned = Document("image", [Block("page", letter.rsplit("\n", 1)[0]),
                                  Block("page", annex)], pages=2)
    assert extract_letter_fields(unsigned).sender == "رئیس سازمان"
    # a second page of the letter itself is read with it
    more = Document("image", [Block("page", letter.rsplit("\n", 1)[0]),
                              Block("page", "رونوشت: گمرک استان جهت اطلاع")], pages=2)
    assert extract_letter_fields(more).copies == [{"to": "گمرک استان", "purpose": "جهت اطلاع"}]


def test_a_references_number_is_read_again_glyph_by_glyph(tmp_path: Path) -> None:
    """«۱۲۳/ص» read «۲/ص», «۱۱۲۲/۳۳» read «۱۱۲۲/۲۳» in a reference's sentence: each digit
    is one part of ink, read alone; the runs of digits are put back in writing order, the
    letter kept as read. A reading whose slashes, or whose runs of digits and letters, do
    not match the ink's is left alone."""
    from paayesh_docs.ingest.references_ocr import read_by_glyphs, reread_references

    ocr = engine(("fas", "eng"))
    for printed, misread in (("۱۲۳/ص", "۲/ص"), ("۱۱۲۲/۳۳", "۱۱۲۲/۲۳")):
        number = _printed_line(tmp_path, printed)
        box = (0, 0, number.width, number.height)
        assert read_by_glyphs(ocr, number, box, misread) == printed
    number = _printed_line(tmp_path, "۱۲۳/ص")
    box = (0, 0, number.width, number.height)
    assert read_by_glyphs(ocr, number, box, "۱۲۳") is None  # a slash the reading lacks
    assert read_by_glyphs(ocr, number, box, "۱۲۳/۵") is None  # a letter read as a digit
    # only a number after «شماره» in a line that holds a reference is re-read
    words = [Word("پیرو", 90.0, (900, 0, 990, 10)), Word("نامه", 90.0, (800, 0, 890, 10)),
             Word("شماره", 90.0, (700, 0, 790, 10)), Word("۲/ص", 50.0, box)]
    reading = PageReading([words, [Word(w.text, w.confidence, w.box) for w in words[1:]]])
    assert reread_references(ocr, number, reading) == 1
    assert reading.lines[0][-1].text == "۱۲۳/ص" and reading.lines[0][-1].confidence < 70
    assert reading.lines[1][-1].text == "۲/ص"


def test_a_references_date_and_letter_are_mended_by_what_a_date_and_number_are() -> None:
    from paayesh_docs.ingest.header_ocr import ALEF_LOST
    from paayesh_docs.ingest.references_ocr import without_speck_zero

    # a speck read as «۰» before a year: no year starts with zero
    assert without_speck_zero("۰۱۴۰۵/۰۹/۱۰") == "۱۴۰۵/۰۹/۱۰"
    assert without_speck_zero("۰۱۴۰۵/۱۳/۱۰") == "۰۱۴۰۵/۱۳/۱۰"  # still no day: left alone
    assert without_speck_zero("۰۵/۰۹/۱۰") == "۰۵/۰۹/۱۰"
    # «الف» is a series letter of numbers, «لف» none
    assert ALEF_LOST.sub("/الف", "۵۵/لف") == "۵۵/الف"
    assert ALEF_LOST.sub("/الف", "۵۵/لف/۱۴۰۵") == "۵۵/الف/۱۴۰۵"


def test_a_marks_label_and_a_reference_are_read_through_a_scans_slips() -> None:
    from paayesh_docs.ingest.document import Block, Document
    from paayesh_docs.ingest.fields import extract_letter_fields

    text = ("طبقه‌بندی | خیلی محرمانه\nفوریت | فوری\nبا سلام\nپیرو نامه شماره ۴۵۶ مورخ "
            "۱۴۰۵/۰۸/۰۱ و باز گشت به نامه شماره ۹۸۷۶ مورخ ۱۴۰۵/۰۸/۱۰ اعلام می‌گردد.")
    fields = extract_letter_fields(Document("image", [Block("page", text)], pages=1))
    assert fields.classification == "highly_confidential" and fields.priority == "urgent"
    assert [(r["relation"], r["number"]) for r in fields.references] == [
        ("further_to", "۴۵۶"), ("reply_to", "۹۸۷۶")]


def test_a_references_date_that_is_no_day_is_read_again_with_its_label(tmp_path: Path) -> None:
    """«۱۴۰۵/۰۸/۱۰» read «۸/۲۰» after «مورخ» in a reference: read again with its label
    as one line, the readings that are a day voted on; kept below the review threshold.
    A sentence's «به» after the date is no part of it."""
    from paayesh_docs.ingest.references_ocr import _date_words, reread_reference_dates

    printed = _printed_line(tmp_path, "مورخ ۱۴۰۵/۰۸/۱۰")
    middle = printed.width // 2
    words = [Word("پیرو", 90.0, (printed.width + 100, 0, printed.width + 190, 40)),
             Word("مورخ", 90.0, (middle + 40, 0, printed.width, printed.height)),
             Word("۸/۲۰", 43.0, (0, 0, middle, printed.height))]
    reading = PageReading([words])
    assert reread_reference_dates(engine(("fas", "eng")), printed, reading) == 1
    assert reading.lines[0][-1].text == "۱۴۰۵/۰۸/۱۰" and reading.lines[0][-1].confidence < 70
    line = _words(("مورخ", 1000, 80), ("۲۱", 900, 40), ("مهر", 850, 60), ("۱۴۰۵", 780, 80),
                  ("به", 690, 30))
    assert [w.text for w in _date_words(line, 0)] == ["۲۱", "مهر", "۱۴۰۵"]


def test_a_references_year_a_century_before_its_letter_is_the_letters() -> None:
    """«۱۳۰۵/۰۸/۲۹» in a letter dated ۱۴۰۵: the model's «۳» for «۴»; a letter refers to
    letters before it, none of a century ago, so a year one digit off the letter's (or
    the year before it) is taken, kept below the review threshold by its caller. A year
    near the letter's, or far and more than a digit off, is left as read."""
    from paayesh_docs.ingest.references_ocr import _letter_year, _year_near_letter

    def line(*texts: str) -> list[Word]:
        return [Word(text, 90.0, (2000 - 120 * i - 100, 0, 2000 - 120 * i, 40))
                for i, text in enumerate(texts)]

    reading = PageReading([line("سازمان", "توسعه", "تاریخ:", "۱۴۰۵/۹/۵"),
                           line("بازگشت", "به", "نامه", "شماره", "۲۰۱/ک", "مورخ",
                                "۱۳۰۵/۰۸/۲۹")])
    assert _letter_year(reading) == 1405
    assert _year_near_letter("۱۳۰۵/۰۸/۲۹", 1405) == "۱۴۰۵/۰۸/۲۹"
    assert _year_near_letter("1305/08/29", 1405) == "1405/08/29"
    assert _year_near_letter("۱۴۱۴/۰۸/۲۹", 1405) == "۱۴۰۴/۰۸/۲۹"  # after the letter
    assert _year_near_letter("۱۴۰۳/۰۸/۲۹", 1405) is None  # two years before: can be
    assert _year_near_letter("۱۲۹۰/۰۸/۲۹", 1405) is None  # far, but no one-digit slip
    assert _year_near_letter("۱۳۰۵/۰۸/۲۹", None) is None
    assert _letter_year(PageReading([reading.lines[1]])) is None  # a reference's own


def test_a_references_misread_opening_word_is_mended_from_the_words_after_it() -> None:
    """«لاف بة نامه شماره …» is «عطف به نامه شماره …» (a JPEG's blur): the words after it
    are a reference's, and «لاف» is two letters from «عطف» and further from the others;
    flagged for a clerk. A sentence's own word («طی نامه شماره», «این نامه شماره») stays."""
    from paayesh_docs.ingest.references_ocr import mend_relations

    def line(*texts: str) -> list[Word]:
        return [Word(text, 90.0, (2000 - 120 * i - 100, 0, 2000 - 120 * i, 40))
                for i, text in enumerate(texts)]

    reading = PageReading([line("لاف", "بة", "نامه", "شماره", "۱۲۳/ت", "مورخ", "۱۴۰۵/۰۷/۲۸"),
                           line("پیرد", "نامه", "شماره", "۴۵۶", "مورخ", "۱۴۰۵/۰۸/۰۱"),
                           line("طی", "نامه", "شماره", "۷۸۹"), line("این", "نامه", "شماره")])
    flags = mend_relations(reading)
    assert [[w.text for w in words][:2] for words in reading.lines] == [
        ["عطف", "به"], ["پیرو", "نامه"], ["طی", "نامه"], ["این", "نامه"]]
    assert [f["read"] for f in flags] == ["لاف", "پیرد"]
    review = record_of({"engine": "tesseract", "model": "fas", "confidence": 80.0,
                        "flags": flags}, {"references": [{"relation": "reply_to"}]})
    assert [(item["field"], item["why"]) for item in review["review"]] == [
        ("references", "mended_relation")]


def test_a_references_lost_letter_group_is_read_again_with_its_label(tmp_path: Path) -> None:
    """«۵۵/الف» read «۵۵» in a reference's sentence: read again with «شماره» as one line,
    two readings agreeing on the same digits with a letter group more give it back; a
    reading that changes the digits, or has a letter group fewer, is never taken."""
    from paayesh_docs.ingest.references_ocr import _letters_restored

    printed = _printed_line(tmp_path, "شماره ۵۵/الف")
    middle = printed.width // 2
    label = Word("شماره", 90.0, (middle + 10, 0, printed.width, printed.height))
    ocr = engine(("fas", "eng"))
    assert _letters_restored(ocr, printed, label, Word("۵۵", 60.0, (0, 0, middle,
                                                                   printed.height))) == "۵۵/الف"
    assert _letters_restored(ocr, printed, label, Word("۵۶", 60.0, (0, 0, middle,
                                                                   printed.height))) is None
    # the lines reading fewer letter groups than the page («۳۹۱۰» for «۳۹۱۰/ص») take none
    bare = _printed_line(tmp_path, "شماره ۳۹۱۰")
    middle = bare.width // 2
    label = Word("شماره", 90.0, (middle + 10, 0, bare.width, bare.height))
    assert _letters_restored(ocr, bare, label, Word("۳۹۱۰/ص", 60.0, (0, 0, middle,
                                                                     bare.height))) is None
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
    assert reading_counts("۱۴۰۵-۳۰۲/۱") == [4, 3, 1]  # a dash parts as a slash does
    assert agrees("۳۰۲/۱-۱۴۰۵", [4, 3, 1])  # in writing order, as laid out


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


def test_a_weekday_before_a_date_is_stepped_over() -> None:
    """«تاریخ: چهارشنبه ۱۳ آبان ۱۴۰۵»: the weekday is no part of the date, nor its end;
    without the step the value was empty and the date was never read again."""
    line = [Word("تاریخ", 90.0, (2098, 629, 2184, 679)),
            Word("چهارشنبه", 90.0, (1820, 625, 2060, 680)),
            Word("۱۳", 90.0, (1773, 630, 1798, 664)), Word("آبان", 90.0, (1667, 619, 1733, 682)),
            Word("۱۴۰۵", 90.0, (1547, 629, 1645, 664))]
    assert [w.text for w in _value_words(line, 0)] == ["۱۳", "آبان", "۱۴۰۵"]
    line[1].text = "چهار"  # not a weekday: the value ends there
    assert _value_words(line, 0) == []


def test_a_day_boxed_inside_its_month_keeps_the_year_and_its_place() -> None:
    """The model gave «۲۶» a box inside «آبان»'s, so it sorted after the month and the
    year stood a day's width further from it than from the value's edge."""
    line = [Word("تاریخ:", 86.0, (2125, 703, 2219, 754)),
            Word("آبان", 92.0, (1972, 697, 2103, 752)), Word("۲۶", 93.0, (2059, 681, 2099, 758)),
            Word("۱۴۰۵", 93.0, (1852, 703, 1950, 738))]
    value = _value_words(line, 0)
    assert [w.text for w in value] == ["آبان", "۲۶", "۱۴۰۵"]
    assert _value_text(value, dated=True) == "۲۶ آبان ۱۴۰۵"


def test_a_final_mim_sinking_below_the_digits_is_no_slash() -> None:
    """«۷۴۳/م» at 200 dpi: the «م»'s tail leans like a slash and is as tall, but its top
    stands half a digit below the digits' tops; the slash's stands with them."""
    # (left, right, top, bottom, lean, fill, pixels), left to right as on the page
    mim = (12, 31, 30, 62, 0.4, 0.25, None)
    slash = (31, 41, 14, 49, 0.3, 0.25, None)
    digits = [(46, 68, 13, 47, 0.0, 0.3, None), (74, 95, 12, 47, 0.0, 0.3, None),
              (99, 123, 13, 47, 0.0, 0.3, None)]
    assert counted_slashes([mim, slash, *digits]) == [1]


def test_a_glyph_falling_below_the_digits_is_read_as_a_letter(tmp_path: Path) -> None:
    """«۳۳۰۹/ق/۱۴۰۵»: read alone as a digit the «ق» is «۳»; no Persian digit falls below
    the line, so a glyph that does is read as a letter. Where the line's readings lost
    the letter («۳۳۰۹/۱۴۰۵»), the letter is put back between their digits."""
    from paayesh_docs.ingest.glyph_count import letter_put_back, read_by_glyph

    line = _printed_line(tmp_path, "۳۳۰۹/ق/۱۴۰۵")
    read = read_by_glyph(engine(("fas", "eng")), line, value_glyphs(line))
    assert read is not None and read[0].split("/")[1] == "ق"
    lost = [("۳۳۰۹/۱۴۰۵", 30.0), ("۳۳۰۹/۱۴۰۵", 20.0), ("۳۳۰۹/۱۴۰", 20.0)]
    assert letter_put_back("۳۳۰۵/ق/۱۴۰۵", lost, False) == "۳۳۰۹/ق/۱۴۰۵"
    # runs of digits not the glyphs' own (other lengths, or two digits apart): as read
    assert letter_put_back("۳۳۰۵/ق/۱۴۰۵", [("۱۴۰۵/۳۳۰۹", 30.0)], False) == "۳۳۰۵/ق/۱۴۰۵"
    assert letter_put_back("۳۳۰۵/ق/۱۴۰۵", [("۳۳۷۷/۱۴۰۵", 30.0)], False) == "۳۳۰۵/ق/۱۴۰۵"


def test_two_and_three_are_told_by_their_teeth(tmp_path: Path) -> None:
    """The model takes «۲» and «۳» for each other (a fax's «۶۶۰۲» read «۶۶۰۳»); a «۳»'s
    top rows cross three strokes, a «۲»'s two, at 300 dpi as at 150. A value read glyph
    by glyph with its «۲»/«۳» so settled wins over line readings that differ only there."""
    from paayesh_docs.ingest.glyph_count import _two_for_three, teeth

    for dpi in (300, 200, 150):
        glyphs = value_glyphs(_printed_line(tmp_path, "۲۳۴", dpi))
        assert glyphs is not None and [teeth(g) for g in glyphs] == [2, 3, 2]
    assert _two_for_three("۱۴۰۵/۰۸/۳۰", "۱۴۰۵/۰۸/۲۰")
    assert not _two_for_three("۱۴۰۵/۰۸/۳۰", "۱۴۰۵/۰۸/۲۱")
