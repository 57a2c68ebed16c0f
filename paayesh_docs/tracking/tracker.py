"""The tracking state of one registry: derived, kept current record by record, rebuildable.

    from paayesh_docs.tracking import Tracker
    with Registry.open() as registry:
        tracker = Tracker(registry)
        tracker.sync()                       # catch up with whatever anyone registered
        tracker.escalations(on="1405-09-02")

`registry/tracking/` holds each record's facts (`facts.Fact`) in a `JournalStorage` of
its own, like the records themselves: a snapshot with a table of contents that keeps
every record's facts (so opening reads no record), plus a journal with one line per
record registered since, compacted now and then. `sync` catches up exactly as
`Registry.sync_index` does: the state remembers the highest record revision it has
seen, asks the registry for what changed since, and appends those records' facts,
under the state's own lock, so the watcher, the CLI and a composing process can all
call it at any time. Each line is written before its revision counts as done; a crash
leaves the state behind, never wrong, and the next sync redoes the rest.

The state is rebuilt from the records when it is missing, when `[tracking]` settings
that shape facts changed, when the registry is behind it, or when more than
`REBUILD_ABOVE` records are new; `paayesh tracking rebuild` does it by hand.
Links, threads, escalations, deadlines and meetings are not stored: they are worked
out from all facts together (`threads.Graph`), once per change, in milliseconds.
"""

from __future__ import annotations

import datetime
import weakref
from typing import Any

from paayesh_docs.persian.dates import format_iso, today_jalali
from paayesh_docs.registry import Registry
from paayesh_docs.registry.journal import RESET, JournalStorage
from paayesh_docs.tracking.deadlines import DueItem, soonest_first, status
from paayesh_docs.tracking.escalations import Escalation, find_escalations
from paayesh_docs.tracking.facts import Fact, Meeting, facts_of, from_json, to_json
from paayesh_docs.tracking.meetings import MeetingsReport, find_meetings
from paayesh_docs.tracking.numbers import number_key
from paayesh_docs.tracking.rules import Rules
from paayesh_docs.tracking.statistics import Step, statistics_steps
from paayesh_docs.tracking.threads import Graph

FACTS, META = "facts", "meta"
FOLDER = "tracking"
REBUILD_ABOVE = 5_000  # new records: one rebuild is cheaper than this many appends


def _summary(table: str, doc: dict[str, Any]) -> Any:
    """What stays in memory of each line: a Fact as plain tuples (marshal keeps them in the
    snapshot's table of contents, so opening 100,000 facts reads no line)."""
    if table == FACTS:
        fact = from_json(doc)
        return (*fact[:13], tuple(fact.meeting) if fact.meeting else None, *fact[14:])
    if table == META:
        return doc.get("fingerprint")
    return None


def _fact(summary: tuple[Any, ...]) -> Fact:
    meeting = summary[13]
    return Fact(*summary[:13], Meeting(*meeting) if meeting else None, *summary[14:])


class Tracker:
    """Escalations, threads, deadlines and meetings of one registry."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.rules = Rules(registry.settings.tracking, registry.settings.calendar)
        self.facts: dict[int, Fact] = {}
        self.by_key: dict[str, list[int]] = {}
        self._done = 0
        self._fingerprint: str | None = None
        self._graph: Graph | None = None
        self.store = JournalStorage(registry.folder / FOLDER, on_change=self._seen,
                                    summarize=_summary)

    def close(self) -> None:
        self.store.close()

    # -- the state, as lines arrive ---------------------------------------------

    def _seen(self, table: str, doc_id: int, summary: Any) -> None:
        self._graph = None
        if doc_id == RESET:
            self.facts, self.by_key, self._done, self._fingerprint = {}, {}, 0, None
            return
        if table == META:
            self._fingerprint = summary
            return
        old = self.facts.pop(doc_id, None)
        for key in old.keys if old else ():
            self.by_key[key].remove(doc_id)
        if summary is None:
            return
        fact = _fact(summary)
        self.facts[doc_id] = fact
        for key in fact.keys:
            self.by_key.setdefault(key, []).append(doc_id)
        self._done = max(self._done, fact.rev)

    def sync(self) -> int:
        """Catch up with the registry; returns how many records were (re)read."""
        with self.store.locked():
            self.store.refresh_locked()
            self.registry.refresh()
            ids = self.registry.changed_since(self._done)
            stale = (self._fingerprint != self.rules.fingerprint
                     or self._done > self.registry.max_rev or len(ids) > REBUILD_ABOVE)
            if not stale:
                records = sorted((r for i in ids if (r := self.registry.get(i))),
                                 key=lambda record: record["rev"])
                for record in records:
                    self.store.append(FACTS, record["id"], self._facts_json(record))
                return len(records)
        return self.rebuild()

    def rebuild(self) -> int:
        """Make the state again from every record; returns how many."""
        facts = {str(record["id"]): self._facts_json(record) for record in self.registry.scan()}
        meta = {"1": {"fingerprint": self.rules.fingerprint,
                      "rebuilt_at": datetime.datetime.now().astimezone().isoformat(
                          timespec="seconds")}}
        self.store.write({FACTS: facts, META: meta})
        return len(facts)

    def _facts_json(self, record: dict[str, Any]) -> dict[str, Any]:
        return to_json(facts_of(record, self.rules, lambda: self.registry.text(record)))

    # -- answers -----------------------------------------------------------------

    @property
    def graph(self) -> Graph:
        if self._graph is None:
            self._graph = Graph(self.facts, self.by_key)
        return self._graph

    def escalations(self, on: str | None = None) -> list[Escalation]:
        return find_escalations(self.graph, self.rules, on or today())

    def meetings(self, on: str | None = None) -> MeetingsReport:
        return find_meetings(self.graph, self.rules, on or today())

    def statistics(self, on: str | None = None) -> list[Step]:
        return statistics_steps(self.graph, self.rules, on or today())

    def thread(self, record_id: int) -> list[int]:
        return self.graph.thread(record_id)

    def find(self, reference: str) -> list[dict[str, Any]]:
        """Records a clerk means by `reference`: an id or registry number (as `Registry.find`
        reads it), else a letter number in any digit script (all letters that carry it)."""
        record = self.registry.find(reference)
        if record is not None:
            return [record]
        key = number_key(reference.strip())
        ids = sorted(self.by_key.get(key, ())) if key else []
        return [r for i in ids if (r := self.registry.get(i))]

    def due(self, on: str | None = None, within: int | None = None) -> list[DueItem]:
        """Replies owed to escalations, the committee's resolutions, statistics steps:
        everything open or overdue, soonest first."""
        on = on or today()
        items = [DueItem("escalation", e.due, e.status, "پاسخ به نامه", e.id,
                         e.recipient, {"level": e.level})
                 for e in self.escalations(on) if e.status != "answered"]
        for meeting in self.meetings(on).meetings:
            for text, owner, deadline in meeting.resolutions:
                if deadline:
                    items.append(DueItem("resolution", deadline, status(deadline, on), text,
                                         meeting.ids[0], owner, {"meeting": meeting.number,
                                                                 "meeting_date": meeting.date}))
        for step in self.statistics(on):
            items.append(DueItem("statistics", step.due, step.status, step.label, step.filing,
                                 None, {"period": step.period, "step": step.step}))
        return soonest_first(items, on, within)


def today() -> str:
    return format_iso(today_jalali())


_TRACKERS: weakref.WeakKeyDictionary[Registry, Tracker] = weakref.WeakKeyDictionary()


def sync(registry: Registry) -> int:
    """Catch tracking up with `registry` (the call the watcher makes after each batch).

    Keeps one Tracker per open Registry, so each call costs only the new records."""
    tracker = _TRACKERS.get(registry)
    if tracker is None:
        tracker = _TRACKERS[registry] = Tracker(registry)
    return tracker.sync()
