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
from functools import cached_property, lru_cache

from paayesh_docs.persian.fold import fold_for_search
from paayesh_docs.persian.text import search_terms

_FILLER = frozenset(search_terms("محترم"))


def terms_of(text: str) -> tuple[str, ...]:
    """The search terms of `text`, without the courtesy words of addressing lines."""
    return tuple(term for term in search_terms(text) if term not in _FILLER)


def anchor_form(text: str) -> str:
    """Letters only, folded coarser than search does: what every spelling of a word shares.
    (`str.replace` runs in C; `str.translate` with a table costs about 0.3 µs a character
    on Persian text and a regex with a callback as much again, measured here.)"""
    folded = "".join(fold_for_search(text).split())
    return folded.replace("ئ", "ی").replace("آ", "ا").replace("ء", "").replace("وو", "و")


class Probe:
    """One text asked about by several phrase lists: folded and split into terms once."""

    def __init__(self, text: str | None) -> None:
        self.text = text or ""

    @cached_property
    def folded(self) -> str:
        return anchor_form(self.text)

    @cached_property
    def terms(self) -> tuple[str, ...]:
        return terms_of(self.text)


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

    def might_contain(self, text: str | Probe) -> bool:
        folded = text.folded if isinstance(text, Probe) else anchor_form(text)
        return any(anchor in folded for anchor in self._anchors)

    def search(self, text: str | Probe | None) -> str | None:
        probe = text if isinstance(text, Probe) else Probe(text)
        if not probe.text or not self.phrases or not self.might_contain(probe):
            return None
        terms = probe.terms
        for phrase, needle in self.phrases:
            if _contains(terms, needle):
                return phrase
        return None

    def __bool__(self) -> bool:
        return bool(self.phrases)
