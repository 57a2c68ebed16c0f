"""Registry numbers like a paper دفتر اندیکاتور: per Jalali year and direction, from 1, gap-free.

The next number is chosen under the registry's exclusive lock from the records
themselves (the highest sequence of that year and direction, plus one), and the
record carrying it is appended before the lock is released: a process that dies
before appending used no number, so the sequence has no gaps and no repeats.
"""

from __future__ import annotations

from collections import defaultdict

from paayesh_docs.config import Numbering

DIRECTIONS = ("incoming", "outgoing", "internal")
DIRECTION_NAMES = {"incoming": "وارده", "outgoing": "صادره", "internal": "داخلی"}


class Counters:
    """The highest sequence per (year, direction), kept current as records arrive."""

    def __init__(self) -> None:
        self._highest: dict[tuple[int, str], int] = defaultdict(int)

    def see(self, year: int, direction: str, seq: int) -> None:
        key = (year, direction)
        self._highest[key] = max(self._highest[key], seq)

    def next(self, year: int, direction: str) -> int:
        return self._highest[(year, direction)] + 1


def format_number(numbering: Numbering, year: int, direction: str, seq: int) -> str:
    """`1405/و/000123` with the office's format and direction letters."""
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}")
    code = getattr(numbering, direction)
    return numbering.format.format(year=year, code=code, seq=seq, direction=direction)
