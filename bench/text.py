"""Benchmark the Persian text stage: search_terms throughput and CLI cold start.

    python bench/text.py [--runs N]

Goals (issue 2): search_terms >= 1 MB/s of Persian text on one core;
`paayesh --help` under 0.3 s as a whole process. Figures are compared with a
bare `python -c pass` in the same run, because machines here are shared and noisy.
"""

from __future__ import annotations

import argparse
import sys
import time

from common import SHARED, console_script, emit, median, process_seconds

from paayesh_docs.persian import text as text_module
from paayesh_docs.persian.text import normalize, search_terms

SAMPLE = "صورتجلسه کمیته پایش تجارت خارجی استان؛ نامه شماره ۲۰۷۹۴/ت/۳۵۰۱۴ مورخ ۱۴۰۵/۰۸/۲۱"


def corpus() -> str:
    folder = SHARED / "domain" / "sources"
    if folder.is_dir():
        return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
    print("shared/domain/sources not found: using a built-in sample", file=sys.stderr)
    return SAMPLE * 200


def throughput(function, text: str, repeat: int) -> tuple[float, float]:
    """Bytes (UTF-8) and characters per second of function(text), best of `repeat`."""
    function(text)  # load the lexicon, warm caches: a long-running process pays this once
    best = min(_timed(function, text) for _ in range(repeat))
    return len(text.encode("utf-8")) / best, len(text) / best


def _timed(function, text: str) -> float:
    start = time.perf_counter()
    function(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    sources = corpus()
    text = sources * 20
    bytes_per_s, chars_per_s = throughput(search_terms, text, repeat=5)
    emit("text", "search_terms_throughput", bytes_per_s / 1e6, "MB/s",
         chars_per_s=round(chars_per_s), text_chars=len(text), goal=">= 1 MB/s")

    def uncached(sample: str) -> list[str]:
        text_module._term_cache.clear()
        return search_terms(sample)

    bytes_per_s, chars_per_s = throughput(uncached, sources, repeat=5)
    emit("text", "search_terms_throughput_empty_cache", bytes_per_s / 1e6, "MB/s",
         chars_per_s=round(chars_per_s), text_chars=len(sources),
         note="every word of the sources seen for the first time")
    bytes_per_s, _ = throughput(normalize, text, repeat=5)
    emit("text", "normalize_throughput", bytes_per_s / 1e6, "MB/s", text_chars=len(text))
    from hazm import Normalizer

    hazm_per_s, _ = throughput(Normalizer().normalize, sources, repeat=3)
    emit("text", "hazm_normalizer_throughput", hazm_per_s / 1e6, "MB/s",
         text_chars=len(sources), note="baseline: hazm.Normalizer() defaults, same machine")

    paayesh = console_script("paayesh")
    bare = median(process_seconds([sys.executable, "-c", "pass"], args.runs))
    emit("text", "python_bare_start", bare, "s", note="baseline: python -c pass")
    start = time.perf_counter()
    from paayesh_docs.persian import lexicon

    lexicon._load.cache_clear()
    lexicon.words()
    emit("text", "lexicon_load", time.perf_counter() - start, "s")
    for name, argv in (
        ("cli_help_cold_start", [paayesh, "--help"]),
        ("cli_text_terms_cold_start", [paayesh, "text", "terms", SAMPLE]),
    ):
        seconds = median(process_seconds(argv, args.runs))
        emit("text", name, seconds, "s", ratio_to_bare_python=round(seconds / bare, 2),
             goal="< 0.3 s" if name == "cli_help_cold_start" else None)


if __name__ == "__main__":
    main()
