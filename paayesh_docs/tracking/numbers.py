"""Letter numbers as link keys: `۲۰۷۹۴/ت/۳۵۰۱۴`, `20794-ت-35014` and `٢٠٧٩٤/ت/٣٥٠١٤` are one key.

The key is the first term `search_terms` makes of the number, so a reference meets
its letter exactly when a search for the one finds the other. Most stored numbers are
already clean (extraction normalises them: Persian digits, no spaces around the
slashes), and for those the same key is made directly, which is what lets tracking
rebuild 100,000 records in a few seconds: `search_terms` costs about 12 µs a number
(the word pipeline, two regex passes and a callback per digit), the direct path about
1.5 µs. Anything unusual (glued letters, spaces, hamza, decimals) takes the full path.
"""

from __future__ import annotations

import re
from functools import lru_cache

from paayesh_docs.persian.text import search_terms

_DIGITS = "0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩"
# Plain letters (no hamza seat, which search folds word by word); alef alone is not a
# group search keeps apart.
_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيىكabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DIGIT = re.compile(r"[0-9]")


def number_key(number: str | None) -> str | None:
    """The link key of a letter number, or None when it has no digits (no key to link by).

    Clean numbers (groups of digits or letters between / \\ -) are keyed here with string
    methods that run in C (`int()` reads digits of every script and drops leading zeros):
    about 1.5 µs a number."""
    if not number:
        return None
    groups = []
    digits = False
    for group in number.replace("\\", "/").replace("-", "/").split("/"):
        if not group or len(group) > 40:
            return _slow_key(number)
        if not group.strip(_DIGITS):
            groups.append(str(int(group)))
            digits = True
        elif not group.strip(_LETTERS) and group != "ا":
            groups.append(group.replace("ي", "ی").replace("ى", "ی").replace("ك", "ک").lower())
        else:
            return _slow_key(number)
    return "/".join(groups) if digits else None


@lru_cache(maxsize=4096)
def _slow_key(number: str) -> str | None:
    terms = search_terms(number)
    return terms[0] if terms and _DIGIT.search(terms[0]) else None
