"""Benchmark search: API query p95, a fresh `paayesh search` process, full reindex.

    python bench/search.py [--records 100000] [--queries 200]

Goals (issue 4), at 100,000 records: search p95 <= 20 ms through the Python API,
`paayesh search` as a fresh process <= 1.5 s, full reindex <= 60 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from common import console_script, emit
from generate import BODIES, SUBJECTS, build_registry

from paayesh_docs.config import load_settings
from paayesh_docs.registry import Filters, Registry

QUERIES = ["صورت جلسه کمیته", "صادرات غیر نفتی", "رييس سازمان", "گمرك", "بازارچه های مرزی",
           "آمار ماهانه", "تعرفه", "شورای عالی", "کارگروه", "توسعه تجارت"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "office"
        build_registry(home, args.records)
        registry = Registry(load_settings(home))
        start = time.perf_counter()
        indexed = registry.reindex()
        emit("search", "full_reindex", time.perf_counter() - start, "s", records=indexed,
             goal="<= 60 s")

        rng = random.Random(5)
        times = []
        for _ in range(args.queries):
            query = rng.choice(QUERIES + SUBJECTS)
            filters = Filters(sender=rng.choice(BODIES)) if rng.random() < 0.3 else Filters()
            start = time.perf_counter()
            registry.search(query, filters, limit=20)
            times.append(time.perf_counter() - start)
        emit("search", "api_search_p95", statistics.quantiles(times, n=20)[-1] * 1000, "ms",
             p50=round(statistics.median(times) * 1000, 2), records=args.records,
             goal="<= 20 ms", note="top 20 with snippets, 30% with a sender filter")
        registry.close()

        paayesh = console_script("paayesh")
        runs = []
        for query in QUERIES[:5]:
            start = time.perf_counter()
            subprocess.run([paayesh, "--home", str(home), "search", "--json", query],
                           check=True, capture_output=True)
            runs.append(time.perf_counter() - start)
        emit("search", "cli_search_fresh_process", statistics.median(runs), "s",
             records=args.records, goal="<= 1.5 s")


if __name__ == "__main__":
    main()
