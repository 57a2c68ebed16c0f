"""The registry: records survive kill -9, numbers stay gap-free across processes."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from paayesh_docs.config import load_settings
from paayesh_docs.office import init_office
from paayesh_docs.registry import Filters, Registry
from paayesh_docs.registry.journal import JournalStorage

WORKER = Path(__file__).with_name("registry_worker.py")

LETTER = """شماره: {n}/ص
تاریخ: ۱۴۰۵/۰۸/{d:02d}
موضوع: نامه آزمایشی شماره {n} درباره صادرات غیرنفتی
متن نامه {n} کمیته پایش تجارت خارجی استان.
"""


def make_letters(folder: Path, count: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = folder / f"letter-{n:05d}.txt"
        path.write_text(LETTER.format(n=n, d=n % 28 + 1), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def office(tmp_path: Path) -> Path:
    init_office(tmp_path / "office")
    return tmp_path / "office"


def test_register_numbers_duplicates_and_show(office: Path, tmp_path: Path) -> None:
    letters = make_letters(tmp_path / "in", 3)
    with Registry(load_settings(office)) as registry:
        first = [registry.register(p) for p in letters]
        assert [r.status for r in first] == ["registered"] * 3
        year = first[0].record["year"]
        assert [r.registry_number for r in first] == [f"{year}/و/{n:06d}" for n in (1, 2, 3)]
        again = registry.register(letters[1])
        assert again.status == "duplicate" and again.id == first[1].id
        assert first[1].registry_number.split("/")[-1].lstrip("0") in again.reason["en"]
        outgoing = make_letters(tmp_path / "out", 1, start=100)[0]
        sent = registry.register(outgoing, direction="outgoing")
        assert sent.registry_number == f"{year}/ص/000001"
        record = registry.get(first[0].id)
        assert record["number"] == "۰/ص" and record["date"] == "1405-08-01"
        assert record["source"]["name"] == "letter-00000.txt"
        original = registry.archive.original_path(record["source"]["sha256"], ".txt")
        assert original.read_bytes() == letters[0].read_bytes()
        assert not os.access(original, os.W_OK) or os.geteuid() == 0
        assert registry.find("۱۴۰۵/و/۰۰۰۰۰۲".replace("۱۴۰۵", str(year)))["id"] == first[1].id
        assert registry.check()["ok"]


def test_journal_survives_a_torn_last_line(office: Path, tmp_path: Path) -> None:
    letters = make_letters(tmp_path / "in", 2)
    with Registry(load_settings(office)) as registry:
        registry.register(letters[0])
    journal = next((office / "registry").glob("records.*.journal"))
    with journal.open("ab") as stream:
        stream.write(b'{"table": "records", "id": 2, "doc": {"half')
    with Registry(load_settings(office)) as registry:
        assert len(registry.all()) == 1
        assert registry.register(letters[1]).id == 2
    with Registry(load_settings(office)) as registry:
        assert [r["seq"] for r in sorted(registry.all(), key=lambda r: r["id"])] == [1, 2]


def test_compaction_keeps_everything_and_tinydb_reads_it(office: Path, tmp_path: Path) -> None:
    letters = make_letters(tmp_path / "in", 7)
    registry = Registry(load_settings(office))
    registry.storage.compact_every = 3
    for path in letters:
        registry.register(path, index=False)
    registry.close()
    snapshots = list((office / "registry").glob("snapshot.*.jsonl"))
    assert len(snapshots) == 1  # the older generation is gone
    lines = [json.loads(line) for line in snapshots[0].read_text("utf-8").splitlines()]
    assert len(lines) == 6 and all(entry["table"] == "records" for entry in lines)
    with Registry(load_settings(office)) as reopened:
        assert len(reopened.records) == 7  # TinyDB's own Table over our storage
        assert sorted(r["seq"] for r in reopened.all()) == list(range(1, 8))


def _run_worker(office: Path, files: list[Path]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(WORKER), str(office), *map(str, files)],
                            stdout=subprocess.PIPE, text=True)


def test_kill_9_at_random_moments_loses_no_acknowledged_record(office: Path,
                                                               tmp_path: Path) -> None:
    letters = make_letters(tmp_path / "in", 400)
    rng = random.Random(1405)
    acknowledged: dict[str, str] = {}
    pending = list(letters)
    for _ in range(50):
        worker = _run_worker(office, pending[:40])
        assert worker.stdout.readline().strip() == "ready"
        for _ in range(rng.randrange(0, 12)):  # let it acknowledge a few, then kill mid-stream
            line = worker.stdout.readline().split()
            if line and line[0] == "registered":
                acknowledged[line[3]] = line[2]
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        for line in worker.stdout.read().splitlines():  # acknowledged before the kill landed
            parts = line.split()
            if parts and parts[0] == "registered":
                acknowledged[parts[3]] = parts[2]
        with Registry(load_settings(office)) as registry:
            records = registry.all()
            by_file = {r["source"]["name"]: r["registry_number"] for r in records}
            assert len(by_file) == len(records), "a file registered twice"
            for name, number in acknowledged.items():
                assert by_file.get(name) == number, f"acknowledged {name} lost"
            seqs = sorted(r["seq"] for r in records)
            assert seqs == list(range(1, len(seqs) + 1)), "numbers have a gap"
        done = set(by_file)
        pending = [p for p in pending if p.name not in done]
    with Registry(load_settings(office)) as registry:
        report = registry.check()
        assert report["ok"], report
        assert registry.search("نامه آزمایشی").total == len(registry.all())


def test_four_processes_register_at_once_without_sharing_a_number(office: Path,
                                                                   tmp_path: Path) -> None:
    count = int(os.environ.get("PAAYESH_CONCURRENCY_FILES", "1000"))
    batches = [make_letters(tmp_path / f"in{k}", count, start=k * count) for k in range(4)]
    workers = [_run_worker(office, batch) for batch in batches]
    outputs = [worker.communicate()[0] for worker in workers]
    assert all(worker.returncode == 0 for worker in workers)
    numbers = [line.split()[2] for out in outputs for line in out.splitlines()
               if line.startswith("registered")]
    assert len(numbers) == 4 * count
    assert len(set(numbers)) == 4 * count
    with Registry(load_settings(office)) as registry:
        records = registry.all()
        assert len(records) == 4 * count
        assert sorted(r["seq"] for r in records) == list(range(1, 4 * count + 1))


def test_storage_is_a_tinydb_storage(tmp_path: Path) -> None:
    from tinydb import Query, TinyDB

    db = TinyDB(tmp_path / "db", storage=JournalStorage)
    db.table("notes").insert({"text": "پیرو"})
    db.close()
    reopened = TinyDB(tmp_path / "db", storage=JournalStorage)
    assert reopened.table("notes").search(Query().text == "پیرو")


def test_filters_and_reindex(office: Path, tmp_path: Path) -> None:
    letters = make_letters(tmp_path / "in", 6)
    with Registry(load_settings(office)) as registry:
        for path in letters[:4]:
            registry.register(path)
        for path in letters[4:]:
            registry.register(path, direction="outgoing")
        assert registry.search("", Filters(direction="outgoing")).total == 2
        assert registry.search("", Filters(since="1405-08-02", until="1405-08-04")).total == 3
        assert registry.search("نامه", Filters(kind="minutes")).total == 0
        (office / "registry" / "index" / "state.json").unlink()
        assert registry.reindex() == 6
        assert registry.search("صادرات غیر نفتی").total == 6
        assert registry.reindex(workers=2, chunk=2) == 6  # terms made in worker processes
        first = registry.search("", Filters(direction="outgoing")).hits[0]["id"]
        registry.update(first, status="answered")  # durable, re-indexed on the next search
        assert [h["id"] for h in registry.search("", Filters(status="answered")).hits] == [first]
        assert registry.search("صادرات غیر نفتی").total == 6
        assert registry.search("", Filters(direction="outgoing")).total == 2
        assert registry.check()["ok"]


def test_scan_of_some_records_and_the_ids_of_a_year(office: Path, tmp_path: Path) -> None:
    """`scan(ids)` cuts the wanted lines out of the snapshot (and reads the journal's) and
    gives each record as `get` does; `ids_of_year` picks a year's records from what is
    kept in memory (the register of a year reads no other year's)."""
    letters = make_letters(tmp_path / "in", 8)
    with Registry(load_settings(office)) as registry:
        registry.storage.compact_every = 5
        for path in letters:
            registry.register(path, index=False)
        year = registry.get(1)["year"]
        with registry.storage.locked():
            registry.storage.refresh_locked()
            doc = {k: v for k, v in registry.get(3).items() if k != "id"}
            registry.storage.append("records", 3, {**doc, "year": year - 1})
        assert len(list((office / "registry").glob("snapshot.*.jsonl"))) == 1
        wanted = [7, 2, 5, 3]  # some in the snapshot, some in the journal
        scanned = list(registry.scan(wanted))
        assert sorted(r["id"] for r in scanned) == sorted(wanted)
        assert all(record == registry.get(record["id"]) for record in scanned)
        assert sorted(r["id"] for r in registry.scan()) == list(range(1, 9))
        assert registry.ids_of_year(year) == [1, 2, 4, 5, 6, 7, 8]
        assert registry.ids_of_year(year - 1) == [3]
        assert registry.ids_of_year(year, "outgoing") == []


def test_a_storage_keeping_few_documents_reads_every_one(tmp_path: Path) -> None:
    """The watcher's registry keeps only the last few records it wrote or read in memory
    (`cached`); every other record is read from its line again, from the journal and the
    snapshot alike, by this process and by another."""
    storage = JournalStorage(tmp_path, compact_every=6, cached=2)
    docs = {i: {"subject": f"نامه {i}", "seq": i} for i in range(1, 11)}
    for doc_id, doc in docs.items():  # six lines compacted into the snapshot, four journal
        with storage.locked():
            storage.refresh_locked()
            storage.append("records", doc_id, doc)
    again = JournalStorage(tmp_path, cached=2)
    try:
        for reader in (storage, again):
            for doc_id in [*docs, *reversed(docs)]:
                assert reader.document("records", doc_id) == docs[doc_id]
            assert len(reader._cache) <= 2
    finally:
        storage.close()
        again.close()


def test_a_compaction_holds_one_document_at_a_time(tmp_path: Path) -> None:
    """Compacting reads every document once and keeps none of them: the tracking state's
    blocks hold 1,000 records' facts each, and a follower that compacted it held them all
    at once (308 MB at 100,000 records)."""
    import tracemalloc

    storage = JournalStorage(tmp_path)
    try:
        with storage.locked():
            storage.refresh_locked()
            storage.append_many([("blocks", i, {"facts": [f"واقعیت {i} {n}" for n in range(500)]})
                                 for i in range(1, 101)])
        storage._cache.clear()  # as a process that opened the state and read no line
        tracemalloc.start()
        try:
            one = tracemalloc.get_traced_memory()[0]
            storage.document("blocks", 1)
            one = tracemalloc.get_traced_memory()[1] - one
            storage._cache.clear()
            tracemalloc.reset_peak()
            before = tracemalloc.get_traced_memory()[0]
            storage.compact()
            peak = tracemalloc.get_traced_memory()[1] - before
        finally:
            tracemalloc.stop()
        assert peak < 10 * one, (peak, one)  # not the hundred documents
        assert storage.document("blocks", 100)["facts"][499] == "واقعیت 100 499"
    finally:
        storage.close()
