"""Benchmark the registry: durable add, opening, memory, at a realistic size.

    python bench/registry.py [--records 100000] [--adds 300]

Goals (issue 4), at 100,000 records: durable add p95 <= 10 ms, opening <= 1 s.
The add is the real path (lock, catch up, number, journal line, fsync) of a real
record; extraction is left out (bench/extract.py measures it). Beside it in the
same run: one stock TinyDB JSONStorage insert into the same number of records.
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

from common import emit, peak_memory_mb
from generate import build_registry, make_record, sentences

from paayesh_docs.config import load_settings
from paayesh_docs.registry import Registry


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def measure(home: Path, records: int, adds: int) -> None:
    """In a fresh process, so that memory is the registry's, not the generator's."""
    start = time.perf_counter()
    registry = Registry(load_settings(home))
    opened = time.perf_counter() - start
    emit("registry", "open", opened, "s", records=records, goal="<= 1 s")
    emit("registry", "peak_memory_after_open", peak_memory_mb(), "MB", records=records)
    rng, pool = random.Random(7), sentences()
    times = []
    for n in range(adds):
        record, _ = make_record(rng, records + n + 1, pool)
        for key in ("seq", "rev", "registry_number"):
            record.pop(key, None)
        start = time.perf_counter()
        registry._append(copy.deepcopy(record), record["source"]["name"], index=False)
        times.append(time.perf_counter() - start)
    emit("registry", "durable_add_p95", p95(times) * 1000, "ms", records=records,
         p50=round(statistics.median(times) * 1000, 3), goal="<= 10 ms")
    registry.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--adds", type=int, default=300)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.records, args.adds)
        return
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "office"
        built = build_registry(home, args.records)
        emit("registry", "build_synthetic", built, "s", records=args.records)
        subprocess.run([sys.executable, __file__, "--measure", str(home), "--records",
                        str(args.records), "--adds", str(args.adds)], check=True)

        rng, pool = random.Random(7), sentences()
        from tinydb import TinyDB

        stock = TinyDB(Path(tmp) / "stock.json")
        stock.table("records").insert_multiple(
            record for record, _ in (make_record(rng, i, pool) for i in range(args.records)))
        record, _ = make_record(rng, 0, pool)
        start = time.perf_counter()
        stock.table("records").insert(record)
        emit("registry", "stock_tinydb_insert", time.perf_counter() - start, "s",
             records=args.records, note="baseline: TinyDB JSONStorage, same records")


if __name__ == "__main__":
    main()
