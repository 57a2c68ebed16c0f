"""Repairs of PDF text against hazm's word list.

The reader (`pdf.py`) now takes the order of glyphs from their positions
(`pdf_layout`), and uses only the repairs at the end of this module, for what a
PDF does not carry: `repair_document_lines` (lost ZWNJ, split words, brackets).
The repairs above them undo what pypdf's content-stream order did to a page;
they are kept for text that came through pypdf (and tests/test_pdf_text.py):

What goes wrong, measured with pypdf 7.1 on Word, XeLaTeX and WeasyPrint PDFs:

- pypdf counts Persian digits as right-to-left letters and reverses them with
  the words around them: `۱۴۰۱/۰۵/۱۲` comes out `۲۱/۵۰/۱۰۴۱` (WeasyPrint: the
  whole run reversed) or `۱۰۴۱/۵۰/۲۱` (Word: each group reversed in place).
  Which one a producer does is decided per document by the dates it contains.
- some producers write lines in visual order, so a line comes out backwards;
  such a line has far more known words when read the other way round.
- a shadow effect prints text twice (`دستورالعملدستورالعمل`), and justified
  lines lose the spaces between words (`متنگزارش`); both are undone only where
  hazm's word list says the pieces are words and the whole is not.

Presentation forms (U+FB50–U+FEFF) are left to `persian.text.normalize`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from paayesh_docs.persian import lexicon
from paayesh_docs.persian.digits import to_latin_digits

_RTL_DIGITS = "۰-۹٠-٩"
_DIGIT_RUN = re.compile(rf"[{_RTL_DIGITS}]+(?:[/.\-:٫٬][{_RTL_DIGITS}]+)*")
_GROUP = re.compile(rf"[{_RTL_DIGITS}]+")
_LTR_RUN = re.compile(r"[0-9A-Za-z۰-۹٠-٩]+(?:[/.\-:٫٬,][0-9A-Za-z۰-۹٠-٩]+)*")
_PERSIAN_WORD = re.compile(r"[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u200c]+")

DIGIT_MODES = ("whole", "groups", "none")


def _reverse_whole(match: re.Match[str]) -> str:
    """The run reversed; but parts joined by '-' come out as separate runs (phone
    numbers such as ۰۲۱-۸۸۷۷۶۶۵۵, numbers such as ۳۰۲/۱-۱۴۰۵), each reversed in place."""
    return "-".join(part[::-1] for part in match.group(0).split("-"))


def _reverse_groups(match: re.Match[str]) -> str:
    return _GROUP.sub(lambda group: group.group(0)[::-1], match.group(0))


def repair_digits(text: str, mode: str) -> str:
    """Undo pypdf's reversal of Persian digit runs: 'whole' run, each of its 'groups', or 'none'."""
    if mode == "whole":
        return _DIGIT_RUN.sub(_reverse_whole, text)
    if mode == "groups":
        return _DIGIT_RUN.sub(_reverse_groups, text)
    return text


def _year_first(run: str) -> bool:
    groups = to_latin_digits(run).replace("-", "/").replace(".", "/").split("/")
    if len(groups) != 3 or len(groups[0]) != 4:
        return False
    year, month, day = (int(g) for g in groups)
    return 1300 <= year <= 1500 and 1 <= month <= 12 and 1 <= day <= 31


def detect_digit_mode(text: str) -> str:
    """The repair that makes most dates read year-first, the way letters write them.

    With no date to decide by, 'whole': that is what pypdf does to a run it got
    in one piece.
    """
    runs = [m.group(0) for m in _DIGIT_RUN.finditer(text) if m.group(0).count("/") == 2]
    votes = {mode: sum(_year_first(repair_digits(run, mode)) for run in runs)
             for mode in DIGIT_MODES}
    best = max(votes.values())
    return next(mode for mode in DIGIT_MODES if votes[mode] == best) if best else "whole"


def _known_share(line: str) -> float:
    words = _PERSIAN_WORD.findall(line)
    if not words:
        return 0.0
    known = lexicon.words()
    return sum(lexicon.fold(w) in known for w in words) / len(words)


def is_visual_order(line: str) -> bool:
    """A line that came out backwards: read right-to-left it has many more known words."""
    if len(_PERSIAN_WORD.findall(line)) < 3:
        return False
    return _known_share(line[::-1]) > _known_share(line) + 0.3


def to_logical_order(line: str) -> str:
    """Reverse a visual-order line, keeping numbers and Latin words left-to-right."""
    return _LTR_RUN.sub(lambda m: m.group(0)[::-1], line[::-1])


def fix_lam_alef(line: str) -> str:
    """A line turned from visual to logical order has its lam-alef ligatures backwards
    (the glyph ﻻ decodes to «لا» in place, and the reversal makes it «ال»): swap them
    back where that makes a known word (اصالح -> اصلاح, کاالهای -> کالاهای)."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if "ال" not in word or lexicon.fold(word) in lexicon.words():
            return word
        swapped = word.replace("ال", "لا")
        return swapped if _is_word(swapped) else word

    return _PERSIAN_WORD.sub(fix, line)


def _undouble(word: str) -> str | None:
    """`دستورالعملدستورالعمل` -> `دستورالعمل` when the doubled form is no word."""
    half, rest = divmod(len(word), 2)
    if rest == 0 and half >= 2 and word[:half] == word[half:]:
        return word[:half]
    return None


# A half of a glued word must be a common word: hazm's list misses many inflected
# forms (دانشجویان، مهندسی), so a rare "word" such as مهن or دسی proves nothing.
_COMMON = 20_000
_INFLECTIONS = ("ی", "ها", "های", "ان", "یان", "ات", "ای", "ترین", "تر", "ند", "د", "یم", "ید")


def _is_word(word: str) -> bool:
    """Known to hazm, or a known word with an inflectional ending."""
    key = lexicon.fold(word)
    if lexicon.frequency(key) is not None:
        return True
    return any(key.endswith(end) and lexicon.frequency(key[: -len(end)]) is not None
               for end in _INFLECTIONS if len(key) - len(end) >= 3)


def _common(word: str) -> bool:
    return (lexicon.frequency(lexicon.fold(word)) or 0) >= _COMMON


def _split_glued(word: str) -> str | None:
    """`متنگزارش` -> `متن گزارش`: two common words glued where a space was lost."""
    if _is_word(word):
        return None
    best: tuple[int, str] | None = None
    for cut in range(2, len(word) - 1):
        left, right = word[:cut], word[cut:]
        if _common(left) and _common(right):
            score = min(len(left), len(right))
            if best is None or score > best[0]:
                best = (score, f"{left} {right}")
    if best is None and word.endswith("و") and _common(word[:-1]):
        return f"{word[:-1]} و"
    return best[1] if best else None


_PLURALS = ("هایی", "های", "ها")
_AFTER_HEH = ("ای", "ی")
_ZWNJ_SUFFIXES = ("گرایی", "گرای", "گرا")
_NON_JOINING = "اآدذرزژو"


def _restore_zwnj(word: str) -> str | None:
    """PDFs drop the ZWNJ (نیم‌فاصله): put it back where hazm's list writes one.

    `ششماهه` -> `شش‌ماهه` (a compound the list spells with ZWNJ), `نامههای` ->
    `نامه‌های` (a plural after silent heh), `میشود` -> `می‌شود` (the verb prefix).
    """
    key = lexicon.fold(word)
    if lexicon.written_joined(key):
        return None
    parts = lexicon.zwnj_parts(key)
    if parts:
        cut = len(word) - len(parts[1])
        if lexicon.fold(word[cut:]) == parts[1]:
            return f"{word[:cut]}\u200c{word[cut:]}"
    candidates = [
        word[: -len(suffix)]
        for suffixes, needs_heh in ((_PLURALS, False), (_AFTER_HEH, True), (_ZWNJ_SUFFIXES, False))
        for suffix in suffixes
        if word.endswith(suffix) and len(word) - len(suffix) >= 2
        and (not needs_heh or word[-len(suffix) - 1] == "ه")
        and lexicon.fold(word[: -len(suffix)]) in lexicon.words()
    ]
    if candidates:
        stem = max(candidates, key=len)  # خانهای is خانه‌ای, not خان‌های
        # after a letter that does not join (کالاها) no ZWNJ is written
        return None if stem[-1] in _NON_JOINING else f"{stem}\u200c{word[len(stem):]}"
    if word.startswith("حاج") and len(word) > 5 and lexicon.fold(word[3:]) in lexicon.words():
        return f"حاج\u200c{word[3:]}"  # حاج‌محمدی, as names with the title are written
    for prefix in ("نمی", "می"):
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= 2 and lexicon.is_verb_form(
                lexicon.fold(rest)):
            return f"{prefix}\u200c{rest}"
    return None


def repair_words(text: str) -> str:
    """Undo shadow doubling, lost spaces and lost ZWNJ, only where the result is known words."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if len(word) < 4 or "\u200c" in word:
            return word
        single = _undouble(word)
        if single is not None and not _is_word(word):
            return single
        restored = _restore_zwnj(word)
        if restored is not None:
            return restored
        if len(word) >= 5:
            return _split_glued(word) or word
        return word

    return _PERSIAN_WORD.sub(fix, text)


def _drop_shadow_lines(lines: list[str]) -> list[str]:
    """A line printed twice in a row (a shadow effect) is kept once."""
    kept: list[str] = []
    for line in lines:
        if kept and line.strip() and line.strip() == kept[-1].strip():
            continue
        kept.append(line)
    return kept


# A right-to-left table row written left to right: the value cell comes out before
# its label, glued («۲۰۷۹۴/ت/۳۵۰۱۴شماره»). Header labels put back in front.
_TRAILING_LABEL = re.compile(
    r"^(?P<value>\S.*?)\s*[:：]?\s*(?P<label>شماره(?: نامه)?|تاریخ|پیوست|طبقه‌?\s?بندی|فوریت)"
    r"\s*[:：]?\s*$"
)
_HAS_DIGIT = re.compile(r"\d")


_GLUED_LABEL = re.compile(r"^(\s*(?:شماره|تاریخ|پیوست))(?=[0-9۰-۹٠-٩])")


def _label_first(line: str) -> str:
    """Only where the value looks like a header value: a number or date, or a short mark."""
    line = _GLUED_LABEL.sub(r"\1: ", line)  # «شماره5013/210»: a table row lost its cell gap
    match = _TRAILING_LABEL.match(line)
    if match is None or match.group("value").endswith((":", "：")):
        return line
    value = match.group("value")
    if not _HAS_DIGIT.search(value) and (match.group("label").startswith(("شماره", "تاریخ"))
                                         or len(value.split()) > 3):
        return line
    return f"{match.group('label')}: {value}"


def repair_page_text(text: str, digit_mode: str) -> str:
    """Every repair, line by line, for one page of pypdf's text."""
    lines = []
    for line in _drop_shadow_lines(text.splitlines()):
        visual = is_visual_order(line)
        ordered = to_logical_order(line) if visual else repair_digits(line, digit_mode)
        lines.append(_label_first(repair_words(ordered)))
    return "\n".join(lines)


# --- the repairs of a PDF read from glyph positions (`pdf_layout`) ----------------------
# Order, spaces, shadows and lam-alef ligatures are settled by where the glyphs stand;
# what a PDF does not carry at all is put back from hazm's word list: the ZWNJ (it has
# no glyph), and a word a producer drew in two pieces with a gap between them.

_SPLIT_PAIR = re.compile(
    r"(?<![\w\u200c])([\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]{2,}) "
    r"([\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]{2,})(?![\w\u200c])")


# A document says the same words again and again (and every letter of an office the
# same headings): each word's repair is decided once per reading process. hazm's list
# does not change while a process runs, so the answers stay right; the caches are
# bounded, so a long-running watcher's memory is too.
_WORD_CACHE = 1 << 16


@lru_cache(maxsize=_WORD_CACHE)
def _joined_pair(left: str, right: str) -> str | None:
    whole = left + right
    if not _is_word(left) and not _is_word(right) and _is_word(whole):
        return whole
    return None


def _join_split(match: re.Match[str]) -> str:
    return _joined_pair(match.group(1), match.group(2)) or match.group(0)


@lru_cache(maxsize=_WORD_CACHE)
def _zwnj_word(word: str) -> str:
    if len(word) < 4 or "\u200c" in word:
        return word
    return _restore_zwnj(word) or word


def _zwnj_match(match: re.Match[str]) -> str:
    return _zwnj_word(match.group(0))


def _restore_zwnj_words(text: str) -> str:
    return _PERSIAN_WORD.sub(_zwnj_match, text)


# A bracket opens on the word after it and closes on the word before it. A producer
# that maps one glyph to one character (WeasyPrint, Word 2013/2016) gives a mirrored
# bracket of a right-to-left line the other bracket's character: nothing else in the
# PDF says which it was.
_OPENING_WRITTEN_CLOSING = re.compile(r"(?:(?<=\s)|^)\)(?=[^\s)(])")
_CLOSING_WRITTEN_OPENING = re.compile(r"(?<=[^\s)(])\((?=\s|$|[.،,:؛])")


def repair_brackets(cell: str) -> str:
    """Brackets turned the way they face their words (`شود )مسئول` -> `شود (مسئول`)."""
    if not _PERSIAN_WORD.search(cell):
        return cell
    cell = _OPENING_WRITTEN_CLOSING.sub("(", cell)
    return _CLOSING_WRITTEN_OPENING.sub(")", cell)


@lru_cache(maxsize=_WORD_CACHE)
def _repair_cell(cell: str) -> str:
    """One cell repaired; a heading, a letterhead's line or a table's label comes again
    on every page and in every letter of an office, and is repaired once."""
    return repair_brackets(_restore_zwnj_words(_SPLIT_PAIR.sub(_join_split, cell)))


def repair_line(line: str) -> str:
    """Lost ZWNJ and split words put back, where the result is known words; brackets
    turned the way they face."""
    return "\t".join(map(_repair_cell, line.split("\t")))


def repair_document_lines(pages: list[list[str]]) -> list[list[str]]:
    """Every page's lines repaired (`repair_line`)."""
    return [[repair_line(line) for line in page] for page in pages]
