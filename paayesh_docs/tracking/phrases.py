"""Names and phrases found in any spelling: bodies a letter is addressed to, subjects.

A phrase is found in a text when its `search_terms` stand together, in order, among
the text's terms, so «دبيرخانه شوراي عالي توسعه صادرات غير نفتي» is the secretariat and
«کار گروه» the working group. «محترم» is left out on both sides: it stands inside
addressing lines («دبیر محترم شورای عالی …»), never in a body's name.

`search_terms` costs about 40 µs for a subject; a rebuild asks 100,000 subjects whether
they name a statistics filing. So every phrase has an anchor: its longest word, folded
the way `fold_for_search` folds letters and with every hamza seat, space and ZWNJ
taken out. A text whose folded form does not contain any anchor cannot contain the
phrase (its words are the anchor's letters, possibly followed by an affix), and is
answered in about 3 µs.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from paayesh_docs.persian.fold import fold_for_search
from paayesh_docs.persian.text import search_terms

_FILLER = frozenset(search_terms("محترم"))
_SEATS = str.maketrans({"ئ": "ی", "آ": "ا", "ء": None, " ": None, "\n": None})


def terms_of(text: str) -> tuple[str, ...]:
    """The search terms of `text`, without the courtesy words of addressing lines."""
    return tuple(term for term in search_terms(text) if term not in _FILLER)


def anchor_form(text: str) -> str:
    """Letters only, folded coarser than search does: what every spelling of a word shares."""
    return fold_for_search(text).translate(_SEATS).replace("وو", "و")


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    size = len(needle)
    first = needle[0]
    return any(haystack[i:i + size] == needle for i, term in enumerate(haystack)
               if term == first)


class Phrases:
    """A list of phrases; `search` says which one a text contains (the longest), if any;
    `find` is the same for short texts that come again (names, subjects)."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases: list[tuple[str, tuple[str, ...]]] = []
        anchors = set()
        for phrase in phrases:
            terms = terms_of(phrase)
            if not terms:
                continue
            self.phrases.append((phrase, terms))
            longest = max(phrase.replace("\u200c", " ").split(), key=len)
            # the word's lemma: what stays of it when a plural or other affix is added
            anchors.add(anchor_form(search_terms(longest)[0] if search_terms(longest)
                                    else longest))
        self.phrases.sort(key=lambda item: -len(item[1]))
        self._anchors = tuple(sorted(anchors, key=len, reverse=True))
        # names and subjects repeat: the answers are kept (long texts go through `search`)
        self.find = lru_cache(maxsize=20_000)(self.search)

    def might_contain(self, text: str) -> bool:
        folded = anchor_form(text)
        return any(anchor in folded for anchor in self._anchors)

    def search(self, text: str | None) -> str | None:
        if not text or not self.phrases or not self.might_contain(text):
            return None
        terms = terms_of(text)
        for phrase, needle in self.phrases:
            if _contains(terms, needle):
                return phrase
        return None

    def __bool__(self) -> bool:
        return bool(self.phrases)
