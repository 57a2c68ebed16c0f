"""The record: what the registry keeps of one registered document.

Small on purpose (the full text lives in the content store): the registry number
and its parts, the direction, every field `extract` found, where the file came
from, when it was registered, its status and its links.
"""

from __future__ import annotations

import datetime
from typing import Any

import jdatetime

from paayesh_docs.ingest.extract import FIELDS
from paayesh_docs.persian.dates import format_iso

RECORD_FIELDS = tuple(name for name in FIELDS if name != "text")


def now() -> datetime.datetime:
    return datetime.datetime.now().astimezone()


def new_record(fields: dict[str, Any], *, direction: str, source: dict[str, Any],
               registered_at: datetime.datetime) -> dict[str, Any]:
    """A record without its id, sequence and registry number (given under the lock)."""
    jalali = jdatetime.datetime.fromgregorian(datetime=registered_at)
    record: dict[str, Any] = {name: fields.get(name) for name in RECORD_FIELDS}
    record.update(
        direction=direction,
        source=source,
        registered_at=registered_at.isoformat(timespec="seconds"),
        registered_date=format_iso(jalali.date()),
        year=jalali.year,
        status="registered",
        links=[],
    )
    return record
