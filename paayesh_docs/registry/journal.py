"""Durable storage under TinyDB: an append-only journal compacted into a snapshot.

Stock `JSONStorage` rewrites the whole file on every insert (measured: one insert
into 100,000 records took 2.5 s) and loses it if the process dies mid-write. Here,
for generation N:

- `records.N.journal` holds one JSON line per change; a change is acknowledged only
  after its line is fsynced; a torn last line (the process died mid-write) is
  ignored and cut off by the next writer, so a crash leaves the last acknowledged state;
- `snapshot.N.jsonl` is the compacted state, one readable JSON line per document,
  and `snapshot.N.head` its table of contents: where each document's line starts and
  a small summary of it (`summarize`), so opening a registry reads the head and the
  journal, not every record (100,000 records: a fraction of a second, a few MB);
- compaction writes generation N+1 beside N (temporary files, fsync, rename) and only
  then removes N, so a crash at any moment leaves one complete generation;
- every change happens under an exclusive `flock` on `registry.lock`, after first
  replaying what other processes appended, so processes never lose each other's
  writes; readers take the lock shared.

Documents are read from disk when asked for (the last few thousand are cached), so
memory grows with the number of records only by their summaries.

One storage may be shared by the threads of a process (the web application's requests):
catching up, reading a document and every change happen under the storage's own mutex,
each for as long as that one step takes (a document is a seek and a line), never for a
whole request; `locked()` takes the mutex before the `flock`, since a `flock` keeps
processes apart but not two threads sharing one open file.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import marshal
import mmap
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from tinydb.storages import Storage

LOCK = "registry.lock"
_HEAD = re.compile(r"snapshot\.(\d+)\.head$")

CACHED = 4096  # documents kept in memory, by default: the last read or written
RESET = -1  # the id passed to `on_change` when everything is read again from a new generation
Summary = Any  # whatever `summarize` makes of a document; kept in memory for every record
Summarize = Callable[[str, dict[str, Any]], Summary]
Keep = Callable[[str, Summary], Summary]
OnChange = Callable[[str, int, Summary | None], None]


def fsync_directory(folder: Path) -> None:
    """Make a rename or a new file in `folder` survive a power cut."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_atomically(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file."""
    write_all_atomically([(path, data, mode)])


def write_all_atomically(files: list[tuple[Path, bytes, int | None]]) -> None:
    """`write_atomically` for many files at the cost of about one flush to disk.

    Every temporary file is written first, then each is fsynced (the first fsync
    commits the file system's journal with all of them in it, so the rest cost little),
    then each is renamed into place, then each folder is fsynced once. No file is ever
    seen under its name before its bytes are on disk. `mode` (e.g. read-only) is set
    before the rename.
    """
    temporaries = []
    for path, data, mode in files:
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with temporary.open("wb") as stream:
            stream.write(data)
            if mode is not None:
                os.fchmod(stream.fileno(), mode)
        temporaries.append((temporary, path))
    for temporary, _ in temporaries:
        descriptor = os.open(temporary, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    for temporary, path in temporaries:
        os.replace(temporary, path)
    for folder in dict.fromkeys(path.parent for _, path in temporaries):
        fsync_directory(folder)


NOT_WRITABLE = (errno.EROFS, errno.EACCES, errno.EPERM)


def _open_lock(folder: Path) -> BinaryIO | None:
    """The lock file, for writing when the folder can be written; else for reading (`flock`
    needs no write access), or None when a read-only registry never had one."""
    path = folder / LOCK
    try:
        return path.open("a+b")
    except OSError as error:
        if error.errno not in NOT_WRITABLE:
            raise
    try:
        return path.open("rb")
    except FileNotFoundError:
        return None


def _line(table: str, doc_id: int, doc: dict[str, Any] | None) -> bytes:
    entry = {"table": table, "id": doc_id, "doc": doc}
    return (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")


def _entries(lines: list[bytes]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Snapshot lines parsed as one JSON array: one call into the C parser for a thousand
    lines instead of a thousand (the call costs as much as parsing a small record)."""
    if lines:
        for entry in json.loads(b"[" + b",".join(lines) + b"]"):
            yield entry["id"], entry["doc"]


class LazyTable(Mapping[str, dict[str, Any]]):
    """One table as TinyDB sees it: a mapping of id -> document, read from disk on demand."""

    def __init__(self, storage: JournalStorage, name: str) -> None:
        self._storage, self._name = storage, name

    def __getitem__(self, doc_id: str) -> dict[str, Any]:
        return self._storage.document(self._name, int(doc_id))

    def __iter__(self) -> Iterator[str]:
        return (str(doc_id) for doc_id in self._storage.ids(self._name))

    def __len__(self) -> int:
        return len(self._storage.locations.get(self._name, {}))


class JournalStorage(Storage):
    """A TinyDB `Storage` whose writes are journal appends; see the module docstring."""

    def __init__(self, folder: str | os.PathLike[str], compact_every: int = 5_000,
                 on_change: OnChange | None = None,
                 summarize: Summarize | None = None, keep: Keep | None = None,
                 cached: int = CACHED) -> None:
        """`summarize` makes the summary written into the head; it must be the same in every
        process that opens this folder, because the head one process writes is read by the
        next one to open it (a head written with another process's summaries gave every
        tracking command a traceback). `keep` is what this process holds in memory of each
        summary (all of it when not given): a process that needs less keeps less, without
        changing what the head says. `cached`: how many documents read or written last
        are kept in memory (a record is about 5 KB there)."""
        self.folder = Path(folder)
        self._cached = cached
        self.folder.mkdir(parents=True, exist_ok=True)
        self.compact_every = compact_every
        self._on_change = on_change
        self._summarize = summarize or (lambda table, doc: None)
        self._keep = keep
        # (table) -> id -> (in_journal, offset of its line)
        self.locations: dict[str, dict[int, tuple[bool, int]]] = {}
        self.summaries: dict[str, dict[int, Summary]] = {}
        self._cache: OrderedDict[tuple[str, int], dict[str, Any]] = OrderedDict()
        self._generation = -1
        self._offset = 0
        self._lines = 0
        self._snapshot: BinaryIO | None = None
        self._journal: BinaryIO | None = None
        self._journal_inode = -1
        self._mutex = threading.RLock()  # see the module's docstring
        self._lock_file = _open_lock(self.folder)
        with self.locked(exclusive=False):
            self._refresh()

    @property
    def writable(self) -> bool:
        """False when the registry's folder cannot be written (a read-only mount, no
        permission): it is still read, without catching up what is derived from it."""
        return self._lock_file is not None and self._lock_file.writable()

    # -- files -------------------------------------------------------------

    def _path(self, kind: str, generation: int) -> Path:
        names = {"journal": f"records.{generation}.journal",
                 "snapshot": f"snapshot.{generation}.jsonl", "head": f"snapshot.{generation}.head"}
        return self.folder / names[kind]

    def _current_generation(self) -> int:
        found = [int(m.group(1)) for name in os.listdir(self.folder) if (m := _HEAD.match(name))]
        return max(found, default=0)

    @contextlib.contextmanager
    def locked(self, exclusive: bool = True) -> Iterator[None]:
        with self._mutex:
            if self._lock_file is None:  # read-only and never written: nobody else writes
                yield
                return
            fcntl.flock(self._lock_file, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            try:
                yield
            finally:
                fcntl.flock(self._lock_file, fcntl.LOCK_UN)

    # -- catching up -------------------------------------------------------

    def _refresh(self) -> None:
        """Catch up with compactions and journal lines other processes wrote."""
        generation = self._current_generation()
        if generation != self._generation:
            self._load_generation(generation)
        self._replay()

    def _load_generation(self, generation: int) -> None:
        for handle in (self._snapshot, self._journal):
            if handle is not None:
                handle.close()
        self._snapshot = self._journal = None
        self.locations, self.summaries = {}, {}
        self._notify("", RESET, None)
        self._cache.clear()
        self._generation, self._offset, self._lines = generation, 0, 0
        head = self._path("head", generation)
        if head.exists():
            contents = marshal.loads(head.read_bytes())
            self._snapshot = self._path("snapshot", generation).open("rb")
            for table, (ids, offsets, summaries) in contents.items():
                if self._keep is not None:
                    summaries = [self._keep(table, summary) for summary in summaries]
                self.locations[table] = {i: (False, o) for i, o in zip(ids, offsets, strict=True)}
                self.summaries[table] = dict(zip(ids, summaries, strict=True))
                for doc_id, summary in zip(ids, summaries, strict=True):
                    self._notify(table, doc_id, summary)

    def _open_journal(self, path: Path) -> None:
        self._journal = path.open("rb")
        self._journal_inode = os.fstat(self._journal.fileno()).st_ino

    def _replay(self) -> None:
        path = self._path("journal", self._generation)
        if self._journal is None:
            if not path.exists():
                return
            self._open_journal(path)
        assert self._journal is not None
        self._journal.seek(self._offset)
        for line in self._journal:
            if not line.endswith(b"\n"):
                break  # torn by a crash: not acknowledged, cut off by the next writer
            try:
                entry = json.loads(line)
            except ValueError:
                break
            self._apply(entry["table"], entry["id"], entry.get("doc"), self._offset)
            self._offset += len(line)
            self._lines += 1

    def _apply(self, table: str, doc_id: int, doc: dict[str, Any] | None, offset: int) -> None:
        locations = self.locations.setdefault(table, {})
        summaries = self.summaries.setdefault(table, {})
        self._cache.pop((table, doc_id), None)
        if doc is None:
            locations.pop(doc_id, None)
            summaries.pop(doc_id, None)
            self._notify(table, doc_id, None)
            return
        locations[doc_id] = (True, offset)
        summary = self._summarize(table, doc)
        summaries[doc_id] = summary if self._keep is None else self._keep(table, summary)
        self._remember(table, doc_id, doc)
        self._notify(table, doc_id, summaries[doc_id])

    def _notify(self, table: str, doc_id: int, summary: Summary | None) -> None:
        if self._on_change is not None:
            self._on_change(table, doc_id, summary)

    def _remember(self, table: str, doc_id: int, doc: dict[str, Any]) -> None:
        self._cache[(table, doc_id)] = doc
        if len(self._cache) > self._cached:
            self._cache.popitem(last=False)

    # -- reading -----------------------------------------------------------

    def ids(self, table: str) -> list[int]:
        with self._mutex:
            return sorted(self.locations.get(table, {}))

    def document(self, table: str, doc_id: int, remember: bool = True) -> dict[str, Any]:
        """One document, from the cache or its line on disk; KeyError when there is none.
        `remember=False`: not kept in the cache (a compaction reads every document once)."""
        with self._mutex:
            cached = self._cache.get((table, doc_id))
            if cached is not None:
                return cached
            in_journal, offset = self.locations[table][doc_id]
            handle = self._journal if in_journal else self._snapshot
            if handle is None:
                raise KeyError(doc_id)
            handle.seek(offset)
            line = handle.readline()
        doc = json.loads(line)["doc"]
        if remember:
            with self._mutex:
                self._remember(table, doc_id, doc)
        return doc

    def scan(self, table: str, ids: Collection[int] | None = None
             ) -> Iterator[tuple[int, dict[str, Any]]]:
        """Every document of `table` (or those of `ids`), the snapshot read straight through,
        then the journal's.

        For rebuilding derived state from everything: reading line by line is three times
        faster than seeking to each document (100,000 records: 1.1 s against 3.0 s). Call
        inside `locked(exclusive=False)`, so that no compaction swaps the files meanwhile.
        """
        locations = self.locations.get(table, {})
        wanted = locations.items() if ids is None else (
            (i, locations[i]) for i in ids if i in locations)
        current, in_journal = set(), []
        for doc_id, (journal, offset) in wanted:
            if journal:
                in_journal.append(doc_id)
            else:
                current.add(offset)
        path = self._path("snapshot", self._generation)
        if current and path.exists() and path.stat().st_size:
            # the lines cut out of a memory map at their offsets, in file order: neither a
            # seek per document nor a Python step per line of the file (a report reads a
            # third of 100,000 records: 0.15 s a pass through every line, 0.02 s this way)
            with path.open("rb") as stream, mmap.mmap(stream.fileno(), 0,
                                                      access=mmap.ACCESS_READ) as view:
                lines = []
                for offset in sorted(current):
                    end = view.find(b"\n", offset)
                    lines.append(view[offset:end + 1 if end >= 0 else len(view)])
                    if len(lines) == 1000:
                        yield from _entries(lines)
                        lines = []
                yield from _entries(lines)
        for doc_id in in_journal:
            yield doc_id, self.document(table, doc_id)

    def refresh(self) -> None:
        if self._unchanged():
            return
        with self.locked(exclusive=False):
            self._refresh()

    def _unchanged(self) -> bool:
        """True when nothing can have changed since the last catch-up, told without a lock:
        this generation's journal is still there (a compaction removes it, and nobody
        writes the next generation before it is gone), is the file this storage reads, and
        is exactly as long as what it has read of it (writers only append). One `stat`
        where catching up takes the lock, lists the folder and reads the journal: a web
        page catches up several times, and twenty pages at once would queue for the lock."""
        if self._journal is None:
            return False
        try:
            info = os.stat(self._path("journal", self._generation))
        except FileNotFoundError:
            return False
        return (info.st_ino, info.st_size) == (self._journal_inode, self._offset)

    def refresh_locked(self) -> None:
        """Replay what others wrote; call inside `locked()`."""
        self._refresh()

    # -- writing -----------------------------------------------------------

    def append(self, table: str, doc_id: int, doc: dict[str, Any] | None) -> None:
        """Durably set (or with None, delete) one document. Call inside `locked()` after
        `refresh_locked()`, so that ids and numbers were chosen on fresh state."""
        self.append_many([(table, doc_id, doc)])

    def append_many(self, changes: list[tuple[str, int, dict[str, Any] | None]]) -> None:
        """`append` for several documents with one write and one fsync (a group commit):
        all of them are acknowledged together, or, after a crash, none or a prefix."""
        if not changes:
            return
        path = self._path("journal", self._generation)
        lines = [_line(table, doc_id, doc) for table, doc_id, doc in changes]
        created = not path.exists()
        with path.open("ab") as stream:
            if stream.tell() != self._offset:
                stream.truncate(self._offset)  # drop a torn line left by a crash
            stream.write(b"".join(lines))
            stream.flush()
            os.fsync(stream.fileno())
        if created:
            fsync_directory(self.folder)
        if self._journal is None:
            self._open_journal(path)
        for (table, doc_id, doc), line in zip(changes, lines, strict=True):
            self._apply(table, doc_id, doc, self._offset)
            self._offset += len(line)
            self._lines += 1
        if self._lines >= self.compact_every:
            self._compact()

    def _compact(self, replacement: dict[str, dict[str, dict[str, Any]]] | None = None) -> None:
        """Write generation N+1 from the current state (or `replacement`), then drop N."""
        generation = self._generation + 1
        snapshot = self._path("snapshot", generation)
        temporary = snapshot.with_name(f".{snapshot.name}.{os.getpid()}.tmp")
        contents: dict[str, tuple[list[int], list[int], list[Summary]]] = {}
        with temporary.open("wb") as stream:
            # every document read once, none kept in the cache: the tracking state's blocks
            # are 1,000 records' facts each, and a follower that compacted it kept them all
            # (its peak 308 MB at 100,000 records)
            tables = replacement or {t: LazyTable(self, t) for t in self.locations}
            for table, docs in tables.items():
                ids, offsets, summaries = contents.setdefault(table, ([], [], []))
                for key in sorted(docs, key=int):
                    doc = docs[key] if replacement else self.document(table, int(key),
                                                                      remember=False)
                    ids.append(int(key))
                    offsets.append(stream.tell())
                    summaries.append(self._summarize(table, doc))
                    stream.write(_line(table, int(key), doc))
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, snapshot)
        write_atomically(self._path("head", generation), marshal.dumps(contents))
        old = self._generation
        self._load_generation(generation)
        for kind in ("journal", "snapshot", "head"):
            with contextlib.suppress(FileNotFoundError):
                self._path(kind, old).unlink()

    def compact(self) -> None:
        with self.locked():
            self._refresh()
            self._compact()

    # -- the TinyDB Storage interface --------------------------------------

    def read(self) -> dict[str, Mapping[str, dict[str, Any]]] | None:
        return {table: LazyTable(self, table) for table in list(self.locations)}

    def write(self, data: dict[str, Any]) -> None:
        """TinyDB's own writes (rare here): replace everything, atomically."""
        with self.locked():
            self._refresh()
            self._compact({name: dict(table) for name, table in data.items()})

    def close(self) -> None:
        with self._mutex:
            for handle in (self._snapshot, self._journal):
                if handle is not None:
                    handle.close()
            if self._lock_file is not None:
                self._lock_file.close()

    def reopen(self) -> None:
        """Files of its own for a forked process: inherited ones share their read position
        and their `flock` with the parent, so both would read from wrong places and the
        lock would not keep them apart."""
        self._mutex = threading.RLock()  # a forked child's own: the parent's may be held
        self.close()
        self._lock_file = _open_lock(self.folder)
        self._snapshot = self._journal = None
        try:
            if self._path("head", self._generation).exists():
                self._snapshot = self._path("snapshot", self._generation).open("rb")
            journal = self._path("journal", self._generation)
            if journal.exists():
                self._open_journal(journal)
        except FileNotFoundError:  # compacted meanwhile: read the new generation afresh
            self._generation = -1
        with self.locked(exclusive=False):
            self._refresh()
