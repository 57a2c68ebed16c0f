"""A header value's glyphs counted on the page, and its readings checked against them.

Persian digits never join one another, nor a slash: each digit of a letter number or a
date is one connected piece of ink of its own («۰» a small dot, «۱» a plain stroke), and
a slash is a thinner stroke leaning right at its top (`slashes`). A letter
of a number («ت», «ص») is one piece with its dots above or below it. So the ink of a
value, cut into pieces, tells how many symbols stand between its slashes, whatever the
model made of them; a reading with more or fewer digits than the ink holds («۸۵۵۱/ص»
for three digits and a letter), or with a slash read as «۱» («۶۰۱۱۲۳۴۵» where the ink
shows a slash) cannot be right. `checked_vote` keeps the readings that agree with the
count; when none does, the value is read again glyph by glyph, and when that does not
agree either, the value is left to a clerk (its confidence lowered below review).
"""

from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from paayesh_docs.ingest import header_ocr as h
from paayesh_docs.persian.fold import NON_JOINING

_RULE_TALL = 1.5  # of the digits' height: a taller piece is a table's rule, not a glyph
_SPECK = 0.12  # of the digits' height: a piece smaller both ways is a speck
_ZERO_TALL = 0.45  # of the digits' height: a lone piece lower than this is «۰» (or a dot)
_MERGE_OVERLAP = 0.5  # of the narrower piece: pieces sharing more columns are one glyph
_EDGE_PAD = 0.25  # of the value's height: white kept round the value's box
_DASH_WIDE = 1.8  # a low lone glyph wider than this many times its height is «-», not «۰»
_SURE_GLYPH = 50.0  # a digit read alone less surely than this is read as a letter


@dataclass
class Glyph:
    """One glyph of a value: its box in the crop, its ink, whether it is a slash."""

    left: int
    right: int
    top: int
    bottom: int
    pixels: Any  # (ys, xs) of its ink in the crop
    slash: bool = False

    @property
    def height(self) -> int:
        return self.bottom - self.top


def value_glyphs(crop: Any) -> list[Glyph] | None:
    """The value's glyphs left to right: pieces of ink, a letter's dots joined to it,
    specks and a table's rules left out. None when the count cannot be trusted: no ink,
    or a glyph cut by the crop's side (the value's box did not hold it whole)."""
    import numpy as np

    _, parts = h.glyph_parts(crop)
    if not parts:
        return None
    heights = sorted(p[3] - p[2] for p in parts)
    tall = heights[len(heights) * 3 // 4] or 1
    kept = []
    for part in parts:
        left, right, top, bottom = part[:4]
        if bottom - top > _RULE_TALL * tall or (right - left > 3 * tall
                                                and bottom - top < 0.25 * tall):
            continue  # a table's rule, upright or level
        if bottom - top < _SPECK * tall and right - left < _SPECK * tall:
            continue
        kept.append(part)
    if not kept:
        return None
    width = crop.width
    if any(p[0] <= 0 or p[1] >= width for p in kept):
        return None
    kept = _rejoined(kept, tall)
    found = set(slashes(kept))
    glyphs: list[Glyph] = []
    for index, part in enumerate(kept):
        left, right, top, bottom, _, _, pixels = part
        slash = index in found
        for glyph in glyphs:
            shared = min(right, glyph.right) - max(left, glyph.left)
            if not slash and not glyph.slash and \
                    shared > _MERGE_OVERLAP * min(right - left, glyph.right - glyph.left):
                glyph.left, glyph.right = min(left, glyph.left), max(right, glyph.right)
                glyph.top, glyph.bottom = min(top, glyph.top), max(bottom, glyph.bottom)
                glyph.pixels = (np.concatenate([glyph.pixels[0], pixels[0]]),
                                np.concatenate([glyph.pixels[1], pixels[1]]))
                break
        else:
            glyphs.append(Glyph(left, right, top, bottom, pixels, slash))
    return _halves_joined(sorted(glyphs, key=lambda g: g.left))


_HALVES_GAP = 0.25  # of their height: the halves of a «0» stand this close


def _bow(glyph: Glyph) -> float:
    """How far the glyph's middle rows stand right (+) or left (-) of its ends."""
    import numpy as np

    ys, xs = glyph.pixels
    tenth = max(1, glyph.height // 10)
    ends = np.concatenate([xs[ys < glyph.top + tenth], xs[ys >= glyph.bottom - tenth]])
    middle = xs[(ys >= glyph.top + 4 * tenth) & (ys < glyph.bottom - 4 * tenth)]
    if not ends.size or not middle.size:
        return 0.0
    return float(middle.mean() - ends.mean())


def _halves_joined(glyphs: list[Glyph]) -> list[Glyph]:
    """A Latin «0» whose hairlines at top and foot a fax or a blur lost: two narrow bows
    facing each other, «(» and «)», as tall as each other and close: one glyph. No
    digit is drawn as two such bows side by side."""
    import numpy as np

    index = 0
    while index + 1 < len(glyphs):
        left, right = glyphs[index], glyphs[index + 1]
        height = max(left.height, right.height, 1)
        if not left.slash and not right.slash \
                and right.left - left.right <= _HALVES_GAP * height \
                and abs(left.top - right.top) <= 0.1 * height \
                and abs(left.bottom - right.bottom) <= 0.1 * height \
                and max(left.right - left.left, right.right - right.left) \
                < _STROKE_NARROW * height \
                and _bow(left) < -0.05 * height and _bow(right) > 0.05 * height:
            glyphs[index] = Glyph(left.left, right.right, min(left.top, right.top),
                                  max(left.bottom, right.bottom),
                                  (np.concatenate([left.pixels[0], right.pixels[0]]),
                                   np.concatenate([left.pixels[1], right.pixels[1]])))
            del glyphs[index + 1]
        index += 1
    return glyphs


_BROKEN_GAP = 0.3  # of the digits' height: a stroke cut by a fax's streak leaves such a gap


def _rejoined(parts: list[Any], tall: int) -> list[Any]:
    """Strokes a fax's streak (or its removal) cut across joined again: two pieces one
    above the other, a small gap between them, their columns touching. No two glyphs of
    a number stand one above the other; a letter's dots above it join it anyway."""
    import numpy as np

    group = list(range(len(parts)))

    def root(index: int) -> int:
        while group[index] != index:
            index = group[index]
        return index

    for (i, upper), (j, lower) in itertools.permutations(enumerate(parts), 2):
        gap = lower[2] - upper[3]
        apart = max(lower[0], upper[0]) - min(lower[1], upper[1])
        if 0 <= gap <= _BROKEN_GAP * tall and apart <= 1:
            group[root(j)] = root(i)
    joined = []
    for members in ({k for k in range(len(parts)) if root(k) == r}
                    for r in {root(k) for k in range(len(parts))}):
        if len(members) == 1:
            joined.append(parts[members.pop()])
            continue
        ys = np.concatenate([parts[k][6][0] for k in members])
        xs = np.concatenate([parts[k][6][1] for k in members])
        left, right = int(xs.min()), int(xs.max()) + 1
        top, bottom = int(ys.min()), int(ys.max()) + 1
        lean = float(-np.polyfit(ys, xs, 1)[0])
        fill = len(ys) / max(1, (right - left) * (bottom - top))
        joined.append((left, right, top, bottom, lean, fill, (ys, xs)))
    parts = joined
    return sorted(parts, key=lambda p: p[0])


_SLASH_LEAN = 0.15  # a slash's top stands right of its foot: x falls as y grows, by this much
_SLASH_FILL = 0.35  # of its box: a slash is a thin stroke (a fax's are fatter than a print's)
_SLASH_NARROW = 0.6  # of its height: a slash is narrow; «۳» leans a little too, but is wide
_SLASH_TALL = 0.6  # of the tallest glyph: a dot or «۰» is no slash


def slashes(parts: list[tuple[int, int, int, int, float, float, Any]]) -> list[int]:
    """Which pieces are slashes: tall, narrow, thin, leaning right at the top («۱»
    leans the other way, when at all). Looser on ink than `header_ocr.slashes` (a fax's
    strokes are fat) since here a piece is only counted, not cut out."""
    tallest = max((p[3] - p[2] for p in parts), default=0)
    tops = sorted(p[2] for p in parts)
    usual_top = tops[len(tops) // 2] if tops else 0
    return [i for i, (left, right, top, bottom, lean, fill, _) in enumerate(parts)
            if bottom - top >= _SLASH_TALL * tallest and lean > _SLASH_LEAN
            and fill < _SLASH_FILL and right - left < _SLASH_NARROW * (bottom - top)
            and top - usual_top <= _SLASH_SINKS * tallest]


# of the tallest glyph: a slash rises as high as the digits beside it; a final «م» or «ن»
# whose tail falls below the line leans like a slash and is as tall, but its top stands
# about half a digit lower than theirs
_SLASH_SINKS = 0.3


def counters(glyph: Glyph) -> list[tuple[float, float]]:
    """The closed counters of the glyph's ink (white not reached from outside): where
    each stands, top and bottom, as shares of the glyph's height from its top."""
    import numpy as np

    ys, xs = glyph.pixels
    ink = np.zeros((glyph.bottom - glyph.top + 2, glyph.right - glyph.left + 2), dtype=bool)
    ink[ys - glyph.top + 1, xs - glyph.left + 1] = True
    seen = ink.copy()
    found: list[tuple[float, float]] = []
    height, width = ink.shape
    tall = max(glyph.bottom - glyph.top, 1)
    for y0, x0 in [(0, 0)] + [tuple(p) for p in np.argwhere(~ink)]:
        if seen[y0, x0]:
            continue
        seen[y0, x0] = True
        stack = [(int(y0), int(x0))]
        top = bottom = int(y0)
        while stack:
            y, x = stack.pop()
            top, bottom = min(top, y), max(bottom, y)
            for ny, nx in ((y - 1, x), (y + 1, x), (y, x - 1), (y, x + 1)):
                if 0 <= ny < height and 0 <= nx < width and not seen[ny, nx]:
                    seen[ny, nx] = True
                    stack.append((ny, nx))
        found.append(((top - 1) / tall, (bottom - 1) / tall))
    return found[1:]  # the first region is the outside


def holes(glyph: Glyph) -> int:
    """How many closed counters the glyph's ink holds."""
    return len(counters(glyph))


def segment_counts(glyphs: list[Glyph]) -> list[int]:
    """How many glyphs stand between the slashes and dashes, left to right. A dash parts
    runs of digits as a slash does, but where it stands among them turns with the bidi
    rules (a hyphen between numbers after a Persian letter joins none: «۳۰۲/۱-۱۴۰۵» is
    laid out «۱۴۰۵-۳۰۲/۱»), so the parts are counted each side of either."""
    tall = max((g.height for g in glyphs if not g.slash), default=1)
    counts = [0]
    for glyph in glyphs:
        dash = not glyph.slash and glyph.height < _ZERO_TALL * tall \
            and glyph.right - glyph.left > _DASH_WIDE * max(glyph.height, 1)
        if glyph.slash or dash:
            counts.append(0)
        else:
            counts[-1] += 1
    return counts


def reading_counts(text: str) -> list[int]:
    """How many glyphs a reading's parts between slashes hold: one a digit, sign or
    letter piece (joined letters are one piece; «ا», «د», «ر», «و» … end a piece)."""
    counts = []
    for part in re.split("[/-]", text.replace(" ", "")):
        count = 0
        joined = False
        for character in part:
            if character in h.NUMBER_LETTERS or character in NON_JOINING:
                if not joined:
                    count += 1
                joined = character not in NON_JOINING
            else:
                count += 1
                joined = False
        counts.append(count)
    return counts


_JOINED_WIDE = 1.5  # of the value's middle glyph width: a letter and a slash joined


def agrees_slash_joined(text: str, glyphs: list[Glyph]) -> bool:
    """Whether a reading agrees with ink that holds one slash fewer, its letter's slash
    touching it: «۵۰۳۹/ق/۱۴۰۵» at 150 dpi is [4, 5] in the ink (the slash before «ق» one
    piece with it) against the reading's [4, 1, 4]. A reading's one-letter part taken
    with a part beside it gives the ink's counts, and one glyph of the ink is wide
    enough to be that letter and a slash (half as wide again as the value's middle
    one; a digit never is). The ink must keep a slash of its own."""
    mine, counts = reading_counts(text), segment_counts(glyphs)
    widths = sorted(g.right - g.left for g in glyphs if not g.slash)
    # the ink keeps a slash: a letter that took a number's only slash («۲۲۴۱/ف», its
    # dot a piece of its own) leaves nothing to count its parts by
    if len(mine) != len(counts) + 1 or len(counts) < 2 or not widths \
            or widths[-1] <= _JOINED_WIDE * widths[len(widths) // 2]:
        return False
    parts = re.split("[/-]", text.replace(" ", ""))
    for at, part in enumerate(parts):
        if len(part) != 1 or part not in h.NUMBER_LETTERS:
            continue
        for beside in (at - 1, at + 1):
            if 0 <= beside < len(mine):
                merged = [c for k, c in enumerate(mine) if k not in (at, beside)]
                if sorted([*merged, mine[at] + mine[beside]]) == sorted(counts):
                    return True
    return False


def agrees(text: str, counts: list[int]) -> bool:
    """Whether a reading holds as many parts as the ink, each with as many glyphs (in
    any order: the order of a number's parts is not what is checked here)."""
    return sorted(reading_counts(text)) == sorted(counts)


def _glyph_image(glyphs: list[Glyph], shape: tuple[int, int], tall: int) -> Any:
    """The glyphs' ink alone (all else white), enlarged to the re-reading height, with a
    white margin."""
    import numpy as np
    from PIL import Image, ImageOps

    mask = np.zeros(shape, dtype=bool)
    for glyph in glyphs:
        mask[glyph.pixels] = True
    left, right = min(g.left for g in glyphs), max(g.right for g in glyphs)
    top, bottom = min(g.top for g in glyphs), max(g.bottom for g in glyphs)
    image = Image.fromarray(np.where(mask[top:bottom, left:right], 0, 255).astype(np.uint8))
    factor = max(1.0, h._REREAD_SCALE_BELOW / max(tall, 1))
    if factor > 1.0:
        image = image.resize((max(1, round(image.width * factor)),
                              max(1, round(image.height * factor))), Image.Resampling.LANCZOS)
    return ImageOps.expand(image, max(12, round(tall * factor / 2)), fill=255)


_STROKE_NARROW = 0.45  # of its height: «۱» (or «1») is a narrow stroke; other digits wider


_DESCENDS = 0.3  # of the digits' height: a glyph whose foot falls this far below theirs
_STROKE_STRAIGHT = 0.06  # of its height: how far a straight stroke's middle strays


def _plain_stroke(glyph: Glyph, tall: int) -> bool:
    """A full-height, narrow, upright, straight glyph with no counter: «۱» (half of a
    Latin «0» whose hairlines a fax lost is narrow too, but bowed)."""
    import numpy as np

    ys, xs = glyph.pixels
    if glyph.height < 0.8 * tall or glyph.right - glyph.left >= _STROKE_NARROW * glyph.height \
            or holes(glyph):
        return False
    rows = np.arange(glyph.top + glyph.height // 10, glyph.bottom - glyph.height // 10)
    centres = np.array([xs[ys == row].mean() for row in rows if (ys == row).any()])
    if centres.size < 3:
        return False
    fitted = np.polyval(np.polyfit(np.arange(centres.size), centres, 1), np.arange(centres.size))
    lean = -(fitted[-1] - fitted[0]) / max(centres.size - 1, 1)
    return lean <= _SLASH_LEAN and \
        float(np.abs(centres - fitted).max()) <= _STROKE_STRAIGHT * glyph.height


_TEETH_ROWS = 0.2  # of its height: the rows at a glyph's top where its teeth are counted


def teeth(glyph: Glyph) -> int:
    """How many strokes the glyph's top rows cross at most: «۳» has three teeth, «۲» and
    «۴» two, at any resolution (the model takes «۲» and «۳» for each other, the more so
    on a fax; their teeth tell them)."""
    import numpy as np

    ys, xs = glyph.pixels
    most = 0
    for row in range(glyph.top, glyph.top + max(1, round(_TEETH_ROWS * glyph.height))):
        columns = np.zeros(glyph.right - glyph.left + 2, dtype=bool)
        columns[xs[ys == row] - glyph.left + 1] = True
        most = max(most, int(np.sum(columns[1:] & ~columns[:-1])))
    return most


_BELOW_THE_LINE = "رزژقمنجحخعوی"  # a number's letters whose foot falls below the digits'


def _letter_for_digit(by_glyph: str, chosen: str, glyphs: list[Glyph]) -> bool:
    """The two readings the same but where the glyphs read a letter that falls below the
    line and the reading a digit, and a glyph does fall below the digits' line: no
    Persian digit does («۳۶۲۸/ر/۵۲» read «۵۲/۱/۳۶۲۸», the «ر» taken for «۱» and the
    whole then read as digits, left to right)."""
    if len(by_glyph) != len(chosen) or by_glyph == chosen:
        return False
    # a letter taken for a digit, the whole was read as digits, left to right
    backwards = "/".join(reversed(chosen.split("/")))
    digits = [g for g in glyphs if not g.slash]
    tall = max((g.height for g in digits), default=1)
    bottoms = sorted(g.bottom for g in digits)
    baseline = bottoms[len(bottoms) // 2] if bottoms else 0
    if not any(g.bottom - baseline > _DESCENDS * tall for g in digits):
        return False
    return any(all(a == b or (a in _BELOW_THE_LINE and b.isdigit())
                   for a, b in zip(by_glyph, reading, strict=True))
               for reading in (chosen, backwards))


def _two_for_three(by_glyph: str, chosen: str) -> bool:
    """The two readings the same but for «۲» against «۳» in some places."""
    return len(by_glyph) == len(chosen) and all(
        a == b or {a, b} == {"۲", "۳"} for a, b in zip(by_glyph, chosen, strict=True))


@contextlib.contextmanager
def _single_char(api: Any, psm: Any, whitelist: str) -> Iterator[Any]:
    """One of the engine's readers set, for a while, to read one character of
    `whitelist`: a reader of its own would load the model again (tens of MB a worker,
    and a worker's address space is capped)."""
    mode = api.GetPageSegMode()
    previous = api.GetVariableAsString("tessedit_char_whitelist") or ""
    api.SetPageSegMode(psm.SINGLE_CHAR)
    api.SetVariable("tessedit_char_whitelist", whitelist)
    try:
        yield api
    finally:
        api.SetPageSegMode(mode)
        api.SetVariable("tessedit_char_whitelist", previous)


# how many dots each of a number's letters has; the rest have none («ک», «گ» a stroke
# that may stand apart)
_LETTER_DOTS = {"ب": 1, "پ": 3, "ت": 2, "ج": 1, "خ": 1, "ز": 1, "ش": 3, "ف": 1, "ق": 2,
                "ن": 1}
_NOISE_PIXELS = 3  # a part this small is noise, not a dot


def pieces_fit(letter: str, image: Any) -> bool:
    """Whether the ink's pieces could write `letter`: its body, and its dots apart or
    run together (a dotless letter in one piece, «ک»/«گ» in up to two). The model
    reading a lone glyph as one character takes a fax's «د» for «ت», dots and all."""
    _, parts = h.glyph_parts(image, threshold=128)  # black on white, as read alone
    found = sum(1 for part in parts if len(part[6][0]) > _NOISE_PIXELS)
    dots = _LETTER_DOTS.get(letter, 0)
    if letter in "کگ":
        return 1 <= found <= 2
    return found == 1 if not dots else 2 <= found <= 1 + dots


def letter_alone(ocr: Any, image: Any, most: int = 1, as_character: bool = True,
                 ) -> tuple[str, float]:
    """A number's letter read alone: as a word first, then, if that reads none, as one
    character. The model, reading a lone letter as a word, reads nothing for most of
    them («ح», «ک», «ق» of the Naskh face among them); as one character it reads most
    (with little confidence: what it reads this way is a clerk's to check), and keeps
    what it reads only if the ink's pieces fit the letter (`pieces_fit`). ("", 0)
    when neither reads up to `most` of `NUMBER_LETTERS`. `as_character` False: as a
    word only (a glyph the digit reader read unsurely is no letter the model cannot
    read as a word: as one character it takes a «۶» for «ع»)."""
    letter, sure = h._read_alone(ocr.letter, image)
    if re.fullmatch(f"[{h.NUMBER_LETTERS}]{{1,{most}}}", letter):
        return letter, sure
    if not as_character:
        return "", 0.0
    from PIL import Image

    with _single_char(ocr.letter, ocr.tesserocr.PSM, h.NUMBER_LETTERS) as api:
        for scale in (1, 2):  # a letter the height of a 300-dpi digit is read only enlarged
            letter, sure = h._read_alone(api, image if scale == 1 else image.resize(
                (image.width * scale, image.height * scale), Image.Resampling.LANCZOS))
            if len(letter) == 1 and letter in h.NUMBER_LETTERS:
                return (letter, sure) if pieces_fit(letter, image) else ("", 0.0)
    return "", 0.0


def read_by_glyph(ocr: Any, crop: Any, glyphs: list[Glyph]) -> tuple[str, float] | None:
    """`_read_by_glyph` with the engine's digit and Latin readers set to one character."""
    psm = ocr.tesserocr.PSM
    with contextlib.ExitStack() as modes:
        digit_api = modes.enter_context(_single_char(ocr.digit, psm, h.PERSIAN_DIGITS))
        latin_api = modes.enter_context(_single_char(ocr.latin, psm, h.LATIN_DIGITS)) \
            if ocr.latin is not None else None
        return _read_by_glyph(ocr, crop, glyphs, digit_api, latin_api)


_HAH_WIDE = 1.15  # of the digits' usual width: «ح», «ج», «خ» are wider than a digit
_DOT_ABOVE = 0.25  # of the letter's height: a dot whose middle stands higher is above it


def _wider_than_digits(glyph: Glyph, glyphs: list[Glyph], share: float) -> bool:
    """Whether the glyph is wider than `share` times the usual width of the value's
    other digits (slashes and the low «۰» aside)."""
    import statistics

    tall = max(g.height for g in glyphs if not g.slash)
    others = [g.right - g.left for g in glyphs
              if g is not glyph and not g.slash and g.height >= _ZERO_TALL * tall]
    return bool(others) and glyph.right - glyph.left > share * statistics.median(others)


def hah_by_dots(glyph: Glyph) -> str:
    """Which of «ح», «ج», «خ» a glyph of their shape is, by its dots: none, one inside
    or below its bowl, one above it. The model, reading a number's glyph alone, takes
    all three for «۹»."""
    import numpy as np
    from PIL import Image

    ys, xs = glyph.pixels
    pixels = np.full((glyph.bottom - glyph.top + 4, glyph.right - glyph.left + 4), 255,
                     np.uint8)
    pixels[ys - glyph.top + 2, xs - glyph.left + 2] = 0
    _, parts = h.glyph_parts(Image.fromarray(pixels, "L"), threshold=128)
    if len(parts) < 2:
        return "ح"
    body = max(parts, key=lambda part: len(part[6][0]))
    dots = [part for part in parts if part is not body]
    middle = sum((part[2] + part[3]) / 2 for part in dots) / len(dots)
    return "خ" if middle < body[2] + _DOT_ABOVE * (body[3] - body[2]) else "ج"


_NINE_COUNTER = 0.5  # of the glyph's height: «۹»'s counter ends above it, «۵»'s below


def _settled_by_counter(digit: str, glyph: Glyph, glyphs: list[Glyph], tall: int) -> str:
    """A glyph read alone as «۵», «۸» or «۹», settled by its counter: «۹» closes a small
    one at its top, «۵» a large one down to its foot, «۸» none (the model alone takes
    each for another); read «۹» with none and wider than the digits, it is «ح», «ج» or
    «خ» (`hah_by_dots`); read «۵» with none and lower than the digits, the number's
    «د». A «۵» of a small scan may lose its counter: then it is left as read."""
    if digit not in ("۵", "۸", "۹"):
        return digit
    found = counters(glyph)
    if found:
        return "۹" if max(bottom for _, bottom in found) < _NINE_COUNTER else "۵"
    if digit == "۹" and _wider_than_digits(glyph, glyphs, _HAH_WIDE):
        return hah_by_dots(glyph)
    if digit == "۵" and glyph.height < _DAL_LOW * tall:
        return "د"
    return digit


def _digit_alone(ocr: Any, digit_api: Any, image: Any) -> tuple[str, float]:
    """A glyph read as one digit, and, if that reads none, as a word of digits: as one
    character the model reads a 200-dpi «۴» as nothing, as a word it reads it (as a
    word it reads nothing for other glyphs). ("", 0) when neither reads one digit."""
    digit, sure = h._read_alone(digit_api, image)
    if len(digit) == 1:
        return digit, sure
    psm = ocr.tesserocr.PSM
    digit_api.SetPageSegMode(psm.SINGLE_WORD)
    try:
        digit, sure = h._read_alone(digit_api, image)
    finally:
        digit_api.SetPageSegMode(psm.SINGLE_CHAR)
    return (digit, sure) if len(digit) == 1 else ("", 0.0)


def _read_by_glyph(ocr: Any, crop: Any, glyphs: list[Glyph], digit_api: Any,
                   latin_api: Any) -> tuple[str, float] | None:
    """The value read one glyph at a time (each alone, the others whitened): a low lone
    glyph is «۰» (the model reads a dot alone as nothing) or, level and wide, «-»; a
    slash is a slash; any other a digit, or a number's letter when the model is surer of
    it as one. «۸» read where the ink closes a counter is «۵» (the same strokes, «۵»
    closed at its foot: no other digit read as «۸» holds one). The text in writing
    order, and the least confidence; None when a glyph is neither digit nor letter."""
    import numpy as np

    shape = np.asarray(crop.convert("L")).shape
    tall = max((g.height for g in glyphs if not g.slash), default=1)
    bottoms = sorted(g.bottom for g in glyphs if not g.slash)
    baseline = bottoms[len(bottoms) // 2] if bottoms else 0
    visual = ""
    confidence = 100.0
    for glyph in glyphs:
        if glyph.slash:
            visual += "/"
            continue
        if glyph.bottom - baseline > _DESCENDS * tall:
            # no Persian digit falls below the line; «ق», «م», «ن», «ج», «ع» do: read as a
            # letter only (as a digit the model takes «ق» for «۳»)
            letter, letter_sure = letter_alone(ocr, _glyph_image([glyph], shape, tall))
            if letter:
                visual += hah_by_dots(glyph) if letter in "حجخ" else letter
                confidence = min(confidence, letter_sure)
                continue
        if glyph.height < _ZERO_TALL * tall:
            # «۰» is a dot as wide as high; a dash is a level stroke
            wide = glyph.right - glyph.left > _DASH_WIDE * max(glyph.height, 1)
            visual += "-" if wide else "۰"
            continue
        image = _glyph_image([glyph], shape, tall)
        digit, sure = _digit_alone(ocr, digit_api, image)
        digit = _settled_by_counter(digit, glyph, glyphs, tall)
        if sure < _SURE_GLYPH and latin_api is not None:
            # a letterhead may print its numbers in Latin digits: the Latin model's
            latin_api.SetImage(image)
            latin = (latin_api.GetUTF8Text() or "").strip()
            latin_sure = float(latin_api.MeanTextConf())
            if len(latin) == 1 and latin.isdigit() and latin_sure > sure:
                digit, sure = latin, latin_sure
        if sure < _SURE_GLYPH:
            # read as a word: the model knows a letter alone better in that mode
            letter, letter_sure = letter_alone(ocr, image, as_character=False)
            if letter and (letter_sure > sure or not digit):  # a tie keeps the digit read
                digit, sure = letter, letter_sure
        if digit in ("۲", "۳") and teeth(glyph) in (2, 3):
            digit = "۲" if teeth(glyph) == 2 else "۳"  # the model's slip the shape settles
        if len(digit) != 1 and _plain_stroke(glyph, tall):
            digit = "۱"  # the model reads a lone upright stroke as nothing at times
        if len(digit) != 1:
            return None
        visual += digit
        confidence = min(confidence, sure)
    return h.normalise_value(h.visual_to_logical(visual)), confidence


def checked_vote(ocr: Any, image: Any, box: tuple[int, int, int, int],
                 readings: list[tuple[str, float]], dated: bool, day: DayInk | None = None,
                 ) -> tuple[str, float] | None:
    """`header_ocr._vote` among the readings whose glyphs per part agree with the ink in
    `box` (the value's own box: no label, no rule); a reading read glyph by glyph joins
    them. None agreeing: the value read glyph by glyph if that agrees (a guess: below
    the review threshold), else the plain vote, below it too. A value whose ink cannot
    be counted (a glyph cut by the box) is voted on as before; a date with its month's
    name among the readings whose day holds the `day` digits the ink shows
    (`day_digits`), when it was counted."""
    plain = h._vote(readings, dated)
    if readings and any(month in t for t, _ in readings for month in h._MONTHS):
        checked = _day_checked(ocr, readings, day, plain)
        if checked is None and day is not None and plain is not None:
            # the ink's day fits no reading, nor could it be read: a clerk's to read
            return plain[0], min(plain[1], h._UNREADABLE)
        return checked or plain
    if not readings:
        return plain
    left, top, right, bottom = box
    pad = max(2, round(_EDGE_PAD * (bottom - top)))
    crop = image.crop((max(0, left - pad), max(0, top - pad),
                       min(image.width, right + pad), min(image.height, bottom + pad)))
    glyphs = value_glyphs(crop)
    if not glyphs or len(glyphs) > 24:
        return plain
    kept = with_teeth_counted(with_dal_for_five(readings, glyphs, dated), glyphs)
    if kept != readings:
        readings, plain = kept, h._vote(kept, dated)
    counts = segment_counts(glyphs)
    valid = [(t, c) for t, c in readings if h.valid_value(t, dated)]
    agreeing = [(t, c) for t, c in valid if agrees(t, counts)] \
        or [(t, c) for t, c in valid if agrees_slash_joined(t, glyphs)]
    by_glyph = read_by_glyph(ocr, crop, glyphs)
    if by_glyph and not (h.valid_value(by_glyph[0], dated) and agrees(by_glyph[0], counts)):
        by_glyph = None
    if agreeing:
        # read glyph by glyph, the model is less sure than in a line: a vote for one of
        # the readings that agree, never a reading of its own beside them
        texts = {t for t, _ in agreeing}
        extra = [by_glyph] if by_glyph and by_glyph[0] in texts else []
        chosen = h._vote(agreeing + extra, dated)
        # the glyphs read one by one, agreeing with the count, tell another value: the
        # digits themselves are in doubt
        doubted = by_glyph is not None and chosen is not None and by_glyph[0] != chosen[0]
        if doubted and (_two_for_three(by_glyph[0], chosen[0])  # type: ignore[index]
                        or _letter_for_digit(by_glyph[0], chosen[0],  # type: ignore[index]
                                             glyphs)):
            # the glyphs' teeth counted settle a «۲» the lines read «۳», or the reverse;
            # a glyph below the line is the letter the lines read as a digit
            chosen = (by_glyph[0], chosen[1])  # type: ignore[index]
        if chosen and (len(agreeing) < len(readings) or doubted):
            chosen = (chosen[0], min(chosen[1], h._DISPUTED))
        return chosen
    if by_glyph:
        return letter_put_back(by_glyph[0], valid, dated), min(by_glyph[1], h._DISPUTED)
    if plain:
        return plain[0], min(plain[1], h._UNREADABLE)
    return None


_LONG_DATE = re.compile(r"^\s*(\d{1,2})(\s*\D+?\s*)(\d{2,4})\s*$")  # day, month, year


_MONTH_SPECK = 0.2  # of the tallest glyph: a «۰» is 0.28 of it, a letter's tail left apart 0.14


@dataclass
class DayInk:
    """The ink of a date written with its month's name: its glyphs, and the month's."""

    crop: Any
    glyphs: list[Glyph]  # left to right: the year's, the month's pieces, the day's
    month_pieces: int  # how many pieces of ink the month's name is written in

    def day_count(self, year: str) -> int | None:
        """How many digits the day holds: what is left of the glyphs when the year's
        digits and the month's pieces are taken out (and any speck among the month's: a
        letter's tail left apart, smaller than a «۰»); None unless one or two."""
        tall = max(g.height for g in self.glyphs)
        middle = self.glyphs[len(year):-1]
        specks = sum(1 for g in middle
                     if max(g.height, g.right - g.left) < _MONTH_SPECK * tall)
        count = len(self.glyphs) - self.month_pieces - len(year) - specks
        return count if count in (1, 2) else None


def pieces(word: str) -> int:
    """How many pieces of ink a word is written in: a letter that does not join the
    next («ا», «د», «ر», «و» …) ends one (آبان: «آ», «با», «ن»)."""
    return 1 + sum(1 for character in word[:-1] if character in NON_JOINING)


def day_digits(image: Any, label: Any, value: list[Any]) -> DayInk | None:
    """The ink of a date written with its month's name («۱۱ آبان ۱۴۰۵»), between the
    value's left edge and the label, or None when it cannot be counted: no month's name
    read, a glyph cut by the crop, a slash. The model's boxes of the day and the month
    overlap («آبان»'s box reaching into «۱۱»), and the gap between two digits of a day
    can be as wide as the space before the month: so the day is what the count of the
    whole leaves once the year's digits and the month's pieces are taken out."""
    month = next((w for w in value if w.text.strip("،,") in h._MONTHS), None)
    if month is None:
        return None
    left, right = min(w.box[0] for w in value), max(w.box[2] for w in value)
    top, bottom = min(w.box[1] for w in value), max(w.box[3] for w in value)
    pad = max(2, round(_EDGE_PAD * month.height))
    right = min(label.box[0] - 1, right + pad)
    if right <= left:
        return None
    crop = image.crop((max(0, left - pad), max(0, top - pad), right,
                       min(image.height, bottom + pad)))
    glyphs = value_glyphs(crop)
    if not glyphs or any(g.slash for g in glyphs):
        return None
    return DayInk(crop, glyphs, pieces(month.text.strip("،,")))


def _day_checked(ocr: Any, readings: list[tuple[str, float]], day: DayInk | None,
                 plain: tuple[str, float] | None) -> tuple[str, float] | None:
    """The vote among a long date's readings whose day has as many digits as its ink
    («۱ آبان» is no reading of the two strokes of «۱۱ آبان»), below the review threshold
    when some did not. The day and the year are read glyph by glyph too
    (`_long_date_by_glyph`): none fitting, that reading is the guess (below the review
    threshold); the readings disagreeing, it settles a year they read two ways («۱۴۰۵»
    and «۱۳۰۵») or a day's «۲» against «۳», below the threshold. None when the day was
    not counted, or nothing fits. `plain`: the vote among all the readings."""
    shaped = [(m, c) for t, c in readings
              if (m := _LONG_DATE.match(t)) and m.group(2).strip() in h._MONTHS]
    if day is None or not shaped:
        return None
    whole = _LONG_DATE.match(plain[0]) if plain else None
    year = whole.group(3) if whole else _most_common([m.group(3) for m, _ in shaped])
    count = day.day_count(year)
    if count is None:
        return None
    fitting = [(t, c) for t, c in readings
               if (m := _LONG_DATE.match(t)) and len(m.group(1)) == count]
    chosen = h._vote(fitting, True)
    if chosen and len(fitting) < len(readings):
        chosen = (chosen[0], min(chosen[1], h._DISPUTED))
    if ocr is None:
        return chosen
    by_glyph = _long_date_by_glyph(ocr, day, count, shaped)
    if by_glyph is None or (chosen and by_glyph[0] == chosen[0]):
        return chosen
    if chosen is None:
        return by_glyph[0], min(plain[1] if plain else 100.0, by_glyph[1], h._UNREADABLE)
    if len({t for t, _ in readings}) == 1:
        return chosen  # the readings agree: a glyph read alone does not overrule them
    ours, theirs = _LONG_DATE.match(by_glyph[0]), _LONG_DATE.match(chosen[0])
    assert ours and theirs
    same_day = ours.group(1) == theirs.group(1) or _two_for_three(ours.group(1),
                                                                 theirs.group(1))
    same_year = ours.group(3) == theirs.group(3) or ours.group(3) in {
        m.group(3) for m, _ in shaped}
    if same_day and same_year:
        return by_glyph[0], min(chosen[1], h._DISPUTED)
    return chosen


def _most_common(values: list[str]) -> str:
    return max(values, key=lambda value: (values.count(value), -values.index(value)))


def _long_date_by_glyph(ocr: Any, day: DayInk, count: int, shaped: list[tuple[Any, float]],
                        ) -> tuple[str, float] | None:
    """A long date's day and year read glyph by glyph (the year's glyphs leftmost, the
    day's rightmost), with the month most readings read; the year read so only if some
    reading read it so, else theirs. None when a part reads as no digits of its count."""
    year = _most_common([m.group(3) for m, _ in shaped])
    month = _most_common([m.group(2) for m, _ in shaped])
    digits = read_by_glyph(ocr, day.crop, day.glyphs[-count:])
    if not (digits and digits[0].isdigit() and len(digits[0]) == count):
        return None
    confidence = digits[1]
    year_read = read_by_glyph(ocr, day.crop, day.glyphs[:len(year)])
    if year_read and year_read[0] in {m.group(3) for m, _ in shaped}:
        year = year_read[0]
        confidence = min(confidence, year_read[1])
    text = digits[0] + month + year
    return (text, confidence) if h.valid_value(text, True) else None


_DAL_WIDE = 1.25  # of the digits' usual width: a «د» joined to its slash is wider
_DAL_LOW = 0.8  # of the tallest glyph: a «د» alone stands lower than the digits


def _dal_for_five(text: str, glyphs: list[Glyph]) -> str | None:
    """A number read as digits only with one part a lone «۵» («۵/۱۳۰»: as it stands on
    the page, left to right) where the ink is «د»: that glyph (the reading's characters
    matched with the glyphs one for one, a slash joined to its neighbour aside) open,
    with no counter, and lower than the digits or wider than they are (a fax joins «د»
    to the slash beside it). The number with «د» there, in writing order («۱۳۰/د»), or
    None."""
    parts = text.split("/")
    if len(parts) < 2 or not all(part.isdigit() for part in parts) or parts.count("۵") != 1:
        return None
    ink = [g for g in glyphs if not g.slash]
    characters = text.replace("/", "")
    at = sum(len(part) for part in parts[: parts.index("۵")])
    if len(ink) != len(characters) or len(ink) < 3:
        return None
    glyph = ink[at]
    low = glyph.height < _DAL_LOW * max(g.height for g in ink)
    if holes(glyph) or not (low or _wider_than_digits(glyph, ink, _DAL_WIDE)):
        return None
    parts[parts.index("۵")] = "د"
    return h.normalise_value(h.visual_to_logical("/".join(parts)))


def with_dal_for_five(readings: list[tuple[str, float]], glyphs: list[Glyph],
                      dated: bool) -> list[tuple[str, float]]:
    """The readings with «د» read for a lone «۵» where the ink is «د» (`_dal_for_five`):
    the model reads «د» beside its slash as «۵», and the number comes out as digits in
    the order they stand («۵/۱۳۰» for «۱۳۰/د»). Such a reading is a guess, below the
    review threshold."""
    if dated:
        return readings
    out = []
    for text, confidence in readings:
        mended = _dal_for_five(text, glyphs)
        out.append((mended, min(confidence, h._DISPUTED)) if mended else (text, confidence))
    return out


def with_teeth_counted(readings: list[tuple[str, float]], glyphs: list[Glyph],
                       ) -> list[tuple[str, float]]:
    """The readings with each «۲» or «۳» the glyph's teeth deny turned to the other
    («۸۰۳/ت», the last digit with two teeth: «۸۰۲/ت»), where the readings disagree on
    it, below the review threshold. A reading's characters are matched with the glyphs
    one for one as they stand left to right (a slash joined to its letter aside); one
    that cannot be matched so is left as read."""
    ink = [g for g in glyphs if not g.slash]
    counted = [teeth(g) for g in ink]
    visuals = [h.visual_to_logical(text) for text, _ in readings]  # as they stand
    glyphwise = [v.replace("/", "").replace(" ", "") for v in visuals]
    matched = [v for v in glyphwise if len(v) == len(ink)]
    # only where the readings disagree, «۲» against «۳» at one place: a number may be
    # printed in Latin digits (a Latin «3» has other teeth), and a reading all agree on
    # stands against a count of teeth (a spaced number's glyphs may pair off wrong)
    doubted = {at for at in range(len(ink)) if {v[at] for v in matched} >= {"۲", "۳"}}
    out = []
    for (text, confidence), visual, characters in zip(readings, visuals, glyphwise,
                                                     strict=True):
        if len(characters) != len(ink):
            out.append((text, confidence))
            continue
        mended, at = [], 0
        for character in visual:
            if character in "/ ":
                mended.append(character)
                continue
            if character in "۲۳" and at in doubted and counted[at] in (2, 3):
                character = "۲" if counted[at] == 2 else "۳"
            mended.append(character)
            at += 1
        again = h.visual_to_logical("".join(mended))
        out.append((again, min(confidence, h._DISPUTED)) if again != text
                   else (text, confidence))
    return out


def letter_put_back(by_glyph: str, readings: list[tuple[str, float]], dated: bool) -> str:
    """The glyph-by-glyph reading «۳۳۰۵/ق/۱۴۰۵», the ink's count agreeing, where the line's
    readings all say «۳۳۰۹/۱۴۰۵»: the line lost the number's letter and its slash, but
    read the digits better (a digit alone has no neighbours to tell it: «۹» read «۵»).
    The letter is taken from the glyphs, the digits from the reading the most readings
    agree on, when its runs of digits are the glyphs' own, as long, in the same order,
    a digit apart at most in each; else the glyphs' reading as it is."""
    if dated:
        return by_glyph
    parts = by_glyph.split("/")
    letters = [i for i, part in enumerate(parts) if not part.isdigit()]
    tally: dict[str, int] = {}
    for text, _ in readings:
        tally[text] = tally.get(text, 0) + 1
    if len(letters) != 1 or not tally:
        return by_glyph
    best = max(tally, key=lambda t: tally[t])
    digits = [part for part in parts if part.isdigit()]
    theirs = best.split("/")
    if len(theirs) != len(digits) or any(
            len(a) != len(b) or not b.isdigit()
            or sum(x != y for x, y in zip(a, b, strict=True)) > 1
            for a, b in zip(digits, theirs, strict=True)):
        return by_glyph
    theirs.insert(letters[0], parts[letters[0]])
    return "/".join(theirs)
