"""Digit scripts.

Persian letters arrive with digits in three scripts (Persian ۰-۹, Arabic-Indic ٠-٩
and Latin 0-9), often mixed inside one letter number. Every stage converts through
these tables so that a number typed one way meets the same number typed another.
"""

from __future__ import annotations

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)
_TO_PERSIAN = str.maketrans(LATIN_DIGITS + ARABIC_DIGITS, PERSIAN_DIGITS * 2)


def to_latin_digits(text: str) -> str:
    """Write every digit of `text` in Latin script (for data: JSON, file names, index keys)."""
    return text.translate(_TO_LATIN)


def to_persian_digits(text: str) -> str:
    """Write every digit of `text` in Persian script (for what a clerk reads)."""
    return text.translate(_TO_PERSIAN)
