"""The daily list beside the inbox: what became of each file, for clerks who only see folders.

`inbox/_registered/1405-09-10.txt` (the Jalali day of registration, Latin digits so
the names sort and are easy to type) lists each file registered that day, one line
a file, in Persian digits:

    ۲۰:۱۳ | ۱۴۰۵/و/۰۰۰۰۱۲ | letter.docx | موضوع: … | فرستنده: …

(the file's own name is kept as the clerk gave it). The watcher and `paayesh ingest`
append to it as they register, both at once if need be: each append takes an
exclusive lock on the file, writes its lines with one `write`, and is fsynced (the
folder too, when the file is new) before the file it names leaves `_working`. After a
crash a file registered already is listed only if its line is not there yet.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from paayesh_docs.persian.dates import format_jalali, parse_jalali
from paayesh_docs.persian.digits import to_persian_digits

log = logging.getLogger(__name__)

REGISTERED = "_registered"
_SEP = " | "


def daily_list_path(inbox: Path, day: str) -> Path:
    """The list of day `day` (`1405-09-10`)."""
    return inbox / REGISTERED / f"{day}.txt"


def _one_line(value: object, digits: bool = True) -> str:
    text = " ".join(str(value or "").split())  # a newline in a name never splits a line
    return (to_persian_digits(text) if digits else text) or "—"


def _clock(registered_at: str | None) -> str:
    try:
        moment = datetime.datetime.fromisoformat(registered_at or "")
    except ValueError:
        return "—"
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return to_persian_digits(f"{moment:%H:%M}")


def list_line(record: dict[str, Any]) -> str:
    """One registered file's line: time, registry number, file name, subject, sender."""
    return _SEP.join((_clock(record.get("registered_at")),
                      _one_line(record.get("registry_number")),
                      _one_line((record.get("source") or {}).get("name"), digits=False),
                      f"موضوع: {_one_line(record.get('subject'))}",
                      f"فرستنده: {_one_line(record.get('sender'))}")) + "\n"


def header(day: str) -> str:
    """The first line of a day's list."""
    return (f"فهرست فایل‌های ثبت‌شده در روز {format_jalali(parse_jalali(day), style='long')} "
            f"(ساعت{_SEP}شماره ثبت{_SEP}نام فایل{_SEP}موضوع{_SEP}فرستنده)\n")


def _number_mark(record: dict[str, Any]) -> str:
    return f"{_SEP}{_one_line(record.get('registry_number'))}{_SEP}"


def note_registered(inbox: Path, records: Iterable[dict[str, Any]],
                    recovered: bool = False) -> None:
    """Append the records' lines to their days' lists, durably. `recovered`: records that
    may be listed already (registered before a crash), listed only if they are not.

    A list that cannot be written (disk full, read-only share) is logged, never raised:
    the files are registered, and the registry, not this list, is their record."""
    by_day: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        if record and record.get("registered_date"):
            by_day.setdefault(record["registered_date"], []).append(record)
    for day, day_records in by_day.items():
        path = daily_list_path(inbox, day)
        try:
            _append(path, day, day_records, recovered)
        except OSError as error:
            log.warning("could not add %d line(s) to %s: %s", len(day_records), path, error)


def _append(path: Path, day: str, records: list[dict[str, Any]], recovered: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # the other writer waits; released on close
        size = os.fstat(descriptor).st_size
        if recovered and size:
            with open(path, encoding="utf-8", errors="replace") as stream:
                listed = stream.read()
            records = [r for r in records if _number_mark(r) not in listed]
        if not records:
            return
        text = (header(day) if size == 0 else "") + "".join(map(list_line, records))
        data = text.encode("utf-8")
        while data:  # one write in practice; the lock keeps a longer one whole too
            data = data[os.write(descriptor, data):]
        os.fsync(descriptor)
        if size == 0:  # a new day's file: its name survives a power cut too
            _fsync_folder(path.parent)
            _fsync_folder(path.parent.parent)
    finally:
        os.close(descriptor)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
