"""`paayesh ingest`, `search`, `show`, `reindex`, `check`: the registry from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from paayesh_docs.cli.common import (
    FILE_STATUS_FA,
    UserError,
    date_option,
    echo_json,
    jalali_text,
    settings_from,
)


def _open(ctx: click.Context) -> Any:
    from paayesh_docs.registry import Registry

    return Registry(settings_from(ctx))


def _print_notes(registry: Any) -> None:
    """What the user should know besides the answer (e.g. the index left behind on a
    read-only registry), on standard error so that `--json` output stays one document."""
    for note in dict.fromkeys(f"{n['fa']}\n{n['en']}" for n in registry.notes):
        click.echo(f"توجه: {note}", err=True)


@click.command("ingest")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--direction", type=click.Choice(["incoming", "outgoing", "internal"]),
              default="incoming", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON line per file.")
@click.pass_context
def ingest_command(ctx: click.Context, files: tuple[Path, ...], direction: str,
                   as_json: bool) -> None:
    """Register FILES in the registry (the pipeline the watcher uses). ثبت فایل‌ها

    Each file registered is listed in the day's inbox/_registered/<Jalali day>.txt too.
    """
    from paayesh_docs.inbox.daily_list import note_registered
    from paayesh_docs.persian.digits import to_persian_digits

    rejected = 0
    with _open(ctx) as registry:
        for path in files:
            result = registry.register(path, direction=direction, index=False)
            rejected += result.status == "rejected"
            if result.status == "registered" and result.record:
                note_registered(registry.settings.inbox, [result.record])
            if as_json:
                echo_json(result.as_json())
            else:
                number = to_persian_digits(result.registry_number or "")
                reason = (result.reason or {}).get("fa", "")
                click.echo(f"{FILE_STATUS_FA[result.status]}\t{number}\t{path.name}\t{reason}")
        registry.sync_index()
    if rejected:
        raise SystemExit(1)


@click.command("search")
@click.argument("query", default="")
@click.option("--kind", type=click.Choice(["letter", "minutes", "report", "directive",
                                           "regulation", "news", "other"]))
@click.option("--direction", type=click.Choice(["incoming", "outgoing", "internal"]))
@click.option("--status")
@click.option("--sender", help="Sender name, any spelling.")
@click.option("--recipient", help="Recipient name, any spelling.")
@click.option("--copy-to", help="Has a copy (رونوشت) to this body.")
@click.option("--since", help="Jalali date, any written form (e.g. 1405/01/01).")
@click.option("--until", help="Jalali date, any written form.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.option("--xlsx", type=click.Path(dir_okay=False, path_type=Path),
              help="Write every hit (not only --limit) to this Excel file.")
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write every hit to this CSV file (UTF-8, for Excel).")
@click.pass_context
def search_command(ctx: click.Context, query: str, kind: str | None, direction: str | None,
                   status: str | None, sender: str | None, recipient: str | None,
                   copy_to: str | None, since: str | None, until: str | None, limit: int,
                   as_json: bool, xlsx: Path | None, csv_file: Path | None) -> None:
    """Search the registry in Persian; every spelling of a word finds it. جستجو"""
    from paayesh_docs.registry import Filters

    filters = Filters(kind=kind, direction=direction, status=status, sender=sender,
                      recipient=recipient, copy_to=copy_to, since=date_option(since),
                      until=date_option(until))
    with _open(ctx) as registry:
        result = registry.search(query, filters, limit)
        _print_notes(registry)
        if xlsx or csv_file:
            from paayesh_docs.cli.reports import export_search

            export_search(registry, query, filters, result, xlsx, csv_file)
    if as_json:
        echo_json({"total": result.total, "hits": result.hits})
        return
    _print_hits(result)


def hits_line(shown: int, total: int) -> str:
    """How many hits are shown of how many: «۱۰ از ۲۳۴ نتیجه / showing 10 of 234»."""
    from paayesh_docs.persian.digits import to_persian_digits

    if total == 0:
        return "نتیجه‌ای پیدا نشد / no results"
    if shown < total:
        return (f"{to_persian_digits(str(shown))} از {to_persian_digits(str(total))} نتیجه "
                f"(بیشتر با --limit) / showing {shown} of {total} (more with --limit)")
    return f"{to_persian_digits(str(total))} نتیجه / {total} result{'s' * (total != 1)}"


def _print_hits(result: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    from paayesh_docs.persian.digits import to_persian_digits

    if result.hits:
        table = Table()
        for column in ("شماره ثبت", "شماره نامه", "تاریخ", "موضوع", "فایل"):
            table.add_column(column)
        for hit in result.hits:
            subject = hit["subject"] or "—"
            if hit.get("status") == "void":
                subject = f"«ابطال‌شده» {subject}"
            table.add_row(to_persian_digits(hit["registry_number"]),
                          to_persian_digits(hit["number"] or "—"), jalali_text(hit["date"]),
                          subject, hit["file"] or "—")
        Console(highlight=False).print(table)
    click.echo(hits_line(len(result.hits), result.total))


@click.command("show")
@click.argument("reference")
@click.option("--json", "as_json", is_flag=True)
@click.option("--history", is_flag=True, help="Every revision: edits and voiding. سابقه اصلاحات")
@click.pass_context
def show_command(ctx: click.Context, reference: str, as_json: bool, history: bool) -> None:
    """Show one record by id, registry number or letter number. نمایش پرونده"""
    with _open(ctx) as registry:
        record = registry.find(reference)
        settings = registry.settings
    if record is None:
        raise UserError(f"پرونده‌ای با «{reference}» پیدا نشد.", f"No record matches {reference!r}.")
    if history:
        from paayesh_docs.cli.edit import print_history

        print_history(record, as_json)
        return
    if record.get("status") == "void" and not as_json:
        click.echo(f"ابطال‌شده / void: {record.get('void_reason') or ''}")
    if as_json:
        echo_json(record)
        return
    from paayesh_docs.cli.layout import print_record

    print_record(record, settings.home, settings.registry)


@click.command("reindex")
@click.pass_context
def reindex_command(ctx: click.Context) -> None:
    """Rebuild the search index from the records. بازسازی نمایه جستجو"""
    with _open(ctx) as registry:
        count = registry.reindex()
    click.echo(f"نمایه بازسازی شد / index rebuilt: {count} records")


@click.command("check")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def check_command(ctx: click.Context, as_json: bool) -> None:
    """Check that records, archived files and the index agree; repair the index. بررسی"""
    from paayesh_docs.compose.pending import restore_outbox

    with _open(ctx) as registry:
        report = registry.check()
        report["outbox_restored"] = [str(p) for p in restore_outbox(settings_from(ctx),
                                                                     registry)]
        _print_notes(registry)
    if as_json:
        echo_json(report)
    else:
        click.echo(f"records: {report['records']}  index repaired: {report['index_repaired']}")
        if report["temporaries_removed"]:
            removed = report["temporaries_removed"]
            click.echo(f"فایل موقت رهاشده پاک شد: {removed} / leftover temporary files removed: "
                       f"{removed}")
        for path in report["outbox_restored"]:
            click.echo(f"بازنویسی در outbox / restored to outbox: {path}")
        for problem in report["problems"]:
            click.echo(f"problem: {problem}")
        click.echo("سالم / ok" if report["ok"] else "مشکل دارد / problems found")
    if not report["ok"]:
        raise SystemExit(1)
