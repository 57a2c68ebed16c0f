"""Repairs of a PDF's text against hazm's word list, for what a PDF does not carry.

The reader (`pdf.py`) takes the order of glyphs, spaces, shadows and lam-alef
ligatures from where the glyphs stand (`pdf_layout`). What is left is put back
here, line by line (`repair_document_lines`), and only where the result is known
words: the ZWNJ (نیم‌فاصله, which has no glyph), a word a producer drew in two
pieces with a gap between them, and brackets a producer mirrored.

(The repairs of pypdf's content-stream order that once lived here, reversed digit
runs and lines read backwards, went with pypdf: PDFium's glyph positions leave
nothing for them to do.)
"""

from __future__ import annotations

import re
from functools import lru_cache

from paayesh_docs.persian import lexicon
from paayesh_docs.persian.fold import NON_JOINING

_PERSIAN_WORD = re.compile(r"[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u200c]+")


# hazm's list misses many inflected forms (دانشجویان، مهندسی): a known stem with one
# of these endings counts as a word.
_INFLECTIONS = ("ی", "ها", "های", "ان", "یان", "ات", "ای", "ترین", "تر", "ند", "د", "یم", "ید")


def _is_word(word: str) -> bool:
    """Known to hazm, or a known word with an inflectional ending."""
    key = lexicon.fold(word)
    if lexicon.frequency(key) is not None:
        return True
    return any(key.endswith(end) and lexicon.frequency(key[: -len(end)]) is not None
               for end in _INFLECTIONS if len(key) - len(end) >= 3)


_PLURALS = ("هایی", "های", "ها")
_AFTER_HEH = ("ای", "ی")
_ZWNJ_SUFFIXES = ("گرایی", "گرای", "گرا", "محوری", "محور")  # صادرات‌گرا، صادرات‌محور
_RARE_STEM = 100  # a stem seen this many times less often than another is no stem


def _inflected_compound(word: str, key: str) -> str | None:
    """A compound hazm's list writes with a ZWNJ, with an ending its list lacks:
    `سرمایهگذاران` -> `سرمایه‌گذاران`. A plural takes a ZWNJ of its own after a letter
    that joins (صورت‌جلسه‌ها), «ای» one after a silent heh (صورت‌جلسه‌ای)."""
    found = lexicon.compound_with_ending(key)
    if not found:
        return None
    _, tail, end = found
    stem = word[: len(word) - len(end)]
    cut = len(stem) - len(tail)
    if cut <= 0 or lexicon.fold(stem[cut:]) != tail:
        return None
    joiner = "\u200c" if (end in _PLURALS and stem[-1] not in NON_JOINING) or (
        end == "ای" and stem[-1] == "ه") else ""
    return f"{stem[:cut]}\u200c{stem[cut:]}{joiner}{word[len(stem):]}"


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
    inflected = _inflected_compound(word, key)
    if inflected:
        return inflected
    # a word hazm has an entry for as written (گواهی، راهی، همراهی) ends in a heh that is
    # sounded, not the silent heh a ZWNJ follows (نامه‌ای)
    entry = lexicon.frequency(key) is not None
    candidates = [
        word[: -len(suffix)]
        for suffixes, needs_heh in ((_PLURALS, False), (_AFTER_HEH, True), (_ZWNJ_SUFFIXES, False))
        for suffix in suffixes
        if word.endswith(suffix) and len(word) - len(suffix) >= 2
        and (not needs_heh or (word[-len(suffix) - 1] == "ه" and not entry))
        and lexicon.fold(word[: -len(suffix)]) in lexicon.words()
    ]
    if candidates:
        # the longest stem (خانهای is خانه‌ای, not خان‌های), unless it is a rare word
        # beside a common one (واحدهای is واحد and های, not واحده‌ای)
        seen = {stem: lexicon.frequency(lexicon.fold(stem)) or 0 for stem in candidates}
        stem = max((stem for stem in candidates
                    if seen[stem] * _RARE_STEM >= max(seen.values())), key=len)
        # after a letter that does not join (کالاها) no ZWNJ is written
        return None if stem[-1] in NON_JOINING else f"{stem}\u200c{word[len(stem):]}"
    if word.startswith("حاج") and len(word) > 5 and lexicon.fold(word[3:]) in lexicon.words():
        return f"حاج\u200c{word[3:]}"  # حاج‌محمدی, as names with the title are written
    for prefix in ("نمی", "می"):
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= 2 and lexicon.is_verb_form(
                lexicon.fold(rest)):
            return f"{prefix}\u200c{rest}"
    return None


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
