"""The register (دفتر اندیکاتور) of a year: every registry number in order, as a paper one.

One row per number: registry number, registration date, the letter's own date and number,
the sender (incoming) or recipients (outgoing, internal), subject, attachments, and a
voided record marked as such with its reason (a register never drops a number). Numbers
run per direction, so the register lists incoming, then outgoing, then internal, each in
number order; `--direction` keeps one.

The PDF is landscape A4, right to left, in the house style (`paayesh.css`, Vazirmatn);
its header row repeats on every page and each page says «صفحه ۲ از ۹». It is drawn by
`pdf_table`, not laid out by WeasyPrint (70 rows a second: half an hour for a year).
"""

from __future__ import annotations

from typing import Any

from paayesh_docs.config import Settings
from paayesh_docs.persian.digits import to_persian_digits
from paayesh_docs.registry import Registry
from paayesh_docs.reports.figures import display
from paayesh_docs.reports.labels import DIRECTION_FA
from paayesh_docs.tracking.tracker import paused_collector

ORDER = {"incoming": 0, "outgoing": 1, "internal": 2}


def register_title(year: int, direction: str | None) -> str:
    which = f" - {DIRECTION_FA[direction]}" if direction else ""
    return f"دفتر اندیکاتور {to_persian_digits(str(year))}{which}"


def register_rows(registry: Registry, year: int, direction: str | None = None,
                  visible: Any = None) -> list[dict[str, Any]]:
    """The year's rows in number order (`visible`: only the records it accepts)."""
    with paused_collector():  # 100,000 records parsed: see `tracking.paused_collector`
        return _rows(registry, year, direction, visible, registry.ids_of_year(year, direction))


def _rows(registry: Registry, year: int, direction: str | None,
          visible: Any, ids: list[int]) -> list[dict[str, Any]]:
    rows = []
    for record in registry.scan(ids):
        if record.get("year") != year or (direction and record.get("direction") != direction):
            continue
        if visible is not None and not visible(record):
            continue
        way = record.get("direction") or "incoming"
        if way == "incoming":
            party = display(record.get("sender") or "")
        else:
            party = "؛ ".join(display(r) for r in record.get("recipients") or () if r)
        rows.append({
            "id": record["id"], "registry_number": record.get("registry_number"),
            "seq": record.get("seq") or 0, "direction": way,
            "registered": record.get("registered_date"), "date": record.get("date"),
            "number": record.get("number"), "party": party or None,
            "subject": record.get("subject"), "attachments": record.get("attachments"),
            "void": record.get("status") == "void", "void_reason": record.get("void_reason")})
    rows.sort(key=lambda r: (ORDER.get(r["direction"], 3), r["seq"]))
    return rows


def register_page(registry: Registry, year: int, direction: str | None,
                  clearance: str | None, offset: int, limit: int
                  ) -> tuple[list[dict[str, Any]], int]:
    """One page of the year's rows, in number order, and how many rows the whole register
    has, within `clearance`: the order and the count come from what the registry keeps
    in memory of every record and the ids classified above the clearance
    (`Registry.ids_above`), so only the page's own records are read (a year of 100,000
    letters is no slower to page through than a month)."""
    from paayesh_docs.registry.clearance import visible

    hidden = registry.ids_above(clearance)
    ordered = sorted((ORDER.get(way, 3), seq, doc_id)
                     for way, seq, doc_id in registry.numbered_in_year(year, direction)
                     if doc_id not in hidden)
    wanted = [doc_id for _, _, doc_id in ordered[offset:offset + limit]]
    with paused_collector():
        rows = _rows(registry, year, direction, lambda record: visible(record, clearance),
                     wanted)
    return rows, len(ordered)


COLUMNS = [("شماره ثبت", 0.11, False, False), ("تاریخ ثبت", 0.08, True, True),
           ("تاریخ نامه", 0.08, True, True), ("شماره نامه", 0.11, False, False),
           ("فرستنده / گیرنده", 0.19, False, True), ("موضوع", 0.28, False, True),
           ("پیوست", 0.06, True, True), ("ابطال", 0.09, False, True)]


def register_pdf(settings: Settings, rows: list[dict[str, Any]], year: int,
                 direction: str | None) -> bytes:
    """The register as a PDF (`reports.pdf_table`: seconds for a year's 100,000 rows)."""
    from paayesh_docs.persian.dates import format_jalali, parse_jalali, today_jalali
    from paayesh_docs.reports.pdf_table import RED, Column, Heading, TablePdf

    table = TablePdf([Column(title, share, center, wrap)
                      for title, share, center, wrap in COLUMNS])
    mark = table.style(bold=True, color=RED)
    days: dict[str, str] = {}

    def day(value: str | None) -> str:
        if not value:
            return "—"
        found = days.get(value)
        if found is None:
            found = days[value] = format_jalali(parse_jalali(value))
        return found

    def lines() -> Any:
        for r in rows:
            voided: Any = ""
            if r["void"]:
                reason = r["void_reason"]
                voided = (("ابطال‌شده", mark),) + (((f" {reason}", table.muted),)
                                                   if reason else ())
            yield [to_persian_digits(r["registry_number"] or "") or "—", day(r["registered"]),
                   day(r["date"]), to_persian_digits(r["number"] or "") or "—",
                   r["party"] or "—", r["subject"] or "—", r["attachments"] or "—",
                   voided], r["void"]

    title = register_title(year, direction)
    headings = [Heading(line, table.style(bold=True, size=9))
                for line in settings.compose.organisation]
    headings += [Heading(title, table.style(bold=True, size=14), 2.8, 2.8),
                 Heading(f"تهیه‌شده در {format_jalali(today_jalali())} — "
                         f"{to_persian_digits(str(len(rows)))} ردیف", table.text, 0, 3.6)]
    with paused_collector():  # a year's cells laid out and kept: see `paused_collector`
        return table.render(title, headings, lines())
