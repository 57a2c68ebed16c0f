"""hazm's Persian word list, folded for search: the ground truth for stemming and compounds.

We read hazm's `words.dat` straight from the installed package instead of building
hazm's `Lemmatizer` (about 1 s here) or importing hazm's NLP stack: all that search
needs is "is this a word?" and "which words are written as one or as two?".
Entries tagged `0` in that file are hazm's list of misspellings and variants
(کتابها، مسوول، صورتجلسه): they are not words to keep whole.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
from functools import cache, lru_cache
from pathlib import Path

from paayesh_docs.persian.fold import ZWNJ, fold_for_search, fold_hamza_seats

# Parts that make an inflection, not a compound, when written after ZWNJ.
AFFIXES = frozenset(
    {"ها", "های", "هایی", "تر", "ترین", "ای", "ی", "ام", "ات", "اش", "مان", "تان", "شان",
     "اند", "ایم", "اید", "است", "می", "نمی", "بی", "نا", "غیر", "هم"}
)
# Second halves that make compounds with any known word: سفارت‌خانه، بخش‌نامه، کارگروه.
COMPOUND_TAILS = ("خانه", "نامه", "گروه", "گرا", "العمل")
_MIN_HEAD = 3  # برنامه is not بر + نامه

# Spellings whose hamza no rule can restore: folded variant -> folded standard.
_VARIANT_SPELLINGS = {"هیات": "هیئت", "هیأت": "هیئت", "مساله": "مسئله", "مسأله": "مسئله"}


def _fold(word: str) -> str:
    return fold_hamza_seats(fold_for_search(word))


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """The search key of one word as it stands in a word list."""
    return _fold(word)


def _words_file() -> Path | None:
    spec = importlib.util.find_spec("hazm")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "words.dat"
    return path if path.exists() else None


_Lexicon = tuple[frozenset[str], dict[str, tuple[str, str]], dict[tuple[str, str], str],
                 dict[str, int], frozenset[str], frozenset[str]]


def _cache_file(words_file: Path) -> Path:
    """Where the folded list is kept between processes, keyed by the word list and our code.

    Folding hazm's 190,000 entries costs about half a second; a fresh `paayesh search`
    or `paayesh text terms` should not pay it every time.
    """
    stat = words_file.stat()
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{words_file}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    for source in ("fold.py", "lexicon.py"):
        digest.update((here / source).read_bytes())
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "paayesh-docs"
    return root / f"lexicon-{digest.hexdigest()[:16]}.marshal"


@cache
def _load() -> _Lexicon:
    path = _words_file()
    if path is None:
        return frozenset(), {}, {}, {}, frozenset(), frozenset()
    cache_file = _cache_file(path)
    try:
        words, parts_of, counts, plain, stems = marshal.loads(cache_file.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        words, parts_of, counts, plain, stems = _fold_word_list(path)
        _save(cache_file, marshal.dumps((words, parts_of, counts, plain, stems)))
    joins = {parts: joined for joined, parts in parts_of.items()}
    return words, parts_of, joins, counts, plain, stems


def _save(cache_file: Path, data: bytes) -> None:
    """Write atomically; a cache that cannot be written is simply not kept."""
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache_file.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, cache_file)
    except OSError:
        pass


def _fold_word_list(path: Path) -> tuple[frozenset[str], dict[str, tuple[str, str]],
                                         dict[str, int], frozenset[str], frozenset[str]]:
    rows = [line.split("\t") for line in path.read_text("utf-8").splitlines()]
    rows = [row for row in rows if len(row) == 3]
    # One fold over all entries at once, not 190,000 calls.
    keys = [fold_hamza_seats(key) for key in
            fold_for_search("\n".join(row[0] for row in rows)).split("\n")]
    words = frozenset(key for key, row in zip(keys, rows, strict=True) if row[2] != "0")
    plain = frozenset(key for key, row in zip(keys, rows, strict=True)
                      if row[2] != "0" and ZWNJ not in row[0])
    counts: dict[str, int] = {}
    for key, row in zip(keys, rows, strict=True):
        count = int(row[1]) if row[1].isdigit() else 0
        if count >= counts.get(key, 0):
            counts[key] = count
    parts_of: dict[str, tuple[str, str]] = {}
    for row in rows:
        if ZWNJ in row[0]:
            pieces = row[0].split(ZWNJ)
            if len(pieces) == 2 and not any(p in AFFIXES or len(p) < 2 for p in pieces):
                first, second = _fold(pieces[0]), _fold(pieces[1])
                parts_of[first + second] = (first, second)
    stems: set[str] = set()
    verbs = path.with_name("verbs.dat")
    if verbs.exists():
        for line in verbs.read_text("utf-8").splitlines():
            stems.update(_fold(stem) for stem in line.lstrip("#").split("#") if len(stem) > 1)
    return words, parts_of, counts, plain, frozenset(stems)


def words() -> frozenset[str]:
    """Folded known words (hazm's list without its variant spellings)."""
    return _load()[0]


def frequency(key: str) -> int | None:
    """How often hazm's corpus saw the folded word, or None when it is no entry at all
    (entries include hazm's variant spellings, so "no entry" means truly unknown)."""
    return _load()[3].get(key)


def written_joined(key: str) -> bool:
    """hazm's list has this word written as one piece, without ZWNJ (برنامه, کارگروه)."""
    return key in _load()[4]


_PERSONAL_ENDINGS = ("", "م", "ی", "د", "یم", "ید", "ند")


def is_verb_form(key: str) -> bool:
    """A verb stem with a personal ending (شود، رساند، گردد), by hazm's verb list."""
    stems = _load()[5]
    return any(key.endswith(end) and key[: len(key) - len(end)] in stems
               for end in _PERSONAL_ENDINGS if len(key) - len(end) >= 2)


@cache
def spelling_variants() -> dict[str, str]:
    return {fold(variant): fold(standard) for variant, standard in _VARIANT_SPELLINGS.items()}


def zwnj_parts(key: str) -> tuple[str, str] | None:
    """The two parts hazm's list writes with a ZWNJ between them (صورت‌جلسه), or None."""
    return _load()[1].get(key)


# endings hazm's list rarely holds on a compound: plurals, «ی», «ای», «ات»
COMPOUND_ENDINGS = ("یان", "ان", "ای", "ی", "ات", "هایی", "های", "ها")


def compound_with_ending(key: str) -> tuple[str, str, str] | None:
    """A compound hazm writes with a ZWNJ, under an ending its list lacks: its head, its
    tail and the ending (سرمایهگذاران -> سرمایه, گذار, ان), or None."""
    for end in COMPOUND_ENDINGS:
        if key.endswith(end) and len(key) > len(end):
            parts = zwnj_parts(key[: -len(end)])
            if parts:
                return parts[0], parts[1], end
    return None


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
