"""The tracking state of one registry: derived, kept current record by record, rebuildable.

    from paayesh_docs.tracking import Tracker
    with Registry.open() as registry:
        tracker = Tracker(registry)
        tracker.sync()                       # catch up with whatever anyone registered
        tracker.escalations(on="1405-09-02")

`registry/tracking/` holds each record's facts (`facts.Fact`) in a `JournalStorage` of
its own, like the records themselves: a snapshot with a table of contents that keeps
every record's facts (so opening reads no record), plus a journal with one line per
record registered since, compacted now and then. A rebuild writes the facts a thousand
records to a line ("blocks": one JSON encoding and one summary per thousand; writing
100,000 took 2.1 s one to a line, 1.7 s this way, same machine and load); a sync
writes one line per record ("facts"), which outranks that record's place in a block.
`sync` catches up exactly as `Registry.sync_index` does: the state remembers the
highest record revision it has seen, asks the registry for what changed since, and
appends those records' facts, under the state's own lock, so the watcher, the CLI and a
composing process can all call it at any time. Each line is written before its revision
counts as done; a crash leaves the state behind, never wrong, and the next sync redoes
the rest.

The state is rebuilt from the records when it is missing, when `[tracking]` settings
that shape facts changed, when the registry is behind it, or when more than
`REBUILD_ABOVE` records are new; `paayesh tracking rebuild` does it by hand.
Links, threads, escalations, deadlines and meetings are not stored: they are worked
out from all facts together (`threads.Graph`), made once (0.2 s for 100,000 records;
milliseconds for a season's) and then told of new letters (`Graph.take`), made again only
when a letter changed or a reference may now point elsewhere.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import gc
import itertools
import marshal
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from paayesh_docs.config import Settings
from paayesh_docs.persian.dates import format_iso, today_jalali
from paayesh_docs.registry import Registry
from paayesh_docs.registry.journal import RESET, JournalStorage
from paayesh_docs.tracking.deadlines import DueItem, soonest_first, status
from paayesh_docs.tracking.escalations import Escalation, escalation_of, find_escalations
from paayesh_docs.tracking.facts import Fact, facts_of, from_doc
from paayesh_docs.tracking.marks import Marks
from paayesh_docs.tracking.meetings import MeetingsReport, find_meetings
from paayesh_docs.tracking.numbers import number_key
from paayesh_docs.tracking.phrases import probes
from paayesh_docs.tracking.resolutions import resolution_states
from paayesh_docs.tracking.rules import Rules
from paayesh_docs.tracking.statistics import Step, statistics_steps
from paayesh_docs.tracking.threads import Graph

FACTS, BLOCKS, META = "facts", "blocks", "meta"
FOLDER = "tracking"
BLOCK = 1_000  # records a rebuild writes per line
REBUILD_ABOVE = 5_000  # new records: one rebuild is cheaper than this many appends
IN_MEMORY_UP_TO = 500  # new records a page's catch-up works out without writing them
PARALLEL_ABOVE = 20_000  # records: below this, starting a second process costs more than it saves


def _summary(table: str, doc: Any) -> Any:
    """What stays in memory of each line: the facts themselves (marshal keeps them in the
    snapshot's table of contents, so opening 100,000 facts reads no line). A block's
    thousand facts are kept as marshal bytes beside the newest revision they cover: a
    process that only follows the state (the watcher's follower) reads the head without
    making 100,000 facts' objects just to drop them (made and dropped, they left 100 MB
    the process could not give back: each 1 MB arena of Python's allocator kept a few
    objects alive), and one that answers holds each block as one compact object, made into
    facts once (`_put_block`)."""
    if table == BLOCKS:
        return (_newest(doc), marshal.dumps(doc))
    if table == FACTS:
        return doc
    if table == META:
        return doc.get("fingerprint")
    return None


def _newest(block: dict[str, list[Any] | None]) -> int:
    return max((fact[0] for fact in block.values() if fact), default=0)


def _block(summary: Any) -> dict[str, list[Any] | None]:
    """A block's facts from its summary: marshal bytes, or (a head written before blocks
    were kept as bytes) the facts themselves."""
    if isinstance(summary, tuple):
        return marshal.loads(summary[1])
    return summary or {}


def _revision_kept(table: str, summary: Any) -> Any:
    """What a writer that answers nothing keeps of each line's summary: the newest record
    revision it covers (a fact's first field), or the settings' fingerprint. The head it
    writes still holds whole facts (`_summary`): the next process to open the state may be
    a command that answers. A number where facts should be (a head written that way by an
    earlier version) is kept as it is."""
    if table == FACTS:
        return summary[0] if isinstance(summary, list) and summary else (
            summary if isinstance(summary, int) else 0)
    if table == BLOCKS:
        if isinstance(summary, tuple):
            return summary[0]
        if isinstance(summary, dict):
            return _newest(summary)
        return summary if isinstance(summary, int) else 0
    return summary


def _paused[T](method: Callable[..., T]) -> Callable[..., T]:
    """An answer worked out with the cycle collector paused (see `paused_collector`):
    answering for 100,000 records makes as many small objects, and a collection in the
    middle walks every fact again (measured: escalations 1.0 s with it, 0.3 s without)."""

    @functools.wraps(method)
    def paused(*args: Any, **kwargs: Any) -> T:
        with paused_collector():
            return method(*args, **kwargs)

    return paused


class Tracker:
    """Escalations, threads, deadlines and meetings of one registry."""

    def __init__(self, registry: Registry, answers: bool = True) -> None:
        """`answers=False` for a process that only keeps the state current (the watcher's
        follower): it keeps no facts in memory (200 MB at 100,000 records), only how far
        the state has come, and can `sync` and `rebuild` but answer nothing. The head it
        writes holds the facts all the same (`_summary`), since a command may open the
        state next; reading a head, it takes each block's newest revision and never makes
        the block's facts (a head written before blocks were bytes: only while reducing
        them to revisions)."""
        self.registry = registry
        self.answers = answers
        self.rules = Rules(registry.settings.tracking, registry.settings.calendar,
                           registry.settings.numbering)
        self.facts: dict[int, Fact] = {}
        self.by_key: dict[str, list[int]] = {}
        self._done = 0
        self._fingerprint: str | None = None
        self._graph: Graph | None = None
        self._touched: set[int] = set()  # records whose facts changed since the graph was made
        self._singles: set[int] = set()  # records whose line of their own outranks a block
        self._unreadable = False  # a line without facts where facts belong: rebuild
        self.maker = FactMaker(registry, self.rules)
        with paused_collector():
            self.store = JournalStorage(registry.folder / FOLDER, on_change=self._seen,
                                        summarize=_summary,
                                        keep=None if answers else _revision_kept)

    def close(self) -> None:
        self.store.close()

    @property
    def done(self) -> int:
        """The record revision the state has caught up to."""
        return self._done

    # -- the state, as lines arrive ---------------------------------------------

    def _seen(self, table: str, doc_id: int, summary: Any) -> None:
        """A line of the state, read or written: a rebuild's block of facts, one record's
        facts (appended by a sync; newer than any block), or the settings' fingerprint."""
        if doc_id == RESET:
            self._graph, self._touched = None, set()
            self.facts, self.by_key, self._done, self._fingerprint = {}, {}, 0, None
            self._singles, self._unreadable = set(), False
            return
        if table == META:
            self._fingerprint = summary
        elif not self.answers:
            self._done = max(self._done, summary or 0)
        elif not isinstance(summary, tuple | dict | list | None):
            # a head written by an earlier version's watcher holds revisions, not facts
            self._unreadable = True
        elif table == BLOCKS:
            self._put_block(_block(summary))
        elif table == FACTS:
            self._singles.add(doc_id)
            self._put(doc_id, summary)

    def _put_block(self, block: dict[str, list[Any] | None]) -> None:
        """`_put` for a block's thousand facts, in one loop: opening 100,000 records' facts
        is most of what a fresh `paayesh report` does before it answers."""
        facts, by_key, singles = self.facts, self.by_key, self._singles
        done = self._done
        for key_text, doc in block.items():
            record_id = int(key_text)
            if record_id in singles:
                continue
            if record_id in facts or doc is None:
                self._put(record_id, doc)
                continue
            fact = from_doc(doc)
            facts[record_id] = fact
            for key in fact.keys:
                found = by_key.get(key)
                if found is None:
                    by_key[key] = [record_id]
                else:
                    found.append(record_id)
            if fact.rev > done:
                done = fact.rev
        self._done = max(self._done, done)

    def _put(self, record_id: int, doc: list[Any] | None) -> None:
        self._touched.add(record_id)
        old = self.facts.pop(record_id, None)
        for key in old.keys if old else ():
            self.by_key[key].remove(record_id)
        if doc is None:
            return
        fact = from_doc(doc)
        self.facts[record_id] = fact
        for key in fact.keys:
            self.by_key.setdefault(key, []).append(record_id)
        if fact.rev > self._done:
            self._done = fact.rev

    def sync(self) -> int:
        """Catch up with the registry; returns how many records were (re)read."""
        with self.store.locked(), paused_collector():
            self.store.refresh_locked()
            self.registry.refresh()
            ids = self.registry.changed_since(self._done)
            stale = (self._unreadable or self._fingerprint != self.rules.fingerprint
                     or self._done > self.registry.max_rev or len(ids) > REBUILD_ABOVE)
            if not stale:
                table = self.registry.table()
                records = sorted(({"id": i, **table[str(i)]} for i in ids),
                                 key=lambda record: record["rev"])
                # one write and one fsync for the lot: a watcher's batch costs one flush
                self.store.append_many([(FACTS, record["id"], self.maker.doc(record))
                                        for record in records])
                return len(records)
        return self.rebuild()

    def catch_up(self, most: int = IN_MEMORY_UP_TO) -> int:
        """`sync` for a process that only answers (a web page): what the state already holds
        is read (shared lock), and up to `most` records it does not hold yet are worked out
        in memory, not written. The watcher's follower writes them a moment later; a page
        asked for in between neither waits for it nor writes (and flushes to disk) the same
        facts in a request. More than `most` behind, or a state to rebuild: `sync`."""
        with paused_collector():
            self.store.refresh()
            self.registry.refresh()
            ids = self.registry.changed_since(self._done)
            stale = (self._unreadable or self._fingerprint != self.rules.fingerprint
                     or self._done > self.registry.max_rev)
            if not ids and not stale:
                return 0
            if stale or len(ids) > most or not self.answers:
                return self.sync()
            table = self.registry.table()
            records = sorted(({"id": i, **table[str(i)]} for i in ids),
                             key=lambda record: record["rev"])
            for record in records:
                self._put(record["id"], self.maker.doc(record))
            return len(records)

    def rebuild(self, workers: int | None = None) -> int:
        """Make the state again from every record; returns how many.

        From `PARALLEL_ABOVE` records on, a spawned process makes half of the facts while
        this one makes the other half (spawned, not forked: the watcher has threads).        """
        with paused_collector():
            ids = self.registry.ids()
            if workers is None:
                workers = 2 if len(ids) >= PARALLEL_ABOVE and (os.cpu_count() or 1) > 1 else 1
            facts: dict[str, list[Any]] = {}
            if workers > 1 and len(ids) > 1:
                share = -(-len(ids) // workers)
                context = multiprocessing.get_context("spawn")
                with ProcessPoolExecutor(workers - 1, mp_context=context) as pool:
                    futures = [pool.submit(_facts_in_worker, self.registry.settings,
                                           ids[start:start + share])
                               for start in range(share, len(ids), share)]
                    facts.update(self.maker.of(ids[:share]))
                    for future in futures:
                        facts.update(future.result())
            else:
                facts.update(self.maker.of(None))
            meta = {"1": {"fingerprint": self.rules.fingerprint,
                          "rebuilt_at": datetime.datetime.now().astimezone().isoformat(
                              timespec="seconds")}}
            items = list(facts.items())
            blocks = {str(n): dict(items[start:start + BLOCK])
                      for n, start in enumerate(range(0, len(items), BLOCK), 1)}
            self.store.write({BLOCKS: blocks, META: meta})
        return len(facts)

    # -- answers -----------------------------------------------------------------

    @property
    def graph(self) -> Graph:
        if not self.answers:
            raise RuntimeError("this Tracker keeps the state current and answers nothing")
        if self._graph is not None and self._touched and not self._graph.take(self._touched):
            self._graph = None
        self._touched = set()
        if self._graph is None:
            with paused_collector():
                self._graph = Graph(self.facts, self.by_key)
        return self._graph

    @_paused
    def escalations(self, on: str | None = None) -> list[Escalation]:
        return find_escalations(self.graph, self.rules, on or today())

    @_paused
    def escalation(self, record_id: int, on: str | None = None) -> Escalation | None:
        """The escalation `record_id` is (as in `escalations`), or None."""
        return escalation_of(self.graph, self.rules, on or today(), record_id)

    @_paused
    def meetings(self, on: str | None = None) -> MeetingsReport:
        return find_meetings(self.graph, self.rules, on or today())

    @_paused
    def statistics(self, on: str | None = None) -> list[Step]:
        return statistics_steps(self.graph, self.rules, on or today())

    @_paused
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

    def _record(self, record_id: int) -> dict[str, Any]:
        return self.registry.get(record_id) or {}

    @_paused
    def due(self, on: str | None = None, within: int | None = None) -> list[DueItem]:
        """Replies owed to escalations, the committee's resolutions, statistics steps:
        everything open or overdue, soonest first. A resolution done (marked by a clerk,
        or answered by a later letter: `resolutions`) is owed no more."""
        on = on or today()
        items = [DueItem("escalation", e.due, e.status, "پاسخ به نامه", e.id,
                         e.recipient, {"level": e.level})
                 for e in self.escalations(on) if e.status != "answered"]
        with Marks(self.registry.folder) as marks:
            marked = marks.latest()
        for state in resolution_states(self.graph, self.meetings(on).meetings, marked, on,
                                       self._record):
            if state.deadline and state.status != "done":
                meeting = state.meeting
                items.append(DueItem("resolution", state.deadline, status(state.deadline, on),
                                     state.text, meeting.ids[0], state.owner,
                                     {"meeting": meeting.number,
                                      "meeting_date": meeting.date, "item": state.item}))
        for step in self.statistics(on):
            items.append(DueItem("statistics", step.due, step.status, step.label, step.filing,
                                 None, {"period": step.period, "step": step.step}))
        return soonest_first(items, on, within)


class FactMaker:
    """Makes the facts of records (a Tracker's, or a rebuild worker's)."""

    def __init__(self, registry: Registry, rules: Rules) -> None:
        self.registry, self.rules = registry, rules

    def of(self, ids: list[int] | None, batch: int = 5_000) -> dict[str, list[Any]]:
        """The facts of the records `ids` (None: all), read straight through; subjects are
        folded and matched a batch at a time."""
        facts: dict[str, list[Any]] = {}
        records = self.registry.scan(ids)
        while chunk := list(itertools.islice(records, batch)):
            subjects = probes([record.get("subject") for record in chunk])
            matches = self.rules.subjects.match_many(subjects)
            for record, subject, matched in zip(chunk, subjects, matches, strict=True):
                facts[str(record["id"])] = facts_of(
                    record, self.rules, lambda record=record: self.registry.text(record),
                    subject, matched)
        return facts

    def doc(self, record: dict[str, Any]) -> list[Any]:
        return facts_of(record, self.rules, lambda: self.registry.text(record))


def _facts_in_worker(settings: Settings, ids: list[int]) -> dict[str, list[Any]]:
    """A rebuild worker's share: the facts of `ids`, read by its own view of the registry."""
    with paused_collector(), Registry(settings) as registry:
        rules = Rules(settings.tracking, settings.calendar, settings.numbering)
        return FactMaker(registry, rules).of(ids)


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """Python's cycle collector paused while tracking makes or loads 100,000 small objects
    that hold no cycles: it would walk them all again and again as they pile up (measured:
    loading the state of 100,000 records 3.2 s with it, 0.6 s without)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def today() -> str:
    return format_iso(today_jalali())
