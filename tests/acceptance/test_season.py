"""An office's season through real processes only (issue 11): `paayesh init`, the watcher
in the background, files dropped as clerks drop them while compose runs, then every read
command as a fresh process, checked against the answers in `season` (written before).

Four runs of the same season: as it goes on a good day; with the watcher killed (-9) in
the middle of a burst and started again; in an office whose tracking commands ran
before the watcher ever started; and under `paayesh serve`, part of the burst uploaded
through the web API and every answer read through the API as well. Each ends with
`paayesh check` clean, every file registered exactly once, and the watcher stopped by
SIGTERM with exit 0 and no traceback.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import run_paayesh

from acceptance import season
from acceptance.office import DELAY, Office, Watcher, no_traceback, wait_for
from paayesh_docs.config import load_settings
from paayesh_docs.registry import Registry

# Word's owner file: a length byte, the user's name, padding (162 bytes in all)
WORD_OWNER = (b"\x05clerk" + b" " * 48 + b"\x05\x00c\x00l\x00e\x00r\x00k\x00").ljust(162, b"\0")


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return season.build(tmp_path_factory.mktemp("papers"))


class Season:
    """One office going through the season; `keys` maps record ids to the papers' keys."""

    def __init__(self, tmp_path: Path, papers: dict[str, Path]) -> None:
        self.office = Office(tmp_path, season.COMPOSE_CONFIG)
        self.papers = papers
        self.slow_writers: list[threading.Thread] = []
        self.slow_bytes: dict[str, bytes] = {}
        self.word_locks: list[Path] = []
        self.keys: dict[int, str] = {}
        self.composing: list[Any] = []
        self.unmet: list[str] = []  # answers that failed, told at the very end of the run

    def expect(self, condition: bool, what: str) -> None:
        """An answer checked without stopping the run, so that one wrong field does not
        hide whether the rest of the season (the registry, the watcher's exit) holds."""
        if not condition:
            self.unmet.append(what)

    # -- dropping ------------------------------------------------------------------

    def upload(self, drops: list[season.Drop], client: httpx.Client) -> list[season.Drop]:
        """The drops a clerk would copy in go through the upload page's API instead (a
        browser's drag and drop, with the folder chosen in the form); the rest are left
        for the inbox, since how they are written is their scenario."""
        left = []
        for drop in drops:
            if drop.how != "copy":
                left.append(drop)
                continue
            direction, _, minutes = drop.folder.partition("/")
            if direction == "minutes":
                direction, minutes = "incoming", "minutes"
            source = self.papers[drop.key]
            answer = client.post("/upload", data={
                "direction": direction or "incoming", **({"minutes": "1"} if minutes else {})},
                files={"files": (source.name, source.read_bytes())},
                headers={"accept": "application/json"})
            assert answer.status_code == 200, answer.text
            assert [f["status"] for f in answer.json()["files"]] == ["waiting"], answer.text
        return left

    def drop(self, drops: list[season.Drop]) -> None:
        for drop in drops:
            source = self.papers[drop.key]
            folder = self.office.inbox / drop.folder
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / source.name
            data = source.read_bytes()
            if drop.how == "copy":
                self.office.copy_in(source, drop.folder)
            elif drop.how in ("part", "tmp"):  # a browser's or a mail client's download
                temporary = target.with_name(f"{target.name}.{drop.how}")
                temporary.write_bytes(data)
                os.rename(temporary, target)
            elif drop.how == "word":  # Word: owner file beside, saved through a temporary
                lock = target.with_name("~$" + target.name)
                lock.write_bytes(WORD_OWNER)
                temporary = target.with_name("~WRD0001.tmp")
                temporary.write_bytes(data)
                os.rename(temporary, target)
                self.word_locks.append(lock)
            elif drop.how == "slow":  # a scanner or a slow share: open, stalls in between
                self.slow_bytes[drop.key] = data
                writer = threading.Thread(target=_write_slowly, args=(target, data))
                writer.start()
                self.slow_writers.append(writer)
            else:
                raise ValueError(drop.how)

    def drop_duplicate(self) -> None:
        key, name = season.DUPLICATE
        self.office.copy_in(self.papers[key], "", name)

    def compose(self) -> None:
        """Compose the letter and the minutes in the background, as a clerk at another desk."""
        home = self.office.home.parent
        letter = home / "f4.toml"
        letter.write_text(season.F4_LETTER, "utf-8")
        minutes = home / "m14.toml"
        minutes.write_text(season.M14_MINUTES, "utf-8")
        self.composing = [
            (("F4",), self.office.start("compose", "letter", "--data", str(letter), "--pdf",
                                        "--json")),
            (("CM14", "CK14"), self.office.start("compose", "minutes", "--data", str(minutes),
                                                 "--pdf", "--send-to-tpo", "--json")),
        ]

    def composed(self) -> None:
        """Wait for compose; remember which record each composed document is."""
        for keys, process in self.composing:
            out, err = process.communicate(timeout=300)
            no_traceback(err)
            assert process.returncode == 0, err
            lines = [json.loads(line) for line in out.splitlines() if line.strip()]
            assert len(lines) == len(keys), out
            for key, line in zip(keys, lines, strict=True):
                self.keys[line["id"]] = key
                assert Path(line["docx"]).is_file() and Path(line["pdf"]).is_file(), line
        self.composing = []

    def settled(self) -> None:
        """Wait until the inbox holds nothing but Word's owner file (left alone), then let
        Word close (the owner file goes) and wait for the search to count every record."""
        for writer in self.slow_writers:
            writer.join(120)
        self.slow_writers = []
        wait_for(lambda: set(self.office.waiting()) <= set(self.word_locks),
                 "the inbox to empty")
        for lock in self.word_locks:
            assert lock.exists()  # never taken, never moved
            lock.unlink()
        self.composed()
        wait_for(lambda: self.office.json("search", "", "--limit", "1000")["total"]
                 >= season.RECORDS, "every record to be searchable", every=0.5)

    # -- the answers ---------------------------------------------------------------

    def read_keys(self) -> None:
        hits = self.office.json("search", "", "--limit", "1000")["hits"]
        by_name = {self.papers[d.key].name: d.key for d in season.DROPS}
        for hit in hits:
            if hit["id"] not in self.keys:
                assert hit["file"] in by_name, hit  # nothing registered but the papers
                self.keys[hit["id"]] = by_name[hit["file"]]
        assert sorted(self.keys.values()) == sorted(
            [d.key for d in season.DROPS] + list(season.COMPOSED))
        self.ids = {key: record_id for record_id, key in self.keys.items()}

    def key(self, record_id: int | None) -> str | None:
        return None if record_id is None else self.keys[record_id]

    def check_tracking(self) -> None:
        office, on = self.office, season.TODAY
        commands = {
            "escalations": ("escalations", "--on", "1405/09/02"),
            "missing": ("escalations", "--on", on, "--missing-copy"),
            "overdue": ("escalations", "--on", "۲ آذر ۱۴۰۵", "--overdue"),
            "due": ("due", "--on", on),
            "meetings": ("meetings", "--on", on),
            "meetings today": ("meetings",),
            **{f"thread:{key}": ("thread", self._reference(key)) for key in season.THREADS},
        }
        answers = _all(office, commands)

        rows = answers["escalations"]["escalations"]
        got = [(self.key(r["id"]), str(r["level"]),
                self.key(r["copy"]["id"]) if r["copy"] else None,
                r["copy"]["how"] if r["copy"] else None, r["due"], self.key(r["follows"]),
                r["status"] + (f":{self.key(r['reply_id'])}" if r["reply_id"] else ""))
               for r in rows]
        want = [(e["key"], e["level"], e["copy"], e["how"], e["due"], e["follows"], e["status"])
                for e in season.ESCALATIONS]
        assert sorted(got, key=str) == sorted(want, key=str)
        assert [self.key(r["id"]) for r in answers["missing"]["escalations"]] == \
            season.MISSING_COPY
        assert [self.key(r["id"]) for r in answers["overdue"]["escalations"]] == season.OVERDUE

        due = [(r["kind"], self.key(r["id"]) if r["kind"] == "escalation" else r["meeting"],
                r["due"], r["status"]) for r in answers["due"]["due"]
               if r["kind"] in ("escalation", "resolution")]
        assert due == season.DUE

        report = answers["meetings"]
        meetings = [(m["number"], m["date"], "yes" if m["extraordinary"] else "no",
                     ",".join(sorted(self.key(i) or "" for i in m["ids"])),
                     self.key(m["sent"]["id"]) if m["sent"] else None)
                    for m in report["meetings"]]
        assert meetings == [(m["number"], m["date"], m["extraordinary"],
                             ",".join(sorted(m["ids"].split(","))), m["sent"])
                            for m in season.MEETINGS]
        assert [(g["from"], g["to"], g["days"]) for g in report["gaps"]] == season.GAPS
        assert (report["next_due"], report["next_overdue"]) == season.NEXT_MEETING
        assert [int(n) for n in report["unsent"]] == season.UNSENT
        today = {m["number"]: self.key(m["sent"]["id"]) if m["sent"] else None
                 for m in answers["meetings today"]["meetings"]}
        assert {n: today.get(n) for n in season.SENT_TODAY} == season.SENT_TODAY

        for key, chain in season.THREADS.items():
            thread = answers[f"thread:{key}"]["thread"]
            assert [self.key(r["id"]) for r in thread] == chain, key

    def _reference(self, key: str) -> str:
        """Threads are asked for the way people ask: by letter number, registry number, id."""
        doc = season.PAPERS[key]
        number = dict(doc.header).get("شماره")
        if key == "E4" and number:
            return number  # «۳۱۱۲/ص»
        if key == "E5":
            return self._registry_number(self.ids["F5"])  # any member gives the chain
        return str(self.ids[key])

    def _registry_number(self, record_id: int) -> str:
        return self.registry_numbers[record_id]

    def check_search_and_show(self) -> None:
        office = self.office
        commands: dict[str, tuple[str, ...]] = {
            f"search:{query}": ("search", query, "--limit", "100") for query in season.SEARCHES}
        commands |= {f"show:{key}": ("show", self._registry_number(self.ids[key]))
                     for key in [*season.SHOW, "X1", "M11"]}
        answers = _all(office, commands)
        for query, keys in season.SEARCHES.items():
            assert {self.key(h["id"]) for h in answers[f"search:{query}"]["hits"]} == keys, query
        for key, fields in season.SHOW.items():
            record = answers[f"show:{key}"]
            assert {name: record[name] for name in fields} == fields, key
            code = season.REGISTRY_CODE[record["direction"]]
            assert record["registry_number"].startswith(f"1405/{code}/"), record
        e1 = answers["show:E1"]
        assert any(season.SECRETARIAT in c["to"] for c in e1["copies"]), e1["copies"]
        assert "رونوشت" not in (e1["sender"] or "") and season.SECRETARIAT not in (
            e1["sender"] or ""), e1["sender"]
        for key in ("M10", "M11", "M12"):  # minutes get a subject a clerk recognises
            self.expect(bool(answers[f"show:{key}"]["subject"]), f"{key} has no subject")
        slow = answers["show:X1"]  # written with stalls longer than the delay: every byte
        data = self.slow_bytes["X1"]
        self.expect((slow["source"]["size"], slow["source"]["sha256"]) == (
            len(data), hashlib.sha256(data).hexdigest()),
            f"X1, written slowly, registered with {slow['source']['size']} of {len(data)} bytes")

    def check_api(self, client: httpx.Client) -> None:
        """The API an evaluator's browser uses answers what the commands answer."""
        assert client.get("/healthz").json() == {"status": "ok"}
        cli = self.office.json("search", "", "--limit", "1000")
        api = client.get("/api/search", params={"q": "", "limit": 1000}).json()
        assert api["total"] == cli["total"] == season.RECORDS, (api["total"], cli["total"])
        assert sorted(h["id"] for h in api["hits"]) == sorted(h["id"] for h in cli["hits"])
        shown = _all(self.office, {str(h["id"]): ("show", str(h["id"])) for h in cli["hits"]})
        for record_id, record in shown.items():
            self.expect(client.get(f"/api/records/{record_id}").json() == record,
                        f"/api/records/{record_id} differs from show {record_id} --json")

    def check_registry(self) -> None:
        """`paayesh check` clean; every file once; nothing left in the inbox."""
        result = self.office.run("check")
        assert "ok" in result.stdout, result.stdout
        with Registry(load_settings(self.office.home)) as registry:
            table = registry.table()
            records = [table[str(i)] for i in registry.ids()]
        assert len(records) == season.RECORDS, len(records)
        hashes = [r["source"]["sha256"] for r in records]
        hashes += [f["sha256"] for r in records for f in r.get("files", [])]
        assert len(hashes) == len(set(hashes)), "a file registered twice"
        expected = {hashlib.sha256(self.papers[d.key].read_bytes()).hexdigest()
                    for d in season.DROPS}
        self.expect(expected <= set(hashes), "a paper's final bytes are not registered")
        assert self.office.waiting() == []
        duplicates = self.office.set_aside("_duplicates")
        assert season.DUPLICATE[1] in duplicates, duplicates
        assert all(n.startswith(season.DUPLICATE[1]) for n in duplicates), duplicates
        assert self.office.set_aside("_rejected") == []

    def read_registry_numbers(self) -> None:
        hits = self.office.json("search", "", "--limit", "1000")["hits"]
        self.registry_numbers = {h["id"]: h["registry_number"] for h in hits}


def _write_slowly(target: Path, data: bytes) -> None:
    """Three pieces with the file held open, each stall three times the watcher's delay."""
    third = len(data) // 3
    with target.open("wb") as stream:
        for start in (0, third, 2 * third):
            stream.write(data[start:start + third] if start < 2 * third else data[start:])
            stream.flush()
            if start < 2 * third:
                time.sleep(DELAY * 3)  # the stall is the scenario, not a wait for anything


def _all(office: Office, commands: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    """Read commands at once, each a fresh process, as evaluators at several desks."""
    with ThreadPoolExecutor(4) as pool:
        futures = {name: pool.submit(office.json, *args) for name, args in commands.items()}
        return {name: future.result() for name, future in futures.items()}


@pytest.fixture
def new_season(tmp_path: Path, papers: dict[str, Path]) -> Iterator[Season]:
    """A season in a fresh office; a watcher a failed test left running is killed."""
    run = Season(tmp_path, papers)
    yield run
    run.office.close()


def _answers(run: Season, watcher: Watcher, search_and_show: bool = True) -> None:
    run.read_keys()
    run.read_registry_numbers()
    run.check_tracking()
    if search_and_show:
        run.check_search_and_show()
    watcher.stop()
    run.check_registry()
    assert not run.unmet, run.unmet


def test_a_season(new_season: Season) -> None:
    run = new_season
    watcher = run.office.watch()
    run.drop(season.FIRST)
    wait_for(lambda: not run.office.waiting(), "the first papers to be taken")
    run.compose()
    run.drop(season.BURST)
    run.drop_duplicate()
    run.settled()
    _answers(run, watcher)
    no_traceback(watcher.stderr)


def test_a_season_with_the_watcher_killed_in_a_burst(new_season: Season) -> None:
    run = new_season
    watcher = run.office.watch()
    run.drop(season.FIRST)
    wait_for(lambda: not run.office.waiting(), "the first papers to be taken")
    before = run.office.registered_lines()
    run.compose()
    run.drop(season.BURST)
    run.drop_duplicate()
    # in the middle of the burst: some of it registered, some still waiting
    wait_for(lambda: run.office.registered_lines() > before, "the burst to begin", every=0.02)
    watcher.kill()
    assert run.office.waiting(), "the burst was over before the kill"
    no_traceback(watcher.stderr)
    watcher = run.office.watch()  # not refused: the killed one's lock died with it
    run.settled()
    _answers(run, watcher, search_and_show=False)


def test_a_season_where_tracking_ran_before_the_watcher(new_season: Season) -> None:
    run = new_season
    office = run.office
    assert office.json("escalations")["escalations"] == []
    assert [r for r in office.json("due")["due"] if r["kind"] != "statistics"] == []
    assert office.json("meetings")["meetings"] == []
    office.run("tracking", "rebuild")
    run.compose()  # composed before the watcher exists, too
    watcher = office.watch()
    run.drop(season.FIRST + season.BURST)
    # the copy of a letter comes after the letter (dropped together, either one could be
    # the one registered, and the answers name which)
    for writer in run.slow_writers:
        writer.join(120)
    wait_for(lambda: set(office.waiting()) <= set(run.word_locks), "the papers to be taken")
    run.drop_duplicate()
    run.settled()
    _answers(run, watcher, search_and_show=False)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_season_under_paayesh_serve(new_season: Season) -> None:
    """The main job as the README's first line runs it: `paayesh serve`, its watcher
    taking the papers dropped into the inbox while the copied-in part of the burst comes
    through the upload page's API and compose runs at another desk; every answer the
    commands give is then read through the API too, and is the same."""
    run = new_season
    office = run.office
    added = run_paayesh("--home", str(office.home), "users", "add", "amina", "--role", "admin",
                        "--clearance", "top_secret", "--password-stdin",
                        input="a long pass phrase 1405\n")
    assert added.returncode == 0, added.stderr
    token = office.run("users", "token", "amina").stdout.strip()
    port = _free_port()
    server = office.serve(port)
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60,
                      headers={"authorization": f"Bearer {token}"}) as client:
        run.drop(season.FIRST)
        wait_for(lambda: not office.waiting(), "the first papers to be taken")
        run.compose()
        run.drop(run.upload(season.BURST, client))
        run.drop_duplicate()
        run.settled()
        run.read_keys()
        run.read_registry_numbers()
        run.check_tracking()
        run.check_search_and_show()
        run.check_api(client)
    server.stop()
    run.check_registry()
    assert not run.unmet, run.unmet
    no_traceback(server.stderr)
