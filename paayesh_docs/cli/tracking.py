"""`paayesh escalations`, `due`, `meetings`, `thread`, `tracking rebuild`: tracking from the
command line. Each command catches tracking up with the registry first, then answers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from paayesh_docs.cli.common import UserError, date_option, echo_json, jalali_text, settings_from
from paayesh_docs.registry.numbering import DIRECTION_NAMES

STATUS_FA = {"open": "باز", "answered": "پاسخ داده شد", "overdue": "معوق"}
HOW_FA = {"cc": "رونوشت در نامه", "letter": "نامه جداگانه", "addressed": "خطاب به دبیرخانه"}
KIND_FA = {"escalation": "پاسخ پیگیری", "resolution": "مصوبه", "statistics": "آمار"}
DIRECTION_FA = DIRECTION_NAMES


@contextmanager
def _tracker(ctx: click.Context) -> Iterator[Any]:
    """The office's tracking, caught up; a command is short, so the cycle collector stays
    paused throughout (it would walk every fact of a large registry again and again)."""
    from paayesh_docs.registry import Registry
    from paayesh_docs.tracking import Tracker
    from paayesh_docs.tracking.tracker import paused_collector

    with paused_collector(), Registry(settings_from(ctx)) as registry:
        tracker = Tracker(registry)
        try:
            tracker.sync()
            yield tracker
        finally:
            tracker.close()


def _on(value: str | None) -> str:
    from paayesh_docs.tracking.tracker import today

    return date_option(value) or today()


def _fa(value: object) -> str:
    from paayesh_docs.persian.digits import to_persian_digits

    return to_persian_digits(str(value)) if value not in (None, "") else "—"


def _table(title: str, columns: list[str], rows: list[list[str]]) -> None:
    """A right-aligned table; a column named with a leading `=` never wraps (dates, numbers)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="right")
    for column in columns:
        table.add_column(column.lstrip("="), justify="right", no_wrap=column.startswith("="))
    for row in rows:
        table.add_row(*row)
    Console(highlight=False).print(table)


def _days_left(days: int) -> str:
    if days < 0:
        return f"{_fa(-days)} روز گذشته"
    return "امروز" if days == 0 else f"{_fa(days)} روز مانده"


def _body(tracker: Any, recipient: str | None) -> str:
    """The body a recipient line addresses, as paayesh.toml names it (short, for tables)."""
    body = tracker.rules.body_of(recipient) if recipient else None
    return body[1] if body else recipient or "—"


def _summary(fa: str, en: str) -> None:
    click.echo(f"{fa} / {en}")


@click.command("escalations")
@click.option("--level", type=int, help="Only this level (1, 2, 3).")
@click.option("--missing-copy", is_flag=True, help="Only those without a copy to the secretariat.")
@click.option("--overdue", is_flag=True, help="Only those whose reply is overdue.")
@click.option("--on", "on", help="Evaluate as of this Jalali date (default: today).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def escalations_command(ctx: click.Context, level: int | None, missing_copy: bool, overdue: bool,
                        on: str | None, as_json: bool) -> None:
    """Escalations (clause 2), their copies to the secretariat and replies. پیگیری‌ها"""
    from paayesh_docs.tracking.report import escalations_json

    day = _on(on)
    with _tracker(ctx) as tracker:
        levels = {lv.level for lv in tracker.rules.settings.levels}
        if level is not None and level not in levels:
            raise UserError(f"سطح {_fa(level)} تعریف نشده است (سطح‌ها: "
                            f"{_fa('، '.join(map(str, sorted(levels))))}).",
                            f"Level {level} is not defined (levels: {sorted(levels)}).")
        found = [e for e in tracker.escalations(day)
                 if (level is None or e.level == level) and (not missing_copy or e.copy is None)
                 and (not overdue or e.status == "overdue")]
        rows = escalations_json(tracker, found)
        names = {r["recipient"]: _body(tracker, r["recipient"]) for r in rows}
    if as_json:
        echo_json({"on": day, "escalations": rows})
        return
    _table(f"پیگیری‌ها (بند ۲ دستورالعمل) تا {jalali_text(day)}",
           ["=شماره ثبت", "=تاریخ", "=سطح", "گیرنده", "موضوع", "رونوشت", "=مهلت پاسخ",
            "وضعیت"],
           [[_fa(r["registry_number"]), jalali_text(r["date"]), _fa(r["level"]),
             names[r["recipient"]], r["subject"] or "—",
             HOW_FA[r["copy"]["how"]] if r["copy"] else "ندارد ✗", jalali_text(r["due"]),
             STATUS_FA[r["status"]]] for r in rows])
    counts = Counter(r["status"] for r in rows)
    missing = sum(r["copy"] is None for r in rows)
    _summary(f"{_fa(len(rows))} پیگیری: {_fa(counts['open'])} باز، {_fa(counts['overdue'])} "
             f"معوق، {_fa(counts['answered'])} پاسخ داده شده، {_fa(missing)} بدون رونوشت",
             f"{len(rows)} escalations: {counts['open']} open, {counts['overdue']} overdue, "
             f"{counts['answered']} answered, {missing} missing copy")


@click.command("due")
@click.option("--within", "within", type=int, help="Only what falls due within DAYS (and all "
              "that is overdue).")
@click.option("--on", "on", help="Evaluate as of this Jalali date (default: today).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def due_command(ctx: click.Context, within: int | None, on: str | None, as_json: bool) -> None:
    """Everything due or overdue: replies, resolutions, statistics steps. سررسیدها"""
    from paayesh_docs.tracking.report import due_json

    if within is not None and within < 0:
        raise UserError("تعداد روز نمی‌تواند منفی باشد.", "--within must not be negative.")
    day = _on(on)
    with _tracker(ctx) as tracker:
        rows = due_json(tracker, tracker.due(day, within), day)
        for row in rows:
            if row["kind"] == "escalation":
                row["owner"] = _body(tracker, row["owner"])
    if as_json:
        echo_json({"on": day, "due": rows})
        return
    _table(f"سررسیدها تا {jalali_text(day)}",
           ["=مهلت", "=وضعیت", "=نوع", "شرح", "مسئول", "=شماره ثبت"],
           [[jalali_text(r["due"]), _days_left(r["days_left"]), KIND_FA[r["kind"]],
             r["subject"] if r["kind"] == "escalation" else r["what"], r["owner"] or "—",
             _fa(r["registry_number"])] for r in rows])
    overdue = sum(r["status"] == "overdue" for r in rows)
    _summary(f"{_fa(len(rows))} مورد: {_fa(overdue)} معوق، {_fa(len(rows) - overdue)} باز",
             f"{len(rows)} items: {overdue} overdue, {len(rows) - overdue} open")


@click.command("meetings")
@click.option("--on", "on", help="Evaluate as of this Jalali date (default: today).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def meetings_command(ctx: click.Context, on: str | None, as_json: bool) -> None:
    """The committee's meetings: gaps, extraordinary meetings, minutes not sent to TPO. جلسات"""
    from paayesh_docs.tracking.report import meetings_json

    day = _on(on)
    with _tracker(ctx) as tracker:
        report = meetings_json(tracker, tracker.meetings(day))
    if as_json:
        echo_json({"on": day, **report})
        return
    _table(f"جلسات کمیته تا {jalali_text(day)}",
           ["=جلسه", "=تاریخ", "نوع", "ارسال صورتجلسه به سازمان توسعه تجارت", "شماره ثبت"],
           [[_fa(m["number"]), jalali_text(m["date"]),
             "فوق‌العاده" if m["extraordinary"] else "عادی",
             f"{HOW_FA[m['sent']['how']] if m['sent']['how'] != 'cc' else 'رونوشت صورتجلسه'} "
             f"{_fa(m['sent']['registry_number'])}" if m["sent"] else "ارسال نشده ✗",
             _fa("، ".join(n for n in m["registry_numbers"] if n))] for m in report["meetings"]])
    for gap in report["gaps"]:
        click.echo(f"فاصله {_fa(gap['days'])} روزه بین جلسات {jalali_text(gap['from'])} و "
                   f"{jalali_text(gap['to'])} / a {gap['days']}-day gap")
    if report["next_due"]:
        late = " (گذشته است / overdue)" if report["next_overdue"] else ""
        click.echo(f"جلسه عادی بعدی: {jalali_text(report['next_due'])}{late}")
    _summary(f"{_fa(len(report['meetings']))} جلسه، {_fa(len(report['gaps']))} فاصله بیش از "
             f"حد، {_fa(len(report['unsent']))} صورتجلسه ارسال‌نشده",
             f"{len(report['meetings'])} meetings, {len(report['gaps'])} gaps, "
             f"{len(report['unsent'])} minutes not sent to TPO")


@click.command("thread")
@click.argument("reference")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def thread_command(ctx: click.Context, reference: str, as_json: bool) -> None:
    """The whole chain of a letter (id, registry or letter number), oldest first. سابقه نامه"""
    from paayesh_docs.tracking.report import thread_json

    with _tracker(ctx) as tracker:
        found = tracker.find(reference)
        if not found:
            raise UserError(f"پرونده‌ای با «{reference}» پیدا نشد.",
                            f"No record matches {reference!r}.")
        if len(found) > 1:
            numbers = [r["registry_number"] for r in found]
            raise UserError(f"چند نامه شماره «{reference}» دارند؛ شماره ثبت یکی را بدهید: "
                            f"{_fa('، '.join(numbers))}",
                            f"{len(found)} letters carry {reference!r}; give one registry "
                            f"number: {', '.join(numbers)}")
        record = found[0]
        rows = thread_json(tracker, tracker.thread(record["id"]))
    if as_json:
        echo_json({"id": record["id"], "thread": rows})
        return
    numbers = {r["id"]: r["registry_number"] for r in rows}
    _table(f"سابقه نامه {_fa(record['registry_number'])}",
           ["=تاریخ", "=شماره ثبت", "=شماره نامه", "=نوع", "موضوع", "=عطف / پیرو"],
           [[jalali_text(r["date"]), _fa(r["registry_number"]), _fa(r["number"]),
             DIRECTION_FA.get(r["direction"], "—"),
             ("«ابطال‌شده» " if r.get("status") == "void" else "") + (r["subject"] or "—"),
             _fa("، ".join(numbers[i] for i in r["cites"] if i in numbers))] for r in rows])
    _summary(f"{_fa(len(rows))} نامه در این رشته", f"{len(rows)} records in this thread")


@click.group("tracking")
def tracking_group() -> None:
    """The tracking state kept in registry/tracking/. وضعیت پیگیری"""


@tracking_group.command("rebuild")
@click.pass_context
def rebuild_command(ctx: click.Context) -> None:
    """Rebuild the tracking state from the records. بازسازی"""
    from paayesh_docs.registry import Registry
    from paayesh_docs.tracking import Tracker

    with Registry(settings_from(ctx)) as registry:
        tracker = Tracker(registry)
        try:
            count = tracker.rebuild()
        finally:
            tracker.close()
    click.echo(f"وضعیت پیگیری بازسازی شد: {_fa(count)} پرونده / tracking rebuilt: "
               f"{count} records")
