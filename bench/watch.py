"""Benchmark the watcher: files per second, drop-to-registered latency, memory at 100,000 records.

    python bench/watch.py [--records 100000] [--files 2000] [--docx 1000] [--steady 300]

Goals (issue 5): at least 150 small DOCX letters per second sustained; p95 latency from
drop to registered at most the stability delay plus 1 s; resident memory of
`paayesh watch` at most 300 MB with 100,000 records in the registry.

The watcher is the real command in a process of its own, on a registry built like one
that has lived for years (bench/generate.py: records compacted into a snapshot, texts in
the content store, the search index and tracking built). Files are made beforehand in a staging
folder on the same file system and renamed into the inbox, as a copy ends; a file
counts as registered when the watcher prints its line. Phases, in one run:

1. steady: files dropped one by one at `--rate` a second: latency p50/p95;
2. mixed burst: `--files` files at once (85 % one-page DOCX letters, 7.5 % PDF, 7.5 %
   text): files per second from the first registration to the last;
3. DOCX burst: `--docx` DOCX letters at once: DOCX letters per second.

Beside them, in the same run: extraction alone (`extract_file`, no registry, no
watcher) of the same DOCX letters, so the watcher's cost over reading is a ratio.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

from common import emit
from extract import LETTER, make_letters, make_pdf_pages
from generate import build_registry

_NAME = re.compile(r"[\w-]+\.(?:docx|pdf|txt)")


def docx_variants(template: Path, folder: Path, prefix: str, count: int) -> list[Path]:
    """`count` different one-page letters from one python-docx letter, by its number."""
    with zipfile.ZipFile(template) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    body = parts["word/document.xml"].decode()
    paths = []
    for index in range(count):
        path = folder / f"{prefix}-{index:05d}.docx"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for name, data in parts.items():
                if name == "word/document.xml":
                    data = body.replace("1000/ص", f"{prefix}{index}/ص").encode()
                target.writestr(name, data)
        path.write_bytes(buffer.getvalue())
        paths.append(path)
    return paths


def pdf_variants(folder: Path, prefix: str, count: int) -> list[Path]:
    """`count` one-page PDF letters (WeasyPrint, the shipped font), each its own bytes."""
    from pypdf import PdfReader, PdfWriter

    pages = PdfReader(make_pdf_pages(folder, 1)).pages
    paths = []
    for index in range(count):
        writer = PdfWriter()
        writer.add_page(pages[0])
        writer.add_metadata({"/Title": f"{prefix} {index}"})
        path = folder / f"{prefix}-{index:05d}.pdf"
        with path.open("wb") as stream:
            writer.write(stream)
        paths.append(path)
    return paths


def text_variants(folder: Path, prefix: str, count: int) -> list[Path]:
    paths = []
    for index in range(count):
        path = folder / f"{prefix}-{index:05d}.txt"
        path.write_text("\n".join(LETTER).format(n=f"{prefix}{index}", d=index % 28 + 1),
                        encoding="utf-8")
        paths.append(path)
    return paths


class Watching:
    """The real `paayesh watch`, and when each file's line came out."""

    def __init__(self, home: Path) -> None:
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        env.pop("PAAYESH_HOME", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "paayesh_docs", "--home", str(home), "watch"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        self.seen: dict[str, float] = {}
        self.phase = "start"
        self.statuses: dict[str, str] = {}
        self._changed = threading.Condition()
        assert self.process.stdout is not None
        self.process.stdout.readline()  # "watching": it is ready
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            now = time.perf_counter()
            found = _NAME.search(line)
            if found:
                with self._changed:
                    self.seen[found.group()] = now
                    self.statuses[found.group()] = line.split()[0]
                    self._changed.notify_all()

    def wait_for(self, names: list[str], timeout: float = 600) -> None:
        with self._changed:
            if not self._changed.wait_for(lambda: all(n in self.seen for n in names), timeout):
                missing = [n for n in names if n not in self.seen]
                raise SystemExit(f"the watcher did not report {len(missing)} files")

    def memory_mb(self) -> dict[int, dict[str, Any]]:
        """Memory of the watcher and the processes it started (the follower, the bounded
        reading child), MB: resident now (VmRSS), at its peak (VmHWM), its proportional
        share (Pss: a page shared by two processes counts half in each, so the sum is what
        the machine really spends; of it, Pss_File is mapped files such as the search
        index's segments, which the kernel may drop and read again), and its private
        pages."""
        pids, found = [self.process.pid], {}
        while pids:
            pid = pids.pop()
            with contextlib.suppress(OSError):  # a child may end meanwhile
                lines = (Path(f"/proc/{pid}/status").read_text().splitlines()
                         + Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:])
                fields = dict(line.split(":", 1) for line in lines)
                found[pid] = {key: int(fields[key].split()[0]) / 1024
                              for key in ("VmRSS", "VmHWM", "Pss", "Pss_Anon", "Pss_File",
                                          "Private_Clean", "Private_Dirty", "Shared_Clean",
                                          "Shared_Dirty")}
                found[pid]["role"] = _role(pid, self.process.pid)
                for task in Path(f"/proc/{pid}/task").iterdir():
                    pids += [int(c) for c in (task / "children").read_text().split()]
        return found

    def sample(self, every: float = 0.5) -> None:
        """Sum the processes' Pss every `every` seconds from now on: `peak_pss` is the
        highest sum seen (the end-of-run figure is one moment)."""
        self.peak_pss, self.peak_at = 0.0, ""

        def run() -> None:
            while self.process.poll() is None:
                with contextlib.suppress(OSError, ValueError, KeyError):
                    memory = self.memory_mb()
                    total = sum(m["Pss"] for m in memory.values())
                    if total > self.peak_pss:
                        self.peak_pss = total
                        self.peak_at = self.phase
                time.sleep(every)

        threading.Thread(target=run, daemon=True).start()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=120)


def _role(pid: int, watcher: int) -> str:
    """Which of the watcher's processes `pid` is: the follower is forked from the watcher
    (same command line), the readers are started with their module's name."""
    command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    if pid == watcher:
        return "watcher"
    for module, role in ((b"paayesh_docs.ingest.bounded", "bounded_reader"),
                         (b"paayesh_docs.ingest.pdf_worker", "pdf_child")):
        if module in command:
            return role
    if b"watch" in command:
        return "follower"
    return command[0].decode(errors="replace")


def drop(files: list[Path], inbox: Path) -> dict[str, float]:
    dropped = {}
    for path in files:
        os.rename(path, inbox / path.name)
        dropped[path.name] = time.perf_counter()
    return dropped


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--docx", type=int, default=1000)
    parser.add_argument("--steady", type=int, default=300)
    parser.add_argument("--rate", type=float, default=10.0, help="files a second, steady phase")
    parser.add_argument("--built", type=Path,
                        help="keep the built office (registry, index, tracking) in this folder "
                             "and start from a copy of it when it is there: runs that compare "
                             "code start from the same registry, without building it again")
    args = parser.parse_args()

    from paayesh_docs.config import load_settings
    from paayesh_docs.ingest import extract_file
    from paayesh_docs.registry import Registry
    from paayesh_docs.tracking import Tracker

    with tempfile.TemporaryDirectory() as tmp:
        home, staging = Path(tmp) / "office", Path(tmp) / "staging"
        staging.mkdir()
        if args.built is not None and (args.built / "paayesh.toml").is_file():
            start = time.perf_counter()
            shutil.copytree(args.built, home, symlinks=True)
            emit("watch", "copy_built", time.perf_counter() - start, "s", records=args.records)
        else:
            built = build_registry(home, args.records)
            with Registry(load_settings(home)) as registry:  # derived state, as a live office has
                start = time.perf_counter()
                registry.reindex()
                indexed = time.perf_counter() - start
                tracker = Tracker(registry, answers=False)
                tracker.rebuild()
                tracker.close()
            emit("watch", "build_synthetic", built, "s", records=args.records,
                 reindex_s=round(indexed, 1),
                 tracking_s=round(time.perf_counter() - start - indexed, 1))
            if args.built is not None:
                shutil.copytree(home, args.built, symlinks=True)
        template = make_letters(staging, 1)[0]
        delay = load_settings(home).watch.delay

        steady = docx_variants(template, staging, "s", args.steady)
        mixed_docx = int(args.files * 0.85)
        mixed = docx_variants(template, staging, "m", mixed_docx)
        mixed += pdf_variants(staging, "p", (args.files - mixed_docx) // 2)
        mixed += text_variants(staging, "t", args.files - len(mixed))
        burst = docx_variants(template, staging, "d", args.docx)
        template.unlink()

        start = time.perf_counter()
        for path in burst:
            extract_file(path)
        extract_only = len(burst) / (time.perf_counter() - start)

        inbox = home / "inbox"
        watching = Watching(home)
        watching.sample()
        try:
            watching.phase = "steady"
            dropped = {}
            for path in steady:  # 1. steady arrivals
                dropped |= drop([path], inbox)
                time.sleep(1 / args.rate)  # the arrival rate, not a wait for the watcher
            watching.wait_for([p.name for p in steady])
            latency = [watching.seen[n] - t for n, t in dropped.items()]
            emit("watch", "latency_p95", p95(latency), "s",
                 p50=round(statistics.median(latency), 3), delay=delay,
                 goal=f"<= {delay + 1:.1f} s (delay + 1 s)", files=len(steady), rate=args.rate,
                 records=args.records)

            for label, files, goal in (("mixed_files_per_s", mixed, None),
                                       ("docx_letters_per_s", burst, ">= 150")):
                names = [p.name for p in files]
                watching.phase = label
                dropped = drop(files, inbox)  # 2. and 3. bursts
                watching.wait_for(names)
                times = sorted(watching.seen[n] for n in names)
                rate = (len(times) - 1) / (times[-1] - times[0])
                waits = [watching.seen[n] - dropped[n] for n in names]
                extra = {"ratio_to_extract_only": round(rate / extract_only, 2),
                         "extract_only_per_s": round(extract_only, 1)} if goal else {}
                emit("watch", label, rate, "files/s", files=len(files), goal=goal,
                     burst_latency_p95=round(p95(waits), 2), records=args.records, **extra)
            memory = watching.memory_mb()
            watcher = memory.pop(watching.process.pid)
            emit("watch", "memory", watcher["Pss"] + sum(m["Pss"] for m in memory.values()),
                 "MB", goal="<= 300 MB",
                 measure="sum of Pss of the watcher and the processes it started, at the end",
                 watcher_peak_rss=round(watcher["VmHWM"], 1),
                 follower_peak_rss=round(sum(m["VmHWM"] for m in memory.values()), 1),
                 rss_sum_now=round(watcher["VmRSS"] + sum(m["VmRSS"] for m in memory.values())),
                 peak_pss_sum=round(watching.peak_pss, 1), peak_pss_phase=watching.peak_at,
                 records=args.records + len(watching.seen))
            for pid, m in {watching.process.pid: watcher, **memory}.items():
                emit("watch", f"memory_{m['role']}", m["Pss"], "MB", measure="Pss at the end",
                     pid=pid, pss_anon=round(m["Pss_Anon"], 1),
                     pss_file=round(m["Pss_File"], 1), rss=round(m["VmRSS"], 1),
                     peak_rss=round(m["VmHWM"], 1),
                     private=round(m["Private_Clean"] + m["Private_Dirty"], 1),
                     shared=round(m["Shared_Clean"] + m["Shared_Dirty"], 1))
            statuses = set(watching.statuses.values())
            if statuses != {"ثبت"}:
                print(f"unexpected statuses: {statuses}", file=sys.stderr)
        finally:
            watching.stop()


if __name__ == "__main__":
    main()
