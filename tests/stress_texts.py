"""Hostile plain-text letters that once made field extraction slow, each made by code here.

    from stress_texts import STRESS_TEXTS, write_all
    paths = write_all(folder)          # {name: path}

Each text is a few megabytes of something a letter has a few of: references, dates,
labels, copies lines, table cells, or one endless word or line. A reader that is
linear in its input reads each in seconds; one that is quadratic anywhere takes
minutes or hours. The measurement (before/after) is in the module's `__main__`:

    python tests/stress_texts.py FOLDER     # writes the files, prints seconds and MB of each
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

HEAD = "شماره: ۱۲۳۴/ص/۱۴۰۵\nتاریخ: ۱۴۰۵/۰۸/۲۱\nموضوع: گزارش\n"


def _refs(count: int, per_line: int) -> str:
    phrase = "عطف به نامه شماره ۱۲۳/ص/۴۵ مورخ ۱۴۰۵/۰۱/۰۱ "
    lines = [phrase * per_line for _ in range(count // per_line)]
    return HEAD + "\n".join(lines)


STRESS_TEXTS: dict[str, Callable[[], str]] = {
    # the audit's file: 200,000 references (14 MB), ten to a line, and all on one line
    "references": lambda: _refs(200_000, 10),
    "references_one_line": lambda: _refs(200_000, 200_000),
    "dates_one_line": lambda: HEAD + "تاریخ: ۱۴۰۵/۰۱/۰۱ " * 400_000,
    "dates_many_lines": lambda: HEAD + "در تاریخ ۱۴۰۵/۰۱/۰۱ و ۲۱ آبان ۱۴۰۵\n" * 200_000,
    "number_labels_one_line": lambda: "شماره: الف " * 500_000,
    "subject_labels_one_line": lambda: "موضوع: " * 800_000 + "\nx",
    "copies": lambda: HEAD + "رونوشت: اداره کل بازرگانی جهت اطلاع\n" * 200_000,
    "one_word": lambda: "الف" * 3_500_000,
    "digits": lambda: "۱" * 5_000_000,
    "slashes": lambda: "شماره: " + "۱/" * 2_500_000,
    "long_line": lambda: HEAD + "کمیته پایش تجارت خارجی استان " * 350_000,
    "minutes_head": lambda: "صورتجلسه\n" + "تاریخ جلسه: " * 600_000 + "\nمصوبات:\n۱- x",
    "minutes_table": lambda: "صورتجلسه\nمصوبات:\nردیف\tشرح مصوبه\tمسئول\tمهلت\n"
    + "۱\tبررسی\tاداره\t۱۴۰۵/۰۱/۰۱\n" * 300_000,
    "minutes_items": lambda: "صورتجلسه\nحاضرین:\n" + "آقای احمدی، " * 500_000
    + "\nمصوبات:\n" + "۱- بررسی مسئول: اداره مهلت: ۱۴۰۵/۰۱/۰۱\n" * 100_000,
    "tabs": lambda: "صورتجلسه\nمصوبات:\n" + ("\t" * 2000 + "\n") * 3000,
}


def write_all(folder: Path, names: list[str] | None = None) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name in names or list(STRESS_TEXTS):
        path = folder / f"{name}.txt"
        if not path.exists():
            path.write_text(STRESS_TEXTS[name](), encoding="utf-8")
        paths[name] = path
    return paths


def measure(path: Path, paayesh: str = "paayesh") -> tuple[float, float, str]:
    """Seconds and peak MB of `paayesh extract --json --no-text PATH` (GNU time), killed
    after 120 s."""
    command = ["timeout", "-s", "KILL", "120", "/usr/bin/time", "-f", "%e %M", paayesh,
               "extract", "--json", "--no-text", str(path)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode == -9 or done.returncode == 137:
        return 120.0, 0.0, "killed after 120 s"
    seconds, kb = done.stderr.strip().splitlines()[-1].split()
    status = json.loads(done.stdout)["status"] if done.stdout.strip() else "?"
    return float(seconds), int(kb) / 1024, status


if __name__ == "__main__":
    paths = write_all(Path(sys.argv[1]), sys.argv[2:] or None)
    for name, path in paths.items():
        seconds, mb, status = measure(path, str(Path(sys.executable).with_name("paayesh")))
        print(f"{name:28} {path.stat().st_size / 1e6:6.1f} MB  {seconds:7.2f} s  "
              f"{mb:6.0f} MB peak  {status}", flush=True)
