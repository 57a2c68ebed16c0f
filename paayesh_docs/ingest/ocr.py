"""Reading scans: images and image-only PDF pages, through Tesseract's Persian model.

Letters between agencies still travel on paper and reach the secretariat as scans,
faxes and photos. Here they become documents like any other: each page is decoded
within limits (a file declaring 100,000 × 100,000 pixels, a TIFF of endless pages,
a truncated or corrupt image is refused with the reason before any pixel is
decoded), cleaned (`scan_prep`), read by Tesseract, and its numbers and dates read
again for what they are (`header_ocr`). The document keeps what the engine was, which
model, and how sure it was of each word, so a field read with little confidence is
marked for a clerk's review instead of being silently trusted.

Engine: tesserocr (Tesseract's C++ API, the model loaded once per process), chosen
over pytesseract (one `tesseract` process per page) by `bench/ocr.py`: the same model
reads a 300-dpi letter page several times faster when it is not loaded for each page.
The main pass reads with the first language only (`fas`): measured, `fas+eng` reads
«به» as "ay" and «است» as "Cul"; the other languages (`eng`) re-read only the words
the Persian model was unsure of, and win only when they are clearly surer.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paayesh_docs.ingest.document import Block, Document
from paayesh_docs.ingest.errors import Rejected
from paayesh_docs.ingest.limits import DEFAULT_LIMITS, Limits

RTL_LETTER = re.compile(r"[\u0600-\u06ff]")
# what the Latin model may replace: an e-mail address, a web address, a code with digits
LATIN_WORD = re.compile(r"^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)\S+"
                        r"|(?=[A-Za-z0-9-]*\d)(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9-]{4,})$",
                        re.ASCII)
_LATIN_RETRY_BELOW = 55  # a Persian word read with less confidence is tried in eng too
_LATIN_WINS_BY = 20
_SURE_WORD = 60.0  # a word read at least this surely counts as text
_TAB_GAP_HEIGHTS = 2.5  # a gap wider than this many line heights splits a line into cells
# Tesseract's rule that rejects "noise rows" drops whole lines of clean text: a
# letterhead's «بسمه تعالی», a red «خیلی فوری» printed grey, even a clean 1,080-pixel crop
# of one line read alone (SINGLE_LINE gave nothing at all). Off, measured on the scan
# corpus: 300 dpi 29 → 31 of 36 fields, 200 dpi 29 → 32, 150 dpi 26 → 29, fax 19 → 20;
# specks are `scan_prep`'s work (a median filter) before Tesseract sees the page.
_VARIABLES = {"textord_noise_rejrows": "0"}
TIFF_MAGIC = (b"II*\x00", b"MM\x00*")


@dataclass
class Word:
    """One word as Tesseract read it, where it stands and how sure it was (0–100)."""

    text: str
    confidence: float
    box: tuple[int, int, int, int]  # left, top, right, bottom

    @property
    def height(self) -> int:
        return self.box[3] - self.box[1]


@dataclass
class PageReading:
    """One page's lines of words."""

    lines: list[list[Word]] = field(default_factory=list)

    def text(self) -> str:
        out = []
        for line in self.lines:
            parts: list[str] = []
            for previous, word in zip([None, *line[:-1]], line, strict=True):
                if previous is not None:
                    gap = max(previous.box[0] - word.box[2], word.box[0] - previous.box[2])
                    tall = max(previous.height, word.height, 1)
                    parts.append("\t" if gap > _TAB_GAP_HEIGHTS * tall else " ")
                parts.append(word.text)
            out.append("".join(parts).strip())
        return "\n".join(line for line in out if line)

    def words(self) -> Iterator[Word]:
        for line in self.lines:
            yield from line


def tessdata() -> str:
    """Where the system's Tesseract models are (Debian: /usr/share/tesseract-ocr/5/tessdata)."""
    explicit = os.environ.get("TESSDATA_PREFIX")
    if explicit:
        return explicit.rstrip("/") + "/"
    found = sorted(glob.glob("/usr/share/tesseract-ocr/*/tessdata")) + sorted(
        glob.glob("/usr/share/tessdata"))
    return (found[-1] if found else "/usr/share/tesseract-ocr/5/tessdata") + "/"


def needs_ocr(kind: str) -> Rejected:
    """The watcher's answer for a scan: read it in the OCR pool, not in line."""
    return Rejected("needs_ocr", f"فایل ({kind}) اسکن است و با OCR خوانده می‌شود.",
                    f"The file ({kind}) is a scan, to be read by OCR.")


def no_engine(detail: str) -> Rejected:
    return Rejected(
        "no_ocr",
        "خواندن تصویر (OCR) روی این رایانه ممکن نیست: Tesseract یا مدل فارسی آن نصب نیست "
        "(apt-get install tesseract-ocr tesseract-ocr-fas).",
        f"OCR is not available on this machine: Tesseract or its Persian model is missing "
        f"(apt-get install tesseract-ocr tesseract-ocr-fas): {detail}")


class Engine:
    """Tesseract loaded once for this process: the main model, the number re-reader and
    the Latin re-reader (each a `PyTessBaseAPI`, kept for every page after)."""

    def __init__(self, languages: tuple[str, ...] = ("fas", "eng")) -> None:
        # one thread a worker: the pool has a worker per core already
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        try:
            import tesserocr
        except ImportError as error:
            raise no_engine(str(error)) from None
        self.tesserocr = tesserocr
        self.languages = languages
        path = tessdata()
        missing = [lang for lang in languages
                   if not Path(path, f"{lang}.traineddata").is_file()]
        if missing:
            raise no_engine(f"no {', '.join(missing)} model in {path}")
        psm = tesserocr.PSM
        self.main = tesserocr.PyTessBaseAPI(path=path, lang=languages[0], psm=psm.SINGLE_BLOCK)
        self.numbers = tesserocr.PyTessBaseAPI(path=path, lang=languages[0],
                                               psm=psm.SINGLE_LINE)
        self.line = tesserocr.PyTessBaseAPI(path=path, lang=languages[0], psm=psm.SINGLE_LINE)
        from paayesh_docs.ingest.header_ocr import (
            ARABIC_DIGITS,
            NUMBER_CHARACTERS,
            NUMBER_LETTERS,
            PERSIAN_DIGITS,
        )

        self.numbers.SetVariable("tessedit_char_whitelist", NUMBER_CHARACTERS)
        # a number's letter, and the same glyphs as a digit, read alone (`restore_letter`)
        self.letter = tesserocr.PyTessBaseAPI(path=path, lang=languages[0], psm=psm.SINGLE_WORD)
        self.letter.SetVariable("tessedit_char_whitelist", NUMBER_LETTERS)
        self.digit = tesserocr.PyTessBaseAPI(path=path, lang=languages[0], psm=psm.SINGLE_WORD)
        self.digit.SetVariable("tessedit_char_whitelist", PERSIAN_DIGITS + ARABIC_DIGITS)
        for api in (self.main, self.numbers, self.line, self.letter, self.digit):
            for name, value in _VARIABLES.items():
                api.SetVariable(name, value)
        self.latin = (tesserocr.PyTessBaseAPI(path=path, lang="+".join(languages[1:]),
                                              psm=psm.SINGLE_WORD)
                      if len(languages) > 1 else None)
        self.version = tesserocr.tesseract_version().split()[1]
        self.name = f"tesseract {self.version} (tesserocr)"
        self.model = "+".join(languages)

    def recognised(self, api: Any) -> Iterator[tuple[Word, bool]]:
        """What `api` (`main` or `line`, after `Recognize`) read, word by word: each word
        in logical order with its confidence and its box in the image it was given, and
        whether it starts a line. Empty words are left out."""
        ril = self.tesserocr.RIL
        iterator = api.GetIterator()
        if iterator is None:  # nothing in the image Tesseract takes for text
            return
        doubled: list[tuple[int, int, int, int]] | None = None
        for word in self.tesserocr.iterate_level(iterator, ril.WORD):
            try:
                text = (word.GetUTF8Text(ril.WORD) or "").strip()
            except RuntimeError:  # tesserocr's "No text returned": an empty word
                continue
            box = word.BoundingBox(ril.WORD)
            if not text or box is None:
                continue
            if _BOTH_SCRIPTS.search(text):
                from paayesh_docs.ingest.header_ocr import one_glyph_read_twice

                if doubled is None:
                    doubled = self._doubled_digits(api)
                if any(_within(glyph, box) for glyph in doubled):
                    text = one_glyph_read_twice(text)
            if RTL_LETTER.search(text):
                from paayesh_docs.ingest.header_ocr import visual_to_logical

                text = visual_to_logical(text)  # the iterator gives a word as it stands
            yield (Word(text, float(word.Confidence(ril.WORD)), box),
                   word.IsAtBeginningOf(ril.TEXTLINE))

    def _doubled_digits(self, api: Any) -> list[tuple[int, int, int, int]]:
        """Where the model decoded one glyph as two digits of one value in two scripts
        («٩۹» for a fax's «۹»): two symbols whose boxes overlap, the narrower one's
        columns within the other's. Two real digits («٩٩» of an Arabic-Indic letter read «٩۹»)
        stand one beside the other, their boxes apart."""
        ril = self.tesserocr.RIL
        symbols = []
        for symbol in self.tesserocr.iterate_level(api.GetIterator(), ril.SYMBOL):
            try:
                text = symbol.GetUTF8Text(ril.SYMBOL) or ""
            except RuntimeError:
                continue
            box = symbol.BoundingBox(ril.SYMBOL)
            if box is not None:
                symbols.append((text, box))
        digits = [(text.translate(_SAME_DIGIT), text, box) for text, box in symbols
                  if _EASTERN_DIGIT.fullmatch(text)]
        found = []
        for at, (value, text, a) in enumerate(digits):
            for other_value, other, b in digits[at + 1:]:
                if other_value != value or other == text:
                    continue
                narrower = min(a[2] - a[0], b[2] - b[0])
                if _shared(a, b) >= 0.8 * max(narrower, 1) and a[1] < b[3] and b[1] < a[3]:
                    found.append((min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]),
                                  max(a[3], b[3])))
        return found

    def read(self, image: Any) -> PageReading:
        """The page's lines of words, in reading order."""
        api = self.main
        api.SetImage(image)
        api.Recognize()
        reading = PageReading()
        for found, starts_line in self.recognised(api):
            if starts_line or not reading.lines:
                reading.lines.append([])
            reading.lines[-1].append(found)
        drop_specks(reading)
        self._recover_lines(image, reading)
        self._reread_unknown_words(image, reading)
        if self.latin is not None:
            for found in reading.words():
                if found.confidence < _LATIN_RETRY_BELOW:
                    self._latin(image, found)
        return reading

    def _recover_lines(self, image: Any, reading: PageReading) -> None:
        """Lines of ink no word covers, read again one by one: Tesseract's page layout
        drops a line now and then (two lines of different pitch taken for one, a short
        line at the top), and a dropped line is a lost copy or a lost date."""
        from paayesh_docs.ingest.scan_prep import ink_segments

        boxes = [word.box for word in reading.words()]
        found = []
        for left, top, right, bottom in ink_segments(image):
            covered = sum(max(0, min(right, b[2]) - max(left, b[0])) for b in boxes
                          if b[1] < bottom and b[3] > top)
            if covered >= 0.4 * (right - left):
                continue
            pad = max(4, (bottom - top) // 2)
            box = (max(0, left - pad), max(0, top - pad), min(image.width, right + pad),
                   min(image.height, bottom + pad))
            self.line.SetImage(image.crop(box))
            self.line.Recognize()
            line = [Word(word.text, word.confidence,
                         (word.box[0] + box[0], word.box[1] + box[1], word.box[2] + box[0],
                          word.box[3] + box[1]))
                    for word, _ in self.recognised(self.line) if word.confidence >= _SURE_WORD]
            if line:
                found.append(line)
        if found:
            reading.lines = sorted([*reading.lines, *found],
                                   key=lambda words: (min(w.box[1] for w in words),
                                                      -max(w.box[2] for w in words)))

    def _reread_unknown_words(self, image: Any, reading: PageReading) -> None:
        """A word that is no word (the model split «جهت» into «و» and «هت», read «موانع» as
        «موانم») mended by reading it again, with a word of its line each side, at another
        scale: the words that stand where it stood in the re-reading replace it (and the
        page's words they cover) when every one of them is a known word read surely and
        none holds a digit. Measured on the tuned scans: 200 dpi 35 → 36 of 36 fields.
        A known word is never re-read for itself (unless the model had no confidence in it
        at all, `unread`); it goes only when the known word read in a no-word's place
        covers it (the «و» of «و هت»)."""
        for line in reading.lines:
            for word in [word for word in line if not known_word(word.text) or unread(word)]:
                if word not in line:  # replaced already, with its neighbour
                    continue
                at = line.index(word)
                # the word with a neighbour each side: the model reads a word better
                # with some of its line than alone, and a whole line costs more
                around = line[max(0, at - _NEIGHBOURS):at + _NEIGHBOURS + 1]
                readings = [self._line_again(image, around, scale) for scale in _LINE_SCALES]
                best: list[Word] | None = None
                for again in readings:
                    there = [w for w in again if _within(w.box, word.box)]
                    if sum(_shared(w.box, word.box) for w in there) \
                            <= 0.5 * (word.box[2] - word.box[0]):
                        continue  # the re-reading has no word where this one stood
                    if any(_DIGIT.search(w.text) or not (known_word(w.text) or (
                            unread(word) and listed(w.text)))
                           or w.confidence < (_HALF_SURE if unread(word) else _SURE_WORD)
                           for w in there):
                        continue
                    if best is None or min(w.confidence for w in there) \
                            > min(w.confidence for w in best):
                        best = there
                if best is None:
                    continue
                covered = [w for w in line
                           if w is word or any(_within(w.box, b.box) for b in best)]
                if any(_DIGIT.search(w.text) for w in covered):
                    continue
                at = line.index(covered[0])
                line[at:at] = [Word(w.text, w.confidence, w.box) for w in best]
                for old in covered:
                    line.remove(old)

    def _line_again(self, image: Any, line: list[Word], scale: float) -> list[Word]:
        """`line` read again alone (SINGLE_LINE, a white border), scaled by `scale`; its
        words in page coordinates, in reading order."""
        from PIL import Image, ImageOps

        left, top = min(w.box[0] for w in line), min(w.box[1] for w in line)
        right, bottom = max(w.box[2] for w in line), max(w.box[3] for w in line)
        pad = max(4, (bottom - top) // 4)
        box = (max(0, left - pad), max(0, top - pad), min(image.width, right + pad),
               min(image.height, bottom + pad))
        crop = image.crop(box)
        crop = crop.resize((max(1, round(crop.width * scale)), max(1, round(crop.height * scale))),
                           Image.Resampling.LANCZOS)
        border = round(12 * scale)
        self.line.SetImage(ImageOps.expand(crop, border, fill=255))
        self.line.Recognize()
        return [Word(w.text, w.confidence, tuple(  # type: ignore[arg-type]
                    round((v - border) / scale) + offset
                    for v, offset in zip(w.box, (box[0], box[1], box[0], box[1]), strict=True)))
                for w, _ in self.recognised(self.line)]

    def _latin(self, image: Any, word: Word) -> None:
        """An e-mail address, a URL or a product code the Persian model was unsure of."""
        assert self.latin is not None
        left, top, right, bottom = word.box
        pad = max(2, (bottom - top) // 4)
        crop = image.crop((max(0, left - pad), max(0, top - pad), right + pad, bottom + pad))
        self.latin.SetImage(crop)
        try:
            text = (self.latin.GetUTF8Text() or "").strip()
        except RuntimeError:  # tesserocr's "No text returned"
            return
        confidence = float(self.latin.MeanTextConf())
        if text and LATIN_WORD.match(text) and confidence >= word.confidence + _LATIN_WINS_BY:
            word.text, word.confidence = text, confidence


_DIGIT = re.compile(r"\d")
_EASTERN_DIGIT = re.compile("[۰-۹٠-٩]")
_BOTH_SCRIPTS = re.compile("(?=.*[۰-۹])(?=.*[٠-٩])")
_SAME_DIGIT = str.maketrans("٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹")
_NEIGHBOURS = 1  # words each side of a word that is no word, read again with it
# the scales a word that is no word is read again at: measured on the tuned scans, 0.75×,
# 1.25× and 1.5× (and 0.75× with 1.5×) mended the same fields; 0.75× costs least
_LINE_SCALES = (0.75,)
_WORD_CORE = re.compile(r"[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u200c]+")


_ENDINGS = ("های", "ها", "ای", "ان", "ات", "ی")  # a plural, an ezafe, an indefinite «ی»


_UNREAD = 10.0  # the model's confidence in a word it could not read, only guessed
_HALF_SURE = 50.0  # against a guess, a re-reading half sure is the better reading


def unread(word: Word) -> bool:
    """A Persian word read with less than 10% confidence is a guess, known word or not
    («پاس», 0%, where «پایش» stands at 150 dpi: the model's pick among lookalikes it could
    not tell apart); it is re-read like a word that is no word, and a re-reading read
    half surely (50%) of a word hazm lists (`listed`) is the better reading."""
    return word.confidence < _UNREAD and bool(_WORD_CORE.search(word.text)) \
        and not _DIGIT.search(word.text)


def listed(text: str) -> bool:
    """A word hazm's list holds, however rarely its corpus saw it («پایش»: listed with a
    count of 0, so no `known_word`): good enough to replace a word read as a guess."""
    from paayesh_docs.persian import lexicon

    core = "".join(_WORD_CORE.findall(text))
    return bool(core) and lexicon.frequency(lexicon.fold(core)) is not None


def known_word(text: str) -> bool:
    """A word of hazm's list, a verb form, a known word with a plural or ezafe ending,
    or known parts (or an affix: «ها», «های») joined by ZWNJ; or not a Persian word at
    all (a number, a sign)."""
    from paayesh_docs.persian import lexicon

    core = "".join(_WORD_CORE.findall(text))
    if not core or lexicon.frequency(lexicon.fold(core)):
        return True

    def known(part: str) -> bool:
        return len(part) == 1 or part in lexicon.AFFIXES or bool(lexicon.frequency(part)) \
            or lexicon.is_verb_form(part) \
            or any(part.endswith(end) and lexicon.frequency(part[:-len(end)]) for end in _ENDINGS)

    return all(known(lexicon.fold(part)) for part in core.split("\u200c") if part)


def _shared(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> int:
    """How many columns two boxes of one line share."""
    return max(0, min(a[2], b[2]) - max(a[0], b[0]))


def _within(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    """Word box `a` stands mostly where `b` does: more than half its width is b's."""
    return _shared(a, b) > 0.5 * (a[2] - a[0])


_SPECK = 0.15  # of the page's usual word height: a "word" no taller or wider is a speck


def drop_specks(reading: PageReading) -> int:
    """Words whose box is a speck beside the page's words (a fax streak's remains, a
    dot of dust: 2 × 5 pixels where words are 50 high) read as «۱» with full confidence:
    no letter, digit or sign of the page's text is that small. Returns how many."""
    heights = sorted(word.height for word in reading.words())
    if not heights:
        return 0
    usual = heights[len(heights) // 2]
    before = sum(len(line) for line in reading.lines)
    reading.lines = [kept for kept in (
        [word for word in line if max(word.height, word.box[2] - word.box[0]) > _SPECK * usual]
        for line in reading.lines) if kept]
    return before - sum(len(line) for line in reading.lines)


_ENGINES: dict[tuple[str, ...], Engine] = {}


def engine(languages: tuple[str, ...]) -> Engine:
    """This process's engine for `languages` (the models loaded once)."""
    if languages not in _ENGINES:
        _ENGINES[languages] = Engine(languages)
    return _ENGINES[languages]


# -- decoding, within limits -----------------------------------------------------------

def image_pages(path: Path, kind: str, limits: Limits) -> Iterator[tuple[Any, Any]]:
    """Each page of an image file as (Pillow image, dpi or None), refusing what would
    exhaust memory or time before decoding it."""
    from PIL import Image, ImageFile

    Image.MAX_IMAGE_PIXELS = limits.image_pixels
    ImageFile.LOAD_TRUNCATED_IMAGES = False  # a cut file is corrupt, not a shorter page
    if kind == "TIFF":
        tiff_page_count(path, limits)  # before any page: a loop or a flood of pages
    try:
        with Image.open(path) as image:
            frames = getattr(image, "n_frames", 1) if kind != "TIFF" else None
            index = 0
            while True:
                _check_size(image.size, kind, limits)
                if index >= limits.image_pages:
                    raise too_many_pages(kind, limits.image_pages)
                image.load()
                yield image.copy(), image.info.get("dpi")
                index += 1
                if frames is not None and index >= frames:
                    return
                try:
                    image.seek(index)
                except EOFError:
                    return
    except Image.DecompressionBombError as error:
        raise image_too_large(kind, str(error)) from None
    except Rejected:
        raise
    except MemoryError:
        raise image_too_large(kind, "out of memory") from None
    except (OSError, ValueError, SyntaxError, struct_error()) as error:
        raise Rejected("corrupt_image",
                       f"فایل تصویر ({kind}) خراب یا ناقص است و باز نمی‌شود.",
                       f"The image file ({kind}) is corrupt or truncated and does not open "
                       f"({type(error).__name__}: {error}).") from None


def tiff_page_count(path: Path, limits: Limits) -> int:
    """A TIFF's pages counted by walking its chain of page directories (12 bytes an entry,
    then the next one's offset), refusing a chain that loops back on itself (it would
    never end) or is longer than the page limit, before any page is decoded."""
    import struct

    with path.open("rb") as stream:
        data = stream.read(limits.file_bytes)
    order = "<" if data[:2] == b"II" else ">"
    try:
        offset = struct.unpack(order + "I", data[4:8])[0]
        seen: set[int] = set()
        while offset:
            if offset in seen:
                raise Rejected("corrupt_image",
                               "فایل TIFF خراب است: زنجیره صفحات آن به خودش برمی‌گردد "
                               "و پایان ندارد.",
                               "The TIFF is corrupt: its chain of pages loops back on itself and "
                               "never ends (an endless TIFF).")
            seen.add(offset)
            if len(seen) > limits.image_pages:
                raise too_many_pages("TIFF", limits.image_pages)
            entries = struct.unpack(order + "H", data[offset:offset + 2])[0]
            end = offset + 2 + 12 * entries
            offset = struct.unpack(order + "I", data[end:end + 4])[0]
    except struct.error:
        raise Rejected("corrupt_image", "فایل تصویر (TIFF) خراب یا ناقص است و باز نمی‌شود.",
                       "The image file (TIFF) is corrupt or truncated: a page directory "
                       "lies outside the file.") from None
    return len(seen)


def struct_error() -> type[Exception]:
    import struct

    return struct.error


def _check_size(size: tuple[int, int], kind: str, limits: Limits) -> None:
    width, height = size
    if width <= 0 or height <= 0:
        raise image_too_large(kind, f"{width} × {height} pixels")
    if width * height > limits.image_pixels:
        raise image_too_large(kind, f"{width:,} × {height:,} pixels, more than "
                                    f"{limits.image_pixels:,}")


def image_too_large(kind: str, detail: str) -> Rejected:
    return Rejected("too_large",
                    f"تصویر ({kind}) بیش از حد مجاز بزرگ است (بمب فشرده‌سازی یا صفحه غیرعادی).",
                    f"The image ({kind}) exceeds the limit of pixels a page may have "
                    f"(a decompression bomb or a pathological page): {detail}.")


def too_many_pages(kind: str, pages: int) -> Rejected:
    return Rejected("too_large", f"تعداد صفحات تصویر ({kind}) بیش از حد مجاز ({pages}) است.",
                    f"The image ({kind}) has more pages than the limit ({pages}).")


def pdf_pages(path: Path, pages: list[int], dpi: int, limits: Limits) -> Iterator[Any]:
    """The given pages of a PDF rendered in grey at `dpi` with PDFium."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        for index in pages:
            page = document[index]
            width, height = page.get_size()
            pixels = (width * dpi / 72) * (height * dpi / 72)
            if pixels > limits.image_pixels:
                raise image_too_large("PDF", f"page {index + 1}: {int(pixels):,} pixels")
            with contextlib.closing(page):
                yield page.render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        document.close()


# -- the pipeline ----------------------------------------------------------------------

@dataclass
class OcrResult:
    """What OCR made of the pages: a reading per page and what it took."""

    pages: list[PageReading]
    engine: str
    model: str
    notes: list[str] = field(default_factory=list)
    flags: list[dict[str, str]] = field(default_factory=list)  # impossible dates, ...

    def confidence(self) -> float | None:
        words = [w.confidence for page in self.pages for w in page.words()]
        return round(sum(words) / len(words), 1) if words else None


def read_images(images: Iterator[tuple[Any, Any]], limits: Limits) -> OcrResult:
    """OCR each page: prepare, read, re-read its numbers and dates."""
    from paayesh_docs.ingest.body_ocr import mend_body_words
    from paayesh_docs.ingest.header_ocr import (
        join_split_words,
        mend_labels,
        mend_marks,
        mend_words,
        reread_header_values,
        reread_numbers,
        split_glued_labels,
    )
    from paayesh_docs.ingest.references_ocr import (
        mend_relations,
        reread_reference_dates,
        reread_references,
    )
    from paayesh_docs.ingest.scan_prep import prepare

    ocr = engine(tuple(limits.ocr_languages.split("+")))
    result = OcrResult([], ocr.name, ocr.model)
    for image, dpi in images:
        prepared = prepare(image, dpi, limits.ocr_dpi)
        if prepared.angle:
            result.notes.append(f"rotated {prepared.angle:+.2f}°")
        if prepared.stamp_removed:
            result.notes.append("blue ink removed")
        if prepared.denoised:
            result.notes.append("specks removed")
        if prepared.ruled:
            result.notes.append("table rules removed")
        reading = ocr.read(prepared.image)
        split_glued_labels(reading)
        mend_labels(reading)
        result.flags.extend(mend_marks(reading))
        result.flags.extend(reread_header_values(ocr, prepared.image, reading,
                                                 prepared.streak_height, prepared.sharp))
        result.flags.extend(reread_numbers(ocr, prepared.image, reading))
        result.flags.extend(mend_relations(reading))
        reread_references(ocr, prepared.image, reading, prepared.sharp)
        reread_reference_dates(ocr, prepared.image, reading)
        join_split_words(reading)
        mend_words(reading)
        mend_body_words(reading)
        result.pages.append(reading)
    return result


def ocr_document(result: OcrResult, format_: str, text_pages: dict[int, str] | None = None,
                 total_pages: int | None = None) -> Document:
    """The OCR pages as a document (with a mixed PDF's text pages in their places)."""
    from paayesh_docs.ingest.header_ocr import repaired_text

    document = Document(format=format_, pages=total_pages or len(result.pages))
    ocr_pages = iter(result.pages)
    for index in range(document.pages or 0):
        if text_pages and index in text_pages:
            document.blocks.append(Block("page", text_pages[index]))
        else:
            page = next(ocr_pages, None)
            if page is not None:
                document.blocks.append(Block("page", repaired_text(page.text())))
    document.ocr = {"engine": result.engine, "model": result.model,
                    "confidence": result.confidence(), "pages": len(result.pages),
                    "notes": sorted(set(result.notes)), "flags": result.flags,
                    "words": word_confidences(result)}
    return document


def word_confidences(result: OcrResult) -> dict[str, float]:
    """Each word's lowest confidence, by its text as it will stand in the fields."""
    from paayesh_docs.ingest.header_ocr import has_digit, repaired_text
    from paayesh_docs.persian.text import normalize

    lowest: dict[str, float] = {}
    for page in result.pages:
        for word in page.words():
            pieces = normalize(repaired_text(word.text)).split()
            for piece in pieces:
                lowest[piece] = min(lowest.get(piece, 100.0), word.confidence)
            if len(pieces) > 1 and any(has_digit(piece) for piece in pieces):
                # a header date re-read whole («۶ آبان ۱۴۰۵»): no piece of it alone is a
                # day, so the whole is kept too, or the date would have no confidence
                whole = " ".join(pieces)
                lowest[whole] = min(lowest.get(whole, 100.0), word.confidence)
    return lowest


def read_image(path: Path, kind: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """An image file (PNG, JPEG, TIFF, BMP, WebP; a GIF too) read by OCR."""
    if not limits.ocr_languages:
        raise Rejected(
            "image", f"فایل تصویر ({kind}) است و خواندن تصویر (OCR) خاموش است.",
            f"The file is an image ({kind}) with no text layer, and OCR is turned off.")
    if limits.ocr_defer:
        raise needs_ocr(kind)
    result = read_images(image_pages(path, kind, limits), limits)
    document = ocr_document(result, "image")
    if not _has_text(result):
        raise Rejected(
            "image", f"در تصویر ({kind}) متنی خوانده نشد (OCR متنی پیدا نکرد).",
            f"No text was found in the image ({kind}): OCR read nothing on it.")
    return document


def read_scanned_pdf(path: Path, pages: list[int], text_pages: dict[int, str],
                     total: int, limits: Limits = DEFAULT_LIMITS) -> tuple[Document, bool]:
    """A PDF's image-only pages read by OCR, its text pages as they are; and whether OCR
    found text on them."""
    images = ((image, (limits.ocr_dpi, limits.ocr_dpi))
              for image in pdf_pages(path, pages, limits.ocr_dpi, limits))
    result = read_images(images, limits)
    return ocr_document(result, "pdf", text_pages, total), _has_text(result)


def _has_text(result: OcrResult) -> bool:
    """Text, not stripes or specks Tesseract made words of: 20 letters or more in words
    it was fairly sure of."""
    sure = " ".join(word.text for page in result.pages for word in page.words()
                    if word.confidence >= _SURE_WORD)
    return len(re.findall(r"[^\W\d_]", sure)) >= 20


# -- what the record keeps -------------------------------------------------------------

_ISO_DAY = re.compile(r"^[\d۰-۹]{4}-[\d۰-۹]{2}-[\d۰-۹]{2}$")
REVIEW_BELOW = 70.0  # a field with a word read less surely than this is for a clerk to check
REVIEWED_FIELDS = ("number", "date", "subject", "sender", "recipients", "copies",
                   "references", "attachments", "priority", "classification")


def record_of(ocr: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """The record's `ocr`: engine, model, mean confidence, and the fields a clerk should
    check (`review`: each field with the confidence of its least sure word, or why)."""
    words: dict[str, float] = ocr.get("words", {})
    review: list[dict[str, Any]] = []
    for name in REVIEWED_FIELDS:
        value = fields.get(name)
        if not value:
            continue
        confidence = field_confidence(name, value, words)
        if confidence is not None and confidence < REVIEW_BELOW:
            review.append({"field": name, "confidence": round(confidence, 1),
                           "why": "low_confidence"})

    def wait(name: str, why: str, read: str | None) -> None:
        """A field for review, for a reason, unless it waits already."""
        if not any(item["field"] == name for item in review):
            review.append({"field": name, "confidence": 0.0, "why": why, "read": read})

    for flag in ocr.get("flags", []):
        code = flag.get("code")
        if code in ("unreadable_date", "unreadable_number"):
            wait(code.removeprefix("unreadable_"), code, flag.get("read"))
        elif code == "impossible_date":  # a reference's, or the letter's own
            wait(flag.get("field", "date"), code, flag.get("read"))
        elif code in ("mended_mark", "mended_relation") and fields.get(flag["field"]):
            wait(flag["field"], code, flag.get("read"))
    if fields.get("kind") in ("letter", "other"):
        # every letter carries a number and a date in its header: a scan's fields with
        # none found lost them to the OCR (a label misread, its value unread), never to
        # the letter, so a clerk reads them off the page rather than trust the blank
        for name, code in (("number", "unreadable_number"), ("date", "unreadable_date")):
            if not fields.get(name):
                wait(name, code, None)
    return {"engine": ocr["engine"], "model": ocr["model"], "confidence": ocr["confidence"],
            "pages": ocr.get("pages"), "notes": ocr.get("notes", []), "review": review}


def field_confidence(name: str, value: Any, words: dict[str, float]) -> float | None:
    """The confidence of the least sure word a field's value was made of."""
    from paayesh_docs.ingest.header_ocr import has_digit, latin_digits
    from paayesh_docs.persian.text import normalize

    if name == "date":
        return _date_confidence(str(value), words)
    texts: list[str] = []
    if isinstance(value, list):
        for item in value:
            texts.extend(str(v) for v in (item.values() if isinstance(item, dict) else [item])
                         if v)
    else:
        texts.append(str(value))
    found = []
    for piece in (piece for text in texts for piece in normalize(text).split()):
        if piece in words:
            found.append(words[piece])
        elif _ISO_DAY.match(piece):  # a reference's day: the surest word read as that day
            day = _date_confidence(latin_digits(piece), words)
            found.append(0.0 if day is None else day)
        elif has_digit(piece):  # a number cut out of a longer reading («۲۱۸۷۶» of «۲۱۸۷۶//۱»)
            holding = [confidence for word, confidence in words.items()
                       if piece in word or (has_digit(word) and word in piece)]
            # a number no word read holds is no reading to trust
            found.append(min(holding) if holding else 0.0)
    return min(found) if found else None


def _date_confidence(iso: str, words: dict[str, float]) -> float | None:
    from paayesh_docs.persian.dates import find_dates, format_iso

    found = []
    for text, confidence in words.items():
        from paayesh_docs.ingest.header_ocr import has_digit

        if has_digit(text) and any(format_iso(day) == iso for day, *_ in find_dates(text)):
            found.append(confidence)
    return max(found) if found else None
