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
cannot be set back, so a file untouched that long is taken at first sight), or a
close-after-write event saw it finished and it held still a moment more.

It is claimed by an atomic rename into `inbox/_working/<claim>.<hints>/NAME`: a claim
id, which the registry keeps in the record, and the hints of the subfolder it came
from, so that nothing else has to survive a crash and the name stays the clerk's own.
After a crash (kill -9 at any moment) a claimed file is either registered already
under its claim (and is dropped from `_working`) or is registered now: never lost,
never registered twice.

A file that is locked or unreadable for a moment (still held by a copier, a share's
permissions catching up) is tried again after 0.5 s, 1 s, 2 s, ... up to a minute, and
is rejected with the reason only after `retries` tries.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import logging
import os
import stat
import sys
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jdatetime

from paayesh_docs.config import Watch
from paayesh_docs.ingest.daily_list import REGISTERED, note_registered
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
_CLOSED_SETTLE = 0.25  # seconds a file must hold still after its close-after-write event
_FIRST_WAIT, _LONGEST_WAIT = 0.5, 60.0
_BATCH, _BATCH_SECONDS = 64, 0.5  # files registered together, at most, and for how long

Report = Callable[[str, Registered], None]


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


def _signature(status: os.stat_result) -> tuple[int, int, int]:
    return status.st_size, status.st_mtime_ns, status.st_ctime_ns


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
    summary: Summary = field(default_factory=Summary)
    _looks: dict[Path, _Look] = field(default_factory=dict)
    _closed: dict[Path, tuple[tuple[int, int, int], float]] = field(default_factory=dict)
    _retries: dict[Path, _Retry] = field(default_factory=dict)
    _stuck: set[Path] = field(default_factory=set)
    _unreadable: dict[Path, OSError] = field(default_factory=dict)  # out of tries: reject
    _closes: deque[tuple[Path, tuple[int, int, int], float]] = field(default_factory=deque)
    next_due: float | None = None  # monotonic time the next waiting file may be complete

    def __post_init__(self) -> None:
        self.hints = Hints(self.watch)
        for name in SPECIAL:
            (self.folder / name).mkdir(parents=True, exist_ok=True)

    @property
    def folder(self) -> Path:
        return self.registry.settings.inbox

    @property
    def working(self) -> Path:
        return self.folder / WORKING

    @property
    def pending(self) -> bool:
        """Files seen but not taken yet (settling, or waiting to be tried again)."""
        return bool(self._looks) or any(p not in self._stuck for p in self._retries)

    # -- finding files -------------------------------------------------------

    def candidates(self) -> Iterator[Path]:
        """Documents waiting in the inbox and its subfolders (not in our own folders)."""
        for root, folders, files in os.walk(self.folder):
            here = Path(root)
            folders[:] = sorted(f for f in folders if f not in SPECIAL and not f.startswith("."))
            for name in sorted(files):
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
        """A writer closed `path` (inotify's IN_CLOSE_WRITE): it may be complete already.

        Called from the observer's thread: only appends to a queue the next drain reads."""
        with contextlib.suppress(OSError):
            self._closes.append((path, _signature(path.stat()), time.monotonic()))

    def ready_at(self, path: Path, status: os.stat_result, now: float, wall: float) -> float:
        """When (monotonic) `path` counts as complete if nothing changes it: `delay` seconds
        after it last changed, or a moment after its writer closed it."""
        signature = _signature(status)
        look = self._looks.get(path)
        if look is None or look.signature != signature:
            look = self._looks[path] = _Look(signature, now)
        delay = self.watch.delay
        at = look.since + delay
        if self.trust_ctime:
            at = min(at, now + delay - (wall - status.st_ctime))
        closed = self._closed.get(path)
        if closed is not None and closed[0] == signature:
            at = min(at, closed[1] + min(delay, _CLOSED_SETTLE))
        return at

    # -- one pass ------------------------------------------------------------

    def recover(self, stop: Callable[[], bool] = lambda: False) -> int:
        """Finish the files a previous run claimed but did not finish (it was killed)."""
        claimed: list[Path] = []
        for folder in sorted(self.working.iterdir()):
            inside = list(folder.iterdir()) if folder.is_dir() else []
            claimed += inside
            if not inside:  # killed between making the claim's folder and the rename
                with contextlib.suppress(OSError):
                    folder.rmdir()
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
        while self._closes:
            path, signature, at = self._closes.popleft()
            self._closed[path] = (signature, at)
        seen: set[Path] = set()
        due: list[float] = []
        batch: list[Path] = []
        handled, batch_started, synced = 0, 0.0, time.monotonic()
        for path in [*self._due_in_working(time.monotonic()), *self.candidates()]:
            if stop():
                break
            seen.add(path)
            now = time.monotonic()
            retry = self._retries.get(path)
            if retry is not None and retry.not_before > now:
                due.append(retry.not_before)
                continue
            if path.parent.parent == self.working:
                claimed: Path | None = path
            else:
                try:
                    status = path.lstat()
                except FileNotFoundError:
                    continue
                at = self.ready_at(path, status, now, time.time())
                if at > now:
                    due.append(at)
                    continue
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

    def _due_in_working(self, now: float) -> list[Path]:
        return sorted(p for p, retry in self._retries.items()
                      if p.parent.parent == self.working and retry.not_before <= now)

    def _forget_all_but(self, present: set[Path]) -> None:
        for known in (self._looks, self._closed, self._retries):
            for path in [p for p in known
                         if p not in present and p.parent.parent != self.working]:
                del known[path]
        self._stuck &= present

    # -- taking one file -----------------------------------------------------

    def _claim(self, path: Path, status: os.stat_result) -> Path | None:
        """Move a complete file into `_working`; None when it is gone or must wait."""
        if stat.S_ISREG(status.st_mode):
            try:  # a file someone still holds, or may not read yet, is tried again later
                os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK))
            except FileNotFoundError:
                return None
            except OSError as error:
                if self._later(path, error):
                    return None
                self._unreadable[path] = error
        keys = self.hints.keys(path.parent.relative_to(self.folder).parts)
        folder = self.working / claim_folder(uuid.uuid4().hex[:12], keys)
        folder.mkdir()
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
        self._looks.pop(path, None)
        self._closed.pop(path, None)
        return working

    def _later(self, path: Path, error: OSError) -> bool:
        """Try `path` again later, waiting longer each time; False once out of tries."""
        if not _transient(error):
            return False
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
        if not batch:
            return 0
        unreadable = [w for w in batch if w in self._unreadable]
        for working in unreadable:
            error = self._unreadable.pop(working)
            attempts = self._retries.pop(working).attempts + 1
            self._conclude(working, Registered(working.name, "rejected",
                                               reason=oserror_reason(error, attempts)))
        batch = [w for w in batch if w not in unreadable]
        try:
            results = self.registry.register_many([_incoming(w) for w in batch], index=False)
        except OSError as error:  # the registry's disk full or unwritable: try again later
            log.exception("registering %d files", len(batch))
            for working in batch:
                if not self._later(working, error):
                    attempts = self._retries.get(working, _Retry(0, 0, 0)).attempts + 1
                    self._conclude(working, Registered(working.name, "rejected",
                                                       reason=oserror_reason(error, attempts)))
            return len(unreadable)
        except Exception:  # a bug one file triggers: find it, and register the others
            if len(batch) > 1:
                return len(unreadable) + sum(self._finish([w]) for w in batch)
            log.exception("registering %s", batch[0])
            results = [_unexpected(batch[0].name, sys.exc_info()[1])]
        self._list_registered(batch, results)
        for working, result in zip(batch, results, strict=True):
            self._conclude(working, result)
        return len(unreadable) + len(batch)

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
            working.unlink(missing_ok=True)
        else:
            set_aside(working, self.folder / (DUPLICATES if result.status == "duplicate"
                                              else REJECTED), result)
        working.parent.rmdir()
        self.summary.count(result.status)
        self.report(working.name, result)


def _registered_before(working: Path, result: Registered) -> bool:
    """Whether `result` is this claimed file's own record, made before a crash."""
    claim = parse_claim_folder(working.parent.name)[0]
    return result.status == "duplicate" and \
        (result.record or {}).get("source", {}).get("claim") == claim


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
    text = (f"فایل: {result.file}\n{reason.get('fa', '')}\n"
            f"({format_jalali(jalali.date())} {to_persian_digits(clock)})\n\n"
            f"File: {result.file}\n{reason.get('en', '')}\n"
            f"({now:%Y-%m-%d} {clock}, {reason.get('code')})\n")
    target.with_name(target.name + ".reason.txt").write_text(text, encoding="utf-8")
