"""Files still being written are never taken: real writer processes that hold a file open
and stall longer than the watcher's `delay`, a copy through a pipe that stalls, a writer
that reopens the file for each piece, a file opened before the watcher started, and a
writer the watcher cannot see (another pid namespace, `--poll`): every record holds
every byte, and there is one record a file."""

from __future__ import annotations

import fcntl
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from paayesh_docs.config import load_settings
from paayesh_docs.office import init_office
from paayesh_docs.registry import Registry

HEAD = "شماره: ۱۲/ص\nتاریخ: ۱۴۰۵/۰۸/۱۰\nموضوع: گزارش پایش صادرات استان\n"
BODY = "بند {n}: متن گزارش پایش صادرات استان و موانع آن در این بند آمده است.\n"
WAIT = 120  # seconds any one step may take, at most, on a loaded machine

# A writer process: writes `pieces` pieces of a letter to `path`, `pause` seconds apart,
# holding the file open ("held") or reopening it for each piece ("reopen"); with
# `pause` < 0 it waits for a line on stdin between pieces instead. Says each piece.
WRITER = """
import os, sys, time
path, mode, pause, pieces = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4:]
stream = open(path, "w", encoding="utf-8") if mode == "held" else None
for number, piece in enumerate(pieces):
    if number:
        sys.stdin.readline() if pause < 0 else time.sleep(pause)
    if mode == "reopen":
        stream = open(path, "a", encoding="utf-8")
    stream.write(piece)
    stream.flush()
    os.fsync(stream.fileno())
    if mode == "reopen":
        stream.close()
    print("wrote", number, flush=True)
stream.close()
print("closed", flush=True)
"""


def letter(pieces: int, lines: int = 3, tail: str = "") -> list[str]:
    """A letter in `pieces` pieces; the last one ends with a line only it has."""
    body = [BODY.format(n=n) for n in range(pieces * lines)]
    parts = [HEAD + "".join(body[:lines])]
    parts += ["".join(body[lines * k:lines * (k + 1)]) for k in range(1, pieces)]
    parts[-1] += f"پایان نامه {tail}\n"
    return parts


@pytest.fixture
def office(tmp_path: Path) -> Path:
    init_office(tmp_path / "office")
    return tmp_path / "office"


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("PAAYESH_HOME", None)
    return env


class Watcher:
    """`paayesh watch` in the background, its lines read as they come."""

    def __init__(self, office: Path, *args: str, prefix: tuple[str, ...] = ()) -> None:
        self.process = subprocess.Popen(
            [*prefix, sys.executable, "-m", "paayesh_docs", "--home", str(office), "watch",
             *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
        self.prefix = prefix
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        self.errors: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self._stderr = threading.Thread(target=self._read_errors, daemon=True)
        self._stderr.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def _read_errors(self) -> None:
        assert self.process.stderr is not None
        self.errors += self.process.stderr

    def until(self, wanted: str, count: int = 1) -> list[str]:
        """Lines up to the `count`-th that contains `wanted` (counted from the start)."""
        deadline = time.monotonic() + WAIT
        while sum(wanted in line for line in self.seen) < count:
            try:
                line = self.lines.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                raise AssertionError(f"no {wanted!r} in {WAIT} s: {self.seen}") from None
            if line is None:
                raise AssertionError(f"the watcher ended before {wanted!r}: {self.seen}")
            self.seen.append(line)
        return self.seen

    def stop(self) -> str:
        pid = self.process.pid
        if self.prefix:  # `unshare`: the watcher is its child
            pid = int(Path(f"/proc/{pid}/task/{pid}/children").read_text().split()[0])
        os.kill(pid, signal.SIGTERM)
        while (line := self.lines.get(timeout=WAIT)) is not None:  # to the summary line
            self.seen.append(line)
        self._stderr.join(WAIT)
        self.process.wait(WAIT)
        assert "Traceback" not in "".join(self.errors), self.errors
        return "".join(self.seen)


@pytest.fixture
def watchers() -> Iterator[list[Watcher]]:
    started: list[Watcher] = []
    yield started
    for watcher in started:
        if watcher.process.poll() is None:
            watcher.process.kill()
            watcher.process.communicate()


def writer(path: Path, mode: str, pause: float, pieces: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), mode, str(pause),
                             *pieces], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, encoding="utf-8")


def said(process: subprocess.Popen[str], wanted: str) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith(wanted):
            return
    raise AssertionError(f"the writer ended before saying {wanted!r}")


def records(office: Path) -> dict[str, list[tuple[dict, str]]]:
    """Each file name's records, with their texts."""
    found: dict[str, list[tuple[dict, str]]] = {}
    with Registry(load_settings(office)) as registry:
        for record in registry.all():
            found.setdefault(record["source"]["name"], []).append(
                (record, registry.text(record)))
    return found


def assert_whole(office: Path, name: str, pieces: list[str]) -> None:
    """One record for `name`, made from every byte written."""
    found = records(office).get(name, [])
    assert len(found) == 1, f"{name}: {len(found)} records"
    record, text = found[0]
    assert record["source"]["size"] == len("".join(pieces).encode()), name
    assert pieces[-1].strip().splitlines()[-1] in text, name


def set_aside(office: Path) -> list[str]:
    inbox = office / "inbox"
    return [p.name for folder in ("_rejected", "_duplicates") for p in (inbox / folder).iterdir()]


def test_a_writer_that_stalls_5_s_with_delay_2(office: Path, watchers: list[Watcher]) -> None:
    """A real 5 s stall with the file held open, and a writer reopening the file for each
    piece at pauses shorter than `delay` (it used to make a record a piece)."""
    inbox = office / "inbox"
    watch = Watcher(office, "--delay", "2")
    watchers.append(watch)
    watch.until("watching")
    held, reopened = letter(2, tail="held"), letter(4, tail="reopened")
    writers = [writer(inbox / "held.txt", "held", 5, held),
               writer(inbox / "reopened.txt", "reopen", 0.3, reopened)]
    for process in writers:
        said(process, "closed")
        process.wait(WAIT)
    watch.until("ثبت شد", 2)
    out = watch.stop()
    assert "registered 2" in out, out
    assert_whole(office, "held.txt", held)
    assert_whole(office, "reopened.txt", reopened)
    assert set_aside(office) == []


def test_long_stalls_held_open_and_through_a_pipe(office: Path,
                                                 watchers: list[Watcher]) -> None:
    """A 30 s stall with `delay` 2, scaled down four times (7.5 s, delay 0.5): a writer
    holding the file open, and `cp` reading from a pipe that stalls (a large letter)."""
    inbox = office / "inbox"
    watch = Watcher(office, "--delay", "0.5")
    watchers.append(watch)
    watch.until("watching")
    held = letter(3, tail="held")
    piped = letter(2, lines=3000, tail="piped")  # about 0.5 MB
    first, second = office / "first.part", office / "second.part"
    first.write_text(piped[0], encoding="utf-8")
    second.write_text(piped[1], encoding="utf-8")
    cp = subprocess.Popen(["sh", "-c", f'{{ cat "{first}"; sleep 7.5; cat "{second}"; }} '
                                       f'| cp /dev/stdin "{inbox / "piped.txt"}"'])
    process = writer(inbox / "held.txt", "held", 7.5, held)
    said(process, "closed")
    assert cp.wait(WAIT) == 0 and process.wait(WAIT) == 0
    watch.until("ثبت شد", 2)
    out = watch.stop()
    assert "registered 2" in out, out
    assert_whole(office, "held.txt", held)
    assert_whole(office, "piped.txt", piped)
    assert set_aside(office) == []


def _log_says(office: Path, wanted: str) -> None:
    log = office / "registry" / "logs" / "watch.log"
    deadline = time.monotonic() + WAIT
    while not (log.exists() and wanted in log.read_text("utf-8")):
        assert time.monotonic() < deadline, f"watch.log never said {wanted!r}"
        time.sleep(0.05)  # polling a file the watcher writes: there is no event to wait on


@pytest.mark.parametrize("mode", [(), ("--poll", "0.2")], ids=["events", "poll"])
def test_a_file_opened_before_the_watcher_waits_until_closed(
        office: Path, watchers: list[Watcher], mode: tuple[str, ...]) -> None:
    inbox = office / "inbox"
    pieces = letter(2, tail="before")
    process = writer(inbox / "early.txt", "held", -1, pieces)  # the next piece on our word
    said(process, "wrote 0")
    watch = Watcher(office, "--delay", "0.5", *mode)
    watchers.append(watch)
    watch.until("watching")
    _log_says(office, "early.txt is still open for writing")
    assert (inbox / "early.txt").exists() and records(office) == {}
    assert process.stdin is not None
    process.stdin.write("go\n")
    process.stdin.flush()
    said(process, "closed")
    process.wait(WAIT)
    watch.until("ثبت شد")
    watch.stop()
    assert_whole(office, "early.txt", pieces)


def _unshare_works() -> bool:
    unshare = shutil.which("unshare")
    return bool(unshare) and subprocess.run(
        [unshare, "--pid", "--fork", "--mount-proc", "true"], capture_output=True).returncode == 0


def test_poll_a_file_changed_after_its_claim_goes_back_to_wait(
        office: Path, watchers: list[Watcher]) -> None:
    """A writer the watcher cannot see (as on a network share): the watcher runs in a pid
    namespace of its own, so `/proc` shows it none of ours. The test itself is the
    writer, and holds the registry's lock (shared, as any reader does) so that the
    watcher, having read the file, waits to commit its record: the writer writes again
    meanwhile, and the record must not be made from the bytes read before."""
    if not _unshare_works():
        pytest.skip("unshare --pid --mount-proc is not allowed here (needs root)")
    inbox = office / "inbox"
    watch = Watcher(office, "--poll", "0.2", "--delay", "0.5",
                    prefix=("unshare", "--pid", "--fork", "--mount-proc", "--kill-child"))
    watchers.append(watch)
    watch.until("watching")
    pieces = letter(2, tail="share")
    path = inbox / "share.txt"
    with (office / "registry" / "registry.lock").open("a+b") as lock, \
            path.open("w", encoding="utf-8") as stream:
        fcntl.flock(lock, fcntl.LOCK_SH)
        stream.write(pieces[0])
        stream.flush()
        deadline = time.monotonic() + WAIT
        while path.exists() or not list((inbox / "_working").glob("*/share.txt")):
            assert time.monotonic() < deadline, "the watcher never claimed the file"
            time.sleep(0.01)  # polling for the claim, a rename in another process
        stream.write(pieces[1])  # written after the claim, before the commit
        stream.flush()
        os.fsync(stream.fileno())
        fcntl.flock(lock, fcntl.LOCK_UN)
        waiting = watch.until("در انتظار")[-1]
        assert "share.txt" in waiting and "تغییر" in waiting
        watch.until("ثبت شد")
    out = watch.stop()
    assert "registered 1" in out, out
    assert_whole(office, "share.txt", pieces)
    assert set_aside(office) == []
