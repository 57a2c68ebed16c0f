"""The report and the register as Excel workbooks (openpyxl): one sheet per table.

Sheets are right-to-left; numbers are numbers (an evaluator sums and charts them);
every Jalali date is text as a clerk writes it (۱۴۰۵/۰۸/۲۱ in Latin digits, so Excel
sorts it), with the real date beside it in a column of its own, which Excel can compute
with. The first sheet says what the report is: its period and the day it is as of.
"""

from __future__ import annotations

import datetime
import io
import re
from functools import lru_cache
from typing import Any

from paayesh_docs.persian.dates import parse_jalali
from paayesh_docs.reports.labels import Column, Table, tables
from paayesh_docs.reports.periods import Period

_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")
_HEADER_FILL = "E7E6E6"


@lru_cache(maxsize=4096)
def _gregorian(day: str | None) -> datetime.date | None:
    return parse_jalali(day).togregorian() if day else None


def _jalali_text(day: str | None) -> str | None:
    return day.replace("-", "/") if day else None


def _sheet(workbook: Any, title: str, columns: list[Column], rows: list[list[Any]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    used = {sheet.title for sheet in workbook.worksheets}
    name = _SHEET_UNSAFE.sub(" ", title)[:31]
    suffix = 2
    while name in used:
        name = f"{_SHEET_UNSAFE.sub(' ', title)[:28]} {suffix}"
        suffix += 1
    sheet = workbook.create_sheet(name)
    sheet.sheet_view.rightToLeft = True
    header: list[str] = []
    for column in columns:
        header.append(column.label)
        if column.kind == "date":
            header.append(f"{column.label} (میلادی)")
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        values: list[Any] = []
        for column, value in zip(columns, row, strict=True):
            if column.kind == "date":
                values += [_jalali_text(value), _gregorian(value)]
            else:
                values.append(value)
        sheet.append(values)
    index = 0
    for column in columns:
        index += 1
        if column.kind == "date":
            index += 1
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "yyyy-mm-dd"
            sheet.column_dimensions[get_column_letter(index)].width = 12
    for number, cells in enumerate(sheet.iter_cols(), 1):
        longest = max((len(str(cell.value)) for cell in cells if cell.value is not None),
                      default=4)
        letter = get_column_letter(number)
        sheet.column_dimensions[letter].width = max(sheet.column_dimensions[letter].width or 0,
                                                    min(60, longest + 3))
    sheet.freeze_panes = "A2"


def _book() -> Any:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def _bytes(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def report_workbook(figures: dict[str, Any], period: Period) -> bytes:
    """The report's tables, a sheet each, after a sheet naming the period."""
    workbook = _book()
    _sheet(workbook, "گزارش", [Column("شرح"), Column("مقدار"), Column("تاریخ میلادی")],
           [["دوره", period.title, None], ["کد دوره", period.name, None]])
    about = workbook["گزارش"]
    for label, day in (("از", figures["period"]["from"]), ("تا", figures["period"]["to"]),
                       ("وضعیت در تاریخ", figures["on"])):
        about.append([label, _jalali_text(day), _gregorian(day)])
        about.cell(about.max_row, 3).number_format = "yyyy-mm-dd"
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
