"""A search's hits as a spreadsheet: `paayesh search … --xlsx FILE` / `--csv FILE`.

Every hit of the search (not only the first `--limit`), in the search's order, with what
a register row shows: registry number, Jalali date as text and the real date beside it,
letter number, direction, sender, recipients, subject, status. The CSV is UTF-8 with a
byte-order mark, which is how Excel knows to read Persian from a CSV file.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from paayesh_docs.reports.figures import display
from paayesh_docs.reports.labels import DIRECTION_FA, KIND_FA, Column, Table

COLUMNS = [Column("شماره ثبت", "code"), Column("تاریخ", "date"), Column("شماره نامه", "code"),
           Column("نوع", "short"), Column("گونه", "short"), Column("فرستنده"),
           Column("گیرنده"), Column("موضوع"), Column("وضعیت", "short")]
STATUS_FA = {"registered": "ثبت‌شده", "void": "ابطال‌شده"}


def search_table(registry: Any, hits: list[dict[str, Any]]) -> Table:
    """The hits as a table, each row from its record."""
    table = registry.table()
    rows = []
    for hit in hits:
        record = table.get(str(hit["id"])) or {}
        rows.append([
            record.get("registry_number"), record.get("date") or record.get("registered_date"),
            record.get("number"), DIRECTION_FA.get(record.get("direction") or "", ""),
            KIND_FA.get(record.get("kind") or "", record.get("kind")),
            display(record.get("sender") or "") or None,
            "؛ ".join(display(r) for r in record.get("recipients") or () if r) or None,
            record.get("subject"), STATUS_FA.get(record.get("status") or "registered")])
    return Table("search", "نتایج جستجو", COLUMNS, rows)


def search_csv(table: Table) -> bytes:
    from paayesh_docs.reports.xlsx import _gregorian, _jalali_text

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header: list[str] = []
    for column in table.columns:
        header.append(column.label)
        if column.kind == "date":
            header.append(f"{column.label} (میلادی)")
    writer.writerow(header)
    for row in table.rows:
        values: list[Any] = []
        for column, value in zip(table.columns, row, strict=True):
            if column.kind == "date":
                day = _gregorian(value)
                values += [_jalali_text(value), day.isoformat() if day else ""]
            else:
                values.append("" if value is None else value)
        writer.writerow(values)
    return buffer.getvalue().encode("utf-8-sig")


def search_workbook(table: Table) -> bytes:
    from paayesh_docs.reports.xlsx import _book, _bytes, _sheet

    workbook = _book()
    _sheet(workbook, table.title, table.columns, table.rows)
    return _bytes(workbook)
