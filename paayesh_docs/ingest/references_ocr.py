"""A reference's number in a letter's body, read again glyph by glyph.

«پیرو نامه شماره ۹۹/ص مورخ ۱۴۰۵/۰۸/۱۰»: the model reads a sentence's words well and the
number inside it badly, most often dropping or doubling a digit of a run («۹/ص» for
«۹۹/ص», «۲/ص» for «۱۲۳/ص») or taking one digit for its neighbour («۱۱۲۲/۲۲» for
«۱۱۲۲/۳۳»). Every Persian digit is one stroke of ink, apart from its neighbours («۰» a
dot at the middle of the line): so the ink of the number, cut into its connected parts,
holds one part a digit, and the slashes among them are found by their shape
(`header_ocr.slashes`). Each part between two slashes is read alone with only digits
allowed; a run whose every part reads as one digit is that run, in its order on the page
(digits stand left to right in a right-to-left line). A run with a part that is no digit
is a letter group («ص», «الف»), kept as the page read it. The number is taken only when
the slashes found are as many as the page's reading has, so each run is matched with its
own; what is taken is a re-reading, kept below the review threshold when it changed
anything.
"""

from __future__ import annotations

import re
from typing import Any

from paayesh_docs.ingest.header_ocr import (
    _REREAD_SCALES,
    ALEF_LOST,
    LAM_FOR_SLASH,
    NUMBER_LETTERS,
    glyph_parts,
    has_digit,
    is_reference_line,
    latin_digits,
    normalise_value,
    slashes,
    visual_to_logical,
)
from paayesh_docs.ingest.ocr import PageReading, Word

_NUMBER_LABEL = re.compile(r"^شماره[:：]?$")
_SPECK = 0.15  # of the tallest part: smaller in both directions is a speck, no digit
_SURE_DIGIT = 50.0  # a part read alone as a digit less surely than this is no digit
_GLYPH_READ = 65.0  # a number the glyphs changed: below the review threshold (70)
_PAD = 2
_DIGITS = "۰-۹٠-٩0-9"
_DIGIT_SCALES = (1.0, 2.0)
_ZERO_HEIGHT = 0.5  # of the tallest part: «۰» stands lower than this, other digits taller
_ZERO_SMALLEST = 0.2  # of the tallest part: a letter's dot is smaller (0.14), «۰» 0.26
_DIGIT_WIDTH = 0.9  # of its height: a digit's stroke is narrower than it is tall
_ONE_TALL = 0.8  # of the tallest part: «۱» stands as tall as the digits
_ONE_THIN = 0.4  # of its height: and is a thin stroke


def _digit_of(ocr: Any, ink: Any, part: tuple, tallest: int, baseline: int | None = None,
              ) -> str | None:
    """One part of ink read alone with only digits allowed: the digit, or None.
    `tallest`: the height of the number's tallest part; `baseline`: where most of its
    parts stand (a part whose foot falls well below it is a letter, «ق» of «۳۰۵/ق»,
    which the model alone reads as «۳»: no Persian digit falls below the line)."""
    import numpy as np
    from PIL import Image, ImageOps

    from paayesh_docs.ingest.glyph_count import _DESCENDS
    from paayesh_docs.ingest.header_ocr import _REREAD_SCALE_BELOW, _read_alone

    left, right, top, bottom = part[0], part[1], part[2], part[3]
    if baseline is not None and bottom - baseline > _DESCENDS * tallest:
        return None
    pixels = np.full(ink.shape, 255, np.uint8)
    pixels[part[6]] = 0
    alone = Image.fromarray(pixels[:, left:right], "L")
    readings = []
    for scale in _DIGIT_SCALES:  # the model alone is unsteady: the surest of two sizes
        factor = max(1.0, _REREAD_SCALE_BELOW / max(alone.height, 1)) * scale
        piece = alone.resize((max(1, round(alone.width * factor)),
                              max(1, round(alone.height * factor))), Image.Resampling.LANCZOS)
        piece = ImageOps.expand(piece, max(8, piece.height // 3), fill=255)
        text, confidence = _read_alone(ocr.digit, piece)
        if len(text) == 1:
            readings.append((confidence, text))
    if readings and max(readings)[0] >= _SURE_DIGIT:
        text = max(readings)[1]
        # «۰» is a dot at the line's middle, every other digit a stroke as tall as the
        # run: a reading that does not fit the ink's height is no reading
        # and narrower than it is tall («ص», «ک», «س» are wide and may read as «۳»)
        small = bottom - top < _ZERO_HEIGHT * tallest
        if text in "۰٠0":
            return text if small else None
        if text in ("۲", "۳"):  # the model's slip between them the teeth settle
            from paayesh_docs.ingest.glyph_count import Glyph, teeth

            count = teeth(Glyph(left, right, top, bottom, part[6]))
            text = {2: "۲", 3: "۳"}.get(count, text)
        return text if not small and right - left < _DIGIT_WIDTH * (bottom - top) else None
    # «۱» is one straight stroke (upright or leaning back, never like a slash: slashes
    # are found first), which the digit model alone often reads as nothing; among digits
    # it is «۱» (an «ا» stands among letters: its group is kept)
    if bottom - top >= _ONE_TALL * tallest and right - left < _ONE_THIN * (bottom - top):
        return "۱"
    # «۰» is a dot the model alone may read as nothing: a small round part, not a speck
    # or a letter's dot (half its size), at the height of the digits' middle
    if baseline is not None and _ZERO_SMALLEST * tallest <= bottom - top \
            < _ZERO_HEIGHT * tallest and 0.6 <= (right - left) / (bottom - top) <= 1.6 \
            and abs((top + bottom) / 2 - (baseline - tallest / 2)) < tallest / 4:
        return "۰"
    return None


def _parts(crop: Any, threshold: int | None = None) -> tuple[Any, list[tuple], set[int]]:
    ink, parts = glyph_parts(crop, threshold)
    if not parts:
        return ink, [], set()
    tallest = max(p[3] - p[2] for p in parts)
    widest = max(p[1] - p[0] for p in parts)
    parts = [p for p in parts if p[3] - p[2] > _SPECK * tallest or p[1] - p[0] > _SPECK * widest]
    return ink, parts, set(slashes(parts))


def read_by_glyphs(ocr: Any, image: Any, box: tuple[int, int, int, int], text: str,
                   sharp: Any = None) -> str | None:
    """The number in `box` (read `text` by the page) with its runs of digits read glyph by
    glyph (see the module docstring), or None when the glyphs do not fit the reading.
    `sharp`: the page unsmoothed (a fax), where the slashes are looked for when the
    smoothed page broke them or joined them to a digit."""
    segments = normalise_value(text).split("/")
    ink, parts, found = _parts(image.crop(box))
    if len(found) != len(segments) - 1 and sharp is not None:
        ink, parts, found = _parts(sharp.crop(box), threshold=128)
    if len(found) != len(segments) - 1 or not found:
        return None
    tallest = max(p[3] - p[2] for p in parts)
    bottoms = sorted(p[3] for at, p in enumerate(parts) if at not in found)
    baseline = bottoms[len(bottoms) // 2] if bottoms else None
    groups: list[list[tuple]] = [[]]
    for at, part in enumerate(parts):
        if at in found:
            groups.append([])
        else:
            groups[-1].append(part)
    if any(not group for group in groups):
        return None
    # the runs as they stand on the page, left to right; a letter group as a placeholder
    visual = []
    for group in groups:
        digits = [_digit_of(ocr, ink, part, tallest, baseline) for part in group]
        visual.append("".join(digits) if all(digits) else "\u0621")  # type: ignore[arg-type]
    logical = normalise_value(visual_to_logical("/".join(visual))).split("/")
    letters = iter(segment for segment in segments if not segment.isdigit())
    wanted = sum(1 for segment in logical if segment == "\u0621")
    if wanted != sum(1 for segment in segments if not segment.isdigit()):
        return None
    # each run where the page's reading has it: digits for digits, a letter for a letter
    if [segment == "\u0621" for segment in logical] != [not s.isdigit() for s in segments]:
        return None
    out = [next(letters) if segment == "\u0621" else segment for segment in logical]
    return "/".join(out)


_SLASH_AS_ALEF = re.compile(f"^[اآ|](?P<letters>[{NUMBER_LETTERS}]{{1,2}})$")
_TOUCHING = 0.5  # of the number's height: a gap narrower than this is no space


def join_slash_letter(line: list[Word], at: int) -> int:
    """«۱۸۷ آب» in a reference is «۱۸۷/ب»: the slash before the number's letter group is
    a straight stroke, read as «ا» (with a speck above it, as «آ», or as «|»), and the model then
    takes it with the letter for a word of its own. A word of «ا» or «آ» and one or two
    of a number's letters standing against the number (closer than half its height, no
    space between) is its letter group; the number is kept below the review threshold."""
    if at + 1 >= len(line):
        return 0
    value, after = line[at], line[at + 1]
    found = _SLASH_AS_ALEF.match(after.text)
    if not found or not has_digit(value.text) or value.text[-1:] == "/":
        return 0
    if value.box[0] - after.box[2] >= _TOUCHING * value.height:
        return 0
    value.text = f"{value.text}/{found.group('letters')}"
    value.confidence = min(value.confidence, after.confidence, _GLYPH_READ)
    value.box = (after.box[0], min(value.box[1], after.box[1]), value.box[2],
                 max(value.box[3], after.box[3]))
    del line[at + 1]
    return 1


# how a reference opens: the relation and the words after it («عطف به نامه شماره»)
_OPENINGS = {"عطف": ("به", "نامه", "شماره"), "بازگشت": ("به", "نامه", "شماره"),
             "پیرو": ("نامه", "شماره")}
_RELATION_EDITS = 2  # «لاف» for «عطف»: a JPEG's blur of the opening word


def mend_relations(reading: PageReading) -> list[dict[str, str]]:
    """A reference's opening word misread («لاف بة نامه شماره …» for «عطف به نامه
    شماره …»): the words after it are the reference's, so the word opening its line
    (or after one word: «احتراماً») a letter or two from a relation, closer to one than
    to any other, is that relation; without it the reference is lost without a word.
    Flagged for a clerk. Returns the flags."""
    from paayesh_docs.ingest.header_ocr import edit_distance

    flags: list[dict[str, str]] = []
    for line in reading.lines:
        texts = [w.text.replace("ة", "ه") for w in line]
        if is_reference_line(line):
            continue
        for at in range(min(2, len(line))):
            read = texts[at]
            fits = [(edit_distance(read, relation), relation)
                    for relation, after in _OPENINGS.items()
                    if tuple(texts[at + 1:at + 1 + len(after)]) == after]
            distances = sorted(edit_distance(read, relation) for relation in _OPENINGS)
            if not fits or len(read) < 2:
                continue
            best, relation = min(fits)
            if best > _RELATION_EDITS or distances.count(best) > 1:
                continue
            line[at].text = relation
            line[at].confidence = min(line[at].confidence, _GLYPH_READ)
            if relation != "پیرو":
                line[at + 1].text = "به"
            flags.append({"code": "mended_relation", "field": "references", "read": read})
            break
    return flags


def reread_references(ocr: Any, image: Any, reading: PageReading, sharp: Any = None) -> int:
    """Each number after «شماره» in a line that holds a reference («عطف/پیرو/بازگشت/
    پاسخ … نامه شماره …») read again glyph by glyph (`read_by_glyphs`); returns how many
    changed. The header's own number (a line that opens with its label) is no reference
    and is left to `header_ocr`. A series letter «لف» is «الف» (`ALEF_LOST`); a slash
    read as «ا»/«آ» with the letter after it is the letter group (`join_slash_letter`)."""
    changed = 0
    for line in reading.lines:
        if not is_reference_line(line):
            continue
        for at in [at for at, word in enumerate(line) if _NUMBER_LABEL.match(word.text)][::-1]:
            changed += join_slash_letter(line, at + 1)
        for at, word in enumerate(line[:-1]):
            value = line[at + 1]
            if not _NUMBER_LABEL.match(word.text) or not has_digit(value.text) or at == 0:
                continue
            # the model's box may stop short of a letter's tail at the number's end
            # («ق» of «۳۰۵/ق»): up to half its height more, short of the next word
            reach = line[at + 2].box[2] + _PAD if at + 2 < len(line) else 0
            left = max(reach, value.box[0] - max(_PAD, value.height // 2))
            box = (max(0, min(left, value.box[0] - _PAD)), max(0, value.box[1] - _PAD),
                   min(image.width, value.box[2] + _PAD), min(image.height, value.box[3] + _PAD))
            alef = ALEF_LOST.sub("/الف", value.text)
            if alef != value.text:
                value.text, value.confidence = alef, min(value.confidence, _GLYPH_READ)
                changed += 1
            glyphs = read_by_glyphs(ocr, image, box, value.text, sharp)
            lam = LAM_FOR_SLASH.sub("/", value.text)
            if glyphs is None and lam != value.text:
                glyphs = read_by_glyphs(ocr, image, box, lam, sharp)
            elif glyphs is not None:  # the letters are the page's reading's
                glyphs = LAM_FOR_SLASH.sub("/", glyphs)
            if glyphs and glyphs != normalise_value(value.text):
                value.text = glyphs
                value.confidence = min(value.confidence, _GLYPH_READ)
                changed += 1
            elif glyphs is None:
                lettered = _letters_restored(ocr, image, word, value)
                if lettered:
                    value.text, value.confidence = lettered, min(value.confidence, _GLYPH_READ)
                    changed += 1
    return changed


_READ_NUMBER = re.compile(f"^[{_DIGITS}]+(?:/(?:[{_DIGITS}]+|[\u0621-\u064a\u067e\u0686"
                          f"\u0698\u06a9\u06af\u06cc]{{1,3}}))*$")
_AGREE = 2


def _letters_restored(ocr: Any, image: Any, label: Word, value: Word) -> str | None:
    """A reference number whose letter group the page's reading dropped («۵۵» for
    «۵۵/الف»: the model, reading a sentence, keeps the digits and loses what follows the
    slash), read again with its label as one line at three scales: taken when two of the
    readings agree on a number with the same runs of digits as the page's and a letter
    group more. Digits are never changed here."""
    from paayesh_docs.ingest.header_ocr import _ALEF_AS_SLASH, _read_line

    words = [label, value]
    left, right = min(w.box[0] for w in words), max(w.box[2] for w in words)
    top, bottom = min(w.box[1] for w in words), max(w.box[3] for w in words)
    pad = max(4, (bottom - top) // 3)
    box = (max(0, left - pad), max(0, top - pad), min(image.width, right + pad),
           min(image.height, bottom + pad))
    page = normalise_value(value.text)
    digits = [segment for segment in page.split("/") if segment.isdigit()]
    groups = len(page.split("/")) - len(digits)  # the page's letter groups
    tally: dict[str, int] = {}
    for scale in _REREAD_SCALES:
        again = _read_line(ocr, image, box, scale)
        labels = [i for i, w in enumerate(again) if _NUMBER_LABEL.match(w.text)]
        if not labels or labels[0] + 1 >= len(again):
            continue
        after = again[labels[0] + 1:labels[0] + 3]
        text = after[0].text
        if len(after) > 1 and after[1].text.startswith("/"):  # «۵۵» «/الف»: one number
            text += after[1].text
        text = normalise_value(_ALEF_AS_SLASH.sub("/", text))  # «/لف» made «/الف» there
        runs = [segment for segment in text.split("/") if segment.isdigit()]
        # a letter group more than the page read, never one fewer («۳۹۱۰» is no
        # restoring of «۳۹۱۰/ص»)
        if _READ_NUMBER.match(text) and runs == digits \
                and len(text.split("/")) - len(runs) > groups:
            tally[text] = tally.get(text, 0) + 1
    best = max(tally, key=lambda t: tally[t], default=None)
    return best if best is not None and tally[best] >= _AGREE else None


# -- a reference's date ---------------------------------------------------------------------

_DATE_LABEL = re.compile(r"^(?:مورخ|مورخه|تاریخ)[:：]?$")
_SPECK_ZERO = re.compile("^[۰٠0](?=[۱1١][۳۴3٣٤4])")  # «۰۱۴۰۵/…»: no year starts with zero


def without_speck_zero(text: str) -> str:
    """«۰۱۴۰۵/۰۹/۱۰» is «۱۴۰۵/۰۹/۱۰»: a speck or the dot of a rule before a date is read
    as «۰» (the Persian zero is a dot), and no year is written with a leading zero. Only
    when what is left is a day that can be."""
    from paayesh_docs.ingest.header_ocr import plausible_date

    bare = _SPECK_ZERO.sub("", text)
    return bare if bare != text and plausible_date(bare) else text


def _date_words(line: list[Word], at: int) -> list[Word]:
    """The date's words after the label at `at`: `header_ocr._value_words` less the words
    after it that are neither digits nor a month's name (a number's letters, taken in by
    the header's rule, are also the words of a sentence: «به», «که»)."""
    from paayesh_docs.ingest.header_ocr import _MONTHS, _value_words

    value = _value_words(line, at)
    while value and not has_digit(value[-1].text) and value[-1].text.strip(":،.") not in _MONTHS:
        value.pop()
    return value


_FAR_YEARS = 50  # a reference this many years before its letter is no reading to trust
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _letter_year(reading: PageReading) -> int | None:
    """The year of the letter's own date: after the first «تاریخ» outside a reference's
    sentence (opening the header's line, or after a letterhead's words beside it)."""
    from paayesh_docs.ingest.header_ocr import _value_text, _value_words
    from paayesh_docs.persian.dates import find_dates

    for line in reading.lines:
        if is_reference_line(line):
            continue
        for at, word in enumerate(line):
            if word.text.startswith(("تاریخ", "تاريخ")):
                found = find_dates(_value_text(_value_words(line, at), True))
                if found:
                    return found[0][0].year
    return None


def _year_near_letter(text: str, letter_year: int | None) -> str | None:
    """A reference's date whose year stands a lifetime before the letter's (or after
    it), one digit off the letter's year or the year before («۱۳۰۵» in a letter of
    ۱۴۰۵: the model's «۳» for «۴»), with that year instead; else None. A letter refers
    to letters before it, and to none of a century ago."""
    if letter_year is None:
        return None
    for found in _YEAR.finditer(text):
        read = found.group()
        year = int(latin_digits(read))
        if letter_year - _FAR_YEARS < year <= letter_year + 1:
            return None
        for near in (letter_year, letter_year - 1):
            wanted = str(near)
            if sum(a != b for a, b in zip(latin_digits(read), wanted, strict=True)) == 1:
                digits = "".join(_digit_like(character, digit)
                                 for character, digit in zip(read, wanted, strict=True))
                return text[: found.start()] + digits + text[found.end():]
    return None


def _digit_like(character: str, digit: str) -> str:
    """`digit` (Latin) in the script of `character`."""
    if character in "0123456789":
        return digit
    base = "۰" if "۰" <= character <= "۹" else "٠"
    return chr(ord(base) + int(digit))


def reread_reference_dates(ocr: Any, image: Any, reading: PageReading) -> int:
    """The date after «مورخ» in a reference's line, when the page's reading of it is no
    day that can be («۸/۲۰», «۲۱ مهر ۱۴۳۰۵»), read again with its label as one line at
    three scales and voted on (`header_ocr._vote`: among the readings that are a day that
    can be, the one most agree on); a speck read as «۰» before a year is dropped
    (`without_speck_zero`); a year a digit away from the letter's own and a lifetime
    from it is the letter's (`_year_near_letter`). What is taken is a re-reading, kept
    below the review threshold. Returns how many dates changed."""
    from paayesh_docs.ingest.header_ocr import _read_line, _value_text, _vote

    letter_year = _letter_year(reading)
    changed = 0
    for line in reading.lines:
        if not is_reference_line(line):
            continue
        for at, label in enumerate(line):
            if at == 0 or not _DATE_LABEL.match(label.text):
                continue
            value = _date_words(line, at)
            if not value and at + 1 < len(line) and line[at + 1].text == "؟":
                value = [line[at + 1]]  # a day that cannot be, blanked (`reread_numbers`)
            if not value:
                continue
            page = without_speck_zero(_value_text(value, True))
            chosen: tuple[str, float] | None = None
            if _vote([(page, 100.0)], True) is None:
                words = [label, *value]
                left, right = min(w.box[0] for w in words), max(w.box[2] for w in words)
                top, bottom = min(w.box[1] for w in words), max(w.box[3] for w in words)
                pad = max(4, (bottom - top) // 3)
                box = (max(0, left - pad), max(0, top - pad), min(image.width, right + pad),
                       min(image.height, bottom + pad))
                readings = [(page, min(w.confidence for w in value))]
                for scale in _REREAD_SCALES:
                    again = _read_line(ocr, image, box, scale)
                    labels = [i for i, w in enumerate(again) if _DATE_LABEL.match(w.text)]
                    after = _date_words(again, labels[0]) if labels else []
                    if after:
                        readings.append((without_speck_zero(_value_text(after, True)),
                                         min(w.confidence for w in after)))
                chosen = _vote(readings, True)
            elif page != _value_text(value, True):
                chosen = (page, min(w.confidence for w in value))
            near = _year_near_letter(chosen[0] if chosen else page, letter_year)
            if near is not None:
                chosen = (near, chosen[1] if chosen else min(w.confidence for w in value))
            if chosen is None:
                continue
            first = value[0]
            first.text, first.confidence = chosen[0], min(chosen[1], _GLYPH_READ)
            first.box = (min(w.box[0] for w in value), min(w.box[1] for w in value),
                         max(w.box[2] for w in value), max(w.box[3] for w in value))
            for word in value[1:]:
                line.remove(word)
            changed += 1
    return changed
