"""The inbox watcher: every file dropped into `inbox/` is registered once or set aside.

Clerks never look at a terminal, so the folders tell them what happened:

- a registered file leaves the inbox (its original is archived in the registry);
- the same bytes again go to `inbox/_duplicates/` with `NAME.reason.txt` naming the
  existing registry number;
- a file that cannot be read goes to `inbox/_rejected/` with `NAME.reason.txt`, in
  Persian and English.

A file is taken only once its size and modification time have held still for
`delay` seconds. It is claimed by an atomic rename into `inbox/_working/` under a
claim id; the registry records that id, so after a crash (kill -9 at any moment) a
claimed file is either already registered under its claim (and is dropped from
`_working`) or is registered now: never lost, never registered twice.
Subfolders carry hints: `outgoing/` (صادره), `internal/` (داخلی), `minutes/` (صورتجلسه).
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from paayesh_docs.ingest.sniff import is_ignored_name
from paayesh_docs.registry import Registered, Registry

log = logging.getLogger(__name__)

WORKING, DUPLICATES, REJECTED = "_working", "_duplicates", "_rejected"
SPECIAL = {WORKING, DUPLICATES, REJECTED}
# Hint folders: direction and kind, English and Persian names.
HINTS: dict[str, tuple[str, str | None]] = {
    "incoming": ("incoming", None), "وارده": ("incoming", None),
    "outgoing": ("outgoing", None), "صادره": ("outgoing", None),
    "internal": ("internal", None), "داخلی": ("internal", None),
    "minutes": ("incoming", "minutes"), "صورتجلسه": ("incoming", "minutes"),
}
_CLAIM_SEPARATOR = "__"


@dataclass
class Summary:
    registered: int = 0
    duplicates: int = 0
    rejected: int = 0
    retried: int = 0

    def count(self, status: str) -> None:
        if status == "registered":
            self.registered += 1
        elif status == "duplicate":
            self.duplicates += 1
        elif status == "rejected":
            self.rejected += 1


@dataclass
class Inbox:
    """One office's inbox and what the watcher knows of the files in it."""

    registry: Registry
    delay: float = 2.0
    report: Callable[[Path, Registered], None] = lambda path, result: None
    summary: Summary = field(default_factory=Summary)
    _seen: dict[Path, tuple[int, int, float]] = field(default_factory=dict)
    _retry_at: dict[Path, tuple[float, float]] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return self.registry.settings.inbox

    def __post_init__(self) -> None:
        for name in SPECIAL:
            (self.folder / name).mkdir(parents=True, exist_ok=True)

    # -- finding files ---------------------------------------------------------

    def candidates(self) -> list[Path]:
        """Documents waiting in the inbox and its hint folders (not in our own folders)."""
        found = []
        for root, folders, files in os.walk(self.folder):
            here = Path(root)
            folders[:] = [f for f in folders if f not in SPECIAL and not f.startswith(".")]
            found += [here / name for name in files if not is_ignored_name(name)]
        return sorted(found)

    def ready(self, path: Path, now: float) -> bool:
        """Unchanged in size and time for `delay` seconds."""
        try:
            status = path.stat()
        except FileNotFoundError:
            self._seen.pop(path, None)
            return False
        signature = (status.st_size, status.st_mtime_ns)
        previous = self._seen.get(path)
        if previous is None or previous[:2] != signature:
            self._seen[path] = (*signature, now)
            return self.delay <= 0
        return now - previous[2] >= self.delay

    # -- one pass --------------------------------------------------------------

    def recover(self) -> None:
        """Finish files a previous run claimed but did not finish (it was killed)."""
        for path in sorted((self.folder / WORKING).iterdir()):
            if path.is_file():
                self._register_claimed(path)

    def drain(self, stop: threading.Event | None = None) -> int:
        """Process every file that is ready now; returns how many were handled."""
        handled = 0
        now = time.monotonic()
        for path in self.candidates():
            if stop is not None and stop.is_set():
                break
            retry = self._retry_at.get(path)
            if retry and retry[0] > now:
                continue
            if self.ready(path, now):
                handled += self._take(path)
        if handled:
            self.registry.sync_index()
        return handled

    def _take(self, path: Path) -> int:
        claim = uuid.uuid4().hex[:12]
        working = self.folder / WORKING / f"{claim}{_CLAIM_SEPARATOR}{path.name}"
        hint = path.parent.relative_to(self.folder).parts[:1]
        marker = working.with_name(working.name + ".hint")
        try:
            if hint:
                marker.write_text(hint[0], "utf-8")
            os.rename(path, working)  # atomic: a second watcher cannot take it too
        except PermissionError:
            self._backoff(path)
            return 0
        except FileNotFoundError:
            marker.unlink(missing_ok=True)
            return 0
        self._seen.pop(path, None)
        self._retry_at.pop(path, None)
        self._register_claimed(working)
        return 1

    def _backoff(self, path: Path) -> None:
        """A locked file (still being copied, open in Word): try again later, then longer."""
        _, wait = self._retry_at.get(path, (0.0, 0.5))
        self._retry_at[path] = (time.monotonic() + wait, min(wait * 2, 60.0))
        self.summary.retried += 1

    def _register_claimed(self, working: Path) -> None:
        if working.name.endswith(".hint"):
            return
        claim, _, name = working.name.partition(_CLAIM_SEPARATOR)
        marker = working.with_name(working.name + ".hint")
        hint = marker.read_text("utf-8") if marker.exists() else ""
        direction, kind = HINTS.get(hint, ("incoming", None))
        result = self.registry.register(working, direction=direction, kind=kind, name=name,
                                        claim=claim, index=False)
        if result.status == "duplicate" and result.record and \
                result.record["source"].get("claim") == claim:
            result = Registered(name, "registered", result.id, result.registry_number, None,
                                result.record)  # registered before a crash: done already
        if result.status == "registered":
            working.unlink()
        elif result.status in ("duplicate", "rejected", "ignored"):
            folder = DUPLICATES if result.status == "duplicate" else REJECTED
            target = _free_name(self.folder / folder / name)
            write_reason(target, result)
            os.replace(working, target)
        marker.unlink(missing_ok=True)
        self.summary.count(result.status)
        self.report(Path(name), result)


def _free_name(path: Path) -> Path:
    """`path`, or `name (2).ext` and so on when a file of that name is already there."""
    candidate, number = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
        number += 1
    return candidate


def write_reason(target: Path, result: Registered) -> None:
    """`NAME.reason.txt` beside a set-aside file, Persian first, then English."""
    reason = result.reason or {}
    text = (f"فایل: {result.file}\n{reason.get('fa', '')}\n\n"
            f"File: {result.file}\n{reason.get('en', '')}\n")
    target.with_name(target.name + ".reason.txt").write_text(text, encoding="utf-8")


def watch(inbox: Inbox, stop: threading.Event, poll: float | None = None,
          rescan: float = 60.0) -> None:
    """Watch until `stop` is set: events wake the loop, a periodic rescan catches dropped ones."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    wake = threading.Event()

    class Wake(FileSystemEventHandler):
        def on_any_event(self, event: object) -> None:
            wake.set()

    observer = PollingObserver(timeout=poll) if poll else Observer()
    observer.schedule(Wake(), str(inbox.folder), recursive=True)
    observer.start()
    try:
        inbox.recover()
        last_scan = 0.0
        while not stop.is_set():
            now = time.monotonic()
            pending = bool(inbox._seen) or bool(inbox._retry_at)
            if wake.is_set() or pending or now - last_scan >= rescan:
                wake.clear()
                inbox.drain(stop)
                last_scan = now
            # while files settle, look again soon; otherwise until an event (or a second, to
            # notice a stop request)
            wake.wait(min(max(inbox.delay / 4, 0.05), 0.5) if inbox._seen else 1.0)
    finally:
        observer.stop()
        observer.join(timeout=5)
