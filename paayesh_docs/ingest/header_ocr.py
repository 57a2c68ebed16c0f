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

from paayesh_docs.ingest import number_order
from paayesh_docs.ingest.ocr import PageReading, Word

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"
# no «ا»: a slash is read as one; «ك» (Arabic kaf): a letter typed on an Arabic keyboard
# has it, and its shape (a final kaf with a stroke inside) is none of the Persian letters';
# «ح», «خ», «ز» stand in numbers too («۳۷۱۴/ح/۸۲»: a legal or security office's series)
NUMBER_LETTERS = "تصودکمنقجحخبپسشعهرزطفگلیك"
# the words that open a reference: «عطف به», «بازگشت به», «در پاسخ به», «پیرو»
REFERENCE_WORDS = frozenset({"عطف", "بازگشت", "پاسخ", "پیرو"})
NUMBER_CHARACTERS = PERSIAN_DIGITS + ARABIC_DIGITS + LATIN_DIGITS + "/-." + NUMBER_LETTERS
_DIGIT = re.compile(f"[{PERSIAN_DIGITS}{ARABIC_DIGITS}{LATIN_DIGITS}]")
_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)
_DIGIT_RUN = re.compile(r"\d+(?:[/.\-]\d+)*")
_DATE = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")
_REREAD_SCALE_BELOW = 48  # pixels: a crop shorter than this is enlarged before re-reading
_SYMBOL_GAP = 0.45  # of the crop's symbol height: a wider gap between symbols is a space


def is_reference_line(line: list[Word]) -> bool:
    """Whether a line holds a reference's opening word («بازگشت» perhaps read in two)."""
    texts = [word.text for word in line]
    return any(text in REFERENCE_WORDS for text in texts) or any(
        pair == ("باز", "گشت") for pair in itertools.pairwise(texts))


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
        for at, word in enumerate(line):
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
            if number_order.after_number_label(line, at, _NUMBER_LABEL):
                continue  # a letter number: «۳۰۲/۱-۱۴۰۵» is shaped like a date, and no day
            candidates = [_reread(ocr, image, word)[0],
                          _reread(ocr, image, word, scale=2.0, sharp=True)[0]]
            good = [c for c in candidates if plausible_date(c)]
            if good:
                word.text, word.confidence = good[0], min(word.confidence, 50.0)
            else:
                # a reference's date blanked is the reference's to check, not the letter's
                field = "references" if is_reference_line(line) else "date"
                flags.append({"code": "impossible_date", "read": word.text, "field": field})
                word.text, word.confidence = "؟", 0.0
    return flags


def _join_split_letter(line: list[Word], always: bool = False) -> None:
    """«۱۲۳/۴۵۶ اص» in a numbered line is «۱۲۳/۴۵۶/ص»: the slash before the number's letter
    read as «ا», and the letter taken for a word of its own."""
    index = 0
    while index + 1 < len(line):
        word, after = line[index], line[index + 1]
        if has_digit(word.text) and _SLASH_LETTER.match(after.text):
            word.text = f"{word.text}/{after.text[1:]}"
            if not always:
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
_LOOKALIKES = {"آ": "ا", "ت": "ئنبث", "ئ": "ت", "ب": "یپن", "ی": "بپ", "پ": "بی", "ن": "تب",
               "م": "ع", "ع": "م", "ر": "ز", "ز": "ر", "د": "ذ", "ذ": "د", "ح": "جخ", "ج": "حخچ",
               "چ": "جح", "خ": "حج", "ف": "ق", "ق": "ف", "ک": "گ", "گ": "ک", "س": "ش", "ش": "س"}
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
        if not found and "آ" in core:
            # the model sees a madda over an alef that has none: the word without it, if
            # hazm's list has it at all (ارزیابی is there with no count)
            plain = core.replace("آ", "ا")
            if lexicon.frequency(lexicon.fold(plain)) is not None:
                found[plain] = 0
        if len(found) == 1:
            word.text = next(iter(found)) + word.text[len(core):]
            mended += 1
    return mended


# -- the header's number and date lines, read again whole and voted on ------------------

_HEADER_LABEL = re.compile(r"^(?:شماره|تاریخ|تاريخ|مورخ|مورخه)[:：]?$")
_VALUE_GAP_HEIGHTS = 3.0  # a wider gap after the label's value is the next column
_CELL_GAP_HEIGHTS = 8.0  # between a label and its value: a table's cells stand further apart
# the line read again as it is, enlarged 1.5× and 2× (Lanczos): a third re-reading breaks
# the ties of two readings that disagree («۹۰۱/ص/۱۴۰۵» against «۹۹۰۱/ص/۱۴۰۵»)
_REREAD_SCALES = (1.0, 1.5, 2.0)
# a hyphen parts two runs of digits as a slash does («۳۰۲/۱-۱۴۰۵»), never a letter
_LETTER_NUMBER = re.compile(
    rf"^{_PD}+(?:-{_PD}+)?(?:/(?:{_PD}+(?:-{_PD}+)?|الف|[{NUMBER_LETTERS}]{{1,2}}))*"
    rf"(?: [{NUMBER_LETTERS}])?$")
_DISPUTED = 60.0
_UNREADABLE = 40.0  # a value the readings disagreed on is a clerk's to check (< REVIEW_BELOW)
_MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر",
           "دی", "بهمن", "اسفند")


_WEEKDAY = re.compile("^(?:(?:یک|دو|سه|چهار|پنج)[\u200c ]?)?شنبه$|^جمعه$")


# a number's letter group read as a word of its own: «ب», «اب» or «|ب» (its slash read
# as «ا» or «|»), «/ص» (a reference's «۷۱۹۰/ص», its digits and letter two words)
_LETTER_GROUP_WORD = re.compile(f"[ا|/]?[{NUMBER_LETTERS}]{{1,2}}")
_LETTER_WIDTH = 1.5  # of a line's height: the widest a letter stands («س» with its tail)


def wider_than_letters(word: Word, tall: int | None = None) -> bool:
    """A word wider than its letters could be, `tall` (its own height when not given) a
    letter's height: a number's ink the model read as a letter or two («فا», 311 pixels
    wide and 75 high, for a fax's «۸۱۴/الف/۱۴۰۵»), a fax's streak read as a word."""
    height = word.height if tall is None else tall
    return word.box[2] - word.box[0] > _LETTER_WIDTH * max(height, 1) * len(word.text)


def _value_words(line: list[Word], at: int) -> list[Word]:
    """The words of the value after the label at `at` (to its left on the page), up to a
    wide gap (the other column of a letterhead) or a word no number or date holds (but
    the first word after a number's label, wider than its letters, is its ink misread)."""
    label = line[at]
    numbered = label.text.startswith("شماره")  # a date holds no letter: «و» after it is text
    value: list[Word] = []
    previous = label
    edge = label.box[0]  # the value's left edge so far
    for word in line[at + 1:]:
        # the value of a header table stands in the next cell, further off than a word
        widest = _CELL_GAP_HEIGHTS if previous is label else _VALUE_GAP_HEIGHTS
        # the gap from the value's left edge, not from the word before: the model gives a
        # day's digits a box inside its month's («آبان» 1972–2103, «۲۶» 2059–2099), and
        # the year then stood a day's width further off than it is
        # measured in the word's height, or the label's when the word is a «۰» alone
        # (a dot, a fifth of a word's height: «۳۰» read «۰» stood a cell too far)
        tall = max(word.height, label.height if previous is label else label.height // 2, 1)
        if edge - word.box[2] > widest * tall:
            break
        core = word.text.strip(":،.")
        if previous is label and not value and _WEEKDAY.match(core):
            previous, edge = word, min(edge, word.box[0])
            continue  # «تاریخ: چهارشنبه ۱۳ آبان ۱۴۰۵»: the weekday stands before the date
        if not (has_digit(core) or core in _MONTHS or core == "ماه"
                or (numbered and _LETTER_GROUP_WORD.fullmatch(core))
                or (numbered and previous is label and wider_than_letters(word))):
            break
        value.append(word)
        previous = word
        edge = min(edge, word.box[0])
    return value


def _value_text(words: list[Word], dated: bool) -> str:
    """The value's words as one text, the model's known slips in numbers mended."""
    line = [Word(w.text, w.confidence, w.box) for w in words]
    _join_split_letter(line, always=True)
    if not dated:
        _join_split_digits(line)
    texts = []
    for word in line:
        text = _ALEF_AS_SLASH.sub("/", word.text) if has_digit(word.text) else word.text
        if dated and has_digit(text) and plausible_date(text) is None:
            text = _slashes_read_as_one(text) or text
        texts.append(text)
    if dated:  # «۳آذر»: the day read joined to its month's name
        texts = [re.sub(f"^({_PD}+)(?=[{_PERSIAN_LETTER}])", r"\1 ", text) for text in texts]
        texts = _day_before_month(texts)
    if dated:  # a speck or a rule's remains read as «۰» beside a whole date is no part of it
        whole = [text for text in texts if plausible_date(normalise_value(text))]
        if len(whole) == 1:
            return normalise_value(whole[0])
        return normalise_value(" ".join(texts))
    return GLUED_LETTER.sub("/", LAM_FOR_SLASH.sub("/", normalise_value(" ".join(texts))))


def _day_before_month(texts: list[str]) -> list[str]:
    """«آبان ۲۶ ۱۴۰۵» is «۲۶ آبان ۱۴۰۵»: a Persian date with its month's name is written
    day, month, year; the day's digits come after the month only when the model gave
    them a box inside the month's, which sorted them after it."""
    for at in range(len(texts) - 2):
        if texts[at] in _MONTHS and re.fullmatch(f"{_PD}{{1,2}}", texts[at + 1]) \
                and re.fullmatch(f"{_PD}{{4}}", texts[at + 2]):
            texts = [*texts[:at], texts[at + 1], texts[at], *texts[at + 2:]]
            break
    return texts


_SPLIT_DIGITS_GAP = 0.5  # of the digits' height: a narrower gap is inside one run of digits
_TRAILING_DIGITS = re.compile(f"^(.*?)({_PD}+)$")
_ONLY_DIGITS = re.compile(f"^{_PD}+$")


def _join_split_digits(line: list[Word]) -> None:
    """A letter number's last run of digits the model cut in two («۲۱۸۷۶/ت/۱» and «۴۵۰۲»
    for «۲۱۸۷۶/ت/۴۵۰۲۱»): digits stand left to right inside a right-to-left line, so the
    piece read second (to the left) is the run's beginning. Joined when the two stand
    closer than a space (a letter number holds no space between its digits), and the
    first holds its letter or the gap where it was lost (so it is in writing order)."""
    index = 0
    while index + 1 < len(line):
        word, after = line[index], line[index + 1]
        run = _TRAILING_DIGITS.match(word.text)
        gap = word.box[0] - after.box[2]
        # a word of digits and slashes only was read as one run, left to right: which end
        # of it a neighbour continues is not known
        logical = "//" in word.text or re.search(f"[{NUMBER_LETTERS}]", word.text)
        if run and logical and _ONLY_DIGITS.match(after.text) \
                and 0 <= gap < _SPLIT_DIGITS_GAP * max(word.height, after.height, 1):
            word.text = run.group(1) + after.text + run.group(2)
            word.confidence = min(word.confidence, after.confidence)
            word.box = (after.box[0], min(word.box[1], after.box[1]), word.box[2],
                        max(word.box[3], after.box[3]))
            del line[index + 1]
            continue
        index += 1


def one_glyph_read_twice(text: str) -> str:
    """A digit the model gave twice, in two scripts side by side («٩۹۰۱» for «۹۰۱», a
    fax's «۹» decoded as an Arabic-Indic and a Persian nine), given once. Only for a word
    whose two symbols share one glyph's place (`Engine._doubled_digits`): the model also
    reads two real nines «٩٩» as «٩۹»."""
    kept: list[str] = []
    for character in text:
        if kept and character != kept[-1] and character in _EASTERN_DIGITS \
                and kept[-1] in _EASTERN_DIGITS \
                and character.translate(_TO_LATIN) == kept[-1].translate(_TO_LATIN):
            continue
        kept.append(character)
    return "".join(kept)


_EASTERN_DIGITS = frozenset(PERSIAN_DIGITS + ARABIC_DIGITS)


# «۵۵/لف» is «۵۵/الف»: «الف», the first letter's name, is a series letter of numbers;
# «لف» is none, the model took the «ا» beside the slash for part of it
ALEF_LOST = re.compile("/لف(?=/|$| )")


# «۳۰۵/لق», «۳۰۵لق» for «۳۰۵/ق»: the model reads a slash (or the stroke of «ق» beside it)
# as «ل» (no number's letter group is «ل» and another letter; «/لف» is «/الف», mended
# before: `ALEF_LOST`), and may take it for a word's start («۱۴۰۵ لس/۲۰۸۹»)
LAM_FOR_SLASH = re.compile(f"(?<=[{_PD[1:-1]}]) ?/?ل(?=[{NUMBER_LETTERS}](?:/|$| ))")

# «۵۱۰ش» for «۵۱۰/ش»: a slash touching its letter read as part of it; a number's letter
# group never stands against its digits
GLUED_LETTER = re.compile(f"(?<={_PD})(?=[{NUMBER_LETTERS}]{{1,2}}(?:/|$))")


def normalise_value(text: str) -> str:
    """Persian digits, no spaces around slashes (a «|» is a slash the model read
    upright: no number holds one), «/لف» as «/الف» (`ALEF_LOST`): the form readings are
    compared in."""
    text = latin_digits(text).translate(str.maketrans(LATIN_DIGITS + "ك|", PERSIAN_DIGITS + "ک/"))
    return ALEF_LOST.sub("/الف", re.sub(r"\s*/\s*", "/", " ".join(text.split())))


def valid_value(text: str, dated: bool) -> bool:
    """A reading that can be what the label holds: a day that can be after a date label
    (numeric, or day, month name, year); a letter number's shape after a number label
    (digits and slashes, a letter or two between slashes, no «//»)."""
    if dated:
        parts = text.split()
        if len(parts) == 1:
            return bool(plausible_date(parts[0]))
        if len(parts) >= 3 and parts[1] in _MONTHS:
            day, year = latin_digits(parts[0]), latin_digits(parts[-1])
            return day.isdigit() and 1 <= int(day) <= 31 and year.isdigit() \
                and 1300 <= int(year) <= 1499
        return False
    return bool(_LETTER_NUMBER.match(text))


def _read_line(ocr: Any, image: Any, box: tuple[int, int, int, int],
               scale: float) -> list[Word]:
    """One line read alone (SINGLE_LINE), with a white border, enlarged by `scale`; its
    words in page coordinates, in reading order (right to left)."""
    from PIL import Image, ImageOps

    left, top = box[0], box[1]
    crop = image.crop(box)
    if scale != 1.0:
        crop = crop.resize((max(1, round(crop.width * scale)), max(1, round(crop.height * scale))),
                           Image.Resampling.LANCZOS)
    border = round(12 * scale)
    crop = ImageOps.expand(crop, border, fill=255)
    ocr.line.SetImage(crop)
    ocr.line.Recognize()
    words = [Word(word.text, word.confidence, tuple(  # type: ignore[arg-type]
                 round((v - border) / scale) + offset
                 for v, offset in zip(word.box, (left, top, left, top), strict=True)))
             for word, _ in ocr.recognised(ocr.line)]
    return sorted(words, key=lambda w: -w.box[2])


def _next_label(line: list[Word], seen: set[int]) -> int | None:
    """Where the line's first label not yet re-read stands (its word marked as read)."""
    for at, word in enumerate(line):
        if id(word) not in seen and _HEADER_LABEL.match(word.text):
            seen.add(id(word))
            return at
    return None


def reread_header_values(ocr: Any, image: Any, reading: PageReading,
                         streak_height: int = 0, sharp: Any = None) -> list[dict[str, str]]:
    """Each number and date after a شماره/تاریخ/مورخ label, read again with its label as
    one line (the model reads a number better with the line's context than alone), as it
    is and enlarged 2×, and the readings voted on: among those of a valid shape (a day
    that can be, a letter number's form), the one most readings agree on wins, ties to
    the surest. A value the readings disagreed on keeps a confidence below the review
    threshold, so a clerk checks it; none valid: the page's reading stays as it was (and
    its words' confidence lowered so the field is a clerk's to check, and a letter's own
    date (after «تاریخ») flagged, since the fields would otherwise take a date from the
    body in its place. On a fax (`streak_height`: how tall its line noise stands) a value
    with no valid reading is read again with the streaks taken out of its line: a streak
    through a date's digits and slashes makes every reading of it a run of digits; what
    is read then is a guess, and stays below the review threshold. `sharp`: a 1-bit page
    unsmoothed, where a number's slashes are looked for when the smoothed page joins
    them to its letter (`restore_letter`). Every label of a line is re-read: a
    reference's date after its «مورخ» as much as its number («۰۳» read «۰۲» by the page
    was stored unflagged when only the line's first label was). Returns the flags."""
    from paayesh_docs.ingest.glyph_count import checked_vote, day_digits

    flags: list[dict[str, str]] = []
    for line in reading.lines:
        seen: set[int] = set()  # every label of a line: a reference's
        # «شماره» and its «مورخ» both
        while (at := _next_label(line, seen)) is not None:
            label = line[at]
            value = _value_words(line, at)
            if not value:
                continue
            dated = not label.text.startswith("شماره")
            words = [label, *value]
            left, right = min(w.box[0] for w in words), max(w.box[2] for w in words)
            top, bottom = min(w.box[1] for w in words), max(w.box[3] for w in words)
            pad = max(4, (bottom - top) // 3)
            if not dated:  # the number's ink the page's words left out, up to a column gap
                value, left = number_order.widened(
                    image, line, at, value, round(_VALUE_GAP_HEIGHTS * label.height),
                    lambda w: has_digit(w.text) or bool(
                        _LETTER_GROUP_WORD.fullmatch(w.text.strip(":،."))))
            box = (max(0, left - pad), max(0, top - pad), min(image.width, right + pad),
                   min(image.height, bottom + pad))
            readings = [(_value_text(value, dated), min(w.confidence for w in value))]
            ink_box = (left, top, max(w.box[2] for w in value), bottom)  # the label's not
            if not dated and number_order.leaves_out(image, value, ink_box, label.height):
                readings = [("", 0.0)]  # the page's words left out some of the number
            in_order: dict[str, str] = {}  # a reading as the words gave it: in writing order
            for scale in _REREAD_SCALES:
                again = _read_line(ocr, image, box, scale)
                labels = [i for i, w in enumerate(again) if _HEADER_LABEL.match(w.text)]
                words_after = _value_words(again, labels[0]) if labels else [
                    w for w in again if has_digit(w.text)]
                if words_after and not dated \
                        and number_order.leaves_out(image, words_after, ink_box,
                                                    label.height):
                    words_after = []
                if words_after:
                    text = _value_text(words_after, dated)
                    # a reading of a number's shape put in order (one not of that shape
                    # lost glyphs, and its order is not what it lacks)
                    if not dated and valid_value(text, False):
                        ordered = number_order.line_in_order(
                            ocr, box, scale, words_after, text,
                            number_order.same_paragraph(label, value[0]), normalise_value)
                        if ordered and ordered != text:
                            in_order[text] = ordered
                            text = ordered
                    readings.append((text, min(w.confidence for w in words_after)))
            # the page's reading of the same glyphs in the same order: the same slip
            readings[0] = (in_order.get(readings[0][0], readings[0][0]), readings[0][1])
            if not dated:
                value_box = (max(0, min(w.box[0] for w in value) - 2), top,
                             min(image.width, max(w.box[2] for w in value) + 2), bottom)
                readings = [_with_letter(ocr, image, value_box, reading, sharp)
                            for reading in readings]
            # a number's own ink reaches as far as `widened` found it («۸۰۱۵» read
            # with a box round «۱۵» only: counted on that, «۱۵» won the vote)
            own = (min(left, *(w.box[0] for w in value)), min(w.box[1] for w in value),
                   max(w.box[2] for w in value), max(w.box[3] for w in value))
            day = day_digits(image, label, value) if dated else None
            chosen = checked_vote(ocr, image, own, readings, dated, day)
            if chosen is None and streak_height:
                chosen = _vote_without_streaks(ocr, image, box, dated, streak_height)
                if chosen is not None:
                    chosen = (chosen[0], min(chosen[1], _DISPUTED))
            if chosen is None:  # no reading of a valid shape: a clerk's to read
                for word in value:
                    word.confidence = min(word.confidence, _UNREADABLE)
                heading = at == 0 or line[at - 1].box[0] - label.box[2] \
                    > _VALUE_GAP_HEIGHTS * label.height
                if label.text.startswith(("تاریخ", "تاريخ")):
                    flags.append({"code": "unreadable_date", "read": _value_text(value, True)})
                elif heading and label.text.startswith("شماره"):
                    flags.append({"code": "unreadable_number",
                                  "read": _value_text(value, False)})
                continue
            text, confidence = chosen
            first = value[0]
            # the word as the page read it, not its mended text: «۸۱۴الف/۱۴۰۵» mends to
            # the vote's «۸۱۴/الف/۱۴۰۵» and was left as read
            if text != first.text or len(value) > 1:
                first.text = text
                first.box = (min(w.box[0] for w in value), min(w.box[1] for w in value),
                             max(w.box[2] for w in value), max(w.box[3] for w in value))
                for word in value[1:]:
                    line.remove(word)
            first.confidence = confidence
            # the line's words changed: the next label is looked for again
    return flags


def _vote_without_streaks(ocr: Any, image: Any, box: tuple[int, int, int, int], dated: bool,
                          streak_height: int) -> tuple[str, float] | None:
    """The label's line read again at each scale with a fax's streaks taken out of it."""
    from paayesh_docs.ingest.scan_prep import without_streaks

    crop = image.crop(box)
    cleaned = without_streaks(crop, streak_height)
    if cleaned is crop:
        return None
    page = image.copy()
    page.paste(cleaned, box[:2])
    readings = []
    for scale in _REREAD_SCALES:
        again = _read_line(ocr, page, box, scale)
        labels = [i for i, w in enumerate(again) if _HEADER_LABEL.match(w.text)]
        value = _value_words(again, labels[0]) if labels else []
        if value:
            readings.append((_value_text(value, dated), min(w.confidence for w in value)))
    return _vote(readings, dated) if readings else None


_GLUED_LABEL = re.compile(f"^((?:شماره|تاریخ|تاريخ|مورخ)[:：]?)({_PD}.*)$")


def split_glued_labels(reading: PageReading) -> int:
    """A header label read as one word with its value («تاریخ:۱۴۰۵۳۳۸۳۳», a fax's streak
    running through the colon into the digits) cut in two, so the value is re-read like
    any other (`reread_header_values`). The label stands right of its value; the box is
    shared out by characters. Returns how many were cut."""
    cut = 0
    for line in reading.lines:
        for word in list(line):
            match = _GLUED_LABEL.match(word.text)
            if not match:
                continue
            label, value = match.groups()
            left, top, right, bottom = word.box
            middle = right - round((right - left) * len(label) / len(word.text))
            index = line.index(word)
            line[index:index + 1] = [Word(label, word.confidence, (middle, top, right, bottom)),
                                     Word(value, word.confidence, (left, top, middle, bottom))]
            cut += 1
    return cut


def _with_letter(ocr: Any, image: Any, box: tuple[int, int, int, int],
                 reading: tuple[str, float], sharp: Any = None) -> tuple[str, float]:
    restored = restore_letter(ocr, image, box, reading[0], sharp) \
        or number_order.restore_end_letter(ocr, image, box, reading[0], sharp)
    # a letter put back is a guess of ours: never surer than a clerk's review threshold
    return (restored, min(reading[1], _DISPUTED)) if restored else reading


def _vote(readings: list[tuple[str, float]], dated: bool) -> tuple[str, float] | None:
    valid = [(text, confidence) for text, confidence in readings if valid_value(text, dated)]
    if not valid:
        return None
    tally: dict[str, list[float]] = {}
    for text, confidence in valid:
        tally.setdefault(text, []).append(confidence)
    best = max(tally, key=lambda t: (len(tally[t]), max(tally[t])))
    confidence = max(tally[best])
    if len(tally[best]) < len(readings):  # a reading disagreed, or was not valid
        confidence = min(confidence, _DISPUTED)
    return best, confidence


# -- the letter between a number's slashes ----------------------------------------------

_SLASH_LEAN = 0.1  # a slash's top stands right of its foot: x falls as y grows, by this much
_SLASH_FILL = 0.27  # of its box: a slash is a thin stroke; a digit «۱» is a fuller one
_SLASH_TALL = 0.6  # of the tallest glyph: a dot or «۰» is no slash


def glyph_parts(crop: Any, threshold: int | None = None,
                ) -> tuple[Any, list[tuple[int, int, int, int, float, float, Any]]]:
    """The crop's ink (a boolean array) and its connected parts (8-neighbour), left to
    right: (left, right, top, bottom, lean, fill, pixels) each, lean being how far the
    ink moves left per pixel down, fill its share of the part's box. A slash and the
    letter beside it may share columns (a scan enlarged), never ink. `threshold`: the
    grey below which a pixel is ink (Otsu's, at most 160, when not given)."""
    import numpy as np

    from paayesh_docs.ingest.scan_prep import otsu_threshold

    grey = np.asarray(crop.convert("L"))
    ink = grey < (min(otsu_threshold(grey), 160) if threshold is None else threshold)
    parts = []
    for ys, xs in _connected(ink):
        top, bottom, left, right = int(ys.min()), int(ys.max()) + 1, int(xs.min()), \
            int(xs.max()) + 1
        lean = float(-np.polyfit(ys, xs, 1)[0]) if bottom - top > 2 else 0.0
        fill = len(ys) / max(1, (right - left) * (bottom - top))
        parts.append((left, right, top, bottom, lean, fill, (ys, xs)))
    return ink, sorted(parts, key=lambda part: part[0])


def _connected(ink: Any) -> list[tuple[Any, Any]]:
    """The 8-connected parts of a boolean array, as (ys, xs) of their pixels, in the
    order of their first pixel row by row. Labelled run by run (a glyph's row is a run
    or two, not dozens of pixels), runs of one row joined to those of the row above
    that touch them, corners included."""
    import numpy as np

    padded = np.zeros((ink.shape[0], ink.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = ink
    edges = np.diff(padded, axis=1)
    runs: list[tuple[int, int, int]] = []  # (y, start, end), end exclusive
    parent: list[int] = []

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    rows, starts = np.nonzero(edges == 1)  # row by row, left to right
    ends = np.nonzero(edges == -1)[1]
    above: list[int] = []  # the runs of the row above
    row: list[int] = []
    row_y = -1
    for index, (y, start, end) in enumerate(zip(rows.tolist(), starts.tolist(),
                                                 ends.tolist(), strict=True)):
        if y != row_y:
            above, row = (row if y == row_y + 1 else []), []
            row_y = y
        runs.append((y, start, end))
        parent.append(index)
        row.append(index)
        for other in above:  # touching a run above, a corner or more
            if runs[other][1] <= end and start <= runs[other][2]:
                a, b = root(index), root(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for index in range(len(runs)):
        groups.setdefault(root(index), []).append(index)
    parts = []
    for members in groups.values():  # keyed by their first run: raster order
        ys = np.concatenate([np.full(runs[i][2] - runs[i][1], runs[i][0]) for i in members])
        xs = np.concatenate([np.arange(runs[i][1], runs[i][2]) for i in members])
        parts.append((ys, xs))
    return parts


def slashes(parts: list[tuple[int, int, int, int, float, float, Any]]) -> list[int]:
    """Which parts are slashes: tall, thin, leaning right at the top."""
    tallest = max((p[3] - p[2] for p in parts), default=0)
    return [i for i, (left, right, top, bottom, lean, fill, _) in enumerate(parts)
            if bottom - top >= _SLASH_TALL * tallest and lean > _SLASH_LEAN
            and fill < _SLASH_FILL and right - left < 0.6 * (bottom - top)]


def lone_piece(lone: Any) -> Any:
    """The ink left in a mask (one glyph, its neighbours whitened) as an image to read
    alone: cut to its columns, enlarged to a readable height, with a white margin; None
    when nothing is left."""
    import numpy as np
    from PIL import Image, ImageOps

    columns = np.flatnonzero(lone.any(axis=0))
    if columns.size == 0:
        return None
    pixels = np.where(lone[:, columns[0]:columns[-1] + 1], 0, 255).astype(np.uint8)
    piece = Image.fromarray(pixels, "L")
    factor = max(1.0, _REREAD_SCALE_BELOW / max(piece.height, 1))
    if factor > 1.0:
        piece = piece.resize((round(piece.width * factor), round(piece.height * factor)),
                             Image.Resampling.LANCZOS)
    return ImageOps.expand(piece, max(8, piece.height // 3), fill=255)


def restore_letter(ocr: Any, image: Any, box: tuple[int, int, int, int], text: str,
                   sharp: Any = None) -> str | None:
    """A letter number whose letter between two slashes the model lost («۲۰۷۹۴//۳۵۰۱۴»)
    or took for a digit («۳۵۰۱۴/۲/۲۰۷۹۴», the whole then read as digits, left to right):
    the ink between the two slashes (the slashes themselves whitened) is read alone
    twice, with only the letters a number holds and with only digits; the letter is
    taken when it is surer. None when the slashes seen do not match the text's. On a
    fax the smoothing joins a slash to the letter beside it; the slashes and the letter
    are then looked for on the page unsmoothed (`sharp`), where they stand apart."""

    number, _, tail = text.partition(" ")
    parts = number.split("/")
    if len(parts) != 3 or not parts[0] or not parts[2] or len(parts[1]) > 2 \
            or (parts[1] and not parts[1].isdigit()):
        return None
    crop = image.crop(box)
    ink, glyphs = glyph_parts(crop)
    found = slashes(glyphs)
    if len(found) != 2 and sharp is not None:
        ink, glyphs = glyph_parts(sharp.crop(box), threshold=128)
        found = slashes(glyphs)
    if len(found) != 2 or found[1] - found[0] < 2:
        return None
    first, second = glyphs[found[0]], glyphs[found[1]]
    lone = ink.copy()
    for slash in (first, second):
        lone[slash[6]] = False
    lone[:, :(first[0] + first[1]) // 2] = False
    lone[:, (second[0] + second[1]) // 2:] = False
    piece = lone_piece(lone)
    if piece is None:
        return None
    from paayesh_docs.ingest.glyph_count import letter_alone

    letter, letter_confidence = letter_alone(ocr, piece, most=2)
    if not re.fullmatch(f"[{NUMBER_LETTERS}]{{1,2}}", letter):
        return None
    if parts[1]:  # a digit was read there: the letter only if surer than the digit read alone
        digit, digit_confidence = _read_alone(ocr.digit, piece)
        if digit and digit_confidence >= letter_confidence:
            return None
        # the whole was read as one run of digits, left to right: put it in writing order
        parts = [parts[2], parts[1], parts[0]]
    return normalise_value(f"{parts[0]}/{letter}/{parts[2]} {tail}".strip())


def _read_alone(api: Any, image: Any) -> tuple[str, float]:
    api.SetImage(image)
    try:
        text = (api.GetUTF8Text() or "").strip()
    except RuntimeError:
        return "", 0.0
    return "".join(text.split()), float(api.MeanTextConf())


_NARROW_GAP = 0.7  # of the line's usual gap between words: narrower is a gap inside a word
_GAPS_FOR_MEDIAN = 3
_UNSURE_SPLIT = 70.0  # both halves read less surely than this: the split itself is doubtful


def join_split_words(reading: PageReading) -> int:
    """Two words the model split where a word's letters do not join («دبیر خانه» for
    «دبیرخانه», «کار گروه»: a faxed or blurred scan widens the gap after «ر») joined back
    when the gap between them is clearly narrower than the line's gaps between words and
    hazm's list knows the joined word as written in one piece; returns how many."""
    from paayesh_docs.persian import lexicon

    joined = 0
    for line in reading.lines:
        gaps = sorted(a.box[0] - b.box[2] for a, b in itertools.pairwise(line))
        if len(gaps) < _GAPS_FOR_MEDIAN:
            continue
        usual = gaps[len(gaps) // 2]
        index = 0
        while index + 1 < len(line):
            right, left = line[index], line[index + 1]
            gap = right.box[0] - left.box[2]
            whole = right.text + left.text
            narrow = 0 <= gap < _NARROW_GAP * usual
            # a fax's boxes are too coarse for the gap to tell: the model unsure of both
            unsure = max(right.confidence, left.confidence) < _UNSURE_SPLIT and gap < usual
            if (narrow or unsure) and _PERSIAN_WORD.match(whole) \
                    and lexicon.written_joined(lexicon.fold(whole)):
                right.text = whole
                right.confidence = min(right.confidence, left.confidence)
                right.box = (left.box[0], min(right.box[1], left.box[1]), right.box[2],
                             max(right.box[3], left.box[3]))
                del line[index + 1]
                joined += 1
                continue
            index += 1
    return joined


# -- header labels the model misread -----------------------------------------------------

_LABELS = {"شماره": False, "تاریخ": True}  # label: whether its value is a date
_LABEL_EDITS = {"شماره": 1, "تاریخ": 2}
_RULE_REMAINS = frozenset("|[]!")  # a table's rule between label and value, read as a word
_HEADER_WORDS = frozenset({"پیوست", "موضوع"})


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, left in enumerate(a, 1):
        current = [i]
        for j, right in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (left != right)))
        previous = current
    return previous[-1]


def mend_labels(reading: PageReading) -> int:
    """A header label the model misread («شنماره», «قاری» for «تاریخ») is that label when it
    stands where a header label stands (first in its line, or first after a letterhead's
    wide gap), is a letter or two from it, and the words after it are what such a label
    holds: digits after «شماره», a day that can be after «تاریخ». A table's rule read as
    «|» between a label and its value is dropped. Returns how many labels were mended."""
    mended = 0
    for line in reading.lines:
        for at, word in enumerate(line):
            if at and line[at - 1].box[0] - word.box[2] <= _VALUE_GAP_HEIGHTS * word.height:
                continue  # inside a sentence: «نامه شماره …» is a reference
            core = word.text.rstrip(":：")
            after = at + 1
            like_label = core in _HEADER_WORDS or any(
                edit_distance(core, label) <= _LABEL_EDITS[label] for label in _LABELS)
            if like_label and after + 1 < len(line) and line[after].text in _RULE_REMAINS:
                del line[after]
            if core in _LABELS or not core or not _PERSIAN_WORD.match(core):
                continue
            for label, dated in _LABELS.items():
                if edit_distance(core, label) > _LABEL_EDITS[label]:
                    continue
                value = _value_words(line, at)
                if not value or not has_digit(value[0].text):
                    continue
                if dated and not valid_value(_value_text(value, True), True):
                    continue
                word.text = label + word.text[len(core):]
                word.confidence = min(word.confidence, _DISPUTED)
                mended += 1
                break
    return mended


# -- marks the model misread -------------------------------------------------------------

_MARK_EDITS = ((7, 2), (4, 1))  # a mark this many letters long (no spaces): edits allowed
_MARK_LINE_WORDS = 3  # a mark line holds the mark's words and perhaps a stray piece
_MARK_LABELS = frozenset({"فوریت", "اولویت"})  # a mark's label, a letter from «فوری»


def _mark_edits(mark: str) -> int:
    """How far a reading may be from a mark: none for «سری», «آنی» (one letter off is
    another word), one for «فوری», two for «محرمانه» and longer."""
    return next((edits for letters, edits in _MARK_EDITS if len(mark) >= letters), 0)


def mend_marks(reading: PageReading) -> list[dict[str, str]]:
    """A mark standing alone on its line above the subject («فوری», «محرمانه»), read a
    letter or two off («قوری») or cut in two («محر مانه»), is that mark: a line of its
    own above the subject holds nothing else, and a mark missed is a priority or a
    classification lost without a word. The mark's spelling closest to the line's
    letters (spaces aside) within `_mark_edits`, and no other as close; each mended mark
    is flagged so a clerk confirms it. Returns the flags."""
    from paayesh_docs.ingest.fields import CLASSIFICATIONS, PRIORITIES

    marks = {mark: ("priority" if mark in PRIORITIES else "classification")
             for mark in (*PRIORITIES, *CLASSIFICATIONS) if mark != "عادی"}
    flags: list[dict[str, str]] = []
    for line in reading.lines:
        texts = [w.text.strip(":*-") for w in line]
        if any(t.startswith(("موضوع", "با سلام")) for t in texts) or (
                texts[:2] == ["با", "سلام"]):
            break  # the subject or the greeting: the marks stand above it
        read = " ".join(texts).strip()
        letters = read.replace(" ", "")
        if not line or len(line) > _MARK_LINE_WORDS or read in marks \
                or not _PERSIAN_WORD.match(letters) or _MARK_LABELS & set(texts):
            continue
        distances = sorted((edit_distance(letters, mark.replace(" ", "")), mark)
                           for mark in marks)
        (best, mark), second = distances[0], distances[1][0]
        if best > _mark_edits(mark.replace(" ", "")) or second == best:
            continue
        first = line[0]
        first.text = mark
        first.confidence = min(min(w.confidence for w in line), _DISPUTED)
        first.box = (min(w.box[0] for w in line), min(w.box[1] for w in line),
                     max(w.box[2] for w in line), max(w.box[3] for w in line))
        del line[1:]
        flags.append({"code": "mended_mark", "field": marks[mark], "read": read})
    return flags
