"""`paayesh watch`: the main job, a thin shell over `inbox.claims` and `inbox.watcher`.

One line per file for whoever keeps an eye on the screen (registry number, subject,
sender, or the reason it was set aside), the same lines in `registry/logs/watch.log`
(rotated), and a summary on exit. SIGINT and SIGTERM finish the file in hand first;
a second Ctrl+C stops at once.
"""

from __future__ import annotations

import contextlib
import logging
import signal
from collections.abc import Iterator
from dataclasses import replace
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

import click

from paayesh_docs.cli.common import FILE_STATUS_FA, UserError, settings_from

_STYLE = {"registered": "green", "duplicate": "yellow", "rejected": "red", "ignored": "dim",
          "waiting": "cyan", "stuck": "red"}


@click.command("watch")
@click.option("--poll", type=click.FloatRange(min=0),
              help="Look every SECONDS instead of waiting for events (network shares). "
                   "Default: [watch] poll in paayesh.toml.")
@click.option("--once", is_flag=True,
              help="Take everything in the inbox, then exit (cron, tests).")
@click.option("--delay", type=click.FloatRange(min=0),
              help="Seconds a file must stay unchanged before it is taken "
                   "(default: [watch] delay, 2).")
@click.option("--rescan", type=click.FloatRange(min=0.1),
              help="Seconds between full rescans (default: [watch] rescan, 60).")
@click.pass_context
def watch_command(ctx: click.Context, poll: float | None, once: bool, delay: float | None,
                  rescan: float | None) -> None:
    """Register every file dropped into inbox/, or set it aside with a reason. ناظر پوشه ورودی

    Files in inbox/outgoing (صادره), inbox/internal (داخلی) and inbox/minutes (صورتجلسه)
    are registered as such. Duplicates go to inbox/_duplicates, unreadable files to
    inbox/_rejected, each with NAME.reason.txt in Persian and English.
    """
    from rich.console import Console

    settings = settings_from(ctx)
    given = {"delay": delay, "rescan": rescan, "poll": poll}
    watch = replace(settings.watch, **{k: v for k, v in given.items() if v is not None})
    console = Console(highlight=False, soft_wrap=True)
    logger = _log_to(settings.registry / "logs")
    with inbox_watcher(settings, watch, console, logger) as watcher:
        _stop_on_signals(watcher)
        if not once:
            console.print(f"[bold]paayesh[/bold] در حال پایش پوشه {settings.inbox} … "
                          f"/ watching {settings.inbox} (Ctrl+C to stop)", markup=True)
        watcher.run_once() if once else watcher.run()


@contextlib.contextmanager
def inbox_watcher(settings: Any, watch: Any, console: Any,
                  logger: logging.Logger) -> Iterator[Any]:
    """The office's one watcher, ready to run (`paayesh watch`, which `paayesh serve` runs
    as its child): its lock held, its follower keeping the index and tracking current; on
    leaving, the summary line on the screen and in `watch.log`. Errors a user can fix are
    said so."""
    from paayesh_docs.inbox.claims import Inbox, UnsafeFolders, ocr_pool
    from paayesh_docs.inbox.watcher import AlreadyWatching, Watcher, only_watcher
    from paayesh_docs.registry import Registry
    from paayesh_docs.registry.follower import Follower

    try:
        with only_watcher(settings.registry) as lock, \
                Registry(settings, cached=_CACHED_RECORDS) as registry, \
                Follower(registry, _DERIVED, inherited=[lock]) as follower:
            pool = ocr_pool(settings)
            inbox = Inbox(registry, watch, report=_reporter(console, logger),
                          catch_up=follower.nudge, notice=_notice(console, logger), ocr=pool)
            watcher = Watcher(inbox, poll=watch.poll, rescan=watch.rescan)
            if pool is not None:
                pool.wake = watcher.wake  # a scan read: its record is made at once
            try:
                yield watcher
            finally:
                if pool is not None:
                    pool.close()
                s = inbox.summary
                line = (f"ثبت: {s.registered}  تکراری: {s.duplicates}  رد: {s.rejected} / "
                        f"registered {s.registered}, duplicates {s.duplicates}, "
                        f"rejected {s.rejected}")
                console.print(line, markup=False)
                logger.info("stopped: %s", line)
    except UnsafeFolders as error:
        names = "، ".join(str(folder) for folder in error.folders)
        raise UserError(f"پوشه‌های خود ناظر باید پوشه‌هایی واقعی درون پوشه ورودی باشند، نه پیوند "
                        f"یا پوشه‌ای بیرونی: {names}",
                        "The watcher's own folders must be real folders inside the inbox, not "
                        f"links or folders elsewhere: {', '.join(map(str, error.folders))}"
                        ) from None
    except AlreadyWatching as error:
        raise UserError(f"ناظر دیگری (فرایند {error.pid}) همین پوشه ورودی را پایش می‌کند.",
                        f"Another watcher (process {error.pid}) is watching this inbox.") from None


def _index(registry: Any) -> Any:
    return registry.sync_index


def _tracking(registry: Any) -> Any:
    from paayesh_docs.tracking import Tracker

    return Tracker(registry, answers=False).sync


_DERIVED = (_index, _tracking)  # what the follower keeps current as files are registered
# Records the watcher and its follower keep in memory: the watcher writes records and
# reads one back only for a duplicate; the follower reads each new one twice in a
# catch-up (index, then tracking), about a second's worth. With the registry's default
# (4,096, for the web application's pages) the last 3,300 registered records' dicts
# stayed in both processes: 5.4 KB each, 17 MB in each (bench/watch.py).
_CACHED_RECORDS = 512


def _reporter(console: Any, logger: logging.Logger) -> Any:
    """One line a file: its status in colour (rich), registry number, name, and subject and
    sender or the reason. The coloured labels are rendered once: rich renders a line in
    about 0.3 ms, a twentieth of what registering a letter costs."""
    from rich.text import Text

    from paayesh_docs.inbox.claims import one_line
    from paayesh_docs.persian.digits import to_persian_digits

    labels = {}
    for status, style in _STYLE.items():
        label = FILE_STATUS_FA[status]
        with console.capture() as captured:
            console.print(Text(label, style=style), end="")
        labels[status] = captured.get()

    def report(name: str, result: Any) -> None:
        name = one_line(name)  # a newline in a name must not split or forge a line
        record = result.record or {}
        if result.status == "registered":
            detail = " — ".join(filter(None, (record.get("subject"), record.get("sender"))))
        else:
            detail = (result.reason or {}).get("fa", "")
        detail = one_line(" ".join(detail.split()))  # one line a file, whatever the fields hold
        number = to_persian_digits(result.registry_number or "")
        console.file.write("  ".join(filter(None, (labels[result.status], number, name,
                                                    detail))) + "\n")
        console.file.flush()
        logger.info("%s %s %s %s", result.status, result.registry_number or "-", name,
                    detail if result.status == "registered" else (result.reason or {}).get("en"))

    return report


def _notice(console: Any, logger: logging.Logger) -> Any:
    """Lines about the watcher itself (our disk full, the registry not writable, and when
    that is over), Persian and English, said once each time."""
    def notice(code: str, fa: str, en: str) -> None:
        style = "green" if code == "resumed" else "bold red"
        console.print(f"[{style}]{fa}[/{style}] / {en}", markup=True)
        logger.warning("%s: %s", code, en)

    return notice


def _stop_on_signals(watcher: Any) -> None:
    def stop(number: int, frame: Any) -> None:
        watcher.stop()
        signal.signal(signal.SIGINT, signal.default_int_handler)  # a second Ctrl+C: at once

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, stop)


def _log_to(folder: Path) -> logging.Logger:
    """`registry/logs/watch.log`, 5 MB a file, the last five kept; the library's warnings too."""
    folder.mkdir(parents=True, exist_ok=True)
    handler = _QuietFileHandler(folder / "watch.log", maxBytes=5_000_000, backupCount=5,
                                encoding="utf-8")
    handler.setFormatter(_OneLine("%(asctime)s %(levelname)s %(name)s %(message)s"))
    for name in ("paayesh.watch", "paayesh_docs"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False  # the screen gets the clerk's lines, the log the details
    return logging.getLogger("paayesh.watch")


class _OneLine(logging.Formatter):
    """One message a line: control characters in a message (a file's name with a newline)
    are written as escapes, so no line of `watch.log` can be split or forged."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        from paayesh_docs.inbox.claims import one_line

        record.message = one_line(record.message)
        return super().formatMessage(record)


class _QuietFileHandler(RotatingFileHandler):
    """`watch.log` on a full disk or a read-only registry: the line is lost, the watcher
    goes on, and no traceback reaches the clerk's screen (logging's default)."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass
