"""The watch loop: change events wake it, a periodic rescan catches what the events missed.

watchdog's native observer (inotify on Linux) says when something changes; events only
wake the loop, which then looks at the inbox itself (`Inbox.drain`), so a dropped or
merged event costs latency, never a file. A scan at start-up takes what arrived while
nothing watched, and a full rescan every `rescan` seconds catches what the operating
system dropped (inotify queues overflow silently). With `poll`, a polling observer
stands in for events (network shares send none).

One watcher per office: a second one would race the first for the files it is working
on, so it is refused with the process id of the one already running.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from paayesh_docs.inbox.claims import Inbox

log = logging.getLogger(__name__)

LOCK = "watch.lock"
_SHORTEST_WAIT = 0.01  # seconds: never spin, even when a file is due now


class AlreadyWatching(RuntimeError):
    """Another watcher holds this office's inbox."""

    def __init__(self, pid: str) -> None:
        super().__init__(pid)
        self.pid = pid


@contextlib.contextmanager
def only_watcher(registry_folder: Path) -> Iterator[IO[str]]:
    """Hold the office's watcher lock (released by the kernel even after kill -9)."""
    registry_folder.mkdir(parents=True, exist_ok=True)
    with (registry_folder / LOCK).open("a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            raise AlreadyWatching(lock.read().strip() or "?") from None
        lock.seek(0)
        lock.truncate()
        lock.write(str(os.getpid()))
        lock.flush()
        yield lock


class Watcher:
    """Runs an `Inbox` until `stop()` (safe to call from a signal handler)."""

    def __init__(self, inbox: Inbox, poll: float = 0.0, rescan: float = 60.0) -> None:
        self.inbox = inbox
        self.poll = poll
        self.rescan = rescan
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._handler = _Events(self)
        self._observer: Any = None
        self._watches: dict[Path, Any] = {}

    def stop(self) -> None:
        """Finish the file in hand, then return from `run`."""
        self._stop.set()
        self._wake.set()

    def wake(self) -> None:
        """Look at the inbox now (a scan was read; safe from any thread)."""
        self._wake.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def run_once(self) -> None:
        """Take everything in the inbox (waiting for files still being written), then return."""
        self.inbox.recover(lambda: self.stopping)
        while not self.stopping:
            self.inbox.drain(lambda: self.stopping)
            if not self.inbox.pending or self.inbox.faulty:
                return  # our storage at fault: the files wait in the inbox for the next run
            self._wake.wait(self._until_due())

    def run(self) -> None:
        """Watch until stopped."""
        self._observer = self._start_observer()
        try:
            self.inbox.recover(lambda: self.stopping)
            while not self.stopping:
                self._wake.clear()
                self._follow_folders()
                self.inbox.drain(lambda: self.stopping)
                # sleep until a file may be complete, an event, or the next rescan
                self._wake.wait(self._until_due())
        finally:
            self._observer.stop()
            self._observer.join(timeout=5)

    def _until_due(self) -> float:
        due = self.inbox.next_due
        if due is None:
            return self.rescan
        return min(max(due - time.monotonic(), _SHORTEST_WAIT), self.rescan)

    def _start_observer(self) -> Any:
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        if not self.poll:
            try:
                observer = Observer()
                self._observer, self._watches = observer, {}
                self._follow_folders()
                observer.start()
                return observer
            except OSError as error:  # e.g. the system's limit on inotify watches
                log.warning("change events unavailable (%s); polling every 2 s instead", error)
                self.poll = 2.0
        self.inbox.trust_ctime = False  # a share's clock may not agree with ours
        self.inbox.write_events = False  # polling sees writes, never their close
        observer = PollingObserver(timeout=self.poll)
        self._observer, self._watches = observer, {}
        self._follow_folders()
        observer.start()
        return observer

    def _follow_folders(self) -> None:
        """Watch the inbox itself and each of its subfolders but ours.

        Not the whole tree: every file the watcher works on passes through `_working`,
        and events from there (and a new watch for each claim's folder) would cost the
        watcher about half its speed for nothing.
        """
        from watchdog.events import (
            DirCreatedEvent,
            DirMovedEvent,
            FileClosedEvent,
            FileCreatedEvent,
            FileModifiedEvent,
            FileMovedEvent,
        )

        kinds = [FileCreatedEvent, FileModifiedEvent, FileMovedEvent, FileClosedEvent,
                 DirCreatedEvent, DirMovedEvent]
        wanted = {self.inbox.folder: False}
        wanted |= {folder: True for folder in self.inbox.subfolders()}
        for folder in set(self._watches) - set(wanted):
            with contextlib.suppress(KeyError, OSError):
                self._observer.unschedule(self._watches.pop(folder))
        for folder, recursive in wanted.items():
            if folder not in self._watches:
                with contextlib.suppress(FileNotFoundError):  # gone since it was listed
                    self._watches[folder] = self._observer.schedule(
                        self._handler, str(folder), recursive=recursive, event_filter=kinds)


class _Events:
    """watchdog's handler: wake the loop for changes to files waiting in the inbox."""

    def __init__(self, watcher: Watcher) -> None:
        self.watcher = watcher

    def dispatch(self, event: Any) -> None:
        inbox = self.watcher.inbox
        paths = [Path(os.fsdecode(p)) for p in (event.src_path, getattr(event, "dest_path", ""))
                 if p]
        if not any(inbox.is_watched(path) for path in paths):
            return  # our own moves out of the inbox into _working
        if not event.is_directory:
            if event.event_type == "closed":
                inbox.closed_after_write(paths[0])
            elif event.event_type == "moved":  # moved in whole: no writer holds it
                inbox.closed_after_write(paths[-1])
            elif event.event_type == "modified":  # held open for writing till its close
                inbox.written(paths[0])  # (not "created": a file moved in from outside is one)
        self.watcher._wake.set()
