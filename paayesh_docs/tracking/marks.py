"""Resolutions a clerk marks done (`paayesh resolution done`), kept durably beside tracking.

A resolution of the committee (a line of its minutes: text, owner, deadline) is done when
a later letter or minutes cite those minutes, or when a clerk says so. The clerk's word
is not in any record, so it is kept here, in `registry/tracking/marks/`: a journal of its
own (fsynced, locked across processes, like the records), which `tracking rebuild` never
touches (tracking's own state is derived and rebuilt; a mark is not). Each mark names its
meeting by number and date, and the resolution by its place in the minutes (1, 2, …);
the latest mark of a resolution wins, so a mark made by mistake is undone by another.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paayesh_docs.registry.journal import JournalStorage

FOLDER = Path("tracking") / "marks"
TABLE = "resolutions"


@dataclass(frozen=True)
class Mark:
    meeting: str | None  # its number (Latin digits)
    meeting_date: str
    item: int  # 1-based, in the minutes' order
    done: bool
    day: str  # Jalali ISO: done as of this day
    by: str
    at: str
    note: str

    @property
    def key(self) -> tuple[str | None, str, int]:
        return self.meeting, self.meeting_date, self.item


def _summary(table: str, doc: dict[str, Any]) -> Any:
    return doc if table == TABLE else None


class Marks:
    """The marks of one registry (open it, read `latest()`, `add`, close)."""

    def __init__(self, registry_folder: Path) -> None:
        self.store = JournalStorage(registry_folder / FOLDER, summarize=_summary)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Marks:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def all(self) -> list[Mark]:
        self.store.refresh()
        summaries = self.store.summaries.get(TABLE, {})
        return [Mark(**summaries[i]) for i in sorted(summaries) if summaries[i]]

    def latest(self) -> dict[tuple[str | None, str, int], Mark]:
        """The mark in force for each resolution."""
        return {mark.key: mark for mark in self.all()}

    def add(self, meeting: str | None, meeting_date: str, item: int, done: bool, day: str,
            by: str, note: str = "") -> Mark:
        mark = Mark(meeting, meeting_date, item, done, day, by,
                    datetime.datetime.now().astimezone().isoformat(timespec="seconds"), note)
        with self.store.locked():
            self.store.refresh_locked()
            next_id = max(self.store.ids(TABLE), default=0) + 1
            self.store.append(TABLE, next_id, mark.__dict__.copy())
        return mark
