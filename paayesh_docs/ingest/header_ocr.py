"""A scan's numbers and dates read again for what they are, and the model's known slips mended.

Tesseract's Persian model reads the words of a letter well and its header badly: in a
number such as «۲۰۷۹۴/ت/۳۵۰۱۴» it reads the «ت» as «۵» and then, the word being all
digits, gives its pieces in the order they stand on the page (left to right) rather
than the order they are written (right to left): «۳۵۰۱۴/۵/۲۰۷۹۴». So each word that
holds a digit (the header's شماره/تاریخ/پیوست values, the عطف/پیرو numbers and dates
in the body) is cut out and read again alone as one line, with only the characters a
number or a date holds (digits of three scripts, `/ - .` and the few letters used in
letter numbers), character by character with each one's place; the characters are
then put in writing order by their places (runs of digits and separators left to
right, everything else right to left). A date that cannot be (month 13, day 32, year
105) is read once more from a sharper crop, and if it still cannot be, it is blanked
and flagged for a clerk: a wrong date is never stored.

The model's slips inside words are mended by rule, only where the context says which
character was meant: «9» standing for «و» (between Persian letters, or alone between
Persian words, where a Latin digit has no business), «،» read as «,» or «»» or «.».
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from paayesh_docs.ingest.ocr import PageReading, Word

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"
NUMBER_LETTERS = "تصودکمنقجبپسشعهرطفگلی"  # no «ا»: a slash is read as one
NUMBER_CHARACTERS = PERSIAN_DIGITS + ARABIC_DIGITS + LATIN_DIGITS + "/-." + NUMBER_LETTERS
_DIGIT = re.compile(f"[{PERSIAN_DIGITS}{ARABIC_DIGITS}{LATIN_DIGITS}]")
_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)
_DIGIT_RUN = re.compile(r"\d+(?:[/.\-]\d+)*")
_DATE = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")
_REREAD_SCALE_BELOW = 48  # pixels: a crop shorter than this is enlarged before re-reading
_SYMBOL_GAP = 0.45  # of the crop's symbol height: a wider gap between symbols is a space


def has_digit(text: str) -> bool:
    return bool(_DIGIT.search(text))


def latin_digits(text: str) -> str:
    return text.translate(_TO_LATIN)


def visual_to_logical(visual: str) -> str:
    """Characters in their order on the page (left to right) into writing order for a
    right-to-left line: runs of digits with the separators inside them stay left to
    right, everything else reads right to left."""
    latin = latin_digits(visual)
    pieces: list[tuple[int, int]] = []
    position = 0
    for run in _DIGIT_RUN.finditer(latin):
        pieces.extend((i, i + 1) for i in range(position, run.start()))
        pieces.append(run.span())
        position = run.end()
    pieces.extend((i, i + 1) for i in range(position, len(latin)))
    return "".join(visual[start:end] for start, end in reversed(pieces)).strip()


def plausible_date(text: str) -> bool | None:
    """None when `text` is not shaped like a date; else whether such a day can be."""
    match = _DATE.match(latin_digits(text))
    if not match:
        return None
    first, month, last = (int(part) for part in match.groups())
    year, day = (first, last) if len(match.group(1)) >= len(match.group(3)) else (last, first)
    if not 1 <= month <= 12:
        return False
    if len(str(year)) == 2 or 1300 <= year <= 1499:
        import jdatetime

        try:
            jdatetime.date(year if year >= 100 else 1300 + year, month, day)
        except ValueError:
            return False
        return True
    if 1900 <= year <= 2100:
        import datetime

        try:
            datetime.date(year, month, day)
        except ValueError:
            return False
        return True
    return False


def _reread(ocr: Any, image: Any, word: Word, scale: float = 1.0,
            sharp: bool = False) -> tuple[str, float]:
    """One word read again alone, with the number characters only: (text, confidence)."""
    from PIL import Image

    from paayesh_docs.ingest.scan_prep import binarised

    left, top, right, bottom = word.box
    pad = max(3, (bottom - top) // 3)
    crop = image.crop((max(0, left - pad), max(0, top - pad),
                       min(image.width, right + pad), min(image.height, bottom + pad)))
    if crop.height < _REREAD_SCALE_BELOW or scale != 1.0:
        factor = max(scale, _REREAD_SCALE_BELOW / max(crop.height, 1))
        crop = crop.resize((max(1, int(crop.width * factor)), max(1, int(crop.height * factor))),
                           Image.Resampling.LANCZOS)
    if sharp:
        crop = binarised(crop)
    ril = ocr.tesserocr.RIL
    api = ocr.numbers
    api.SetImage(crop)
    api.Recognize()
    symbols: list[tuple[int, int, str, float, int]] = []
    iterator = api.GetIterator()
    if iterator is None:
        return "", 0.0
    for symbol in ocr.tesserocr.iterate_level(iterator, ril.SYMBOL):
        try:
            text = symbol.GetUTF8Text(ril.SYMBOL) or ""
        except RuntimeError:
            continue
        box = symbol.BoundingBox(ril.SYMBOL)
        if text.strip() and box is not None:
            symbols.append((box[0], box[2], text.strip(), float(symbol.Confidence(ril.SYMBOL)),
                            box[3] - box[1]))
    if not symbols:
        return "", 0.0
    symbols.sort()
    tall = sorted(s[4] for s in symbols)[len(symbols) // 2] or 1
    visual = symbols[0][2]
    for previous, current in itertools.pairwise(symbols):
        visual += (" " if current[0] - previous[1] > _SYMBOL_GAP * tall else "") + current[2]
    confidence = min(s[3] for s in symbols)
    return visual_to_logical(visual), confidence


def reread_numbers(ocr: Any, image: Any, reading: PageReading) -> list[dict[str, str]]:
    """Mend and check every word with a digit, line by line: a slash read as «ا» or as
    «۱» (in a dated line: «تاریخ»، «مورخ»), a letter of a number lost («//»: left for a
    clerk). A date-shaped word that cannot be a day is read again alone (plain, then from
    a sharper, larger crop); one that still cannot be is blanked and flagged for a clerk.
    Returns the flags."""
    flags: list[dict[str, str]] = []
    for line in reading.lines:
        if any(_NUMBER_LABEL.match(word.text) for word in line):
            _join_split_letter(line)
        dated = any(_DATE_LABEL.match(word.text) for word in line)
        for word in line:
            if not has_digit(word.text):
                continue
            word.text = _ALEF_AS_SLASH.sub("/", word.text)
            if "//" in word.text:
                word.confidence = min(word.confidence, 30.0)
            if dated and plausible_date(word.text) is None:
                mended = _slashes_read_as_one(word.text)
                if mended:
                    word.text, word.confidence = mended, min(word.confidence, 60.0)
            if plausible_date(word.text) is not False:
                continue
            candidates = [_reread(ocr, image, word)[0],
                          _reread(ocr, image, word, scale=2.0, sharp=True)[0]]
            good = [c for c in candidates if plausible_date(c)]
            if good:
                word.text, word.confidence = good[0], min(word.confidence, 50.0)
            else:
                flags.append({"code": "impossible_date", "read": word.text})
                word.text, word.confidence = "؟", 0.0
    return flags


def _join_split_letter(line: list[Word]) -> None:
    """«۱۲۳/۴۵۶ اص» in a numbered line is «۱۲۳/۴۵۶/ص»: the slash before the number's letter
    read as «ا», and the letter taken for a word of its own."""
    index = 0
    while index + 1 < len(line):
        word, after = line[index], line[index + 1]
        if has_digit(word.text) and _SLASH_LETTER.match(after.text):
            word.text = f"{word.text}/{after.text[1:]}"
            word.confidence = min(word.confidence, after.confidence, 60.0)
            word.box = (min(word.box[0], after.box[0]), min(word.box[1], after.box[1]),
                        max(word.box[2], after.box[2]), max(word.box[3], after.box[3]))
            del line[index + 1]
        index += 1


_NUMBER_LABEL = re.compile(r"^(?:شماره|شماره‌نامه)[:：]?$")
_SLASH_LETTER = re.compile(f"^ا[{NUMBER_LETTERS}]{{1,2}}$")
_DATE_LABEL = re.compile(r"^(?:تاریخ|مورخ|تاريخ)[:：]?$")
_PD = f"[{PERSIAN_DIGITS}{ARABIC_DIGITS}{LATIN_DIGITS}]"
_ALEF_AS_SLASH = re.compile(f"(?<={_PD})ا(?=[^\\s/{PERSIAN_DIGITS}]{{1,2}}(?:/|$))"
                            f"|(?<=/[^\\s/{PERSIAN_DIGITS}])ا(?={_PD})|(?<={_PD})ا(?={_PD})")
_ONE_AS_SLASH = re.compile(r"^(1[34]\d\d|\d\d)[1/](\d{1,2})[1/](\d{1,2})$")


def _slashes_read_as_one(text: str) -> str | None:
    """«۱۴۰۵۱۰۸۱۲۱» in a dated line is «۱۴۰۵/۰۸/۲۱» with its slashes read as «۱» (they
    look alike in most faces): the one split that makes a day that can be, or None."""
    latin = latin_digits(text)
    found = set()
    for year_end in range(2, len(latin)):
        for month_end in range(year_end + 2, len(latin)):
            if latin[year_end] not in "1/" or latin[month_end] not in "1/":
                continue
            candidate = f"{latin[:year_end]}/{latin[year_end + 1:month_end]}/" \
                        f"{latin[month_end + 1:]}"
            if _ONE_AS_SLASH.match(candidate) and plausible_date(candidate) \
                    and len(latin[:year_end]) == 4:
                found.add(candidate)
    if len(found) != 1:
        return None
    return found.pop().translate(str.maketrans(LATIN_DIGITS, PERSIAN_DIGITS))


# -- the model's slips inside words ----------------------------------------------------

_PERSIAN_LETTER = "\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u200c"
_NINE_IN_WORD = re.compile(f"(?<=[{_PERSIAN_LETTER}])[9۹](?=[{_PERSIAN_LETTER}])|"
                           f"(?<=[{_PERSIAN_LETTER}])9\\b|\\b9(?=[{_PERSIAN_LETTER}])")
_NINE_ALONE = re.compile(f"(?<=[{_PERSIAN_LETTER}] )9(?= [{_PERSIAN_LETTER}])")
_COMMA_SLIP = re.compile(f"(?<=[{_PERSIAN_LETTER}])[,»](?= +[{_PERSIAN_LETTER}])")
_STOP_SLIP = re.compile(f"(?<=[{_PERSIAN_LETTER}])\\.(?= +[{_PERSIAN_LETTER}])")
# a full stop in the middle of a line ends a sentence after a verb; elsewhere it is «،»
_VERB_END = re.compile(r"(?:د|ند|ست|یم|ید|ام|ای)$")


def repaired_text(text: str) -> str:
    """«9» for «و» and «.» / «,» / «»» for «،» mended where the context says so."""
    text = _NINE_IN_WORD.sub("و", text)
    text = _NINE_ALONE.sub("و", text)
    lines = []
    for line in text.split("\n"):
        if "«" not in line:
            line = _COMMA_SLIP.sub("،", line)
        else:
            line = re.sub(f"(?<=[{_PERSIAN_LETTER}]),(?= +[{_PERSIAN_LETTER}])", "،", line)
        lines.append(_STOP_SLIP.sub(lambda m, whole=line: _stop_or_comma(whole, m.start()),
                                    line))
    return "\n".join(lines)


def _stop_or_comma(line: str, at: int) -> str:
    before = line[:at].split()
    return "." if before and _VERB_END.search(before[-1]) else "،"


# Letters the Persian model takes for one another (one dot more or less, a tooth): a
# word it was unsure of that is no word, with exactly one such letter changed making a
# known word, is that word.
_LOOKALIKES = {"ت": "ئنبث", "ئ": "ت", "ب": "یپن", "ی": "ب", "پ": "ب", "ن": "تب", "م": "ع",
               "ع": "م", "ر": "ز", "ز": "ر", "د": "ذ", "ذ": "د", "ح": "جخ", "ج": "حخ",
               "خ": "حج", "ف": "ق", "ق": "ف", "ک": "گ", "گ": "ک", "س": "ش", "ش": "س"}
_UNSURE_WORD = 85.0
_PERSIAN_WORD = re.compile(f"^[{_PERSIAN_LETTER}]{{3,}}$")


def mend_words(reading: PageReading) -> int:
    """Unsure words that are no word mended by one look-alike letter (see `_LOOKALIKES`),
    when exactly one known word comes of it; returns how many."""
    from paayesh_docs.persian import lexicon

    mended = 0
    for word in reading.words():
        core = word.text.rstrip(":،.؛")
        if word.confidence >= _UNSURE_WORD or not _PERSIAN_WORD.match(core) \
                or lexicon.frequency(lexicon.fold(core)):
            continue
        found = {}
        for at, letter in enumerate(core):
            for other in _LOOKALIKES.get(letter, ""):
                candidate = core[:at] + other + core[at + 1:]
                count = lexicon.frequency(lexicon.fold(candidate))
                if count:
                    found[candidate] = count
        if len(found) == 1:
            word.text = next(iter(found)) + word.text[len(core):]
            mended += 1
    return mended
