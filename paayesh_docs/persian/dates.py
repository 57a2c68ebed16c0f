"""Jalali dates as Persian letters write them, on jdatetime.

Every stage reads dates through `parse_jalali` (one written date) or `find_dates`
(dates inside running text), so that `۱۴۰۵/۰۸/۲۱`, `1405-8-21`, `۲۱ آبان ماه ۱۴۰۵`,
day-first `۲۱/۸/۱۴۰۵` and two-digit years `۸۷/۲/۱۶` all mean one day, and things
that only look like dates (letter numbers `۱۲۳/۴۵۶/ص`, amounts `۷/۷۷۵/۰۰۰/۰۰۰`,
phone numbers) are never taken for one. Dates are shown to people in Jalali with
Persian digits and stored for data as `1405-08-21`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import jdatetime

from paayesh_docs.persian.digits import to_latin_digits, to_persian_digits

MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
          "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")
WEEKDAYS = ("شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه")
_WEEKDAY_NAMES = {
    "saturday": 0, "sunday": 1, "monday": 2, "tuesday": 3, "wednesday": 4, "thursday": 5,
    "friday": 6, "شنبه": 0, "یکشنبه": 1, "دوشنبه": 2, "سهشنبه": 3, "چهارشنبه": 4,
    "پنجشنبه": 5, "جمعه": 6,
}
# Two-digit years: 50-99 are 13xx (۸۷ is 1387), 00-49 are 14xx (۰۵ is 1405).
_CENTURY_PIVOT = 50
MIN_YEAR, MAX_YEAR = 1300, 1500

_D = r"[0-9۰-۹٠-٩]"
_NOT_DIGIT_BEFORE = r"(?<![0-9۰-۹٠-٩/\\\-.٫])"
_NOT_DIGIT_AFTER = r"(?![0-9۰-۹٠-٩]|[/\\\-.٫][0-9۰-۹٠-٩\w])"
_SEP = r"\s?[/\-.٫]\s?"
_NUMERIC = re.compile(
    rf"{_NOT_DIGIT_BEFORE}(?P<a>{_D}{{1,4}})(?P<s1>{_SEP})(?P<b>{_D}{{1,2}})(?P=s1)"
    rf"(?P<c>{_D}{{1,4}}){_NOT_DIGIT_AFTER}"
)
_MONTH_WORDS = {
    "فروردین": 1, "اردیبهشت": 2, "اردی بهشت": 2, "خرداد": 3, "تیر": 4, "مرداد": 5,
    "امرداد": 5, "شهریور": 6, "مهر": 7, "آبان": 8, "آذر": 9, "دی": 10, "بهمن": 11,
    "اسفند": 12,
}
_MONTH_ALTERNATION = "|".join(
    sorted((m.replace(" ", r"[\s\u200c]?").replace("ی", "[یيى]").replace("ک", "[کك]")
            for m in _MONTH_WORDS), key=len, reverse=True)
)
_WORDED = re.compile(
    rf"{_NOT_DIGIT_BEFORE}(?P<day>{_D}{{1,2}})(?:\s*ام)?\s+(?P<month>{_MONTH_ALTERNATION})"
    rf"(?:[\s\u200c]*ماه)?\s+(?:سال\s+)?(?P<year>{_D}{{2,4}}){_NOT_DIGIT_AFTER}"
)
_LABEL = re.compile(r"^\s*(?:مورخ(?:ه)?|تاریخ|به\s+تاریخ)\s*[:：]?\s*")
_WEEKDAY_PREFIX = re.compile(
    r"^\s*(?:(?:یک|دو|سه|چهار|پنج)?[\s\u200c]?شنبه|جمعه)\s*[،,]?\s*"
)


class DateParseError(ValueError):
    """The text is not one Jalali date; the message names the text."""


def _year(text: str) -> int:
    value = int(to_latin_digits(text))
    if len(text) == 2:
        return (1300 if value >= _CENTURY_PIVOT else 1400) + value
    if len(text) == 4 and MIN_YEAR <= value <= MAX_YEAR:
        return value
    raise ValueError(f"year {text} out of range")


def _make(year: int, month: int, day: int) -> jdatetime.date:
    return jdatetime.date(year, month, day)  # raises ValueError for impossible dates


def _from_numeric(match: re.Match[str]) -> jdatetime.date:
    a, b, c = match.group("a"), match.group("b"), match.group("c")
    month = int(to_latin_digits(b))
    if len(a) == 4 or (len(a) == 2 and len(c) <= 2):
        if len(c) > 2:
            raise ValueError("day has too many digits")
        return _make(_year(a), month, int(to_latin_digits(c)))
    if len(c) == 4 and len(a) <= 2:  # day first, as in legal text: ۲۱/۸/۱۴۰۵
        return _make(_year(c), month, int(to_latin_digits(a)))
    raise ValueError("not a year/month/day shape")


def _month_number(word: str) -> int:
    folded = re.sub(r"[\s\u200c]", "", word.replace("ي", "ی").replace("ى", "ی").replace("ك", "ک"))
    for name, number in _MONTH_WORDS.items():
        if name.replace(" ", "") == folded:
            return number
    raise ValueError(f"unknown month {word}")


def _from_worded(match: re.Match[str]) -> jdatetime.date:
    return _make(_year(match.group("year")), _month_number(match.group("month")),
                 int(to_latin_digits(match.group("day"))))


def find_dates(text: str) -> list[tuple[jdatetime.date, int, int]]:
    """Every Jalali date inside `text` with its (start, end) offsets, in order."""
    found: list[tuple[jdatetime.date, int, int]] = []
    for pattern, build in ((_NUMERIC, _from_numeric), (_WORDED, _from_worded)):
        for match in pattern.finditer(text):
            try:
                found.append((build(match), match.start(), match.end()))
            except ValueError:
                continue
    found.sort(key=lambda item: item[1])
    return found


def parse_jalali(text: str) -> jdatetime.date:
    """One written Jalali date, the whole string (a leading «مورخ»/«تاریخ:» or weekday is fine)."""
    stripped = _WEEKDAY_PREFIX.sub("", _LABEL.sub("", text.strip())).strip().rstrip(".،,")
    for pattern, build in ((_NUMERIC, _from_numeric), (_WORDED, _from_worded)):
        match = pattern.fullmatch(stripped)
        if match:
            try:
                return build(match)
            except ValueError as error:
                raise DateParseError(f"«{text.strip()}» is not a valid Jalali date: {error}"
                                     ) from None
    raise DateParseError(f"«{text.strip()}» is not a Jalali date")


def try_parse_jalali(text: str) -> jdatetime.date | None:
    try:
        return parse_jalali(text)
    except DateParseError:
        return None


def format_jalali(day: jdatetime.date, style: str = "numeric") -> str:
    """For people: `۱۴۰۵/۰۸/۲۱` (numeric) or `۲۱ آبان ۱۴۰۵` (long), Persian digits."""
    if style == "long":
        return to_persian_digits(f"{day.day} {MONTHS[day.month - 1]} {day.year}")
    if style == "numeric":
        return to_persian_digits(f"{day.year:04d}/{day.month:02d}/{day.day:02d}")
    raise ValueError(f"unknown date style {style!r}")


def format_iso(day: jdatetime.date) -> str:
    """For data: `1405-08-21`, Latin digits."""
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def to_gregorian_iso(day: jdatetime.date) -> str:
    return day.togregorian().isoformat()


def from_gregorian(day: datetime.date) -> jdatetime.date:
    return jdatetime.date.fromgregorian(date=day)


def today_jalali() -> jdatetime.date:
    return jdatetime.date.today()


def months_between(first: str, last: str) -> list[str]:
    """Jalali months `YYYY-MM` from the month of `first` to that of `last` (ISO days or
    months), both included: the months a monthly rule or report walks through."""
    months = []
    year, month = int(first[:4]), int(first[5:7])
    while f"{year:04d}-{month:02d}" <= last[:7]:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def add_days(day: jdatetime.date, days: int) -> jdatetime.date:
    return day + datetime.timedelta(days=days)


@dataclass(frozen=True)
class WorkCalendar:
    """Working days: weekly days off (jdatetime weekday: 0 شنبه … 6 جمعه) and holidays."""

    weekend: frozenset[int] = frozenset({6})
    holidays: frozenset[jdatetime.date] = field(default_factory=frozenset)

    @classmethod
    def from_names(cls, weekend: Iterable[str] = ("friday",),
                   holidays: Iterable[str] = ()) -> WorkCalendar:
        """From `paayesh.toml` values: English or Persian weekday names, written dates."""
        days = set()
        for name in weekend:
            key = re.sub(r"[\s\u200c]", "", name.strip().lower())
            if key not in _WEEKDAY_NAMES:
                raise ValueError(f"unknown weekday {name!r}")
            days.add(_WEEKDAY_NAMES[key])
        return cls(frozenset(days), frozenset(parse_jalali(h) for h in holidays))

    def is_working_day(self, day: jdatetime.date) -> bool:
        return day.weekday() not in self.weekend and day not in self.holidays

    def add_working_days(self, day: jdatetime.date, count: int) -> jdatetime.date:
        """`count` working days after `day` (not counting it); 0 gives the next working day."""
        if count < 0:
            raise ValueError("count must not be negative")
        while not self.is_working_day(day) and count == 0:
            day = add_days(day, 1)
        while count > 0:
            day = add_days(day, 1)
            if self.is_working_day(day):
                count -= 1
        return day

    def working_days_between(self, start: jdatetime.date, end: jdatetime.date) -> int:
        """Working days in (start, end]."""
        count, day = 0, start
        while day < end:
            day = add_days(day, 1)
            count += self.is_working_day(day)
        return count
