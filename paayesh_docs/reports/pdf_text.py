"""Persian paragraphs set for a PDF drawn by hand: shaped, in visual order, wrapped.

HarfBuzz (`uharfbuzz`, the shaper WeasyPrint uses through Pango) shapes each run of a
word where its bidi level (`persian.bidi`) stays the same: joined letters, lam-alef,
mirrored brackets in right-to-left runs, Persian digits. Words are shaped one by one
(Arabic letters never join across a space) and kept, since a register's 100,000
subjects are all different but made of the same few thousand words; lines are filled
with words, and each line's runs put in visual order (rule L2) and drawn left to right.
Runs of digits and the separators between them need no shaper: `Face` checks once that
HarfBuzz draws them one glyph a character at its own advance, and looks them up.

Glyphs are written as CIDs of a `Face`: one CID per glyph *and* the text it stands for,
so a PDF's ToUnicode map gives every glyph its own characters (a lam-alef «لا», the «(»
that a right-to-left run draws with the glyph of «)», a ZWNJ drawn as nothing) and the
text reads back in logical order.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, pairwise
from pathlib import Path

import uharfbuzz as hb

from paayesh_docs.persian import bidi

Color = tuple[float, float, float]
# A run: (level, TJ array text, advance in font units, None); or, when marks are raised
# or lowered, (level, "", advance, ((text rise, TJ array), ...)). The TJ arrays start and
# end where HarfBuzz's pen is, so runs drawn one after another join.
Run = tuple[int, str, int, tuple[tuple[int, str], ...] | None]
# A word: its runs in logical order and its advance (font units).
Word = tuple[list[Run], int]
# A paragraph's words' levels and the spaces' (`bidi.word_levels`), the tables its words
# are looked up in (None: a word of mixed levels), and whether each of its lines is one
# run of words drawn from the last (None: all right to left; True: no two left-to-right
# words next to each other; False: it depends on the line).
Pattern = tuple[tuple[int, ...], tuple[int, ...], "tuple[_Words, ...] | None", bool | None]
# Candidates for shaping without HarfBuzz, in a left-to-right run (numbers).
_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"  # bidi class EN
_PERSIAN_RUN = re.compile("([۰-۹]+)")
_RUN_MARK = "\ufdd0"  # a noncharacter (never in a text): a run of Persian digits
_PLAIN = "0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩/-.:,٫٬%٪"


class Face:
    """One font file, shaped with HarfBuzz, and the CIDs a document has used of it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data = path.read_bytes()
        face = hb.Face(self.data)
        self.font = hb.Font(face)
        self.upem = face.upem
        extents = self.font.get_font_extents("ltr")
        self.ascender = extents.ascender / self.upem  # in ems
        self.descender = -extents.descender / self.upem
        self.cids: dict[tuple[int, str], int] = {}
        self.gids: list[int] = [0]  # by CID; CID 0 is .notdef
        self.texts: list[str] = [""]
        self._free: list[int] = []
        plain = self._plain_characters()
        # A plain character's CID is its code point, so a run of them is its UTF-16 text;
        # the other CIDs are numbered around those.
        top = max(map(ord, plain), default=0)
        self.gids, self.texts = [0] * (top + 1), [""] * (top + 1)
        for ch, (gid, _) in plain.items():
            self.cids[(gid, ch)] = ord(ch)
            self.gids[ord(ch)], self.texts[ord(ch)] = gid, ch
        self._free = [cid for cid in range(top, 0, -1) if not self.gids[cid]]
        self._plain = "".join(plain)
        # numbers' recipes by their pattern (`number`)
        self._numbers: dict[str, tuple[list[str | int], int] | None] = {}
        self._plain_advance = {ch: advance for ch, (_, advance) in plain.items()}
        space = self.font.get_nominal_glyph(32) or 0
        self.space_hex = f"<{self.cid(space, ' '):04X}>"
        self.space = self.advance(space)
        self._runs: dict[tuple[str, int], Run] = {}
        self.rtl_words = _Words(self, 1)  # a word all right to left, by its text
        self.ltr_words = _Words(self, 2)  # a word all left to right inside the line
        self.classes = _Classes()  # a word's bidi classes, as `bidi.word_levels` takes them
        self.patterns = _Patterns(self)  # words' levels by their classes
        self.raised: set[str] = set()  # runs with marks set higher or lower (drawn apart)

    def cid(self, gid: int, text: str) -> int:
        key = (gid, text)
        found = self.cids.get(key)
        if found is None:
            if self._free:
                found = self._free.pop()
                self.gids[found], self.texts[found] = gid, text
            else:
                found = len(self.gids)
                self.gids.append(gid)
                self.texts.append(text)
            self.cids[key] = found
        return found

    def advance(self, gid: int) -> int:
        """The glyph's own advance (what a PDF viewer moves by), in font units."""
        return self.font.get_glyph_h_advance(gid)

    def word(self, text: str, levels: str) -> Word:
        """A word of mixed levels (`levels`: one digit a character), cut into its runs: a
        number and a letter («۱۲۳/د/۱۴۰۵»), not kept (each is another), its runs are."""
        runs = [self.run(text[start:end], int(levels[start]))
                for start, end in _level_cuts(levels)]
        if any(run[3] for run in runs):
            self.raised.add(text)
        return (runs, sum([run[2] for run in runs]))

    def number(self, text: str, style: Style) -> Line:
        """One word, usually a number («۱۴۰۵/و/۰۰۰۰۴۵»): laid out from a recipe kept for
        its pattern (the word with each run of Persian digits as one mark: such a run is
        at one level, however long, and is drawn as its own text), its digits looked up."""
        pieces = _PERSIAN_RUN.split(text)  # odd places: the runs of Persian digits
        pattern = _RUN_MARK.join(pieces[0::2])
        recipe = self._numbers.get(pattern, False)
        if recipe is False:
            recipe = self._numbers[pattern] = self._recipe(text, pieces)
        if recipe is None:  # its runs are not all plain or plain-free: each laid out
            runs = [self.run(text[start:end], level)
                    for start, end, level in _visual_cuts(bidi.levels(text))]
            if any(run[3] for run in runs):  # marks raised or lowered: drawn apart
                return _placed([(style, run) for run in runs])
            advance = sum([run[2] for run in runs]) * style.size / self.upem
            return (advance, [(style, 0.0, f"[{''.join([run[1] for run in runs])}] TJ")])
        template, advance = recipe
        digits = pieces[1::2]
        # a plain character is its own CID, so a run of digits is drawn as its UTF-16 text
        parts = [item if item.__class__ is str else digits[item].encode("utf-16-be").hex()
                 for item in template]
        advance += sum(map(self._plain_advance.__getitem__, "".join(digits)))
        return (advance * style.size / self.upem, [(style, 0.0, f"[{''.join(parts)}] TJ")])

    def _recipe(self, text: str, pieces: list[str]) -> tuple[list[str | int], int] | None:
        """How a word of this pattern is drawn: its TJ array in visual order, as fixed
        text and the numbers of its runs of Persian digits (`pieces[1::2]`, their text
        in UTF-16 hex), and the advance of all but those; None when a run of digits is
        shaped with other characters («HS0804»), a run has marks set apart, the digits
        are not plain in this font or a character is not one UTF-16 unit."""
        if len(text.encode("utf-16-be")) != 2 * len(text) or \
                "".join(pieces[1::2]).strip(self._plain):
            return None
        owner: list[int] = []  # each character's run of digits, or -1
        for place, piece in enumerate(pieces):
            owner += [(place - 1) // 2 if place % 2 else -1] * len(piece)
        template: list[str | int] = []
        advance = 0
        for start, end, level in _visual_cuts(bidi.levels(text)):
            part = text[start:end]
            if level % 2 == 0 and not part.strip(self._plain):  # looked up, one TJ string
                if (start and owner[start] >= 0 and owner[start - 1] == owner[start]) or \
                        (end < len(text) and owner[end] >= 0 and owner[end - 1] == owner[end]):
                    return None  # a run of digits cut (never: it is at one level)
                template.append("<")
                at = start
                while at < end:
                    after = at
                    while after < end and owner[after] == owner[at]:
                        after += 1
                    if owner[at] >= 0:
                        template.append(owner[at])
                    else:
                        template.append(text[at:after].encode("utf-16-be").hex())
                        advance += sum(map(self._plain_advance.__getitem__, text[at:after]))
                    at = after
                template.append(">")
                continue
            if max(owner[start:end]) >= 0:
                return None
            run = self.run(part, level)
            if run[3]:
                return None
            template.append(run[1])
            advance += run[2]
        merged: list[str | int] = []  # fixed text next to fixed text: one string
        for item in template:
            if item.__class__ is str and merged and merged[-1].__class__ is str:
                merged[-1] = f"{merged[-1]}{item}"
            else:
                merged.append(item)
        return merged, advance

    def run(self, text: str, level: int) -> Run:
        """`text` at one level, shaped (kept), or looked up when it is plain digits."""
        if level % 2 == 0 and not text.strip(self._plain):  # every character plain
            return (level, f"<{text.encode('utf-16-be').hex()}>",
                    sum(map(self._plain_advance.__getitem__, text)), None)
        key = (text, level)
        found = self._runs.get(key)
        if found is None:
            found = self._runs[key] = self._shaped(text, level)
            if found[3]:
                self.raised.add(text)
        return found

    def _shaped(self, text: str, level: int) -> Run:
        glyphs = self.shape(text, level % 2 == 1)
        per_unit = 1000 / self.upem  # TJ numbers are thousandths of an em
        segments: list[tuple[int, str]] = []  # (text rise, TJ array): marks set higher
        array: list[str] = []
        cids: list[str] = []
        pen = drawn = 0  # where HarfBuzz's pen is, where the viewer's is (font units)
        rise = 0
        for cid, gid, advance, x_offset, y_offset in glyphs:
            target = pen + x_offset
            if target != drawn or y_offset != rise:
                if cids:
                    array.append(f"<{''.join(cids)}>")
                    cids = []
                if y_offset != rise:
                    segments.append((rise, "".join(array)))
                    array, rise = [], y_offset
                if target != drawn:
                    array.append(f"{(drawn - target) * per_unit:.1f}")
                    drawn = target
            cids.append(f"{cid:04X}")
            drawn += self.advance(gid)
            pen += advance
        if cids:
            array.append(f"<{''.join(cids)}>")
        if pen != drawn:
            array.append(f"{(drawn - pen) * per_unit:.1f}")
        segments.append((rise, "".join(array)))
        if len(segments) == 1 and not rise:
            return (level, segments[0][1], pen, None)
        return (level, "", pen, tuple(segment for segment in segments if segment[1]))

    def shape(self, text: str, rtl: bool) -> list[tuple[int, int, int, int, int]]:
        """Glyphs of one run in visual order: (cid, glyph, x advance, x offset, y offset)."""
        if not text:
            return []
        buffer = hb.Buffer()
        buffer.add_str(text)
        buffer.direction = "rtl" if rtl else "ltr"
        buffer.guess_segment_properties()
        buffer.language = "fa"
        buffer.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
        hb.shape(self.font, buffer, {})
        infos, positions = buffer.glyph_infos, buffer.glyph_positions
        starts = [*sorted({info.cluster for info in infos}), len(text)]
        ends = dict(pairwise(starts))
        glyphs, given = [], set()
        for info, position in zip(infos, positions, strict=True):
            cluster = info.cluster
            own = text[cluster:ends[cluster]] if cluster not in given else ""
            given.add(cluster)  # a cluster of several glyphs: its text on the first
            glyphs.append((self.cid(info.codepoint, own), info.codepoint, position.x_advance,
                           position.x_offset, position.y_offset))
        return glyphs

    def _plain_characters(self) -> dict[str, tuple[int, int]]:
        """The characters of `_PLAIN` that HarfBuzz draws with their own glyph at its own
        advance, alone and beside each other: (glyph, advance) each."""
        nominal = {}
        for ch in _PLAIN:
            gid = self.font.get_nominal_glyph(ord(ch))
            if gid:
                nominal[ch] = (gid, self.advance(gid))

        def plain(text: str) -> bool:
            return [(g[1], g[2], g[3], g[4]) for g in self.shape(text, False)] == [
                (nominal[ch][0], nominal[ch][1], 0, 0) for ch in text]

        kept = {ch for ch in nominal if plain(ch)}
        for first in sorted(kept):
            for second in sorted(kept):
                if not plain(first + second):
                    kept.discard(second)
        self.gids, self.texts, self.cids = [0], [""], {}  # the checks drew nothing
        return {ch: nominal[ch] for ch in kept}


class _Words(dict[str, Word]):
    """Words of one level, by their text, shaped the first time they are asked for."""

    def __init__(self, face: Face, level: int) -> None:
        super().__init__()
        self.face, self.level = face, level

    def __missing__(self, text: str) -> Word:
        face = self.face
        if self.level == 2 and text.isdigit() and not text.strip(face._plain):
            # a number (each is another: not kept), its digits looked up
            advance = sum(map(face._plain_advance.__getitem__, text))
            return ([(2, f"<{text.encode('utf-16-be').hex()}>", advance, None)], advance)
        run = face.run(text, self.level)
        word = ([run], run[2])
        if run[3]:
            self.face.raised.add(text)
        if self.level == 1 or not text.isdigit():  # numbers are each another: not kept
            self[text] = word
        return word


class _Classes(dict[str, str]):
    """Words' `bidi.short_classes`, kept but for numbers (each is another)."""

    def __missing__(self, word: str) -> str:
        if word.isdigit():  # a number: not kept (each is another); Persian digits are EN
            return "EE"[:len(word)] if not word.strip(_PERSIAN_DIGITS) else \
                bidi.short_classes(word)
        found = self[word] = bidi.short_classes(word)
        return found


class _Patterns(dict[tuple[str, ...], "Pattern"]):
    """Paragraphs' words' levels by their words' `bidi.short_classes`, with how their
    words are looked up: `bidi.word_levels`, and what it means for drawing them."""

    def __init__(self, face: Face) -> None:
        super().__init__()
        self.face = face

    def __missing__(self, classes: tuple[str, ...]) -> Pattern:
        levels, gaps = bidi.word_levels(classes)
        if 0 in levels:  # a word of mixed levels: cut by its characters' levels
            found: Pattern = (levels, gaps, None, False)
        elif 2 not in levels and 2 not in gaps:  # every word right to left: one run
            found = (levels, gaps, (), None)
        else:
            tables = (None, self.face.rtl_words, self.face.ltr_words)
            found = (levels, gaps, tuple([tables[level] for level in levels]),
                     2 not in gaps)
        if len(self) < 65536:
            self[classes] = found
        return found


@lru_cache(maxsize=4096)
def _level_cuts(levels: str) -> tuple[tuple[int, int], ...]:
    cuts, start = [], 0
    for index in range(1, len(levels) + 1):
        if index == len(levels) or levels[index] != levels[start]:
            cuts.append((start, index))
            start = index
    return tuple(cuts)


@dataclass(frozen=True, eq=False)
class Style:
    """How a span is drawn; compared and hashed by identity (a document makes each once)."""

    face: Face
    size: float  # points
    color: Color = (0.0, 0.0, 0.0)


Span = tuple[str, Style]
Piece = tuple[Style, float, str]  # drawn at x points from the line's left: PDF operators
Line = tuple[float, list[Piece]]  # its width (points) and pieces, left to right
Placed = tuple[Style, Run]


def lay_out(spans: tuple[Span, ...], width: float | None) -> list[Line]:
    """The lines of a right-to-left paragraph of `spans` no wider than `width` points
    (None: one line), broken at spaces. A word wider than a line is not broken inside
    and stands out of it, as with WeasyPrint's `overflow-wrap: normal`."""
    if len(spans) == 1:
        text, style = spans[0]
        return lay_out_text(text, style, width)
    return _styled(spans, width)


def lay_out_text(text: str, style: Style, width: float | None) -> list[Line]:
    """`lay_out` of a paragraph in one style: words' levels from their classes' pattern
    (kept), words looked up by their text, each line one TJ."""
    if not text:
        return []
    face = style.face
    if " " not in text:  # one word (a number): its runs in visual order
        return [face.number(text, style)]
    words = text.split(" ")
    classes = face.classes
    levels, gaps, tables, simple = face.patterns[tuple([classes[word] for word in words])]
    if tables is None:  # a word of mixed levels («۱۲۳/د/۱۴۰۵»): cut by its characters' levels
        every, offset, found = bidi.levels(text), 0, []
        for word, level in zip(words, levels, strict=True):
            found.append(face.word(word, every[offset:offset + len(word)]) if level == 0
                         else (face.rtl_words if level == 1 else face.ltr_words)[word])
            offset += len(word) + 1
    elif simple is None:  # every word right to left
        rtl = face.rtl_words
        found = [rtl[word] for word in words]
    else:
        found = [table[word] for table, word in zip(tables, words, strict=True)]
    scale = style.size / face.upem
    space = face.space
    # where each word ends, a space after each: a line [begin, end) is as wide as
    # ends[end - 1] - ends[begin - 1] - space
    ends = list(accumulate([word[1] + space for word in found]))
    count = len(words)
    lines = [(0, count)]
    if width is not None:  # greedy: as many words as fit on each line
        room = width / scale + 1e-3 + space
        if ends[-1] > room:
            lines, begin = [], 0
            while begin < count:
                end = max(begin + 1, bisect_right(ends, room + (ends[begin - 1] if begin else 0)))
                lines.append((begin, end))
                begin = end
    raised = face.raised and not face.raised.isdisjoint(words)
    out = []
    for begin, end in lines:
        if not raised and (simple is not False or (
                0 not in levels[begin:end] and 2 not in gaps[begin:end - 1])):
            # words of one run each, no left-to-right stretch of several: the words from
            # the last one (a number among them keeps its own order), spaces between
            arrays = face.space_hex.join([word[0][0][1] for word in found[end - 1:begin - 1
                                                                          if begin else None:-1]])
            advance = ends[end - 1] - (ends[begin - 1] if begin else 0) - space
            out.append((advance * scale, [(style, 0.0, f"[{arrays}] TJ")]))
            continue
        runs: list[Run] = []
        for index in range(begin, end):
            if index > begin:
                runs.append((gaps[index - 1], face.space_hex, face.space, None))
            runs += found[index][0]
        if raised:
            out.append(_placed([(style, run) for run in runs]))
            continue
        order = _visual(tuple([run[0] for run in runs]))
        arrays = "".join([runs[index][1] for index in order])
        advance = sum([run[2] for run in runs])
        out.append((advance * scale, [(style, 0.0, f"[{arrays}] TJ")]))
    return out


def _styled(spans: tuple[Span, ...], width: float | None) -> list[Line]:
    """A paragraph of spans in styles of their own (a void mark and its reason)."""
    text = "".join(part for part, _ in spans)
    if not text:
        return []
    levels = bidi.levels(text)
    words: list[list[Placed]] = [[]]  # between two spaces: in one style or more
    gaps: list[Placed] = []  # the space before each word but the first
    offset = 0
    for part, style in spans:
        face = style.face
        for index, word in enumerate(part.split(" ")):
            if index:
                gaps.append((style, (int(levels[offset - 1]), face.space_hex, face.space, None)))
                words.append([])
            if word:
                runs = face.word(word, levels[offset:offset + len(word)])[0]
                words[-1].extend((style, run) for run in runs)
            offset += len(word) + 1
        offset -= 1
    lines, line, used = [], words[0], _width(words[0])
    for gap, word in zip(gaps, words[1:], strict=True):
        size = _width(word)
        if width is None or used + _width([gap]) + size <= width + 1e-3:
            line = [*line, gap, *word]
            used += _width([gap]) + size
        else:
            lines.append(line)
            line, used = word, size
    lines.append(line)
    return [_placed(line) for line in lines if line]


def _width(places: list[Placed]) -> float:
    return sum(run[2] * style.size / style.face.upem for style, run in places)


def _placed(places: list[Placed]) -> Line:
    """One line's runs (logical order) drawn from the left: in visual order (L2), those
    of one style next to each other in one TJ."""
    pieces: list[Piece] = []
    x = 0.0
    order = _visual(tuple([run[0] for _, run in places]))
    index = 0
    while index < len(order):
        style, run = places[order[index]]
        arrays, advance, raised = [run[1]], run[2], run[3]
        index += 1
        while index < len(order) and not raised:  # the same style next to it: one TJ
            follower, following = places[order[index]]
            if follower is not style or following[3]:
                break
            arrays.append(following[1])
            advance += following[2]
            index += 1
        if raised:
            show = " ".join(f"{rise * style.size / style.face.upem:.2f} Ts [{array}] TJ"
                            for rise, array in raised) + " 0 Ts"
        else:
            show = f"[{''.join(arrays)}] TJ"
        pieces.append((style, x, show))
        x += advance * style.size / style.face.upem
    return (x, pieces)


@lru_cache(maxsize=4096)
def _visual_cuts(levels: str) -> tuple[tuple[int, int, int], ...]:
    """A word's runs (start, end, level) in visual order, from its levels."""
    cuts = _level_cuts(levels)
    order = _visual(tuple(int(levels[start]) for start, _ in cuts))
    return tuple((*cuts[index], int(levels[cuts[index][0]])) for index in order)


@lru_cache(maxsize=4096)
def _visual(levels: tuple[int, ...]) -> list[int]:
    return bidi.visual_order(list(levels))
