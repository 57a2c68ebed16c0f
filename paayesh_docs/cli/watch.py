"""`paayesh watch`: the main job, a thin shell over `ingest.watcher`."""

from __future__ import annotations

import logging
import signal
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

import click

from paayesh_docs.cli.common import settings_from

_STATUS_FA = {"registered": "ثبت شد", "duplicate": "تکراری", "rejected": "رد شد",
              "ignored": "نادیده"}


@click.command("watch")
@click.option("--poll", type=float, help="Poll every SECONDS (network shares: no inotify).")
@click.option("--once", is_flag=True, help="Drain the inbox once and exit (cron, tests).")
@click.option("--delay", type=float, default=2.0, show_default=True,
              help="Seconds a file must stay unchanged before it is taken.")
@click.option("--rescan", type=float, default=60.0, show_default=True,
              help="Seconds between full rescans (events the system dropped).")
@click.pass_context
def watch_command(ctx: click.Context, poll: float | None, once: bool, delay: float,
                  rescan: float) -> None:
    """Register every file dropped into inbox/, or set it aside with a reason. ناظر صندوق ورودی"""
    from rich.console import Console

    from paayesh_docs.ingest.watcher import Inbox, watch
    from paayesh_docs.persian.digits import to_persian_digits
    from paayesh_docs.registry import Registry

    settings = settings_from(ctx)
    console = Console(highlight=False)
    registry = Registry(settings)
    _log_to(settings.registry / "logs")

    def report(path: Path, result: Any) -> None:
        record = result.record or {}
        number = to_persian_digits(result.registry_number or "")
        if result.status == "registered":
            detail = " — ".join(filter(None, (record.get("subject"), record.get("sender"))))
        else:
            detail = (result.reason or {}).get("fa")
        console.print(f"{_STATUS_FA[result.status]}\t{number}\t{path.name}\t{detail or ''}")
        logging.getLogger("paayesh.watch").info("%s %s %s %s", result.status,
                                                result.registry_number, path.name, detail)

    inbox = Inbox(registry, delay=0.0 if once else delay, report=report)
    stop = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: stop.set())  # finish the file in hand, then stop
    try:
        if once:
            inbox.recover()
            while inbox.drain(stop) and not stop.is_set():
                pass
        else:
            console.print(f"[bold]paayesh[/bold] در حال پایش {settings.inbox} / watching")
            watch(inbox, stop, poll=poll, rescan=rescan)
    finally:
        registry.close()
        s = inbox.summary
        console.print(f"ثبت: {s.registered}  تکراری: {s.duplicates}  رد: {s.rejected} / "
                      f"registered {s.registered}, duplicates {s.duplicates}, "
                      f"rejected {s.rejected}")


def _log_to(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(folder / "watch.log", maxBytes=5_000_000, backupCount=5,
                                  encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger = logging.getLogger("paayesh.watch")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
