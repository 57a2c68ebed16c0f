"""Reading a file in a child process, bounded in time and memory, so no file stops the inbox.

`extract_file` is careful (size, zip-bomb and page limits), but a parser can still
meet input that makes it slow or greedy, and one such file read in the watcher's
own process would block every file after it, ignore SIGTERM and, after a kill -9,
be taken first again. Here the reading runs in a child process:

- with its address space capped (`RLIMIT_AS`, 768 MB by default): a reader that
  wants more gets `MemoryError` (reported as too large) or dies, never the watcher;
- killed after `seconds` (the `[watch] read_seconds` setting): the file is
  answered as `too_slow`, in Persian and English, and set aside like any
  unreadable file;
- stopped at once when the program is asked to stop (SIGTERM, Ctrl+C) while it
  reads: `ReadInterrupted` (an `OSError` the inbox treats as passing) leaves the
  file claimed, to be finished on the next start;
- counted: before a file is read a mark is left in `registry/reading/` and taken
  away after, so a file that was being read each of the last `attempts` times the
  process died (kill -9, power cut) is answered as `crashed_reader` instead of
  being taken first again forever.

The child is one long-lived `python -m paayesh_docs.ingest.bounded` (fork and exec:
safe in a process with threads), started when first needed and again after it was
killed; it dies with its parent (`PR_SET_PDEATHSIG`) and at the end of its input.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import resource
import selectors
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paayesh_docs.ingest.limits import DEFAULT_LIMITS, Limits

# 768 MB: a scan's reader holds six Tesseract readers, hazm's word lists (folded and
# as written) and a 300-dpi page's arrays; at 500 MB a 20-page TIFF ran out before its
# end (a MemoryError: the scan set aside). Still far below what could exhaust an
# office's machine, one reader a core
MEMORY_BYTES = 768 * 1024 * 1024
READ_SECONDS = 60.0
ATTEMPTS = 3  # reads a process died in before the file is set aside
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_PR_SET_PDEATHSIG = 1
_STARTING_SECONDS = 120.0  # a loaded machine may take long to start Python and its imports


class ReadInterrupted(OSError):
    """The program is stopping: the file in hand was not read and stays where it is.

    An OSError with EAGAIN: the inbox tries such a file again later (here: on the
    next start) instead of rejecting it."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EAGAIN, "stopped while reading; read again on the next start",
                         str(path))


@dataclass(frozen=True)
class Bounds:
    """What one file's reading may take."""

    seconds: float = READ_SECONDS
    memory_bytes: int = MEMORY_BYTES
    attempts: int = ATTEMPTS


def too_slow(seconds: float) -> dict[str, str]:
    shown = f"{seconds:g}"
    from paayesh_docs.persian.digits import to_persian_digits

    return {"code": "too_slow",
            "fa": f"خواندن فایل بیش از {to_persian_digits(shown)} ثانیه طول کشید و متوقف شد "
                  "(فایل بیش از حد بزرگ یا پیچیده است).",
            "en": f"Reading the file took longer than {shown} s and was stopped "
                  "(the file is too large or too complex)."}


def reader_died(code: int, memory_bytes: int) -> dict[str, str]:
    mb = memory_bytes // (1024 * 1024)
    return {"code": "too_large",
            "fa": f"خواندن فایل متوقف شد (بیش از {mb} مگابایت حافظه یا خطای خواننده).",
            "en": f"Reading the file stopped (over {mb} MB of memory, or the reader failed: "
                  f"exit {code})."}


def crashed_reader(attempts: int) -> dict[str, str]:
    from paayesh_docs.persian.digits import to_persian_digits

    return {"code": "crashed_reader",
            "fa": f"برنامه {to_persian_digits(str(attempts))} بار هنگام خواندن همین فایل "
                  "متوقف شد؛ فایل کنار گذاشته شد تا پرونده‌های دیگر منتظر نمانند.",
            "en": f"The program stopped {attempts} times while reading this file; it is set "
                  "aside so that other files do not wait behind it."}


class BoundedReader:
    """`extract_file` in a child process (see the module docstring). Not thread-safe:
    one reader per thread; `reader()` gives this process's."""

    def __init__(self, bounds: Bounds | None = None) -> None:
        self.bounds = bounds or Bounds()
        self._child: subprocess.Popen[bytes] | None = None
        self._owner = os.getpid()
        self._stopping = False
        self._deliver: int | None = None

    def extract(self, path: Path | str, limits: Limits = DEFAULT_LIMITS,
                kind: str | None = None, marks: Path | None = None,
                key: str | None = None,
                parts: list[tuple[str, bytes]] | None = None) -> dict[str, Any]:
        """The `extract_file` answer for `path`, read within bounds. With `marks` (a
        folder) and `key` (e.g. the file's sha256), reads the process died in are
        counted there. `parts`, as for `extract_file`, receives an e-mail's files."""
        from paayesh_docs.ingest.extract import empty_result

        path = Path(path)
        mark = marks / key if marks is not None and key else None
        attempts = _attempts(mark) if mark is not None else 0
        if mark is not None and attempts >= self.bounds.attempts:
            _write_mark(mark, 0)
            return empty_result(path, "rejected", crashed_reader(attempts))
        try:
            with self._stop_on_signals():  # from the start: the child may be starting
                result = self._read(path, limits, kind, mark, attempts + 1, parts)
        except BaseException:  # stopped (a signal, Ctrl+C): not the file's fault
            if mark is not None:
                _write_mark(mark, attempts)
            if self._deliver is not None:  # nobody handled it: end as it would have
                signal.signal(self._deliver, signal.SIG_DFL)
                os.kill(os.getpid(), self._deliver)
            raise
        if mark is not None:
            _write_mark(mark, 0)
        return result

    def _read(self, path: Path, limits: Limits, kind: str | None, mark: Path | None,
              attempt: int, parts: list[tuple[str, bytes]] | None = None) -> dict[str, Any]:
        import base64
        from dataclasses import asdict

        from paayesh_docs.ingest.extract import empty_result

        child = self._started(path)
        if mark is not None:  # counted once the child is ready: its start is not the file's
            _write_mark(mark, attempt)
        job = json.dumps({"file": str(path), "kind": kind, "limits": asdict(limits),
                          "parts": parts is not None}, ensure_ascii=False).encode() + b"\n"
        assert child.stdin is not None and child.stdout is not None
        try:
            child.stdin.write(job)
            child.stdin.flush()
        except BrokenPipeError:
            code = self._end() or 0
            return empty_result(path, "rejected", reader_died(code, self.bounds.memory_bytes))
        try:
            line = self._answer(child, time.monotonic() + self.bounds.seconds)
        except BaseException:
            self._end()
            raise
        if line is None and self._stopping:
            self._end()
            raise ReadInterrupted(path)
        if line is None:
            code = self._end()
            if code is None:  # alive: it was killed for its time
                return empty_result(path, "rejected", too_slow(self.bounds.seconds))
            return empty_result(path, "rejected", reader_died(code, self.bounds.memory_bytes))
        result: dict[str, Any] = json.loads(line)
        result["file"] = str(path)  # as the caller named it
        carried = result.pop("_parts", [])
        if parts is not None:
            parts.extend((name, base64.b64decode(data)) for name, data in carried)
        return result

    def _answer(self, child: subprocess.Popen[bytes], deadline: float) -> bytes | None:
        """The child's answer line; None when it died, the deadline passed or a stop came."""
        assert child.stdout is not None
        fd = child.stdout.fileno()
        chunks: list[bytes] = []
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while not self._stopping:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                if not selector.select(min(left, 0.2)):
                    continue
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    return None  # the child died
                chunks.append(chunk)
                if chunk.endswith(b"\n"):
                    return b"".join(chunks)
        return None

    @contextlib.contextmanager
    def _stop_on_signals(self) -> Any:
        """While waiting for the child, a stop signal also ends the wait (the program's
        own handler still runs first). Only the main thread can take signals."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {number: signal.getsignal(number) for number in _STOP_SIGNALS}

        def stop(number: int, frame: Any) -> None:
            self._stopping = True
            handler = previous[number]
            if callable(handler):
                handler(number, frame)
            elif handler == signal.SIG_DFL:
                self._deliver = number  # delivered again once the child is stopped

        for number in _STOP_SIGNALS:
            signal.signal(number, stop)
        try:
            yield
        finally:
            for number, handler in previous.items():
                # the program's handler may have replaced itself meanwhile (a second Ctrl+C
                # stops at once): keep what it set, not what was there before
                if signal.getsignal(number) is stop:
                    signal.signal(number, handler)

    def _started(self, path: Path) -> subprocess.Popen[bytes]:
        if self._owner != os.getpid():  # forked: the child belongs to the parent
            self._child, self._owner = None, os.getpid()
        if self._child is None or self._child.poll() is not None:
            self._child = subprocess.Popen(
                [sys.executable, "-m", "paayesh_docs.ingest.bounded",
                 str(self.bounds.memory_bytes)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                close_fds=True, start_new_session=True)
            # ready once its imports are done: starting is not the file's time
            if self._answer(self._child, time.monotonic() + _STARTING_SECONDS) != b"ready\n":
                self._end()
                if self._stopping:
                    raise ReadInterrupted(path)
                raise OSError(errno.EAGAIN, "the reading process did not start")
        return self._child

    def _end(self) -> int | None:
        """Stop the child; its exit code if it had died by itself, None if it was killed."""
        child, self._child = self._child, None
        if child is None:
            return None
        code = child.poll()
        if code is None:
            child.kill()
        child.wait()
        for stream in (child.stdin, child.stdout):
            with contextlib.suppress(OSError):
                stream and stream.close()
        return code

    def close(self) -> None:
        self._end()


def _attempts(mark: Path) -> int:
    try:
        return int(mark.read_text().strip() or 0)
    except (OSError, ValueError):
        return 0


def _write_mark(mark: Path, attempts: int) -> None:
    with contextlib.suppress(OSError):  # a registry that cannot be written fails later, clearly
        if attempts == 0:
            mark.unlink(missing_ok=True)
            return
        mark.parent.mkdir(parents=True, exist_ok=True)
        mark.write_text(str(attempts))


_READERS: dict[Bounds, BoundedReader] = {}


def reader(bounds: Bounds | None = None) -> BoundedReader:
    """This process's reader for `bounds` (one child process for all its files)."""
    bounds = bounds or Bounds()
    if bounds not in _READERS:
        _READERS[bounds] = BoundedReader(bounds)
    return _READERS[bounds]


# -- the child ---------------------------------------------------------------------


def _die_with_parent() -> None:
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _serve(memory_bytes: int) -> None:
    """Read jobs (JSON lines) from stdin, answer each with one JSON line on stdout."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when the child stops
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    import base64

    from paayesh_docs.ingest.extract import extract_file
    from paayesh_docs.ingest.pdf_worker import read_in_this_process

    read_in_this_process()  # this process is the one a PDFium crash or hang may cost

    out = sys.stdout.buffer
    out.write(b"ready\n")
    out.flush()
    for line in sys.stdin.buffer:
        job = json.loads(line)
        try:
            parts: list[tuple[str, bytes]] | None = [] if job.get("parts") else None
            result = extract_file(job["file"], Limits(**job["limits"]), kind=job["kind"],
                                  parts=parts)
            if parts:  # an e-mail's files travel back beside its answer
                result["_parts"] = [[name, base64.b64encode(data).decode("ascii")]
                                    for name, data in parts]
            answer = json.dumps(result, ensure_ascii=False).encode()
        except MemoryError:  # even the answer did not fit
            from paayesh_docs.ingest.extract import empty_result

            result = empty_result(Path(job["file"]), "rejected", reader_died(0, memory_bytes))
            answer = json.dumps(result, ensure_ascii=False).encode()
        out.write(answer + b"\n")
        out.flush()


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
