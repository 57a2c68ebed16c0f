"""Benchmark tracking: full rebuild, the update for one new record, answers, a fresh command.

    python bench/tracking.py [--records 100000] [--adds 300]

Goals (issue 6), at 100,000 records: rebuilding all tracking <= 5 s; the update for one
new record (what `Tracker.sync` costs the watcher after a registration) <= 5 ms.

The synthetic registry (system temp folder) is shaped like a secretariat's: 45 % of the
letters outgoing, 40 % of those to a body of an escalation level, half of these with a
رونوشت line to the High Council's secretariat and some addressed to it; a third of all
letters cite an earlier one by number and date (Persian digits, as extraction stores
them); 1 % minutes, 1 % monthly statistics filings, and subjects that never repeat, so
that no cache hides the cost of reading a subject.
"""

from __future__ import annotations

import argparse
import copy
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import console_script, emit, peak_memory_mb
from generate import build_registry, make_record, sentences

from paayesh_docs.config import load_settings
from paayesh_docs.persian.digits import to_persian_digits
from paayesh_docs.registry import Registry
from paayesh_docs.tracking import Tracker
from paayesh_docs.tracking.tracker import paused_collector

LEVEL_BODIES = ["دبیر محترم کارگروه توسعه صادرات استان", "ریاست محترم گمرک جمهوری اسلامی ایران",
                "ریاست محترم شورای عالی توسعه صادرات غیرنفتی",
                "معاون محترم امور بازرگانی وزارت جهاد کشاورزی",
                "ریاست محترم بانک مرکزی جمهوری اسلامی ایران",
                "مدیرکل محترم دفتر توسعه صادرات سازمان توسعه تجارت ایران",
                "دبیر محترم شورای عالی توسعه صادرات غیرنفتی"]
OTHER_BODIES = ["ریاست محترم اتاق بازرگانی، صنایع، معادن و کشاورزی زاهدان",
                "مدیرکل محترم گمرک استان سیستان و بلوچستان", "ریاست محترم اتاق تعاون استان",
                "مدیرعامل محترم شرکت صنایع غذایی زاهدان"]
COPIES = ["دبیرخانه شورای عالی توسعه صادرات غیرنفتی", "دبيرخانه شوراي عالي توسعه صادرات غير نفتي",
          "سازمان توسعه تجارت ایران"]
MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر"]


class Shape:
    """Turns `generate.make_record`'s letters into a secretariat's mix (see the docstring)."""

    def __init__(self) -> None:
        self.cited: list[tuple[str, str]] = []

    def __call__(self, rng: random.Random, record: dict[str, Any], seq: int) -> None:
        record["number"] = to_persian_digits(record["number"])
        record["subject"] = f"{record['subject']} پرونده {to_persian_digits(str(seq))}"
        if rng.random() < 0.45:
            record["direction"] = "outgoing"
            if rng.random() < 0.4:
                record["recipients"] = [rng.choice(LEVEL_BODIES)]
                if rng.random() < 0.5:
                    record["copies"] = [{"to": rng.choice(COPIES), "purpose": "جهت استحضار"}]
            else:
                record["recipients"] = [rng.choice(OTHER_BODIES)]
        if self.cited and rng.random() < 0.33:
            number, date = rng.choice(self.cited[-2000:])
            record["references"] = [{"relation": rng.choice(["reply_to", "further_to"]),
                                     "number": number, "date": date}]
        chance = rng.random()
        if chance < 0.01:
            record["kind"] = "minutes"
            record["meeting"] = {"number": to_persian_digits(str(seq % 300)),
                                 "date": record["date"], "place": None, "attendees": [],
                                 "agenda": [], "resolutions": [{
                                     "text": "گزارش موانع صادرات تهیه شود",
                                     "owner": "دبیرخانه کمیته", "deadline": record["date"]}]}
        elif chance < 0.02:
            record["subject"] = (f"ارسال آمار ماهانه صادرات {rng.choice(MONTHS)} ماه ۱۴۰۵ "
                                 f"پرونده {to_persian_digits(str(seq))}")
        self.cited.append((record["number"], record["date"]))


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def measure_open(home: Path, records: int) -> None:
    """What a long-running process (the watcher) holds once tracking is open and current."""
    registry = Registry(load_settings(home))
    start = time.perf_counter()
    tracker = Tracker(registry)
    tracker.sync()
    tracker.graph  # noqa: B018 - links worked out, as before any answer
    emit("tracking", "open_sync_and_link", time.perf_counter() - start, "s", records=records,
         note="fresh process: load the state, catch up (nothing new), work out links")
    emit("tracking", "peak_memory_after_open", peak_memory_mb(), "MB", records=records,
         note="registry and tracking open, links worked out (watcher <= 300 MB)")


def measure(home: Path, records: int, adds: int) -> None:
    """In a fresh process, so that memory and caches are tracking's, not the generator's."""
    registry = Registry(load_settings(home))
    tracker = Tracker(registry)
    with paused_collector():
        start = time.perf_counter()
        read = sum(1 for _ in registry.scan())
        floor = time.perf_counter() - start
    emit("tracking", "read_every_record", floor, "s", records=read,
         note="baseline: Registry.scan alone, the floor of any rebuild")
    for workers in (1, None):
        start = time.perf_counter()
        rebuilt = tracker.rebuild(workers=workers)
        took = time.perf_counter() - start
        emit("tracking", "rebuild" if workers is None else "rebuild_one_process", took, "s",
             records=rebuilt, ratio_to_baseline=round(took / floor, 2),
             goal="<= 5 s" if workers is None else None,
             note="both cores (a spawned process makes half of the facts)" if workers is None
             else "this process alone")
    emit("tracking", "peak_memory_after_rebuild", peak_memory_mb(), "MB", records=records)
    tracker.close()

    start = time.perf_counter()
    tracker = Tracker(registry)
    tracker.sync()
    emit("tracking", "open_and_sync_nothing_new", time.perf_counter() - start, "s",
         records=records, note="what every command pays before answering (no links yet)")

    rng, pool, shape = random.Random(11), sentences(), Shape()
    shape.cited = [(f["number"], f["date"]) for f in
                   (registry.get(i) for i in range(records - 2000, records + 1)) if f]
    times = []
    for n in range(adds):
        record, _ = make_record(rng, records + n + 1, pool)
        shape(rng, record, records + n + 1)
        for key in ("seq", "rev", "registry_number"):
            record.pop(key, None)
        registry._append(copy.deepcopy(record), record["source"]["name"], index=False)
        start = time.perf_counter()
        assert tracker.sync() == 1
        times.append(time.perf_counter() - start)
    emit("tracking", "update_one_record_p95", p95(times) * 1000, "ms", records=records,
         p50=round(statistics.median(times) * 1000, 3), max=round(max(times) * 1000, 1),
         goal="<= 5 ms", note="Tracker.sync after one registration: read it, make its "
         "facts, append one fsynced line; max includes a compaction every 5,000 lines")

    for name, answer in (("escalations", lambda: tracker.escalations("1405-09-02")),
                         ("due", lambda: tracker.due("1405-09-02")),
                         ("meetings", lambda: tracker.meetings("1405-09-02"))):
        tracker._graph = None  # as after a new record: links worked out again
        start = time.perf_counter()
        found = answer()
        emit("tracking", f"answer_{name}", time.perf_counter() - start, "s", records=records,
             items=len(found.meetings) if name == "meetings" else len(found),
             note="links and threads worked out from all facts, then the answer")
    tracker.close()
    registry.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--adds", type=int, default=300)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--measure-open", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.records, args.adds)
        return
    if args.measure_open:
        measure_open(args.measure_open, args.records)
        return
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "office"
        built = build_registry(home, args.records, shape=Shape())
        emit("tracking", "build_synthetic", built, "s", records=args.records)
        subprocess.run([sys.executable, __file__, "--measure", str(home), "--records",
                        str(args.records), "--adds", str(args.adds)], check=True)
        subprocess.run([sys.executable, __file__, "--measure-open", str(home), "--records",
                        str(args.records)], check=True)
        paayesh = console_script("paayesh")
        runs = []
        for command in ("escalations", "due", "meetings"):
            start = time.perf_counter()
            subprocess.run([paayesh, "--home", str(home), command, "--on", "1405-09-02",
                            "--json"], check=True, capture_output=True)
            runs.append(time.perf_counter() - start)
        emit("tracking", "cli_fresh_process_median", statistics.median(runs), "s",
             records=args.records, note="paayesh escalations / due / meetings --json")


if __name__ == "__main__":
    main()
