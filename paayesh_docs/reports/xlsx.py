"""The report and the register as Excel workbooks (`workbook`): one sheet per table.

Sheets are right-to-left; numbers are numbers (an evaluator sums and charts them);
every Jalali date is text as a clerk writes it (۱۴۰۵/۰۸/۲۱ in Latin digits, so Excel
sorts it), with the real date beside it in a column of its own, which Excel can compute
with. The first sheet says what the report is: its period and the day it is as of.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from typing import Any

from paayesh_docs.persian.dates import parse_jalali
from paayesh_docs.reports.labels import Column, Table, tables
from paayesh_docs.reports.periods import Period
from paayesh_docs.reports.workbook import Workbook

_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


@lru_cache(maxsize=4096)
def _gregorian(day: str | None) -> datetime.date | None:
    return parse_jalali(day).togregorian() if day else None


def _jalali_text(day: str | None) -> str | None:
    return day.replace("-", "/") if day else None


def _sheet(workbook: Workbook, title: str, columns: list[Column], rows: list[list[Any]]
           ) -> None:
    """A sheet of `rows` under a header naming `columns` (a date column becomes two: the
    Jalali text and the real date), written straight through (`workbook`: a year's
    register of 100,000 rows took 40 s through openpyxl)."""
    used = set(workbook.sheetnames)
    name = _SHEET_UNSAFE.sub(" ", title)[:31]
    suffix = 2
    while name in used:
        name = f"{_SHEET_UNSAFE.sub(' ', title)[:28]} {suffix}"
        suffix += 1
    header: list[str] = []
    for column in columns:
        header.append(column.label)
        if column.kind == "date":
            header.append(f"{column.label} (میلادی)")
    if any(column.kind == "date" for column in columns):
        values: list[list[Any]] = []
        for row in rows:
            line: list[Any] = []
            for column, value in zip(columns, row, strict=True):
                if column.kind == "date":
                    line += [_jalali_text(value), _gregorian(value)]
                else:
                    line.append(value)
            values.append(line)
    else:
        values = rows
    dates = {i for i, label in enumerate(header) if label.endswith("(میلادی)")}
    widths = []
    for index, label in enumerate(header):
        longest = max([len(label)] + [len(str(line[index])) for line in values[:2000]
                                      if line[index] is not None])
        widths.append(12 if index in dates else min(60, longest + 3))
    workbook.add_sheet(name, header, values, widths)


def _book() -> Workbook:
    return Workbook()


def _bytes(workbook: Workbook) -> bytes:
    return workbook.close()


def report_workbook(figures: dict[str, Any], period: Period) -> bytes:
    """The report's tables, a sheet each, after a sheet naming the period."""
    workbook = _book()
    days = [("از", figures["period"]["from"]), ("تا", figures["period"]["to"]),
            ("وضعیت در تاریخ", figures["on"])]
    _sheet(workbook, "گزارش", [Column("شرح"), Column("مقدار"), Column("تاریخ میلادی")],
           [["دوره", period.title, None], ["کد دوره", period.name, None],
            *([label, _jalali_text(day), _gregorian(day)] for label, day in days)])
    for table in tables(figures):
        _sheet(workbook, table.title, table.columns, table.rows)
    return _bytes(workbook)


REGISTER_COLUMNS = [Column("شماره ثبت", "code"), Column("تاریخ ثبت", "date"),
                    Column("تاریخ نامه", "date"),
                    Column("شماره نامه", "code"), Column("نوع"), Column("فرستنده / گیرنده"),
                    Column("موضوع"), Column("پیوست"), Column("ابطال")]


def register_table(rows: list[dict[str, Any]], title: str) -> Table:
    from paayesh_docs.reports.labels import DIRECTION_FA

    return Table("register", title, REGISTER_COLUMNS, [
        [r["registry_number"], r["registered"], r["date"], r["number"],
         DIRECTION_FA.get(r["direction"], r["direction"]), r["party"], r["subject"],
         r["attachments"], f"ابطال‌شده: {r['void_reason'] or ''}".strip(" :")
         if r["void"] else None] for r in rows])


def register_workbook(rows: list[dict[str, Any]], year: int, direction: str | None) -> bytes:
    from paayesh_docs.reports.register import register_title

    workbook = _book()
    table = register_table(rows, register_title(year, direction))
    _sheet(workbook, table.title, table.columns, table.rows)
    return _bytes(workbook)
