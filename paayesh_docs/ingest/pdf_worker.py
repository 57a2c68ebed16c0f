"""The child process that reads PDFs with PDFium, within memory and time limits.

PDFium is C: a hostile file can crash it, hang it, or make it allocate without end.
So PDFs are read in a separate process that lives as long as the reading one (one
start per process, not per file), its address space capped; the reading process
waits for each answer only so long. A crash, an exhausted memory or a hang costs
that file a reason («خراب» / «بیش از حد») and the child a restart, never the
watcher. The child lays the page out (`pdf_layout`) and answers with each page's
rows of cells; the word repairs, which need hazm's word list, stay in the parent.

A process that is itself such a capped reading child (the watcher's `ingest.bounded`)
reads its PDFs in itself instead (`InProcessReader`, the same limits), so the watcher
runs three processes, not four.

Protocol: one JSON line per request on stdin (`{"path", "pages", "objects",
"chars"}`), one JSON line per answer on stdout (`{"pages": n, "rows": [...]}` or
`{"problem": code, "detail": text}`).
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import resource
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from paayesh_docs.ingest.pdf_pdfium import PageLimits, PdfProblem

# A stuck child is killed after this long for one file; a crashed child is recognised
# as out of memory when it had used this share of its address space.
_MEMORY_SHARE_FOR_EXHAUSTED = 0.5


class PdfChild:
    """One reading child, started when first needed and again after it died."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._owner = 0
        self._memory = 0

    def _start(self, memory_bytes: int) -> subprocess.Popen[bytes]:
        process = self._process
        if process is not None and self._owner == os.getpid() and self._memory == memory_bytes \
                and process.poll() is None:
            return process
        if process is not None and self._owner == os.getpid():
            self._stop(process)
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH")
                                    else "")
        self._process = subprocess.Popen(
            [sys.executable, "-u", "-m", "paayesh_docs.ingest.pdf_worker",
             str(memory_bytes)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
            close_fds=True)
        self._owner, self._memory = os.getpid(), memory_bytes
        return self._process

    @staticmethod
    def _stop(process: subprocess.Popen[bytes]) -> None:
        with contextlib.suppress(OSError):
            process.kill()
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            process.wait(5)

    def read(self, path: Path, limits: PageLimits, memory_bytes: int,
             seconds: float) -> dict[str, Any]:
        """The child's answer for one file; PdfProblem when it crashed, ran out of memory
        or took longer than `seconds`."""
        with self._lock:
            process = self._start(memory_bytes)
            request = json.dumps({"path": str(path), "pages": limits.pages,
                                  "objects": limits.objects, "chars": limits.chars})
            assert process.stdin is not None and process.stdout is not None
            try:
                process.stdin.write(request.encode("utf-8") + b"\n")
                process.stdin.flush()
            except (BrokenPipeError, OSError):
                return self._died(process)
            answer = _read_line(process.stdout.fileno(), seconds)
            if answer is None:  # the deadline passed
                self._stop(process)
                self._process = None
                raise PdfProblem("timeout", f"{seconds:g}")
            if not answer:
                return self._died(process)
            return json.loads(answer)

    def _died(self, process: subprocess.Popen[bytes]) -> dict[str, Any]:
        usage = None
        status = 0
        with contextlib.suppress(ChildProcessError, OSError):
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = -1
        self._process = None
        peak = usage.ru_maxrss * 1024 if usage is not None else 0
        killed = process.returncode == -signal.SIGKILL or (
            usage is not None and os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL)
        if not killed and peak >= _MEMORY_SHARE_FOR_EXHAUSTED * self._memory:
            raise PdfProblem("memory", f"{peak // 2**20}")
        raise PdfProblem("crashed", "")


def _read_line(fd: int, seconds: float) -> bytes | None:
    """One line from `fd`; b"" at end of file, None when `seconds` passed first."""
    deadline = time.monotonic() + seconds
    chunks: list[bytes] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            return None
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b""
        chunks.append(chunk)
        if chunk.endswith(b"\n"):
            return b"".join(chunks)


CHILD = PdfChild()


class _Late(BaseException):
    """The deadline of one in-process reading passed (a BaseException, so that the
    catch-all of `answered` lets it through)."""


class InProcessReader:
    """PDFs read in this very process, within the same limits as in `PdfChild`.

    For the bounded reading child (`ingest.bounded`): it is already the separate,
    capped process that a crash or a hang of PDFium costs, and a PDF child under it
    would be a fourth process beside the watcher, holding about 50 MB more. The memory
    cap is its address-space limit lowered for the reading and raised back after; the
    deadline an interval timer (a hang inside PDFium's C code outlasts it, and is then
    ended by the bounded child's own deadline)."""

    def read(self, path: Path, limits: PageLimits, memory_bytes: int,
             seconds: float) -> dict[str, Any]:
        request = {"path": str(path), "pages": limits.pages, "objects": limits.objects,
                   "chars": limits.chars}
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = memory_bytes if soft == resource.RLIM_INFINITY else min(memory_bytes, soft)

        def late(number: int, frame: Any) -> None:
            raise _Late

        previous = signal.signal(signal.SIGALRM, late)
        try:
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
            signal.setitimer(signal.ITIMER_REAL, seconds)
            return answered(request)
        except _Late:
            raise PdfProblem("timeout", f"{seconds:g}") from None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


_reader: PdfChild | InProcessReader = CHILD


def read_in_this_process() -> None:
    """From now on this process reads PDFs itself (`InProcessReader`): said once by the
    bounded reading child when it starts."""
    global _reader
    _reader = InProcessReader()


def reader() -> PdfChild | InProcessReader:
    """What reads PDFs in this process: the PDF child, or this process itself."""
    return _reader


def answered(request: dict[str, Any] | bytes) -> dict[str, Any]:
    """The answer to one request (a JSON line, or its dict), whatever happened: an
    exhausted memory or any error becomes a problem the reader names.

    The cycle collector is off while a document is read: a page makes a thousand glyph
    objects, which start it over and over (a sixth of the reading's instructions) and
    it finds nothing, since glyphs, lines and cells hold no cycles. It runs again
    between documents, and the memory limit bounds what one document can hold.
    """
    gc.disable()
    try:
        return _answer(json.loads(request) if isinstance(request, bytes) else request)
    except MemoryError:
        return {"problem": "memory", "detail": ""}
    except Exception as error:  # an answer, whatever happened: the reader is waiting
        return {"problem": "corrupt_pdf", "detail": f"{type(error).__name__}: {error}"}
    finally:
        gc.enable()


def _answer(request: dict[str, Any]) -> dict[str, Any]:
    from paayesh_docs.ingest.pdf_layout import page_lines, page_rows, word_gap_threshold
    from paayesh_docs.ingest.pdf_pdfium import read_glyphs

    limits = PageLimits(request["pages"], request["objects"], request["chars"])
    try:
        count, pages = read_glyphs(Path(request["path"]), limits)
    except PdfProblem as problem:
        return {"problem": problem.code, "detail": problem.detail}
    # one word-gap threshold for the whole document, from all its lines
    lines = [page_lines(glyphs) for glyphs in pages]
    word_gap = word_gap_threshold(line for page in lines[:20] for line in page)
    rows = [[[[cell.left, cell.right, cell.text] for cell in row.cells]
             for row in page_rows(glyphs, word_gap, lines=page)]
            for glyphs, page in zip(pages, lines, strict=True)]
    return {"pages": count, "rows": rows}


def main() -> None:
    """Answer one request a line (`answered`) until the parent closes the pipe."""
    memory = int(sys.argv[1])
    with contextlib.suppress(ValueError, OSError):
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        answer = answered(line)
        out.write(json.dumps(answer, ensure_ascii=False).encode("utf-8") + b"\n")
        out.flush()


if __name__ == "__main__":
    main()
