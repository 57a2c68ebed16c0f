"""The report, the register and the resolutions on a terminal: Persian tables, right-aligned."""

from __future__ import annotations

from typing import Any

from paayesh_docs.persian.dates import format_jalali, parse_jalali
from paayesh_docs.persian.digits import to_persian_digits
from paayesh_docs.reports.labels import STATUS_FA, figure_rows


def fa(value: object) -> str:
    return to_persian_digits(str(value)) if value not in (None, "") else "—"


def day_fa(value: str | None) -> str:
    return format_jalali(parse_jalali(value)) if value else "—"


def _table(title: str, columns: list[str], rows: list[list[str]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="right")
    for column in columns:
        table.add_column(column, justify="right")
    for row in rows:
        table.add_row(*row)
    Console(highlight=False).print(table)


def print_summary(figures: dict[str, Any], period: Any) -> None:
    """Each table of the report, figure by figure."""
    for title, columns, rows in figure_rows(figures):
        _table(title, columns, [[fa(cell) for cell in row] for row in rows])
    print(f"گزارش {period.title} تا {day_fa(figures['on'])} / report of {period.name} "
          f"as of {figures['on']}")


def print_register(rows: list[dict[str, Any]]) -> None:
    _table("دفتر اندیکاتور", ["شماره ثبت", "تاریخ", "شماره نامه", "فرستنده / گیرنده",
                              "موضوع", "پیوست", "ابطال"],
           [[fa(r["registry_number"]), day_fa(r["date"]), fa(r["number"]), r["party"] or "—",
             r["subject"] or "—", r["attachments"] or "—", "ابطال‌شده" if r["void"] else ""]
            for r in rows])
    print(f"{fa(len(rows))} ردیف / {len(rows)} rows")


def print_resolutions(rows: list[dict[str, Any]], on: str) -> None:
    _table(f"مصوبات تا {day_fa(on)}", ["جلسه", "تاریخ جلسه", "ردیف", "مصوبه", "مسئول", "مهلت",
                                      "وضعیت"],
           [[fa(r["meeting"]), day_fa(r["meeting_date"]), fa(r["item"]), r["text"], r["owner"],
             day_fa(r["deadline"]), STATUS_FA[r["status"]]] for r in rows])
