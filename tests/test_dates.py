"""Jalali dates: every written form, the traps that only look like dates, working days."""

from __future__ import annotations

import datetime

import jdatetime
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paayesh_docs.persian.dates import (
    DateParseError,
    WorkCalendar,
    find_dates,
    format_iso,
    format_jalali,
    from_gregorian,
    parse_jalali,
    to_gregorian_iso,
    try_parse_jalali,
)

ACCEPTED = [
    ("۱۴۰۵/۰۸/۲۱", (1405, 8, 21)),
    ("1405/08/21", (1405, 8, 21)),
    ("١٤٠٥/٠٨/٢١", (1405, 8, 21)),
    ("1405-8-21", (1405, 8, 21)),
    ("۱۴۰۵-۸-۲۱", (1405, 8, 21)),
    ("۱۴۰۵.۰۸.۲۱", (1405, 8, 21)),
    ("1405/8/21", (1405, 8, 21)),
    ("۲۱ آبان ۱۴۰۵", (1405, 8, 21)),
    ("۲۱ آبان ماه ۱۴۰۵", (1405, 8, 21)),
    ("۲۱ آبان‌ماه ۱۴۰۵", (1405, 8, 21)),
    ("۲۱ آبانماه ۱۴۰۵", (1405, 8, 21)),
    ("21 آبان 1405", (1405, 8, 21)),
    ("پنجشنبه ۲۱ آبان ۱۴۰۵", (1405, 8, 21)),
    ("سه‌شنبه ۱ مهر ۱۴۰۵", (1405, 7, 1)),
    ("۲۱/۸/۱۴۰۵", (1405, 8, 21)),
    ("21/08/1405", (1405, 8, 21)),
    ("۸۷/۲/۱۶", (1387, 2, 16)),
    ("مورخ ۸۷/۲/۱۶", (1387, 2, 16)),
    ("تاریخ: ۱۴۰۵/۰۸/۲۱", (1405, 8, 21)),
    ("۰۵/۰۱/۱۵", (1405, 1, 15)),
    ("۱۲ اردیبهشت ۱۴۰۰", (1400, 2, 12)),
    ("۱۲ اردی‌بهشت ۱۴۰۰", (1400, 2, 12)),
    ("۵ دي ۱۴۰۴", (1404, 10, 5)),  # Arabic yeh in the month name
    ("۳ اسفند ۱۴۰۲", (1402, 12, 3)),
    ("۱ فروردین ۱۳۰۰", (1300, 1, 1)),
    ("۱۴۰۳/۱۲/۳۰", (1403, 12, 30)),  # 1403 is a leap year
    ("  ۱۴۰۵/۰۸/۲۱  ", (1405, 8, 21)),
]

REJECTED = [
    "۱۴۰۵/۱۳/۰۱",  # month 13
    "۱۴۰۵/۰۸/۳۲",  # day 32
    "۱۴۰۵/۰۷/۳۱",  # the autumn months have 30 days
    "۱۴۰۴/۱۲/۳۰",  # Esfand 30 in a common year
    "۱۲۳/۴۵۶",  # two groups
    "۷/۷۷۵/۰۰۰/۰۰۰",  # an amount
    "۰۵۱-۳۸۴۵۶۷۸۹",  # a phone number
    "021-88776655",
    "10.450",
    "۱۲۳/۴۵۶/ص",  # a letter number
    "۱۶۰۰/۰۱/۰۱",  # out of range
    "۱۲۰۰/۰۱/۰۱",
    "",
    "تاریخ",
    "۳۲ آبان ۱۴۰۵",
    "۲۱ آبانک ۱۴۰۵",
    "۱۴۰۵/۰۰۰۸/۲۱",
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_every_written_form(text: str, expected: tuple[int, int, int]) -> None:
    assert parse_jalali(text) == jdatetime.date(*expected)


@pytest.mark.parametrize("text", REJECTED)
def test_things_that_are_not_dates(text: str) -> None:
    with pytest.raises(DateParseError) as error:
        parse_jalali(text)
    assert text.strip() in str(error.value)
    assert try_parse_jalali(text) is None


def test_find_dates_skips_amounts_phones_and_letter_numbers() -> None:
    text = ("مبلغ ۷/۷۷۵/۰۰۰/۰۰۰ ریال، تلفن ۰۲۱-۸۸۷۷۶۶۵۵، نامه ۱۴۰۵/۱۲۳۴/ص و ۱۲۳/۴۵۶/۷۸۹۰ "
            "مورخ ۸۷/۲/۱۶ و جلسه ۲۱ آبان ماه ۱۴۰۵ ساعت ۱۰")
    found = find_dates(text)
    assert [format_iso(d) for d, _, _ in found] == ["1387-02-16", "1405-08-21"]
    for day, start, end in found:
        assert parse_jalali(text[start:end]) == day


def test_find_dates_in_order_with_offsets() -> None:
    text = "از 1405/1/5 تا ۱۰ تیر ۱۴۰۵"
    found = find_dates(text)
    assert [(format_iso(d), text[s:e]) for d, s, e in found] == [
        ("1405-01-05", "1405/1/5"), ("1405-04-10", "۱۰ تیر ۱۴۰۵")]


def test_formats_for_people_and_for_data() -> None:
    day = jdatetime.date(1405, 8, 21)
    assert format_jalali(day) == "۱۴۰۵/۰۸/۲۱"
    assert format_jalali(day, style="long") == "۲۱ آبان ۱۴۰۵"
    assert format_iso(day) == "1405-08-21"
    assert to_gregorian_iso(day) == "2026-11-12"
    assert from_gregorian(datetime.date(2026, 11, 12)) == day


@settings(max_examples=400, deadline=None)
@given(st.integers(jdatetime.date(1300, 1, 1).toordinal(),
                   jdatetime.date(1500, 12, 29).toordinal()))
def test_format_then_parse_is_identity(ordinal: int) -> None:
    day = jdatetime.date.fromordinal(ordinal)
    assert parse_jalali(format_jalali(day)) == day
    assert parse_jalali(format_jalali(day, style="long")) == day
    assert parse_jalali(format_iso(day)) == day


def test_every_day_of_a_leap_and_a_common_year() -> None:
    for year in (1403, 1404):
        day = jdatetime.date(year, 1, 1)
        while day.year == year:
            assert parse_jalali(format_jalali(day, style="long")) == day
            day += datetime.timedelta(days=1)


def test_working_days_default_friday_off() -> None:
    calendar = WorkCalendar.from_names()
    thursday = jdatetime.date(1405, 8, 21)
    assert thursday.weekday() == 5
    assert calendar.is_working_day(thursday)
    assert not calendar.is_working_day(thursday + datetime.timedelta(days=1))
    assert calendar.add_working_days(thursday, 1) == jdatetime.date(1405, 8, 23)  # Saturday
    assert calendar.add_working_days(jdatetime.date(1405, 8, 22), 0) == jdatetime.date(1405, 8, 23)


def test_working_days_thursday_and_holidays_in_any_written_form() -> None:
    calendar = WorkCalendar.from_names(weekend=["پنجشنبه", "friday"],
                                       holidays=["۱۴۰۵/۰۸/۲۴", "۲۵ آبان ۱۴۰۵"])
    wednesday = jdatetime.date(1405, 8, 20)
    # Thu 21, Fri 22 off; Sat 23 working; Sun 24, Mon 25 holidays; Tue 26 working.
    assert calendar.add_working_days(wednesday, 1) == jdatetime.date(1405, 8, 23)
    assert calendar.add_working_days(wednesday, 2) == jdatetime.date(1405, 8, 26)
    assert calendar.working_days_between(wednesday, jdatetime.date(1405, 8, 26)) == 2
    with pytest.raises(ValueError):
        WorkCalendar.from_names(weekend=["funday"])
