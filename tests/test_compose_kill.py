"""kill -9 a real `paayesh compose` at random moments, most of them between registering a
letter and writing its outbox files: the next command (`check`, or another compose) writes
what is missing from the archive, says so, and every registered letter ends with its DOCX
and PDF in outbox/ while `check` stays clean."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from compose_samples import make_office, merge_letter, write
from conftest import ROOT, run_paayesh

from paayesh_docs.compose.flow import outbox_name
from paayesh_docs.config import load_settings
from paayesh_docs.registry import Registry


def _compose(office: Path, data: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "paayesh_docs", "--home", str(office), "compose", "letter",
         "--data", str(data), "--pdf"], cwd=ROOT, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)


def _wait_for_a_note(office: Path, process: subprocess.Popen[bytes]) -> bool:
    """Poll until a letter is in flight (its note is there) or the process has ended."""
    pending = office / "registry" / "compose-pending"
    while process.poll() is None:
        if pending.is_dir() and any(p.suffix == ".json" for p in pending.iterdir()):
            return True
        time.sleep(0.005)
    return False


def _composed_records(office: Path) -> list[dict]:
    with Registry(load_settings(office)) as registry:
        return [r for r in registry.all() if r["source"].get("composed")]


def _assert_every_letter_is_in_outbox(office: Path) -> None:
    for record in _composed_records(office):
        name = outbox_name(record["registry_number"])
        assert (office / "outbox" / f"{name}.docx").is_file(), name
        assert (office / "outbox" / f"{name}.pdf").is_file(), name
        assert [f["format"] for f in record.get("files") or []] == ["pdf"], name


def test_kill_9_while_composing_leaves_nothing_owed(tmp_path: Path) -> None:
    office = make_office(tmp_path / "office")
    data = write(tmp_path, "merge.toml", merge_letter(3))
    rng = random.Random(14050910)
    restored_by_check = 0
    for round_number in range(10):
        process = _compose(office, data)
        in_flight = _wait_for_a_note(office, process)
        if round_number % 3 == 2:  # now and then, any moment at all
            time.sleep(rng.uniform(0, 1.5))
        elif in_flight:  # the record is appended within milliseconds of the note
            time.sleep(rng.uniform(0.0, 0.3))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        if round_number % 2:
            continue  # left for the next compose to make good
        result = run_paayesh("--home", str(office), "check", "--json")
        assert result.returncode == 0, result.stdout + result.stderr
        report = json.loads(result.stdout)
        restored_by_check += bool(report["outbox_restored"])
        for path in report["outbox_restored"]:
            assert Path(path).is_file()
        _assert_every_letter_is_in_outbox(office)
    final = run_paayesh("--home", str(office), "compose", "letter", "--data", str(data),
                        "--pdf")
    assert final.returncode == 0, final.stderr
    assert "Traceback" not in final.stderr
    check = run_paayesh("--home", str(office), "check", "--json")
    assert json.loads(check.stdout)["ok"], check.stdout
    _assert_every_letter_is_in_outbox(office)
    assert not list((office / "registry" / "compose-pending").iterdir())
    print(f"check restored outbox files after {restored_by_check} of 5 checked rounds")
    assert restored_by_check > 0


def test_a_letter_whose_outbox_files_were_never_written_is_restored_and_reported(
        tmp_path: Path) -> None:
    """The window made certain: the process is stopped (SIGSTOP) as soon as its letter is
    registered, then killed; `check` writes both files and names them."""
    office = make_office(tmp_path / "office")
    data = write(tmp_path, "merge.toml", merge_letter(1))
    for _ in range(5):  # rendering the PDF takes long enough that the first try catches it
        seen = len(_composed_records(office))
        process = _compose(office, data)
        while process.poll() is None and len(_composed_records(office)) == seen:
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGSTOP)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        record = _composed_records(office)[-1]
        name = outbox_name(record["registry_number"])
        docx, pdf = office / "outbox" / f"{name}.docx", office / "outbox" / f"{name}.pdf"
        if not docx.exists():
            break
    assert not docx.exists() and not pdf.exists()
    result = run_paayesh("--home", str(office), "check")
    assert result.returncode == 0, result.stdout
    assert "restored to outbox" in result.stdout
    assert docx.is_file() and pdf.is_file()
    again = run_paayesh("--home", str(office), "check", "--json")
    assert json.loads(again.stdout)["outbox_restored"] == []  # said once, not every time
