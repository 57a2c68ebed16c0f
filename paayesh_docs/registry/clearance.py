"""Who may see a record: the classification levels in order, and the one rule that uses them.

A user's clearance is one of the classification codes of `ingest.fields`; a record is
visible to a user whose clearance is at or above the record's classification. A record
without a classification (most letters say none) is `normal`. Every list, total,
snippet, thread, download and preview asks this same question, so there is one answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from paayesh_docs.ingest.fields import CLASSIFICATION_NAMES

# The least secret first; the position is the level the search index range-filters on.
LEVELS: tuple[str, ...] = ("normal", "confidential", "highly_confidential", "secret",
                           "top_secret")
NAMES = CLASSIFICATION_NAMES  # code -> the Persian word a reader sees
assert set(LEVELS) == set(CLASSIFICATION_NAMES), "one list of classifications"


def level(code: str | None) -> int:
    """The rank of a classification code (or a clearance); None and unknown codes are normal."""
    try:
        return LEVELS.index(code or "normal")
    except ValueError:
        return 0


def record_level(record: Mapping[str, Any]) -> int:
    return level(record.get("classification"))


def visible(record: Mapping[str, Any] | None, clearance: str | None) -> bool:
    """May a user of this clearance see this record? (None, a missing record: no.)"""
    if record is None:
        return False
    return record_level(record) <= level(clearance)


def is_level(code: str) -> bool:
    return code in LEVELS
