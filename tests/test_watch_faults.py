"""The watcher against hostile input and faults of its own storage, run for real: links
out of the inbox, its own folders replaced by links, names that would forge log lines,
a read-only registry, a full disk, temporaries left by killed writers. Each ends in a
clear reason or a clean recovery, with nothing lost."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from test_watch import drop, leftovers, records_by_name, run_once
from test_watch_writers import WAIT, Watcher, watchers  # noqa: F401 (a fixture)

from paayesh_docs.office import init_office


@pytest.fixture
def office(tmp_path: Path) -> Path:
    init_office(tmp_path / "office")
    return tmp_path / "office"


def paayesh(office: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("PAAYESH_HOME", None)
    return subprocess.run([sys.executable, "-m", "paayesh_docs", "--home", str(office), *args],
                          capture_output=True, text=True, env=env, timeout=WAIT)


def test_links_are_taken_only_when_they_lead_inside_the_inbox(office: Path,
                                                              tmp_path: Path) -> None:
    inbox = office / "inbox"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("root:x:0:0:رمز سرور\n", encoding="utf-8")
    drop(inbox, 1, name="real.txt")
    drop(inbox / "scans", 2)
    hostile = {"shadow.txt": "/etc/shadow", "status.txt": "/proc/self/status",
               "secret.txt": str(outside / "secret.txt"), "nowhere.txt": str(tmp_path / "no"),
               "folder": str(outside), "up.txt": "../../outside/secret.txt"}
    for name, target in hostile.items():
        os.symlink(target, inbox / name)
    os.symlink(str(outside), inbox / "scans" / "linked-folder")
    os.symlink("scans/letter-0002.txt", inbox / "alias.txt")  # stays inside: taken
    result = run_once(office, "--delay", "0")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    rejected = inbox / "_rejected"
    for name in [*hostile, "linked-folder"]:
        assert (rejected / name).is_symlink(), name  # set aside as it was, not followed
        reason = (rejected / f"{name}.reason.txt").read_text("utf-8")
        assert "پیوند نمادین" in reason and "symbolic link" in reason, name
    assert (outside / "secret.txt").exists()
    records = records_by_name(office)
    assert sorted(records) == ["letter-0002.txt", "real.txt"] or sorted(records) == [
        "alias.txt", "real.txt"]  # the alias is the same bytes as the file it leads to
    assert len(list((inbox / "_duplicates").glob("*.reason.txt"))) == 1
    search = paayesh(office, "search", "root")
    assert "secret" not in search.stdout and "root:x" not in search.stdout
    assert leftovers(office) == []


@pytest.mark.parametrize("own", ["_rejected", "_working", "_duplicates"])
def test_the_watchers_own_folders_must_be_real_folders(office: Path, tmp_path: Path,
                                                      own: str) -> None:
    inbox = office / "inbox"
    shutil.rmtree(inbox / own, ignore_errors=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, inbox / own)
    drop(inbox, 1)
    result = run_once(office, "--delay", "0")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert own in result.stderr and "پیوند" in result.stderr and "links" in result.stderr
    assert (inbox / "letter-0001.txt").exists() and not list(elsewhere.iterdir())
    (inbox / own).unlink()
    (inbox / own).write_text("not a folder")
    assert run_once(office, "--delay", "0").returncode == 2


def test_a_name_cannot_split_or_forge_a_log_line(office: Path) -> None:
    inbox = office / "inbox"
    forged = "2026-01-01 00:00:00,000 INFO paayesh.watch registered 1405-و-999999 forged"
    names = [f"evil\n{forged}.txt", "bell\x07\x1b[31mred.txt"]
    for n, name in enumerate(names):
        drop(inbox, n, name=name)
    os.symlink("/nowhere\nforged", inbox / "link\n.txt")
    result = run_once(office, "--delay", "0")
    assert result.returncode == 0, result.stderr
    log = (office / "registry" / "logs" / "watch.log").read_text("utf-8")
    assert not any(line.startswith("2026-01-01") for line in log.splitlines())
    assert "evil\\n2026-01-01" in log and "bell\\x07\\x1b[31mred.txt" in log
    assert "\x1b" not in result.stdout and "evil\\n" in result.stdout
    assert result.stdout.count("\n") == 4  # three files and the summary, a line each
    reason = next((inbox / "_rejected").glob("*.reason.txt")).read_text("utf-8")
    assert "link\\n.txt" in reason and "/nowhere\\nforged" in reason
    assert sorted(records_by_name(office)) == sorted(names)  # the clerk's names, whole


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_temporaries_left_by_killed_writers_are_removed(office: Path) -> None:
    folder = office / "registry" / "files" / "ab"
    folder.mkdir(parents=True)
    dead = folder / f".ab12.docx.{_dead_pid()}.tmp"
    alive = folder / f".ab34.docx.{os.getpid()}.tmp"  # a writer at work right now
    for temporary in (dead, alive):
        temporary.write_bytes(b"half a file")
    report = paayesh(office, "check", "--json")
    assert report.returncode == 0, report.stderr
    assert '"temporaries_removed": 1' in report.stdout
    assert not dead.exists() and alive.exists()
    dead = folder / f".ab56.docx.{_dead_pid()}.tmp"
    dead.write_bytes(b"half a file")
    assert run_once(office, "--delay", "0").returncode == 0  # the watcher's start too
    assert not dead.exists() and alive.exists()


def _chattr(on: bool, *paths: Path) -> bool:
    chattr = shutil.which("chattr")
    return bool(chattr) and subprocess.run(
        [chattr, "-R", "+i" if on else "-i", *map(str, paths)],
        capture_output=True).returncode == 0


@pytest.fixture
def frozen_registry(office: Path) -> Iterator[list[Path]]:
    """What registering writes (the journal, the archive), made immutable (chattr +i):
    root ignores permission bits, not this. Yields the paths; thawed at the end."""
    registry = office / "registry"
    for folder in ("files", "texts"):
        (registry / folder).mkdir(exist_ok=True)
    paths = [registry / "files", registry / "texts", *registry.glob("records.*.journal")]
    if not _chattr(False, *paths):
        pytest.skip("chattr is not available here (needs root on ext4 or similar)")
    yield paths
    _chattr(False, *paths)


def test_a_read_only_registry_is_never_the_files_fault(
        office: Path, frozen_registry: list[Path], watchers: list[Watcher]) -> None:  # noqa: F811
    """Files wait in the inbox (not `_rejected`), the fault is said once in Persian and
    English, and registering goes on once it clears; a file a killed watcher left in
    `_working` is tried again at its back-off time, not at the next rescan (60 s)."""
    inbox = office / "inbox"
    claimed = inbox / "_working" / "0123456789ab.outgoing"
    claimed.mkdir(parents=True)
    drop(claimed, 7)  # left claimed by a watcher killed before it registered it
    assert _chattr(True, *frozen_registry)
    watch = Watcher(office, "--delay", "0.2")
    watchers.append(watch)
    watch.until("registry not writable")
    drop(inbox, 1)
    drop(inbox / "internal", 2)
    _wait_for(lambda: any((inbox / "_working").glob("*/letter-0001.txt"))
              or (inbox / "letter-0001.txt").exists())
    assert not list((inbox / "_rejected").iterdir())
    assert _chattr(False, *frozen_registry)
    watch.until("ثبت شد", 3)
    out = watch.stop()
    assert out.count("registry not writable") == 1, out
    assert "پوشه ثبت" in out and "storage writable again" in out
    assert "registered 3" in out and "rejected 0" in out
    records = records_by_name(office)
    assert records["letter-0007.txt"]["direction"] == "outgoing"
    assert records["letter-0002.txt"]["direction"] == "internal"
    assert leftovers(office) == [] and not list((inbox / "_rejected").iterdir())
    assert paayesh(office, "check").returncode == 0


def _wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.05)  # polling what another process does to files


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """An office whose registry is on a 32 MB tmpfs of its own (needs root)."""
    office = tmp_path / "office"
    registry = office / "registry"
    registry.mkdir(parents=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs",
                              str(registry)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        init_office(office)
        yield office
    finally:
        subprocess.run(["umount", "-l", str(registry)], capture_output=True)


def test_a_full_disk_is_never_the_files_fault(small_disk: Path,
                                              watchers: list[Watcher]) -> None:  # noqa: F811
    office, inbox = small_disk, small_disk / "inbox"
    watch = Watcher(office, "--delay", "0.2")
    watchers.append(watch)
    watch.until("watching")
    drop(inbox, 1)
    watch.until("ثبت شد")
    filler = office / "registry" / "filler"
    with filler.open("wb", buffering=0) as stream:  # fill the registry's disk to the end
        try:
            while True:
                stream.write(b"\0" * 65536)
                stream.flush()
        except OSError:
            pass
    for n in (2, 3):
        drop(inbox, n)
    watch.until("disk full")
    _wait_for(lambda: (inbox / "letter-0002.txt").exists())
    assert not list((inbox / "_rejected").iterdir())
    filler.unlink()
    watch.until("ثبت شد", 3)
    out = watch.stop()
    assert out.count("disk full") == 1 and "دیسک پر است" in out, out
    assert "registered 3" in out and "rejected 0" in out
    assert sorted(records_by_name(office)) == [f"letter-000{n}.txt" for n in (1, 2, 3)]
    assert leftovers(office) == []
    check = paayesh(office, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert stat.S_ISDIR((office / "registry").stat().st_mode)
