"""Faults and hostile input tried from outside: each ends in a clear reason or a clean recovery.

- texts that made field extraction quadratic (200,000 «عطف به …», a million labels on
  one line) are read by the real `paayesh extract` before a generous kill;
- a file's reading is bounded: over `[watch] read_seconds` it is set aside with that
  reason; SIGTERM during a long read stops the watcher and leaves the file claimed;
  a file that was being read at each of three kill -9s is set aside on the next start;
- a UTF-8 letter with a bad byte is read as UTF-8 and the record says so;
- settings that cannot work are refused naming the key and the file;
- `check` finds a registry number held twice;
- on a read-only registry (a read-only bind mount) the read commands answer and the
  write commands say why they cannot, without a traceback; with the disk full (a tiny
  tmpfs) `search` and `check` still answer.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run_paayesh
from stress_texts import STRESS_TEXTS, write_all

from paayesh_docs.config import load_settings
from paayesh_docs.office import init_office
from paayesh_docs.registry import Registry

LETTER = ("شماره: {n}/ص\nتاریخ: ۱۴۰۵/۰۸/۱۰\nموضوع: گزارش شماره {n} به کمیته پایش\n"
          "با سلام\nمتن نامه {n} درباره موانع صادرات.\nمحمد احمدی\nرئیس سازمان\n")
RUNAWAY = 300  # seconds: a linear reader takes a few; the quadratic one took hours


@pytest.fixture
def office(tmp_path: Path) -> Path:
    init_office(tmp_path / "office")
    return tmp_path / "office"


def configure(office: Path, section: str, text: str) -> None:
    """Replace one section's keys in the office's paayesh.toml (others stay as `init` wrote)."""
    config = office / "paayesh.toml"
    lines = config.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"[{section}]")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
    config.write_text("\n".join([*lines[:start + 1], text, *lines[end:]]) + "\n",
                      encoding="utf-8")


def drop(folder: Path, n: int, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"letter-{n}.txt")
    path.write_text(LETTER.format(n=n), encoding="utf-8")
    return path


def paayesh(office: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_paayesh("--home", str(office), *args)


def no_traceback(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr + done.stdout, done.stderr[-3000:]


# -- field extraction stays linear ---------------------------------------------------


@pytest.fixture(scope="module")
def stress_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_all(tmp_path_factory.mktemp("stress"),
                     ["references", "references_one_line", "minutes_head",
                      "number_labels_one_line"])


@pytest.mark.parametrize("name", ["references", "references_one_line", "minutes_head",
                                  "number_labels_one_line"])
def test_hostile_texts_are_read_before_a_generous_kill(stress_files: dict[str, Path],
                                                       name: str) -> None:
    assert name in STRESS_TEXTS
    try:
        done = subprocess.run([sys.executable, "-m", "paayesh_docs", "extract", "--json",
                               "--no-text", str(stress_files[name])], capture_output=True,
                              text=True, timeout=RUNAWAY)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: field extraction still running after {RUNAWAY} s (quadratic?)")
    no_traceback(done)
    result = json.loads(done.stdout)
    assert result["status"] == "ok", result["reason"]
    if name.startswith("references"):
        assert result["number"] == "۱۲۳۴/ص/۱۴۰۵"  # the letter's own, not a reference's
        assert result["references"][0] == {"relation": "reply_to", "number": "۱۲۳/ص/۴۵",
                                           "date": "1405-01-01"}


# -- bounded reading in the watcher ---------------------------------------------------


def watcher(office: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("PAAYESH_HOME", None)
    return subprocess.Popen([sys.executable, "-m", "paayesh_docs", "--home", str(office),
                             "watch", "--delay", "0", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def reason_of(office: Path, name: str) -> str:
    return (office / "inbox" / "_rejected" / f"{name}.reason.txt").read_text(encoding="utf-8")


def test_a_file_over_its_read_time_is_set_aside_and_the_others_registered(
        office: Path) -> None:
    configure(office, "watch", "read_seconds = 1.0")
    slow = office / "inbox" / "huge.txt"
    slow.write_text(STRESS_TEXTS["long_line"](), encoding="utf-8")
    drop(office / "inbox", 1)
    done = run_paayesh("--home", str(office), "watch", "--once", "--delay", "0")
    no_traceback(done)
    reason = reason_of(office, "huge.txt")
    assert "too_slow" in reason and "ثانیه" in reason and "longer than 1 s" in reason
    with Registry(load_settings(office)) as registry:
        assert [r["source"]["name"] for r in registry.all()] == ["letter-1.txt"]


@pytest.fixture
def slow_letter(office: Path) -> Path:
    """A letter that takes this reader many seconds (the most text a file may have)."""
    configure(office, "watch", "read_seconds = 600.0")
    path = office / "slow.txt"
    path.write_text(STRESS_TEXTS["references"]() * 2, encoding="utf-8")
    return path


def wait_for(condition: object, what: str, process: subprocess.Popen[str] | None = None,
             seconds: float = 120) -> None:
    """Poll `condition()` (no sleeping instead of synchronising: a bounded poll)."""
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the watcher ended before {what}: {process.stderr.read()}")
        if time.monotonic() > deadline:
            raise AssertionError(f"never {what}")
        time.sleep(0.05)


def reading_marks(office: Path) -> list[Path]:
    folder = office / "registry" / "reading"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def marked(office: Path, path: Path) -> str | None:
    """How many reads of `path` a process started (its mark, while it is being read)."""
    mark = office / "registry" / "reading" / _sha256(path)
    try:
        return mark.read_text()
    except FileNotFoundError:
        return None


@functools.cache
def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def claimed(office: Path) -> list[Path]:
    return [p for p in (office / "inbox" / "_working").rglob("*") if p.is_file()]


def test_sigterm_during_a_long_read_stops_the_watcher_and_keeps_the_file(
        office: Path, slow_letter: Path) -> None:
    process = watcher(office)
    try:
        shutil.copy(slow_letter, office / "inbox" / "slow.txt")
        wait_for(lambda: reading_marks(office), "started reading", process)
        process.send_signal(signal.SIGTERM)
        try:
            _, err = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail("the watcher went on reading after SIGTERM")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert [p.name for p in claimed(office)] == ["slow.txt"]  # waits for the next start
    assert not (office / "inbox" / "_rejected").exists() or not any(
        (office / "inbox" / "_rejected").iterdir())
    assert not reading_marks(office)  # a clerk's stop is not counted against the file


def test_a_file_that_was_being_read_at_three_kills_is_set_aside(office: Path,
                                                                slow_letter: Path) -> None:
    shutil.copy(slow_letter, office / "inbox" / "slow.txt")
    drop(office / "inbox", 1)
    for attempt in range(1, 4):
        process = watcher(office)
        wait_for(lambda n=attempt: marked(office, slow_letter) == str(n),
                 f"read attempt {attempt}", process)
        process.kill()  # kill -9: its reading child dies with it
        process.wait()
    process = watcher(office)
    try:
        wait_for(lambda: (office / "inbox" / "_rejected" / "slow.txt").exists(),
                 "set the file aside", process)
        wait_for(lambda: not claimed(office), "registered the letter", process)
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=60)
    assert "Traceback" not in err
    reason = reason_of(office, "slow.txt")
    assert "crashed_reader" in reason and "3 times" in reason
    with Registry(load_settings(office)) as registry:
        assert [r["source"]["name"] for r in registry.all()] == ["letter-1.txt"]
    assert not reading_marks(office)


# -- text decoding ---------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["one_bad_byte", "cut_one_byte_short"])
def test_utf8_with_a_bad_byte_is_read_as_utf8_and_the_record_says_so(office: Path,
                                                                     damage: str) -> None:
    data = LETTER.format(n=7).encode("utf-8")
    data = data[:30] + b"\xff" + data[30:] if damage == "one_bad_byte" else data[:-2]
    (office / "inbox" / "damaged.txt").write_bytes(data)
    done = paayesh(office, "ingest", "--json", str(office / "inbox" / "damaged.txt"))
    no_traceback(done)
    assert json.loads(done.stdout)["status"] == "registered"
    record = json.loads(paayesh(office, "show", "--json", "1").stdout)
    assert record["subject"] == "گزارش شماره ۷ به کمیته پایش"  # not Windows-1256 mojibake
    assert [w["code"] for w in record["warnings"]] == ["bad_bytes"]
    assert "UTF-8" in record["warnings"][0]["en"] and "بایت" in record["warnings"][0]["fa"]


def test_clean_utf8_has_no_warning(office: Path) -> None:
    path = drop(office / "inbox", 8)
    done = run_paayesh("extract", "--json", str(path))
    assert json.loads(done.stdout)["warnings"] == []


# -- settings checked when read ---------------------------------------------------------


@pytest.mark.parametrize(("section", "text", "words"), [
    ("numbering", 'format = "{nope}"', ("[numbering] format", "nope")),
    ("numbering", 'format = "{year}"', ("[numbering] format", "{seq}")),
    ("numbering", 'format = "{year}/{seq}"', ("[numbering] format", "{code}")),
    ("calendar", 'holidays = ["not a date"]', ("[calendar] holidays", "not a date")),
    ("calendar", 'weekend = ["funday"]', ("[calendar] weekend", "funday")),
])
def test_settings_that_cannot_work_are_refused_naming_key_and_file(
        office: Path, section: str, text: str, words: tuple[str, ...]) -> None:
    configure(office, section, text)
    drop(office / "inbox", 1)
    for command in (["watch", "--once"], ["search", "x"], ["due"]):
        done = paayesh(office, *command)
        no_traceback(done)
        assert done.returncode == 2, (command, done.stdout, done.stderr)
        assert str(office / "paayesh.toml") in done.stderr
        for word in words:
            assert word in done.stderr, done.stderr
    assert not (office / "registry" / "reading").exists()


def test_an_inbox_that_is_a_file_is_refused_by_name(office: Path) -> None:
    shutil.rmtree(office / "inbox")
    (office / "inbox").write_text("not a folder")
    done = paayesh(office, "watch", "--once")
    no_traceback(done)
    assert done.returncode == 2
    assert "[folders] inbox" in done.stderr and "is a file" in done.stderr


def test_a_registry_that_cannot_be_created_is_refused_by_name(office: Path) -> None:
    shutil.rmtree(office / "registry")
    (office / "blocker").write_text("a file where a folder should be")
    configure(office, "folders", 'registry = "blocker/registry"')
    for command in (["search", "x"], ["ingest", str(drop(office, 1))]):
        done = paayesh(office, *command)
        no_traceback(done)
        assert done.returncode == 2, done.stderr
        assert "[folders] registry" in done.stderr and "cannot be created" in done.stderr
        assert str(office / "paayesh.toml") in done.stderr


def test_check_finds_a_registry_number_held_twice(office: Path) -> None:
    for n in (1, 2):
        assert paayesh(office, "ingest", str(drop(office / "inbox", n))).returncode == 0
    assert paayesh(office, "check").returncode == 0
    with Registry(load_settings(office)) as registry:
        first = registry.get(1)
        assert first is not None
        registry.update(2, registry_number=first["registry_number"])
    done = paayesh(office, "check", "--json")
    assert done.returncode == 1
    problems = json.loads(done.stdout)["problems"]
    assert any(first["registry_number"] in p and "2 records" in p for p in problems), problems


# -- a read-only registry, a full disk ---------------------------------------------------


def _mount(*args: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def _umount(path: Path) -> None:
    subprocess.run(["umount", str(path)], capture_output=True, check=False)


@pytest.fixture
def read_only_registry(office: Path) -> Iterator[Path]:
    """An office with two registered letters whose registry is then a read-only bind mount
    of itself (EROFS for every write, root included); the second letter is not indexed."""
    assert paayesh(office, "ingest", str(drop(office / "inbox", 1))).returncode == 0
    with Registry(load_settings(office)) as registry:
        registry.register(drop(office / "inbox", 2), index=False)
    registry_folder = office / "registry"
    if not _mount("--bind", "-o", "ro", str(registry_folder), str(registry_folder)):
        pytest.skip("a read-only bind mount needs root and mount(8)")
    yield registry_folder
    _umount(registry_folder)


def test_read_commands_work_on_a_read_only_registry(office: Path,
                                                    read_only_registry: Path) -> None:
    found = paayesh(office, "search", "--json", "کمیته")
    no_traceback(found)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["total"] == 1  # the index as it was: not caught up
    assert "not writable" in found.stderr and "نمایه" in found.stderr
    shown = paayesh(office, "show", "--json", "2")
    no_traceback(shown)
    assert json.loads(shown.stdout)["subject"] == "گزارش شماره ۲ به کمیته پایش"
    checked = paayesh(office, "check", "--json")
    no_traceback(checked)
    assert json.loads(checked.stdout)["records"] == 2
    assert "not writable" in checked.stderr


def test_write_commands_on_a_read_only_registry_say_so(office: Path,
                                                       read_only_registry: Path) -> None:
    for command in (["ingest", str(drop(office / "inbox", 3))], ["reindex"]):
        done = paayesh(office, *command)
        no_traceback(done)
        assert done.returncode == 2, (command, done.stderr)
        assert "registry is not writable" in done.stderr
        assert "در پوشه ثبت نمی‌توان نوشت" in done.stderr


@pytest.fixture
def full_disk_registry(office: Path) -> Iterator[Path]:
    """The registry on a 4 MB tmpfs, filled to the last byte after two letters (one not
    indexed, so that a search must try to write)."""
    registry_folder = office / "registry"
    saved = office / "registry.saved"
    shutil.move(registry_folder, saved)
    registry_folder.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=4m", "tmpfs", str(registry_folder)):
        shutil.rmtree(registry_folder)
        shutil.move(saved, registry_folder)
        pytest.skip("a tmpfs mount needs root and mount(8)")
    try:
        shutil.copytree(saved, registry_folder, dirs_exist_ok=True)
        assert paayesh(office, "ingest", str(drop(office / "inbox", 1))).returncode == 0
        with Registry(load_settings(office)) as registry:
            registry.register(drop(office / "inbox", 2), index=False)
        with (registry_folder / "filler").open("wb") as filler:
            try:
                while True:
                    filler.write(b"\0" * 65536)
                    filler.flush()
            except OSError:
                pass
        yield registry_folder
    finally:
        _umount(registry_folder)


def test_search_and_check_answer_with_the_disk_full(office: Path,
                                                    full_disk_registry: Path) -> None:
    found = paayesh(office, "search", "--json", "کمیته")
    no_traceback(found)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["total"] >= 1
    checked = paayesh(office, "check", "--json")
    no_traceback(checked)
    assert json.loads(checked.stdout)["records"] == 2
    ingested = paayesh(office, "ingest", str(drop(office / "inbox", 3)))
    no_traceback(ingested)
    assert ingested.returncode == 2 and "disk is full" in ingested.stderr, ingested.stderr
