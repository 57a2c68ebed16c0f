"""A PDF page's text from where each glyph stands: glyph boxes -> lines -> cells -> words.

The order of glyphs in a content stream is whatever the producer chose (Word writes
a right-to-left line in pieces, LibreOffice and Chromium write it left to right,
Aspose writes whole lines backwards); where they stand on the page is what the
reader sees. So a page is rebuilt from positions alone:

- glyphs are grouped into lines by their vertical centre (loose boxes: the font's
  ascent and descent, the same for every glyph of a font and size);
- a line is cut into cells where the horizontal gap is wide (a table's columns, a
  letterhead's two halves); cells are read from the right on a right-to-left page;
- inside a cell the glyphs are ordered by x and read with the bidi rules a
  producer used to lay them out: a right-to-left run read right to left, numbers
  and Latin runs left to right inside it (`/`, `:`, `.`, `,` join a number's parts,
  `-` does not: Persian digits after Arabic letters are Arabic numbers);
- a space stands where the stream has a space glyph, or where the gap between two
  glyphs is wider than the document's word-gap threshold (XeTeX writes no spaces);
- a glyph drawn again at almost the same place (a shadow or fake bold) is kept once;
  presentation forms are folded to letters.

No PDF library here: `pdf_pdfium` gives the glyphs. This keeps the layout testable
with glyphs made by hand, and the native code in the reading child.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import groupby, pairwise
from operator import and_, attrgetter, eq, gt

# Gaps in units of the line's font size.
DEFAULT_WORD_GAP = 0.12  # narrower than any font's space (0.2-0.35 em), wider than kerning
CELL_GAP = 0.8  # a gap with no space glyph this wide separates cells (cell padding)
CELL_GAP_WITH_SPACE = 3.5  # justified text stretches spaces; only a very wide one is a cell


class Glyph:
    """One character (or a ligature's characters) and its loose box, in PDF points;
    `size` is the font size (0 when unknown: then the box height stands in). `kind` is
    the first character's (`_kind`), worked out once: the bidi reading asks for it in
    each cell, and a glyph's first character keeps its kind (a ligature's characters
    are appended; a lam-alef turned round starts with another Arabic letter)."""

    __slots__ = ("bottom", "centre_y", "em", "kind", "left", "right", "text", "top")

    def __init__(self, text: str, left: float, right: float, bottom: float, top: float,
                 size: float = 0.0) -> None:
        self.text, self.left, self.right, self.bottom, self.top = text, left, right, bottom, top
        self.centre_y = (bottom + top) / 2
        self.em = size if size > 0 else max(top - bottom, 1.0) / 1.2
        self.kind = _kind(text[:1])  # its first character's, for the bidi reading

    def __repr__(self) -> str:
        return f"Glyph({self.text!r}, {self.left:.1f}, {self.right:.1f})"


@dataclass(slots=True)
class Cell:
    """Glyphs of one line that stand together: a table cell, or a whole line."""

    left: float
    right: float
    text: str


# --- character classes for the bidi reading ---------------------------------------------

_JOINERS = frozenset("/:.,٫٬")  # join a number's parts (common separators)


@cache
def _kind(ch: str) -> str:
    """R (a right-to-left letter), L (a left-to-right one), D (a digit) or N (neither)."""
    if not ch:
        return "N"
    if ch.isdigit():
        return "D"
    code = ord(ch)
    if 0x0590 <= code <= 0x08FF or 0xFB1D <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        return "R"
    return "L" if ch.isalpha() else "N"


def _is_rtl(ch: str) -> bool:
    return _kind(ch) == "R"


def _is_digit(ch: str) -> bool:
    return _kind(ch) == "D"


def _is_ltr_letter(ch: str) -> bool:
    return _kind(ch) == "L"


_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")


def fold_presentation_forms(text: str) -> str:
    """Arabic presentation forms (what some producers map glyphs to) as letters."""
    if not any(0xFB50 <= ord(ch) <= 0xFEFF for ch in text):
        return text
    return "".join(unicodedata.normalize("NFKC", ch) if 0xFB50 <= ord(ch) <= 0xFEFF else ch
                   for ch in text)


_NUMBER_OR_LATIN = re.compile("[DL]")


def _kinds(items: Sequence[str]) -> str:
    """Each item's kind (`_kind` of its first character), one letter an item."""
    return "".join([_kind(item[:1]) for item in items])


def _ltr_runs(items: Sequence[str], kinds: str | None = None) -> list[tuple[int, int]]:
    """Spans [start, end) of `items` (in visual order, left to right) that read left to
    right inside a right-to-left line: numbers with their joiners, Latin words, and the
    spaces and marks between two Latin words (and a Latin word's number: «Windows 10»).
    `kinds` is `_kinds(items)` when the caller has it already."""
    if kinds is None:
        kinds = _kinds(items)
    runs: list[tuple[int, int]] = []
    count = len(items)
    index = 0
    while index < count:
        found = _NUMBER_OR_LATIN.search(kinds, index)  # over the right-to-left stretch
        if found is None:
            break
        start = index = found.start()
        end = index + 1
        latin = kinds[index] == "L"
        while end < count:
            kind = kinds[end]
            if kind in "DL":
                latin = latin or kind == "L"
                end += 1
                continue
            prev = kinds[end - 1]
            if prev == "D" and items[end][:1] in _JOINERS and end + 1 < count \
                    and kinds[end + 1] == "D":
                end += 1
                continue
            if latin:  # neutrals between two Latin words belong to the Latin run
                probe = end
                while probe < count and kinds[probe] == "N":
                    probe += 1
                if probe < count and (kinds[probe] == "L" or (
                        kinds[probe] == "D" and prev == "L" and items[probe][:1].isascii())):
                    end = probe
                    continue
            break
        runs.append((start, end))
        index = end
    return runs


def visual_to_logical(items: Sequence[str], rtl: bool, mirror: bool = False,
                      kinds: str | None = None) -> str:
    """Pieces of text in visual order (left to right) as they are read.

    In a right-to-left line the pieces are read from the right, except runs of
    numbers and Latin words, read left to right; `mirror` swaps brackets in the
    right-to-left parts (a producer that wrote the mirrored glyph's character).
    `kinds` is `_kinds(items)` when the caller has it already.
    """
    if not rtl:
        # a left-to-right line: right-to-left stretches inside it are read from the right
        out: list[str] = []
        index = 0
        count = len(items)
        while index < count:
            if _is_rtl(items[index][:1]):
                end = index + 1
                last_rtl = index
                while end < count and not _is_ltr_letter(items[end][:1]):
                    if _is_rtl(items[end][:1]):
                        last_rtl = end
                    end += 1
                out.append(visual_to_logical(items[index:last_rtl + 1], True, mirror))
                index = last_rtl + 1
            else:
                out.append(items[index])
                index += 1
        return "".join(out)
    pieces: list[str] = []
    position = len(items)
    for start, end in reversed(_ltr_runs(items, kinds)):
        rtl_part = items[end:position]
        pieces.append(_rtl_text(rtl_part, mirror))
        pieces.append("".join(items[start:end]))
        position = start
    pieces.append(_rtl_text(items[:position], mirror))
    return "".join(pieces)


def _rtl_text(items: Sequence[str], mirror: bool) -> str:
    text = "".join(reversed(items))
    return text.translate(_MIRROR) if mirror else text


# --- lines ------------------------------------------------------------------------------

def _drop_shadows(glyphs: list[Glyph]) -> list[Glyph]:
    """Glyphs sorted by x: one drawn again over itself (shadow, fake bold) is kept once."""
    texts = [g.text for g in glyphs]
    lefts = [g.left for g in glyphs]
    rights = [g.right for g in glyphs]
    if not any(any(map(and_, map(eq, texts, texts[step:]), map(gt, rights, lefts[step:])))
               for step in (1, 2, 3)):
        return glyphs  # no glyph overlaps one of the three before it with its text: no copy
    kept: list[Glyph] = []
    for glyph in glyphs:
        duplicate = False
        for other in kept[-3:]:
            if other.right <= glyph.left or other.text != glyph.text or glyph.text == " ":
                continue
            width = min(glyph.right - glyph.left, other.right - other.left)
            overlap = min(glyph.right, other.right) - max(glyph.left, other.left)
            if width > 0 and overlap > 0.5 * width \
                    and abs(glyph.centre_y - other.centre_y) < 0.3 * glyph.em:
                duplicate = True
                break
        if not duplicate:
            kept.append(glyph)
    return kept


def group_lines(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
    """Glyphs into lines, top of the page first: a glyph joins the line whose vertical
    centre is within 0.4 of the line's font size from its own."""
    ordered = sorted(glyphs, key=attrgetter("centre_y"), reverse=True)
    lines: list[list[Glyph]] = []
    centre = 0.0
    em = 0.0
    # Glyphs of one font on one baseline share their centre (loose boxes), so they are
    # taken a run of equal centres at a time: when the run's first glyph joins a line,
    # the line's centre moves towards the run and the rest join too; when it starts a
    # line, the rest stand on its centre. The line's centre is its glyphs' mean.
    for centre_y, run in groupby(ordered, key=attrgetter("centre_y")):
        run_glyphs = list(run)
        run_em = max(g.em for g in run_glyphs)
        first_em = run_glyphs[0].em
        if lines and abs(centre_y - centre) < 0.4 * max(em, first_em):
            line = lines[-1]
            line.extend(run_glyphs)
            centre += (centre_y - centre) * len(run_glyphs) / len(line)
            em = max(em, run_em)
        else:
            lines.append(run_glyphs)
            centre, em = centre_y, run_em
    return [sorted(line, key=_x_centre) for line in lines]


def _x_centre(glyph: Glyph) -> float:
    return glyph.left + glyph.right  # twice the centre: the same order


def word_gap_threshold(lines: Iterable[list[Glyph]]) -> float:
    """The document's word gap, in em: the emptiest spot between kerning (about 0) and
    a space, in the histogram of gaps between neighbouring glyphs with no space glyph
    between them. With too few gaps to tell, the default."""
    bins = [0] * 20  # 0.02 em each, 0 to 0.4
    total = 0
    for line in lines:
        for before, after in pairwise(line):
            if before.text == " " or after.text == " ":
                continue
            gap = (after.left - before.right) / before.em
            if 0 <= gap < 0.4:
                bins[int(gap / 0.02)] += 1
                total += 1
    if total < 50 or sum(bins[5:]) < 10:  # no gap wider than 0.1 em: spaces are glyphs
        return DEFAULT_WORD_GAP
    # the emptiest bin between 0.06 and 0.24 em, the first of equals
    best = min(range(3, 12), key=lambda i: (bins[i], i))
    return (best + 0.5) * 0.02


_TOP, _BOTTOM = attrgetter("top"), attrgetter("bottom")


@dataclass(slots=True)
class LineCells:
    cells: list[Cell]
    top: float
    bottom: float


def _covers(space: Glyph, glyph: Glyph | None) -> bool:
    """Does `glyph` (a letter) lie over most of the space glyph `space`?"""
    if glyph is None or glyph.text == " ":
        return False
    width = space.right - space.left
    overlap = min(space.right, glyph.right) - max(space.left, glyph.left)
    return width > 0 and overlap > 0.5 * width


def line_cells(line: list[Glyph], word_gap: float, rtl_page: bool,
               mirror: bool = False) -> LineCells:
    """One line's cells, in reading order, each cell's text in logical order."""
    line = _drop_shadows(line)
    cells: list[Cell] = []
    texts: list[str] = []  # the current cell's pieces, spaces put in
    kinds: list[str] = []
    cell_left = 0.0
    space_since = False
    last: Glyph | None = None
    last_right = last_em = 0.0
    count = len(line)
    for index, glyph in enumerate(line):
        text = glyph.text
        if text == " ":
            # Word draws a justified line's space glyph over a letter at times: that
            # space marks nothing; the gap, where the words really part, decides
            if not space_since:
                following = line[index + 1] if index + 1 < count else None
                space_since = not (_covers(glyph, last) or _covers(glyph, following))
            continue
        em = glyph.em
        if last is None:
            cell_left = glyph.left
        else:
            gap = (glyph.left - last_right) / (em if em > last_em else last_em)
            if gap > (CELL_GAP_WITH_SPACE if space_since else CELL_GAP):
                cells.append(_cell(texts, kinds, cell_left, last_right, rtl_page, mirror))
                texts, kinds, cell_left = [], [], glyph.left
            elif space_since or gap > word_gap:
                texts.append(" ")
                kinds.append("N")
        texts.append(text)
        kinds.append(glyph.kind)
        last, last_right, last_em = glyph, glyph.right, em
        space_since = False
    if texts:
        cells.append(_cell(texts, kinds, cell_left, last_right, rtl_page, mirror))
    if rtl_page:
        cells.reverse()
    return LineCells(cells, max(map(_TOP, line)), min(map(_BOTTOM, line)))


def _cell(texts: list[str], kinds: list[str], left: float, right: float, rtl_page: bool,
          mirror: bool) -> Cell:
    """A cell of its pieces in visual order, read in the direction `cell_is_rtl` finds."""
    kind_letters = "".join(kinds)
    rtl = cell_is_rtl(kind_letters, rtl_page)
    return Cell(left, right, visual_to_logical(texts, rtl, mirror, kind_letters))


def cell_is_rtl(kinds: str, rtl_page: bool) -> bool:
    """Whether a line (or cell) of these kinds, in visual order, is a right-to-left one.

    Its two ends decide first: a paragraph's direction is that of its first strong
    letter (UAX #9, P2), and a left-to-right paragraph would show that letter at its left
    end, a right-to-left one at its right end; so Persian at both ends is a right-to-left
    line, however many Latin letters stand between («نشانی: info@example.com … است»),
    and Latin at both ends a left-to-right one. A line with one end of each («شرکت Saipa
    Diesel و شرکای ISO 9001») could be either: it takes the page's direction, and a
    page's direction is that of most of its letters."""
    letters = kinds.replace("D", "").replace("N", "")
    if not letters:
        return rtl_page
    if letters[0] == letters[-1]:
        return letters[0] == "R"
    return rtl_page


def page_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """A page's glyphs grouped into lines (`group_lines`), line ends left out."""
    return group_lines([g for g in glyphs if g.text and g.text not in "\r\n"])


def page_rows(glyphs: list[Glyph], word_gap: float | None = None,
              mirror: bool = False,
              lines: list[list[Glyph]] | None = None) -> list[LineCells]:
    """A page's lines, top first, each as its cells in reading order. Brackets are
    turned afterwards, by the words they face (`pdf_text.repair_brackets`): which
    character a producer wrote for a mirrored glyph is not in the PDF."""
    if lines is None:
        lines = page_lines(glyphs)
    if not lines:
        return []
    glyphs = [g for line in lines for g in line]
    if word_gap is None:
        word_gap = word_gap_threshold(lines)
    kinds = "".join([g.kind for g in glyphs])
    rtl_page = kinds.count("R") >= kinds.count("L")
    rows = [line_cells(line, word_gap, rtl_page, mirror) for line in lines]
    return [row for row in rows if any(cell.text.strip() for cell in row.cells)]
