"""The register (دفتر اندیکاتور) of a year: every registry number in order, as a paper one.

One row per number: registry number, registration date, the letter's own date and number,
the sender (incoming) or recipients (outgoing, internal), subject, attachments, and a
voided record marked as such with its reason (a register never drops a number). Numbers
run per direction, so the register lists incoming, then outgoing, then internal, each in
number order; `--direction` keeps one.

The PDF is landscape A4, right to left, in the house style (`paayesh.css`, Vazirmatn);
its header row repeats on every page and each page says «صفحه ۲ از ۹».
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


def register_html(settings: Settings, rows: list[dict[str, Any]], year: int,
                  direction: str | None) -> str:
    from markupsafe import escape

    from paayesh_docs.compose.pdf import isolate
    from paayesh_docs.persian.dates import format_jalali, parse_jalali, today_jalali

    def day(value: str | None) -> str:
        return format_jalali(parse_jalali(value)) if value else "—"

    def cell(value: Any) -> str:
        return str(isolate(value)) if value not in (None, "") else "—"

    body = []
    for r in rows:
        void = ' class="void"' if r["void"] else ""
        mark = (f'<span class="voided">ابطال‌شده</span> {cell(r["void_reason"])}'
                if r["void"] else "")
        body.append(
            f"<tr{void}><td class=\"number\">{to_persian_digits(r['registry_number'] or '')}</td>"
            f"<td class=\"center\">{day(r['registered'])}</td>"
            f"<td class=\"center\">{day(r['date'])}</td>"
            f"<td class=\"number\">{to_persian_digits(r['number'] or '') or '—'}</td>"
            f"<td>{cell(r['party'])}</td><td>{cell(r['subject'])}</td>"
            f"<td class=\"center\">{cell(r['attachments'])}</td><td>{mark}</td></tr>")
    organisation = "".join(f"<p>{escape(line)}</p>" for line in settings.compose.organisation)
    title = register_title(year, direction)
    return f"""<!DOCTYPE html>
<html dir="rtl" lang="fa"><head><meta charset="utf-8"><title>{escape(title)}</title></head>
<body class="register">
<div class="register-head">
  <div class="organisation">{organisation}</div>
  <p class="title">{escape(title)}</p>
  <p class="made">تهیه‌شده در {format_jalali(today_jalali())} — {to_persian_digits(str(len(rows)))}
  ردیف</p>
</div>
<table class="grid register-table">
<thead><tr><th style="width: 11%">شماره ثبت</th><th style="width: 8%">تاریخ ثبت</th>
<th style="width: 8%">تاریخ نامه</th><th style="width: 11%">شماره نامه</th>
<th style="width: 19%">فرستنده / گیرنده</th><th>موضوع</th><th style="width: 6%">پیوست</th>
<th style="width: 9%">ابطال</th></tr></thead>
<tbody>{''.join(body)}</tbody></table>
</body></html>"""


REGISTER_CSS = """
@page { size: A4 landscape; margin: 1.2cm 1.2cm 1.4cm 1.2cm;
        @top-center { content: none; } @bottom-center { content: none; }
        @bottom-left { content: "صفحه " counter(page, persian) " از " counter(pages, persian);
                       font-family: Vazirmatn, sans-serif; font-size: 8.5pt; } }
html { font-size: 9pt; line-height: 1.45; }
.register-head { text-align: center; margin-bottom: 0.4em; }
.register-head .organisation p { text-align: center; font-weight: bold; margin: 0; }
.register-head .title { text-align: center; font-weight: bold; font-size: 14pt; margin: 0.2em 0; }
.register-head .made { text-align: center; font-size: 8.5pt; }
table.register-table { font-size: 8.5pt; }
table.register-table thead { display: table-header-group; }
table.register-table tr { break-inside: avoid; }
table.register-table td.number { white-space: nowrap; }
table.register-table tr.void td { color: #7f7f7f; }
.voided { color: #c00000; font-weight: bold; }
"""


def register_pdf(settings: Settings, rows: list[dict[str, Any]], year: int,
                 direction: str | None) -> bytes:
    from paayesh_docs.reports.document import render_pdf

    return render_pdf(settings, register_html(settings, rows, year, direction), REGISTER_CSS)
