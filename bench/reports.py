"""Benchmark the periodic report and the register at 100,000 records.

    python bench/reports.py [--records 100000] [--home DIR]

`--home DIR` keeps the synthetic office in DIR: built there the first time (with its
tracking state), used as it is by later runs (building 100,000 records takes minutes).

Goals (issue 16): a year's report at 100,000 records <= 5 s; the register of a year
<= 10 s. The synthetic registry is tracking's (`bench/tracking.py`'s shape: escalations
with copies and replies, minutes, statistics filings), its tracking state built once
first, as the watcher keeps it. Measured in a fresh process: the report's figures as
`paayesh report period 1405 --json` works them out (open and sync tracking, then
`period_report`), the same in a whole `paayesh` process, the XLSX of the report; the
register's rows of the year and their XLSX, and again the rows and the whole year's PDF
(every row, some 4,000 pages), in-process and as `paayesh report register 1405 --xlsx`
and `--pdf` in fresh processes.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import console_script, emit, peak_memory_mb
from generate import build_registry
from tracking import Shape

from paayesh_docs.config import load_settings
from paayesh_docs.registry import Registry
from paayesh_docs.reports.figures import period_report
from paayesh_docs.reports.periods import parse_period
from paayesh_docs.tracking import Tracker


def measure(home: Path, records: int) -> None:
    settings = load_settings(home)
    start, cpu = time.perf_counter(), time.process_time()
    registry = Registry(settings)
    tracker = Tracker(registry)
    tracker.sync()
    opened = time.perf_counter() - start
    start = time.perf_counter()
    figures = period_report(tracker, parse_period("1405"), "1405-12-29")
    figured = time.perf_counter() - start
    emit("reports", "year_report_figures", opened + figured, "s", records=records,
         open_and_sync=round(opened, 3), figures=round(figured, 3),
         cpu_s=round(time.process_time() - cpu, 3), goal="<= 5 s",
         letters=figures["letters"]["total"], escalations=figures["escalations"]["raised"],
         meetings=figures["meetings"]["held"], note="open registry and tracking, sync, "
         "period_report(1405): what report period 1405 --json does in-process")
    from paayesh_docs.reports.xlsx import register_workbook, report_workbook

    start = time.perf_counter()
    data = report_workbook(figures, parse_period("1405"))
    emit("reports", "year_report_xlsx", time.perf_counter() - start, "s", records=records,
         bytes=len(data))
    start, cpu = time.perf_counter(), time.process_time()
    from paayesh_docs.reports.register import register_rows

    rows = register_rows(registry, 1405)
    listed = time.perf_counter() - start
    start = time.perf_counter()
    book = register_workbook(rows, 1405, None)
    written = time.perf_counter() - start
    emit("reports", "year_register_rows_and_xlsx", listed + written, "s", records=records,
         rows=len(rows), rows_seconds=round(listed, 3), xlsx_seconds=round(written, 3),
         cpu_s=round(time.process_time() - cpu, 3), bytes=len(book), goal="<= 10 s")
    from paayesh_docs.reports.register import register_pdf

    start, cpu = time.perf_counter(), time.process_time()
    rows = register_rows(registry, 1405)
    listed = time.perf_counter() - start
    start = time.perf_counter()
    pdf = register_pdf(settings, rows, 1405, None)
    drawn = time.perf_counter() - start
    emit("reports", "year_register_rows_and_pdf", listed + drawn, "s", records=records,
         rows=len(rows), rows_seconds=round(listed, 3), pdf_seconds=round(drawn, 3),
         cpu_s=round(time.process_time() - cpu, 3), pages=pdf_pages(pdf), bytes=len(pdf),
         goal="<= 10 s")
    emit("reports", "peak_memory", peak_memory_mb(), "MB", records=records)
    tracker.close()
    registry.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--home", type=Path,
                        help="keep the synthetic office here and reuse it on later runs")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.records)
        return
    with tempfile.TemporaryDirectory() as tmp:
        home = args.home or Path(tmp) / "office"
        ready = home / ".bench-built"
        if not (ready.exists() and ready.read_text() == str(args.records)):
            if home.exists():
                shutil.rmtree(home)
            built = build_registry(home, args.records, shape=Shape())
            emit("reports", "build_synthetic", built, "s", records=args.records)
            with Registry(load_settings(home)) as registry:
                tracker = Tracker(registry)
                tracker.rebuild()
                tracker.close()
            ready.write_text(str(args.records))
        subprocess.run([sys.executable, __file__, "--measure", str(home), "--records",
                        str(args.records)], check=True)
        paayesh = console_script("paayesh")
        start, cpu = time.perf_counter(), children_cpu()
        subprocess.run([paayesh, "--home", str(home), "report", "period", "1405", "--on",
                        "1405-12-29", "--json"], check=True, capture_output=True)
        emit("reports", "cli_year_report_json", time.perf_counter() - start, "s",
             records=args.records, cpu_s=round(children_cpu() - cpu, 3), goal="<= 5 s",
             note="paayesh report period 1405 --json, a fresh process")
        start, cpu = time.perf_counter(), children_cpu()
        subprocess.run([paayesh, "--home", str(home), "report", "register", "1405", "--xlsx",
                        str(Path(tmp) / "register.xlsx")], check=True, capture_output=True)
        emit("reports", "cli_year_register_xlsx", time.perf_counter() - start, "s",
             records=args.records, cpu_s=round(children_cpu() - cpu, 3), goal="<= 10 s",
             note="paayesh report register 1405 --xlsx, a fresh process")
        pdf = Path(tmp) / "register.pdf"
        start, cpu = time.perf_counter(), children_cpu()
        subprocess.run([paayesh, "--home", str(home), "report", "register", "1405", "--pdf",
                        str(pdf)], check=True, capture_output=True)
        emit("reports", "cli_year_register_pdf", time.perf_counter() - start, "s",
             records=args.records, cpu_s=round(children_cpu() - cpu, 3), goal="<= 10 s",
             pages=pdf_pages(pdf.read_bytes()), bytes=pdf.stat().st_size,
             note="paayesh report register 1405 --pdf, a fresh process")


def pdf_pages(data: bytes) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def children_cpu() -> float:
    """CPU seconds (user and system) of the finished child processes: on a machine shared
    with other work, the wall time says as much about the others as about the command."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


if __name__ == "__main__":
    main()
