"""The daily list beside the inbox (`inbox/_registered/<Jalali day>.txt`), through the real
`paayesh watch` and `paayesh ingest`: a line for each file registered, written by two
processes at once, and once only after kill -9."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from conftest import run_paayesh

from paayesh_docs.config import load_settings
from paayesh_docs.inbox.daily_list import note_registered
from paayesh_docs.office import init_office
from paayesh_docs.persian.digits import to_persian_digits
from paayesh_docs.registry import Registry

LETTER = ("شماره: {n}/ص\nتاریخ: ۱۴۰۵/۰۸/۱۰\nاز: اداره کل گمرک استان\n"
          "موضوع: نامه شماره {n} به کمیته پایش\nمتن نامه {n}.\n")
LINE = re.compile(r"^[۰-۹]{2}:[۰-۹]{2} \| (?P<number>\S+) \| (?P<name>[^\n|]+) \| "
                  r"موضوع: (?P<subject>[^|]+) \| فرستنده: (?P<sender>[^|]+)$")


def new_office(folder: Path) -> Path:
    init_office(folder)
    return folder


def drop(folder: Path, n: int, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"letter-{n:04d}.txt")
    path.write_text(LETTER.format(n=n), encoding="utf-8")
    return path


def records(office: Path) -> list[dict]:
    with Registry(load_settings(office)) as registry:
        return registry.all()


def listed(office: Path) -> dict[str, list[dict[str, str]]]:
    """Each day's list, its lines parsed; every line but the header must parse."""
    days = {}
    for path in sorted((office / "inbox" / "_registered").glob("*.txt")):
        header, *lines = path.read_text("utf-8").splitlines()
        assert header.startswith("فهرست فایل‌های ثبت‌شده در روز"), header
        parsed = [LINE.match(line) for line in lines]
        assert all(parsed), [line for line, m in zip(lines, parsed, strict=True) if not m]
        days[path.stem] = [m.groupdict() for m in parsed if m]
    return days


def paayesh_ok(*args: str) -> subprocess.CompletedProcess[str]:
    result = run_paayesh(*args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("PAAYESH_HOME", None)
    return env


def test_the_day_lists_each_registered_file_with_number_subject_and_sender(
        tmp_path: Path) -> None:
    office = new_office(tmp_path / "office")
    inbox = office / "inbox"
    drop(inbox, 1)
    drop(inbox / "صادره", 2)
    drop(inbox, 3, name="نامه\nدو خطی.txt")  # a newline in a name must not split a line
    drop(inbox, 1, name="zz-copy.txt")  # a duplicate (taken after it): not registered
    (inbox / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")  # rejected
    paayesh_ok("--home", str(office), "watch", "--once", "--delay", "0")
    outside = drop(tmp_path / "desk", 4)
    paayesh_ok("--home", str(office), "ingest", str(outside))

    kept = records(office)
    assert len(kept) == 4
    days = listed(office)
    assert set(days) == {r["registered_date"] for r in kept}  # named by the Jalali day
    assert all(re.fullmatch(r"1[34]\d\d-\d\d-\d\d", day) for day in days)
    lines = [line for day in days.values() for line in day]
    by_number = {line["number"]: line for line in lines}
    assert len(lines) == len(by_number) == 4
    for record in kept:
        line = by_number[to_persian_digits(record["registry_number"])]
        assert line["name"] == " ".join(record["source"]["name"].split())
        assert line["subject"] == to_persian_digits(record["subject"])
        assert line["sender"] == "اداره کل گمرک استان"
    assert {line["name"] for line in lines} == {
        "letter-0001.txt", "letter-0002.txt", "نامه دو خطی.txt", "letter-0004.txt"}

    again = run_paayesh("--home", str(office), "watch", "--once", "--delay", "0")
    assert again.returncode == 0 and len(records(office)) == 4  # the list is not a letter
    assert listed(office) == days


def test_two_writers_at_once_keep_every_line_whole(tmp_path: Path) -> None:
    """The watcher taking a burst from the inbox and two `paayesh ingest` runs, together."""
    office = new_office(tmp_path / "office")
    desks = [[drop(tmp_path / f"desk{k}", 100 * k + n) for n in range(15)] for k in (1, 2)]
    for n in range(30):
        drop(office / "inbox", n)
    processes = [subprocess.Popen([sys.executable, "-m", "paayesh_docs", "--home", str(office),
                                   *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True, env=_env())
                 for args in (["watch", "--once", "--delay", "0"],
                              ["ingest", *map(str, desks[0])], ["ingest", *map(str, desks[1])])]
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0 and "Traceback" not in err, err
    kept = records(office)
    assert len(kept) == 60
    lines = [line for day in listed(office).values() for line in day]
    assert sorted(line["number"] for line in lines) == sorted(
        to_persian_digits(r["registry_number"]) for r in kept)


def _leave_claimed(office: Path, n: int, listed_too: bool) -> str:
    """What a watcher killed after registering a claimed file leaves: the record made
    under its claim, the file still in `_working` (and, killed a moment later, its line
    in the day's list already)."""
    inbox = office / "inbox"
    claim = uuid.uuid4().hex[:12]
    working = drop(inbox / "_working" / f"{claim}.incoming", n)
    with Registry(load_settings(office)) as registry:
        result = registry.register(working, name=working.name, claim=claim, index=False)
    assert result.status == "registered" and result.record
    if listed_too:
        note_registered(inbox, [result.record])
    return to_persian_digits(result.registry_number or "")


def test_a_file_registered_before_a_crash_is_listed_once(tmp_path: Path) -> None:
    office = new_office(tmp_path / "office")
    not_yet = _leave_claimed(office, 1, listed_too=False)
    already = _leave_claimed(office, 2, listed_too=True)
    paayesh_ok("--home", str(office), "watch", "--once", "--delay", "0")
    assert not list((office / "inbox" / "_working").iterdir())
    numbers = [line["number"] for day in listed(office).values() for line in day]
    assert sorted(numbers) == sorted([not_yet, already])


def test_kill_9_while_files_arrive_lists_each_record_once(tmp_path: Path) -> None:
    office = new_office(tmp_path / "office")
    rng = random.Random(14050910)
    dropped = 0
    for _ in range(15):
        process = subprocess.Popen([sys.executable, "-m", "paayesh_docs", "--home", str(office),
                                    "watch", "--delay", "0"], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, env=_env())
        for _ in range(rng.randrange(2, 8)):
            drop(office / "inbox", dropped)
            dropped += 1
        assert process.stdout is not None
        process.stdout.readline()  # started; now kill it at a random moment
        time.sleep(rng.uniform(0, 0.3))
        os.kill(process.pid, signal.SIGKILL)
        process.communicate()
    paayesh_ok("--home", str(office), "watch", "--once", "--delay", "0")
    kept = records(office)
    assert len(kept) == dropped
    numbers = [line["number"] for day in listed(office).values() for line in day]
    assert sorted(numbers) == sorted(to_persian_digits(r["registry_number"]) for r in kept)


def test_show_json_and_the_list_agree_on_the_day(tmp_path: Path) -> None:
    office = new_office(tmp_path / "office")
    answer = json.loads(paayesh_ok("--home", str(office), "ingest",
                                   str(drop(tmp_path / "desk", 7)), "--json").stdout)
    record = json.loads(paayesh_ok("--home", str(office), "show", str(answer["id"]),
                                   "--json").stdout)
    path = office / "inbox" / "_registered" / f"{record['registered_date']}.txt"
    assert to_persian_digits(record["registry_number"]) in path.read_text("utf-8")
