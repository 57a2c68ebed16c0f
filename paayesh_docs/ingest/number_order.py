"""A letter number's characters put in writing order from where its glyphs stand.

How a number is laid out on a page follows the Unicode bidi algorithm (UAX #9) in a
right-to-left paragraph: its digits are numbers (Persian and Latin digits EN, Arabic-Indic
ones AN; after an Arabic letter in the same paragraph, EN counts as AN, W2); a slash
between two numbers of a kind with nothing between joins them into one left-to-right run
(CS, W4), a hyphen does so only between EN numbers (ES), and a separator with a space
beside it is a neutral that takes the paragraph's direction (N1, N2): the groups it
parts then stand right to left. So «۳۰۲/۱-۱۴۰۵» after «شماره:» shows «۱۴۰۵-۳۰۲/۱»,
and «۲۵۸ / ۴۱۰ / ص» shows «ص / ۴۱۰ / ۲۵۸».

Tesseract's word text does not follow this: it gives a word of digits in the order its
glyphs stand, or parts it at a separator and orders the parts as words. Its symbols'
boxes, though, tell the page's order and the gaps; the writing order is the one whose
layout by the bidi rules (`paayesh_docs.persian.bidi`) is what the page shows.
"""

from __future__ import annotations

import itertools
from typing import Any

from paayesh_docs.persian import bidi

_DIGITS = frozenset("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩0123456789")
_SEPARATORS = frozenset("/-.")
# the centres of the two digits beside a separator stand further apart than this many
# digit pitches only when a space stands on each side of it (a space is about half a
# digit's advance in the faces letters are set in; a slash or hyphen alone, less than one)
_SPACED_PITCHES = 2.0
_SAME_PARAGRAPH_HEIGHTS = 1.2  # label to value closer than this: one paragraph (no cell)


def _forward(units: list[str], after_letter: bool) -> list[int] | None:
    """The indices of `units` (in writing order) as the page shows them, left to right:
    each unit's level from the bidi rules, then L2. None when a unit's characters get
    different levels (no unit of ours should)."""
    prefix = ["ش", " "] if after_letter else []
    text = "".join(prefix + units)
    levels = bidi.levels(text)
    unit_levels, at = [], len("".join(prefix))
    for unit in units:
        own = set(levels[at:at + len(unit)])
        if len(own) != 1:
            return None
        unit_levels.append(int(own.pop()))
        at += len(unit)
    return bidi.visual_order(unit_levels)


def logical_order(visual: list[str], after_letter: bool) -> str | None:
    """The writing order of a number whose symbols stand left to right as `visual` (one
    symbol's text each, " " for a space): the one text among those the page can show
    that the bidi rules lay out as `visual`. Each separator with a digit on both sides
    either joins its numbers into one run or parts them; every choice is laid out again
    and kept if it gives back the page. None when no choice, or more than one, does."""
    visual = [unit for unit in visual if unit]
    while visual and visual[0] == " ":
        visual = visual[1:]
    while visual and visual[-1] == " ":
        visual = visual[:-1]
    if not visual:
        return None
    open_ = [i for i in range(1, len(visual) - 1) if visual[i] in _SEPARATORS
             and visual[i - 1][-1] in _DIGITS and visual[i + 1][0] in _DIGITS]
    found = set()
    for joins in itertools.product((False, True), repeat=len(open_)):
        joined = {i for i, join in zip(open_, joins, strict=True) if join}
        # runs of digits (with the separators joining them) keep their order; every
        # other symbol stands alone, and the units read right to left
        units: list[list[int]] = []
        for i, unit in enumerate(visual):
            digit = unit[0] in _DIGITS
            if units and (i in joined or (digit and units[-1][-1] in joined)
                          or (digit and visual[units[-1][-1]][-1] in _DIGITS)):
                units[-1].append(i)
            else:
                units.append([i])
        logical = list(reversed(units))
        shown = _forward(["".join(visual[i] for i in unit) for unit in logical],
                         after_letter)
        if shown is None:
            continue
        if [i for u in shown for i in logical[u]] == list(range(len(visual))):
            found.add("".join("".join(visual[i] for i in unit) for unit in logical))
    return found.pop() if len(found) == 1 else None


def visual_units(symbols: list[tuple[int, int, str, int]]) -> list[str]:
    """Symbols (left, right, text, word) of one number into its page order, with a space
    where the page has one: where two digits beside a separator stand further apart than
    `_SPACED_PITCHES` digit pitches (the pitch: the median distance between the centres
    of two digits side by side), and between a letter and what stands beside it in
    another word («۲۱۸۷۶/ت/۴۵۰۲۱ ک»: the model parts words at spaces; it also cuts a run
    of digits in two, so two digits of two words are not parted)."""
    symbols = sorted(symbols)
    centres = [(left + right) / 2 for left, right, _, _ in symbols]
    texts = [text for _, _, text, _ in symbols]
    words = [word for _, _, _, word in symbols]
    pitches = sorted(centres[i + 1] - centres[i] for i in range(len(texts) - 1)
                     if texts[i][-1] in _DIGITS and texts[i + 1][0] in _DIGITS)
    pitch = pitches[len(pitches) // 2] if pitches else None
    out: list[str] = []
    for i, unit in enumerate(texts):
        letter = unit[0] not in _DIGITS and unit not in _SEPARATORS
        if i and words[i] != words[i - 1] and (
                letter or (texts[i - 1][0] not in _DIGITS and texts[i - 1] not in _SEPARATORS)):
            out.append(" ")
        if pitch and 0 < i < len(texts) - 1 and unit in _SEPARATORS \
                and texts[i - 1][-1] in _DIGITS and texts[i + 1][0] in _DIGITS \
                and centres[i + 1] - centres[i - 1] > _SPACED_PITCHES * pitch:
            out.extend([" ", unit, " "])
        else:
            out.append(unit)
    return out


def symbols_of(ocr: Any, api: Any) -> list[tuple[int, int, int, int, str, int]]:
    """The symbols `api` read (after `Recognize`): (left, top, right, bottom, text, word),
    `word` counting the words the model made of the line."""
    ril = ocr.tesserocr.RIL
    iterator = api.GetIterator()
    found: list[tuple[int, int, int, int, str, int]] = []
    if iterator is None:
        return found
    word = -1
    for symbol in ocr.tesserocr.iterate_level(iterator, ril.SYMBOL):
        if symbol.IsAtBeginningOf(ril.WORD):
            word += 1
        try:
            text = (symbol.GetUTF8Text(ril.SYMBOL) or "").strip()
        except RuntimeError:
            continue
        box = symbol.BoundingBox(ril.SYMBOL)
        if text and box is not None:
            found.append((*box, text, word))
    return found


def reordered(symbols: list[tuple[int, int, str, int]], read: str, after_letter: bool,
              normalise: Any) -> str | None:
    """`read` (a value as the word texts gave it, normalised by `normalise`) in the writing
    order its symbols' places tell, or None. An alef beside a digit is a slash (the model
    reads one as the other). Only the order may change: a text of other characters than
    `read`'s is not ours to give (the symbols then hold what the words left out)."""
    placed = sorted(symbols)
    texts = [text for _, _, text, _ in placed]
    beside_digit = [any(0 <= j < len(texts) and texts[j][0] in _DIGITS for j in (i - 1, i + 1))
                    for i in range(len(texts))]
    units = visual_units([(left, right, "/" if text == "ا" and beside else text, word)
                          for (left, right, text, word), beside in zip(placed, beside_digit,
                                                                       strict=True)])
    logical = logical_order(units, after_letter)
    if logical is None:
        return None
    text = normalise(logical)
    if _characters(text) != _characters(read):
        return None
    return text


def _characters(text: str) -> list[str]:
    return sorted(text.replace(" ", "").replace("ا", "/"))


def same_paragraph(label: Any, value: Any) -> bool:
    """Whether a header label and its value are one paragraph for the bidi rules («شماره:
    ۱۲۳» in a letterhead: the label's letters stand before the value's digits, W2) or two
    (a table's cells: each cell is a paragraph of its own, and its first number is EN):
    a cell's padding sets its value further from the label than a space does."""
    return label.box[0] - value.box[2] < _SAME_PARAGRAPH_HEIGHTS * max(label.height, 1)


def line_in_order(ocr: Any, box: tuple[int, int, int, int], scale: float, words: list[Any],
                  read: str, after_letter: bool, normalise: Any) -> str | None:
    """The value `read` from `words` of a line just read by `ocr.line` (the crop `box`,
    enlarged `scale`, with `header_ocr._read_line`'s border) put in writing order from
    the places of the symbols inside those words (`reordered`), or None."""
    border = round(12 * scale)
    left, right = min(w.box[0] for w in words), max(w.box[2] for w in words)
    symbols = []
    for x0, _, x1, _, text, word in symbols_of(ocr, ocr.line):
        x0, x1 = (round((v - border) / scale) + box[0] for v in (x0, x1))
        if left <= (x0 + x1) / 2 <= right:
            symbols.append((x0, x1, text, word))
    return reordered(symbols, read, after_letter, normalise) if symbols else None


def after_number_label(line: list[Any], at: int, label: Any) -> bool:
    """Whether the word at `at` is the value right after a «شماره» label: a letter
    number, even when shaped like a date («۳۰۲/۱-۱۴۰۵»: three runs of digits), so it is
    not checked as a day that can be."""
    return at > 0 and bool(label.match(line[at - 1].text))


def restore_end_letter(ocr: Any, image: Any, box: tuple[int, int, int, int], text: str,
                       sharp: Any = None) -> str | None:
    """A letter number of two parts whose letter the model took for a digit: «۸۷۶/د»
    stands «د/۸۷۶» on the page (the letter is no number, so the slash parts the two and
    they read right to left), the model reads «۵/۸۷۶», and the whole, all digits now,
    stays in page order. When one part is a single digit and the page shows one slash,
    the ink beyond the slash on that part's side is read alone with only a number's
    letters and with only digits; the letter, when surer, is put back and the parts put
    in writing order (the letter the side of the slash its glyph stands). None else."""

    from paayesh_docs.ingest.header_ocr import (
        NUMBER_LETTERS,
        _read_alone,
        glyph_parts,
        lone_piece,
        normalise_value,
        slashes,
    )

    parts = text.split("/")
    if " " in text or len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    lone_left = len(parts[0]) == 1 and len(parts[1]) > 1
    if not lone_left and not (len(parts[1]) == 1 and len(parts[0]) > 1):
        return None
    ink, glyphs = glyph_parts(image.crop(box))
    found = slashes(glyphs)
    if len(found) != 1 and sharp is not None:
        ink, glyphs = glyph_parts(sharp.crop(box), threshold=128)
        found = slashes(glyphs)
    if len(found) != 1:
        return None
    slash = glyphs[found[0]]
    lone = ink.copy()
    lone[slash[6]] = False
    middle = (slash[0] + slash[1]) // 2
    if lone_left:
        lone[:, middle:] = False
    else:
        lone[:, :middle] = False
    piece = lone_piece(lone)
    if piece is None:
        return None
    from paayesh_docs.ingest.glyph_count import letter_alone

    letter, letter_confidence = letter_alone(ocr, piece)
    if len(letter) != 1 or letter not in NUMBER_LETTERS:
        return None
    digit, digit_confidence = _read_alone(ocr.digit, piece)
    if digit and digit_confidence >= letter_confidence:
        return None
    number = parts[1] if lone_left else parts[0]
    return normalise_value(f"{number}/{letter}" if lone_left else f"{letter}/{number}")


def widened(image: Any, line: list[Any], at: int, value: list[Any], gap: int,
            number_word: Any) -> tuple[list[Any], int]:
    """The value after the label at `line[at]` with the words of the line its ink reaches
    over, and the left edge of that ink: the ink goes on left of the value's words until
    a blank of `gap` pixels (the gap between a letterhead's columns, or a table's cells)
    or a word no number holds (`number_word` false: the sentence a reference stands in).
    What stands between is the number's too: «۲۵۸ / ۴۱۰ / ص» read «۸» and «اص», with
    «۲۵ / ۴۱۰ /» in no word, so a line read again from the words' boxes missed it."""
    import numpy as np

    left = min(w.box[0] for w in value)
    top, bottom = min(w.box[1] for w in value), max(w.box[3] for w in value)
    after = line[at + 1 + len(value):]
    stop = next((w.box[2] for w in after if not number_word(w)), 0)
    if left <= stop or bottom <= top:
        return value, left
    band = np.asarray(image.convert("L").crop((stop, top, left, bottom))) < 128
    inked = band.any(axis=0)
    reach, blank = left, 0
    for x in range(left - stop - 1, -1, -1):
        if inked[x]:
            reach, blank = stop + x, 0
        else:
            blank += 1
            if blank > gap:
                break
    covered = []
    for word in after:
        if word.box[0] < reach - gap // 3 or not number_word(word):  # a box is coarse
            break
        covered.append(word)
    return [*value, *covered], reach


def leaves_out(image: Any, words: list[Any], box: tuple[int, int, int, int],
               height: int) -> bool:
    """Whether a reading's words leave more than a glyph's `height` of the number's ink
    (in `box`, reached by `widened`) in no word: a piece of the number, not it («۸/ص»
    of «۲۵۸ / ۴۱۰ / ص»), left out of the vote."""
    import numpy as np

    left, top, right, bottom = box
    if right <= left or bottom <= top:
        return False
    inked = (np.asarray(image.convert("L").crop(box)) < 128).any(axis=0)
    for word in words:
        inked[max(0, word.box[0] - left):max(0, word.box[2] - left)] = False
    # glyphs stand apart: the uncovered stretch is measured from its first to last ink
    columns = np.flatnonzero(inked)
    if columns.size == 0:
        return False
    gaps = np.flatnonzero(np.diff(columns) > height)
    starts = [columns[0], *columns[gaps + 1]]
    ends = [*columns[gaps], columns[-1]]
    return any(end - start > height for start, end in zip(starts, ends, strict=True))
