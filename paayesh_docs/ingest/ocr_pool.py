"""OCR beside the watcher: scans read by a pool of worker processes, so a 20-page scan never
holds up the small letters dropped after it.

A page takes Tesseract about a second; a DOCX letter takes a millisecond. Read in line,
one long scan would keep every letter behind it waiting. So the watcher answers a scan
`needs_ocr` at once (`Limits.ocr_defer`), hands it here and goes on; each worker (a
thread driving its own `BoundedReader` child: its own process, Tesseract's models
loaded once, its address space capped, killed past its time) reads one scan at a time
with OCR in line, and the finished answer goes back to the watcher, which registers it
like any other file (`Incoming.extraction`). One worker per core by default
(`[ocr] workers`).

A scan's time is its pages times `[ocr] page_seconds` (at least `[watch] read_seconds`):
a scan still being read after that is set aside as too slow, like any file. Stopping
(`close`) kills the workers; the scans in hand stay claimed in `inbox/_working` and are
read again on the next start.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from paayesh_docs.ingest.bounded import BoundedReader, Bounds
from paayesh_docs.ingest.extract import empty_result
from paayesh_docs.ingest.limits import Limits

log = logging.getLogger(__name__)
_STARTUP_SECONDS = 10.0  # a worker's first scan also loads Tesseract's models


@dataclass
class Job:
    """One scan to read: where it is, what its sender said, where its read is counted."""

    key: Path  # the watcher's name for it (its path in `_working`)
    path: Path
    kind: str | None
    marks: Path | None = None
    sha256: str | None = None


def scan_pages(path: Path, limits: Limits) -> int:
    """How many pages a scan has (at least 1), cheaply: an image's frames as its header
    says (at most the page limit), a PDF's page count."""
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
        if head.startswith(b"%PDF-"):
            import pypdfium2 as pdfium

            document = pdfium.PdfDocument(str(path))
            try:
                return max(1, min(len(document), limits.image_pages))
            finally:
                document.close()
        from PIL import Image

        Image.MAX_IMAGE_PIXELS = None  # only the header is read here, never the pixels
        with Image.open(path) as image:
            return max(1, min(getattr(image, "n_frames", 1), limits.image_pages))
    except Exception:  # the reader says what is wrong with it
        return 1


class OcrPool:
    """Worker threads, each with its own reading process; `submit` and `finished`."""

    def __init__(self, workers: int, limits: Limits, page_seconds: float,
                 read_seconds: float, wake: Callable[[], None] = lambda: None) -> None:
        self.limits = replace(limits, ocr_defer=False)
        self.page_seconds = page_seconds
        self.read_seconds = read_seconds
        self.wake = wake
        self._jobs: queue.Queue[Job | None] = queue.Queue()
        self._done: queue.Queue[tuple[Path, dict[str, Any]]] = queue.Queue()
        self._readers = [BoundedReader(Bounds(seconds=read_seconds)) for _ in range(workers)]
        self._in_hand: set[Path] = set()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._work, args=(reader,), daemon=True,
                                          name=f"ocr-{number}")
                         for number, reader in enumerate(self._readers)]
        self._closed = False
        for thread in self._threads:
            thread.start()

    @property
    def busy(self) -> bool:
        """Scans submitted and not yet taken back with `finished`."""
        with self._lock:
            return bool(self._in_hand)

    def holds(self, key: Path) -> bool:
        with self._lock:
            return key in self._in_hand

    def submit(self, job: Job) -> None:
        with self._lock:
            if job.key in self._in_hand:
                return
            self._in_hand.add(job.key)
        self._jobs.put(job)

    def finished(self) -> list[tuple[Path, dict[str, Any]]]:
        """The scans read since the last call: (key, the `extract_file` answer)."""
        out = []
        while True:
            try:
                key, result = self._done.get_nowait()
            except queue.Empty:
                break
            with self._lock:
                self._in_hand.discard(key)
            out.append((key, result))
        return out

    def _work(self, reader: BoundedReader) -> None:
        while True:
            job = self._jobs.get()
            if job is None or self._closed:
                return
            pages = scan_pages(job.path, self.limits)
            seconds = max(self.read_seconds, pages * self.page_seconds + _STARTUP_SECONDS)
            reader.bounds = Bounds(seconds=seconds, memory_bytes=reader.bounds.memory_bytes,
                                   attempts=reader.bounds.attempts)
            try:
                result = reader.extract(job.path, self.limits, kind=job.kind, marks=job.marks,
                                        key=job.sha256)
            except OSError as error:  # stopping, or the worker could not start
                if self._closed:
                    return
                log.warning("OCR of %s: %s", job.path, error)
                result = empty_result(job.path, "rejected", {
                    "code": "unreadable", "fa": "خواندن اسکن ممکن نشد.",
                    "en": f"The scan could not be read ({error})."})
            except Exception as error:  # never lose the scan: answered, with the reason
                log.exception("OCR of %s", job.path)
                result = empty_result(job.path, "rejected", {
                    "code": "unreadable", "fa": "خواندن اسکن ممکن نشد.",
                    "en": f"The scan could not be read ({type(error).__name__})."})
            if self._closed:
                return
            self._done.put((job.key, result))
            self.wake()

    def close(self) -> None:
        """Stop the workers and their processes (the scans in hand are read next time)."""
        self._closed = True
        for _ in self._threads:
            self._jobs.put(None)
        for reader in self._readers:
            with contextlib.suppress(OSError):
                reader.close()
        for thread in self._threads:
            thread.join(timeout=5)
