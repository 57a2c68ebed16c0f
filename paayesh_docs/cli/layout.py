"""The Persian layout of a document's fields, for `paayesh extract` and `paayesh show`.

Clean text lines, "label: value", one value a line (a letter's copies and references
each get their own): a terminal shows right-to-left text poorly, so nothing is drawn,
padded or boxed. Dates are Jalali, written the Persian way; digits are Persian; a
missing value is «—». Nothing of Python (a list, a dict, None) ever reaches the screen.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from paayesh_docs.ingest.fields import (
    CLASSIFICATION_NAMES,
    KIND_NAMES,
    PRIORITY_NAMES,
    RELATION_NAMES,
)
from paayesh_docs.registry.numbering import DIRECTION_NAMES
from paayesh_docs.registry.revisions import STATUS_FA

PRIORITY_FA = PRIORITY_NAMES  # one table of the standard's four names, kept by ingest
CLASS_FA = CLASSIFICATION_NAMES
KIND_FA = KIND_NAMES
DIRECTION_FA = DIRECTION_NAMES
RELATION_FA = RELATION_NAMES
NONE = "—"

Rows = list[tuple[str, str]]


def one_line(value: object) -> str:
    """A value as one line of Persian text: digits Persian, whitespace (newlines too) one
    space, nothing at all as «—»."""
    from paayesh_docs.persian.digits import to_persian_digits

    if value is None or value == "":
        return NONE
    text = " ".join(str(value).split())
    return to_persian_digits(text) if text else NONE


def plain(value: object) -> str:
    """A file name or path as one line, its digits as they are (it must stay findable)."""
    text = " ".join(str(value).split()) if value not in (None, "") else ""
    return text or NONE


def jalali(value: str | None, style: str = "numeric") -> str:
    """A stored Jalali date (`1405-08-21`) the Persian way (۱۴۰۵/۰۸/۲۱ or ۲۱ آبان ۱۴۰۵);
    a value that is no date is shown as it is, never as an error."""
    from paayesh_docs.persian.dates import DateParseError, format_jalali, parse_jalali

    if not value:
        return NONE
    try:
        return format_jalali(parse_jalali(value), style=style)
    except DateParseError:
        return one_line(value)


def _named(names: dict[str, str], value: str | None) -> str:
    return names.get(value or "", one_line(value)) if value else NONE


def _joined(*parts: object, sep: str = " ") -> str:
    kept = [one_line(part) for part in parts if part not in (None, "")]
    return sep.join(kept) or NONE


def _each(label: str, values: Iterable[str]) -> Rows:
    """One row a value, all under the same label; a single «—» when there is none."""
    rows = [(label, value) for value in values]
    return rows or [(label, NONE)]


def reference_text(ref: dict[str, Any]) -> str:
    """`۵۶۷/الف مورخ ۱۴۰۵/۰۷/۲۰`: a cited letter's number and date."""
    date = jalali(ref.get("date")) if ref.get("date") else ""
    return _joined(ref.get("number"), date and f"مورخ {date}")


def field_rows(fields: dict[str, Any], date_style: str = "long") -> Rows:
    """The `extract` contract's fields as labelled rows: what a letter says of itself."""
    rows: Rows = [
        ("شماره نامه", one_line(fields.get("number"))),
        ("تاریخ", jalali(fields.get("date"), date_style)),
        ("موضوع", one_line(fields.get("subject"))),
        ("فرستنده", one_line(fields.get("sender"))),
        *_each("گیرنده", (one_line(r) for r in fields.get("recipients") or [])),
        *_each("رونوشت", (_joined(c.get("to"), c.get("purpose"), sep=" — ")
                          for c in fields.get("copies") or [])),
        *([(RELATION_FA.get(r.get("relation") or "", "عطف / پیرو"), reference_text(r))
           for r in fields.get("references") or []] or [("عطف / پیرو", NONE)]),
        ("پیوست", one_line(fields.get("attachments"))),
        ("فوریت", _named(PRIORITY_FA, fields.get("priority"))),
        ("طبقه‌بندی", _named(CLASS_FA, fields.get("classification"))),
    ]
    meeting = fields.get("meeting")
    if meeting:
        rows += [
            ("جلسه", _joined(meeting.get("number"), meeting.get("place"), sep=" — ")),
            ("تاریخ جلسه", jalali(meeting.get("date"), date_style)),
            *_each("حاضر", (one_line(a) for a in meeting.get("attendees") or [])),
            *_each("دستور جلسه", (one_line(a) for a in meeting.get("agenda") or [])),
            *_each("مصوبه", (_joined(item.get("text"), item.get("owner"),
                                     item.get("deadline") and
                                     f"مهلت {jalali(item['deadline'])}", sep=" — ")
                             for item in meeting.get("resolutions") or [])),
        ]
    return rows


def _registered_at(value: str | None) -> str:
    """`2026-12-01T20:13:39+00:00` as `۱۰ آذر ۱۴۰۵، ساعت ۲۰:۱۳`, in this machine's time zone."""
    import jdatetime

    from paayesh_docs.persian.dates import format_jalali

    if not value:
        return NONE
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return one_line(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    day = jdatetime.date.fromgregorian(date=moment.date())
    return f"{format_jalali(day, style='long')}، ساعت {one_line(f'{moment:%H:%M}')}"


def _under_office(path: Path, home: Path) -> str:
    """`path` relative to the office when it lies inside it (what a clerk can find)."""
    try:
        return str(path.relative_to(home))
    except ValueError:
        return os.path.normpath(path)


def record_rows(record: dict[str, Any], home: Path, registry: Path) -> Rows:
    """One registered record, as `paayesh show` prints it: the register's own facts
    (number, kind, when), what the letter says, and where its original is kept."""
    from paayesh_docs.registry.archive import Archive

    kind = _named(KIND_FA, record.get("kind"))
    direction = DIRECTION_FA.get(record.get("direction") or "", "")
    source = record.get("source") or {}
    rows: Rows = [
        ("شماره ثبت", one_line(record.get("registry_number"))),
        ("نوع", " ".join(filter(None, (kind, direction)))),
        *field_rows(record),
        ("زمان ثبت", _registered_at(record.get("registered_at"))),
        ("وضعیت", _named(STATUS_FA, record.get("status"))),
        ("نام فایل", plain(source.get("name"))),
    ]
    archive = Archive(registry)
    for entry in [source, *(record.get("files") or [])]:
        if entry.get("sha256") and entry.get("format") is not None:
            original = archive.original_path(entry["sha256"], "." + entry["format"]
                                             if entry["format"] else "")
            rows.append(("نسخه بایگانی", plain(_under_office(original, home))))
    rows.append(("شناسه", one_line(record.get("id"))))
    return rows


def echo_rows(rows: Rows, indent: str = "") -> None:
    """Print rows as `label: value` lines (values are one line each already)."""
    for label, value in rows:
        click.echo(f"{indent}{label}: {value}")


def print_record(record: dict[str, Any], home: Path, registry: Path) -> None:
    """`paayesh show`'s layout of one record (a record dict as `Registry.find` gives it);
    whatever follows it (a history) is printed after these lines."""
    echo_rows(record_rows(record, home, registry))
