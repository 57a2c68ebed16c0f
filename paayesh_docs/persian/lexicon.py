"""hazm's Persian word list, folded for search: the ground truth for stemming and compounds.

We read hazm's `words.dat` straight from the installed package instead of building
hazm's `Lemmatizer` (about 1 s here) or importing hazm's NLP stack: all that search
needs is "is this a word?" and "which words are written as one or as two?".
Entries tagged `0` in that file are hazm's list of misspellings and variants
(کتابها، مسوول، صورتجلسه): they are not words to keep whole.
"""

from __future__ import annotations

import importlib.util
from functools import cache, lru_cache
from pathlib import Path

from paayesh_docs.persian.fold import ZWNJ, fold_for_search, fold_hamza_seats

# Parts that make an inflection, not a compound, when written after ZWNJ.
AFFIXES = frozenset(
    {"ها", "های", "هایی", "تر", "ترین", "ای", "ی", "ام", "ات", "اش", "مان", "تان", "شان",
     "اند", "ایم", "اید", "است", "می", "نمی", "بی", "نا", "غیر", "هم"}
)
# Second halves that make compounds with any known word: سفارت‌خانه، بخش‌نامه، کارگروه.
COMPOUND_TAILS = ("خانه", "نامه", "گروه")
_MIN_HEAD = 3  # برنامه is not بر + نامه

# Spellings whose hamza no rule can restore: folded variant -> folded standard.
_VARIANT_SPELLINGS = {"هیات": "هیئت", "هیأت": "هیئت", "مساله": "مسئله", "مسأله": "مسئله"}


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """The search key of one word as it stands in a word list."""
    return fold_hamza_seats(fold_for_search(word))


def _words_file() -> Path | None:
    spec = importlib.util.find_spec("hazm")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "words.dat"
    return path if path.exists() else None


@cache
def _load() -> tuple[frozenset[str], dict[str, tuple[str, str]], dict[tuple[str, str], str],
                     dict[str, int]]:
    words: set[str] = set()
    counts: dict[str, int] = {}
    parts_of: dict[str, tuple[str, str]] = {}
    path = _words_file()
    lines = path.read_text(encoding="utf-8").splitlines() if path else []
    for line in lines:
        entry, _, rest = line.partition("\t")
        if not rest:
            continue
        count, _, tags = rest.partition("\t")
        key = fold(entry)
        if tags != "0":
            words.add(key)
        counts[key] = max(counts.get(key, 0), int(count) if count.isdigit() else 0)
        if ZWNJ in entry:
            pieces = entry.split(ZWNJ)
            if len(pieces) == 2 and not any(p in AFFIXES or len(p) < 2 for p in pieces):
                first, second = fold(pieces[0]), fold(pieces[1])
                parts_of[first + second] = (first, second)
    joins = {parts: joined for joined, parts in parts_of.items()}
    return frozenset(words), parts_of, joins, counts


def words() -> frozenset[str]:
    """Folded known words (hazm's list without its variant spellings)."""
    return _load()[0]


def frequency(key: str) -> int | None:
    """How often hazm's corpus saw the folded word, or None when it is no entry at all
    (entries include hazm's variant spellings, so "no entry" means truly unknown)."""
    return _load()[3].get(key)


@cache
def spelling_variants() -> dict[str, str]:
    return {fold(variant): fold(standard) for variant, standard in _VARIANT_SPELLINGS.items()}


def compound_parts(key: str) -> tuple[str, ...]:
    """The parts of a folded compound (صورتجلسه -> صورت, جلسه), or () for a simple word."""
    parts = _load()[1].get(key)
    if parts:
        return parts
    for tail in COMPOUND_TAILS:
        head = key[: -len(tail)]
        if key.endswith(tail) and len(head) >= _MIN_HEAD and head in words():
            return (head, tail)
    return ()


def join_compound(first: str, second: str) -> str | None:
    """The joined key when two folded words written apart are one compound, else None."""
    joined = _load()[2].get((first, second))
    if joined:
        return joined
    if second in COMPOUND_TAILS and len(first) >= _MIN_HEAD and first in words():
        return first + second
    return None
