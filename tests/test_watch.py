"""The inbox watcher, run for real: a subprocess on a real office, files dropped the ways
clerks drop them, kill -9 at random moments. Nothing lost, nothing doubled."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from paayesh_docs.config import init_office, load_settings
from paayesh_docs.registry import Registry

LETTER = "شماره: {n}/ص\nتاریخ: ۱۴۰۵/۰۸/۱۰\nموضوع: نامه شماره {n} به کمیته پایش\nمتن نامه {n}.\n"


@pytest.fixture
def office(tmp_path: Path) -> Path:
    init_office(tmp_path / "office")
    return tmp_path / "office"


def drop(folder: Path, n: int, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"letter-{n:04d}.txt")
    path.write_text(LETTER.format(n=n), encoding="utf-8")
    return path


def watcher(office: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"}
    env.pop("PAAYESH_HOME", None)
    return subprocess.Popen([sys.executable, "-m", "paayesh_docs", "--home", str(office),
                             "watch", *args], stdout=subprocess.PIPE, text=True, env=env)


def run_once(office: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "paayesh_docs", "--home", str(office),
                           "watch", "--once"], capture_output=True, text=True, env=env,
                          timeout=300)


def leftovers(office: Path) -> list[Path]:
    inbox = office / "inbox"
    return [p for p in inbox.rglob("*") if p.is_file()
            and p.relative_to(inbox).parts[0] not in ("_duplicates", "_rejected")]


def test_once_registers_sets_aside_and_ignores(office: Path) -> None:
    inbox = office / "inbox"
    drop(inbox, 1)
    drop(inbox, 1, name="copy-of-letter.txt")  # same bytes
    (inbox / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (inbox / "~$letter.docx").write_bytes(b"lock")
    drop(inbox / "صادره", 2)
    drop(inbox / "minutes", 3)
    drop(inbox / "internal", 4)
    result = run_once(office)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in leftovers(office)) == ["~$letter.docx"]
    duplicates = list((inbox / "_duplicates").glob("*.reason.txt"))
    rejected = list((inbox / "_rejected").glob("*.reason.txt"))
    assert len(duplicates) == 1 and len(rejected) == 1
    assert "broken.docx" in rejected[0].name
    note = rejected[0].read_text("utf-8")
    assert "Word" in note and "خراب" in note  # Persian and English
    with Registry(load_settings(office)) as registry:
        records = {r["source"]["name"]: r for r in registry.all()}
    assert records["letter-0002.txt"]["direction"] == "outgoing"
    assert records["letter-0003.txt"]["kind"] == "minutes"
    assert records["letter-0004.txt"]["direction"] == "internal"
    assert len(records) == 4
    named = duplicates[0].read_text("utf-8").split("registered before as ")[-1].strip(" .\n")
    assert named in {r["registry_number"] for r in records.values()}


def test_live_watcher_slow_copies_renames_and_a_burst(office: Path) -> None:
    inbox = office / "inbox"
    process = watcher(office, "--delay", "0.5")
    try:
        assert "watching" in process.stdout.readline()
        slow = inbox / "slow.txt"
        with slow.open("w", encoding="utf-8") as stream:  # a slow copy, chunk by chunk
            for line in LETTER.format(n=9000).splitlines():
                stream.write(line + "\n")
                stream.flush()
                os.fsync(stream.fileno())
                subprocess.run(["sleep", "0.15"], check=True)  # the copier, not our sync
        partial = inbox / "renamed.txt.part"  # saved under a temporary name, then renamed
        partial.write_text(LETTER.format(n=9001), encoding="utf-8")
        partial.rename(inbox / "renamed.txt")
        for n in range(500):
            drop(inbox / "burst", n)
        lines = [process.stdout.readline() for _ in range(502)]
        assert sum("ثبت شد" in line for line in lines) == 502
    finally:
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=60)
    assert process.returncode == 0
    assert "registered 502" in out
    assert leftovers(office) == []
    with Registry(load_settings(office)) as registry:
        records = registry.all()
        assert len(records) == 502
        text = registry.text(next(r for r in records if r["source"]["name"] == "slow.txt"))
        assert "متن نامه 9000" in text.replace("۹۰۰۰", "9000")


def test_kill_9_while_files_keep_arriving(office: Path) -> None:
    inbox = office / "inbox"
    rng = random.Random(14050821)
    dropped: list[str] = []
    for round_number in range(50):
        process = watcher(office, "--delay", "0")
        for _ in range(rng.randrange(1, 6)):  # files keep arriving, a duplicate now and then
            n = len(dropped)
            name = f"r{round_number:02d}-{n:04d}.txt"
            drop(inbox, rng.randrange(n) if n and rng.random() < 0.2 else n, name=name)
            dropped.append(name)
        for _ in range(rng.randrange(0, 4)):  # let it handle a few, then kill it anywhere
            if not process.stdout.readline():
                break
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    result = run_once(office)  # the next start picks up what is left
    assert result.returncode == 0, result.stderr
    assert leftovers(office) == []
    assert not list((inbox / "_working").iterdir())
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
        assert registry.check()["ok"]
