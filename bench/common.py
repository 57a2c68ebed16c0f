"""Shared bits of the benchmarks: where the shared corpus is, and one JSON line per figure."""

from __future__ import annotations

import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def emit(bench: str, figure: str, value: float, unit: str, **extra: object) -> None:
    """Print one figure as one JSON line."""
    record = {"bench": bench, "figure": figure, "value": round(value, 4), "unit": unit,
              "date": datetime.date.today().isoformat(), "python": platform.python_version(),
              "cores": os.cpu_count(), **extra}
    print(json.dumps(record, ensure_ascii=False), flush=True)


def process_seconds(argv: list[str], runs: int) -> list[float]:
    """Wall time of a whole process, `runs` times (the first warms the disk cache)."""
    subprocess.run(argv, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def peak_memory_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from
    the parent that forked it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def median(values: list[float]) -> float:
    return statistics.median(values)


def console_script(name: str) -> str:
    """The path of an installed console script beside this interpreter."""
    return str(Path(sys.executable).with_name(name))
