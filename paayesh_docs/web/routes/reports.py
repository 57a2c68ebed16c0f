"""The evaluators' reports (`/reports`), the register (`/book`) and the search page's
spreadsheet export (`/search/export.xlsx|.csv`), from the reports library
(`paayesh_docs.reports`), as `paayesh report period|register` and `search --xlsx` give them.

Everything is within the reader's clearance: every report function is given
`visible(record, user.clearance)`, so a record above it is counted nowhere. The charts
are the library's (SVG bars with HTML word labels, `reports.charts`), shown as SVG images
(a `foreignObject` holds the labels) in `data:` addresses: the page's CSP forbids the
inline `style` attributes the labels carry, while an image is a document of its own.
Every download is written to the audit log.
"""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from starlette.responses import Response

from paayesh_docs.access.users import User
from paayesh_docs.persian.dates import DateParseError, format_iso, parse_jalali
from paayesh_docs.persian.digits import to_latin_digits
from paayesh_docs.registry.clearance import visible
from paayesh_docs.web.deps import office, render, require
from paayesh_docs.web.kept import kept

router = APIRouter()
_MAY_REPORTS = Depends(require("reports"))
MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "pdf": "application/pdf",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "csv": "text/csv; charset=utf-8"}
DIRECTIONS = {"incoming": "وارده", "outgoing": "صادره", "internal": "داخلی"}


def _bad(fa: str, en: str) -> HTTPException:
    return HTTPException(422, f"{fa} / {en}")


def _day(on: str) -> tuple[str, tuple[str, str] | None]:
    """The "as of" day typed in any written form; today (and a problem) when it is none."""
    from paayesh_docs.tracking.tracker import today

    if not on.strip():
        return today(), None
    try:
        return format_iso(parse_jalali(on.strip())), None
    except DateParseError:
        return today(), (f"«{on}» تاریخ معتبری نیست؛ گزارش تا امروز نشان داده شد.",
                         f"{on!r} is not a date; the report is as of today.")


def _default_period(day: str) -> str:
    """The quarter holding `day` (what an evaluator asks for most)."""
    return f"{day[:4]}Q{(int(day[5:7]) - 1) // 3 + 1}"


def _choices(year: int) -> list[tuple[str, str]]:
    """The periods offered in the list: the year, its halves, quarters and months."""
    from paayesh_docs.reports.periods import parse_period

    names = [f"{year}", f"{year}H1", f"{year}H2", *(f"{year}Q{q}" for q in range(1, 5)),
             *(f"{year}-{m:02d}" for m in range(1, 13))]
    return [(name, parse_period(name).title) for name in names]


# A list of the page (a year's statistics filings, escalations) shows this many rows; the
# XLSX and the documents hold every one (8,536 filings made a 3 MB page at 100,000 records)
PAGE_LIST_ROWS = 200


def _figures(request: Request, user: User, period: Any, day: str) -> dict[str, Any]:
    """The period's figures within the reader's clearance, kept for the page's downloads
    (`web.kept`): a year's take seconds at 100,000 records."""
    from paayesh_docs.reports.figures import period_report

    return kept(request, ("report", period.name, day, user.clearance),
                lambda tracker: period_report(
                    tracker, period, day, visible=lambda record: visible(record, user.clearance)))


def _chart_image(html: str, width: int = 640, height: int = 260) -> str:
    """A chart's box (SVG and HTML labels) as one SVG image in a `data:` address."""
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}"><foreignObject x="0" y="0" width="{width}" '
           f'height="{height}"><div xmlns="http://www.w3.org/1999/xhtml" dir="rtl" '
           f'style="font-family: Vazirmatn, Tahoma, sans-serif">{html}</div>'
           f"</foreignObject></svg>")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _attachment(data: bytes, fmt: str, name: str) -> Response:
    return Response(data, media_type=MEDIA[fmt], headers={
        "Content-Disposition": f"attachment; filename=\"{quote(name)}\"; "
                               f"filename*=UTF-8''{quote(name)}"})


def _period_or_problem(text: str) -> tuple[Any, tuple[str, str] | None]:
    from paayesh_docs.reports.periods import PeriodError, parse_period

    try:
        return parse_period(text), None
    except PeriodError as error:
        return None, (error.fa, error.en)


@router.get("/reports")
def reports_page(request: Request, period: str = "", on: str = "",
                 user: User = _MAY_REPORTS) -> Response:
    from paayesh_docs.reports.charts import charts
    from paayesh_docs.reports.labels import tables

    day, problem = _day(on)
    typed = period.strip() or _default_period(day)
    found, period_problem = _period_or_problem(typed)
    problem = period_problem or problem
    figures = _figures(request, user, found, day) if found else None
    report_tables = [(table, len(table.rows)) for table in tables(figures)] if figures else []
    report_charts = ([(chart.title, _chart_image(chart.html)) for chart in charts(figures)]
                     if figures else [])
    query = urlencode({"period": found.name if found else typed, "on": day})
    year = int(day[:4])
    return render(request, "reports.html", period=found, typed=typed, on=on, day=day,
                  problem=problem, figures=figures, tables=report_tables,
                  charts=report_charts, query=query, choices=_choices(year),
                  list_rows=PAGE_LIST_ROWS)


@router.get("/reports/report.{fmt}")
def report_download(request: Request, fmt: str, period: str = "", on: str = "",
                    user: User = _MAY_REPORTS) -> Response:
    """The period's analytical report (DOCX, PDF) or its tables (XLSX)."""
    from paayesh_docs.reports.periods import PeriodError, parse_period

    if fmt not in ("docx", "pdf", "xlsx"):
        raise HTTPException(404, "پرونده پیدا نشد / not found")
    try:
        found = parse_period(period)
    except PeriodError as error:
        raise _bad(error.fa, error.en) from None
    day, problem = _day(on)
    if problem:
        raise _bad(*problem)
    figures = _figures(request, user, found, day)
    settings = office(request).settings
    if fmt == "xlsx":
        from paayesh_docs.reports.xlsx import report_workbook

        data = report_workbook(figures, found)
    else:
        from paayesh_docs.reports.document import ReportDocument

        document = ReportDocument(settings, found, figures)
        data = document.docx() if fmt == "docx" else document.pdf()
    office(request).audit.log(user, "download", detail={
        "report": found.name, "on": day, "format": fmt})
    return _attachment(data, fmt, f"report-{found.name}.{fmt}")


def _year(text: str, day: str) -> int:
    plain = to_latin_digits(text or "").strip() or day[:4]
    if not (plain.isdigit() and len(plain) == 4):
        raise _bad(f"«{text}» سال نیست؛ سال شمسی را چهار رقمی بنویسید (۱۴۰۵).",
                   f"{text!r} is not a year: write the Jalali year in four digits (1405).")
    return int(plain)


def _direction(text: str) -> str | None:
    if text and text not in DIRECTIONS:
        raise _bad(f"جهت «{text}» نیست؛ وارده، صادره یا داخلی.",
                   f"direction={text!r} is not one of {', '.join(DIRECTIONS)}")
    return text or None


def _register(request: Request, user: User, year: int,
              direction: str | None) -> list[dict[str, Any]]:
    from paayesh_docs.reports.register import register_rows

    the_office = office(request)
    with the_office.lock:
        return register_rows(the_office.raw_registry, year, direction,
                             visible=lambda record: visible(record, user.clearance))


BOOK_PAGE_ROWS = 100


@router.get("/book")
def book_page(request: Request, year: str = "", direction: str = "",
              page: int = Query(1, ge=1, le=100_000),
              user: User = _MAY_REPORTS) -> Response:
    """The register a page of rows at a time (the PDF and XLSX hold the whole year)."""
    from paayesh_docs.reports.register import register_page, register_title
    from paayesh_docs.tracking.tracker import today

    chosen_year = _year(year, today())
    chosen = _direction(direction)
    the_office = office(request)
    with the_office.lock:
        rows, total = register_page(the_office.raw_registry, chosen_year, chosen,
                                    user.clearance, (page - 1) * BOOK_PAGE_ROWS,
                                    BOOK_PAGE_ROWS)
    query = urlencode({k: v for k, v in (("year", chosen_year), ("direction", chosen or ""))
                       if v})
    return render(request, "book.html", rows=rows, total=total, page=page,
                  pages=max(1, -(-total // BOOK_PAGE_ROWS)),
                  first=(page - 1) * BOOK_PAGE_ROWS + 1, year=chosen_year,
                  direction=chosen or "", title=register_title(chosen_year, chosen),
                  directions=DIRECTIONS, query=query)


@router.get("/book.{fmt}")
def book_download(request: Request, fmt: str, year: str = "", direction: str = "",
                  user: User = _MAY_REPORTS) -> Response:
    from paayesh_docs.tracking.tracker import today

    if fmt not in ("pdf", "xlsx"):
        raise HTTPException(404, "پرونده پیدا نشد / not found")
    chosen_year = _year(year, today())
    chosen = _direction(direction)
    rows = _register(request, user, chosen_year, chosen)
    if fmt == "pdf":
        from paayesh_docs.reports.register import register_pdf

        data = register_pdf(office(request).settings, rows, chosen_year, chosen)
    else:
        from paayesh_docs.reports.xlsx import register_workbook

        data = register_workbook(rows, chosen_year, chosen)
    office(request).audit.log(user, "download", detail={
        "register": chosen_year, "direction": chosen, "format": fmt})
    name = f"register-{chosen_year}{'-' + chosen if chosen else ''}.{fmt}"
    return _attachment(data, fmt, name)


@router.get("/search/export.{fmt}")
def search_export(request: Request, fmt: str, q: str = "", kind: str = "",
                  direction: str = "", since: str = "", until: str = "", sender: str = "",
                  recipient: str = "", copy_to: str = "", classification: str = "",
                  status: str = "", sort: str = "relevance",
                  limit: int = Query(10_000, ge=1, le=100_000),
                  user: User = Depends(require("read"))) -> Response:
    """Every hit of the search page's query and filters, as XLSX or CSV (UTF-8 with BOM)."""
    from paayesh_docs.reports.exports import search_csv, search_table, search_workbook
    from paayesh_docs.web.routes.search import BadDate, asked_from

    if fmt not in ("xlsx", "csv"):
        raise HTTPException(404, "پرونده پیدا نشد / not found")
    asked = asked_from(q, kind, direction, since, until, sender, recipient, copy_to,
                       classification, status, sort)
    try:
        filters = asked.filters(user)
    except BadDate as bad:
        raise _bad(f"«{bad.value}» تاریخ معتبری نیست", f"{bad.name}={bad.value!r} is not a date"
                   ) from None
    the_office = office(request)
    with the_office.lock:
        registry = the_office.raw_registry
        hits = registry.search(asked.q, filters, limit, 0, asked.sort).hits
        hits = [hit for hit in hits if visible(registry.get(hit["id"]), user.clearance)]
        table = search_table(registry, hits)
    data = search_workbook(table) if fmt == "xlsx" else search_csv(table)
    the_office.audit.log(user, "download", detail={
        "search": asked.q, "filters": asked.query(), "rows": len(hits), "format": fmt})
    return _attachment(data, fmt, f"search.{fmt}")
