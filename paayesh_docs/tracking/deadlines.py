"""Deadlines: due dates by calendar or working days, and everything due in one list.

Dates are Jalali ISO strings (`1405-08-21`) throughout tracking: they compare in the
right order as text, and are what the JSON contract carries.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

import jdatetime

from paayesh_docs.persian.dates import WorkCalendar, add_days, format_iso, parse_jalali


@lru_cache(maxsize=4096)
def jalali(day: str) -> jdatetime.date:
    return parse_jalali(day)


@lru_cache(maxsize=65536)
def add(day: str, days: int, working: bool, calendar: WorkCalendar) -> str:
    """`days` after `day`: calendar days, or working days of the office's calendar.
    (Kept: jdatetime's arithmetic asks the locale each time, 30 µs a call here, and the
    same few hundred days come back for thousands of letters.)"""
    start = jalali(day)
    end = calendar.add_working_days(start, days) if working else add_days(start, days)
    return format_iso(end)


@lru_cache(maxsize=65536)
def day_number(day: str) -> int:
    """A Jalali day as a count of days (the Gregorian ordinal): subtracting two is what
    jdatetime's date arithmetic does, without converting both dates on every call
    (a year's report asks for tens of thousands of differences of the same few hundred
    days)."""
    return jalali(day).togregorian().toordinal()


def days_between(start: str, end: str) -> int:
    return day_number(end) - day_number(start)


def status(due: str, on: str) -> str:
    return "overdue" if on > due else "open"


def month_day(period: str, day: int) -> str:
    """Day `day` of the month after `period` (`1405-07` -> `1405-08-05`)."""
    year, month = int(period[:4]), int(period[5:7])
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return f"{year:04d}-{month:02d}-{day:02d}"


@dataclass
class DueItem:
    """One thing someone owes by a day: a reply to an escalation, a resolution of the
    committee, a step of the statistics rules."""

    kind: str  # escalation | resolution | statistics
    due: str
    status: str  # open | overdue
    what: str  # in Persian, for people
    id: int | None = None  # the record it hangs on
    owner: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def as_json(self, on: str) -> dict[str, Any]:
        data = asdict(self)
        details = data.pop("details")
        return {**data, "days_left": days_between(on, self.due), **details}


def soonest_first(items: list[DueItem], on: str, within: int | None) -> list[DueItem]:
    """Open and overdue items, soonest first; with `within`, only those due by `on + within`
    (and all that are overdue)."""
    if within is not None:
        limit = format_iso(add_days(jalali(on), within))
        items = [item for item in items if item.due <= limit]
    order = {"escalation": 0, "statistics": 1, "resolution": 2}
    return sorted(items, key=lambda item: (item.due, order.get(item.kind, 3), item.what))
