"""Names and wordings found in any spelling: bodies a letter is addressed to, subjects.

Two kinds of lists, for two kinds of questions:

- `Names` (the bodies of the escalation levels, TPO / the secretariat): a name is found
  in an addressing line when its `search_terms` stand together, in order, among the
  line's terms, so «دبيرخانه شوراي عالي توسعه صادرات غير نفتي» is the secretariat and
  «کار گروه» the working group. «محترم» is left out on both sides: it stands inside
  addressing lines («دبیر محترم شورای عالی …»), never in a body's name. Exactly what a
  search finds; addressing lines repeat, so the answers are kept.
- `Wordings` (routine subjects, «صورتجلسه», the statistics directive's «آمار ماهانه»,
  «تأیید», «عودت»): every record's subject is asked, on every rebuild of 100,000 records,
  and `search_terms` costs about 40 µs a subject (the whole rebuild may take 5 s). So a
  wording is found when each of its words, folded coarser than search folds them (one
  letter form, no hamza seat, no space or ZWNJ), follows the one before within a few
  letters (an affix: ها، های، ی) in the subject folded the same way: about 3 µs, and
  «صورت جلسه» / «صورتجلسه» / «آمارهای ماهانه» / «تایید» / «تأیید» all meet. A word that
  only a word list knows is a variant (هیات / هیئت) is not found this way; the wordings
  of `paayesh.toml` are plain words.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import cached_property, lru_cache

from paayesh_docs.persian.fold import SEARCH_TABLE, ZWNJ, fold_for_search
from paayesh_docs.persian.text import search_terms

_FILLER = frozenset(search_terms("محترم"))
_AFFIX = 4  # letters allowed between two words of a wording (های, ها, ی, ...)


def terms_of(text: str) -> tuple[str, ...]:
    """The search terms of `text`, without the courtesy words of addressing lines."""
    return tuple(term for term in search_terms(text) if term not in _FILLER)


# What `fold_for_search` changes beyond the letters `coarse` replaces itself: diacritics,
# tatweel, presentation forms, odd letters. Stored subjects (normalised at extraction)
# rarely have any, so they skip its two Unicode normalisations.
_CHEAP = {ZWNJ, "ي", "ك", "أ", "إ", "ٱ", "ؤ"}
_UNUSUAL = re.compile("[" + "".join(re.escape(chr(code)) for code in SEARCH_TABLE
                                    if chr(code) not in _CHEAP) + "]")


def coarse(text: str) -> str:
    """Letters only, folded coarser than search does: what every spelling of a word shares.
    (`str.replace` runs in C; `str.translate` with a table costs about 0.3 µs a character
    on Persian text and a regex with a callback as much again, measured here.)"""
    text = fold_for_search(text) if _UNUSUAL.search(text) else text.lower()
    return ("".join(text.split()).replace(ZWNJ, "").replace("ي", "ی").replace("ك", "ک")
            .replace("أ", "ا").replace("إ", "ا").replace("ٱ", "ا").replace("آ", "ا")
            .replace("ئ", "ی").replace("ؤ", "و").replace("ء", "").replace("وو", "و"))


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    size = len(needle)
    first = needle[0]
    return any(haystack[i:i + size] == needle for i, term in enumerate(haystack)
               if term == first)


class Names:
    """Body names; `find` says which one an addressing line names (the longest), if any."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = sorted(((name, terms) for name in names if (terms := terms_of(name))),
                            key=lambda item: -len(item[1]))
        self.find = lru_cache(maxsize=20_000)(self._find)

    def _find(self, line: str | None) -> str | None:
        if not line or not self.names:
            return None
        terms = terms_of(line)
        return next((name for name, needle in self.names if _contains(terms, needle)), None)


class Probe:
    """One subject or text asked about by several wording lists: folded once."""

    def __init__(self, text: str | None, folded: str | None = None) -> None:
        self.text = text or ""
        if folded is not None:
            self.__dict__["folded"] = folded

    @cached_property
    def folded(self) -> str:
        return coarse(self.text)


def probes(texts: list[str | None]) -> list[Probe]:
    """Probes of many texts, folded in one pass over them all joined (a rebuild folds
    100,000 subjects: one call instead of 100,000 saves most of the cost)."""
    joined = "\x00".join(text or "" for text in texts)
    return [Probe(text, folded) for text, folded in zip(texts, coarse(joined).split("\x00"),
                                                        strict=True)]


class Wordings:
    """Wordings of subjects and texts; `search` says which one a text has, if any."""

    def __init__(self, wordings: Iterable[str]) -> None:
        self.wordings = [(wording, words) for wording in wordings
                         if (words := [coarse(w) for w in wording.replace("\u200c", " ").split()
                                       if coarse(w)])]

    def search(self, text: str | Probe | None) -> str | None:
        probe = text if isinstance(text, Probe) else Probe(text)
        if not probe.text:
            return None
        folded = probe.folded
        return next((wording for wording, words in self.wordings if _has(folded, words)),
                    None)

    def __bool__(self) -> bool:
        return bool(self.wordings)


def _has(folded: str, words: list[str]) -> bool:
    """Do `words` follow each other in `folded`, each within a few letters of the last?"""
    start = folded.find(words[0])
    while start >= 0:
        end = start + len(words[0])
        for word in words[1:]:
            at = folded.find(word, end, end + _AFFIX + len(word))
            if at < 0:
                break
            end = at + len(word)
        else:
            return True
        start = folded.find(words[0], start + 1)
    return False



_NOTHING: frozenset[str] = frozenset()


class Subjects:
    """Named wording lists asked of one subject at once: which lists have a wording in it.

    Most subjects have none; the first words of all wordings are looked for first (a C
    substring search each), so such a subject costs about 1 µs."""

    def __init__(self, lists: dict[str, Wordings]) -> None:
        self._entries = [(name, words) for name, wordings in lists.items()
                         for _, words in wordings.wordings]
        self._firsts = sorted({words[0] for _, words in self._entries})

    def match(self, text: str | Probe | None) -> frozenset[str]:
        probe = text if isinstance(text, Probe) else Probe(text)
        if not probe.text:
            return _NOTHING
        folded = probe.folded
        present = {word for word in self._firsts if word in folded}
        return self._named(folded, present) if present else _NOTHING

    def match_many(self, many: list[Probe]) -> list[frozenset[str]]:
        """`match` for many subjects: each first word is looked for once in them all."""
        joined = "\x00".join(probe.folded for probe in many)
        starts = [0]
        for probe in many:
            starts.append(starts[-1] + len(probe.folded) + 1)
        present: dict[int, set[str]] = {}
        for word in self._firsts:
            at = joined.find(word)
            while at >= 0:
                present.setdefault(bisect.bisect_right(starts, at) - 1, set()).add(word)
                at = joined.find(word, at + 1)
        found = [_NOTHING] * len(many)
        for index, words in present.items():
            found[index] = self._named(many[index].folded, words)
        return found

    def _named(self, folded: str, present: set[str]) -> frozenset[str]:
        return frozenset(name for name, words in self._entries
                         if words[0] in present and _has(folded, words))
