"""`paayesh report period`, `report register`, `resolution done|undo|list`: the periodic
reports and the register from the command line (the library is `paayesh_docs.reports`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from paayesh_docs.cli.common import UserError, date_option, echo_json, jalali_text, settings_from

_FILE = click.Path(dir_okay=False, path_type=Path)


@contextmanager
def _tracker(ctx: click.Context) -> Iterator[Any]:
    from paayesh_docs.cli.tracking import _tracker as tracker

    with tracker(ctx) as found:
        yield found


def _on(value: str | None) -> str:
    from paayesh_docs.tracking.tracker import today

    return date_option(value) or today()


def _period(text: str) -> Any:
    from paayesh_docs.reports.periods import PeriodError, parse_period

    try:
        return parse_period(text)
    except PeriodError as error:
        raise UserError(error.fa, error.en) from None


def _written(path: Path) -> None:
    click.echo(f"نوشته شد / written: {path}", err=True)


@click.group("report")
def report_group() -> None:
    """The directive's periodic reports and the register. گزارش‌ها"""


@report_group.command("period")
@click.argument("period")
@click.option("--on", "on", help="As of this Jalali date (default: today).")
@click.option("--json", "as_json", is_flag=True, help="The figures as one JSON document.")
@click.option("--xlsx", type=_FILE, help="Write the tables to this Excel file.")
@click.option("--docx", type=_FILE, help="Write the analytical report as DOCX.")
@click.option("--pdf", type=_FILE, help="Write the analytical report as PDF.")
@click.option("--register", "register", is_flag=True,
              help="Number and register the report like any composed document (outbox/).")
@click.pass_context
def period_command(ctx: click.Context, period: str, on: str | None, as_json: bool,
                   xlsx: Path | None, docx: Path | None, pdf: Path | None,
                   register: bool) -> None:
    """The report of PERIOD: 1405, 1405H2, 1405Q3 or 1405-08. گزارش دوره‌ای"""
    from paayesh_docs.reports.figures import period_report

    found = _period(period)
    day = _on(on)
    with _tracker(ctx) as tracker:
        figures = period_report(tracker, found, day)
    settings = settings_from(ctx)
    if xlsx:
        from paayesh_docs.reports.xlsx import report_workbook

        _write(xlsx, report_workbook(figures, found))
    if docx or pdf or register:
        from paayesh_docs.reports.document import ReportDocument

        document = ReportDocument(settings, found, figures)
        if register:
            outcome = document.register()
            if as_json:
                figures["registered"] = outcome.as_json()
            else:
                click.echo(f"ثبت شد / registered: {outcome.registry_number} "
                           f"{outcome.docx} {outcome.pdf}")
        if docx:
            _write(docx, document.docx())
        if pdf:
            _write(pdf, document.pdf())
    if as_json:
        echo_json(figures)
    elif not (xlsx or docx or pdf or register):
        from paayesh_docs.reports.text import print_summary

        print_summary(figures, found)


def _write(path: Path, data: bytes) -> None:
    from paayesh_docs.compose.flow import write_outbox

    try:
        write_outbox(path, data)
    except OSError as error:
        raise UserError(f"فایل «{path}» نوشته نشد: {error.strerror or error}",
                        f"Could not write {path}: {error.strerror or error}") from None
    _written(path)


def export_search(registry: Any, query: str, filters: Any, result: Any, xlsx: Path | None,
                  csv_file: Path | None) -> None:
    """`search … --xlsx/--csv`: every hit of the search, written as a spreadsheet."""
    from paayesh_docs.reports.exports import search_csv, search_table, search_workbook

    hits = result.hits
    if result.total > len(hits):
        hits = registry.search(query, filters, result.total).hits
    table = search_table(registry, hits)
    if xlsx:
        _write(xlsx, search_workbook(table))
    if csv_file:
        _write(csv_file, search_csv(table))


@report_group.command("register")
@click.argument("year")
@click.option("--direction", type=click.Choice(["incoming", "outgoing", "internal"]))
@click.option("--pdf", type=_FILE, help="Write the register as PDF (landscape).")
@click.option("--xlsx", type=_FILE, help="Write the register as an Excel file.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def register_command(ctx: click.Context, year: str, direction: str | None, pdf: Path | None,
                     xlsx: Path | None, as_json: bool) -> None:
    """The register (دفتر اندیکاتور) of a Jalali YEAR, in registry-number order."""
    from paayesh_docs.persian.digits import to_latin_digits
    from paayesh_docs.registry import Registry
    from paayesh_docs.reports.register import register_rows

    plain = to_latin_digits(year).strip()
    if not (plain.isdigit() and len(plain) == 4):
        raise UserError(f"«{year}» سال نیست؛ سال شمسی را چهار رقمی بنویسید (1405).",
                        f"{year!r} is not a year: write the Jalali year in four digits (1405).")
    from paayesh_docs.tracking.tracker import paused_collector

    settings = settings_from(ctx)
    with Registry(settings) as registry:
        rows = register_rows(registry, int(plain), direction)
    if xlsx:
        from paayesh_docs.reports.xlsx import register_workbook

        with paused_collector():  # a year's rows, as lists of cells, a sheet at a time
            data = register_workbook(rows, int(plain), direction)
        _write(xlsx, data)
    if pdf:
        from paayesh_docs.reports.register import register_pdf

        _write(pdf, register_pdf(settings, rows, int(plain), direction))
    if as_json:
        echo_json({"year": int(plain), "direction": direction, "rows": rows})
    elif not (xlsx or pdf):
        from paayesh_docs.reports.text import print_register

        print_register(rows)


@click.group("resolution")
def resolution_group() -> None:
    """The committee's resolutions: mark one done, undo a mark, list them. مصوبات"""


def _meeting(tracker: Any, number: str, date: str | None) -> Any:
    from paayesh_docs.persian.digits import to_latin_digits, to_persian_digits

    wanted = to_latin_digits(number).strip().lstrip("0") or "0"
    meetings = [m for m in tracker.meetings("1499-12-29").meetings
                if m.number == wanted and (date is None or m.date == date)]
    if not meetings:
        raise UserError(f"جلسه شماره {to_persian_digits(number)} در صورتجلسه‌های ثبت‌شده "
                        "پیدا نشد.", f"No registered minutes of meeting {number}.")
    if len(meetings) > 1:
        days = "، ".join(jalali_text(m.date) for m in meetings)
        raise UserError(f"چند جلسه شماره {to_persian_digits(number)} هست ({days})؛ تاریخ "
                        "جلسه را با --date بدهید.",
                        f"Several meetings are numbered {number} "
                        f"({', '.join(m.date for m in meetings)}): give --date.")
    return meetings[0]


def _item(meeting: Any, item: int | None) -> int:
    from paayesh_docs.persian.digits import to_persian_digits

    count = len(meeting.resolutions)
    if count == 0:
        raise UserError(f"صورتجلسه جلسه {to_persian_digits(meeting.number)} مصوبه‌ای ندارد.",
                        f"The minutes of meeting {meeting.number} have no resolutions.")
    if item is None and count == 1:
        return 1
    if item is None or not 1 <= item <= count:
        listed = "\n".join(f"{to_persian_digits(str(i))}- {text}"
                           for i, (text, _, _) in enumerate(meeting.resolutions, 1))
        raise UserError(f"جلسه {to_persian_digits(meeting.number)} {to_persian_digits(str(count))} "
                        f"مصوبه دارد؛ شماره مصوبه را با --item بدهید:\n{listed}",
                        f"Meeting {meeting.number} has {count} resolutions: give --item 1.."
                        f"{count}.")
    return item


def _mark(ctx: click.Context, meeting_number: str, date: str | None, item: int | None,
          on: str | None, note: str, done: bool, as_json: bool) -> None:
    from paayesh_docs.persian.digits import to_persian_digits
    from paayesh_docs.registry.revisions import current_user
    from paayesh_docs.tracking.marks import Marks

    day = _on(on)
    with _tracker(ctx) as tracker:
        meeting = _meeting(tracker, meeting_number, date_option(date))
        chosen = _item(meeting, item)
        with Marks(tracker.registry.folder) as marks:
            mark = marks.add(meeting.number, meeting.date, chosen, done, day, current_user(),
                             note)
    text = meeting.resolutions[chosen - 1][0]
    if as_json:
        echo_json(mark.__dict__ | {"text": text})
        return
    state = "انجام‌شده" if done else "انجام‌نشده"
    click.echo(f"مصوبه {to_persian_digits(str(chosen))} جلسه {to_persian_digits(meeting.number)} "
               f"({jalali_text(meeting.date)}) از {jalali_text(day)} {state} ثبت شد: {text}")
    click.echo(f"resolution {chosen} of meeting {meeting.number} marked "
               f"{'done' if done else 'not done'} as of {day}")


_MEETING = click.option("--meeting", "meeting", required=True,
                        help="The meeting's number (جلسه شماره N).")
_DATE = click.option("--date", help="The meeting's date, when two meetings share a number.")
_ITEM = click.option("--item", type=int, help="The resolution's place in the minutes (1, 2, ...).")
_ON_MARK = click.option("--on", "on", help="Done as of this Jalali date (default: today).")


@resolution_group.command("done")
@_MEETING
@_DATE
@_ITEM
@_ON_MARK
@click.option("--note", default="", help="What was done (kept with the mark).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def done_command(ctx: click.Context, meeting: str, date: str | None, item: int | None,
                 on: str | None, note: str, as_json: bool) -> None:
    """Mark a resolution of the committee done. ثبت انجام مصوبه"""
    _mark(ctx, meeting, date, item, on, note, True, as_json)


@resolution_group.command("undo")
@_MEETING
@_DATE
@_ITEM
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def undo_command(ctx: click.Context, meeting: str, date: str | None, item: int | None,
                 as_json: bool) -> None:
    """Take back a mark made by mistake. لغو ثبت انجام"""
    _mark(ctx, meeting, date, item, None, "", False, as_json)


@resolution_group.command("list")
@click.option("--period", "period", help="Only the meetings of this period (e.g. 1405Q3).")
@click.option("--on", "on", help="As of this Jalali date (default: today).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def list_command(ctx: click.Context, period: str | None, on: str | None, as_json: bool) -> None:
    """The resolutions and whether each is done, open or overdue. فهرست مصوبات"""
    from paayesh_docs.reports.figures import period_report
    from paayesh_docs.reports.periods import Period

    day = _on(on)
    found = _period(period) if period else Period("all", "year", 1300, 1)
    with _tracker(ctx) as tracker:
        if not period:  # every meeting there is: a span of every year
            figures = period_report(tracker, _Everything(), day)
        else:
            figures = period_report(tracker, found, day)
    rows = figures["resolutions"]["list"]
    if as_json:
        echo_json({"on": day, "resolutions": rows})
        return
    from paayesh_docs.reports.text import print_resolutions

    print_resolutions(rows, day)


class _Everything:
    """A period holding every day (for `resolution list` without --period)."""

    name, kind, start, end, months, quarters = "all", "all", "1300-01-01", "1499-12-29", [], []
