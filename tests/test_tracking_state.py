"""The tracking state is shared by the watcher (which only keeps it current) and the
commands (which answer from it): whichever of them wrote it last, the other reads it.

Before, each wrote its own kind of summary into the state's table of contents: after the
watcher had registered anything, every tracking command died with `AttributeError: 'int'
object has no attribute 'items'`, and a watcher started after a command printed a
`TypeError` traceback. Both orders are tried here through the real commands."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_paayesh

from paayesh_docs.config import load_settings
from paayesh_docs.office import init_office
from paayesh_docs.registry import Registry
from paayesh_docs.registry.journal import JournalStorage
from paayesh_docs.tracking import Tracker
from paayesh_docs.tracking.tracker import FOLDER

WORKING_GROUP = "کارگروه توسعه صادرات استان سیستان و بلوچستان"


def _escalation(number: str, day: str) -> str:
    return "\n".join([
        "بسمه تعالی", "سازمان صنعت، معدن و تجارت استان سیستان و بلوچستان",
        f"شماره: {number}", f"تاریخ: {day}", "پیوست: ندارد",
        "جناب آقای مهندس حسین نوری", f"دبیر محترم {WORKING_GROUP}",
        f"موضوع: موانع صادرات خرما {number}", "با سلام و احترام",
        "صادرات خرما از بازارچه مرزی میرجاوه متوقف شده است. خواهشمند است موضوع در دستور کار "
        "کارگروه قرار گیرد.",
        "محمد احمدی", "رئیس سازمان صنعت، معدن و تجارت استان سیستان و بلوچستان",
        "رونوشت:", "- دبیرخانه شورای عالی توسعه صادرات غیرنفتی جهت استحضار", ""])


def _drop(home: Path, name: str, number: str, day: str) -> None:
    folder = home / "inbox" / "outgoing"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(_escalation(number, day), encoding="utf-8")


def _ok(home: Path, *args: str) -> str:
    result = run_paayesh("--home", str(home), *args)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, (args, result.stdout, result.stderr)
    return result.stdout


def _every_tracking_command(home: Path) -> list[str]:
    """Runs them all; returns the escalations' letter numbers."""
    escalations = json.loads(_ok(home, "escalations", "--on", "1405/09/02", "--json"))
    _ok(home, "due", "--on", "1405/09/02", "--json")
    _ok(home, "meetings", "--json")
    for row in escalations["escalations"]:
        _ok(home, "thread", row["registry_number"], "--json")
    _ok(home, "tracking", "rebuild")
    again = json.loads(_ok(home, "escalations", "--on", "1405/09/02", "--json"))
    assert again == escalations
    return sorted(row["number"] for row in escalations["escalations"])


def test_commands_after_the_watcher(tmp_path: Path) -> None:
    home = tmp_path / "office"
    _ok(tmp_path, "init", str(home))
    _drop(home, "e1.txt", "۳۱۰۱/ص", "۱۴۰۵/۰۷/۰۳")
    _ok(home, "watch", "--once", "--delay", "0")
    assert _every_tracking_command(home) == ["۳۱۰۱/ص"]
    # and the watcher again after the commands, then the commands again
    _drop(home, "e2.txt", "۳۱۰۲/ص", "۱۴۰۵/۰۷/۰۶")
    _ok(home, "watch", "--once", "--delay", "0")
    assert _every_tracking_command(home) == ["۳۱۰۱/ص", "۳۱۰۲/ص"]


def test_watcher_after_the_commands(tmp_path: Path) -> None:
    home = tmp_path / "office"
    _ok(tmp_path, "init", str(home))
    assert _every_tracking_command(home) == []  # the state made by a command, on no records
    _drop(home, "e1.txt", "۳۱۰۱/ص", "۱۴۰۵/۰۷/۰۳")
    _ok(home, "ingest", "--direction", "outgoing", str(home / "inbox" / "outgoing" / "e1.txt"))
    assert _every_tracking_command(home) == ["۳۱۰۱/ص"]  # and now on a record
    (home / "inbox" / "outgoing" / "e1.txt").unlink()
    _drop(home, "e2.txt", "۳۱۰۲/ص", "۱۴۰۵/۰۷/۰۶")
    _ok(home, "watch", "--once", "--delay", "0")
    _drop(home, "e3.txt", "۳۱۰۳/ص", "۱۴۰۵/۰۷/۰۷")
    _ok(home, "watch", "--once", "--delay", "0")
    assert _every_tracking_command(home) == ["۳۱۰۱/ص", "۳۱۰۲/ص", "۳۱۰۳/ص"]


def test_a_state_written_by_an_earlier_watcher_is_rebuilt(tmp_path: Path) -> None:
    """An earlier version's watcher wrote revision numbers where facts belong: the state
    is made again from the records instead of answering from (or dying on) it."""
    home = tmp_path / "office"
    init_office(home)
    _drop(home, "e1.txt", "۳۱۰۱/ص", "۱۴۰۵/۰۷/۰۳")
    _ok(home, "watch", "--once", "--delay", "0")
    with Registry(load_settings(home)) as registry:
        folder = registry.folder / FOLDER
    earlier = JournalStorage(folder, summarize=lambda table, doc: 7 if table != "meta"
                             else doc.get("fingerprint"))
    earlier.write({"blocks": {"1": {"1": [7]}}, "meta": {"1": {"fingerprint": "old"}}})
    earlier.close()
    with Registry(load_settings(home)) as registry:
        tracker = Tracker(registry)
        try:
            tracker.sync()
            assert [e.level for e in tracker.escalations(on="1405-09-02")] == [1]
        finally:
            tracker.close()


def test_a_state_of_the_previous_facts_loads_and_is_rebuilt(tmp_path: Path) -> None:
    """Facts written before `void` and `party` (FACTS_VERSION 4: sixteen fields) still
    load, and the next sync makes them again with the counterpart the report counts; a
    voided letter counts nowhere in the report, read from the facts alone."""
    from paayesh_docs.tracking.facts import Fact, from_doc

    home = tmp_path / "office"
    init_office(home)
    _drop(home, "e1.txt", "۳۱۰۱/ص", "۱۴۰۵/۰۷/۰۳")
    _drop(home, "e2.txt", "۳۱۰۲/ص", "۱۴۰۵/۰۷/۰۴")
    _ok(home, "watch", "--once", "--delay", "0")
    with Registry(load_settings(home)) as registry:
        folder = registry.folder / FOLDER
        tracker = Tracker(registry)
        try:
            tracker.sync()
            made = {str(i): list(fact) for i, fact in tracker.facts.items()}
            party = tracker.facts[1].party
            recipients = registry.get(1)["recipients"]
        finally:
            tracker.close()
    assert party == next(r for r in recipients if r) and len(made["1"]) == len(Fact._fields)
    earlier = JournalStorage(folder, summarize=lambda table, doc: doc if table != "meta"
                             else doc.get("fingerprint"))
    earlier.write({"blocks": {"1": {i: doc[:16] for i, doc in made.items()}},
                   "meta": {"1": {"fingerprint": "old"}}})
    earlier.close()
    assert from_doc(made["1"][:16]).party is None  # read with the defaults
    assert from_doc([*made["1"], "a later field"]) == from_doc(made["1"])
    with Registry(load_settings(home)) as registry:
        tracker = Tracker(registry)
        try:
            assert tracker.facts[1].party is None  # loaded as written
            tracker.sync()
            assert tracker.facts[1].party == party and not tracker.facts[1].void
        finally:
            tracker.close()
    _ok(home, "void", "2", "--reason", "ثبت تکراری")
    figures = json.loads(_ok(home, "report", "period", "1405-07", "--on", "1405-07-30",
                             "--json"))
    assert figures["letters"]["outgoing"] == figures["letters"]["total"] == 1
    assert sum(row["count"] for row in figures["letters"]["by_body"]["outgoing"]) == 1


def test_a_follower_opens_the_state_without_making_its_facts(tmp_path: Path) -> None:
    """The watcher's follower keeps only how far the state has come. It used to read the
    state's table of contents whole, making every record's facts only to drop them: at
    100,000 records 100 MB that the process then kept. Now it never makes them, and a
    command opening the same state still gets every fact."""
    import gc
    import tracemalloc

    home = tmp_path / "office"
    init_office(home)
    with Registry(load_settings(home)) as registry:
        records = {}
        for seq in range(1, 3001):
            sha = f"{seq:064x}"
            text = registry.archive.text_path(sha)
            text.parent.mkdir(parents=True, exist_ok=True)
            text.write_text(f"موضوع: پیگیری مصوبات جلسه {seq}", "utf-8")
            records[str(seq)] = {
                "kind": "letter", "number": f"{seq}/ص/12", "date": "1405-07-03",
                "subject": f"پیگیری مصوبات جلسه {seq}", "sender": "گمرک استان",
                "recipients": ["اتاق بازرگانی استان"], "copies": [], "references": [],
                "direction": "incoming", "registry_number": f"1405-{seq}",
                "source": {"name": f"{seq}.txt", "sha256": sha, "size": 10, "format": "txt"},
                "registered_at": "2026-11-22T10:00:00+03:30",
                "registered_date": "1405-09-01", "year": 1405, "status": "registered",
                "links": [], "seq": seq, "rev": seq}
        registry.storage.write({"records": records})
    with Registry(load_settings(home)) as registry:
        Tracker(registry).rebuild()  # and the rules' word lists are loaded, before measuring

        def opened(answers: bool) -> tuple[Tracker, int]:
            gc.collect()
            tracemalloc.start()
            try:
                tracker = Tracker(registry, answers=answers)
                return tracker, tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()

        follower, following = opened(answers=False)
        answering, answered = opened(answers=True)
        try:
            assert follower.done == answering.done == 3000
            assert len(answering.facts) == 3000
            assert following * 3 < answered, (following, answered)
        finally:
            follower.close()
            answering.close()
