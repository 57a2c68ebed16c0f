"""The inbox watcher, run for real: a subprocess on a real office, files dropped the ways
clerks drop them, kill -9 at random moments. Nothing lost, nothing doubled."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document

from paayesh_docs.config import load_settings
from paayesh_docs.office import init_office
from paayesh_docs.registry import Registry
from paayesh_docs.tracking import Tracker

LETTER = "شماره: {n}/ص\nتاریخ: ۱۴۰۵/۰۸/۱۰\nموضوع: نامه شماره {n} به کمیته پایش\nمتن نامه {n}.\n"
MINUTES = ("صورتجلسه شماره {n} کمیته پایش تجارت خارجی\nتاریخ جلسه: ۱۴۰۵/۰۸/۱۰\n"
           "مکان: سازمان صنعت، معدن و تجارت استان\nحاضرین: رئیس سازمان، رئیس گمرک استان\n"
           "دستور جلسه:\n۱- بررسی موانع صادرات\nمصوبات:\n۱- گمرک استان گزارش دهد. "
           "مسئول: گمرک استان. مهلت: ۱۴۰۵/۰۸/۲۰\n")


@pytest.fixture
def office(tmp_path: Path) -> Path:
    init_office(tmp_path / "office")
    return tmp_path / "office"


def drop(folder: Path, n: int, name: str | None = None, text: str = LETTER) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"letter-{n:04d}.txt")
    path.write_text(text.format(n=n), encoding="utf-8")
    return path


def drop_docx(folder: Path, n: int, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    document = Document()
    for line in LETTER.format(n=n).splitlines():
        document.add_paragraph(line)
    path = folder / (name or f"letter-{n:04d}.docx")
    document.save(path)
    return path


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("PAAYESH_HOME", None)
    return env


def watcher(office: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "paayesh_docs", "--home", str(office),
                             "watch", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=_env())


def run_once(office: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "paayesh_docs", "--home", str(office),
                           "watch", "--once", *args], capture_output=True, text=True,
                          env=_env(), timeout=300)


def lines_until(process: subprocess.Popen[str], wanted: str) -> Iterator[str]:
    """The watcher's lines up to and including the first that contains `wanted`."""
    assert process.stdout is not None
    for line in process.stdout:
        yield line
        if wanted in line:
            return
    raise AssertionError(f"the watcher ended before saying {wanted!r}")


def stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Traceback" not in err
    return out


def leftovers(office: Path) -> list[Path]:
    inbox = office / "inbox"
    return [p for p in inbox.rglob("*") if not p.is_dir()
            and p.relative_to(inbox).parts[0] not in ("_duplicates", "_rejected", "_registered")]


def records_by_name(office: Path) -> dict[str, dict]:
    with Registry(load_settings(office)) as registry:
        return {r["source"]["name"]: r for r in registry.all()}


def test_once_registers_sets_aside_and_ignores(office: Path) -> None:
    inbox = office / "inbox"
    drop(inbox, 1)
    drop(inbox, 1, name="copy-of-letter.txt")  # same bytes
    (inbox / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    for name in ("~$letter.docx", ".~lock.letter.docx#", "download.crdownload", "scan.tmp",
                 ".hidden.txt"):
        (inbox / name).write_bytes(b"lock")
    drop(inbox / "صادره", 2)
    drop(inbox / "minutes", 3, text=MINUTES)
    drop(inbox / "internal", 4)
    drop(inbox / "داخلي" / "صورت‌جلسه", 5, text=MINUTES)  # Arabic yeh, ZWNJ: same folders
    drop_docx(inbox / "scanner" / "2026", 6)  # a folder no hint names: incoming
    long_name = "نامه " * 26 + "آخر.txt"  # 247 bytes of UTF-8, near the limit of 255
    drop(inbox, 7, name=long_name)
    os.mkfifo(inbox / "pipe.txt")  # reading it would block forever
    result = run_once(office, "--delay", "0")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in leftovers(office)) == sorted(
        ["~$letter.docx", ".~lock.letter.docx#", "download.crdownload", "scan.tmp",
         ".hidden.txt"])
    duplicates = list((inbox / "_duplicates").glob("*.reason.txt"))
    rejected = sorted((inbox / "_rejected").glob("*.reason.txt"))
    assert len(duplicates) == 1  # of the two files with the same bytes, one is registered
    twin = {"letter-0001.txt", "copy-of-letter.txt"} - {duplicates[0].name[:-11]}
    assert [p.name for p in rejected] == ["broken.docx.reason.txt", "pipe.txt.reason.txt"]
    note = rejected[0].read_text("utf-8")
    assert "Word" in note and "خراب" in note  # Persian and English
    assert "۱۴۰۵/" in note  # the date a clerk reads is Jalali
    records = records_by_name(office)
    assert len(records) == 7
    assert records[twin.pop()]["direction"] == "incoming"
    assert records["letter-0002.txt"]["direction"] == "outgoing"
    assert records["letter-0003.txt"]["kind"] == "minutes"
    assert records["letter-0003.txt"]["meeting"]["resolutions"]
    assert records["letter-0004.txt"]["direction"] == "internal"
    assert (records["letter-0005.txt"]["direction"], records["letter-0005.txt"]["kind"]) == (
        "internal", "minutes")
    assert records["letter-0006.docx"]["direction"] == "incoming"
    assert records[long_name]["source"]["format"] == "txt"  # the clerk's name, whole
    note = duplicates[0].read_text("utf-8")  # names the number the twin was registered under
    assert "۱۴۰۵/و/۰۰۰۰۰۱" in note and "1405/و/000001" in note
    assert "ثبت شد" in result.stdout and "registered 7, duplicates 1, rejected 2" in result.stdout
    log = (office / "registry" / "logs" / "watch.log").read_text("utf-8")
    assert log.count("paayesh.watch registered 1405/") == 7


def test_hint_folders_come_from_config(office: Path) -> None:
    config = office / "paayesh.toml"
    config.write_text(config.read_text("utf-8").replace(
        'outgoing = ["outgoing", "صادره"]', 'outgoing = ["ارسالی"]'), "utf-8")
    drop(office / "inbox" / "ارسالی", 1)
    drop(office / "inbox" / "outgoing", 2)  # no longer a hint here
    assert run_once(office, "--delay", "0").returncode == 0
    records = records_by_name(office)
    assert records["letter-0001.txt"]["direction"] == "outgoing"
    assert records["letter-0002.txt"]["direction"] == "incoming"


def test_live_watcher_slow_copies_renames_and_a_burst(office: Path) -> None:
    inbox = office / "inbox"
    (inbox / "~$open-in-word.docx").write_bytes(b"lock")
    process = watcher(office, "--delay", "0.5")
    try:
        assert "watching" in next(lines_until(process, "watching"))
        slow = inbox / "slow.txt"
        with slow.open("w", encoding="utf-8") as stream:  # a slow copy, chunk by chunk
            for line in LETTER.format(n=9000).splitlines():
                stream.write(line + "\n")
                stream.flush()
                os.fsync(stream.fileno())
                subprocess.run(["sleep", "0.3"], check=True)  # the copier, not our sync
        partial = inbox / "renamed.docx.part"  # saved under a temporary name, then renamed
        drop_docx(inbox, 9001, name=partial.name)
        partial.rename(inbox / "renamed.docx")
        for n in range(500):
            drop(inbox / "burst", n)
        lines = []
        while sum("ثبت شد" in line for line in lines) < 502:
            lines += list(lines_until(process, "ثبت شد"))
    finally:
        out = stop(process)
    assert not any(status in "".join(lines) for status in ("رد شد", "تکراری"))
    assert "registered 502" in out
    assert [p.name for p in leftovers(office)] == ["~$open-in-word.docx"]
    with Registry(load_settings(office)) as registry:
        records = registry.all()
        assert len(records) == 502
        text = registry.text(next(r for r in records if r["source"]["name"] == "slow.txt"))
        assert "۹۰۰۰" in text and "متن نامه" in text  # the whole file, not its first lines
        # what is derived from the records was kept current by the watcher's follower:
        registry.refresh()
        assert registry.index.state()["rev"] == registry.max_rev  # before a search syncs it
        tracker = Tracker(registry, answers=False)  # opened, not synced
        assert tracker.done == registry.max_rev
        tracker.close()
        assert registry.search("نامه شماره ۹۰۰۱").hits[0]["file"] == "renamed.docx"


def test_a_second_watcher_is_refused(office: Path) -> None:
    first = watcher(office, "--delay", "0")
    try:
        next(lines_until(first, "watching"))
        second = run_once(office)
        assert second.returncode == 2
        assert f"process {first.pid}" in second.stderr and "ناظر دیگری" in second.stderr
        assert "Traceback" not in second.stderr
    finally:
        stop(first)


def _immutable(path: Path, on: bool) -> bool:
    chattr = shutil.which("chattr")
    if not chattr:
        return False
    return subprocess.run([chattr, "+i" if on else "-i", str(path)],
                          capture_output=True).returncode == 0


@pytest.fixture
def locked_letter(office: Path) -> Iterator[Path]:
    """A letter in the inbox that cannot be renamed, even by root (chattr +i): a file
    someone else holds."""
    locked = drop(office / "inbox", 1)
    if not _immutable(locked, True):
        pytest.skip("chattr +i is not available here (needs root on ext4 or similar)")
    yield locked
    _immutable(locked, False)


def test_a_locked_file_is_tried_again_then_taken(office: Path, locked_letter: Path) -> None:
    process = watcher(office, "--delay", "0")
    try:
        waiting = list(lines_until(process, "در انتظار"))
        assert "letter-0001.txt" in waiting[-1] and "دوباره تلاش" in waiting[-1]
        _immutable(locked_letter, False)
        done = list(lines_until(process, "ثبت شد"))
        assert "letter-0001.txt" in done[-1]
    finally:
        _immutable(locked_letter, False)
        out = stop(process)
    assert "registered 1" in out
    assert "letter-0001.txt" in records_by_name(office)


def test_a_file_that_stays_locked_stays_where_it_is(office: Path, locked_letter: Path) -> None:
    config = office / "paayesh.toml"
    config.write_text(config.read_text("utf-8").replace("retries = 8", "retries = 1"), "utf-8")
    process = watcher(office, "--delay", "0")
    try:
        stuck = list(lines_until(process, "مانده"))
        assert "letter-0001.txt" in stuck[-1]
    finally:
        _immutable(locked_letter, False)
        stop(process)
    assert locked_letter.exists()  # never lost: the clerk still has it
    log = (office / "registry" / "logs" / "watch.log").read_text("utf-8")
    assert "cannot be moved" in log


def test_kill_9_while_files_keep_arriving(office: Path) -> None:
    inbox = office / "inbox"
    rng = random.Random(14050821)
    dropped: list[str] = []
    interrupted = 0  # rounds killed with a file claimed and not finished
    for round_number in range(50):
        process = watcher(office, "--delay", "0")
        for _ in range(rng.randrange(1, 6)):  # files keep arriving, a duplicate now and then
            n = len(dropped)
            same = rng.randrange(n) if n and rng.random() < 0.2 else n
            folder = inbox / rng.choice(["", "outgoing", "minutes"])
            name = f"r{round_number:02d}-{n:04d}"
            if rng.random() < 0.5:
                drop_docx(folder, same, name=f"{name}.docx")
                dropped.append(f"{name}.docx")
            else:
                drop(folder, same, name=f"{name}.txt")
                dropped.append(f"{name}.txt")
        assert process.stdout is not None
        process.stdout.readline()  # started; now kill it at a random moment: claiming,
        time.sleep(rng.uniform(0, 0.15))  # registering, setting aside, or idle
        os.kill(process.pid, signal.SIGKILL)
        process.communicate()
        interrupted += any((inbox / "_working").iterdir())
    print(f"killed with a claimed file in hand: {interrupted} of 50 rounds")
    result = run_once(office, "--delay", "0")  # the next start picks up what is left
    assert result.returncode == 0, result.stderr
    assert leftovers(office) == []
    with Registry(load_settings(office)) as registry:
        records = registry.all()
        names = [r["source"]["name"] for r in records]
        shas = [r["source"]["sha256"] for r in records]
        assert len(set(shas)) == len(shas), "the same bytes registered twice"
        set_aside = {p.name for p in (inbox / "_duplicates").iterdir()
                     if not p.name.endswith(".reason.txt")}
        for name in dropped:  # every file: registered once, or aside with its note
            assert names.count(name) + (name in set_aside) == 1, name
        for name in set_aside:
            assert (inbox / "_duplicates" / f"{name}.reason.txt").exists()
        assert not list((inbox / "_rejected").iterdir())
        report = registry.check()  # no record points at a missing original
        assert report["ok"], report["problems"]
        assert report["index_missing"] == 0
