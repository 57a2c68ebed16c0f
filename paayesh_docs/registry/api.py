"""The registry's verbs: register, show, search, reindex, check. The CLI and the watcher call these.

    from paayesh_docs.registry import Registry
    with Registry.open() as registry:           # the office found as every command finds it
        result = registry.register(Path("inbox/letter.docx"))
        registry.search("صورت جلسه", Filters(since="1405-01-01"))

Records of truth live in TinyDB over `JournalStorage` (durable per record, locked
across processes); the search index is derived and rebuilt on demand.
"""

from __future__ import annotations

import bisect
import errno
import hashlib
import multiprocessing
import os
import re
import threading
import time
import uuid
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from tantivy import Document
from tinydb import TinyDB

from paayesh_docs.config import Settings, folder_error, load_settings
from paayesh_docs.ingest.bounded import Bounds, reader
from paayesh_docs.ingest.extract import extract_file
from paayesh_docs.ingest.limits import with_ocr
from paayesh_docs.persian.digits import to_latin_digits, to_persian_digits
from paayesh_docs.persian.text import search_terms
from paayesh_docs.registry.archive import Archive, sha256_of
from paayesh_docs.registry.clearance import LEVELS, level, record_level
from paayesh_docs.registry.index import Filters, SearchIndex, index_document, index_fields
from paayesh_docs.registry.journal import CACHED, RESET, JournalStorage
from paayesh_docs.registry.numbering import DIRECTIONS, Counters, format_number
from paayesh_docs.registry.records import RECORD_FIELDS, new_record, now

TABLE = "records"
READING = "reading"  # marks of files being read (see `ingest.bounded`)


@dataclass
class Registered:
    """What happened to one file: registered, duplicate, rejected or ignored."""

    file: str
    status: str
    id: int | None = None
    registry_number: str | None = None
    reason: dict[str, str] | None = None
    record: dict[str, Any] | None = field(default=None, repr=False)

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "status": self.status, "id": self.id,
                "registry_number": self.registry_number, "reason": self.reason}


@dataclass
class Incoming:
    """One file to register, and what its sender said about it."""

    path: Path
    direction: str = "incoming"
    kind: str | None = None
    name: str | None = None  # the name to keep when `path` is a working copy
    claim: str | None = None  # the watcher's claim id, kept in the record
    # the watcher's: True when the file changed since it was claimed (a writer it could
    # not see); asked under the registry's lock just before the record is committed
    changed: Callable[[], bool] | None = None
    # the watcher's: a scan is answered `needs_ocr` at once (read in its OCR pool), and
    # what the pool read comes back here as `extraction`, registered without reading again
    defer_ocr: bool = False
    extraction: dict[str, Any] | None = None


@dataclass
class Composed:
    """A document we wrote, rendered with its registry number (see `register_composed`)."""

    name: str  # the file name it is known by, e.g. 1405-ص-000045.docx
    data: bytes
    text: str
    fields: dict[str, Any]  # the `extract` contract's fields


@dataclass
class SearchResult:
    total: int
    hits: list[dict[str, Any]]


class Registry:
    """One office's registry folder."""

    def __init__(self, settings: Settings, cached: int = CACHED) -> None:
        """`cached`: how many records read or written last stay in memory (see
        `JournalStorage`); a process that writes records and seldom reads one back (the
        watcher) needs few."""
        self.settings = settings
        self.folder = settings.registry
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise folder_error(settings, "registry", error) from None
        # what a command should tell its user besides its answer (the index left behind
        # on a read-only registry or a full disk), each {"fa", "en"}
        self.notes: list[dict[str, str]] = []
        self.archive = Archive(self.folder)
        self._reset_derived()
        self.storage = JournalStorage(self.folder, on_change=self._seen, summarize=_summary,
                                      cached=cached)
        self.db = TinyDB(storage=lambda: self.storage)
        self.records = self.db.table(TABLE, cache_size=0)
        self._index: SearchIndex | None = None
        self._index_lock = threading.Lock()

    @classmethod
    def open(cls, home: Path | None = None) -> Registry:
        return cls(load_settings(home))

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.storage.close()

    def reopen(self) -> None:
        """In a forked process: files of its own (see `JournalStorage.reopen`)."""
        self.storage.reopen()
        self._index = None

    # -- derived state, kept as records arrive -------------------------------

    def _seen(self, table: str, doc_id: int, summary: tuple[Any, ...] | None) -> None:
        if doc_id == RESET:
            self._reset_derived()
            return
        if table != TABLE or summary is None:
            return
        sha256, year, direction, seq, rev = summary[:5]
        self._counters.see(year, direction, seq)
        self._by_sha.setdefault(sha256, doc_id)
        self._max_id = max(self._max_id, doc_id)
        if rev > self._max_rev:
            self._by_rev.append((rev, doc_id))
            self._max_rev = rev
        else:
            bisect.insort(self._by_rev, (rev, doc_id))

    def _reset_derived(self) -> None:
        self._counters = Counters()
        self._by_sha: dict[str, int] = {}
        self._by_rev: list[tuple[int, int]] = []  # (rev, id), kept sorted
        self._max_id = 0
        self._max_rev = 0

    # -- reading -------------------------------------------------------------

    def get(self, record_id: int) -> dict[str, Any] | None:
        self.storage.refresh()
        doc = self.storage.read().get(TABLE, {}).get(str(record_id))
        return {"id": record_id, **doc} if doc else None

    def find(self, reference: str) -> dict[str, Any] | None:
        """A record by id, registry number or letter number, in any digit script."""
        self.storage.refresh()
        reference = to_latin_digits(reference.strip())
        if reference.isdigit() and len(reference) < 9:
            found = self.get(int(reference))
            if found:
                return found
        wanted = search_terms(reference)[:1]
        for summary_id in self._by_number(reference):
            return self.get(summary_id)
        result = self.index.search(reference, Filters(), 50)[1] if wanted else []
        for hit in result:
            record = self.get(hit.id)
            numbers = (record or {}).get("registry_number"), (record or {}).get("number")
            if any(value and search_terms(value)[:1] == wanted for value in numbers):
                return record
        return None

    def _by_number(self, reference: str) -> list[int]:
        """Ids whose registry number is `reference` (its year, direction letter, sequence)."""
        parts = [p for p in re.split(r"[/\\\-\s]+", reference) if p]
        codes = {getattr(self.settings.numbering, d): d for d in DIRECTIONS}
        numbers = [int(p) for p in parts if p.isdigit()]
        directions = [codes[p] for p in parts if p in codes]
        if len(numbers) != 2 or len(directions) != 1:
            return []
        year, seq = (numbers if numbers[0] > 1000 else numbers[::-1])
        with self.storage.locked(exclusive=False):  # no other thread's catch-up meanwhile
            summaries = list(self.storage.summaries.get(TABLE, {}).items())
        wanted = (year, directions[0], seq)
        return [doc_id for doc_id, summary in summaries if summary[1:4] == wanted]

    def ids_of_year(self, year: int, direction: str | None = None) -> list[int]:
        """Ids of the records numbered in `year` (and `direction`), from what is kept in
        memory of every record: a register of one year reads no record of another."""
        self.storage.refresh()
        return sorted(doc_id for doc_id, summary in self.storage.summaries.get(TABLE, {}).items()
                      if summary[1] == year and (direction is None or summary[2] == direction))

    def numbered_in_year(self, year: int, direction: str | None = None
                         ) -> list[tuple[str, int, int]]:
        """(direction, sequence, id) of every record numbered in `year` (and `direction`),
        from what is kept in memory of every record: a register's order without reading."""
        self.storage.refresh()
        return [(summary[2], summary[3], doc_id)
                for doc_id, summary in self.storage.summaries.get(TABLE, {}).items()
                if summary[1] == year and (direction is None or summary[2] == direction)]

    def ids_above(self, clearance: str | None) -> set[int]:
        """The ids of the records classified above `clearance`, exactly, without reading
        every record: the search index's level for the records it holds as they were when
        it caught up, the records themselves for every one changed since (a page that
        counts within a clearance must not count one classified a moment ago)."""
        rank = level(clearance)
        if rank >= len(LEVELS) - 1:
            return set()
        self.storage.refresh()
        done = self.index.state().get("rev", 0)  # before the searcher: it is as new or newer
        if done > self._max_rev:  # an index of other records: believe none of it
            done = 0
        hidden = self.index.ids_in_levels(rank + 1, len(LEVELS) - 1) if done else set()
        changed = self.changed_since(done)
        if changed:
            table = self.storage.read()[TABLE]
            for doc_id in changed:
                doc = table.get(str(doc_id))
                hidden.discard(doc_id)
                if doc is not None and record_level(doc) > rank:
                    hidden.add(doc_id)
        return hidden

    def by_sha256(self, sha256: str) -> dict[str, Any] | None:
        """The record whose original has these bytes (a file dropped in twice is one)."""
        self.storage.refresh()
        doc_id = self._by_sha.get(sha256)
        return self.get(doc_id) if doc_id is not None else None

    def all(self) -> list[dict[str, Any]]:
        self.storage.refresh()
        return [{"id": int(k), **v} for k, v in self.storage.read().get(TABLE, {}).items()]

    def text(self, record: dict[str, Any]) -> str:
        return self.archive.text(record["source"]["sha256"])

    # -- writing -------------------------------------------------------------

    def register(self, path: Path, direction: str = "incoming", kind: str | None = None,
                 name: str | None = None, index: bool = True,
                 claim: str | None = None) -> Registered:
        """Register one file once; the same bytes again give the existing record back.

        `claim` (the watcher's) is kept in the record so that a file claimed before a
        crash is recognised as already registered."""
        return self.register_many([Incoming(path, direction, kind, name, claim)], index)[0]

    def register_many(self, files: Sequence[Incoming], index: bool = True) -> list[Registered]:
        """Register several files with one flush to disk for all their archived copies and
        one journal write for all their records (a group commit): a watcher taking a burst
        pays for durability once per batch, not once per file. The results are in order."""
        results: list[Registered | None] = [None] * len(files)
        prepared: list[tuple[int, dict[str, Any], str]] = []
        kept: list[tuple[str, str, Path | None, str | None]] = []
        self.storage.refresh()
        for position, incoming in enumerate(files):
            outcome = self._prepare(incoming)
            if isinstance(outcome, Registered):
                results[position] = outcome
                continue
            record, text, carried = outcome
            sha256, label = record["source"]["sha256"], record["source"]["name"]
            kept.append((sha256, Path(label).suffix, incoming.path, text))
            kept.extend(carried)  # an e-mail's attachments, beside it
            prepared.append((position, record, label))
        self.archive.keep(kept)  # on disk before any record that points at them
        changed = [files[position].changed for position, _, _ in prepared]
        for position, result in zip((p for p, _, _ in prepared),
                                    self._commit(prepared, changed), strict=True):
            results[position] = result
        if index and prepared:
            self.sync_index()
        return _every_answer(results)

    def _prepare(self, incoming: Incoming) -> Registered | tuple[dict[str, Any], str, list]:
        """Read one file into its record (without numbers), or say why it is not one; with
        the files it carries (an e-mail's attachments) to archive beside it."""
        if incoming.direction not in DIRECTIONS:
            raise ValueError(f"unknown direction {incoming.direction!r}")
        path = incoming.path
        label = incoming.name or path.name
        try:  # hashing a pipe would block: only regular files are read
            sha256, size = sha256_of(path) if path.is_file() else ("", 0)
        except OSError:
            sha256 = ""
        if not sha256:  # a folder, a pipe, gone, no permission: extract says which
            extraction = extract_file(path)
            return Registered(label, extraction["status"], reason=extraction["reason"])
        existing = self._duplicate(sha256, label)
        if existing:
            return existing
        parts: list[tuple[str, bytes]] = []
        extraction = incoming.extraction or reader(
            Bounds(seconds=self.settings.watch.read_seconds)).extract(
            path, with_ocr(self.settings.ocr, ocr_defer=incoming.defer_ocr), kind=incoming.kind,
            marks=self.folder / READING, key=sha256, parts=parts)
        if (extraction["reason"] or {}).get("code") == "needs_ocr":
            return Registered(label, "needs_ocr", reason=extraction["reason"])
        if extraction["status"] != "ok":
            return Registered(label, extraction["status"], reason=extraction["reason"])
        source = {"name": label, "sha256": sha256, "size": size,
                  "format": Path(label).suffix.lower().lstrip(".")}
        if incoming.claim:
            source["claim"] = incoming.claim
        record = new_record(extraction, direction=incoming.direction, source=source,
                            registered_at=now())
        carried: list[tuple[str, str, Path | bytes | None, str | None]] = []
        for part_name, data in parts:
            part_sha = hashlib.sha256(data).hexdigest()
            part_format = Path(part_name).suffix.lower().lstrip(".")
            carried.append((part_sha, "." + part_format if part_format else "", data, None))
            record.setdefault("files", []).append({
                "name": part_name, "sha256": part_sha, "size": len(data),
                "format": part_format, "attachment": True})
        return record, extraction["text"], carried

    def _duplicate(self, sha256: str, label: str) -> Registered | None:
        doc_id = self._by_sha.get(sha256)
        if doc_id is None:
            return None
        record = self.storage.read()[TABLE][str(doc_id)]
        number = record["registry_number"]
        return Registered(label, "duplicate", doc_id, number, {
            "code": "duplicate",
            "fa": f"این فایل قبلاً با شماره ثبت {to_persian_digits(number)} ثبت شده است.",
            "en": f"The same file was registered before as {number}."}, record)

    def _append(self, record: dict[str, Any], label: str, index: bool) -> Registered:
        """Number and durably add one record whose files are archived already."""
        result = self._commit([(0, record, label)])[0]
        if index and result.status == "registered":
            self.sync_index()
        return result

    def _commit(self, prepared: list[tuple[int, dict[str, Any], str]],
                changed: Sequence[Callable[[], bool] | None] = ()) -> list[Registered]:
        """Number the records and append them with one fsync, under the registry's lock:
        numbers are chosen on fresh state, so they are gap-free across processes. A file
        registered meanwhile (by another process, or earlier in this batch) is a duplicate."""
        results: list[Registered | None] = [None] * len(prepared)
        with self.storage.locked():
            self.storage.refresh_locked()
            changes: list[tuple[str, int, dict[str, Any] | None]] = []
            taken: dict[tuple[int, str], int] = {}
            carried: set[str] = set()
            for slot, (_, record, label) in enumerate(prepared):
                sha256 = record["source"]["sha256"]
                if slot < len(changed) and (still_written := changed[slot]) and still_written():
                    results[slot] = Registered(label, "changed", reason=_CHANGED)
                    continue
                if sha256 in carried:
                    continue  # the same bytes earlier in this batch: answered below
                existing = self._duplicate(sha256, label)
                if existing:
                    results[slot] = existing
                    continue
                key = (record["year"], record["direction"])
                seq = taken[key] = max(self._counters.next(*key), taken.get(key, 0) + 1)
                doc_id = self._max_id + 1 + len(changes)
                record.update(seq=seq, rev=self._max_rev + 1 + len(changes),
                              registry_number=format_number(self.settings.numbering, *key, seq))
                changes.append((TABLE, doc_id, record))
                carried.add(sha256)
                results[slot] = Registered(label, "registered", doc_id,
                                           record["registry_number"], None, record)
            self.storage.append_many(changes)
            for slot, (_, record, label) in enumerate(prepared):
                if results[slot] is None:
                    results[slot] = self._duplicate(record["source"]["sha256"], label)
        return _every_answer(results)

    def register_composed(self, render: Callable[[str], Composed], direction: str = "outgoing",
                          index: bool = True) -> Registered:
        """Number, render, archive and record a document that prints its own number.

        All under the registry's lock, so the number is gap-free and unique across
        processes (the watcher may be registering at the same moment): the next number
        is taken, `render` makes the document with it, the bytes are archived, and only
        then is the record appended. A process that dies in between used no number and
        left no record pointing at a missing original. `render` should be quick (a
        DOCX); slower renderings of the same record (a PDF) go to `attach` afterwards.
        """
        record = new_record({}, direction=direction, source={}, registered_at=now())
        with self.storage.locked():
            self.storage.refresh_locked()
            seq = self._counters.next(record["year"], direction)
            number = format_number(self.settings.numbering, record["year"], direction, seq)
            composed = render(number)
            sha256, _ = self.archive.keep_bytes(composed.data, Path(composed.name).suffix,
                                                composed.text)
            record.update({name: composed.fields.get(name) for name in RECORD_FIELDS})
            record.update(seq=seq, rev=self._max_rev + 1, registry_number=number, source={
                "name": composed.name, "sha256": sha256, "size": len(composed.data),
                "format": Path(composed.name).suffix.lower().lstrip("."), "composed": True})
            doc_id = self._max_id + 1
            self.storage.append(TABLE, doc_id, record)
        if index:
            self.sync_index()
        return Registered(composed.name, "registered", doc_id, number, None, record)

    def attach(self, record_id: int, name: str, data: bytes) -> dict[str, Any]:
        """Archive another rendering of a record (the PDF of a composed letter) and list it
        in the record's `files`; archived first, so the record never names a missing file."""
        sha256, _ = self.archive.keep_bytes(data, Path(name).suffix)
        entry = {"name": name, "sha256": sha256, "size": len(data),
                 "format": Path(name).suffix.lower().lstrip(".")}
        with self.storage.locked():
            self.storage.refresh_locked()
            current = self.storage.read()[TABLE][str(record_id)]
            updated = {**current, "files": [*(current.get("files") or []), entry],
                       "rev": self._max_rev + 1}
            self.storage.append(TABLE, record_id, updated)
        return {"id": record_id, **updated}

    def update(self, record_id: int, **changes: Any) -> dict[str, Any]:
        """Change fields of a record (status, links); durable, and re-indexed on the next sync."""
        with self.storage.locked():
            self.storage.refresh_locked()
            current = self.storage.read()[TABLE][str(record_id)]
            updated = {**current, **changes, "rev": self._max_rev + 1}
            self.storage.append(TABLE, record_id, updated)
        return {"id": record_id, **updated}

    def revise(self, record_id: int,
               change: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any] | None:
        """Correct or void a record (see `revisions`): `change` reads the record as it is
        under the lock and returns the fields to write ({} writes nothing). Durable, and
        search follows at once; None when there is no such record."""
        with self.storage.locked():
            self.storage.refresh_locked()
            current = self.storage.read()[TABLE].get(str(record_id))
            if current is None:
                return None
            changes = change({"id": record_id, **current})
            if not changes:
                return {"id": record_id, **current}
            updated = {**current, **changes, "rev": self._max_rev + 1}
            self.storage.append(TABLE, record_id, updated)
        self.sync_index()
        return {"id": record_id, **updated}

    def register_paper(self, fields: Mapping[str, Any], direction: str = "incoming",
                       path: Path | None = None) -> Registered:
        """Register a letter the way a clerk writes a paper register: the fields as given,
        the next registry number; `path` (a scan that cannot be read yet) is archived with
        the record, and without it the record stands alone. The text indexed is what a
        readable file says, else the fields themselves. The same file again is a duplicate."""
        if direction not in DIRECTIONS:
            raise ValueError(f"unknown direction {direction!r}")
        summary = "\n".join(str(fields.get(name) or "") for name in ("subject", "sender", "number"))
        summary += "\n" + "\n".join(fields.get("recipients") or [])
        if path is not None:
            sha256, size = sha256_of(path)
            label = path.name
            self.storage.refresh()
            existing = self._duplicate(sha256, label)
            if existing:
                return existing
            extraction = reader(Bounds(seconds=self.settings.watch.read_seconds)).extract(
                path, with_ocr(self.settings.ocr))
            text = extraction["text"] if extraction["status"] == "ok" else summary
            source = {"name": label, "sha256": sha256, "size": size,
                      "format": path.suffix.lower().lstrip("."), "paper": True}
        else:  # a key of its own: two paper letters alike are still two letters
            label = ""
            sha256 = hashlib.sha256(f"paper {uuid.uuid4()}\n{summary}".encode()).hexdigest()
            text = summary
            source = {"name": "", "sha256": sha256, "size": 0, "format": "", "paper": True}
        record = new_record(dict(fields), direction=direction, source=source,
                            registered_at=now())
        self.archive.keep([(sha256, Path(label).suffix if path else "", path, text)])
        return self._append(record, label, index=True)

    # -- the index -----------------------------------------------------------

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            with self._index_lock:  # one per registry, whichever thread asks first
                if self._index is None:
                    self._index = SearchIndex(self.folder / "index")
        return self._index

    def sync_index(self) -> int:
        """Index what changed since the index last caught up; returns how many records."""
        index = self.index
        self.storage.refresh()
        if index.state().get("rev", 0) >= self._max_rev:
            return 0  # caught up already (the state is replaced atomically): no lock needed
        with index.locked():
            done = index.state().get("rev", 0)
            self.storage.refresh()
            if done >= self._max_rev:
                return 0
            table = self.storage.read()[TABLE]
            documents = ((i, self._document(i, table[str(i)])) for i in self.changed_since(done))
            return index.write(documents, {"rev": self._max_rev})

    # -- what derived state (the index, tracking) catches up on ----------------

    @property
    def max_rev(self) -> int:
        """The revision of the latest change this process has seen (call `refresh` first)."""
        return self._max_rev

    def refresh(self) -> None:
        """Catch up with what other processes registered."""
        self.storage.refresh()

    def table(self) -> Mapping[str, dict[str, Any]]:
        """The records by id (as a string), read from disk when asked for; as of the last
        `refresh`."""
        return self.storage.read().get(TABLE, {})

    def changed_since(self, rev: int) -> list[int]:
        """Ids of the records changed after revision `rev`, oldest change first, each once."""
        start = bisect.bisect_right(self._by_rev, (rev, float("inf")))
        return list(dict.fromkeys(doc_id for _, doc_id in self._by_rev[start:]))

    def ids(self) -> list[int]:
        """The ids of every record, in order."""
        self.storage.refresh()
        return self.storage.ids(TABLE)

    def scan(self, ids: Collection[int] | None = None) -> Iterator[dict[str, Any]]:
        """Every record (or those of `ids`), read straight through, for rebuilding derived
        state; under a shared lock so that no compaction swaps the files meanwhile."""
        with self.storage.locked(exclusive=False):
            self.storage.refresh_locked()
            for doc_id, doc in self.storage.scan(TABLE, ids):
                yield {"id": doc_id, **doc}

    def _document(self, doc_id: int, doc: dict[str, Any]) -> Any:
        return index_document({"id": doc_id, **doc}, self.archive.text(doc["source"]["sha256"]))

    def reindex(self, workers: int | None = None, chunk: int = 500) -> int:
        """Rebuild the whole index from the records, the terms made on every core.

        The caller holds the index lock; workers only read records and texts.
        """
        index = self.index
        with index.locked():
            self.storage.refresh()
            ids = self.storage.ids(TABLE)
            chunks = [ids[i:i + chunk] for i in range(0, len(ids), chunk)]
            workers = workers or os.cpu_count() or 1
            if workers > 1 and len(chunks) > 1:
                # spawned, not forked: tantivy's threads make fork() unsafe
                context = multiprocessing.get_context("spawn")
                with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start,
                                         initargs=(self.settings,)) as pool:
                    batches = pool.map(_worker_fields_of, chunks)
                    documents = ((f["id"], Document(**f)) for batch in batches for f in batch)
                    return index.write(documents, {"rev": self._max_rev}, clear=True)
            documents = ((f["id"], Document(**f)) for chunk in chunks
                         for f in self._fields_of(chunk))
            return index.write(documents, {"rev": self._max_rev}, clear=True)

    def _fields_of(self, ids: list[int]) -> list[dict[str, Any]]:
        table = self.storage.read()[TABLE]
        return [index_fields({"id": i, **table[str(i)]},
                             self.archive.text(table[str(i)]["source"]["sha256"])) for i in ids]

    def catch_up_index(self, lag: float = 0.0) -> bool:
        """`sync_index` for a read command: on a registry that cannot be written (read-only,
        disk full) the index is used as it is and a note says so; False then.

        `lag` (seconds; the web application's pages): an index behind the records that was
        written within the last `lag` seconds is being caught up by someone (the watcher's
        follower, about once a second while files come in) and is used as it is: a page
        neither waits for that indexing nor does it again itself in the middle of a
        request. An index behind and left alone longer (no follower, or it died) is caught
        up here, as without `lag`."""
        if lag and self.storage.writable:
            self.storage.refresh()
            state, written = self.index.state_written()
            if state.get("rev", 0) >= self._max_rev or time.time() - written < lag:
                return True
        if not (self.storage.writable and self.index.writable):
            self.storage.refresh()
            if self.index.state().get("rev", 0) < self._max_rev:
                self._note_index_behind(None)
            return False
        try:
            self.sync_index()
        except (OSError, ValueError) as error:  # tantivy says ValueError for a full disk
            if isinstance(error, OSError) and error.errno not in STORAGE_ERRNOS:
                raise
            self._note_index_behind(error)
            return False
        return True

    def _note_index_behind(self, error: BaseException | None) -> None:
        what = storage_fault(error) if error is not None else storage_fault(None)
        self.notes.append({
            "fa": f"{what['fa']} نمایه جستجو به‌روز نشد؛ نامه‌هایی که تازه ثبت شده‌اند "
                  "ممکن است در نتیجه‌ها نباشند.",
            "en": f"{what['en']} The search index was not brought up to date; letters "
                  "registered lately may be missing from the results."})

    def search(self, text: str, filters: Filters | None = None, limit: int = 20,
               offset: int = 0, sort: str = "relevance",
               mark: tuple[str, str] = ("<b>", "</b>"), lag: float = 0.0) -> SearchResult:
        """One page of hits (`offset`, `limit`) and the total, both within
        `filters.clearance` when it is set; `sort`: relevance, date (newest first) or
        oldest; `mark` wraps the matched words of each snippet; `lag`: see
        `catch_up_index`."""
        self.catch_up_index(lag)
        total, hits = self.index.search(text, filters or Filters(), limit, offset, sort)
        table = self.storage.read()[TABLE] if hits else {}
        wanted = set(search_terms(text))
        results = []
        rank = level(filters.clearance) if filters and filters.clearance is not None else None
        for hit in hits:
            doc = table.get(str(hit.id))
            if doc is None:
                continue
            if rank is not None and record_level(doc) > rank:
                continue  # classified since the index last took it in: shown to nobody below
            results.append({
                "id": hit.id, "registry_number": doc["registry_number"], "number": doc["number"],
                "date": doc["date"], "subject": doc["subject"], "sender": doc.get("sender"),
                "file": doc["source"]["name"], "status": doc.get("status"),
                "classification": doc.get("classification"), "kind": doc.get("kind"),
                "direction": doc.get("direction"), "score": round(hit.score, 4),
                "snippet": snippet(self.archive.text(doc["source"]["sha256"]), wanted,
                                   mark=mark),
            })
        return SearchResult(total, results)

    # -- checking ------------------------------------------------------------

    def check(self, repair: bool = True) -> dict[str, Any]:
        """Do records, archived files and the index agree? Repairs the index; reports the rest."""
        records = self.all()
        leftovers = self.archive.remove_leftovers() if repair else []  # of killed writers
        problems: list[str] = []
        numbers: dict[tuple[int, str], list[int]] = {}
        holders: dict[str, list[int]] = {}  # registry number -> ids: each must be unique
        for record in records:
            sha = record["source"]["sha256"]
            original = self.archive.original_path(sha, "." + record["source"]["format"])
            if record["source"]["format"] and not original.exists():
                problems.append(f"record {record['id']}: original file missing ({original.name})")
            if not self.archive.text_path(sha).exists():
                problems.append(f"record {record['id']}: text missing")
            for extra in record.get("files") or []:  # a composed letter's PDF
                if not self.archive.original_path(extra["sha256"], "." + extra["format"]).exists():
                    problems.append(f"record {record['id']}: file missing ({extra['name']})")
            numbers.setdefault((record["year"], record["direction"]), []).append(record["seq"])
            holders.setdefault(record["registry_number"], []).append(record["id"])
        for (year, direction), seqs in numbers.items():
            if sorted(seqs) != list(range(1, len(seqs) + 1)):
                problems.append(f"numbers of {year} {direction} are not 1..{len(seqs)} gap-free")
        for number, ids in holders.items():
            if len(ids) > 1:
                problems.append(f"registry number {number} is held by {len(ids)} records "
                                f"({', '.join(map(str, ids))})")
        indexed = self.index.ids()
        expected = {record["id"] for record in records}
        repaired = 0
        if indexed != expected and repair:
            if self.storage.writable and self.index.writable:
                try:
                    repaired = self.reindex()
                except (OSError, ValueError) as error:
                    if isinstance(error, OSError) and error.errno not in STORAGE_ERRNOS:
                        raise
                    self._note_index_behind(error)
            else:
                self._note_index_behind(None)
        return {"records": len(records), "problems": problems,
                "index_missing": len(expected - indexed), "index_extra": len(indexed - expected),
                "index_repaired": repaired, "temporaries_removed": len(leftovers),
                "ok": not problems}


_CHANGED = {"code": "changed",
            "fa": "فایل هنگام ثبت هنوز تغییر می‌کرد (در حال نوشته شدن بود).",
            "en": "The file changed while it was being registered (still being written)."}


STORAGE_ERRNOS = (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT)


def storage_fault(error: BaseException | None) -> dict[str, str]:
    """What is wrong with the registry's storage, in Persian and English: the disk is full
    (ENOSPC, EDQUOT, or tantivy's ValueError saying so), else it cannot be written."""
    text = str(error or "")
    full = (isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)) or (
        "No space left" in text or "Disk quota" in text)
    if full:
        return {"code": "disk_full", "fa": "دیسک پوشه ثبت پر است.",
                "en": "The registry's disk is full."}
    return {"code": "not_writable", "fa": "در پوشه ثبت نمی‌توان نوشت (فقط‌خواندنی یا بدون اجازه).",
            "en": "The registry is not writable (read-only or no permission)."}


def _every_answer(results: list[Registered | None]) -> list[Registered]:
    """The answers in order; a missing one is a bug, never a file silently dropped."""
    if any(result is None for result in results):
        raise RuntimeError("a file was left without an answer")
    return [result for result in results if result is not None]


_WORKER: Registry | None = None  # a reindex worker's own view of the registry


def _worker_start(settings: Settings) -> None:
    global _WORKER
    _WORKER = Registry(settings)


def _worker_fields_of(ids: list[int]) -> list[dict[str, Any]]:
    assert _WORKER is not None
    return _WORKER._fields_of(ids)


def _summary(table: str, doc: dict[str, Any]) -> tuple[Any, ...]:
    """What the registry keeps in memory of every record: enough to number the next one,
    spot a duplicate, catch the index up and find a record by its numbers."""
    if table != TABLE:
        return ()
    return (doc["source"]["sha256"], doc["year"], doc["direction"], doc["seq"],
            doc.get("rev", 0))


@lru_cache(maxsize=100_000)
def _word_terms(word: str) -> frozenset[str]:
    return frozenset(search_terms(word))


def snippet(text: str, wanted: set[str], width: int = 24,
            mark: tuple[str, str] = ("<b>", "</b>")) -> str:
    """The passage with most query terms, matched words marked «<b>…</b>» (or `mark`).

    Words are what `str.split` cuts (the same as the regex `\\S+`); the window with most
    hits is found in one pass (a search page makes twenty snippets per request)."""
    if not text:
        return ""
    words = text[:50_000].split()
    if not words:
        return ""
    hits = [i for i, word in enumerate(words) if wanted & _word_terms(word)]
    best, most, ahead = 0, 0, 0
    for position, i in enumerate(hits):  # hits in [i, i + width), the first i with most
        ahead = max(ahead, position)
        while ahead < len(hits) and hits[ahead] < i + width:
            ahead += 1
        if ahead - position > most:
            best, most = i, ahead - position
    start, end = max(0, best - 2), min(len(words), best - 2 + width)
    marked = set(hits)
    pieces = [f"{mark[0]}{words[i]}{mark[1]}" if i in marked else words[i]
              for i in range(start, end)]
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(words) else ""
    return prefix + " ".join(pieces) + suffix
