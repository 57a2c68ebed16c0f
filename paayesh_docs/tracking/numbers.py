"""Letter numbers as link keys: `۲۰۷۹۴/ت/۳۵۰۱۴`, `20794-ت-35014` and `٢٠٧٩٤/ت/٣٥٠١٤` are one key.

The key is the first term `search_terms` makes of the number, so a reference meets
its letter exactly when a search for the one finds the other. Most stored numbers are
already clean (extraction normalises them: Persian digits, no spaces around the
slashes), and for those the same key is made directly, which is what lets tracking
rebuild 100,000 records in a few seconds: `search_terms` costs about 12 µs a number
(the word pipeline, two regex passes and a callback per digit), the direct path about
2 µs. Anything unusual (glued letters, spaces, hamza, decimals) takes the full path.
"""

from __future__ import annotations

import re
from functools import lru_cache

from paayesh_docs.persian.digits import ARABIC_DIGITS, LATIN_DIGITS, PERSIAN_DIGITS
from paayesh_docs.persian.text import search_terms

_FOLD = str.maketrans({**dict(zip(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2,
                                  strict=True)),
                       "\\": "/", "-": "/", "ي": "ی", "ى": "ی", "ك": "ک"})
# Groups of digits or of plain Persian / Latin letters (no hamza seats, which search
# folds word by word), separated by single / \ or -.
_PLAIN_GROUP = r"(?:[0-9۰-۹٠-٩]+|[ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيىكa-zA-Z]{2,}|" \
    r"[بپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيىكa-zA-Z])"
_PLAIN = re.compile(rf"{_PLAIN_GROUP}(?:[/\\\-]{_PLAIN_GROUP})*")
_LEADING_ZEROS = re.compile(r"(?<![0-9])0+(?=[0-9])")
_DIGIT = re.compile(r"[0-9]")


def number_key(number: str | None) -> str | None:
    """The link key of a letter number, or None when it has no digits (no key to link by)."""
    if not number:
        return None
    if _PLAIN.fullmatch(number):
        key = _LEADING_ZEROS.sub("", number.translate(_FOLD)).lower()
        return key if _DIGIT.search(key) else None
    return _slow_key(number)


@lru_cache(maxsize=4096)
def _slow_key(number: str) -> str | None:
    terms = search_terms(number)
    return terms[0] if terms and _DIGIT.search(terms[0]) else None
