"""Embedding levels of a right-to-left paragraph: the Unicode bidi algorithm (UAX #9).

What a PDF writer that draws its own glyphs needs to put a Persian line in visual order:
each character's level (1: right to left, 2: a left-to-right run inside it: Latin, or
numbers, which keep their order: «۱۴۰۵/۰۹/۱۱», «HS 0804»), and the visual order of a
line's runs from their levels. The paragraph is right to left; the rules are the weak
(W1–W7), neutral (N1–N2) and implicit (I1–I2) ones and the reordering L2. Explicit
embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are not taken up:
like boundary neutrals they take the level beside them and change nothing; bracket pairs
(N0) resolve as other neutrals do. Register cells and letter fields never carry them.

The levels depend only on the characters' bidi classes, and on how long a run of one
class is only where one separator stands between two numbers; so they are worked out
once per sequence of classes with each run cut short (`_levels_of`): the 100,000
registry numbers of a year, «۱۴۰۵/و/۰۰۰۰۰۱» and on, share one, and so do all subjects
of as many words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# One letter per bidi class, so a text's classes are a string (`str.translate`) and a key.
_LETTER = {"L": "L", "R": "R", "AL": "A", "EN": "E", "ES": "s", "ET": "t", "AN": "N",
           "CS": "c", "NSM": "m", "BN": "b", "B": "n", "S": "n", "WS": "n", "ON": "n"}
_BOUNDARY = "b"  # explicit formatting characters are treated as boundary neutrals (X9)


class _Classes(dict[int, str]):
    """`str.translate` table: a code point to its class letter, looked up once each."""

    def __missing__(self, code: int) -> str:
        letter = _LETTER.get(unicodedata.bidirectional(chr(code)), _BOUNDARY)
        self[code] = letter
        return letter


_CLASSES = _Classes()


def classes(text: str) -> str:
    """The bidi class of each character of `text`, one letter each (see `_LETTER`)."""
    return text.translate(_CLASSES)


def levels(text: str) -> str:
    """Each character's embedding level in a right-to-left paragraph, one digit each:
    «1» right to left, «2» left to right inside it."""
    return _levels_of(classes(text))


_RUN = re.compile(r"(.)\1*")
_LONG_RUN = re.compile(r"(.)\1\1+")


def short_classes(text: str) -> str:
    """`classes(text)` with each run of one class cut to two: what the rules ask."""
    return _LONG_RUN.sub(r"\1\1", classes(text))


@lru_cache(maxsize=65536)
def word_levels(words: tuple[str, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Words separated by single spaces, given by their `short_classes`: the level of each
    word (1 or 2, 0 when its characters differ) and of each space between them."""
    resolved = _resolved("n".join(words))
    levels, gaps, at = [], [], 0
    for index, word in enumerate(words):
        if index:
            gaps.append(resolved[at])
            at += 1
        own = resolved[at:at + len(word)]
        at += len(word)
        levels.append(own[0] if own and min(own) == max(own) else 1 if not own else 0)
    return tuple(levels), tuple(gaps)


@lru_cache(maxsize=65536)
def _levels_of(kinds: str) -> str:
    """The rules only ask whether a run of one class is one character long or more (a
    single separator between two numbers, W4), so they are worked out on the classes
    with each run cut to one or two characters, and the levels stretched back."""
    runs = [(match.group(1), match.end() - match.start()) for match in _RUN.finditer(kinds)]
    short = "".join(kind * min(count, 2) for kind, count in runs)
    resolved = _resolved(short)
    out, at = [], 0
    for _, count in runs:
        out.append(str(resolved[at]) * count)
        at += min(count, 2)
    return "".join(out)


@lru_cache(maxsize=65536)
def _resolved(kinds: str) -> tuple[int, ...]:
    count = len(kinds)
    # X9: boundary neutrals are left out of the rules and take the level before them.
    kept = [i for i in range(count) if kinds[i] != "b"]
    types = [kinds[i] for i in kept]
    size = len(types)
    strong = "R"  # sos: the paragraph's direction
    for i in range(size):  # W1 (NSM), W2 (EN after AL), W3 (AL is R)
        kind = types[i]
        if kind == "m":
            kind = types[i] = types[i - 1] if i else "R"
        if kind in "LRA":
            strong = kind
        if kind == "E" and strong == "A":
            types[i] = "N"
    types = ["R" if kind == "A" else kind for kind in types]
    for i in range(1, size - 1):  # W4: one separator between two numbers of a kind
        kind, before, after = types[i], types[i - 1], types[i + 1]
        if before == after and ((kind == "s" and before == "E") or
                                (kind == "c" and before in "EN")):
            types[i] = before
    i = 0
    while i < size:  # W5: terminators (%, ٪) next to a European number are part of it
        if types[i] != "t":
            i += 1
            continue
        end = i
        while end < size and types[end] == "t":
            end += 1
        if (i and types[i - 1] == "E") or (end < size and types[end] == "E"):
            types[i:end] = ["E"] * (end - i)
        i = end
    types = ["n" if kind in "stc" else kind for kind in types]  # W6
    strong = "R"
    for i in range(size):  # W7: European numbers after Latin are Latin
        if types[i] in "LR":
            strong = types[i]
        elif types[i] == "E" and strong == "L":
            types[i] = "L"
    i = 0
    while i < size:  # N1, N2: neutrals between two of a direction take it; else R
        if types[i] != "n":
            i += 1
            continue
        end = i
        while end < size and types[end] == "n":
            end += 1
        before = _direction(types[i - 1]) if i else "R"
        after = _direction(types[end]) if end < size else "R"
        types[i:end] = [before if before == after else "R"] * (end - i)
        i = end
    resolved = [1] * count  # I1, I2 at level 1: R stays, L and numbers go up one
    for index, kind in zip(kept, types, strict=True):
        resolved[index] = 1 if kind == "R" else 2
    for i in range(1, count):
        if kinds[i] == "b":
            resolved[i] = resolved[i - 1]
    return tuple(resolved)


def _direction(kind: str) -> str:
    """A resolved type's direction for the neutral rules: numbers count as R (N1)."""
    return "L" if kind == "L" else "R"


def visual_order(run_levels: list[int]) -> list[int]:
    """L2: the indices of a line's runs (given by their levels, in logical order) from
    left to right: every stretch at a level or above reversed, highest level first."""
    order = list(range(len(run_levels)))
    if not order:
        return order
    for level in range(max(run_levels), 0, -1):
        i = 0
        while i < len(order):
            if run_levels[order[i]] < level:
                i += 1
                continue
            end = i
            while end < len(order) and run_levels[order[end]] >= level:
                end += 1
            order[i:end] = order[i:end][::-1]
            i = end
    return order
