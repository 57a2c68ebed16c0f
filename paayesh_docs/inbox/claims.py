"""The inbox as the watcher sees it: which files wait, when one is complete, and where it ends.

Clerks never look at a terminal, so the folders tell them what happened:

- a registered file leaves the inbox (its original is archived in the registry);
- the same bytes again go to `inbox/_duplicates/` with `NAME.reason.txt` naming the
  registry number they already have;
- a file that cannot be read goes to `inbox/_rejected/` with `NAME.reason.txt`, in
  Persian and English;
- each day's registered files are listed in `inbox/_registered/<Jalali day>.txt`
  (`daily_list.py`), with their registry numbers, subjects and senders.

A file is taken once it is complete: its size, modification and change times have
held still for `delay` seconds (the change time moves on every write and rename and
cannot be set back, so a file untouched that long is taken at first sight), and no
process holds it open for writing (a scanner or a copy through a pipe may pause far
longer than `delay`): on Linux, `/proc` says who holds it (`open_files`), and where it
cannot see everyone (other users' processes, when we are not root), a write event not
yet followed by its close-after-write holds the file too. A writer on another machine
(a network share, `--poll`) cannot be seen at all: there, a file that changes after it
was claimed is not acknowledged; it goes back to wait where it was, and its record is
made from the final bytes (the size, modification and change times are compared with
the claim's just before the record is committed, and again after).

A writer that closes the file between pieces cannot be told from one that finished:
each close is a complete file for anyone looking. So a close never shortens `delay`:
a file is taken `delay` seconds after its last write or close, and pieces written
less than `delay` apart make one record; pieces further apart than that are separate
files as far as anyone can tell (raise `delay` for such a writer).

It is claimed by an atomic rename into `inbox/_working/<claim>.<hints>/NAME`: a claim
id, which the registry keeps in the record, and the hints of the subfolder it came
from, so that nothing else has to survive a crash and the name stays the clerk's own.
After a crash (kill -9 at any moment) a claimed file is either registered already
under its claim (and is dropped from `_working`) or is registered now: never lost,
never registered twice.

A file that is locked or unreadable for a moment (still held by a copier, a share's
permissions catching up) is tried again after 0.5 s, 1 s, 2 s, ... up to a minute, and
is rejected with the reason only after `retries` tries. A fault of our own storage (the
registry's disk full, the registry not writable) is never the file's: the file goes
back to wait where it was, the fault is said once, and the watcher goes on when it
clears.

Only regular files are read. A symbolic link is taken only when it leads to a regular
file inside the inbox (a copy of that file's bytes is claimed); any other (to
`/etc/shadow`, `/proc/self/status`, a folder, nowhere) is set aside unfollowed, with
the reason. The watcher's own folders must be real folders in the inbox, or it does
not start (`UnsafeFolders`).
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import logging
import os
import re
import shutil
import stat
import sys
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jdatetime

from paayesh_docs.config import Watch
from paayesh_docs.inbox.daily_list import REGISTERED, note_registered
from paayesh_docs.inbox.open_files import held_for_writing
from paayesh_docs.ingest.bounded import ReadInterrupted
from paayesh_docs.ingest.ocr_pool import OcrPool
from paayesh_docs.ingest.sniff import is_ignored_name
from paayesh_docs.persian.dates import format_jalali
from paayesh_docs.persian.digits import to_persian_digits
from paayesh_docs.persian.fold import fold_for_search, fold_hamza_seats
from paayesh_docs.registry import Incoming, Registered, Registry

log = logging.getLogger(__name__)

WORKING, DUPLICATES, REJECTED = "_working", "_duplicates", "_rejected"
SPECIAL = (WORKING, DUPLICATES, REJECTED, REGISTERED)
HINT_KEYS = ("incoming", "outgoing", "internal", "minutes")
_NAME_BYTES = 255  # the longest file name Linux file systems take
_FIRST_WAIT, _LONGEST_WAIT = 0.5, 60.0
_HELD_RECHECK = 1.0  # seconds between looks at a file a process holds open for writing
_WRITE_EVENT_TRUST = 300.0  # seconds a write event without its close holds a file (when
# /proc cannot see every process); a close event the kernel dropped costs this much
_FAULT_LONGEST = 10.0  # seconds, at most, between tries while our own storage is at fault
_BATCH, _BATCH_SECONDS = 64, 0.5  # files registered together, at most, and for how long

Report = Callable[[str, Registered], None]
Notice = Callable[[str, str, str], None]  # (code, Persian, English): about the watcher itself

FAULTS = {
    "disk_full": ("دیسک پر است: فایل‌ها در پوشه ورودی می‌مانند و با آزاد شدن جا ثبت می‌شوند.",
                  "disk full: files wait in the inbox and are registered once there is room."),
    "not_writable": ("پوشه ثبت (registry) نوشتنی نیست: فایل‌ها در پوشه ورودی می‌مانند و پس از "
                     "رفع مشکل ثبت می‌شوند.",
                     "registry not writable: files wait in the inbox and are registered once "
                     "it is writable again."),
    "resumed": ("مشکل ذخیره‌سازی برطرف شد؛ ثبت ادامه دارد.",
                "storage writable again; registering goes on."),
}
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """`text` with control characters (a newline, an escape sequence) written as escapes,
    so that a file's name can neither split nor forge a line of `watch.log` or the
    screen."""
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], text)


class UnsafeFolders(RuntimeError):
    """The watcher's own folders in the inbox (`_working`, `_rejected`, `_duplicates`) are
    links or not real folders inside it: files moved there could leave the office."""

    def __init__(self, folders: list[Path]) -> None:
        super().__init__(", ".join(map(str, folders)))
        self.folders = folders


@dataclass
class Summary:
    """What one run did, for the line printed on exit."""

    registered: int = 0
    duplicates: int = 0
    rejected: int = 0
    retried: int = 0

    def count(self, status: str) -> None:
        if status == "registered":
            self.registered += 1
        elif status == "duplicate":
            self.duplicates += 1
        elif status in ("rejected", "ignored"):
            self.rejected += 1


class Hints:
    """What subfolder names say about their files, whatever their spelling."""

    def __init__(self, watch: Watch) -> None:
        self._keys = {_folded(name): key for key in HINT_KEYS for name in getattr(watch, key)}

    def keys(self, folders: tuple[str, ...]) -> tuple[str, ...]:
        """The hint keys of a file's folders below the inbox, outermost first."""
        return tuple(key for part in folders if (key := self._keys.get(_folded(part))))


@lru_cache(maxsize=1024)
def _folded(name: str) -> str:
    """A folder name as search folds a word (ي/ی, ZWNJ, marks, hamza seats), spaces gone:
    `صورت‌جلسه`, `صورت جلسه` and `صورتجلسه` are one folder. Not `search_terms`, whose
    word list would cost the watcher 40 MB for a few folder names."""
    return fold_hamza_seats(fold_for_search(name)).replace(" ", "")


def direction_and_kind(keys: tuple[str, ...]) -> tuple[str, str | None]:
    """The innermost folder that names a direction wins; `minutes` anywhere sets the kind."""
    directions = [key for key in keys if key != "minutes"]
    return (directions[-1] if directions else "incoming",
            "minutes" if "minutes" in keys else None)


def claim_folder(claim: str, keys: tuple[str, ...]) -> str:
    """`<claim>.<hints>`: the folder in `_working` that holds one claimed file."""
    return f"{claim}.{'-'.join(keys) or 'incoming'}"


def parse_claim_folder(name: str) -> tuple[str, tuple[str, ...]]:
    """The claim and the hint keys of a claimed file's folder."""
    claim, _, hints = name.partition(".")
    return claim, tuple(k for k in hints.split("-") if k in HINT_KEYS)


def fit_name(name: str, budget: int) -> str:
    """`name` cut to `budget` UTF-8 bytes, its extension kept."""
    if len(name.encode()) <= budget:
        return name
    path = Path(name)
    suffix = path.suffix if len(path.suffix.encode()) < budget // 2 else ""
    stem = path.name[: len(path.name) - len(suffix)]
    while stem and len((stem + "…" + suffix).encode()) > budget:
        stem = stem[:-1]
    return stem + "…" + suffix


@dataclass
class _Look:
    """A waiting file as last seen: (size, mtime, ctime), since when it looked so."""

    signature: tuple[int, int, int]
    since: float


@dataclass
class _Retry:
    attempts: int
    not_before: float
    wait: float


@dataclass
class _Claim:
    """A claimed file: where it was in the inbox (None: found in `_working` at start) and
    its size, mtime and ctime just after the claim (None: unknown)."""

    origin: Path | None
    signature: tuple[int, int, int] | None


@dataclass
class _Fault:
    """Our own storage at fault: nothing is taken before `not_before`."""

    code: str
    not_before: float
    wait: float


def _signature(status: os.stat_result) -> tuple[int, int, int]:
    return status.st_size, status.st_mtime_ns, status.st_ctime_ns


def _signature_now(path: Path) -> tuple[int, int, int] | None:
    try:
        return _signature(path.lstat())
    except OSError:
        return None


def link_reason(target: str) -> dict[str, str]:
    """Why a symbolic link was set aside (its target shown, never followed)."""
    shown = one_line(target)
    return {"code": "link",
            "fa": f"این فایل یک پیوند نمادین (symlink) به «{shown}» است، نه خود سند؛ پیوند "
                  "فقط وقتی برداشته می‌شود که به فایلی درون پوشه ورودی برسد. دنبال نشد.",
            "en": f"This is a symbolic link to {shown}, not a document; a link is taken only "
                  "when it leads to a file inside the inbox. It was not followed."}


_CHANGED = {"code": "changed",
            "fa": "فایل پس از برداشته شدن هنوز تغییر می‌کرد (در حال نوشته شدن بود)؛ به جای خود "
                  "برگشت و پس از کامل شدن ثبت می‌شود.",
            "en": "The file changed after it was taken (it was still being written); it went "
                  "back where it was and is registered once complete."}


def oserror_reason(error: OSError, attempts: int) -> dict[str, str]:
    """Why a file stayed out of reach, after how many tries."""
    what = error.strerror or type(error).__name__
    return {"code": "unreadable",
            "fa": f"فایل پس از {attempts} بار تلاش همچنان قفل بود یا اجازه خواندن آن نبود "
                  f"({what}).",
            "en": f"The file stayed locked or unreadable after {attempts} tries ({what})."}


@dataclass
class Inbox:
    """One office's inbox and what the watcher knows of the files waiting in it."""

    registry: Registry
    watch: Watch
    report: Report = lambda name, result: None
    trust_ctime: bool = True  # False on network shares, whose clocks may disagree with ours
    catch_up: Callable[[], None] | None = None  # e.g. `Follower.nudge`
    notice: Notice = lambda code, fa, en: log.warning("%s", en)
    write_events: bool = True  # False when polling: no close events would ever come
    summary: Summary = field(default_factory=Summary)
    # scans are read there, beside the watcher (`ingest.ocr_pool`); None: read in line
    ocr: OcrPool | None = None
    _looks: dict[Path, _Look] = field(default_factory=dict)
    _retries: dict[Path, _Retry] = field(default_factory=dict)
    _stuck: set[Path] = field(default_factory=set)
    _unreadable: dict[Path, OSError] = field(default_factory=dict)  # out of tries: reject
    _claims: dict[Path, _Claim] = field(default_factory=dict)
    _writing: dict[Path, float] = field(default_factory=dict)  # a write event, no close yet
    _events: deque[tuple[bool, Path, float]] = field(default_factory=deque)
    _held: set[Path] = field(default_factory=set)  # open for writing, said in the log once
    _fault: _Fault | None = None
    _read: dict[Path, dict[str, Any]] = field(default_factory=dict)  # by OCR, to register
    next_due: float | None = None  # monotonic time the next waiting file may be complete

    def __post_init__(self) -> None:
        self.hints = Hints(self.watch)
        self._check_own_folders()

    def _check_own_folders(self) -> None:
        """Make `_working`, `_duplicates`, `_rejected`, or refuse (`UnsafeFolders`) when one
        is a link, not a folder, or another file system mounted there."""
        self.folder.mkdir(parents=True, exist_ok=True)
        device = self.folder.stat().st_dev
        unsafe = []
        for name in SPECIAL:
            path = self.folder / name
            try:
                status = path.lstat()
            except FileNotFoundError:
                path.mkdir(exist_ok=True)
                continue
            if not stat.S_ISDIR(status.st_mode) or status.st_dev != device:
                unsafe.append(path)
        if unsafe:
            raise UnsafeFolders(unsafe)

    @property
    def folder(self) -> Path:
        return self.registry.settings.inbox

    @property
    def working(self) -> Path:
        return self.folder / WORKING

    @property
    def faulty(self) -> bool:
        """Our own storage is at fault (disk full, registry not writable)."""
        return self._fault is not None

    @property
    def pending(self) -> bool:
        """Files seen but not taken yet (settling, waiting to be tried again, in OCR)."""
        return bool(self._looks) or any(p not in self._stuck for p in self._retries) \
            or bool(self._read or (self.ocr is not None and self.ocr.busy))

    # -- finding files -------------------------------------------------------

    def candidates(self) -> Iterator[Path]:
        """Documents waiting in the inbox and its subfolders (not in our own folders)."""
        for root, folders, files in os.walk(self.folder):
            here = Path(root)
            folders[:] = sorted(f for f in folders if f not in SPECIAL and not f.startswith("."))
            linked = [f for f in folders if (here / f).is_symlink()]  # never walked: set aside
            folders[:] = [f for f in folders if f not in linked]
            for name in sorted([*files, *linked]):
                if not is_ignored_name(name):
                    yield here / name

    def subfolders(self) -> list[Path]:
        """The inbox's own subfolders (hint folders, a scanner's), not ours, not hidden."""
        with os.scandir(self.folder) as entries:
            return sorted(Path(e.path) for e in entries if e.is_dir(follow_symlinks=False)
                          and e.name not in SPECIAL and not e.name.startswith("."))

    def is_watched(self, path: Path) -> bool:
        """Whether a change at `path` concerns a file waiting to be taken."""
        try:
            parts = path.relative_to(self.folder).parts
        except ValueError:
            return False
        return bool(parts) and parts[0] not in SPECIAL and not is_ignored_name(parts[-1])

    def closed_after_write(self, path: Path) -> None:
        """A writer closed `path` (inotify's IN_CLOSE_WRITE), or a file was moved in whole.

        Called from the observer's thread: only appends to a queue the next drain reads."""
        self._events.append((False, path, time.monotonic()))

    def written(self, path: Path) -> None:
        """A process wrote to `path` (IN_MODIFY): it holds it open for writing until the
        close-after-write event. From the observer's thread, like `closed_after_write`."""
        if self.write_events:
            self._events.append((True, path, time.monotonic()))

    def ready_at(self, path: Path, status: os.stat_result, now: float, wall: float) -> float:
        """When (monotonic) `path` counts as complete if nothing changes it: `delay` seconds
        after it last changed (a close does not shorten it: a writer that reopens the file
        for each piece closes it between pieces)."""
        signature = _signature(status)
        look = self._looks.get(path)
        if look is None or look.signature != signature:
            look = self._looks[path] = _Look(signature, now)
        delay = self.watch.delay
        at = look.since + delay
        if self.trust_ctime:
            at = min(at, now + delay - (wall - status.st_ctime))
        return at

    def _take_events(self) -> None:
        while self._events:
            writing, path, at = self._events.popleft()
            if writing:
                self._writing[path] = at
            else:
                self._writing.pop(path, None)

    def _still_written(self, complete: list[tuple[Path, os.stat_result]],
                       now: float) -> set[Path]:
        """Those of the files that held still that a process still holds open for writing
        (one look at `/proc` for all of them); where `/proc` cannot see every process, a
        write event not followed by its close counts too."""
        if not complete:
            return set()
        writers = held_for_writing(complete)
        held = set()
        for path, status in complete:
            written = self._writing.get(path)
            if writers.holds(status) or (not writers.complete and written is not None
                                         and now - written < _WRITE_EVENT_TRUST):
                held.add(path)
                if path not in self._held:
                    self._held.add(path)
                    log.info("%s is still open for writing: it waits", one_line(str(path)))
        return held

    # -- one pass ------------------------------------------------------------

    def recover(self, stop: Callable[[], bool] = lambda: False) -> int:
        """Finish the files a previous run claimed but did not finish (it was killed)."""
        for temporary in self.registry.archive.remove_leftovers():
            log.info("removed %s, left by a killed process", temporary)
        claimed: list[Path] = []
        for folder in sorted(self.working.iterdir()):
            if folder.is_symlink() or not folder.is_dir():
                log.warning("%s is not a claim of ours: left alone", one_line(str(folder)))
                continue
            inside = list(folder.iterdir())
            claimed += inside
            if not inside:  # killed between making the claim's folder and the rename
                with contextlib.suppress(OSError):
                    folder.rmdir()
        for working in claimed:
            self._claims[working] = _Claim(None, _signature_now(working))
        for start in range(0, len(claimed), _BATCH):
            if stop():
                break
            self._finish(claimed[start:start + _BATCH])
        if claimed:
            self.sync()
        return len(claimed)

    def drain(self, stop: Callable[[], bool] = lambda: False) -> int:
        """Take every file that is complete now; returns how many were handled, and sets
        `next_due` to when the next waiting file may be complete.

        Claimed files are registered in batches (`Registry.register_many`: one flush to
        disk a batch), a batch closed when full or half a second old, so a burst is taken
        fast and a single file is not kept waiting."""
        self._take_events()
        now = time.monotonic()
        due: list[float] = []
        if self._fault is not None and self._fault.not_before > now:
            self.next_due = self._fault.not_before  # our storage: nothing is taken till then
            return 0
        fault_seen = self._fault  # a try is due: going on until the storage fails again
        seen: set[Path] = set()
        complete: list[tuple[Path, os.stat_result]] = []
        for path in self.candidates():
            seen.add(path)
            retry = self._retries.get(path)
            if retry is not None and retry.not_before > now:
                due.append(retry.not_before)
                continue
            try:
                status = path.lstat()
            except FileNotFoundError:
                continue
            at = self.ready_at(path, status, now, time.time())
            if at > now:
                due.append(at)
                continue
            complete.append((path, status))
        held = self._still_written(complete, now)
        if held:
            due.append(now + _HELD_RECHECK)  # or sooner: their close wakes the loop
        todo: list[tuple[Path, os.stat_result | None]] = [
            *((path, None) for path in self._scans_read()),
            *((path, None) for path in self._due_in_working(now)),
            *((path, status) for path, status in complete if path not in held)]
        batch: list[Path] = []
        handled, batch_started, synced = 0, 0.0, time.monotonic()
        for path, status in todo:
            if stop() or self._fault not in (None, fault_seen):  # failed again: wait
                break
            now = time.monotonic()
            if status is None:  # claimed already: in `_working`, due to be tried again
                claimed: Path | None = path
            else:
                claimed = self._claim(path, status)
                if path in self._retries:
                    due.append(self._retries[path].not_before)
            if claimed is not None:
                batch_started = batch_started if batch else now
                batch.append(claimed)
            if batch and (len(batch) >= _BATCH or now - batch_started >= _BATCH_SECONDS):
                handled += self._finish(batch)
                batch = []
                if time.monotonic() - synced >= 1.0:
                    self.sync()  # a long drain: searches see its files as it goes
                    synced = time.monotonic()
        handled += self._finish(batch)  # stopping: the files in hand are finished first
        if not stop():
            self._forget_all_but(seen)
        if self._fault is not None:
            due.append(self._fault.not_before)
        due += [retry.not_before for path, retry in self._retries.items()
                if path.parent.parent == self.working]
        self.next_due = min(due, default=None)
        if handled:
            self.sync()
        return handled

    def sync(self) -> None:
        """Bring what is derived from the records (the search index) up to date, here or
        in a follower process (`catch_up`)."""
        if self.catch_up is not None:
            self.catch_up()
        else:
            self.registry.sync_index()

    def _scans_read(self) -> list[Path]:
        """The claimed scans the OCR pool has read since the last pass (registered now)."""
        if self.ocr is None:
            return []
        for working, extraction in self.ocr.finished():
            self._read[working] = extraction
        return sorted(self._read)

    def _to_ocr(self, working: Path) -> None:
        """A scan: read in the OCR pool while the watcher goes on with the other files."""
        assert self.ocr is not None
        from paayesh_docs.ingest.ocr_pool import Job
        from paayesh_docs.registry.api import READING
        from paayesh_docs.registry.archive import sha256_of

        incoming = _incoming(working)
        try:
            sha256 = sha256_of(working)[0]
        except OSError:
            sha256 = None
        self.ocr.submit(Job(working, working, incoming.kind,
                            self.registry.folder / READING, sha256))

    def _due_in_working(self, now: float) -> list[Path]:
        return sorted(p for p, retry in self._retries.items()
                      if p.parent.parent == self.working and retry.not_before <= now)

    def _forget_all_but(self, present: set[Path]) -> None:
        for known in (self._looks, self._writing, self._retries):
            for path in [p for p in known
                         if p not in present and p.parent.parent != self.working]:
                del known[path]
        self._stuck &= present
        self._held &= present

    # -- taking one file -----------------------------------------------------

    def _claim(self, path: Path, status: os.stat_result) -> Path | None:
        """Move a complete file into `_working`; None when it is gone or must wait."""
        if stat.S_ISLNK(status.st_mode):
            return self._claim_link(path)
        if stat.S_ISREG(status.st_mode):
            try:  # a file someone still holds, or may not read yet, is tried again later
                os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW))
            except FileNotFoundError:
                return None
            except OSError as error:
                if self._later(path, error):
                    return None
                self._unreadable[path] = error
        folder = self._claim_folder(path)
        if folder is None:
            return None
        working = folder / path.name
        try:
            os.rename(path, working)  # atomic: a file is claimed once, whoever else looks
        except OSError as error:
            folder.rmdir()
            self._unreadable.pop(path, None)
            if not isinstance(error, FileNotFoundError) and not self._later(path, error):
                self._give_up(path, error)
            return None
        retry = self._retries.pop(path, None)
        if path in self._unreadable:
            self._unreadable[working] = self._unreadable.pop(path)
            self._retries[working] = retry or _Retry(0, 0.0, 0.0)
        self._claimed(path, working)
        return working

    def _claim_folder(self, path: Path) -> Path | None:
        """A new `_working/<claim>.<hints>` folder for `path`; None when our own disk will
        not take it (said once, see `_storage_fault`)."""
        keys = self.hints.keys(path.parent.relative_to(self.folder).parts)
        folder = self.working / claim_folder(uuid.uuid4().hex[:12], keys)
        try:
            folder.mkdir()
        except OSError as error:
            if not self._storage_fault(error):
                raise
            return None
        return folder

    def _claimed(self, path: Path, working: Path) -> None:
        self._looks.pop(path, None)
        self._writing.pop(path, None)
        self._held.discard(path)
        self._claims[working] = _Claim(path, _signature_now(working))

    def _claim_link(self, path: Path) -> Path | None:
        """A link is taken only when it leads to a regular file inside the inbox (not in
        our folders): a copy of that file's bytes is claimed and the link removed. Any
        other link is claimed as it is, never followed, and set aside (`_verdict`)."""
        target = self._target_inside(path)
        folder = self._claim_folder(path)
        if folder is None:
            return None
        working = folder / path.name
        try:
            if target is None:
                os.rename(path, working)
            else:
                shutil.copyfile(target, working, follow_symlinks=False)
                os.unlink(path)
        except OSError as error:
            log.warning("%s: %s", one_line(str(path)), error)
            with contextlib.suppress(OSError):
                working.unlink(missing_ok=True)
                folder.rmdir()
            return None
        self._claimed(path, working)
        return working

    def _target_inside(self, link: Path) -> Path | None:
        """Where `link` leads when that is a regular file inside the inbox, else None
        (resolved name by name, never opened)."""
        resolved = Path(os.path.realpath(link))
        try:
            parts = resolved.relative_to(os.path.realpath(self.folder)).parts
            status = resolved.lstat()
        except (ValueError, OSError):
            return None
        if not parts or parts[0] in SPECIAL or not stat.S_ISREG(status.st_mode):
            return None
        return resolved

    def _later(self, path: Path, error: OSError) -> bool:
        """Try `path` again later, waiting longer each time; False once out of tries."""
        if not _transient(error):
            return False
        if isinstance(error, ReadInterrupted):  # the watcher is stopping: not a try
            self.report(path.name, Registered(path.name, "waiting", reason={
                "code": "stopped",
                "fa": "برنامه در حال توقف است؛ فایل در شروع بعدی خوانده می‌شود.",
                "en": "Stopping: the file is read again on the next start."}))
            return True
        retry = self._retries.get(path) or _Retry(0, 0.0, _FIRST_WAIT)
        if retry.attempts >= self.watch.retries:
            return False
        retry = _Retry(retry.attempts + 1, time.monotonic() + retry.wait,
                       min(retry.wait * 2, _LONGEST_WAIT))
        self._retries[path] = retry
        self.summary.retried += 1
        log.warning("%s: %s; try %d of %d in %.1f s", path.name, error.strerror,
                    retry.attempts, self.watch.retries, retry.not_before - time.monotonic())
        self.report(path.name, Registered(path.name, "waiting", reason={
            "code": "locked",
            "fa": f"فایل قفل است یا هنوز خوانده نمی‌شود؛ دوباره تلاش می‌شود "
                  f"({retry.attempts} از {self.watch.retries}).",
            "en": f"The file is locked or not readable yet ({error.strerror}); "
                  f"trying again ({retry.attempts} of {self.watch.retries})."}))
        return True

    def _give_up(self, path: Path, error: OSError) -> None:
        """A file that can be neither taken nor moved aside stays where the clerk put it,
        looked at again every minute, reported once."""
        self._retries[path] = _Retry(self.watch.retries, time.monotonic() + _LONGEST_WAIT,
                                     _LONGEST_WAIT)
        if path in self._stuck:
            return
        self._stuck.add(path)
        log.error("%s cannot be moved out of the inbox: %s", path, error)
        self.report(path.name, Registered(path.name, "stuck", reason={
            "code": "cannot_move",
            "fa": "فایل را نمی‌توان از پوشه ورودی برداشت (قفل یا بدون اجازه)؛ "
                  "در جای خود می‌ماند و هر دقیقه دوباره بررسی می‌شود.",
            "en": f"The file cannot be moved out of the inbox ({error.strerror}); it stays "
                  "where it is and is looked at again every minute."}))

    def _finish(self, batch: list[Path]) -> int:
        """Register claimed files, or set each aside with its reason; returns how many."""
        handled = 0
        readable = []
        for working in batch:
            if self.ocr is not None and self.ocr.holds(working):
                continue  # being read by OCR: registered once read
            verdict = self._verdict(working)
            if verdict is None:
                readable.append(working)
            elif verdict.status != "gone":
                self._conclude(working, verdict)
                handled += 1
        if not readable:
            return handled
        try:
            results = self.registry.register_many([self._incoming(w) for w in readable],
                                                  index=False)
        except OSError as error:
            if self._storage_fault(error):  # never the files' fault: they wait
                for working in readable:
                    self._put_back(working)
                return handled
            log.exception("registering %d files", len(readable))
            for working in readable:  # the file's own (a share's permissions catching up)
                if not self._later(working, error):
                    attempts = self._retries.get(working, _Retry(0, 0, 0)).attempts + 1
                    self._conclude(working, Registered(working.name, "rejected",
                                                       reason=oserror_reason(error, attempts)))
            return handled
        except Exception:  # a bug one file triggers: find it, and register the others
            if len(readable) > 1:
                return handled + sum(self._finish([w]) for w in readable)
            log.exception("registering %s", readable[0])
            results = [_unexpected(readable[0].name, sys.exc_info()[1])]
        self._storage_fine()
        self._list_registered(readable, results)
        for working, result in zip(readable, results, strict=True):
            self._read.pop(working, None)
            if result.status == "needs_ocr":
                self._to_ocr(working)
            elif result.status == "changed":
                self._put_back(working, _CHANGED)
            else:
                self._conclude(working, result)
        return handled + len(readable)

    def _verdict(self, working: Path) -> Registered | None:
        """The answer for a claimed file that is not to be read: out of tries, a link
        (never followed, even one found in `_working` after a crash), or gone ("gone")."""
        if working in self._unreadable:
            error = self._unreadable.pop(working)
            attempts = self._retries.pop(working).attempts + 1
            return Registered(working.name, "rejected", reason=oserror_reason(error, attempts))
        try:
            status = working.lstat()
        except FileNotFoundError:  # taken away by hand
            self._forget_claim(working)
            return Registered(working.name, "gone")
        if stat.S_ISLNK(status.st_mode):
            return Registered(working.name, "rejected", reason=link_reason(os.readlink(working)))
        return None

    def _incoming(self, working: Path) -> Incoming:
        incoming = _incoming(working)
        incoming.defer_ocr = self.ocr is not None
        incoming.extraction = self._read.get(working)
        claim = self._claims.get(working)
        if claim is not None and claim.signature is not None:
            signature = claim.signature
            incoming.changed = lambda: _signature_now(working) != signature
        return incoming

    def _list_registered(self, batch: list[Path], results: list[Registered]) -> None:
        """The day's list names the batch's registered files before they leave `_working`,
        so a crash in between lists them on recovery (once: see `note_registered`)."""
        pairs = list(zip(batch, results, strict=True))
        note_registered(self.folder, [r.record for _, r in pairs
                                      if r.status == "registered" and r.record])
        note_registered(self.folder, [r.record for w, r in pairs
                                      if _registered_before(w, r) and r.record], recovered=True)

    def _conclude(self, working: Path, result: Registered) -> None:
        """The clerk's answer: a registered file leaves the inbox, any other is set aside."""
        self._retries.pop(working, None)
        if _registered_before(working, result):
            # registered under this very claim before a crash: finished already
            result = Registered(result.file, "registered", result.id, result.registry_number,
                                None, result.record)
        if result.status == "registered":
            if self._written_since_claim(working):
                # a writer we could not see wrote again after the record was committed:
                # the record keeps what was read, the final bytes are registered again
                log.warning("%s changed after it was registered as %s: registered again "
                            "once complete", one_line(working.name), result.registry_number)
                self._put_back(working)
            else:
                working.unlink(missing_ok=True)
                self._forget_claim(working)
        else:
            try:
                set_aside(working, self.folder / (DUPLICATES if result.status == "duplicate"
                                                  else REJECTED), result)
            except OSError as error:
                if not self._storage_fault(error):
                    raise
                self._put_back(working)
                return
            self._forget_claim(working)
        self.summary.count(result.status)
        self.report(working.name, result)

    def _written_since_claim(self, working: Path) -> bool:
        claim = self._claims.get(working)
        now = _signature_now(working)
        return claim is not None and None not in (claim.signature, now) \
            and now != claim.signature

    def _forget_claim(self, working: Path) -> None:
        self._claims.pop(working, None)
        self._retries.pop(working, None)
        with contextlib.suppress(OSError):
            working.parent.rmdir()

    def _put_back(self, working: Path, reason: dict[str, str] | None = None) -> None:
        """A claimed file not acknowledged (it changed, or our storage is at fault) goes
        back where it was in the inbox, to wait again; one found in `_working` at start
        (where it was is not known), or that cannot go back, is tried again from there."""
        claim = self._claims.pop(working, None)
        origin = claim.origin if claim is not None else None
        if origin is not None:
            target = free_name(origin) if os.path.lexists(origin) else origin
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.rename(working, target)
            except OSError as error:
                log.warning("%s could not go back to the inbox: %s", one_line(working.name),
                            error)
            else:
                with contextlib.suppress(OSError):
                    working.parent.rmdir()
                self._looks.pop(target, None)  # it waits `delay` again, from now
                if reason:
                    self.report(target.name, Registered(target.name, "waiting", reason=reason))
                return
        self._claims[working] = _Claim(origin, _signature_now(working))
        wait = max(self.watch.delay, _FIRST_WAIT)
        self._retries[working] = _Retry(0, time.monotonic() + wait, wait)
        if reason:
            self.report(working.name, Registered(working.name, "waiting", reason=reason))

    def _storage_fault(self, error: OSError) -> bool:
        """Whether `error` is a fault of our own storage (disk full; the registry or our
        folders not writable); if so, nothing is taken for a while (0.5 s, doubling, at
        most 10 s between tries) and the fault is said once."""
        code = own_storage_fault(error, Path(os.path.abspath(self.registry.settings.registry)),
                             Path(os.path.abspath(self.folder)))
        if code is None:
            return False
        fault = self._fault
        wait = min(fault.wait * 2, _FAULT_LONGEST) if fault is not None else _FIRST_WAIT
        self._fault = _Fault(code, time.monotonic() + wait, wait)
        log.error("%s: %s; next try in %.1f s", code, error, wait)
        if fault is None or fault.code != code:
            self.notice(code, *FAULTS[code])
        return True

    def _storage_fine(self) -> None:
        """A batch was committed: a fault of our storage, if there was one, is over."""
        if self._fault is not None:
            self._fault = None
            self.notice("resumed", *FAULTS["resumed"])


def own_storage_fault(error: OSError, registry: Path, inbox: Path) -> str | None:
    """"disk_full" or "not_writable" when `error` is our own storage's fault, never the
    file's: no room, or a file of the registry or a folder of ours (`_working` and its
    claims, `_rejected`, `_duplicates`) that may not be written. A claimed file itself
    that may not be read is the file's."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "disk_full"
    if error.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
        return None
    for name in (error.filename, error.filename2):
        if name is None or isinstance(name, int):
            continue
        path = Path(os.path.abspath(os.fsdecode(name)))
        if path == registry or registry in path.parents:
            return "not_writable"
        try:
            parts = path.relative_to(inbox).parts
        except ValueError:
            continue
        if parts and parts[0] in SPECIAL and not (parts[0] == WORKING and len(parts) > 2):
            return "not_writable"
    return None


def _registered_before(working: Path, result: Registered) -> bool:
    """Whether `result` is this claimed file's own record, made before a crash."""
    claim = parse_claim_folder(working.parent.name)[0]
    return result.status == "duplicate" and \
        (result.record or {}).get("source", {}).get("claim") == claim


def ocr_pool(settings: Any) -> OcrPool | None:
    """The watcher's OCR workers for an office's `[ocr]` settings; None when OCR is off."""
    if not settings.ocr.languages:
        return None
    from paayesh_docs.ingest.limits import with_ocr

    return OcrPool(settings.ocr.worker_count, with_ocr(settings.ocr),
                   settings.ocr.page_seconds, settings.watch.read_seconds)


def _incoming(working: Path) -> Incoming:
    claim, keys = parse_claim_folder(working.parent.name)
    direction, kind = direction_and_kind(keys)
    return Incoming(working, direction, kind, working.name, claim)


def _unexpected(name: str, error: BaseException | None) -> Registered:
    return Registered(name, "rejected", reason={
        "code": "unexpected",
        "fa": "ثبت فایل به دلیل خطای پیش‌بینی‌نشده ممکن نشد؛ فایل نگه داشته شد.",
        "en": f"The file could not be registered ({type(error).__name__}: {error}); "
              "it is kept here."})


def _transient(error: OSError) -> bool:
    return isinstance(error, PermissionError) or error.errno in (
        errno.EBUSY, errno.EAGAIN, errno.ETXTBSY, errno.EACCES, errno.EPERM, errno.ENOSPC,
        errno.EIO, errno.ESTALE, errno.EROFS)


def set_aside(working: Path, folder: Path, result: Registered) -> Path:
    """Move a claimed file into `_duplicates` or `_rejected` under its own name, the
    reason beside it; the reason is written first, so a crash in between leaves the file
    in `_working`, to be set aside again on the next start."""
    folder.mkdir(parents=True, exist_ok=True)
    target = free_name(folder / fit_name(result.file, _NAME_BYTES - len(".reason.txt") - 8))
    write_reason(target, result)
    os.replace(working, target)
    return target


def free_name(path: Path) -> Path:
    """`path`, or `name (2).ext` and so on when a file of that name is already there."""
    candidate, number = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
        number += 1
    return candidate


def write_reason(target: Path, result: Registered) -> None:
    """`NAME.reason.txt` beside a set-aside file, Persian first, then English."""
    reason = result.reason or {}
    now = datetime.datetime.now()
    jalali = jdatetime.datetime.fromgregorian(datetime=now)
    clock = now.strftime("%H:%M:%S")
    name = one_line(result.file)
    text = (f"فایل: {name}\n{reason.get('fa', '')}\n"
            f"({format_jalali(jalali.date())} {to_persian_digits(clock)})\n\n"
            f"File: {name}\n{reason.get('en', '')}\n"
            f"({now:%Y-%m-%d} {clock}, {reason.get('code')})\n")
    target.with_name(target.name + ".reason.txt").write_text(text, encoding="utf-8")
